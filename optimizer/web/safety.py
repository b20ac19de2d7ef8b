"""The app's guard: what a request must be before any handler sees it.

One ASGI middleware, checked in this order (the first refusal answers, in JSON):
- the Host header names a host the server was started for (421), against DNS rebinding;
- with an access token (`serve --allow-remote`), the request carries it (401): as a
  cookie, an `Authorization: Bearer` header, or `?token=` once (then a cookie, and a
  redirect to the address without it, as notebook servers do);
- with a users file (`serve --users FILE`), a signed-in user: GET /login shows the form,
  POST /login (name, password; from this server's own page) signs in with an HttpOnly,
  SameSite=Strict cookie that names the user on the server only, POST /logout signs out;
  a page load without it is sent to /login (401 for the API), and a client's 6th failed
  sign-in within a minute is refused (429). The user's name is `request.state.user`
  (None without a users file), and GET /api/me answers it;
- the body is at most MAX_BODY bytes (413, before it is read whole) and its JSON at most
  MAX_DEPTH deep (400);
- a session exists: only loading the page (GET /) makes one (429 when there is no room);
  an API call without a known session is told that it has ended (401) and makes none;
- a change (POST, PUT, PATCH, DELETE) comes from the page itself: Origin names this
  server (or Sec-Fetch-Site says same-origin) and the session's token is in X-Grantopt-Token
  (403), so another page, even on another port of this machine, cannot drive a session;
- a background job finds room in its session and in the server (429).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from optimizer.vocabulary import LANGUAGES, render
from optimizer.vocabulary import Message as Words
from optimizer.web import jobs
from optimizer.web.state import COOKIE, Session, Sessions, TooManySessions
from optimizer.web.users import SignIns, UsersFile, local_path, sign_in_page

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
AUTH_COOKIE = "grantopt_auth"
USER_COOKIE = "grantopt_user"
TOKEN_HEADER = b"x-grantopt-token"
MAX_BODY = 1 << 20  # 1 MiB: a page's change is a few hundred bytes
MAX_DEPTH = 32  # the page's JSON is 3 deep; json.loads would recurse until it fails
CHANGES = ("POST", "PUT", "PATCH", "DELETE")


class Refused(Exception):
    """A request the guard answers itself: its status and the message's code."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.params = status, code, params


def split_host(host: str) -> tuple[str, str | None]:
    """("name", "port" or None) of a Host header or an allowed-host entry."""
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8765
        close = host.find("]")
        name, rest = host[:close + 1], host[close + 1:]
        return name, rest[1:] if rest.startswith(":") else None
    name, sep, port = host.rpartition(":")
    return (name, port) if sep else (host, None)


def host_allowed(host: str, allowed: Sequence[str]) -> bool:
    """An entry without a port admits its name on any port; with one, that port only."""
    name, port = split_host(host)
    for entry in allowed:
        e_name, e_port = split_host(entry)
        if name == e_name and (e_port is None or e_port == port):
            return True
    return False


def json_depth_over(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests deeper than `limit` (brackets inside strings do not
    count). Cheap when the body has few brackets, as every real one has."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


class Guard:
    """The middleware (see the module's docstring); `hosts`: the Host values admitted,
    `proxied`: origins admitted besides the request's own host (a reverse proxy's name),
    `auth_token`: the access token, or None on this machine alone; `users`: the users
    file everyone signs in from, or None."""

    def __init__(self, app: ASGIApp, sessions: Sessions, hosts: Sequence[str],
                 proxied: Sequence[str] = (), auth_token: str | None = None,
                 users: UsersFile | None = None) -> None:
        self.app, self.sessions = app, sessions
        self.users, self.sign_ins = users, SignIns()
        self.hosts = tuple(hosts)
        self.proxied = tuple(h.strip().lower() for h in proxied)
        self.auth_token = auth_token
        self.pending_jobs: dict[str, int] = {}  # jobs asked for, not yet registered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        try:
            early = self._admit(scope, headers)
            if early is not None:
                await early(scope, receive, send)
                return
            user = None
            if self.users is not None:
                user, answer = await self._signed_in(scope, receive, headers)
                if answer is not None:
                    await answer(scope, receive, send)
                    return
            scope.setdefault("state", {})["user"] = user
            if scope["path"] == "/api/me":
                await JSONResponse({"user": user}, headers={"Cache-Control": "no-store"})(
                    scope, receive, send)
                return
            if scope["method"] in CHANGES:
                receive = await self._bounded_body(receive, headers)
            session = self._session(scope, headers)
            if session is None:  # the static files need none
                await self.app(scope, receive, send)
                return
            if scope["method"] in CHANGES:
                self._check_origin_and_token(session, headers)
            await self._with_session(scope, receive, send, session)
        except Refused as refused:
            await self._refusal(refused)(scope, receive, send)

    # --- the checks, in order ----------------------------------------------------------

    def _admit(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        host = headers.get("host", "")
        if not host_allowed(host, self.hosts):
            raise Refused(421, "web.safety.host", host=host or "–",
                          hosts=[h for h in self.hosts])
        if self.auth_token is None:
            return None
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None and secrets.compare_digest(given, self.auth_token):
            rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
            response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), 303)
            response.set_cookie(AUTH_COOKIE, self.auth_token, httponly=True, samesite="strict")
            return response
        bearer = headers.get("authorization", "")
        candidates = (_cookie(headers, AUTH_COOKIE) or "",
                      bearer[7:] if bearer.lower().startswith("bearer ") else "")
        if not any(c and secrets.compare_digest(c, self.auth_token) for c in candidates):
            raise Refused(401, "web.safety.auth")
        return None

    async def _signed_in(self, scope: Scope, receive: Receive,
                         headers: dict[str, str]) -> tuple[str | None, Response | None]:
        """(the signed-in user, None), or (None, the answer: the form, a sign-in, a
        sign-out or a redirect to the form); a refusal is raised."""
        assert self.users is not None
        path, method = scope["path"], scope["method"]
        key = _cookie(headers, USER_COOKIE)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if path == "/login" and method == "POST":
            return None, await self._sign_in(scope, receive, headers)
        if path == "/login":
            note = "web.users.signed_out" if "out" in query else None
            return None, self._form(note, query.get("next"), query.get("lang"))
        if path == "/logout" and method == "POST":
            self._check_origin(headers)
            self.sign_ins.end(key)
            response = RedirectResponse("/login?out=1", 303)
            response.delete_cookie(USER_COOKIE, httponly=True, samesite="strict")
            return None, response
        name = self.sign_ins.user(key)
        if name is not None and name not in self.users.current().hashes:
            self.sign_ins.end_user(name)  # removed from the file since signing in
            name = None
        if name is not None:
            return name, None
        if method in ("GET", "HEAD") and not path.startswith(("/api/", "/static/")):
            asked = scope.get("query_string", b"").decode("latin-1")
            here = path + (f"?{asked}" if asked else "")
            return None, RedirectResponse("/login?" + urlencode({"next": here}), 303)
        raise Refused(401, "web.users.needed")

    async def _sign_in(self, scope: Scope, receive: Receive,
                       headers: dict[str, str]) -> Response:
        """The form's name and password checked (in a thread: scrypt takes ~50 ms); every
        attempt counts against the client until one succeeds."""
        assert self.users is not None
        client = (scope.get("client") or ("?", 0))[0]
        if self.sign_ins.blocked(client):
            raise Refused(429, "web.users.too_many", n=SignIns.FAILURES)
        self._check_origin(headers)
        receive = await self._bounded_body(receive, headers)
        form = dict(parse_qsl((await receive()).get("body", b"").decode("utf-8", "replace")))
        name, password = form.get("name", "").strip(), form.get("password", "")
        self.sign_ins.failed(client)
        users = self.users.current()
        if not await asyncio.to_thread(users.check, name, password):
            return self._form("web.users.wrong", form.get("next"), form.get("lang"), 401)
        self.sign_ins.succeeded(client)
        response = RedirectResponse(local_path(form.get("next")), 303)
        response.set_cookie(USER_COOKIE, self.sign_ins.start(name), path="/", httponly=True,
                            samesite="strict", secure=scope.get("scheme") == "https")
        return response

    def _form(self, note: str | None, next_path: str | None, lang: str | None,
              status: int = 200) -> Response:
        lang = lang if lang in LANGUAGES else self.sessions.default_lang
        page = sign_in_page(lang, note, local_path(next_path))
        return HTMLResponse(page, status, headers={"Cache-Control": "no-store"})

    async def _bounded_body(self, receive: Receive, headers: dict[str, str]) -> Receive:
        """The body read here, at most MAX_BODY bytes (a larger Content-Length is refused
        unread; a chunked body as soon as it passes the bound), checked for depth, and
        handed on to the app as if it came from the client."""
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            raise Refused(413, "web.safety.too_large", size=MAX_BODY)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise Refused(400, "web.safety.too_large", size=MAX_BODY)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                raise Refused(413, "web.safety.too_large", size=MAX_BODY)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if json_depth_over(body, MAX_DEPTH):
            raise Refused(400, "web.safety.too_deep", depth=MAX_DEPTH)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    def _session(self, scope: Scope, headers: dict[str, str]) -> Session | None:
        path = scope["path"]
        if path.startswith("/static/"):
            return None
        given = _cookie(headers, COOKIE)
        found = self.sessions.find(given)
        if found is not None:
            return found
        if (path == "/" or path.startswith("/s/")) and scope["method"] in ("GET", "HEAD"):
            client = (scope.get("client") or ("?", 0))[0]
            try:
                return self.sessions.create(client)
            except TooManySessions as exc:
                raise Refused(429, f"web.safety.sessions_{exc.scope}", n=exc.limit) from None
        raise Refused(401, "web.safety.ended" if given else "web.safety.no_session")

    def _check_origin_and_token(self, session: Session, headers: dict[str, str]) -> None:
        self._check_origin(headers)
        token = headers.get(TOKEN_HEADER.decode(), "")
        if not (token and secrets.compare_digest(token, session.token)):
            raise Refused(403, "web.safety.token")

    def _check_origin(self, headers: dict[str, str]) -> None:
        origin = headers.get("origin")
        if origin is None:
            same = headers.get("sec-fetch-site") == "same-origin"
        else:
            netloc = origin.partition("://")[2].lower()
            same = bool(netloc) and (netloc == headers.get("host", "").lower()
                                     or netloc in self.proxied)
        if not same:
            raise Refused(403, "web.safety.origin", origin=origin or "–")

    async def _with_session(self, scope: Scope, receive: Receive, send: Send,
                            session: Session) -> None:
        scope.setdefault("state", {})["session"] = session
        new = session.fresh
        session.fresh = False
        is_job = scope["method"] == "POST" and scope["path"] == "/api/jobs"
        if is_job:
            self._room_for_a_job(session)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new:
                value = f"{COOKIE}={session.id}; Path=/; HttpOnly; SameSite=Strict"
                message.setdefault("headers", []).append((b"set-cookie", value.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            if is_job:
                self.pending_jobs[session.id] -= 1
                if not self.pending_jobs[session.id]:
                    del self.pending_jobs[session.id]

    def _room_for_a_job(self, session: Session) -> None:
        """Counted and reserved with no await in between: two requests cannot both take
        the last place."""
        mine = jobs.running(session.jobs.values()) + self.pending_jobs.get(session.id, 0)
        if mine >= jobs.MAX_PER_SESSION:
            raise Refused(429, "web.safety.jobs_session", n=jobs.MAX_PER_SESSION)
        total = self.sessions.running_jobs() + sum(self.pending_jobs.values())
        if total >= jobs.MAX_TOTAL:
            raise Refused(429, "web.safety.jobs_total", n=jobs.MAX_TOTAL)
        self.pending_jobs[session.id] = self.pending_jobs.get(session.id, 0) + 1

    def _refusal(self, refused: Refused) -> Response:
        text = render(Words.of(refused.code, **refused.params), self.sessions.default_lang)
        response = JSONResponse({"error": text, "code": refused.code}, refused.status,
                                headers={"Cache-Control": "no-store"})
        if refused.status == 401 and refused.code == "web.safety.auth":
            response.headers["WWW-Authenticate"] = "Bearer"
        return response


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    morsel = SimpleCookie(raw).get(name)
    return morsel.value if morsel is not None else None
