"""Timings of the solver and the analyses on a 2020-sized instance (61 applications).

Run: python benchmarks/bench.py [--repeat 5] [--samples 500]

Uses the 2020 round through optimizer.model.prepare.prepare("scenarios/2020-baseline.toml")
when that works, else a seeded random 61-item instance (and says so). Prints one table
row per figure: the median wall time of `repeat` runs (one run for the long ones).
Other issues may add rows: append a (name, function, runs, note) to TASKS.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from optimizer.analysis.frontier import frontier  # noqa: E402
from optimizer.analysis.robustness import robustness  # noqa: E402
from optimizer.model.instance import Instance, Item, Rules  # noqa: E402
from optimizer.model.knapsack import knapsack_frontier, knapsack_table  # noqa: E402
from optimizer.model.solve import solve  # noqa: E402

SCENARIO = ROOT / "scenarios" / "2020-baseline.toml"


def load_instance() -> tuple[Instance, str]:
    try:
        from optimizer.model.prepare import prepare

        return prepare(SCENARIO).instance, f"2020 round via {SCENARIO.relative_to(ROOT)}"
    except Exception as exc:  # any failure: fall back, and say why
        return random_instance(), f"seeded random 61-item instance ({type(exc).__name__}: {exc})"


def random_instance(n: int = 61, seed: int = 2020) -> Instance:
    """Amounts like the 2020 round (16.1 M€ asked, 100 € units), 3 proxy-like criteria."""
    rng = np.random.default_rng(seed)
    regions = [f"R{k:02d}" for k in range(18)]
    items = tuple(
        Item(id=f"2020-{i + 1:02d}", score=0.0, max_units=int(rng.integers(300, 5300)),
             lead=f"L{i:02d}", lead_region=str(rng.choice(regions)),
             criteria=tuple(float(v) for v in rng.uniform(0, 1, 3)))
        for i in range(n))
    inst = Instance(items=items, rules=Rules(budget_units=100_000),
                    criteria_ids=("c1", "c2", "c3"), score_source="proxy", name="random")
    return inst.with_weights((0.4, 0.3, 0.3))


def scenario_tasks(runs: int) -> list[tuple[str, Callable[[], object], int,
                                           Callable[[object], str]]]:
    """Reading the round and solving every shipped scenario end to end, with each solver."""
    from optimizer.model.prepare import prepare
    from optimizer.study import Study

    tasks: list = [("read round + scores + instance (prepare)", lambda: prepare(SCENARIO),
                    runs, lambda o: f"{len(o.instance.items)} fundable")]
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        for solver in ("cbc", "highs"):
            sets = [f"solver.name={solver}", "solver.method=ip"]
            tasks.append((f"run {path.stem} ({solver})",
                          lambda p=path, s=sets: Study.from_file(p, sets=s).solve(), runs,
                          lambda o: f"{o.result.status}, {len(o.result.units)} funded, "
                                    f"solver {o.result.seconds:.3f} s"))
    return tasks


def analysis_tasks(inst: Instance) -> list[tuple[str, Callable[[], object], int,
                                                   Callable[[object], str]]]:
    from optimizer.analysis.calibrate import calibrate
    from optimizer.analysis.compare import compare
    from optimizer.analysis.explain import explain
    from optimizer.model.prepare import actual_units, prepare

    try:
        inside, outside = actual_units(prepare(SCENARIO))
    except Exception:  # the random fallback has no actual decision
        return []
    return [
        ("compare (optimum + fewest changes)", lambda: compare(inst, inside, outside), 1,
         lambda o: f"efficiency {o.efficiency:.1%}"),
        ("explain every application", lambda: explain(inst), 1,
         lambda o: f"{len(o.entries)} rows"),
        ("calibrate, 100 samples", lambda: calibrate(inst, inside, samples=100, seed=1), 1,
         lambda o: f"{len(o.trials)} weightings tried"),
    ]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()
    inst, source = load_instance()
    total = sum(it.max_units for it in inst.items)
    unit = inst.rules.unit_eur
    print(f"Instance: {source}")
    print(f"{len(inst.items)} fundable applications, {total:,} units of {unit:g} € "
          f"({total * unit / 1e6:.2f} M€ of maximum awards), budget "
          f"{inst.rules.budget_units * unit / 1e6:.2f} M€\n")
    r, s = args.repeat, args.samples
    tasks: list[tuple[str, Callable[[], object], int, Callable[[object], str]]] = [
        ("IP solve, CBC", lambda: solve(inst, "cbc", method="ip"), r,
         lambda o: f"value {o.objective:.4f}"),
        ("DP solve (verified)", lambda: solve(inst, method="dp"), r,
         lambda o: f"value {o.objective:.4f}"),
        ("IP solve, HiGHS", lambda: solve(inst, "highs", method="ip"), r,
         lambda o: f"value {o.objective:.4f}"),
        (f"DP frontier, every budget 0..{total:,} units", lambda: knapsack_frontier(inst, total),
         r, lambda o: f"value at budget {o[min(inst.rules.budget_units, total)]:.4f}"),
        ("DP table with reconstruction, every budget", lambda: knapsack_table(inst, total), r,
         lambda o: f"{o.take.nbytes / 1e6:.1f} MB of choices"),
        ("frontier(), 25 points + baselines, DP", lambda: frontier(inst), r,
         lambda o: f"{len(o.points)} points"),
        ("frontier(), 25 points + baselines, IP sweep (CBC)",
         lambda: frontier(inst, method="ip"), 1, lambda o: f"{len(o.points)} points"),
        ("frontier(), 25 points + baselines, IP sweep (HiGHS)",
         lambda: frontier(inst, method="ip", solver="highs"), 1,
         lambda o: f"{len(o.points)} points"),
    ]
    tasks += scenario_tasks(r)
    tasks += analysis_tasks(inst)
    for workers in (1, 2):
        tasks.append((f"robustness {s} samples, DP fast path, workers {workers}",
                      lambda w=workers: robustness(inst, s, 2020, workers=w), 1,
                      lambda o: f"{o.distinct_portfolios} distinct portfolios"))
    for workers in (1, 2):
        tasks.append((f"robustness {s} samples, IP (CBC), workers {workers}",
                      lambda w=workers: robustness(inst, s, 2020, workers=w, method="ip"), 1,
                      lambda o: f"{o.distinct_portfolios} distinct portfolios"))
    rows = []
    for name, fn, runs, note in tasks:
        seconds, out = timed(fn, runs)
        rows.append((name, seconds, runs, note(out)))
        print(f"  {name}: {seconds:.3f} s", file=sys.stderr)
    width = max(len(row[0]) for row in rows)
    print(f"{'task':<{width}}  {'seconds':>9}  runs  note")
    print(f"{'-' * width}  {'-' * 9}  ----  ----")
    for name, seconds, runs, note in rows:
        print(f"{name:<{width}}  {seconds:>9.3f}  {runs:>4}  {note}")


if __name__ == "__main__":
    main()
