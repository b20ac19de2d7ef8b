"""grantopt at every scale against the best bare baseline: one table, whole processes.

Run: python benchmarks/bench.py [--repeat 3] [--sizes 1000 10000 100000] [--quick]
         [--work DIR] [--only 2020 portfolios synth pabulib web]

Every figure is the wall time of a whole `grantopt` process as a user starts it (median of
--repeat runs, the short ones at least 3; the long ones once; each after an untimed run, so
that bytecode is cached as in an installed copy), with its peak memory (max RSS of the
process). Beside it, the best bare baseline for the same problem and its ratio: a short
script that reads the same round folder's tables (the csv module or pandas, whichever is
faster) and solves with highspy's own API, PuLP with CBC, or a numpy knapsack DP
(benchmarks/baselines.py, which knows nothing of scenarios, verification or reports),
`python -c pass` for the start, and pabutools for the pabulib files. grantopt's time
includes verifying every solution and writing what the user sees; the baselines only read
and solve. Each row with a target of issue 22 says whether it is met.

The rows: `--help`, `data check`; a 2020 solve and a coverage scenario; a 100-point
frontier with coverage rules; robustness with 1,000 draws; the robust portfolios (RPM) of
the two 2020-robust scenarios (the groups ranked, each group 20-50 %; values ±10 %; with
the scenario's 500 sampled draws beside the core index); explain for every application
of each 2020 scenario; calibrate; the report of one scenario without and with 500
robustness draws, and the README's main job; synthetic rounds (`grantopt data synth
--seed 1`) of each --sizes, budget only and with a minimum of one project per region and
per target area and a cap per lead (the median number of applications per lead), with a
25-point frontier and 1,000 robustness draws at 10,000; each pabulib file of
../shared/pabulib (the utilitarian optimum, caps lifted as pabutools ignores them;
`grantopt run` on the imported round, the import timed once beside it); and a second
table, the what-if app's server time per change on the 2020 round (median and 95th
percentile, through Starlette's test client, so the test extra is needed), with what an
explanation and the figures add and the page load. --quick (under 3 minutes at low load):
one run each, sizes up to 10,000 without their frontier and robustness rows, 100 draws,
explain on three 2020 scenarios, no main job.

Not part of the test run; timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PB = ROOT.parent / "shared" / "pabulib"
PY = sys.executable
GRANTOPT = [PY, "-m", "optimizer"]
BASELINES = [PY, str(ROOT / "benchmarks" / "baselines.py")]
COVERAGE = ["--set", "coverage.min_projects_per_region=1",
            "--set", "coverage.min_projects_per_target_area=1"]


@dataclass(frozen=True)
class Target:
    """The issue's target for a row: at most `ratio` times the baseline's time, at most
    `seconds` of wall time, at most `mib` of peak memory (each only when given)."""

    ratio: float | None = None
    seconds: float | None = None
    mib: float | None = None

    def text(self) -> str:
        parts = ([f"≤ {self.ratio:g}x"] if self.ratio else []) + (
            [f"≤ {self.seconds:g} s"] if self.seconds else []) + (
            [f"≤ {self.mib:g} MiB"] if self.mib else [])
        return ", ".join(parts)

    def met(self, seconds: float, mib: float, base_seconds: float | None) -> bool:
        return ((self.ratio is None or (base_seconds is not None
                                        and seconds <= self.ratio * base_seconds))
                and (self.seconds is None or seconds <= self.seconds)
                and (self.mib is None or mib <= self.mib))


@dataclass
class Row:
    task: str
    seconds: float
    mib: float
    baseline: str = "-"
    base_seconds: float | None = None
    base_mib: float | None = None
    target: Target | None = None

    def cells(self) -> list[str]:
        ratio = f"{self.seconds / self.base_seconds:.1f}x" if self.base_seconds else "-"
        base = f"{self.base_seconds:.2f}" if self.base_seconds is not None else "-"
        bmib = f"{self.base_mib:.0f}" if self.base_mib is not None else "-"
        target, met = "-", "-"
        if self.target is not None:
            target = self.target.text()
            met = "met" if self.target.met(self.seconds, self.mib, self.base_seconds) else \
                "**missed**"
        return [self.task, f"{self.seconds:.2f}", f"{self.mib:.0f}", self.baseline, base,
                bmib, ratio, target, met]


# As a user's installed copy runs: with its bytecode cached (PYTHONDONTWRITEBYTECODE would
# compile every module of every process again, 0.5 s of a 2020 `run`), grantopt's own
# modules first on the path.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [ENV.get("PYTHONPATH")])])


def measure(cmd: list[str], runs: int, warm: bool = True) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MiB) of a whole process, after one untimed run
    (`warm`: bytecode written, files in the page cache); fails loudly."""
    times, peak = [], 0.0
    for k in range(runs + warm):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        if os.waitstatus_to_exitcode(status) not in (0,):
            raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr}")
        if k or not warm:
            times.append(seconds)
            peak = max(peak, usage.ru_maxrss / 1024)
    return statistics.median(times), peak


def best_baseline(instance_json: Path, runs: int, extra: list[str],
                  solvers: tuple[str, ...] = ("highs", "pulp", "dp"),
                  read: Path | None = None,
                  readers: tuple[str, ...] = ("csv",)) -> tuple[str, float, float]:
    """The fastest of the bare solvers that can take the problem; with `read`, each first
    reads that round folder's tables with each of `readers` (baselines.py --read)."""
    best: tuple[str, float, float] | None = None
    for solver in solvers:
        if solver == "dp":  # read here only for the small rounds the DP can take
            problem = json.loads(instance_json.read_text())
            if problem["groups"] or problem["budget"] > 2_000_000:
                continue
        for reader in readers if read is not None else ("",):
            reading = ["--read", str(read), "--reader", reader] if read is not None else []
            seconds, mib = measure([*BASELINES, solver, str(instance_json), *extra,
                                    *reading], runs)
            name = f"bare {solver}" if solver != "dp" else "numpy DP"
            if best is None or seconds < best[1]:
                best = (f"{name} + {reader} read" if reader else name, seconds, mib)
    assert best is not None
    return best


def dump(scenario: Path, sets: list[str], out: Path) -> Path:
    """The scenario's instance as the bare problem, written by a separate process: this
    one stays small, as a child's peak memory counts its parent's at the fork."""
    pairs = [sets[k + 1] for k in range(0, len(sets), 2) if sets[k] == "--set"]
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/benchmarks']\n"
            "from pathlib import Path\nfrom baselines import dump\nfrom optimizer import Study\n"
            "dump(Study.from_file(sys.argv[2], sets=sys.argv[4:]).case.instance, "
            "Path(sys.argv[3]))")
    subprocess.run([PY, "-c", code, str(ROOT), str(scenario), str(out), *pairs], check=True,
                   env=ENV)
    return out


def lead_cap(round_dir: Path) -> int:
    import csv

    with (round_dir / "applications.csv").open(encoding="utf-8-sig") as f:
        counts = sorted(Counter(r["applicant"] for r in csv.DictReader(f)).values())
    return counts[len(counts) // 2]


ROUND_2020 = ROOT / "data" / "2020"
HELP_RATIO, RUN_RATIO = 2.0, 1.5  # the targets (issue 22)


def main_job() -> list[str]:
    """The README's first quick-start command (`grantopt report` of three scenarios in two
    languages), without its `pip install . &&` and its --out."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("\n```", 1)[0]
    args = shlex.split(block.partition(" && ")[2])[1:]
    at = args.index("--out")
    return args[:at] + args[at + 2:]


def rows_2020(work: Path, runs: int, draws: int, quick: bool) -> list[Row]:
    base = ROOT / "scenarios" / "2020-baseline.toml"
    cover = ROOT / "scenarios" / "2020-every-region.toml"
    rows = []
    t, m = measure([*GRANTOPT, "--help"], max(runs, 5))
    bt, bm = measure([PY, "-c", "pass"], max(runs, 5))
    rows.append(Row("grantopt --help", t, m, "python -c pass", bt, bm,
                    Target(ratio=HELP_RATIO)))
    t, m = measure([*GRANTOPT, "data", "check", "data/2020"], runs)
    rows.append(Row("data check, 2020 round", t, m, "python -c pass", bt, bm))
    for label, scenario in (("run 2020 baseline", base), ("run 2020 every region", cover)):
        t, m = measure([*GRANTOPT, "run", str(scenario)], max(runs, 3))
        inst = dump(scenario, [], work / f"{scenario.stem}.json")
        rows.append(Row(label, t, m, *best_baseline(inst, max(runs, 3), [], read=ROUND_2020),
                        Target(ratio=RUN_RATIO)))
    t, m = measure([*GRANTOPT, "frontier", str(cover), "--points", "100"], runs)
    inst = work / "2020-every-region.json"
    rows.append(Row("frontier 2020 every region, 100 points", t, m,
                    *best_baseline(inst, runs, ["--budgets", "100"], read=ROUND_2020)))
    t, m = measure([*GRANTOPT, "robustness", str(base), "--samples", str(draws)], 1)
    inst = work / "2020-baseline.json"
    rows.append(Row(f"robustness 2020, {draws:,} draws", t, m,
                    *best_baseline(inst, 1, ["--draws", str(draws)], read=ROUND_2020)))
    rows += rows_portfolios()
    # Every application of each 2020 scenario (--quick: the baseline and two structured).
    scenarios = sorted((ROOT / "scenarios").glob("2020-*.toml"))
    if quick:
        scenarios = [base, cover, ROOT / "scenarios" / "2020-partial.toml"]
    for scenario in scenarios:
        t, m = measure([*GRANTOPT, "explain", str(scenario)], runs)
        rows.append(Row(f"explain {scenario.stem}, every application", t, m,
                        target=Target(seconds=2.0)))
    t, m = measure([*GRANTOPT, "calibrate", str(base)], runs)
    rows.append(Row("calibrate 2020 baseline (100 samples)", t, m,
                    target=Target(seconds=2.0)))
    out = work / "report"
    t, m = measure([*GRANTOPT, "report", str(base), "--out", str(out), "--force",
                    "--no-robustness"], runs)
    rows.append(Row("report 2020 baseline (fi, no robustness)", t, m,
                    target=Target(seconds=1.5)))
    t, m = measure([*GRANTOPT, "report", str(base), "--out", str(out), "--force",
                    "--samples", "500"], runs, warm=False)
    rows.append(Row("report 2020 baseline (fi, 500 robustness draws)", t, m,
                    target=Target(seconds=2.5)))
    if not quick:  # a minute before issue 22
        t, m = measure([*GRANTOPT, *main_job(), "--out", str(work / "main-job")], 1,
                       warm=False)
        rows.append(Row("README main job (3 scenarios, fi+en, 500 draws)", t, m,
                        target=Target(seconds=15.0)))
    return rows


# Issue 23's target: every non-dominated portfolio of the 2020 round in under 60 s.
PORTFOLIOS = (("portfolios 2020 ranked ±10 %", "2020-robust-ranked.toml"),
              ("portfolios 2020 shares ±10 %", "2020-robust-shares.toml"))


def rows_portfolios() -> list[Row]:
    """`grantopt portfolios` as a user runs it on the two robust scenarios (once each)."""
    rows = []
    for label, name in PORTFOLIOS:
        t, m = measure([*GRANTOPT, "portfolios", str(ROOT / "scenarios" / name)], 1)
        rows.append(Row(label, t, m, target=Target(seconds=60.0)))
    return rows


def rows_synth(work: Path, sizes: list[int], runs: int, draws: int, quick: bool) -> list[Row]:
    rows = []
    for n in sizes:
        folder = work / f"synth-{n}"
        if not (folder / "scenario.toml").exists():
            subprocess.run([*GRANTOPT, "data", "synth", "--applications", str(n), "--seed",
                            "1", "--out", str(folder), "--force"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        scenario = folder / "scenario.toml"
        big = n >= 100_000
        reps = 1 if big else runs
        # The targets are for 10,000 and 100,000 (and memory at 100,000).
        target = Target(ratio=RUN_RATIO, mib=500 if big else None) if n >= 10_000 else None
        readers = ("csv", "pandas")
        sets = [*COVERAGE, "--set", f"coverage.max_awards_per_lead={lead_cap(folder)}"]
        t, m = measure([*GRANTOPT, "run", str(scenario), *sets], reps, warm=not big)
        inst = dump(scenario, sets, work / f"synth-{n}.json")
        rows.append(Row(f"run synthetic {n:,}, coverage + lead cap", t, m,
                        *best_baseline(inst, reps, [], ("highs", "pulp"), folder, readers),
                        target))
        t, m = measure([*GRANTOPT, "run", str(scenario)], reps, warm=not big)
        plain = dump(scenario, [], work / f"synth-{n}-budget.json")
        rows.append(Row(f"run synthetic {n:,}, budget only", t, m,
                        *best_baseline(plain, reps, [], ("highs", "pulp"), folder, readers),
                        target))
        if n == 10_000 and not quick:  # the bare loops take minutes here
            t, m = measure([*GRANTOPT, "frontier", str(scenario)], 1, warm=False)
            rows.append(Row(f"frontier synthetic {n:,}, 25 points", t, m,
                            *best_baseline(plain, 1, ["--budgets", "25"], ("highs",))))
            t, m = measure([*GRANTOPT, "robustness", str(scenario), "--samples", str(draws),
                            "--workers", "2"], 1, warm=False)
            bare = min(draws, 100)
            name, bt, bm = best_baseline(plain, 1, ["--draws", str(bare)], ("highs",))
            rows.append(Row(f"robustness synthetic {n:,}, {draws:,} draws, 2 workers", t, m,
                            f"{name} x{draws // bare}" if bare < draws else name,
                            bt * draws / bare, bm))
    return rows


PABUTOOLS = """
import sys
from pabutools.election import parse_pabulib, Cardinality_Sat, Additive_Cardinal_Sat
from pabutools.election.profile import AbstractApprovalProfile
from pabutools.rules import max_additive_utilitarian_welfare
instance, profile = parse_pabulib(sys.argv[1])
sat = Cardinality_Sat if isinstance(profile, AbstractApprovalProfile) else Additive_Cardinal_Sat
max_additive_utilitarian_welfare(instance, profile, sat_class=sat)
"""


def rows_pabulib(work: Path, runs: int) -> list[Row]:
    rows = []
    for pb in sorted(PB.glob("*.pb")):
        out = work / "pb" / pb.stem
        imported = [*GRANTOPT, "import", "pabulib", str(pb), "--out", str(out), "--force"]
        ran = [*GRANTOPT, "run", str(out / "scenario.toml"),
               "--set", "coverage.max_eur_per_target_area={}"]
        t1, _ = measure(imported, runs)
        t2, m2 = measure(ran, runs)
        try:
            bt, bm = measure([PY, "-c", PABUTOOLS, str(pb)], 1)
            base = ("pabutools", bt, bm)
        except SystemExit:  # pabutools not installed, or it cannot take the file
            base = ("pabutools (failed)", None, None)
        rows.append(Row(f"pabulib {pb.stem} (import once: {t1:.2f} s)", t2, m2, *base))
    return rows


WEB = """
import json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
from starlette.testclient import TestClient
from optimizer.web.app import create_app

def timed(fn, n, before=None):
    out = []
    for k in range(n):
        if before:  # untimed: a fresh state, so that nothing comes from a cache
            before(k)
        start = time.perf_counter(); r = fn(k); out.append(time.perf_counter() - start)
        assert r.status_code == 200, r.text
    out.sort()
    return statistics.median(out), out[min(n - 1, round(0.95 * (n - 1)))]

n = int(sys.argv[1])
with TestClient(create_app(["scenarios/2020-baseline.toml"]), base_url="http://127.0.0.1") as c:
    page = c.get("/").text  # as a page: loading it starts the session; send its token
    token = page.split('name="grantopt-token" content="')[1].split('"')[0]
    c.headers.update({"Origin": "http://127.0.0.1", "X-Grantopt-Token": token})
    load = timed(lambda k: [c.get(p) for p in ("/", "/static/app.js", "/static/app.css",
                                                 "/api/words", "/api/state")][-1], 5)
    budgets = [8e6 + 250_000 * (k % 17) for k in range(n)]
    dp = timed(lambda k: c.post("/api/change", json={"set": [
        f"budget.appropriation={budgets[k]:.0f}"]}), n)
    ip = timed(lambda k: c.post("/api/change", json={"set": [
        f"budget.appropriation={budgets[k]:.0f}", "coverage.min_projects_per_region=1"]}), n)
    c.post("/api/reset")
    ids = [f"2020-{k % 61 + 1:02d}" for k in range(n)]
    why = timed(lambda k: c.get("/api/explain", params={"id": ids[k]}), n)
    fresh = lambda k: c.post("/api/change", json={"set": [
        f"budget.appropriation={budgets[k]:.0f}"]})
    fmap = timed(lambda k: c.get("/api/figure/map.svg", params={"t": k}), 9, fresh)
    front = timed(lambda k: c.get("/api/figure/frontier.svg", params={"t": k}), 9, fresh)
print(json.dumps({"page load (5 requests)": load, "change, budget only (DP)": dp,
                  "change with a coverage rule (IP)": ip, "explain one application": why,
                  "region map figure": fmap, "frontier figure (25 solves)": front}))
"""


def rows_web(runs: int) -> list[str]:
    """Server time per what-if change in the app (grantopt serve) on the 2020 round, through
    Starlette's test client (the test extra's httpx): median and 95th percentile."""
    n = 20 if runs == 1 else 60
    out = subprocess.run([PY, "-c", WEB, str(n)], cwd=ROOT, capture_output=True, text=True,
                         env=ENV)
    if out.returncode:
        return [f"(the app's timings need the test extra: {out.stderr.strip().splitlines()[-1]})"]
    lines = ["| what-if app, 2020 round | median ms | 95th percentile ms | target (median) | |",
             "| --- | ---: | ---: | ---: | --- |"]
    for what, (median, p95) in json.loads(out.stdout).items():
        limit = WEB_TARGETS_MS.get(what)
        target = f"≤ {limit} ms" if limit else "-"
        met = "-" if limit is None else "met" if median * 1000 <= limit else "**missed**"
        lines.append(f"| {what} | {median * 1000:.0f} | {p95 * 1000:.0f} | {target} | {met} |")
    return lines


# The targets for the app's server time per change, median.
WEB_TARGETS_MS = {"change, budget only (DP)": 30, "change with a coverage rule (IP)": 80}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--work", type=Path, help="keep the synthetic rounds here")
    parser.add_argument("--only", choices=("2020", "portfolios", "synth", "pabulib", "web"),
                        nargs="*", default=("2020", "synth", "pabulib", "web"),
                        help="which groups of rows (2020 includes portfolios)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.repeat
    sizes = [n for n in args.sizes if not args.quick or n <= 10_000]
    draws = 100 if args.quick else 1000
    work = args.work or Path(tempfile.mkdtemp(prefix="grantopt-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = rows_2020(work, runs, draws, args.quick) if "2020" in args.only else []
        if "portfolios" in args.only and "2020" not in args.only:
            rows += rows_portfolios()
        if "synth" in args.only:
            rows += rows_synth(work, sizes, runs, draws, args.quick)
        if "pabulib" in args.only and PB.is_dir():
            rows += rows_pabulib(work, runs)
        web = rows_web(runs) if "web" in args.only else []
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    head = ["task", "grantopt s", "MiB", "best bare baseline", "baseline s", "MiB", "ratio",
            "target", "met"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine: {machine()}; median of {runs} run(s) (the short rows at least 3, "
          f"--help 5), whole processes; load average at the end {load}\n")
    print("| " + " | ".join(head) + " |")
    print("| " + " | ".join(["---"] + ["---:"] * 2 + ["---"] + ["---:"] * 4 + ["---"]) + " |")
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")
    if web:
        print("\n" + "\n".join(web))


if __name__ == "__main__":
    main()
