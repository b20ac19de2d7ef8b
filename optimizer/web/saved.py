"""The library of saved scenarios in the app: its routes, and what a session does with it.

A session works either on an offered file (its changes stay in the session until "Save
as") or on a saved scenario (`session.saved`, its slug): then each change it keeps (change,
lock, reset: handlers call `record`) is written to the store at once, with one history row
per scenario key that changed. A saved scenario is the session's study as scenario TOML
(the project's writer, paths absolute, its name as the scenario's name) and the offer it
started from; opening one reads it back with the scenario loader. Only scenarios on a
round (and a scoring sheet) of the offered files are opened or imported: a page must not
make the server read any other file.
"""

from __future__ import annotations

import dataclasses
import html
import threading
import tomllib
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from optimizer.errors import GrantoptError, ScenarioError
from optimizer.formats.toml import to_toml
from optimizer.scenario import Scenario, load_scenario
from optimizer.study import Study
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.names import KEYS, key_name
from optimizer.vocabulary.values import shown_value
from optimizer.web import handlers as h  # which calls `record`: used only at run time
from optimizer.web.downloads import scratch
from optimizer.web.state import Library, Session, Sessions
from optimizer.web.store import NameTaken, NotSaved, Saved, Stale, Store

CACHED = 32  # saved scenarios' studies kept solved (by their TOML text)
DIFF_WIDTH = 100  # columns of the diff's text, as `grantopt diff` lays it out


class Shelf:
    """The store and the studies of its scenarios, each read (and solved) once per TOML
    text, checked to be on an offered round."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store, self.library = store, library
        self._studies: OrderedDict[str, Study] = OrderedDict()
        self._lock = threading.Lock()  # held only to look up and insert, never to read

    def study(self, saved: Saved) -> Study:
        with self._lock:
            found = self._studies.get(saved.toml)
        if found is None:
            found = study_of_toml(saved.toml, self.library)
        with self._lock:
            found = self._studies.setdefault(saved.toml, found)
            self._studies.move_to_end(saved.toml)
            while len(self._studies) > CACHED:
                self._studies.popitem(last=False)
        return found

    def base_for(self, base: str, study: Study) -> str:
        """The offer a session on a saved scenario goes back to: its own (`base`) when
        still offered, else one on the same round, else the first."""
        if base in self.library.offers:
            return base
        for name in self.library.offers:
            if same_path(self.library.study(name).round.path, study.round.path):
                return name
        return self.library.first


def saved_studies(shelf: Shelf, but: str | None = None) -> list[tuple[str, Study]]:
    """(name, study) of every saved scenario but the slug `but` (the session's own); one
    that no longer reads on this server's rounds is left out."""
    out = []
    for saved in shelf.store.scenarios():
        if saved.slug == but:
            continue
        try:
            out.append((saved.name, shelf.study(saved)))
        except GrantoptError:
            continue
    return out


# --- scenarios as text, and back ---------------------------------------------------------------


def saved_toml(study: Study, name: str) -> str:
    """The study as a standalone scenario file named `name`: `grantopt run` reads it."""
    sc, case = study.scenario, study.case
    about = dataclasses.replace(sc.scenario, name=name, name_fi=name,
                                round=str(Path(sc.round_path).resolve()))
    scoring = sc.scoring
    if case.score_path is not None and scoring.source not in (None, "proxy"):
        scoring = dataclasses.replace(scoring, source=str(Path(case.score_path).resolve()))
    return to_toml(dataclasses.replace(sc, scenario=about, scoring=scoring))


def same_path(a: Path | str, b: Path | str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def offered_files(library: Library) -> tuple[list[Path], list[Path]]:
    """The rounds and the scoring sheets of the offered scenarios."""
    rounds, sheets = [], []
    for name in library.offers:
        study = library.study(name)
        rounds.append(study.round.path.resolve())
        if study.case.score_path is not None:
            sheets.append(Path(study.case.score_path).resolve())
    return list(dict.fromkeys(rounds)), list(dict.fromkeys(sheets))


def study_of_toml(text: str, library: Library, lang: str = "en") -> Study:
    """The study of a scenario's TOML text, read by the scenario loader, refused unless it
    stands alone (no `extends`) on an offered round and scoring sheet. Errors name the
    line or key as the command line does, of a file called scenario.toml."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raw = {}  # the loader says where, below
    about = raw.get("scenario")
    if isinstance(about, Mapping) and "extends" in about:
        raise ScenarioError(Message.of("web.library.extends"))
    with scratch() as folder:
        path = folder / "scenario.toml"
        path.write_text(text, encoding="utf-8")
        try:
            _check_files(load_scenario(path), library)
            study = Study.from_file(path)
            study.case  # noqa: B018  (reads the scores while the file is there)
        except GrantoptError as exc:
            shown = exc.text(lang).replace(str(folder) + "/", "").replace(str(folder), "")
            raise ScenarioError(shown) from None
    return study


def _check_files(scenario: Scenario, library: Library) -> None:
    rounds, sheets = offered_files(library)
    if scenario.round_path.resolve() not in rounds:
        raise ScenarioError(Message.of("web.library.round_not_offered",
                                       round=str(scenario.round_path),
                                       rounds=[str(r) for r in rounds]))
    source = scenario.scoring.source
    if source not in (None, "proxy") and Path(str(source)).resolve() not in sheets:
        raise ScenarioError(Message.of("web.library.sheet_not_offered", sheet=str(source),
                                       sheets=[str(s) for s in sheets] or ["proxy"]))


def flat(scenario: Scenario) -> dict[str, str]:
    """Every key but the scenario's own (name, round) as `section.key` -> its value as text."""
    out = {}
    for section, body in scenario.to_dict().items():
        if section == "links":
            out["links"] = shown_value(body)
        elif section != "scenario":
            out.update({f"{section}.{k}": shown_value(v) for k, v in body.items()})
    return out


def changed_keys(before: Scenario, after: Scenario) -> list[tuple[str, str, str]]:
    """(key, old, new) of each key whose value differs."""
    old, new = flat(before), flat(after)
    return [(k, old.get(k, ""), new.get(k, "")) for k in sorted(old.keys() | new.keys())
            if old.get(k) != new.get(k)]


# --- the session's side -------------------------------------------------------------------------


def shelf_of(request: Request) -> Shelf:
    shelf: Shelf = request.app.state.shelf
    return shelf


def user_of(request: Request) -> str | None:
    """Who is working, where authentication names a user (request.state.user)."""
    user = getattr(request.state, "user", None)
    return user if isinstance(user, str) and user else None


def record(request: Request, session: Session) -> None:
    """Called by a handler with the session's lock held, once it has kept a change: on a
    saved scenario, write it and its history at once. When a colleague has saved it since
    this session read it, the keys this change set go on top of their version (which the
    session then shows), so neither undoes the other's keys. A scenario deleted meanwhile
    lets go of the session, which carries on unsaved."""
    if session.saved is None or session.previous is None:
        return
    mine = changed_keys(session.previous.scenario, session.study.scenario)
    if not mine:
        return
    shelf, who = shelf_of(request), user_of(request)
    try:
        for _ in range(5):  # a write between our read and our write: read again
            stored = shelf.store.get(session.saved)
            changes = mine
            if stored.toml != session.synced:
                theirs = shelf.study(stored)
                session.study = on_top(theirs, session.study, [k for k, _, _ in mine])
                changes = changed_keys(theirs.scenario, session.study.scenario)
            text = saved_toml(session.study, stored.name)
            try:
                shelf.store.update(session.saved, text, who, changes, expect=stored.toml)
            except Stale:
                continue
            session.synced = text
            return
    except NotSaved:
        session.saved = session.synced = None


def on_top(theirs: Study, mine: Study, keys: list[str]) -> Study:
    """`theirs` with `keys` set as in `mine` (mine whole when that cannot be made)."""
    values: dict[str, Any] = {}
    for key in keys:
        if key == "links":
            values["links"] = [link.to_dict() for link in mine.scenario.links]
        else:
            values[key] = mine.scenario.value(key)
    try:
        return h.checked(theirs.with_changes(**values))
    except GrantoptError:
        return mine


def open_saved(session: Session, shelf: Shelf, slug: str) -> None:
    """Make the saved scenario the session's (its study read and checked first)."""
    saved = shelf.store.get(slug)
    study = shelf.study(saved)
    with h.superseding(session), session.lock:
        session.open(shelf.base_for(saved.base, study), study)
        session.saved, session.synced = slug, saved.toml


# --- the routes ----------------------------------------------------------------------------------


def entry_doc(saved: Saved) -> dict[str, Any]:
    return {"name": saved.name, "slug": saved.slug, "url": f"/s/{saved.slug}",
            "base": saved.base, "created_at": saved.created_at,
            "created_by": saved.created_by, "updated_at": saved.updated_at,
            "updated_by": saved.updated_by}


def library_doc(session: Session, shelf: Shelf) -> dict[str, Any]:
    """The list, and which one this session has open (null: an offered file)."""
    listed = shelf.store.scenarios()
    if session.saved is not None and all(s.slug != session.saved for s in listed):
        session.saved = None  # deleted by someone else
    return {"open": session.saved, "offer": session.offer,
            "scenarios": [entry_doc(s) for s in listed]}


async def _answer(request: Request, work: Any) -> Response:
    """`answer`, with a name in use as 409 and an unknown slug as 404."""
    lang = h.session_of(request).lang

    def guarded() -> Any:
        try:
            return work()
        except NameTaken as exc:
            return h.error_response(exc.text(lang), 409)
        except NotSaved as exc:
            return h.error_response(exc.text(lang), 404)

    return await h.answer(guarded, lang=lang)


async def _name(request: Request) -> str:
    try:
        name = (await h.body_of(request)).get("name")
    except h.BadRequest:
        name = None
    return name if isinstance(name, str) else ""


async def get_library(request: Request) -> Response:
    """GET /api/library."""
    session, shelf = h.session_of(request), shelf_of(request)
    return await _answer(request, lambda: library_doc(session, shelf))


async def save_as(request: Request) -> Response:
    """POST /api/library {"name"}: the session's study saved under a new name, and from now
    on the session's open saved scenario. The open one's own name saves it again."""
    session, shelf, who = h.session_of(request), shelf_of(request), user_of(request)
    name = await _name(request)

    def work() -> dict[str, Any]:
        with session.lock:
            study, open_slug = session.study, session.saved
            text = saved_toml(study, name.strip())
            if open_slug is not None and shelf.store.get(open_slug).name.lower() == \
                    name.strip().lower():
                shelf.store.update(open_slug, text, who, [])
                session.synced = text
            else:
                made = shelf.store.create(name, session.offer, text, who)
                session.saved, session.synced = made.slug, made.toml
            return library_doc(session, shelf)

    return await _answer(request, work)


async def open_route(request: Request) -> Response:
    """POST /api/library/{slug}/open: the page's state on the saved scenario."""
    session, shelf = h.session_of(request), shelf_of(request)
    sessions: Sessions = request.app.state.sessions
    slug = request.path_params["slug"]

    def work() -> dict[str, Any]:
        open_saved(session, shelf, slug)
        with session.lock:
            return h.page_state(session, sessions)

    return await _answer(request, work)


async def rename(request: Request) -> Response:
    session, shelf, who = h.session_of(request), shelf_of(request), user_of(request)
    slug, name = request.path_params["slug"], await _name(request)

    def work() -> dict[str, Any]:
        study = shelf.study(shelf.store.get(slug))
        renamed = shelf.store.rename(slug, name, who, saved_toml(study, name.strip()))
        with session.lock:
            if session.saved == slug:
                session.synced = renamed.toml
            return library_doc(session, shelf)

    return await _answer(request, work)


async def duplicate(request: Request) -> Response:
    session, shelf, who = h.session_of(request), shelf_of(request), user_of(request)
    slug, name = request.path_params["slug"], await _name(request)

    def work() -> dict[str, Any]:
        study = shelf.study(shelf.store.get(slug))
        copy = shelf.store.duplicate(slug, name, who, saved_toml(study, name.strip()))
        return {**library_doc(session, shelf), "made": copy.slug}

    return await _answer(request, work)


async def delete(request: Request) -> Response:
    session, shelf, who = h.session_of(request), shelf_of(request), user_of(request)
    slug = request.path_params["slug"]

    def work() -> dict[str, Any]:
        shelf.store.delete(slug, who)
        if session.saved == slug:
            session.saved = None
        return library_doc(session, shelf)

    return await _answer(request, work)


async def export(request: Request) -> Response:
    """GET /api/library/{slug}/scenario.toml: the file `grantopt run` reads."""
    shelf = shelf_of(request)
    slug = request.path_params["slug"]

    def work() -> Response:
        saved = shelf.store.get(slug)
        stem = "".join(c if c.isalnum() else "-" for c in saved.name).strip("-") or slug
        return Response(saved.toml, media_type="application/toml", headers={
            "Content-Disposition": f'attachment; filename="{stem}.toml"',
            "Cache-Control": "no-store"})

    return await _answer(request, work)


async def import_route(request: Request) -> Response:
    """POST /api/library/import {"name", "toml"}: a scenario file saved in the library
    (not opened); refused, saying where, when it does not read or names other files."""
    session, shelf, who = h.session_of(request), shelf_of(request), user_of(request)
    try:
        body = await h.body_of(request)
    except h.BadRequest:
        body = {}
    name, text = body.get("name"), body.get("toml")
    if not isinstance(text, str) or not text.strip():
        return h.error_response(say(session.lang, "web.library.no_toml"))

    def work() -> dict[str, Any]:
        study = study_of_toml(text, shelf.library, session.lang)
        base = shelf.base_for("", study)
        made = shelf.store.create(str(name or ""), base, saved_toml(study, str(name).strip()),
                                  who, action="import")
        return {**library_doc(session, shelf), "made": made.slug}

    return await _answer(request, work)


async def history(request: Request) -> Response:
    """GET /api/library/{slug}/history: oldest first, each key by its plain name too."""
    session, shelf = h.session_of(request), shelf_of(request)
    slug, lang = request.path_params["slug"], session.lang

    def work() -> dict[str, Any]:
        rows = shelf.store.history(slug)
        return {"slug": slug, "entries": [
            {**dataclasses.asdict(e), "action_text": say(lang, f"web.lib_act_{e.action}"),
             "key_text": key_name(e.key, lang) if e.key and e.key in KEYS
             else (e.key or "")}
            for e in rows]}

    return await _answer(request, work)


async def diff(request: Request) -> Response:
    """GET /api/library/diff?a=slug&b=slug: the two side by side, as `grantopt diff`
    prints them, in the page's language."""
    from optimizer.cli.diff import format_diffs

    session, shelf = h.session_of(request), shelf_of(request)
    a, b = request.query_params.get("a", ""), request.query_params.get("b", "")

    def work() -> dict[str, Any]:
        first, second = (shelf.study(shelf.store.get(s)) for s in (a, b))
        text = format_diffs([first, second], [first.diff(second)], session.lang,
                            width=DIFF_WIDTH)
        return {"a": a, "b": b, "text": text}

    return await _answer(request, work)


def page_response(session: Session, status: int = 200) -> HTMLResponse:
    """The page, carrying its session's token for the script to send with each change
    (a page of another origin cannot read it)."""
    page = (h.STATIC / "index.html").read_text(encoding="utf-8")
    meta = f'<head>\n<meta name="grantopt-token" content="{session.token}">'
    return HTMLResponse(page.replace("<head>", meta, 1), status_code=status,
                        headers={"Cache-Control": "no-store"})


async def saved_page(request: Request) -> Response:
    """GET /s/{slug}: the page, its session opened on the saved scenario (the guard makes
    a session for a browser that has none)."""
    session, shelf = h.session_of(request), shelf_of(request)
    slug = request.path_params["slug"]

    def work() -> Response:
        try:
            open_saved(session, shelf, slug)
        except GrantoptError as exc:
            text = html.escape(exc.text(session.lang))
            return HTMLResponse(f'<!doctype html><meta charset="utf-8"><p>{text}</p>'
                                f'<p><a href="/">grantopt</a></p>', 404,
                                headers={"Cache-Control": "no-store"})
        return page_response(session)

    return await h.answer(work)
