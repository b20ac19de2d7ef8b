"""Background jobs: robustness draws and calibration, each in a thread of its own, with
progress the page polls and a cancel that takes effect at the next progress report (the
progress callback raises)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from optimizer.errors import GrantoptError
from optimizer.study import Study
from optimizer.vocabulary.words import Words
from optimizer.web.serialise import calibration_doc, criteria, robustness_doc

KINDS = ("robustness", "calibrate")
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


def start(kind: str, study: Study, samples: int, lang: str) -> Job:
    """Start a job on `study` (a snapshot: later changes on the page do not reach it)."""
    job = Job(secrets.token_urlsafe(8), kind, samples, lang)
    run = _robustness if kind == "robustness" else _calibrate
    job.thread = threading.Thread(target=_guarded, args=(job, run, study), daemon=True,
                                  name=f"grantopt-{kind}-{job.id}")
    job.thread.start()
    return job


def _guarded(job: Job, run: Callable[[Job, Study], dict[str, Any]], study: Study) -> None:
    try:
        job.result = run(job, study)
        job.status = "done"
    except Cancelled:
        job.status = "cancelled"
    except GrantoptError as exc:
        job.status, job.error = "failed", str(exc)
    except Exception as exc:  # a thread's failure must reach the page, not vanish
        job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"


def _robustness(job: Job, study: Study) -> dict[str, Any]:
    rob = study.robustness(samples=job.samples, progress=job.progress)
    return robustness_doc(rob, Words(job.lang))


def _calibrate(job: Job, study: Study) -> dict[str, Any]:
    k = study.calibrate(samples=job.samples, progress=job.progress)
    names = {c["id"]: c["name"] for c in criteria(study.case, job.lang)}
    return calibration_doc(k, Words(job.lang), names)
