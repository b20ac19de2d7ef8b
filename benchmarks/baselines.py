"""Bare baselines for benchmarks/bench.py: the same selection problem, solved by a short
script that knows nothing of rounds, scenarios, reports or verification.

Run: python benchmarks/baselines.py SOLVER INSTANCE.json [--budgets K] [--draws K --seed S]

SOLVER is `highs` (highspy's own API), `pulp` (PuLP with CBC) or `dp` (a numpy 0-1
knapsack over rounding units; only without group rules). INSTANCE.json is written by
`dump()`: full funding, each item's value and cost in units, the budget, and group rules
(at least `min` / at most `max` funded of a set of items: regions, target areas, leads).
`--budgets K` solves at K budgets from 0 to the total cost (a frontier); `--draws K` solves
K times with the values redrawn from the criteria under random weights (robustness).
The script prints the objective of the last solve, so bench.py can check that it agrees.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np


def dump(instance: Any, path: Path) -> None:
    """Write a full-funding grantopt Instance as the bare problem (values, costs, groups)."""
    rules = instance.rules
    if rules.mode != "full" or rules.max_region_share is not None or rules.area_cap_units:
        raise ValueError("the bare baselines cover full funding with minimums and lead caps")
    items = instance.items
    index = {it.id: k for k, it in enumerate(items)}
    groups: list[dict[str, Any]] = []

    def by(key: Any) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for k, it in enumerate(items):
            for g in key(it):
                out.setdefault(g, []).append(k)
        return out

    if rules.min_projects_per_region:
        basis = (lambda it: [it.lead_region]) if rules.region_basis == "lead" else (
            lambda it: sorted(it.regions))
        groups += [{"members": m, "min": min(rules.min_projects_per_region, len(m))}
                   for m in by(basis).values()]
    if rules.min_projects_per_target_area:
        groups += [{"members": m, "min": min(rules.min_projects_per_target_area, len(m))}
                   for m in by(lambda it: sorted(it.areas)).values()]
    if rules.max_awards_per_lead is not None:
        groups += [{"members": m, "max": rules.max_awards_per_lead}
                   for m in by(lambda it: [it.lead]).values() if len(m) > rules.max_awards_per_lead]
    path.write_text(json.dumps({
        "values": [instance.item_value(it, it.max_units) for it in items],
        "costs": [it.max_units for it in items],
        "budget": rules.budget_units,
        "groups": groups,
        "fund": sorted(index[i] for i in rules.fund if i in index),
        "reject": sorted(index[i] for i in rules.reject if i in index),
        "criteria": [list(it.criteria) for it in items],
        "need_scale": [instance.weight(it) for it in items],
    }))


def solve_highs(p: dict[str, Any], values: np.ndarray, budget: int) -> float:
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    n = len(values)
    lower = np.zeros(n)
    upper = np.ones(n)
    lower[p["fund"]] = 1
    upper[p["reject"]] = 0
    h.addVars(n, lower, upper)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                            np.full(n, highspy.HighsVarType.kInteger))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), -values)
    costs = np.asarray(p["costs"], dtype=float)
    h.addRow(-highspy.kHighsInf, budget, n, np.arange(n, dtype=np.int32), costs)
    for g in p["groups"]:
        m = np.asarray(g["members"], dtype=np.int32)
        h.addRow(g.get("min", -highspy.kHighsInf), g.get("max", highspy.kHighsInf), len(m), m,
                 np.ones(len(m)))
    h.run()
    return -h.getInfo().objective_function_value


def solve_pulp(p: dict[str, Any], values: np.ndarray, budget: int) -> float:
    import pulp

    prob = pulp.LpProblem("bare", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{k}", cat="Binary") for k in range(len(values))]
    prob += pulp.lpSum(float(v) * xi for v, xi in zip(values, x, strict=True))
    prob += pulp.lpSum(c * xi for c, xi in zip(p["costs"], x, strict=True)) <= budget
    for g in p["groups"]:
        total = pulp.lpSum(x[k] for k in g["members"])
        if "min" in g:
            prob += total >= g["min"]
        if "max" in g:
            prob += total <= g["max"]
    for k in p["fund"]:
        prob += x[k] == 1
    for k in p["reject"]:
        prob += x[k] == 0
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    return float(pulp.value(prob.objective) or 0.0)


def solve_dp(p: dict[str, Any], values: np.ndarray, budget: int) -> float:
    if p["groups"] or p["fund"] or p["reject"]:
        raise SystemExit("dp: only the budget may bind")
    best = np.zeros(budget + 1)
    for v, c in zip(values, p["costs"], strict=True):
        if c <= budget:
            np.maximum(best[c:], best[:-c] + v if c else best + v, out=best[c:])
    return float(best[-1])


SOLVERS = {"highs": solve_highs, "pulp": solve_pulp, "dp": solve_dp}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("solver", choices=sorted(SOLVERS))
    parser.add_argument("instance", type=Path)
    parser.add_argument("--budgets", type=int, default=0)
    parser.add_argument("--draws", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    p = json.loads(args.instance.read_text())
    solve = SOLVERS[args.solver]
    values = np.asarray(p["values"], dtype=float)
    if args.budgets:
        total = sum(p["costs"])
        for budget in np.linspace(0, total, args.budgets).astype(int):
            objective = solve(p, values, int(budget))
    elif args.draws:
        rng = np.random.default_rng(args.seed)
        crit = np.asarray(p["criteria"], dtype=float)
        scale = np.asarray(p["need_scale"], dtype=float)
        for _ in range(args.draws):
            weights = rng.dirichlet(np.ones(crit.shape[1]))
            objective = solve(p, crit @ weights * scale, p["budget"])
    else:
        objective = solve(p, values, p["budget"])
    print(f"{objective:.9g}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
