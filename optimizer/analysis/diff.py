"""Scenarios side by side: what changes between the optimum of one and of another.

`diff(base, other)` takes two solved allocations (of the same round) and lists the headline
figures of each, the projects that enter, leave or change their award, and the euros that
move between regions (counted on the base scenario's region basis for both, so the
columns add up the same way). Values are comparable only when both scenarios measure value
the same way (same objective, value model and scores); the diff says when they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.regions import region_table
from optimizer.frames import Tabular
from optimizer.vocabulary.message import Message

ENTERS, LEAVES, CHANGES = "enters", "leaves", "changes"


@dataclass(frozen=True)
class Summary:
    """The headline figures of one scenario's optimum."""

    title: str
    objective: str
    value: float
    spent_eur: float
    budget_eur: float
    projects: int
    regions_covered: int
    status: str


@dataclass(frozen=True)
class Move:
    """One application whose award differs between the two optima."""

    id: str
    label: str
    project: str
    score: float | None
    status: str  # ENTERS, LEAVES or CHANGES
    base_eur: float
    other_eur: float

    @property
    def change_eur(self) -> float:
        return round(self.other_eur - self.base_eur, 2)


@dataclass(frozen=True)
class RegionShift:
    region: str
    base_eur: float
    other_eur: float

    @property
    def change_eur(self) -> float:
        return round(self.other_eur - self.base_eur, 2)


@dataclass(frozen=True)
class Diff(Tabular):
    """`rows()`: one per application that enters, leaves or changes its award."""

    base: Summary
    other: Summary
    moves: tuple[Move, ...]  # entering, then leaving, then changed; by id
    regions: tuple[RegionShift, ...]  # every region with euros in either, by name
    comparable: bool  # both measure value the same way
    basis: str

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "project", "score", "status", "base_eur", "other_eur", "change_eur")

    def rows(self) -> list[dict[str, Any]]:
        return [{"id": m.id, "label": m.label, "project": m.project, "score": m.score,
                 "status": m.status, "base_eur": m.base_eur, "other_eur": m.other_eur,
                 "change_eur": m.change_eur} for m in self.moves]

    def ids(self, status: str) -> tuple[str, ...]:
        return tuple(m.id for m in self.moves if m.status == status)

    @property
    def value_change(self) -> float | None:
        return self.other.value - self.base.value if self.comparable else None

    def to_dict(self) -> dict[str, Any]:
        return {"base": self.base.__dict__.copy(), "other": self.other.__dict__.copy(),
                "comparable": self.comparable, "value_change": self.value_change,
                "enters": list(self.ids(ENTERS)), "leaves": list(self.ids(LEAVES)),
                "moves": self.rows(), "region_basis": self.basis,
                "regions": [{"region": r.region, "base_eur": r.base_eur,
                             "other_eur": r.other_eur, "change_eur": r.change_eur}
                            for r in self.regions]}

    def __repr__(self) -> str:
        value = (f", value {self.value_change:+.4f}" if self.value_change is not None
                 else ", values measured differently")
        return (f"<Diff {self.base.title!r} -> {self.other.title!r}: "
                f"{len(self.ids(ENTERS))} enter, {len(self.ids(LEAVES))} leave, "
                f"{len(self.ids(CHANGES))} change{value}>")


def summary(a: Allocation) -> Summary:
    t = a.totals()
    return Summary(a.case.scenario.title, a.case.instance.rules.objective,
                   a.result.objective, t.spent_eur, t.budget_eur, t.projects,
                   t.regions_covered, a.result.status)


def comparable(a: Allocation, b: Allocation) -> bool:
    """Do both measure value the same way: objective, value model and every score?"""
    ra, rb = a.case.instance.rules, b.case.instance.rules
    if (ra.objective, ra.partial_value) != (rb.objective, rb.partial_value):
        return False
    scores_a = a.case.scores.scores()
    return scores_a == b.case.scores.scores()


def diff(base: Allocation, other: Allocation) -> Diff:
    """What changes from the optimum of `base` to the optimum of `other`."""
    a = {i: base.award_eur(i) for i in base.funded}
    b = {i: other.award_eur(i) for i in other.funded}
    labels = {**other.case.labels, **base.case.labels}
    projects = {app.id: app.project for app in base.case.round.applications}
    scores = other.case.scores.scores()
    moves = []
    for status, ids in ((ENTERS, sorted(set(b) - set(a))), (LEAVES, sorted(set(a) - set(b))),
                        (CHANGES, sorted(i for i in set(a) & set(b) if a[i] != b[i]))):
        moves += [Move(i, labels.get(i, i), projects.get(i, ""), scores.get(i), status,
                       a.get(i, 0.0), b.get(i, 0.0)) for i in ids]
    basis = base.case.instance.rules.region_basis
    splits = base.case.region_splits(basis)
    table = region_table(splits, a, b, {}, 0.0, basis)
    regions = tuple(RegionShift(r.region, r.optimal_eur, r.actual_eur or 0.0)
                    for r in table.lines)
    return Diff(summary(base), summary(other), tuple(moves), regions,
                comparable(base, other), basis)


@dataclass(frozen=True)
class RuleEffect:
    """What one rule of a scenario does: the optimum without it against the optimum with it."""

    key: str
    value: Any  # in the scenario
    without: Any  # the value it is compared with (the schema's default)
    diff: Diff  # from the optimum without the rule to the optimum with it
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "without": self.without,
                "sentence": self.sentence, **self.diff.to_dict()}


def rule_effect(key: str, value: Any, without: Any, d: Diff) -> Message:
    """What a rule moves where ('Requiring at most 25 % of the appropriation per region
    (instead of none) moves 616,400 € into Pohjois-Pohjanmaa ...'), as a message."""
    def moved(status: str) -> list[tuple[str, str, float]]:
        return [(m.id, m.label, m.base_eur or m.other_eur) for m in d.moves
                if m.status == status]

    values = (d.base.value, d.other.value, d.base.objective) if d.comparable else None
    return Message.of(
        "diff.rule_effect", key=key, value=value, without=without, changed=bool(d.moves),
        gains=[(r.region, r.change_eur) for r in d.regions if r.change_eur > 0],
        losses=[(r.region, -r.change_eur) for r in d.regions if r.change_eur < 0],
        enter=moved(ENTERS), leave=moved(LEAVES), values=values)


def rule_sentence(key: str, value: Any, without: Any, d: Diff, lang: str = "en") -> str:
    """The rule's effect (rule_effect) in the language."""
    return rule_effect(key, value, without, d).text(lang)
