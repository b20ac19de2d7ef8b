"""What analysis.explain returns: one row per application (why it is in or out, what
flipping it would cost and move), and the table of them for the outputs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from optimizer.analysis.bindings import EXCLUDED, IN, OUT, Binding
from optimizer.analysis.explain_sentences import said
from optimizer.frames import Tabular
from optimizer.vocabulary.catalog.explain import text_of
from optimizer.vocabulary.message import Message


@dataclass(frozen=True)
class Moved:
    """A project that leaves or enters the optimum when another one is flipped."""

    id: str
    label: str
    score: float
    award_eur: float


@dataclass(frozen=True)
class ExplainRow:
    id: str
    label: str
    status: str  # IN, OUT or EXCLUDED
    score: float | None  # None for excluded applications
    award_eur: float  # in the optimum
    max_eur: float | None
    forced_value: float | None  # optimum with the decision flipped; None: infeasible/excluded
    # optimum - forced_value; math.inf when flipping is infeasible; negative only for a locked
    # item (flipping it lifts the lock, so -loss is what the lock costs)
    loss: float | None
    score_change: float | None  # OUT: rise needed to enter; IN: drop it survives
    score_change_exact: bool  # False in partial mode (then a lower bound)
    bindings: tuple[Binding, ...] = ()
    # EXCLUDED: why (eligibility reasons); a flip: what the diagnosis finds, or that its
    # solve stopped at a limit. Messages, or plain text where a caller gives it.
    reasons: tuple[Message | str, ...] = ()
    # With the decision flipped, the optimal portfolio closest to the optimum: the other
    # projects it leaves out (pushed_out) and takes in (brought_in).
    pushed_out: tuple[Moved, ...] = ()
    brought_in: tuple[Moved, ...] = ()
    sentence: str = ""  # the explanation in plain sentences, with the numbers (English)
    said: tuple[Message, ...] = ()  # the same as message codes, for any language

    def sentence_in(self, lang: str) -> str:
        """The explanation in the language (the catalog's words)."""
        return said(self.said, lang)

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        return tuple(text_of(x, lang) for x in self.reasons)

    @property
    def tie(self) -> bool:
        """Flipping costs nothing: another optimal portfolio decides it the other way."""
        return self.loss is not None and self.loss == 0.0

    @property
    def feasible_flip(self) -> bool:
        return self.loss is not None and math.isfinite(self.loss)


@dataclass(frozen=True)
class Explanation(Tabular):
    """Why each application is in or out of the optimum; `rows()` one per application."""

    name: str
    is_proxy: bool
    objective: str
    mode: str
    optimal_value: float
    status: str  # of the base optimum (OPTIMAL or FEASIBLE)
    solver: str
    unit_eur: float
    budget_eur: float
    spent_eur: float
    cheapest_out_eur: float | None  # smallest award an unfunded application could get
    entries: tuple[ExplainRow, ...]

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "status", "score", "award_eur", "max_eur", "forced_value", "loss",
        "score_change", "score_change_exact", "tie", "pushed_out", "brought_in", "bindings",
        "reasons", "sentence")

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows: an infeasible flip has loss and score change inf; the projects that
        move, the binding rules and reasons are joined into one text each."""
        return [{**{c: getattr(r, c) for c in self.columns[:11]},
                 "pushed_out": " ".join(m.id for m in r.pushed_out),
                 "brought_in": " ".join(m.id for m in r.brought_in),
                 "bindings": "; ".join(f"{b.rule}: {b.detail}" for b in r.bindings),
                 "reasons": "; ".join(r.reasons_in("en")), "sentence": r.sentence}
                for r in self.entries]

    def __repr__(self) -> str:
        n_in = sum(r.status == IN for r in self.entries)
        n_out = sum(r.status == OUT for r in self.entries)
        n_ex = sum(r.status == EXCLUDED for r in self.entries)
        return (f"<Explanation {self.name!r}: {len(self.entries)} applications explained "
                f"({n_in} in, {n_out} out, {n_ex} not fundable); optimum "
                f"{self.optimal_value:.4f} ({self.objective}), {self.spent_eur:,.0f} € of "
                f"{self.budget_eur:,.0f} € spent>")

    @property
    def slack_eur(self) -> float:
        return self.budget_eur - self.spent_eur

    @property
    def budget_binding(self) -> bool:
        """The money left would not pay for any application that is out."""
        return self.cheapest_out_eur is not None and self.slack_eur < self.cheapest_out_eur

    def row(self, item_id: str) -> ExplainRow:
        for r in self.entries:
            if r.id == item_id:
                return r
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "scenario": self.name,
            "score_source": "proxy" if self.is_proxy else "sheet",
            "objective": self.objective, "mode": self.mode,
            "optimal_value": self.optimal_value, "status": self.status, "solver": self.solver,
            "budget_eur": self.budget_eur, "spent_eur": self.spent_eur,
            "slack_eur": self.slack_eur, "cheapest_out_eur": self.cheapest_out_eur,
            "budget_binding": self.budget_binding,
            "rows": [_row_dict(r) for r in self.entries],
        }


def _row_dict(r: ExplainRow) -> dict[str, object]:
    infeasible = r.loss is not None and math.isinf(r.loss)
    return {
        "id": r.id, "label": r.label, "status": r.status, "score": r.score,
        "award_eur": r.award_eur, "max_eur": r.max_eur, "forced_value": r.forced_value,
        "loss": "infeasible" if infeasible else r.loss,
        "score_change": "infeasible" if infeasible else r.score_change,
        "score_change_exact": r.score_change_exact, "tie": r.tie,
        "bindings": [{"rule": b.rule, "detail": str(b.detail), "code": b.detail.code}
                     for b in r.bindings],
        "reasons": list(r.reasons_in("en")),
        "pushed_out": [m.__dict__.copy() for m in r.pushed_out],
        "brought_in": [m.__dict__.copy() for m in r.brought_in],
        "sentence": r.sentence,
    }
