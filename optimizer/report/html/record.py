"""The audit appendix ("On record"): every key with its value and origin, the inputs, the
versions. Internal keys show here, as the scenario file writes them."""

from __future__ import annotations

import json

from optimizer.report.analyses import Analyses
from optimizer.report.html.toolkit import (
    Cell,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import origin_name
from optimizer.vocabulary.words import Words


def record_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    """The audit record: every key with its value and origin, the inputs, the versions."""
    audit = a.audit
    over = audit.overrides()
    body = [para(say(w, "report.record_section.every_figure_in_this")),
            para(say(w, "report.record_section.changed_on_top_of")
                 + ("; ".join(f"{k.key} = {k.value} ({_origin(k.origin, w)})" for k in over)
                    if over else w["nothing"]) + ".")]
    body.append(table([w["key"], say(w, "report.record_section.value"), w["from"]],
                      [[nowrap(k.key), _shown(k.value), nowrap(_origin(k.origin, w))]
                       for k in audit.keys],
                      cls="rules"))
    body.append(table([w["input_file"], "SHA-256", num(w["bytes"])],
                      [[_origin(i.path, w), Cell(i.sha256, "hash"), num(i.bytes)]
                        for i in audit.inputs]))
    body.append(para(say(w, "report.record_section.versions")
                     + ", ".join(f"{k} {v}" for k, v in audit.versions.items()) + ".", "note"))
    return section(prefix + "record", w["record"], body, level)


def _origin(origin: str, w: Words) -> str:
    """Where a key's value comes from (analysis.audit writes it in English)."""
    return origin_name(origin, w.lang)


def _shown(value: object) -> str:
    """A record value as the scenario file writes it (true, not Python's True)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
