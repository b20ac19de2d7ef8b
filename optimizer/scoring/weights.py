"""Criterion weights: per criterion or per group, resolved and normalised to sum 1.

Rules (docs/scoring.md, "Weights"):
- No weights given: the default weights (proxies: their own `weight`), else all equal.
- A key is a criterion id or a group id. A group weight is the group's total: criteria of
  the group given individually keep their own weight, and what is left of the group weight
  is split equally among the group's other criteria.
- Criteria with no key at all (neither their own nor their group's) split what is left of
  1 equally (1 - the sum of the weights given). If the given weights already reach 1 there
  is nothing left and they get 0; if they exceed 1 while some criteria have no weight, the
  intent is ambiguous and it is an error.
- The result is normalised to sum 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from optimizer.errors import ScenarioError, suggest
from optimizer.vocabulary.message import Message

_m = Message.of

TOLERANCE = 1e-9


def _number(key: str, value: object, problems: list[Message]) -> float | None:
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    else:
        number = None
    if number is None or not math.isfinite(number):
        problems.append(_m("scenario.weights.not_number", key=key, value=value))
        return None
    if number < 0:
        problems.append(_m("scenario.weights.negative", key=key, value=value))
        return None
    return number


def resolve_weights(ids: Sequence[str], groups: Mapping[str, str],
                    given: Mapping[str, object] | None,
                    defaults: Sequence[float] | None = None) -> tuple[float, ...]:
    """Weights for `ids` (in that order), non-negative and summing to 1.

    `groups` maps a criterion id to its group id; `given` maps criterion or group ids to
    weights; `defaults` (one per id, e.g. the proxies' own weights) apply when nothing is
    given and set the proportions in which unset criteria share what is left.
    Raises ScenarioError listing every problem at once.
    """
    ids = tuple(ids)
    if not ids:
        return ()
    base = [1.0] * len(ids) if defaults is None else [float(d) for d in defaults]
    if len(base) != len(ids) or any(d < 0 or not math.isfinite(d) for d in base):
        raise ValueError(f"defaults must be {len(ids)} non-negative numbers: {defaults}")
    if not given:
        if math.fsum(base) <= 0:
            raise ScenarioError(_m("scenario.weights.default_zero"))
        return tuple(d / math.fsum(base) for d in base)
    members: dict[str, list[str]] = {}
    for cid in ids:
        if groups.get(cid):
            members.setdefault(groups[cid], []).append(cid)
    problems: list[Message] = []
    own, group_given = _split_given(given, ids, members, problems)
    weights = {**own, **_spread_groups(own, group_given, members, problems)}
    unset = [cid for cid in ids if cid not in weights]
    if unset and not problems:
        weights.update(_fill_unset(weights, unset, dict(zip(ids, base, strict=True)),
                                   problems))
    if not problems and math.fsum(weights.values()) <= 0:
        problems.append(_m("scenario.weights.zero"))
    if problems:
        raise ScenarioError(_m("scenario.weights.problems", problems=problems))
    total = math.fsum(weights[cid] for cid in ids)
    return tuple(weights[cid] / total for cid in ids)


def _split_given(given: Mapping[str, object], ids: Sequence[str],
                 members: Mapping[str, list[str]], problems: list[Message]
                 ) -> tuple[dict[str, float], dict[str, float]]:
    """Given weights by criterion and by group; unknown keys and bad numbers reported."""
    own: dict[str, float] = {}
    group_given: dict[str, float] = {}
    for key, value in given.items():
        key = str(key)
        if key in ids:
            target = own
        elif key in members:
            target = group_given
        else:
            choices = list(ids) + list(members)
            problems.append(_m("scenario.weights.unknown", key=key, hits=suggest(key, choices),
                               criteria=list(ids), groups=list(members)))
            continue
        number = _number(key, value, problems)
        if number is not None:
            target[key] = number
    return own, group_given


def _spread_groups(own: Mapping[str, float], group_given: Mapping[str, float],
                   members: Mapping[str, list[str]], problems: list[Message]
                   ) -> dict[str, float]:
    """A group weight is the group's total: what its own criteria leave goes equally to
    the group's other criteria."""
    weights: dict[str, float] = {}
    for group, total in group_given.items():
        individual = [c for c in members[group] if c in own]
        rest = [c for c in members[group] if c not in own]
        taken = math.fsum(own[c] for c in individual)
        if not rest:
            if abs(taken - total) > 1e-6:
                problems.append(_m("scenario.weights.group_all", group=group, total=total,
                                   taken=taken))
        elif taken > total + TOLERANCE:
            problems.append(_m("scenario.weights.group_over", group=group, taken=taken,
                               total=total, individual=individual))
        else:
            for cid in rest:
                weights[cid] = (total - taken) / len(rest)
    return weights


def _fill_unset(weights: Mapping[str, float], unset: list[str],
                default_of: Mapping[str, float], problems: list[Message]) -> dict[str, float]:
    """Criteria with no weight share what is left of 1, in proportion to their defaults."""
    given_sum = math.fsum(weights.values())
    if given_sum > 1.0 + TOLERANCE:
        problems.append(_m("scenario.weights.over_one", total=given_sum, unset=unset))
        return {}
    left = max(0.0, 1.0 - given_sum)
    share = math.fsum(default_of[cid] for cid in unset)
    return {cid: left * default_of[cid] / share if share > 0 else 0.0 for cid in unset}
