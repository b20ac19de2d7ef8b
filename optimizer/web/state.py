"""What the app remembers: the scenarios it offers, and each browser session's study.

A `Study` is immutable, so a change makes a new one and sessions never share mutable state;
each session's lock keeps two requests of one session (two tabs) from interleaving a
change, while other sessions solve at the same time in other threads.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.errors import ScenarioError
from optimizer.study import Study

if TYPE_CHECKING:
    from optimizer.web.jobs import Job

COOKIE = "grantopt_session"
MAX_SESSIONS = 200  # the oldest session is forgotten past this: memory stays bounded


@dataclass(frozen=True)
class Offer:
    """A scenario file the app offers, under the name the page shows."""

    name: str
    path: Path


class Library:
    """The offered scenario files and their studies, each read once (a study is shared
    by every session that opens it: it never changes)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        if not paths:
            raise ScenarioError("no scenario to offer: name a scenario file, or start in a "
                                "folder with scenarios/*.toml")
        self.offers: dict[str, Offer] = {}
        for path in paths:
            name = path.stem if path.stem not in self.offers else f"{path.stem}-{len(self.offers)}"
            # An absolute path makes the scenario's round absolute too, so a downloaded
            # scenario names its round wherever it is saved.
            self.offers[name] = Offer(name, path.resolve())
        self._studies: dict[str, Study] = {}
        self._lock = threading.Lock()

    @property
    def first(self) -> str:
        return next(iter(self.offers))

    def study(self, name: str) -> Study:
        """The study of an offered scenario (ScenarioError for a name not offered)."""
        if name not in self.offers:
            raise ScenarioError(f"no scenario {name!r} here; offered: "
                                f"{', '.join(self.offers)}")
        with self._lock:
            if name not in self._studies:
                self._studies[name] = Study.from_file(self.offers[name].path)
            return self._studies[name]


@dataclass(eq=False)
class Session:
    """One browser session: the scenario it opened, its current study (the file's with the
    page's changes), the pinned study, its language and its background jobs."""

    id: str
    offer: str
    study: Study
    lang: str = "en"
    pinned: Study | None = None
    previous: Study | None = None  # the study before the last change, for "what moved"
    version: int = 0  # counts changes; the page asks for figures of this version
    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seen: float = field(default_factory=time.monotonic)

    def change(self, study: Study) -> None:
        """Make `study` current, remembering the one before."""
        self.previous, self.study = self.study, study
        self.version += 1

    def open(self, offer: str, study: Study) -> None:
        self.offer, self.study, self.previous = offer, study, None
        self.version += 1


class Sessions:
    """Sessions by cookie id; the least recently seen is dropped past MAX_SESSIONS."""

    def __init__(self, library: Library, default_lang: str = "en") -> None:
        self.library, self.default_lang = library, default_lang
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> Session:
        """The session with this id, or a new one (with a new id) when there is none."""
        with self._lock:
            found = self._sessions.get(session_id or "")
            if found is not None:
                self._sessions.move_to_end(found.id)
                found.seen = time.monotonic()
                return found
        offer = self.library.first
        session = Session(secrets.token_urlsafe(24), offer, self.library.study(offer),
                          self.default_lang)
        with self._lock:
            self._sessions[session.id] = session
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
        return session
