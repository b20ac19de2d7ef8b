"""What an explanation row says, as message codes (vocabulary/catalog/explain.py): the one
sentence a journalist could quote, then a sentence per link and per pool, year or fair-share
rule that binds. The words are the catalog's, in either language; here only the numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from optimizer.analysis.bindings import EXCLUDED, IN, LINK, STRUCTURE, Binding
from optimizer.model.instance import Instance
from optimizer.vocabulary.message import Message

if TYPE_CHECKING:
    from optimizer.analysis.explanation import ExplainRow, Moved


def row_messages(instance: Instance, r: ExplainRow, optimum: float) -> tuple[Message, ...]:
    """The row's sentence, its link sentences and its pool, year and fair-share sentences."""
    links = [link_sentence(r.id, r.status, b.detail) for b in r.bindings if b.rule == LINK]
    rules = [structure_sentence(r.id, r.status, [b for b in r.bindings if b.rule == rule])
             for rule in STRUCTURE if any(b.rule == rule for b in r.bindings)]
    return (row_message(instance, r, optimum), *links, *rules)


def sentence(instance: Instance, r: ExplainRow, optimum: float, lang: str = "en") -> str:
    """The row in plain sentences, in the language (the row's reasons as they are)."""
    return said(row_messages(instance, r, optimum), lang)


def said(messages: Iterable[Message], lang: str) -> str:
    return " ".join(m.text(lang) for m in messages)


def row_message(instance: Instance, r: ExplainRow, optimum: float) -> Message:
    """The one sentence: why the row is where it is, and what flipping it would move."""
    who = {"id": r.id, "label": instance.labels.get(r.id, ""),
           "project": instance.projects.get(r.id, ""), "score": r.score}
    if r.status == EXCLUDED:
        return Message.of("explain.row_excluded", **who, reasons=list(r.reasons))
    if r.loss is not None and math.isinf(r.loss):
        return Message.of("explain.row_infeasible", **who, status=r.status,
                          findings=[finding(x) for x in r.reasons])
    flip: dict[str, Any] = {
        **who, "status": r.status, "optimum": optimum, "forced": r.forced_value,
        "objective": instance.rules.objective, "tie": r.tie,
        "locked": r.id in (instance.rules.fund if r.status == IN else instance.rules.reject),
        "pushed_out": moved(r.pushed_out), "brought_in": moved(r.brought_in)}
    if r.status == IN:
        return Message.of("explain.row_in", **flip, award=r.award_eur)
    return Message.of("explain.row_out", **flip, max=r.max_eur or 0.0)


def finding(reason: Message | str) -> Message | str:
    """What the diagnosis found, without 'forcing it in is infeasible: '."""
    if isinstance(reason, Message) and reason.code == "explain.flip_infeasible":
        return reason.args["finding"]
    return reason


def moved(projects: Sequence[Moved]) -> list[dict[str, Any]]:
    return [{"id": m.id, "label": m.label, "score": m.score, "award": m.award_eur}
            for m in projects]


def link_sentence(item_id: str, status: str, link: Message) -> Message:
    """'2020-12 is out because it requires 2020-11, which is not funded.'"""
    return Message.of("explain.link_sentence", id=item_id, status=status, link=link)


def structure_sentence(item_id: str, status: str, bindings: Iterable[Binding]) -> Message:
    """'2020-xx is out: the pool P that admits it is spent (...).' One sentence per rule
    (pools, years, fair shares); each binding states the rule with its numbers."""
    return Message.of("explain.structure_sentence", id=item_id, status=status,
                      details=[b.detail for b in bindings])
