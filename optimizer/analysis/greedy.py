"""Greedy baselines: the rules of thumb ministries use in practice.

Walk the list ranked by score (or by score per euro, score / maximum award), fund each
application whose full maximum award fits in what is left of the appropriation, and SKIP
those that do not fit (the walk goes on down the list; it does not stop at the first
misfit). Fund locks are funded first, reject locks are never funded; awards are always the
full maximum, even in partial mode. Ties in the ranking are broken by id. A baseline
ignores the other rules; whether it happens to satisfy them is checked by the caller.
"""

from __future__ import annotations

from optimizer.model.instance import Instance, Item

GREEDY_RULE = "skip"  # misfits are skipped and the walk goes on down the list


def greedy(instance: Instance, budget_units: int, key: str = "score") -> dict[str, int]:
    """Fund down a ranked list (key "score" or "ratio" = score per euro), skipping misfits."""
    fund, reject = instance.rules.fund, instance.rules.reject
    units = {it.id: it.max_units for it in instance.items if it.id in fund}
    left = budget_units - sum(units.values())

    def rank(it: Item) -> tuple[float, str]:
        return (-(it.score / it.max_units if key == "ratio" else it.score), it.id)

    for it in sorted(instance.items, key=rank):
        if it.id in units or it.id in reject or it.score <= 0:
            continue
        if it.max_units <= left:
            units[it.id] = it.max_units
            left -= it.max_units
    return units
