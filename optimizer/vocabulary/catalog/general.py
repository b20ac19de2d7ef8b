"""Messages that belong to no one layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from optimizer.vocabulary.render import Template

MESSAGES: Mapping[str, Mapping[str, Template]] = {
    "general.joined": {"en": "{items:and}", "fi": "{items:and}"},
}
