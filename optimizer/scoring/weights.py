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

from optimizer.errors import ScenarioError, did_you_mean

TOLERANCE = 1e-9


def _number(key: str, value: object, problems: list[str]) -> float | None:
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
        problems.append(f"weight {key!r} is not a number (value: {value!r}). "
                        "Give a number such as 0.25")
        return None
    if number < 0:
        problems.append(f"weight {key!r} is negative (value: {value!r}). "
                        "Weights must be 0 or more; 0 leaves a criterion out")
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
            raise ScenarioError("Scoring weights: the default weights are all zero. Give at "
                                "least one criterion a positive weight")
        return tuple(d / math.fsum(base) for d in base)
    members: dict[str, list[str]] = {}
    for cid in ids:
        if groups.get(cid):
            members.setdefault(groups[cid], []).append(cid)
    problems: list[str] = []
    own, group_given = _split_given(given, ids, members, problems)
    weights = {**own, **_spread_groups(own, group_given, members, problems)}
    unset = [cid for cid in ids if cid not in weights]
    if unset and not problems:
        weights.update(_fill_unset(weights, unset, dict(zip(ids, base, strict=True)),
                                   problems))
    if not problems and math.fsum(weights.values()) <= 0:
        problems.append("the weights are all zero. Give at least one criterion a positive "
                        "weight")
    if problems:
        raise ScenarioError("Scoring weights:\n  " + "\n  ".join(problems))
    total = math.fsum(weights[cid] for cid in ids)
    return tuple(weights[cid] / total for cid in ids)


def _split_given(given: Mapping[str, object], ids: Sequence[str],
                 members: Mapping[str, list[str]], problems: list[str]
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
            problems.append(f"unknown weight key {key!r}.{did_you_mean(key, choices)} "
                            f"Valid keys: the criteria {', '.join(ids)}"
                            + (f"; the groups {', '.join(members)}" if members else ""))
            continue
        number = _number(key, value, problems)
        if number is not None:
            target[key] = number
    return own, group_given


def _spread_groups(own: Mapping[str, float], group_given: Mapping[str, float],
                   members: Mapping[str, list[str]], problems: list[str]) -> dict[str, float]:
    """A group weight is the group's total: what its own criteria leave goes equally to
    the group's other criteria."""
    weights: dict[str, float] = {}
    for group, total in group_given.items():
        individual = [c for c in members[group] if c in own]
        rest = [c for c in members[group] if c not in own]
        taken = math.fsum(own[c] for c in individual)
        if not rest:
            if abs(taken - total) > 1e-6:
                problems.append(
                    f"group {group!r} has weight {total:g}, but all its criteria are given "
                    f"individually and add up to {taken:g}. Give the group or its criteria, "
                    "not both")
        elif taken > total + TOLERANCE:
            problems.append(
                f"criteria of group {group!r} given individually add up to {taken:g}, more "
                f"than the group's weight {total:g}. The group weight is the group's total: "
                f"raise it, or lower {', '.join(individual)}")
        else:
            for cid in rest:
                weights[cid] = (total - taken) / len(rest)
    return weights


def _fill_unset(weights: Mapping[str, float], unset: list[str],
                default_of: Mapping[str, float], problems: list[str]) -> dict[str, float]:
    """Criteria with no weight share what is left of 1, in proportion to their defaults."""
    given_sum = math.fsum(weights.values())
    if given_sum > 1.0 + TOLERANCE:
        problems.append(
            f"the weights given add up to {given_sum:g}, more than 1, while "
            f"{', '.join(unset)} have none. Give those a weight too (0 leaves a "
            "criterion out), or make the given weights add up to at most 1")
        return {}
    left = max(0.0, 1.0 - given_sum)
    share = math.fsum(default_of[cid] for cid in unset)
    return {cid: left * default_of[cid] / share if share > 0 else 0.0 for cid in unset}
