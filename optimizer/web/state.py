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
# Memory stays bounded, and no session in use is ever dropped to make room: past these a
# new page is refused (429). A session only loaded (its page never called the API) is
# dropped first, as is one idle for IDLE_HOURS; its page, if it comes back, is told so.
MAX_SESSIONS = 200
MAX_PER_CLIENT = 50
MAX_UNUSED_PER_CLIENT = 10
IDLE_HOURS = 12


class TooManySessions(Exception):
    """No room for a new session: `scope` is "client" or "total", `limit` the bound."""

    def __init__(self, scope: str, limit: int) -> None:
        super().__init__(scope)
        self.scope, self.limit = scope, limit


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
    client: str = ""  # the address that loaded the page
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))  # CSRF token
    used: bool = False  # the page has called the API with this session
    fresh: bool = True  # its cookie is still to be sent
    saved: str | None = None  # the slug of the saved scenario it works on (web/saved.py)
    synced: str | None = None  # that scenario's TOML as this session last read or wrote it

    def change(self, study: Study) -> None:
        """Make `study` current, remembering the one before."""
        self.previous, self.study = self.study, study
        self.version += 1

    def open(self, offer: str, study: Study) -> None:
        """Work on an offered file (read-only: no saved scenario open any more)."""
        self.offer, self.study, self.previous = offer, study, None
        self.saved = self.synced = None
        self.version += 1


class Sessions:
    """Sessions by cookie id: made only by `create` (loading the page), found by `find`."""

    def __init__(self, library: Library, default_lang: str = "en") -> None:
        self.library, self.default_lang = library, default_lang
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, session_id: str | None) -> Session | None:
        """The session with this id (now counted as used), or None; never makes one."""
        with self._lock:
            found = self._sessions.get(session_id or "")
            if found is not None:
                self._sessions.move_to_end(found.id)
                found.seen, found.used = time.monotonic(), True
            return found

    def create(self, client: str) -> Session:
        """A new session for a page loaded from `client` (TooManySessions when there is no
        room without dropping a session in use)."""
        offer = self.library.first
        session = Session(secrets.token_urlsafe(24), offer, self.library.study(offer),
                          self.default_lang, client=client)
        with self._lock:
            self._make_room(client)
            self._sessions[session.id] = session
        return session

    def __len__(self) -> int:
        return len(self._sessions)

    def running_jobs(self) -> int:
        from optimizer.web.jobs import running

        with self._lock:
            every = [job for s in self._sessions.values() for job in s.jobs.values()]
        return running(every)

    def _make_room(self, client: str) -> None:
        mine = [s for s in self._sessions.values() if s.client == client]
        unused = [s for s in mine if not s.used]
        for s in unused[:max(0, len(unused) - MAX_UNUSED_PER_CLIENT + 1)]:
            del self._sessions[s.id]  # oldest first: a flood of page loads drops its own
        if sum(s.client == client for s in self._sessions.values()) >= MAX_PER_CLIENT:
            self._drop_idle(client)
            if sum(s.client == client for s in self._sessions.values()) >= MAX_PER_CLIENT:
                raise TooManySessions("client", MAX_PER_CLIENT)
        if len(self._sessions) >= MAX_SESSIONS:
            for s in [s for s in self._sessions.values() if not s.used][:1]:
                del self._sessions[s.id]
        if len(self._sessions) >= MAX_SESSIONS:
            self._drop_idle(None)
            if len(self._sessions) >= MAX_SESSIONS:
                raise TooManySessions("total", MAX_SESSIONS)

    def _drop_idle(self, client: str | None) -> None:
        limit = time.monotonic() - IDLE_HOURS * 3600
        for s in list(self._sessions.values()):
            if s.seen < limit and (client is None or s.client == client):
                del self._sessions[s.id]
