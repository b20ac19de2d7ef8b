"""Bare baselines for benchmarks/bench.py: the same selection problem, solved by a short
script that knows nothing of rounds, scenarios, reports or verification.

Run: python benchmarks/baselines.py SOLVER INSTANCE.json [--budgets K] [--draws K --seed S]
         [--read ROUND_DIR [--reader csv|pandas]]

SOLVER is `highs` (highspy's own API), `pulp` (PuLP with CBC) or `dp` (a numpy 0-1
knapsack over rounding units; only without group rules). INSTANCE.json is written by
`dump()`: full funding, each item's value and cost in units, the budget, and group rules
(at least `min` / at most `max` funded of a set of items: regions, target areas, leads).
`--budgets K` solves at K budgets from 0 to the total cost (a frontier); `--draws K` solves
K times with the values redrawn from the criteria under random weights (robustness).
`--read ROUND_DIR` first reads the round's tables (every .csv of the folder and its
call.toml: the bytes grantopt reads) column by column with the csv module or pandas, as a
bare script would, so that the pair compares like with like; the values solved are still
the dumped ones (a bare script does not re-derive grantopt's scores).
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
READERS = ("csv", "pandas")


def read_round(folder: Path, reader: str) -> int:
    """Read every table of a round folder as columns; the number of cells read."""
    import tomllib

    tomllib.loads((folder / "call.toml").read_text(encoding="utf-8"))
    cells = 0
    for path in sorted(folder.glob("*.csv")):
        if reader == "pandas":
            import pandas as pd

            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            cells += frame.size
        else:
            import csv

            with path.open(newline="", encoding="utf-8-sig") as f:
                columns = list(zip(*csv.reader(f), strict=False))
            cells += sum(len(c) for c in columns)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("solver", choices=sorted(SOLVERS))
    parser.add_argument("instance", type=Path)
    parser.add_argument("--budgets", type=int, default=0)
    parser.add_argument("--draws", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--read", type=Path, help="read this round folder's tables first")
    parser.add_argument("--reader", choices=READERS, default="csv")
    args = parser.parse_args()
    if args.read is not None:
        read_round(args.read, args.reader)
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
