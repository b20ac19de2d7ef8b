"""Weight statements resolved against a round's criteria: the set S of weights they allow.

A name in a statement is a criterion or a group of criteria (the round's criterion groups,
and the scenario's own `[robustness] groups`); a group's weight is the sum of its criteria's
weights. A group that the statements name while naming none of its criteria keeps its
criteria in the proportions of the scenario's own weights (equal where those are all 0):
"A >= B" is a statement about the groups, not about how each group splits its weight.
Criteria that no statement reaches are free (any weights >= 0 that sum to 1 with the rest).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from optimizer.errors import ScenarioError, suggest
from optimizer.model.weightset import WeightSet
from optimizer.scenario.statements import Statement, parse_statement
from optimizer.vocabulary.message import Message


@dataclass(frozen=True)
class StatedWeights:
    """The statements, the names they may use, and the set S in criterion weights."""

    criteria: tuple[str, ...]
    statements: tuple[Statement, ...]
    groups: Mapping[str, tuple[str, ...]]  # every group a statement may name -> criteria
    fixed: tuple[str, ...]  # groups whose criteria keep the scenario's proportions
    weights: WeightSet
    points: np.ndarray  # the extreme points of S (rows: criterion weights)

    @property
    def names(self) -> tuple[str, ...]:
        """What the statements compare: the groups and criteria they name, in order."""
        seen: dict[str, None] = {}
        for s in self.statements:
            seen.update(dict.fromkeys(s.names))
        return tuple(seen) or self.criteria

    def weight_of(self, name: str) -> np.ndarray:
        """The coefficients of `name`'s weight over the criteria (1 for each member)."""
        members = self.groups.get(name, (name,))
        return np.array([1.0 if c in members else 0.0 for c in self.criteria])

    def ranges(self) -> dict[str, tuple[float, float]]:
        """Each name's least and greatest weight over S."""
        out = {}
        for name in self.names:
            w = self.points @ self.weight_of(name)
            out[name] = (float(w.min()), float(w.max()))
        return out


def stated_weights(criteria: Sequence[str], weights: Sequence[float],
                   round_groups: Mapping[str, str], scenario_groups: Mapping[str, Sequence[str]],
                   texts: Sequence[str]) -> StatedWeights:
    """S for `texts` over `criteria` (scenario weights `weights`, same order); ScenarioError
    for an unknown name (with a suggestion) or statements no weights can meet."""
    criteria = tuple(criteria)
    groups = _groups(criteria, round_groups, scenario_groups)
    statements = tuple(parse_statement(t) for t in texts)
    for s in statements:
        _known(s, criteria, groups)
    fixed, ws, points = _build(criteria, weights, groups, statements)
    if not len(points):
        raise ScenarioError(Message.of("scenario.statement.empty",
                                       culprit=_culprit(criteria, weights, groups, statements)))
    return StatedWeights(criteria=criteria, statements=statements, groups=groups,
                         fixed=fixed, weights=ws, points=points)


def _build(criteria: tuple[str, ...], weights: Sequence[float],
           groups: Mapping[str, tuple[str, ...]], statements: Sequence[Statement]
           ) -> tuple[tuple[str, ...], WeightSet, np.ndarray]:
    fixed = _fixed_groups(statements, groups)
    ge, eq = _rows(criteria, groups, statements)
    ws = WeightSet(size=len(criteria), ge=ge,
                   eq=eq + _proportions(criteria, weights, groups, fixed))
    return fixed, ws, ws.extreme_points()


def _groups(criteria: tuple[str, ...], round_groups: Mapping[str, str],
            scenario_groups: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for c in criteria:
        if round_groups.get(c):
            out.setdefault(round_groups[c], []).append(c)
    for name, members in scenario_groups.items():
        if name in out or name in criteria:
            raise ScenarioError(Message.of("scenario.groups.clash", group=name))
        for c in members:
            if c not in criteria:
                raise ScenarioError(Message.of("scenario.groups.bad", group=name, name=c,
                                               suggest=suggest(c, criteria),
                                               criteria=list(criteria)))
        out[name] = list(members)
    return {k: tuple(v) for k, v in out.items()}


def _known(statement: Statement, criteria: tuple[str, ...],
           groups: Mapping[str, tuple[str, ...]]) -> None:
    for name in statement.names:
        if name not in criteria and name not in groups:
            choices = [*criteria, *groups]
            raise ScenarioError(Message.of(
                "scenario.statement.unknown_name", statement=statement.text, name=name,
                suggest=suggest(name, choices), criteria=list(criteria), groups=list(groups)))


def _fixed_groups(statements: Sequence[Statement],
                  groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    named = {n for s in statements for n in s.names}
    return tuple(g for g in groups if g in named and not named & set(groups[g]))


def _rows(criteria: tuple[str, ...], groups: Mapping[str, tuple[str, ...]],
          statements: Sequence[Statement]) -> tuple[tuple, tuple]:
    ge: list[tuple[tuple[float, ...], float]] = []
    eq: list[tuple[tuple[float, ...], float]] = []
    for s in statements:
        for row in s.rows:
            coef = np.zeros(len(criteria))
            for name, c in row.terms:
                for member in groups.get(name, (name,)):
                    coef[criteria.index(member)] += c
            (eq if row.equal else ge).append((tuple(coef), -row.constant))
    return tuple(ge), tuple(eq)


def _proportions(criteria: tuple[str, ...], weights: Sequence[float],
                 groups: Mapping[str, tuple[str, ...]], fixed: Sequence[str]) -> tuple:
    """w_c = share_c × (the group's weight) for the criteria of each fixed group."""
    rows = []
    for g in fixed:
        members = groups[g]
        total = math.fsum(weights[criteria.index(c)] for c in members)
        for c in members[1:]:  # the first follows from the others and the group's sum
            share = weights[criteria.index(c)] / total if total > 0 else 1 / len(members)
            coef = np.zeros(len(criteria))
            coef[criteria.index(c)] += 1.0
            for m in members:
                coef[criteria.index(m)] -= share
            rows.append((tuple(coef), 0.0))
    return tuple(rows)


def _culprit(criteria: tuple[str, ...], weights: Sequence[float],
             groups: Mapping[str, tuple[str, ...]], statements: Sequence[Statement]
             ) -> Message | str:
    """The first statement without which the others can be met, if there is one."""
    for k, statement in enumerate(statements):
        rest = [s for j, s in enumerate(statements) if j != k]
        if len(_build(criteria, weights, groups, rest)[2]):
            return Message.of("scenario.statement.culprit", statement=statement.text)
    return ""
