"""How a solve runs, without the solvers themselves: its options checked, its cancelling, and
the cycle collector paused. Kept apart from model.solvers (which imports PuLP on load) so
that the knapsack DP's path never loads PuLP."""

from __future__ import annotations

import contextlib
import gc
import math
import threading
from collections.abc import Generator, Iterator
from typing import Any

from optimizer.errors import SolverError, suggest
from optimizer.vocabulary.message import Message

SOLVERS = ("cbc", "highs")


# --- cancelling --------------------------------------------------------------------------

_CANCEL = threading.local()  # .event: the Event that cancels this thread's solves


@contextlib.contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Solves run in this thread inside the block stop once `event` is set (from any
    thread): a CBC run is killed within POLL_SECONDS, a HiGHS run stops at its next
    interrupt check (HiGHS's simplex, interior point and branch-and-bound callbacks), a
    solve not started yet does not start, and each raises SolveCancelled. Blocks do not
    nest."""
    _CANCEL.event = event
    try:
        yield
    finally:
        _CANCEL.event = None


class SolveCancelled(SolverError):
    """The solve was stopped because its `cancellable` event was set."""

    def __init__(self) -> None:
        super().__init__(Message.of("solver.cancelled"))


POLL_SECONDS = 0.05


def stop_if_cancelled() -> None:
    event = getattr(_CANCEL, "event", None)
    if event is not None and event.is_set():
        raise SolveCancelled


def check_options(solver: str, time_limit: float | None, gap: float) -> None:
    if solver not in SOLVERS:
        raise SolverError(Message.of("solver.unknown", solver=solver, solvers=list(SOLVERS),
                                     suggest=suggest(solver, SOLVERS)))
    if time_limit is not None and not (time_limit > 0 and math.isfinite(time_limit)):
        raise SolverError(Message.of("scenario.solver.time_limit", value=time_limit))
    if not (0 <= gap < 1):
        raise SolverError(Message.of("solver.gap", gap=gap))


@contextlib.contextmanager
def gc_paused() -> Generator[None, None, None]:
    """Python's cycle collector off for the block (as it was after). Building and solving
    a large model allocates a few objects per variable and row, none of them in cycles;
    with 100,000 applications in memory each automatic collection walks them all, and
    the collections took more time than the building itself."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


# --- the optimum's model, kept for the tie rule ------------------------------------------

# The model solve() last built and solved, kept for the tie rule's first step on the same
# instance (model.ties takes it: the same program, not built a second time). One only, and
# none for rounds past SPARE_MAX_ITEMS (ties.CHECK_MAX_ITEMS: the rule takes none there),
# so sweeps and the largest rounds hold no more than before.
SPARE_MAX_ITEMS = 20_000
_SPARE: list[tuple[object, Any]] = []
_SPARE_LOCK = threading.Lock()


def keep_spare(instance: object, model: Any) -> None:
    """Keep `model`, built for `instance` and solved, in place of the one kept before
    (None: keep none)."""
    with _SPARE_LOCK:
        _SPARE[:] = [] if model is None else [(instance, model)]


def take_spare(instance: object) -> Any:
    """The model kept for this very instance (as build_model(instance) returns it, its
    solution values aside), once; else None."""
    with _SPARE_LOCK:
        if _SPARE and _SPARE[0][0] is instance:
            return _SPARE.pop()[1]
        return None
