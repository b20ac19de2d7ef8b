"""The what-if app under load: many sessions at once, and one session's long solve beside
another's budget changes.

Run: python benchmarks/app_load.py [--clients 20] [--requests 10] [--synth N] [--work DIR]

The app (`grantopt serve`'s create_app) runs in this process on uvicorn, on a free port of
127.0.0.1; every client is an httpx client with a cookie jar of its own, so a session of
its own, and sends what the page sends (it reads a CSRF token from the page or its state
where the app gives one, and sends the page's Origin).

1. Throughput: --clients clients at once on the 2020 round, half making budget changes
   (the knapsack DP answers), half coverage rules (one project per region, the integer
   program); each client --requests changes. Reports changes per second and the p50, p95
   and p99 of each kind, as the client sees them (queueing included).
2. A long solve beside: one session opens a synthetic round of --synth applications
   (`grantopt data synth --seed 1`) and solves coverage rules with a cap per lead (about
   15 s on a laptop), again and again, while another session changes the 2020 budget;
   reports the budget change's p50 and p95 when idle and while the long solve runs.

Not part of the test run: timings depend on the machine and its load; nothing is asserted.
"""

from __future__ import annotations

import argparse
import csv
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from optimizer.web.app import create_app  # noqa: E402 - after the path is set

BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
TOKEN_NAMES = ("csrf", "csrf_token", "token")  # where the app's state may hold one
TOKEN_META = ("grantopt-token", "csrf-token")  # or the page's <meta name=... content=...>
TOKEN_HEADER = "X-Grantopt-Token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class App:
    """The app on uvicorn in a thread of this process."""

    def __init__(self, scenarios: list[Path]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(scenarios), host="127.0.0.1", port=self.port,
                                log_level="warning", limit_concurrency=1000)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> App:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


class Client:
    """One browser session: loads the page, then sends changes as the page does."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=600, headers={"Origin": url})
        page = self.http.get("/").text
        state = self.http.get("/api/state").json()
        token = next((state[k] for k in TOKEN_NAMES if isinstance(state.get(k), str)), None)
        for name in TOKEN_META:
            marker = f'name="{name}" content="'
            if token is None and marker in page:
                token = page.split(marker, 1)[1].split('"', 1)[0]
        if token:
            self.http.headers[TOKEN_HEADER] = token

    def post(self, path: str, doc: dict[str, Any]) -> tuple[float, int]:
        start = time.perf_counter()
        status = self.http.post(path, json=doc).status_code
        return time.perf_counter() - start, status

    def change(self, *sets: str) -> tuple[float, int]:
        return self.post("/api/change", {"set": list(sets)})


def budget_change(rng: random.Random) -> list[str]:
    return [f"budget.appropriation={rng.randrange(8_000_000, 12_000_000, 1000)}"]


def coverage_change(rng: random.Random) -> list[str]:
    return [*budget_change(rng), "coverage.min_projects_per_region=1"]


def quantiles(seconds: list[float]) -> dict[str, float]:
    """p50, p95 and p99 in milliseconds."""
    if len(seconds) < 2:
        only = seconds[0] * 1000 if seconds else float("nan")
        return {"p50": only, "p95": only, "p99": only}
    q = statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98]}


def throughput(url: str, clients: int, requests: int) -> None:
    print(f"\n1. {clients} clients at once, {requests} changes each, on the 2020 round")
    sessions = [Client(url) for _ in range(clients)]  # the page loads are not timed
    times: dict[str, list[float]] = {"budget": [], "coverage": []}
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def run(k: int) -> None:
        rng = random.Random(k)
        kind, make = (("budget", budget_change) if k % 2 == 0 else
                      ("coverage", coverage_change))
        for _ in range(requests):
            seconds, status = sessions[k].change(*make(rng))
            with lock:
                statuses[status] += 1
                if status == 200:
                    times[kind].append(seconds)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    done = sum(len(v) for v in times.values())
    print(f"   {done} changes answered 200 in {wall:.1f} s: {done / wall:.1f} changes/s "
          f"(statuses {dict(statuses)})")
    for kind, seconds in (*times.items(), ("all", times["budget"] + times["coverage"])):
        q = quantiles(seconds)
        print(f"   {kind:<9} n={len(seconds):<4} p50 {q['p50']:7.0f} ms   p95 {q['p95']:7.0f} ms"
              f"   p99 {q['p99']:7.0f} ms")


def synth_round(work: Path, n: int) -> tuple[Path, list[str]]:
    """The synthetic round's scenario and the coverage-heavy change that takes long."""
    folder = work / f"synth-{n}"
    if not (folder / "scenario.toml").exists():
        subprocess.run([sys.executable, "-m", "optimizer", "data", "synth", "--applications",
                        str(n), "--seed", "1", "--out", str(folder), "--force"], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    with (folder / "applications.csv").open(encoding="utf-8-sig") as f:
        counts = sorted(Counter(r["applicant"] for r in csv.DictReader(f)).values())
    return folder / "scenario.toml", ["coverage.min_projects_per_region=1",
                                      "coverage.min_projects_per_target_area=1",
                                      f"coverage.max_awards_per_lead={counts[len(counts) // 2]}"]


def sample(client: Client, rng: random.Random, until: Callable[[], bool]) -> list[float]:
    out = []
    while not until():
        seconds, status = client.change(*budget_change(rng))
        if status == 200:
            out.append(seconds)
        time.sleep(0.05)  # a person's pace is slower; this keeps the samples many
    return out


def beside_a_long_solve(url: str, long_change: list[str], rounds: int) -> None:
    print(f"\n2. budget changes on 2020 while another session solves {' '.join(long_change)} "
          "on the synthetic round")
    budget, long = Client(url), Client(url)
    long.post("/api/open", {"scenario": "scenario"})
    rng = random.Random(7)
    stop_idle = time.perf_counter() + 10
    idle = sample(budget, rng, lambda: time.perf_counter() > stop_idle)
    solves: list[float] = []
    running = threading.Event()
    running.set()

    def solve_long() -> None:
        for k in range(rounds):  # a new budget each time, so each is a new solve
            seconds, status = long.change(*long_change,
                                          f"budget.appropriation={9_000_000 + k * 1000}")
            solves.append(seconds)
            print(f"   long solve {k + 1}: {seconds:.1f} s (status {status})")
        running.clear()

    thread = threading.Thread(target=solve_long)
    thread.start()
    time.sleep(1)  # the long solve has started
    during = sample(budget, rng, lambda: not running.is_set())
    thread.join()
    for name, seconds in (("idle", idle), ("during", during)):
        q = quantiles(seconds)
        print(f"   budget change {name:<7} n={len(seconds):<4} p50 {q['p50']:6.0f} ms   "
              f"p95 {q['p95']:6.0f} ms   max {max(seconds, default=0) * 1000:6.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="changes per client")
    parser.add_argument("--synth", type=int, default=10_000,
                        help="applications of the synthetic round of part 2 (0: skip it)")
    parser.add_argument("--long-rounds", type=int, default=2,
                        help="how many long solves part 2 runs one after the other")
    parser.add_argument("--work", type=Path, help="keep the synthetic round here")
    parser.add_argument("--switch-interval", type=float,
                        help="Python's GIL switch interval in seconds while measuring "
                             "(sys.setswitchinterval; Python's own is 0.005)")
    args = parser.parse_args()
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        scenarios = [BASELINE]
        long_change: list[str] = []
        if args.synth:
            synth, long_change = synth_round(work, args.synth)
            scenarios.append(synth)
        with App(scenarios) as app:
            print(f"app at {app.url}, Python {sys.version.split()[0]}, GIL switch interval "
                  f"{sys.getswitchinterval() * 1000:g} ms")
            throughput(app.url, args.clients, args.requests)
            if args.synth:
                beside_a_long_solve(app.url, long_change, args.long_rounds)


if __name__ == "__main__":
    main()
