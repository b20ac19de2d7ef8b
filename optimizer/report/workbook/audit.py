"""The scenario sheet: the audit record. Internal keys show here, as the scenario file writes
them."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from optimizer.analysis.audit import Audit
from optimizer.report.workbook.sheet import (
    COUNT,
    Column,
    Shown,
    append_block,
    check_lang,
    fit_columns,
    word,
    write_table,
)
from optimizer.scoring.score_table import PROXY
from optimizer.vocabulary.names import origin_name
from optimizer.vocabulary.words import Words


def write_audit_sheet(ws: Any, audit: Audit, lang: str = "en") -> None:
    """The audit record: the resolved scenario (key, value, origin), then the input files
    with their SHA-256, then the versions of the software."""
    check_lang(lang)
    rows = [[k.key, _audit_value(k.value), origin_name(k.origin, lang)] for k in audit.keys]
    write_table(ws, [Column("key"), Column("value", wide=True), Column("origin")], rows, lang)
    w = partial(word, lang=lang)
    append_block(ws, [w("input_file"), w("sha256"), w("bytes")],  # three columns, as before
                 [[origin_name(i.path, lang), i.sha256, Shown(i.bytes, COUNT)]
                  for i in audit.inputs])
    append_block(ws, [w("software"), w("version")], [[n, v] for n, v in audit.versions.items()])
    about: list[list[object]] = [
        [w("title"), audit.title], [w("scenario_file"), audit.scenario_file],
        [w("round"), audit.round], [w("score_source"), _score_label(audit, lang)]]
    if audit.seed is not None:
        about.append([w("seed"), audit.seed])
    about += [[str(k), _audit_value(v)] for k, v in audit.extra.items()]
    append_block(ws, [w("key"), w("value")], about)
    fit_columns(ws)



def _score_label(audit: Audit, lang: str) -> str:
    """The score source, the proxy warning in the language."""
    return Words(lang)["proxy_label"] if audit.score_source == PROXY else audit.score_label



def _audit_value(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value
