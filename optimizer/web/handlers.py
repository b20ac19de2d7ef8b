"""What each request does: read its input, ask the session's Study, answer in JSON.

Every handler's work runs in a worker thread (Starlette's thread pool), so that one
session's solve never holds up another's (the library's caches take no lock shared
between studies: optimizer.caching); the session's lock orders the changes of one
session, and a session's new change first cancels the solve of its change still running
(that request answers 409 with "cancelled"), so a long solve never queues the next.
A change is made on a copy (a Study is immutable) and kept only once it has passed the
scenario schema's checks and been solved, so a bad value leaves the session as it was and
answers with the command line's own message.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from optimizer.errors import GrantoptError, InfeasibleError, ScenarioError
from optimizer.formats.files import CSV_DIALECTS, json_text
from optimizer.scenario import parse_set
from optimizer.scenario.load import set_value
from optimizer.scenario.schema import link_specs, located
from optimizer.study import SolveCancelled, Study, cancellable
from optimizer.vocabulary.words import LANGUAGES
from optimizer.web import downloads, figures, jobs, robust, saved
from optimizer.web.labels import labels
from optimizer.web.serialise import explanation, state
from optimizer.web.state import Session, Sessions

STATIC = Path(__file__).resolve().parent / "static"
# Sections the page may change; the others name files (scenario.round, scoring.source) or
# say how long the solver may run, which a page's visitor has no business setting.
CHANGEABLE = ("budget", "scoring", "objective", "funding", "eligibility", "coverage", "locks",
              "links")
FIXED_KEYS = ("scoring.source",)
LOCKS = ("in", "out", "free")


class BadRequest(Exception):
    """A request the page should not have sent (not JSON, a missing field)."""


# --- plumbing ------------------------------------------------------------------------------


def json_response(doc: Any, status: int = 200, started: float | None = None,
                  encoded: bool = False) -> Response:
    """`doc` as JSON (`encoded`: it is already the JSON text)."""
    headers = {"Cache-Control": "no-store"}
    if started is not None:  # the server's time for this answer, as the browser shows it
        headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return Response(doc if encoded else json_text(doc), status_code=status,
                    media_type="application/json", headers=headers)


def error_response(message: str, status: int = 400) -> Response:
    return json_response({"error": message}, status)


def session_of(request: Request) -> Session:
    session: Session = request.state.session
    return session


async def body_of(request: Request) -> dict[str, Any]:
    try:
        doc = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("the request body is not JSON") from None
    if not isinstance(doc, dict):
        raise BadRequest("the request body must be a JSON object")
    return doc


async def answer(work: Callable[..., Any], *args: Any, lang: str = "en") -> Response:
    """Run `work` in a worker thread; a GrantoptError or a bad request is a 400 with its
    message (in `lang`, the page's, where the caller gives it), and nothing was changed."""
    started = time.perf_counter()

    def encoded() -> Any:  # the JSON written in the worker too: a large state's text
        doc = work(*args)  # would otherwise hold the event loop, and every session
        return doc if isinstance(doc, Response) else json_text(doc)

    try:
        doc = await run_in_threadpool(encoded)
    except SolveCancelled as exc:  # superseded: the page keeps the newer change's answer
        return json_response({"error": exc.text(lang), "cancelled": True}, 409)
    except GrantoptError as exc:
        return error_response(exc.text(lang))
    except BadRequest as exc:
        return error_response(str(exc))
    if isinstance(doc, Response):
        return doc
    return json_response(doc, started=started, encoded=True)


# Each session's running change and the Event that cancels its solve.
_RUNNING: weakref.WeakKeyDictionary[Session, threading.Event] = weakref.WeakKeyDictionary()
_RUNNING_LOCK = threading.Lock()


@contextlib.contextmanager
def superseding(session: Session) -> Iterator[threading.Event]:
    """Cancel the session's change still solving, and make this one the running one: its
    solves (in this thread) raise SolveCancelled once a later change or `cancel` sets the
    Event. Enter it before taking the session's lock, which the cancelled change holds."""
    event = threading.Event()
    with _RUNNING_LOCK:
        earlier = _RUNNING.get(session)
        if earlier is not None:
            earlier.set()
        _RUNNING[session] = event
    try:
        with cancellable(event):
            yield event
    finally:
        with _RUNNING_LOCK:
            if _RUNNING.get(session) is event:
                del _RUNNING[session]


async def cancel(request: Request) -> Response:
    """Stop the session's running change (it answers 409, cancelled); the session keeps the
    study it had. Answers whether there was one to stop."""
    session = session_of(request)
    with _RUNNING_LOCK:
        running = _RUNNING.get(session)
        if running is not None:
            running.set()
    return json_response({"cancelled": running is not None})


def page_state(session: Session, sessions: Sessions) -> dict[str, Any]:
    """The session's whole state, as every answer that changes it returns."""
    study = session.study
    return {"offer": session.offer, "offers": list(sessions.library.offers),
            "lang": session.lang, "version": session.version,
            **state(study, session.lang, previous=session.previous, pinned=session.pinned),
            "robust": robust.names_doc(study, session.lang)}


def _sessions(request: Request) -> Sessions:
    found: Sessions = request.app.state.sessions
    return found


# --- the page and its state ----------------------------------------------------------------


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})


async def get_state(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)

    def work() -> dict[str, Any]:
        with session.lock:
            return page_state(session, sessions)

    return await answer(work)


async def get_words(request: Request) -> Response:
    lang = request.query_params.get("lang", session_of(request).lang)
    if lang not in LANGUAGES:
        return error_response(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return json_response(labels(lang))


async def set_lang(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)
    lang = (await _body(request)).get("lang")
    if lang not in LANGUAGES:
        return error_response(f"language {lang!r}: use one of {', '.join(LANGUAGES)}")

    def work() -> dict[str, Any]:
        with session.lock:
            session.lang = lang
            return page_state(session, sessions)

    return await answer(work)


async def open_scenario(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)
    name = (await _body(request)).get("scenario")

    def work() -> dict[str, Any]:
        study = sessions.library.study(str(name))
        with session.lock:
            session.open(str(name), study)
            return page_state(session, sessions)

    return await answer(work)


async def reset(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)

    def work() -> dict[str, Any]:
        with superseding(session), session.lock:
            session.change(sessions.library.study(session.offer))
            saved.record(request, session)  # on a saved scenario: kept at once
            return page_state(session, sessions)

    return await answer(work)


# --- changes -------------------------------------------------------------------------------


async def change(request: Request) -> Response:
    """{"changes": [{"key": "section.key", "value": <JSON>}, ...]}: typed values, checked by
    the scenario schema as the command line checks `--set`; text in an amount or share is
    read as typed on the page. The older {"set": ["section.key=value", ...]} still works."""
    session, sessions = session_of(request), _sessions(request)
    try:
        body = await body_of(request)
        items = changes_of(body)
    except BadRequest as exc:
        return error_response(str(exc))

    def work() -> dict[str, Any]:
        with superseding(session), session.lock:
            session.change(checked(with_changes(session.study, items, session.lang)))
            saved.record(request, session)  # on a saved scenario: kept at once
            return page_state(session, sessions)

    return await answer(work, lang=session.lang)


# One change as the request gave it: {"key": ..., "value": ...} or "section.key=value".
Item = dict[str, Any] | str


def changes_of(body: dict[str, Any]) -> list[Item]:
    """The changes of a request's body, in order; BadRequest for any other shape."""
    if "changes" in body:
        items = body["changes"]
        if not isinstance(items, list) or not items or not all(
                isinstance(i, dict) and isinstance(i.get("key"), str) and "value" in i
                and set(i) <= {"key", "value"} for i in items):
            raise BadRequest('expected {"changes": [{"key": "section.key", "value": ...}, '
                             '...]}')
        return list(items)
    sets = body.get("set")
    if not isinstance(sets, list) or not sets or not all(isinstance(s, str) for s in sets):
        raise BadRequest('expected {"changes": [{"key": "section.key", "value": ...}, ...]} '
                         'or {"set": ["section.key=value", ...]}')
    return list(sets)


def with_changes(study: Study, items: Sequence[Item], lang: str = "en") -> Study:
    """The study with each change applied, in order (tables merge, as `--set
    scoring.weights.reach=0.4` does). A typed `links` change replaces every link; as
    `--set` text, `links=[...]` adds links and `links=[]` drops them all, as on the command
    line. Amounts and shares given as text are read as typed on a page in `lang`
    ("12 000 000 €"; "0,6" on the Finnish page; "25 %")."""
    for item in items:
        if isinstance(item, str):
            section, name, value = parse_set(item, lang)
            where, adds = f"--set {item[:60]!r}", True
        else:
            key = item["key"]
            value = "none" if item["value"] is None else item["value"]
            section, name, value = set_value(key, value, lang, key)
            where, adds = key, False
        if section == "links":
            study = _with_links(study, value, where, adds)
            continue
        key = f"{section}.{name}"
        if section not in CHANGEABLE or key in FIXED_KEYS:
            raise ScenarioError(f"{key} cannot be changed in the app (it names a file or "
                                "sets how the solver runs); change it in the scenario file")
        study = study.with_changes(**{key: value})
    return study


def with_sets(study: Study, sets: Sequence[str], lang: str = "en") -> Study:
    """`with_changes` of `--set` texts."""
    return with_changes(study, list(sets), lang)


def _with_links(study: Study, value: Any, where: str, adds: bool = True) -> Study:
    """New links checked as the command line checks them (and with its message), then
    added to the study's (`adds`) or in place of them; `[]` drops every link."""
    try:
        given = [link.to_dict() for link in link_specs(value)] if value else []
    except ScenarioError as exc:
        raise ScenarioError(located(where, exc)) from None
    current = [link.to_dict() for link in study.scenario.links] if value and adds else []
    return study.with_changes(links=current + given)


def checked(study: Study) -> Study:
    """The study once its scores are made and it is solved: a value the schema accepts
    can still fail there (weights all zero, a lock on an unknown id). No portfolio at all
    is an answer (the page shows the diagnosis), not an error."""
    with contextlib.suppress(InfeasibleError):
        study.solve()
    return study


async def lock(request: Request) -> Response:
    """{"id": "2020-47", "lock": "in" | "out" | "free"}: force an application in or out."""
    session, sessions = session_of(request), _sessions(request)
    body = await _body(request)
    item_id, how = body.get("id"), body.get("lock")
    if how not in LOCKS:
        return error_response(f"lock {how!r}: use one of {', '.join(LOCKS)}")

    def work() -> dict[str, Any]:
        with superseding(session), session.lock:
            study = session.study
            known_id(study, item_id)
            locks = study.scenario.locks
            fund = [i for i in locks.fund if i != item_id] + ([item_id] if how == "in" else [])
            out = [i for i in locks.reject if i != item_id] + ([item_id] if how == "out" else [])
            session.change(checked(study.with_changes(locks={"fund": fund, "reject": out})))
            saved.record(request, session)  # on a saved scenario: kept at once
            return page_state(session, sessions)

    return await answer(work, lang=session.lang)


def known_id(study: Study, item_id: Any) -> str:
    ids = [a.id for a in study.round.applications]
    if not isinstance(item_id, str) or item_id not in ids:
        raise ScenarioError(f"no application {item_id!r} in the round {study.round.path.name}")
    return item_id


async def explain(request: Request) -> Response:
    session = session_of(request)
    item_id = request.query_params.get("id")

    def work() -> dict[str, Any]:
        with session.lock:
            study, lang = session.study, session.lang
        return explanation(study, known_id(study, item_id), lang)

    return await answer(work)


async def pin(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)

    def work() -> dict[str, Any]:
        with session.lock:
            session.pinned = session.study
            return page_state(session, sessions)

    return await answer(work)


async def unpin(request: Request) -> Response:
    session, sessions = session_of(request), _sessions(request)

    def work() -> dict[str, Any]:
        with session.lock:
            session.pinned = None
            return page_state(session, sessions)

    return await answer(work)


# --- figures and files ---------------------------------------------------------------------

FIGURES = {"frontier.svg": figures.frontier_svg, "map.svg": figures.map_svg,
           "value_for_money.svg": figures.value_for_money_svg}


async def figure(request: Request) -> Response:
    session = session_of(request)
    draw = FIGURES.get(request.path_params["name"])
    if draw is None:
        return error_response(f"no figure {request.path_params['name']!r}; there are "
                              f"{', '.join(FIGURES)}", 404)

    def work() -> Response:
        with session.lock:
            study, lang = session.study, session.lang
        return Response(draw(study, lang), media_type="image/svg+xml",
                        headers={"Cache-Control": "no-store"})

    return await answer(work)


DOWNLOADS = ("scenario.toml", "audit.json", "allocation.xlsx", "allocation.csv",
             "report.html")
MEDIA = {"toml": "application/toml", "json": "application/json", "csv": "text/csv",
         "html": "text/html",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def download(request: Request) -> Response:
    session = session_of(request)
    name = request.path_params["name"]
    if name not in DOWNLOADS:
        return error_response(f"no download {name!r}; there are {', '.join(DOWNLOADS)}", 404)
    lang = request.query_params.get("lang") or session.lang
    dialect = request.query_params.get("dialect", "plain")
    if lang not in LANGUAGES or dialect not in CSV_DIALECTS:
        return error_response(f"lang must be one of {', '.join(LANGUAGES)} and dialect one "
                              f"of {', '.join(CSV_DIALECTS)}")

    def work() -> Response:
        with session.lock:
            study, offer = session.study, session.offer
        data = build(name, study, lang, dialect)
        stem, _, ext = name.partition(".")
        saved = {"scenario": f"{offer}-what-if", "report": f"report.{lang}",
                 "allocation": f"allocation.{lang}" if ext == "xlsx" else stem}.get(stem, stem)
        return Response(data, media_type=MEDIA[ext], headers={
            "Content-Disposition": f'attachment; filename="{saved}.{ext}"',
            "Cache-Control": "no-store"})

    return await answer(work)


def build(name: str, study: Study, lang: str, dialect: str) -> bytes:
    if name == "scenario.toml":
        return downloads.scenario_file(study).encode()
    if name == "audit.json":
        return downloads.audit_file(study).encode()
    if name == "allocation.xlsx":
        return downloads.allocation_xlsx(study, lang)
    if name == "allocation.csv":
        return downloads.allocation_csv(study, dialect).encode("utf-8")
    return downloads.report_html(study, lang)


# --- background jobs -----------------------------------------------------------------------


async def start_job(request: Request) -> Response:
    """{"kind": "robustness" | "calibrate", "samples": 200}, or {"kind": "portfolios",
    "statements": [...], "score_interval": 0.1, "samples": 200}: robust portfolios under
    the statements, whose statements and interval are checked here (400 with the
    catalog's message in the page's language) before the job starts."""
    session = session_of(request)
    body = await _body(request)
    kind, samples = body.get("kind"), body.get("samples", 200)
    least = 0 if kind == "portfolios" else 1  # robust portfolios need no draws
    if kind not in jobs.KINDS:
        return error_response(f"job {kind!r}: use one of {', '.join(jobs.KINDS)}")
    if isinstance(samples, bool) or not isinstance(samples, int) \
            or not least <= samples <= jobs.MAX_SAMPLES:
        return error_response(f"samples = {samples!r} must be a whole number between "
                              f"{least} and {jobs.MAX_SAMPLES}")

    def work() -> dict[str, Any]:
        with session.lock:
            study, lang = session.study, session.lang
        options = _question(study, body, lang) if kind == "portfolios" else None
        with session.lock:
            job = jobs.start(kind, study, samples, lang, options)
            session.jobs[job.id] = job
        return job.to_dict()

    return await answer(work, lang=session.lang)


def _question(study: Study, body: dict[str, Any], lang: str) -> dict[str, Any]:
    """A portfolios job's statements and score interval, checked as the command line
    checks them (the interval as typed on a page in `lang`: 0.1, "10 %")."""
    given = body.get("statements")  # absent: the scenario's [robustness] statements
    statements = robust.checked_statements(
        study, list(study.scenario.robustness.statements) if given is None else given)
    interval = body.get("score_interval")
    if interval is None or interval == "":
        return {"statements": statements, "score_interval": None}
    value = set_value("robustness.score_interval", interval, lang,
                      "robustness.score_interval")[2]
    # the schema's own bounds and message: the key set on a copy that is then dropped
    checked = study.with_changes(**{"robustness.score_interval": value})
    return {"statements": statements,
            "score_interval": checked.scenario.robustness.score_interval}


async def swing(request: Request) -> Response:
    """{"order": ["cooperation", "reach", ...], "points": {"reach": "60", "target_fit":
    "20–40"}}: the weight statements of this SWING elicitation (web/robust.py), checked
    against the session's scenario: {"statements": [...]}."""
    session = session_of(request)
    body = await _body(request)

    def work() -> dict[str, Any]:
        order, points = body.get("order"), body.get("points") or {}
        if not isinstance(order, list) or not isinstance(points, dict):
            raise BadRequest('expected {"order": [names, most important first], '
                             '"points": {name: points}}')
        with session.lock:
            study, lang = session.study, session.lang
        texts = robust.swing_statements([str(n) for n in order], points, lang)
        return {"statements": robust.checked_statements(study, texts)}

    return await answer(work, lang=session.lang)


async def get_job(request: Request) -> Response:
    job = session_of(request).jobs.get(request.path_params["job"])
    if job is None:
        return error_response("no such job in this session", 404)
    return json_response(job.to_dict())


async def cancel_job(request: Request) -> Response:
    job = session_of(request).jobs.get(request.path_params["job"])
    if job is None:
        return error_response("no such job in this session", 404)
    job.cancel.set()
    return json_response(job.to_dict())


async def _body(request: Request) -> dict[str, Any]:
    """The JSON body, or {} when it is not a JSON object (the fields are then missing
    and the handler says which)."""
    try:
        return await body_of(request)
    except BadRequest:
        return {}
