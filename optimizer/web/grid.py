"""The grid of applications × scenarios: who is funded in each scenario the page knows.

Columns, left to right: the session's scenario as it is now, the pinned one (if any), every
other scenario the app offers on the same round (each solved once and shared, as the
Library keeps it), every saved scenario of the library on the same round (web/saved.py;
the session's own open one is its "now"), and the actual decision. Rows: every application
of the round, in its order; a row is marked when its columns disagree. A scenario with no
portfolio is a column that says so. Every word comes from the catalog, in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from optimizer.errors import GrantoptError
from optimizer.study import Study
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words
from optimizer.web.handlers import answer, session_of
from optimizer.web.saved import saved_studies, shelf_of
from optimizer.web.state import Library, Sessions

FUNDED, NOT_FUNDED, NOT_FUNDABLE = "funded", "not_funded", "not_fundable"
NOW, PINNED, OFFER, SAVED, ACTUAL = "now", "pinned", "offer", "saved", "actual"


@dataclass(frozen=True)
class Column:
    """One column: a scenario's optimum (or the actual decision) as awards by id."""

    kind: str  # NOW, PINNED, OFFER, SAVED or ACTUAL
    label: str
    title: str  # the scenario's title in the page's language
    feasible: bool
    awards: Mapping[str, float]  # id -> award in euros, funded ones only
    fundable: frozenset[str] | None  # None: every application (the actual decision)

    def state(self, item_id: str) -> str:
        if item_id in self.awards:
            return FUNDED
        if self.fundable is not None and item_id not in self.fundable:
            return NOT_FUNDABLE
        return NOT_FUNDED


def scenario_column(study: Study, kind: str, label: str, lang: str) -> Column:
    """A scenario's optimum as a column (no portfolio: a column that says so)."""
    title = study.scenario.title_in(lang)
    fundable = frozenset(study.case.fundable)
    try:
        allocation = study.solve()
    except GrantoptError:
        return Column(kind, label, title, False, {}, fundable)
    awards = {i: allocation.award_eur(i) for i in allocation.funded}
    return Column(kind, label, title, True, awards, fundable)


def actual_column(study: Study, lang: str) -> Column | None:
    """The actual decision as a column; None when the round has none."""
    if not study.round.awards:
        return None
    awards = {i: e for i, e in study.case.actual_eur.items() if e > 0}
    label = Words(lang)["actual"]
    return Column(ACTUAL, label[:1].upper() + label[1:], label, True, awards, None)


def columns(study: Study, pinned: Study | None, library: Library, lang: str,
            saved: Sequence[tuple[str, Study]] = ()) -> list[Column]:
    """The grid's columns (module doc): an offered scenario is left out when it is the
    session's own unchanged, or when it reads another round (its rows would not match);
    `saved`: the library's scenarios by name."""
    out = [scenario_column(study, NOW, say(lang, "web.grid_now"), lang)]
    if pinned is not None:
        out.append(scenario_column(pinned, PINNED, say(lang, "web.grid_pinned"), lang))
    for name in library.offers:
        other = library.study(name)
        if other is study or other is pinned or other.round.path != study.round.path:
            continue
        out.append(scenario_column(other, OFFER, name, lang))
    out += [scenario_column(other, SAVED, name, lang) for name, other in saved
            if same_round(other, study)]
    actual = actual_column(study, lang)
    return out + ([actual] if actual is not None else [])


def same_round(a: Study, b: Study) -> bool:
    return a.round.path.resolve() == b.round.path.resolve()


def grid(study: Study, pinned: Study | None, library: Library, lang: str,
         saved: Sequence[tuple[str, Study]] = ()) -> dict[str, Any]:
    """The grid as the page draws it: the columns with their counts and totals, and one
    row per application with each column's state and award."""
    w = Words(lang)
    cols = columns(study, pinned, library, lang, saved)
    rows = []
    for app in study.round.applications:
        states = [c.state(app.id) for c in cols]
        funded = {s == FUNDED for c, s in zip(cols, states, strict=True) if c.feasible}
        rows.append({
            "id": app.id, "project": app.project, "differs": len(funded) > 1,
            "cells": [{"state": s, "text": w.eur(c.awards[app.id]) if s == FUNDED else ""}
                      for c, s in zip(cols, states, strict=True)]})
    return {
        "columns": [{"kind": c.kind, "label": c.label, "title": c.title,
                     "feasible": c.feasible, "funded": len(c.awards),
                     "total_text": w.eur(sum(c.awards.values())) if c.feasible
                     else w["infeasible"]}
                    for c in cols],
        "rows": rows,
    }


async def get_grid(request: Request) -> Response:
    """GET /api/grid: the session's grid (above), in its language."""
    session, shelf = session_of(request), shelf_of(request)
    sessions: Sessions = request.app.state.sessions

    def work() -> dict[str, Any]:
        with session.lock:
            study, pinned, lang, mine = (session.study, session.pinned, session.lang,
                                         session.saved)
        return grid(study, pinned, sessions.library, lang, saved_studies(shelf, mine))

    return await answer(work)
