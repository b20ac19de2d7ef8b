"""grantopt's proportional rules against pabutools' same rules, file by file.

Run: python benchmarks/proportional.py [--limit 600] [--only NAME ...] [--no-synthetic]

One row per pabulib file of ../shared/pabulib (when present) and one for the synthetic
election of 200 projects and 30,000 voters that tests/test_proportional.py generates (seed
19, written to a temporary folder): the seconds of Equal Shares (MES), MES with completion
(pabutools' exhaustion_by_budget_increase) and sequential Phragmén, grantopt's and
pabutools 1.2's, and whether the selections are the same. Each figure is measured in a fresh
process, the fastest of up to 5 runs that take less than a second together (reading the
file not counted; grantopt's figure includes grouping the ballots); a rule of pabutools'
that takes longer than --limit seconds is stopped and shown as "> limit". Beside them: the
whole `grantopt proportional` process, and how much of it the utilitarian optimum (a
Study's solve) takes.

Not part of the test run; timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PB = ROOT.parent / "shared" / "pabulib"
RULES = ("mes", "mes_completed", "phragmen")
SYNTHETIC = ("synthetic 200 x 30,000", 200, 30_000, 19)


def ours(path: str, rule: str) -> dict[str, object]:
    from optimizer.analysis.proportional import election_of, rules_for, run_rule
    from optimizer.formats.pabulib import read_pabulib

    inst = read_pabulib(path)
    if rule not in rules_for(inst.vote_type):
        return {}
    return best_of(lambda: run_rule(rule, election_of(inst)))


def best_of(run: Callable[[], Iterable[str]]) -> dict[str, object]:
    """The fastest of up to 5 runs while they take less than a second together (one run
    otherwise), and what it selected."""
    times: list[float] = []
    while len(times) < 5 and sum(times) < 1.0:
        start = time.perf_counter()
        chosen = sorted(run())
        times.append(time.perf_counter() - start)
    return {"seconds": min(times), "selected": chosen}


def theirs(path: str, rule: str) -> dict[str, object]:
    from pabutools.election import (
        AbstractApprovalProfile,
        Additive_Cardinal_Sat,
        Cost_Sat,
        parse_pabulib,
    )
    from pabutools.rules import (
        exhaustion_by_budget_increase,
        method_of_equal_shares,
        sequential_phragmen,
    )

    instance, profile = parse_pabulib(path)
    approval = isinstance(profile, AbstractApprovalProfile)
    if rule == "phragmen" and not approval:
        return {}
    sat = Cost_Sat if approval else Additive_Cardinal_Sat
    if rule == "mes":
        return best_of(lambda: [p.name for p in method_of_equal_shares(
            instance, profile, sat_class=sat)])
    if rule == "mes_completed":
        return best_of(lambda: [p.name for p in exhaustion_by_budget_increase(
            instance, profile, method_of_equal_shares, {"sat_class": sat})])
    return best_of(lambda: [p.name for p in sequential_phragmen(instance, profile)])


def utilitarian(path: str) -> dict[str, object]:
    from optimizer.cli.proportional import utilitarian_optimum
    from optimizer.formats.pabulib import read_pabulib

    inst = read_pabulib(path)
    start = time.perf_counter()
    utilitarian_optimum(inst, Path(path))
    return {"seconds": time.perf_counter() - start}


def child(kind: str, path: Path, rule: str, limit: float) -> dict[str, object] | None:
    """One measure in a fresh process; None when it ran past the limit."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            "sys.path.insert(0, sys.argv[1] + '/benchmarks'); import proportional as b; "
            "print(json.dumps(getattr(b, sys.argv[2])(*sys.argv[3:])))")
    args = [sys.executable, "-c", code, str(ROOT), kind, str(path)]
    if rule:
        args.append(rule)
    try:
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=limit,
                              check=True)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def whole(path: Path, limit: float) -> float | None:
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "optimizer", "proportional", str(path)],
                       cwd=ROOT, capture_output=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def cell(result: dict[str, object] | None, limit: float) -> str:
    if result is None:
        return f"> {limit:.0f}"
    return f"{result['seconds']:#.3g}" if result else "-"


def row(name: str, path: Path, limit: float) -> list[str]:
    cells = [name]
    for rule in RULES:
        a = child("ours", path, rule, limit)
        b = child("theirs", path, rule, limit)
        if a == {}:
            cells += ["-", "-", "-"]
            continue
        same = ("?" if a is None or b is None
                else "yes" if a["selected"] == b["selected"] else "NO")
        cells += [cell(a, limit), cell(b, limit), same]
    total, optimum = whole(path, limit), child("utilitarian", path, "", limit)
    cells += [f"{total:.2f}" if total is not None else f"> {limit:.0f}",
              cell(optimum, limit)]
    print(" | ".join(cells), file=sys.stderr, flush=True)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=600.0,
                        help="seconds after which a rule's run is stopped")
    parser.add_argument("--only", nargs="*", default=None,
                        help="files whose name contains one of these")
    parser.add_argument("--no-synthetic", action="store_true")
    args = parser.parse_args()
    files = sorted(PB.glob("*.pb")) if PB.is_dir() else []
    if args.only:
        files = [f for f in files if any(o in f.name for o in args.only)]
    headers = ["file", "MES s", "pabutools s", "same", "MES+completion s", "pabutools s",
               "same", "Phragmén s", "pabutools s", "same", "grantopt proportional s",
               "of which utilitarian optimum s"]
    rows = [row(f.stem, f, args.limit) for f in files]
    if not args.no_synthetic:
        sys.path.insert(0, str(ROOT))
        from tests.test_proportional import synthetic_pb

        name, projects, voters, seed = SYNTHETIC
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "synthetic.pb"
            path.write_text(synthetic_pb(projects, voters, seed), encoding="utf-8")
            rows.append(row(name, path, args.limit))
    print("| " + " | ".join(headers) + " |")
    print("| --- " + "| ---: " * (len(headers) - 1) + "|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
