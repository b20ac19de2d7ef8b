"""Messages that belong to no one layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "general.joined": {"en": "{items:and}", "fi": "{items:and}",
                       "example": {"items": ["Kainuu", "Lappi", "Uusimaa"]}},
    # a scenario key's value alone (vocabulary.values.value_text)
    "value.none": {"en": "none", "fi": "ei rajaa", "example": {}},
    "value.yes": {"en": "yes", "fi": "kyllä", "example": {}},
    "value.no": {"en": "no", "fi": "ei", "example": {}},
    "value.share": {"en": "{share:pctg}", "fi": "{share:pctg}", "example": {"share": 0.25}},
}
