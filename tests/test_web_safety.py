"""The what-if app safe by default (issue 21): only its own hosts, only its own page may
change a session, bounded bodies, sessions and jobs, sessions made only by loading the page
and never dropped while in use, and an access token when others may reach it."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from optimizer.web import safety, state

with warnings.catch_warnings():  # starlette would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:starlette.*")

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
BASE = "http://127.0.0.1:8765"
CHANGE = {"set": ["budget.appropriation=12e6"]}


def page_token(html: str) -> str:
    """The token the page carries (its meta tag), as the page's script reads it."""
    marker = 'name="grantopt-token" content="'
    assert marker in html, "the page carries no token"
    return html.split(marker, 1)[1].split('"', 1)[0]


_computers = itertools.count(1)


@contextlib.contextmanager
def page_client(app, base: str = BASE, computer: str | None = None) -> Iterator[TestClient]:
    """A client as the page is: it loads / (which starts its session), then sends its
    origin and its token with every change; `client.page` is the page's response. Each
    comes from a computer of its own (`computer` names one), so that a module's many tests
    do not meet the bound of sessions per computer, which tests below check on purpose."""
    address = (computer or f"10.0.0.{next(_computers)}", 50000)
    with TestClient(app, base_url=base, client=address) as c:
        page = c.get("/")
        assert page.status_code == 200, page.text
        c.headers.update({"Origin": base, "X-Grantopt-Token": page_token(page.text)})
        c.page = page  # type: ignore[attr-defined]
        yield c


def wait_job(client, job_id: str, seconds: float = 30) -> dict:
    """The background job's document once it has stopped running (polled every 50 ms)."""
    for _ in range(round(seconds / 0.05)):
        doc = client.get(f"/api/jobs/{job_id}").json()
        if doc["status"] != "running":
            return doc
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


@pytest.fixture(scope="module")
def app():
    from optimizer.web import create_app

    return create_app([BASELINE], hosts=["127.0.0.1:8765", "localhost:8765"])


@pytest.fixture
def client(app):
    with page_client(app) as c:
        yield c


def _budget(client) -> float:
    r = client.get("/api/state")
    assert r.status_code == 200, r.text
    return r.json()["controls"]["values"]["budget.appropriation"]


# --- hosts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999",
                                  "localhost"])
def test_a_foreign_host_is_refused_for_state_changes_and_downloads(client, host):
    before = _budget(client)
    for method, path in (("GET", "/api/state"), ("POST", "/api/change"),
                         ("GET", "/api/download/audit.json"), ("GET", "/")):
        r = client.request(method, path, headers={"Host": host},
                           json=CHANGE if method == "POST" else None)
        assert r.status_code == 421, (method, path)
        assert "answers only for 127.0.0.1:8765 and localhost:8765" in r.json()["error"]
        assert "budget" not in r.text and "2020-" not in r.text
    assert _budget(client) == before


def test_the_hosts_it_was_started_for_are_answered(app):
    for base in (BASE, "http://localhost:8765"):
        with page_client(app, base) as c:
            assert c.post("/api/change", json=CHANGE).status_code == 200


def test_host_matching():
    assert safety.host_allowed("LOCALHOST:8765", ["localhost:8765"])
    assert safety.host_allowed("[::1]:8765", ["[::1]"])
    assert not safety.host_allowed("[::1]:8765", ["[::1]:80"])
    assert not safety.host_allowed("localhost.evil.example", ["localhost"])
    assert not safety.host_allowed("", ["localhost"])


# --- origin and token ----------------------------------------------------------------------


@pytest.mark.parametrize("headers", [
    {"X-Grantopt-Token": ""},  # no token
    {"X-Grantopt-Token": "forged"},  # a wrong one
    {"Origin": "http://127.0.0.1:9999"},  # another port of this machine: same site
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
])
def test_a_change_from_elsewhere_is_refused_and_changes_nothing(client, headers):
    before = _budget(client)
    for path, body in (("/api/change", CHANGE), ("/api/reset", None), ("/api/pin", None),
                       ("/api/jobs", {"kind": "robustness", "samples": 5})):
        r = client.post(path, json=body, headers=headers)
        assert r.status_code == 403, path
        assert "Refused" in r.json()["error"]
    assert _budget(client) == before and client.get("/api/state").json()["pinned"] is None


def test_no_origin_is_refused_unless_the_browser_says_same_origin(client):
    del client.headers["Origin"]
    assert client.post("/api/change", json=CHANGE).status_code == 403
    r = client.post("/api/change", json=CHANGE, headers={"Sec-Fetch-Site": "same-site"})
    assert r.status_code == 403
    r = client.post("/api/change", json=CHANGE, headers={"Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200 and _budget(client) == 12e6


def test_one_sessions_token_does_not_drive_another(app):
    with page_client(app) as one, page_client(app) as two:
        r = one.post("/api/change", json=CHANGE,
                     headers={"X-Grantopt-Token": two.headers["X-Grantopt-Token"]})
        assert r.status_code == 403 and _budget(one) == _budget(two) != 12e6


# --- bodies --------------------------------------------------------------------------------


def _call(app, method: str, path: str, headers: list[tuple[bytes, bytes]],
          receive) -> tuple[int, dict]:
    """One request straight through the ASGI interface; (status, JSON answer)."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": [(b"host", b"127.0.0.1:8765"), *headers],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8765), "scheme": "http",
             "http_version": "1.1", "root_path": "", "app": app}
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], json.loads(body)


def test_a_300_mb_body_is_refused_without_being_read(app, client):
    cookie = [(b"cookie", f"grantopt_session={client.cookies['grantopt_session']}".encode()),
              (b"origin", BASE.encode()),
              (b"x-grantopt-token", client.headers["X-Grantopt-Token"].encode())]
    chunk, read = b" " * 65_536, [0]

    async def stream():
        read[0] += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def never():
        raise AssertionError("the body was read")

    started = time.perf_counter()
    # announced: refused on its Content-Length, nothing read
    status, doc = _call(app, "POST", "/api/change",
                        [*cookie, (b"content-length", b"300000000")], never)
    assert status == 413 and "1,048,576 bytes" in doc["error"]
    # chunked (no length): refused once it passes 1 MiB, the rest never read
    status, doc = _call(app, "POST", "/api/change", cookie, stream)
    assert status == 413 and read[0] <= safety.MAX_BODY + len(chunk)
    assert time.perf_counter() - started < 2
    # and through the client's own path, an announced 2 MiB
    assert client.post("/api/change", content=b"x" * (2 << 20)).status_code == 413


def test_deep_json_is_refused_with_400_not_a_crash(client):
    before = _budget(client)
    deep = b"[" * 100_000 + b"]" * 100_000
    for path in ("/api/change", "/api/lang", "/api/jobs"):
        r = client.post(path, content=deep, headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and "deeper than 32 levels" in r.json()["error"]
    nested: object = "budget.appropriation=12e6"
    for _ in range(40):
        nested = [nested]
    assert client.post("/api/change", json={"set": nested}).status_code == 400
    # brackets inside a string are text, not depth
    text = {"set": ["budget.appropriation=12e6"], "note": "[" * 100}
    assert client.post("/api/change", json=text).status_code == 200
    assert _budget(client) == 12e6 != before
    assert not safety.json_depth_over(b'{"a": "[[[[\\"[[[["}', 2)
    assert safety.json_depth_over(b'{"a": [[1]]}', 2)


# --- sessions ------------------------------------------------------------------------------


def test_cookie_less_api_calls_make_no_session(app):
    sessions = app.state.sessions
    with TestClient(app, base_url=BASE) as c:
        before = len(sessions)
        for path in ("/api/state", "/api/explain?id=2020-47", "/api/download/audit.json"):
            r = c.get(path)
            assert r.status_code == 401 and "load the page first" in r.json()["error"]
            assert "set-cookie" not in r.headers
        r = c.post("/api/change", json=CHANGE, headers={"Origin": BASE})
        assert r.status_code == 401
        assert len(sessions) == before


def test_an_ended_session_is_told_so_not_replaced(app):
    with TestClient(app, base_url=BASE, cookies={"grantopt_session": "gone"}) as c:
        r = c.get("/api/state")
        assert r.status_code == 401 and "session has ended" in r.json()["error"]
        assert r.json()["code"] == "web.safety.ended" and "set-cookie" not in r.headers


def test_a_flood_does_not_evict_a_session_in_use(app, client):
    assert client.post("/api/change", json=CHANGE).status_code == 200
    sessions = app.state.sessions
    with TestClient(app, base_url=BASE) as other:
        for _ in range(1_000):  # cookie-less API calls, as a script's
            assert other.get("/api/state").status_code == 401
        for _ in range(300):  # page loads without a cookie, as another site's no-cors GETs
            assert other.get("/", cookies={}).status_code == 200
            other.cookies.clear()
    assert len(sessions) <= state.MAX_UNUSED_PER_CLIENT + 20
    assert _budget(client) == 12e6  # the session in use is still there, as it was


def test_past_the_bounds_a_new_page_is_refused_not_an_old_session_dropped(monkeypatch):
    from optimizer.web import create_app

    app = create_app([BASELINE], hosts=["127.0.0.1:8765"])
    monkeypatch.setattr(state, "MAX_PER_CLIENT", 2)
    here = "127.0.0.1"
    with page_client(app, computer=here) as one, page_client(app, computer=here) as two:
        one.get("/api/state"), two.get("/api/state")  # both in use
        with TestClient(app, base_url=BASE, client=(here, 50000)) as third:
            r = third.get("/")
            assert r.status_code == 429 and "Too many open pages" in r.json()["error"]
        assert one.get("/api/state").status_code == two.get("/api/state").status_code == 200
    monkeypatch.setattr(state, "MAX_PER_CLIENT", 10_000)
    monkeypatch.setattr(state, "MAX_SESSIONS", 2)
    with TestClient(app, base_url=BASE) as late:
        r = late.get("/")
        assert r.status_code == 429 and "as many sessions as it can" in r.json()["error"]


# --- jobs ----------------------------------------------------------------------------------


def test_jobs_are_bounded_per_session_and_in_total(app, monkeypatch):
    from optimizer.web import jobs

    def until_cancelled(job, study):
        while not job.cancel.wait(0.01):
            pass
        raise jobs.Cancelled

    monkeypatch.setattr(jobs, "_robustness", until_cancelled)
    body = {"kind": "robustness", "samples": 20_000}
    started = []
    with page_client(app) as a, page_client(app) as b, page_client(app) as c:
        try:
            for client in (a, a):
                r = client.post("/api/jobs", json=body)
                assert r.status_code == 200
                started.append((client, r.json()["id"]))
            r = a.post("/api/jobs", json=body)
            assert r.status_code == 429 and "already runs 2 background" in r.json()["error"]
            for client in (b, b):
                started.append((client, b.post("/api/jobs", json=body).json()["id"]))
            r = c.post("/api/jobs", json=body)
            assert r.status_code == 429 and "server already runs 4" in r.json()["error"]
        finally:
            for client, job in started:
                client.delete(f"/api/jobs/{job}")
        deadline = time.monotonic() + 10
        while app.state.sessions.running_jobs() and time.monotonic() < deadline:
            time.sleep(0.02)
        r = c.post("/api/jobs", json=body)  # room again once they stopped
        assert r.status_code == 200
        c.delete(f"/api/jobs/{r.json()['id']}")


# --- access token (--allow-remote) ---------------------------------------------------------


def test_with_a_token_every_request_needs_it():
    from optimizer.web import create_app

    app = create_app([BASELINE], hosts=["grants.example:8765"], auth_token="s3cret")
    base = "http://grants.example:8765"
    with TestClient(app, base_url=base, follow_redirects=False) as c:
        for path in ("/", "/api/state", "/static/app.js", "/?token=wrong"):
            r = c.get(path)
            assert r.status_code == 401 and "access token" in r.json()["error"], path
        r = c.get("/?token=s3cret&lang=fi")
        assert r.status_code == 303 and r.headers["location"] == "/?lang=fi"
        assert "grantopt_auth=s3cret" in r.headers["set-cookie"]
        assert "HttpOnly" in r.headers["set-cookie"]
        page = c.get("/")  # the cookie now
        assert page.status_code == 200
        c.headers.update({"Origin": base, "X-Grantopt-Token": page_token(page.text)})
        assert c.post("/api/change", json=CHANGE).status_code == 200
    with TestClient(app, base_url=base) as script:
        r = script.get("/api/state", headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 401 and "load the page first" in r.json()["error"]


# --- grantopt serve ------------------------------------------------------------------------


def test_serve_names_its_hosts_and_prints_the_token(monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    import optimizer.web
    from optimizer.cli import main
    from optimizer.cli.serve import served_hosts

    assert served_hosts("127.0.0.1", 8765) == ["127.0.0.1:8765", "localhost:8765",
                                               "[::1]:8765"]
    assert served_hosts("10.0.0.5", 80)[-1] == "10.0.0.5:80"
    made: dict = {}
    real = optimizer.web.create_app
    monkeypatch.setattr(optimizer.web, "create_app",
                        lambda paths, **kw: made.update(kw) or real(paths, **kw))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: None)
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert made["auth_token"] is None and "token" not in result.output
    port = made["hosts"][0].rpartition(":")[2]
    assert made["hosts"] == served_hosts("127.0.0.1", int(port))
    monkeypatch.setenv("GRANTOPT_TOKEN", "s3cret")
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0", "--allow-remote",
                                       "--allowed-host", "grants.example.fi"])
    assert result.exit_code == 0, result.output
    assert made["auth_token"] == "s3cret" and made["proxied"] == ("grants.example.fi",)
    assert "every browser needs the access token" in result.output
    assert "/?token=s3cret" in result.output



def test_cancel_is_a_guarded_change(client):
    """POST /api/cancel stops the session's running change; like every change it needs the
    page's token, and with none running it says there was nothing to stop."""
    token = client.headers.pop("X-Grantopt-Token")
    refused = client.post("/api/cancel")
    assert refused.status_code == 403
    client.headers["X-Grantopt-Token"] = token
    done = client.post("/api/cancel")
    assert done.status_code == 200 and done.json() == {"cancelled": False}
