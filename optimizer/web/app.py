"""The application: its routes, the session cookie, and the scenarios it offers.

    app = create_app([Path("scenarios/2020-baseline.toml")])   # an ASGI app for uvicorn

Starlette (routing, a test client) on uvicorn; the page is static files of the package
(optimizer/web/static), with no script, style or font from anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from optimizer.web import handlers as h
from optimizer.web import saved as lib
from optimizer.web.grid import get_grid
from optimizer.web.openapi import get_openapi
from optimizer.web.safety import LOCAL_HOSTS, Guard
from optimizer.web.state import Library, Session, Sessions
from optimizer.web.store import Store
from optimizer.web.users import UsersFile

MEMORY = ":memory:"  # a library kept in memory only, gone when the app stops


def create_app(scenarios: Sequence[Path | str], lang: str = "en",
               hosts: Sequence[str] = LOCAL_HOSTS, proxied: Sequence[str] = (),
               auth_token: str | None = None, users: UsersFile | None = None,
               store: Path | str = MEMORY) -> Starlette:
    """The app offering these scenario files (the first opens in a new session); `lang`:
    the language a new session starts in; `hosts`: the Host values it answers ("name" on
    any port, "name:port" on that one); `proxied`: a reverse proxy's origins it also takes
    changes from; `auth_token`: the token every request must carry (None: none needed);
    `users`: the users file everyone signs in from (None: no sign-in);
    `store`: the SQLite file of the library of saved scenarios (web/store.py), made on
    first use (MEMORY, the default here: none kept; `grantopt serve` names a file)."""
    library = Library([Path(p) for p in scenarios])
    library.study(library.first)  # a broken first scenario fails here, with its message
    routes = [
        Route("/", index),
        Route("/s/{slug}", lib.saved_page),
        Route("/api/library", lib.get_library),
        Route("/api/library", lib.save_as, methods=["POST"]),
        Route("/api/library/import", lib.import_route, methods=["POST"]),
        Route("/api/library/diff", lib.diff),
        Route("/api/library/{slug}/open", lib.open_route, methods=["POST"]),
        Route("/api/library/{slug}/rename", lib.rename, methods=["POST"]),
        Route("/api/library/{slug}/duplicate", lib.duplicate, methods=["POST"]),
        Route("/api/library/{slug}/scenario.toml", lib.export),
        Route("/api/library/{slug}/history", lib.history),
        Route("/api/library/{slug}", lib.delete, methods=["DELETE"]),
        Route("/api/state", h.get_state),
        Route("/api/words", h.get_words),
        Route("/api/openapi.json", get_openapi),
        Route("/api/lang", h.set_lang, methods=["POST"]),
        Route("/api/open", h.open_scenario, methods=["POST"]),
        Route("/api/reset", h.reset, methods=["POST"]),
        Route("/api/change", h.change, methods=["POST"]),
        Route("/api/cancel", h.cancel, methods=["POST"]),
        Route("/api/lock", h.lock, methods=["POST"]),
        Route("/api/explain", h.explain),
        Route("/api/pin", h.pin, methods=["POST"]),
        Route("/api/unpin", h.unpin, methods=["POST"]),
        Route("/api/figure/{name}", h.figure),
        Route("/api/grid", get_grid),
        Route("/api/download/{name}", h.download),
        Route("/api/jobs", h.start_job, methods=["POST"]),
        Route("/api/swing", h.swing, methods=["POST"]),
        Route("/api/jobs/{job}", h.get_job),
        Route("/api/jobs/{job}", h.cancel_job, methods=["DELETE"]),
        Mount("/static", StaticFiles(directory=h.STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    sessions = Sessions(library, lang)
    app.state.sessions = sessions
    app.state.shelf = lib.Shelf(Store(store), library)
    app.add_middleware(Guard, sessions=sessions, hosts=[*hosts, *proxied], proxied=proxied,
                       auth_token=auth_token, users=users)
    return app


async def index(request: Request) -> Response:
    """The page, carrying its session's token for the script to send with each change
    (a page of another origin cannot read it)."""
    session: Session = request.state.session
    return lib.page_response(session)
