"""The application: its routes, the session cookie, and the scenarios it offers.

    app = create_app([Path("scenarios/2020-baseline.toml")])   # an ASGI app for uvicorn

Starlette (routing, a test client) on uvicorn; the page is static files of the package
(optimizer/web/static), with no script, style or font from anywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from http.cookies import SimpleCookie
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from optimizer.web import handlers as h
from optimizer.web.grid import get_grid
from optimizer.web.state import COOKIE, Library, Sessions


def create_app(scenarios: Sequence[Path | str], lang: str = "en") -> Starlette:
    """The app offering these scenario files (the first opens in a new session); `lang`:
    the language a new session starts in."""
    library = Library([Path(p) for p in scenarios])
    library.study(library.first)  # a broken first scenario fails here, with its message
    routes = [
        Route("/", h.index),
        Route("/api/state", h.get_state),
        Route("/api/words", h.get_words),
        Route("/api/lang", h.set_lang, methods=["POST"]),
        Route("/api/open", h.open_scenario, methods=["POST"]),
        Route("/api/reset", h.reset, methods=["POST"]),
        Route("/api/change", h.change, methods=["POST"]),
        Route("/api/lock", h.lock, methods=["POST"]),
        Route("/api/explain", h.explain),
        Route("/api/pin", h.pin, methods=["POST"]),
        Route("/api/unpin", h.unpin, methods=["POST"]),
        Route("/api/figure/{name}", h.figure),
        Route("/api/grid", get_grid),
        Route("/api/download/{name}", h.download),
        Route("/api/jobs", h.start_job, methods=["POST"]),
        Route("/api/jobs/{job}", h.get_job),
        Route("/api/jobs/{job}", h.cancel_job, methods=["DELETE"]),
        Mount("/static", StaticFiles(directory=h.STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.sessions = Sessions(library, lang)
    app.add_middleware(SessionCookie)
    return app


class SessionCookie:
    """Find each request's session by its cookie (a new session gets a new cookie) and
    put it in `request.state.session`. The cookie is HttpOnly and SameSite=Strict: another
    site's page cannot drive a session."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sessions: Sessions = scope["app"].state.sessions
        given = _cookie(scope)
        session = sessions.get(given)
        scope.setdefault("state", {})["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.id != given:
                value = f"{COOKIE}={session.id}; Path=/; HttpOnly; SameSite=Strict"
                message.setdefault("headers", []).append((b"set-cookie", value.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            morsel = SimpleCookie(value.decode("latin-1")).get(COOKIE)
            if morsel is not None:
                return morsel.value
    return None
