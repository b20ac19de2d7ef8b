"""Messages that belong to no one layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "general.joined": {"en": "{items:and}", "fi": "{items:and}",
                       "example": {"items": ["Kainuu", "Lappi", "Uusimaa"]}},
}
