"""The library of saved scenarios: one SQLite file (stdlib sqlite3), made on first use.

    store = Store(Path("grantopt-library.sqlite"))
    saved = store.create("Lean year", base="2020-baseline", toml=text, who=None)
    store.update(saved.slug, new_text, who="maija", changes=[("budget.appropriation",
                 "13,000,000", "12,000,000")])

A saved scenario is a name (unique whatever its case), a slug for its URL (never changes,
so a shared link survives a rename), the offer it started from and the scenario as TOML
text. Its history has one row per action and per key changed: when (UTC), who (None when
nobody is named), what. Every write is one transaction, so a crash loses nothing committed;
the file is in WAL mode, so readers never wait for a writer and several Store objects (or
processes) on one file see each other's commits. The schema's version is the file's
`PRAGMA user_version`; MIGRATIONS bring an older file up to date, each in its own
transaction, and a file from a newer grantopt is refused rather than misread.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from optimizer.errors import ScenarioError
from optimizer.vocabulary.message import Message

MAX_NAME = 120  # characters of a saved scenario's name


class NameTaken(ScenarioError):
    """Another saved scenario has this name (the page answers 409)."""


class NotSaved(ScenarioError):
    """No saved scenario has this slug (deleted, or never was: the page answers 404)."""


class Stale(Exception):
    """The scenario changed since the writer read it (`update`'s `expect`)."""


@dataclass(frozen=True)
class Saved:
    """One saved scenario as the library lists it."""

    slug: str
    name: str
    base: str  # the offered scenario it started from
    toml: str
    created_at: str
    created_by: str | None
    updated_at: str
    updated_by: str | None


@dataclass(frozen=True)
class Entry:
    """One row of a saved scenario's history: an action, and for a change one key."""

    at: str  # UTC, ISO 8601
    who: str | None
    action: str  # save, change, rename, duplicate, import, delete
    key: str | None = None
    old: str | None = None
    new: str | None = None


# --- the schema, version by version ----------------------------------------------------------


def _v1(db: sqlite3.Connection) -> None:
    # AUTOINCREMENT: a deleted scenario's id (its history stays) is never given again.
    db.execute("""CREATE TABLE scenarios (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        base TEXT NOT NULL,
        toml TEXT NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT,
        updated_at TEXT NOT NULL, updated_by TEXT)""")
    db.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        scenario INTEGER NOT NULL,
        at TEXT NOT NULL, who TEXT,
        action TEXT NOT NULL, key TEXT, old TEXT, new TEXT)""")


def _v2(db: sqlite3.Connection) -> None:
    # A scenario's history read without scanning every scenario's.
    db.execute("CREATE INDEX history_of_scenario ON history (scenario, id)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)


def migrate(db: sqlite3.Connection, path: Path,
            migrations: Sequence[Callable[[sqlite3.Connection], None]] = MIGRATIONS) -> int:
    """Bring the file's schema up to len(migrations), each step in one transaction with its
    version number; the version reached. A newer file than this code knows is refused."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise ScenarioError(Message.of("web.store.newer", file=str(path), version=version,
                                       known=len(migrations)))
    for number, step in enumerate(migrations[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated since the version was read.
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                db.execute("ROLLBACK")
                continue
            step(db)
            db.execute(f"PRAGMA user_version = {number:d}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_name(name: object) -> str:
    """The name as kept: trimmed, not empty, at most MAX_NAME characters."""
    text = name.strip() if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME:
        raise ScenarioError(Message.of("web.store.bad_name", max=MAX_NAME))
    return text


# --- the store -------------------------------------------------------------------------------

_COLUMNS = "slug, name, base, toml, created_at, created_by, updated_at, updated_by"


class Store:
    """The library in the SQLite file at `path` (made, with its folders, on first use). One
    connection, shared by the server's threads under a lock; SQLite's own locking keeps
    two Store objects or processes on one file apart."""

    def __init__(self, path: Path | str,
                 migrations: Sequence[Callable[[sqlite3.Connection], None]] = MIGRATIONS
                 ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False,
                                       isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut
            self.version = migrate(self._db, self.path, migrations)
        except sqlite3.DatabaseError as exc:
            raise ScenarioError(Message.of("web.store.unreadable", file=str(self.path),
                                           problem=str(exc))) from None
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is kept, or none of it."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _read(self, sql: str, args: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    # --- reading -----------------------------------------------------------------------

    def scenarios(self) -> list[Saved]:
        """Every saved scenario, by name."""
        rows = self._read(f"SELECT {_COLUMNS} FROM scenarios ORDER BY name COLLATE NOCASE")
        return [Saved(*row) for row in rows]  # type: ignore[arg-type]

    def get(self, slug: str) -> Saved:
        rows = self._read(f"SELECT {_COLUMNS} FROM scenarios WHERE slug = ?", [slug])
        if not rows:
            raise NotSaved(Message.of("web.store.not_saved", slug=slug))
        return Saved(*rows[0])  # type: ignore[arg-type]

    def history(self, slug: str) -> list[Entry]:
        """The scenario's history, oldest first."""
        rows = self._read("SELECT h.at, h.who, h.action, h.key, h.old, h.new FROM history h "
                          "JOIN scenarios s ON s.id = h.scenario WHERE s.slug = ? "
                          "ORDER BY h.id", [slug])
        if not rows:
            self.get(slug)  # NotSaved for an unknown slug
        return [Entry(*row) for row in rows]  # type: ignore[arg-type]

    # --- writing -----------------------------------------------------------------------

    def create(self, name: str, base: str, toml: str, who: str | None,
               action: str = "save") -> Saved:
        """A new saved scenario (NameTaken when the name is in use, whatever its case)."""
        name, at, slug = clean_name(name), now(), secrets.token_urlsafe(8)
        with self._write() as db:
            self._name_free(db, name, None)
            cur = db.execute(f"INSERT INTO scenarios ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
                             (slug, name, base, toml, at, who, at, who))
            db.execute("INSERT INTO history (scenario, at, who, action, new) "
                       "VALUES (?,?,?,?,?)", (cur.lastrowid, at, who, action, name))
        return self.get(slug)

    def update(self, slug: str, toml: str, who: str | None,
               changes: Sequence[tuple[str, str, str]], action: str = "change",
               expect: str | None = None) -> Saved:
        """The scenario's new TOML, with one history row per (key, old, new) changed;
        with `expect`, only if its TOML is still that (else Stale, nothing written)."""
        at = now()
        with self._write() as db:
            sid = self._id(db, slug)
            if expect is not None and db.execute("SELECT toml FROM scenarios WHERE id = ?",
                                                 (sid,)).fetchone()[0] != expect:
                raise Stale(slug)
            db.execute("UPDATE scenarios SET toml = ?, updated_at = ?, updated_by = ? "
                       "WHERE id = ?", (toml, at, who, sid))
            db.executemany("INSERT INTO history (scenario, at, who, action, key, old, new) "
                           "VALUES (?,?,?,?,?,?,?)",
                           [(sid, at, who, action, k, o, n) for k, o, n in changes])
        return self.get(slug)

    def rename(self, slug: str, name: str, who: str | None, toml: str | None = None
               ) -> Saved:
        """A new name (and the TOML text with it, when given); the slug stays."""
        name, at = clean_name(name), now()
        with self._write() as db:
            sid = self._id(db, slug)
            self._name_free(db, name, sid)
            old = db.execute("SELECT name FROM scenarios WHERE id = ?", (sid,)).fetchone()[0]
            db.execute("UPDATE scenarios SET name = ?, toml = coalesce(?, toml), "
                       "updated_at = ?, updated_by = ? WHERE id = ?",
                       (name, toml, at, who, sid))
            db.execute("INSERT INTO history (scenario, at, who, action, old, new) "
                       "VALUES (?,?,?,?,?,?)", (sid, at, who, "rename", old, name))
        return self.get(slug)

    def duplicate(self, slug: str, name: str, who: str | None, toml: str | None = None
                  ) -> Saved:
        """A copy under a new name (its TOML text `toml` when given), its history starting
        with the action "duplicate"."""
        original = self.get(slug)
        return self.create(name, original.base, toml or original.toml, who,
                           action="duplicate")

    def delete(self, slug: str, who: str | None) -> None:
        """Remove the scenario; its history stays in the file (action "delete"), out of
        every list."""
        with self._write() as db:
            sid = self._id(db, slug)
            name = db.execute("SELECT name FROM scenarios WHERE id = ?", (sid,)).fetchone()[0]
            db.execute("INSERT INTO history (scenario, at, who, action, old) "
                       "VALUES (?,?,?,?,?)", (sid, now(), who, "delete", name))
            db.execute("DELETE FROM scenarios WHERE id = ?", (sid,))

    @staticmethod
    def _id(db: sqlite3.Connection, slug: str) -> int:
        row = db.execute("SELECT id FROM scenarios WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise NotSaved(Message.of("web.store.not_saved", slug=slug))
        return int(row[0])

    @staticmethod
    def _name_free(db: sqlite3.Connection, name: str, own: int | None) -> None:
        row = db.execute("SELECT id FROM scenarios WHERE name = ? COLLATE NOCASE",
                         (name,)).fetchone()
        if row is not None and row[0] != own:
            raise NameTaken(Message.of("web.store.name_taken", name=name))
