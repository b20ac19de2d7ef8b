"""Background jobs: robustness draws, calibration and robust portfolios, each in a thread
of its own, with progress the page polls and a cancel that takes effect at the next progress
report (the progress callback raises) or, for robust portfolios (which report no progress),
at the next solve (the job's solves run inside `cancellable`)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from optimizer.errors import GrantoptError
from optimizer.study import SolveCancelled, Study, cancellable
from optimizer.vocabulary.words import Words
from optimizer.web.robust import portfolios_doc
from optimizer.web.serialise import calibration_doc, criteria, robustness_doc

KINDS = ("robustness", "calibrate", "portfolios")
MAX_SAMPLES = 20_000  # a page may ask for many draws, but not for hours of them
# Jobs running at once (the web guard refuses more, 429): each is a thread solving
# thousands of programs, and the machine has few cores for every session.
MAX_PER_SESSION = 2
MAX_TOTAL = 4


class Cancelled(Exception):
    """Raised from the progress callback to stop a job the page cancelled."""


@dataclass(eq=False)
class Job:
    """One background run and what the page may ask of it."""

    id: str
    kind: str
    samples: int
    lang: str
    done: int = 0
    total: int = 0
    status: str = "running"  # running, done, cancelled or failed
    result: dict[str, Any] | None = None
    error: str | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    options: dict[str, Any] = field(default_factory=dict)  # a portfolios job's question

    def progress(self, done: int, total: int) -> None:
        """The analyses' progress callback: count, or stop when cancelled."""
        if self.cancel.is_set():
            raise Cancelled
        self.done, self.total = done, total

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "samples": self.samples, "done": self.done,
                "total": self.total or self.samples, "status": self.status,
                "result": self.result, "error": self.error}


def running(jobs: Iterable[Job]) -> int:
    """How many of these jobs are still running (a cancelled one, until it stops)."""
    return sum(job.status == "running" for job in jobs)


def start(kind: str, study: Study, samples: int, lang: str,
          options: dict[str, Any] | None = None) -> Job:
    """Start a job on `study` (a snapshot: later changes on the page do not reach it);
    `options`: a portfolios job's statements and score interval."""
    job = Job(secrets.token_urlsafe(8), kind, samples, lang, options=dict(options or {}))
    run = {"robustness": _robustness, "calibrate": _calibrate,
           "portfolios": _portfolios}[kind]
    job.thread = threading.Thread(target=_guarded, args=(job, run, study), daemon=True,
                                  name=f"grantopt-{kind}-{job.id}")
    job.thread.start()
    return job


def _guarded(job: Job, run: Callable[[Job, Study], dict[str, Any]], study: Study) -> None:
    try:
        with cancellable(job.cancel):
            result = run(job, study)
        if job.cancel.is_set():  # cancelled while a step that cannot stop was running
            raise Cancelled
        job.result, job.status = result, "done"
    except (Cancelled, SolveCancelled):
        job.status = "cancelled"
    except GrantoptError as exc:
        job.status, job.error = "failed", exc.text(job.lang)
    except Exception as exc:  # a thread's failure must reach the page, not vanish
        job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"


def _robustness(job: Job, study: Study) -> dict[str, Any]:
    rob = study.robustness(samples=job.samples, progress=job.progress)
    return robustness_doc(rob, Words(job.lang))


def _calibrate(job: Job, study: Study) -> dict[str, Any]:
    k = study.calibrate(samples=job.samples, progress=job.progress)
    names = {c["id"]: c["name"] for c in criteria(study.case, job.lang)}
    return calibration_doc(k, Words(job.lang), names)


def _portfolios(job: Job, study: Study) -> dict[str, Any]:
    rp = study.nondominated(job.options.get("statements", []),
                            score_interval=job.options.get("score_interval"),
                            samples=job.samples)
    return portfolios_doc(rp, Words(job.lang))
