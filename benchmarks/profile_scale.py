"""Where the time of `grantopt run` goes, stage by stage, on synthetic rounds of any size.

Run: python benchmarks/profile_scale.py [--sizes 1000 10000 100000] [--repeat 3]
         [--scores proxy|sheet] [--set section.key=value ...] [--solver cbc|highs]
         [--work DIR] [--until STAGE] [--process [table json out]] [--memory]
         [--profile STAGE]

For each size it writes (or reuses, in --work) a synthetic round shaped like data/2020
(`grantopt data synth --seed 1`) and runs the stages of `grantopt run` in this process,
each timed on its own (median of --repeat runs; the solve once):

  read        the scenario file and the round folder (readers)
  score       register profiles and the scores (scoring: proxies or the sheet)
  prepare     eligibility and the instance (scoring.eligibility, model.prepare)
  formulate   the integer program (model.formulation; the knapsack DP has none)
  solve       the solver run (CBC or HiGHS), or the DP
  verify      the solution read back, every rule checked, the value recomputed
  allocation  the allocation's rows, totals and regions (analysis.allocation)
  table       the table `run` prints (cli.run.format_table)
  json        the audit record and `--format json` (analysis.audit, report.allocation)
  out         `--out`: allocation.csv, .xlsx, result.json, scenario.toml, audit.json

--until STAGE leaves out the stages after it. --process also times the whole command in a
fresh process (`python -m optimizer run`, as a table, --format json and --out, or the kinds
named; median of --repeat runs) with its peak memory (max RSS).
--memory reports each stage's peak traced allocation (tracemalloc; slows the stages down).
--profile STAGE prints the top of a cProfile of one stage at every size.

Not part of the test run; timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAGES = ("read", "score", "prepare", "formulate", "solve", "verify", "allocation", "table",
          "json", "out")
TEMPLATE = ROOT / "data" / "2020"
SEED = 1


def synthetic_round(n: int, work: Path) -> Path:
    """The scenario of a synthetic round of n applications in `work` (written once)."""
    from optimizer.formats.synth import write_synth_round

    folder = work / f"synth-{n}-seed{SEED}"
    if not (folder / "scenario.toml").is_file():
        write_synth_round(folder, n, SEED, TEMPLATE, force=True)
    return folder / "scenario.toml"


class Stages:
    """The stages of `grantopt run`, each a method; state passes from one to the next."""

    def __init__(self, scenario: Path, sets: list[str], out: Path) -> None:
        self.scenario_path, self.sets, self.out_dir = scenario, sets, out
        self.s: dict[str, Any] = {}

    def read(self) -> None:
        from optimizer.case.assemble import resolve
        from optimizer.readers import read_round
        from optimizer.scenario import load_scenario

        raw = load_scenario(self.scenario_path, sets=self.sets)
        rnd = read_round(raw.round_path)
        self.s.update(scenario=resolve(raw, rnd), round=rnd)

    def score(self) -> None:
        from optimizer.case.assemble import _score_source
        from optimizer.readers import load_register, profiles
        from optimizer.scoring import load_scores

        rnd, scenario = self.s["round"], self.s["scenario"]
        register = load_register()
        profs = profiles(rnd, register)
        source = _score_source(scenario)
        self.s.update(register=register, profiles=profs, source=source,
                      scores=load_scores(rnd, profs, source, scenario.scoring.weights))

    def prepare(self) -> None:
        from optimizer.case.assemble import Case, _region_population, build_instance
        from optimizer.scoring import sheet_path
        from optimizer.scoring.eligibility import assess

        s = self.s
        rnd, scenario, scores, source = s["round"], s["scenario"], s["scores"], s["source"]
        eligibility = assess(rnd.applications, rnd.call, s["profiles"], scores.scores(),
                             scenario)
        instance = build_instance(scenario, rnd, s["profiles"], scores, eligibility)
        s["case"] = Case(
            scenario=scenario, round=rnd, profiles=s["profiles"], scores=scores,
            eligibility=eligibility, instance=instance, actual_eur=rnd.awarded,
            labels={a.id: a.applicant for a in rnd.applications},
            region_population=_region_population(s["register"]), register=s["register"],
            score_path=sheet_path(rnd, source) if isinstance(source, Path) else (
                rnd.scores_path if source is None and not scores.is_proxy else None))

    def formulate(self) -> None:
        from optimizer.model.formulation import build_model
        from optimizer.model.knapsack import choose_method, is_budget_only

        prep = self.s["case"]
        wanted = prep.scenario.solver.method
        method = choose_method(prep.instance, wanted)
        if method == "ip" and wanted == "auto" and is_budget_only(prep.instance):
            method = "core"  # as model.solve.solve: the DP (or IP) on the knapsack core
        self.s.update(method=method, model=build_model(prep.instance) if method == "ip"
                      else None)

    def solve(self) -> None:
        from optimizer.model.knapsack import knapsack_solve
        from optimizer.model.solve import _solve_core
        from optimizer.model.solvers import run_model

        cfg = self.s["case"].scenario.solver
        if self.s["method"] == "dp":
            self.s["run"] = knapsack_solve(self.s["case"].instance)
        elif self.s["method"] == "core":  # verified inside too; the verify stage repeats it
            self.s["run"] = _solve_core(self.s["case"].instance, cfg.name, cfg.time_limit,
                                        cfg.gap)
        else:
            self.s["run"] = run_model(self.s["model"], cfg.name, time_limit=cfg.time_limit,
                                      gap=cfg.gap)

    def verify(self) -> None:
        from optimizer.model.solve import _verified_result, verified

        inst, cfg = self.s["case"].instance, self.s["case"].scenario.solver
        if self.s["method"] in ("dp", "core"):
            self.s["result"] = verified(inst, self.s["run"].units, self.s["method"])
        else:
            self.s["result"] = _verified_result(inst, self.s["model"], self.s["run"],
                                                cfg.name)

    def allocation(self) -> None:
        from optimizer.analysis.allocation import Allocation

        a = Allocation(self.s["case"], self.s["result"])
        a.rows(), a.totals(), a.regions()
        self.s["allocation"] = a

    def table(self) -> None:
        from optimizer.cli.run import format_table

        self.s["table"] = format_table(self.s["allocation"], "en")

    def json(self) -> None:
        from optimizer.analysis.audit import audit_of
        from optimizer.report.allocation import to_json

        self.s["audit"] = audit_of(self.s["case"])
        self.s["json"] = to_json(self.s["allocation"], self.s["audit"])

    def out(self) -> None:
        from optimizer.formats.folder import output_folder
        from optimizer.report.allocation import write_allocation

        inputs = self.s["case"].input_paths()
        with output_folder(self.out_dir, inputs, force=True) as stage:
            write_allocation(self.s["allocation"], stage, self.s["audit"])


@contextlib.contextmanager
def traced(memory: bool) -> Iterator[list[int]]:
    """Yield a list that holds the peak traced bytes of the block afterwards (if `memory`)."""
    peak: list[int] = []
    if not memory:
        yield peak
        return
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


def run_stages(scenario: Path, sets: list[str], repeat: int, memory: bool,
               profile: str | None, work: Path, until: str = STAGES[-1]
               ) -> dict[str, tuple[float, int | None]]:
    """stage -> (median seconds, peak traced bytes or None), the stages up to `until`."""
    names = STAGES[:STAGES.index(until) + 1]
    times: dict[str, list[float]] = {s: [] for s in names}
    peaks: dict[str, int | None] = {}
    first: dict[str, dict[str, Any]] = {}
    for run in range(repeat):
        stages = Stages(scenario, sets, work / "out")
        for name in names:
            if run and name in first:  # the model and the solve once: reuse the first
                stages.s.update(first[name])
                continue
            step: Callable[[], None] = getattr(stages, name)
            profiler = cProfile.Profile() if profile == name and run == 0 else None
            with traced(memory and run == 0) as peak:
                start = time.perf_counter()
                if profiler is not None:
                    profiler.runcall(step)
                else:
                    step()
                times[name].append(time.perf_counter() - start)
            if peak:
                peaks[name] = peak[0]
            if profiler is not None:
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
                print(text.getvalue())
        if run == 0 and "solve" in names:
            first = {"formulate": {k: stages.s[k] for k in ("method", "model")},
                     "solve": {"run": stages.s["run"]}}
    return {s: (statistics.median(times[s]), peaks.get(s)) for s in names}


def whole_process(scenario: Path, sets: list[str], repeat: int, work: Path,
                  only: tuple[str, ...] = ("table", "json", "out")
                  ) -> dict[str, tuple[float, float]]:
    """`grantopt run` in a fresh process: kind -> (median seconds, max RSS in MiB)."""
    base = [sys.executable, "-P", "-m", "optimizer", "run", str(scenario)]
    for item in sets:
        base += ["--set", item]
    kinds = {"table": [], "json": ["--format", "json"],
             "out": ["--out", str(work / "out-process"), "--force"]}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = {}
    for kind, extra in kinds.items():
        if kind not in only:
            continue
        walls, rss = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            proc = subprocess.Popen([*base, *extra], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            walls.append(time.perf_counter() - start)
            rss.append(usage.ru_maxrss / 1024)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode:
                raise SystemExit(f"{kind}: exit {proc.returncode}: "
                                 f"{proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        result[kind] = (statistics.median(walls), max(rss))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scores", choices=("proxy", "sheet"), default="proxy")
    parser.add_argument("--set", dest="sets", action="append", default=[])
    parser.add_argument("--solver", choices=("cbc", "highs"), default=None)
    parser.add_argument("--work", type=Path, default=None,
                        help="Keep the synthetic rounds here (default: a temporary folder)")
    parser.add_argument("--process", nargs="*", choices=("table", "json", "out"),
                        default=None, help="Also time the whole command in a fresh process "
                        "(as a table, --format json, --out; default all three)")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--profile", choices=STAGES, default=None)
    parser.add_argument("--until", choices=STAGES, default=STAGES[-1],
                        help="Stop after this stage (the later ones are left out)")
    args = parser.parse_args(argv)
    sets = list(args.sets)
    if args.scores == "proxy":
        sets.append("scoring.source=proxy")
    if args.solver:
        sets.append(f"solver.name={args.solver}")
    with contextlib.ExitStack() as stack:
        work = args.work or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        work.mkdir(parents=True, exist_ok=True)
        rows = {}
        for n in args.sizes:
            scenario = synthetic_round(n, work)
            print(f"{n:,} applications: {scenario}", file=sys.stderr, flush=True)
            rows[n] = (run_stages(scenario, sets, args.repeat, args.memory, args.profile,
                                  work, args.until),
                       whole_process(scenario, sets, args.repeat, work,
                                     tuple(args.process) or ("table", "json", "out"))
                       if args.process is not None else {})
        print_table(rows, sets, args)


def print_table(rows: dict[int, Any], sets: list[str], args: argparse.Namespace) -> None:
    sizes = list(rows)
    print(f"Stages of `grantopt run` (seconds, median of {args.repeat}; "
          f"{', '.join(sets) or 'the synthetic scenario as written'})")
    head = f"{'stage':<12}" + "".join(f"{n:>14,}" for n in sizes)
    print(head)
    print("-" * len(head))
    for stage in STAGES:
        cells = []
        for n in sizes:
            if stage not in rows[n][0]:
                cells.append(f"{'-':>14}")
                continue
            seconds, peak = rows[n][0][stage]
            mem = f" {peak / 2**20:>4.0f}M" if peak is not None else ""
            cells.append(f"{seconds:>8.3f}{mem}".rjust(14))
        print(f"{stage:<12}" + "".join(cells))
    total = [sum(seconds for seconds, _ in rows[n][0].values()) for n in sizes]
    print(f"{'sum':<12}" + "".join(f"{t:>14.3f}" for t in total))
    if args.process is not None:
        print("\nWhole process `python -m optimizer run` (seconds, median; max RSS MiB)")
        for kind in ("table", "json", "out"):
            cells = [f"{rows[n][1][kind][0]:>8.2f} {rows[n][1][kind][1]:>4.0f}M"
                     if kind in rows[n][1] else f"{'-':>14}" for n in sizes]
            print(f"{kind:<12}" + "".join(cells))


if __name__ == "__main__":
    main()
