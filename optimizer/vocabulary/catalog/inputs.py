"""Problems in a user's input files (readers, scoring sheets, call.toml, boundaries): where
they are and what is wrong, in English and Finnish. Codes start with "input."; like the
scenario's, they may name a file's column or key, which the person edits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.vocabulary.words import Words


def _where(a: Mapping[str, Any], w: Words) -> str:
    fi = w.lang == "fi"
    parts = [a["file"]] if a["file"] else []
    if a["row"] is not None:
        parts.append(f"{'rivi' if fi else 'row'} {a['row']}")
    if a["column"]:
        parts.append(f"{'sarake' if fi else 'column'} {a['column']!r}")
    return ", ".join(parts)


MESSAGES: Mapping[str, Mapping[str, Any]] = {
    "input.where": {"en": _where, "fi": _where,
                    "example": {"file": "hakemukset.csv", "row": 3, "column": "haettu"}},
    "input.value": {"en": " (value: {value!r})", "fi": " (arvo: {value!r})",
                    "example": {"value": "12,5,0"}},
    "input.more": {"en": "... and {more} more problems; fix these first, or see them all with "
                         "grantopt data check",
                   "fi": "... ja {more} muuta ongelmaa; korjaa nämä ensin tai katso kaikki "
                         "komennolla grantopt data check",
                   "example": {"more": 120}},
}
