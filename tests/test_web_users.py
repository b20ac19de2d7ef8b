"""Signing in with a users file (issue 21): `grantopt users` keeps the file, `serve --users
FILE` lets in only the people in it, names them to the handlers, and slows down guessing."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from optimizer.cli import main
from optimizer.errors import InputError
from optimizer.web import users as u
from optimizer.web.safety import USER_COOKIE
from tests.test_web_safety import BASE, BASELINE, CHANGE, TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:starlette.*")
HASH = u.hash_password("pw")  # one hash for the properties: scrypt takes ~50 ms

NAMES = st.text(st.one_of(st.characters(whitelist_categories=("Lu", "Ll", "Nd")),
                          st.sampled_from(u.NAME_SIGNS)), min_size=1, max_size=u.NAME_MAX)


# --- the file ------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.lists(NAMES, unique=True, max_size=8))
def test_the_users_file_reads_back_as_written(tmp_path_factory, names):
    path = tmp_path_factory.mktemp("users") / "users.txt"
    written = u.Users({name: HASH for name in names})
    u.write_users(path, written)
    assert u.read_users(path) == written and u.read_users(path).names() == names
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["users.txt"]  # no temporary left


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_users_or_a_clear_error(text):
    try:
        u.parse_users(text, "users.txt")
    except InputError as exc:
        assert all(p.file == "users.txt" and p.row for p in exc.problems)
        assert "A valid line is name:scrypt$N$r$p$salt$hash" in str(exc)


def test_a_password_checks_only_itself():
    users = u.Users().with_user("anna", "correct horse")
    stored = users.hashes["anna"]
    assert stored.startswith("scrypt$16384$8$1$") and "correct" not in stored
    assert users.check("anna", "correct horse")
    assert not users.check("anna", "correct horse ") and not users.check("anna", "")
    assert not users.check("bob", "correct horse")
    assert u.Users().with_user("anna", "correct horse").hashes["anna"] != stored  # salted


def test_a_malformed_users_file_names_its_lines_and_what_is_valid(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text(f"# the team\n\nanna:{HASH}\nbob\nanna:{HASH}\nann smith:{HASH}\n"
                    "carl:scrypt$16384$8$1$!!$??\ndora:md5$abc\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        u.read_users(path)
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [f"{path}, row {n}" for n in (4, 5, 6, 7, 8)]
    assert "no colon between the name and the password hash" in lines[0]
    assert "this user is already on line 3" in lines[1]
    assert "not a valid user name (1–64 letters, digits and . _ - @)" in lines[2]
    assert "not one that grantopt users add writes" in lines[3] and "!!" not in lines[3]
    assert all("A valid line is name:scrypt$N$r$p$salt$hash" in line for line in lines)
    assert caught.value.text("fi").startswith(f"{path}, rivi 4: ei käyttäjärivi")


def test_a_tampered_hash_cannot_ask_scrypt_for_gigabytes():
    salt, digest = HASH.split("$")[4:]
    for params in ("1048576$64$1", "262144$16$1", "16384$8$1000", "1000$8$1", "0$8$1"):
        text = f"anna:scrypt${params}${salt}${digest}\n"
        with pytest.raises(InputError, match="not one that grantopt users add writes"):
            u.parse_users(text, "users.txt")


def test_where_to_go_after_signing_in_stays_on_this_server():
    assert u.local_path("/s/budget-12?x=1") == "/s/budget-12?x=1"
    for elsewhere in ("//evil.example", "/\\evil.example", "https://evil.example", "/\t/evil",
                      "", None):
        assert u.local_path(elsewhere) == "/"


# --- signing in to the app -----------------------------------------------------------------


async def whoami(request: Request) -> JSONResponse:
    return JSONResponse({"user": request.state.user})


def _app(users: u.UsersFile | None, hosts: tuple[str, ...] = ("127.0.0.1:8765",)):
    from optimizer.web import create_app

    app = create_app([BASELINE], hosts=hosts, users=users)
    app.router.routes.append(Route("/api/whoami", whoami))  # what a handler sees
    return app


@pytest.fixture(scope="module")
def users_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("team") / "users.txt"
    u.write_users(path, u.Users().with_user("anna", "pw").with_user("bob", "pw2"))
    return path


@pytest.fixture(scope="module")
def app(users_path):
    return _app(u.UsersFile(users_path))


_computers = itertools.count(1)


@contextlib.contextmanager
def browser(app, computer: str | None = None) -> Iterator[TestClient]:
    """A browser of its own computer (the failed sign-ins are counted per computer)."""
    address = (computer or f"10.1.0.{next(_computers)}", 50000)
    with TestClient(app, base_url=BASE, client=address, follow_redirects=False) as c:
        c.headers["Origin"] = BASE
        yield c


def sign_in(c: TestClient, name: str = "anna", password: str = "pw", next_path: str = "/"):
    return c.post("/login", data={"name": name, "password": password, "next": next_path})


def open_page(c: TestClient) -> None:
    page = c.get("/")
    assert page.status_code == 200, page.text
    token = page.text.split('name="grantopt-token" content="', 1)[1].split('"', 1)[0]
    c.headers["X-Grantopt-Token"] = token


def test_nothing_is_answered_before_signing_in(app):
    with browser(app) as c:
        r = c.get("/?scenario=x")
        assert r.status_code == 303 and r.headers["location"] == "/login?next=%2F%3Fscenario%3Dx"
        for method, path in (("GET", "/api/state"), ("POST", "/api/change"),
                             ("GET", "/api/download/audit.json"), ("GET", "/api/me"),
                             ("GET", "/static/app.js")):
            r = c.request(method, path, json=CHANGE if method == "POST" else None)
            assert r.status_code == 401, path
            assert r.json()["error"].startswith("Sign in first")
        form = c.get("/login?next=/s/x")
        assert form.status_code == 200 and 'type="password"' in form.text
        assert 'name="next" value="/s/x"' in form.text
        assert "Salasana" in c.get("/login?lang=fi").text
        r = c.post("/login", data={"name": "anna", "password": "x", "lang": "fi"})
        assert "Väärä käyttäjätunnus tai salasana." in r.text


def test_a_wrong_password_is_refused(app):
    with browser(app) as c:
        for name, password in (("anna", "wrong"), ("anna", ""), ("nobody", "pw"),
                               ("bob", "pw")):
            r = sign_in(c, name, password)
            assert r.status_code == 401 and "Wrong name or password." in r.text
            assert USER_COOKIE not in r.cookies and "pw" not in r.text.replace("password", "")
        assert c.get("/api/state").status_code == 401


def test_the_right_password_signs_in_and_names_the_user_to_the_handlers(app):
    with browser(app) as c:
        r = sign_in(c, next_path="/?lang=fi")
        assert r.status_code == 303 and r.headers["location"] == "/?lang=fi"
        cookie = r.headers["set-cookie"]
        assert cookie.startswith(f"{USER_COOKIE}=") and "HttpOnly" in cookie
        assert "SameSite=strict" in cookie and "anna" not in cookie and "pw" not in cookie
        open_page(c)
        assert c.get("/api/whoami").json() == {"user": "anna"}
        assert c.get("/api/me").json() == {"user": "anna"}
        assert c.post("/api/change", json=CHANGE).status_code == 200
        with browser(app) as other:
            sign_in(other, "bob", "pw2")
            open_page(other)
            assert other.get("/api/whoami").json() == {"user": "bob"}


def test_signing_in_from_another_page_is_refused(app):
    with browser(app) as c:
        for origin in ("http://evil.example", "http://127.0.0.1:9999"):
            r = c.post("/login", data={"name": "anna", "password": "pw"},
                       headers={"Origin": origin})
            assert r.status_code == 403 and USER_COOKIE not in r.cookies
        assert sign_in(c, next_path="//evil.example").headers["location"] == "/"


def test_failed_sign_ins_are_limited_per_computer(app):
    with browser(app, "10.9.9.9") as c:
        for _ in range(u.SignIns.FAILURES):
            assert sign_in(c, password="guess").status_code == 401
        r = sign_in(c)  # even the right password, until a minute has passed
        assert r.status_code == 429 and "Too many failed sign-ins" in r.json()["error"]
        with browser(app, "10.9.9.10") as elsewhere:
            assert sign_in(elsewhere).status_code == 303


def test_failures_are_forgotten_after_a_minute_and_sign_ins_after_a_day(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(u.time, "monotonic", lambda: now[0])
    sign_ins = u.SignIns()
    for _ in range(u.SignIns.FAILURES):
        sign_ins.failed("10.0.0.1")
    assert sign_ins.blocked("10.0.0.1") and not sign_ins.blocked("10.0.0.2")
    key = sign_ins.start("anna")
    now[0] += u.SignIns.WINDOW + 1
    assert not sign_ins.blocked("10.0.0.1") and sign_ins.user(key) == "anna"
    now[0] += u.SignIns.LIFETIME
    assert sign_ins.user(key) is None


def test_signing_out_ends_the_sign_in(app):
    with browser(app) as c:
        sign_in(c)
        open_page(c)
        signed = c.cookies[USER_COOKIE]
        r = c.post("/logout")
        assert r.status_code == 303 and r.headers["location"] == "/login?out=1"
        assert "You have signed out." in c.get("/login?out=1").text
        c.cookies.set(USER_COOKIE, signed)  # the old cookie kept: it no longer signs in
        assert c.get("/api/state").status_code == 401


def test_a_user_removed_from_the_file_is_signed_out(tmp_path):
    path = tmp_path / "users.txt"
    u.write_users(path, u.Users().with_user("anna", "pw").with_user("bob", "pw2"))
    app = _app(u.UsersFile(path))
    with browser(app) as c:
        sign_in(c, "bob", "pw2")
        open_page(c)
        assert c.get("/api/me").json() == {"user": "bob"}
        u.write_users(path, u.read_users(path).without("bob"))
        os.utime(path, ns=(1, 1))  # a new stamp even where the clock is coarse
        assert c.get("/api/state").status_code == 401


def test_without_a_users_file_no_one_is_named(users_path):
    with browser(_app(None)) as c:
        open_page(c)
        assert c.get("/api/whoami").json() == {"user": None}
        assert c.get("/api/me").json() == {"user": None}


# --- the command line ----------------------------------------------------------------------


def test_users_add_list_and_remove(tmp_path):
    path = str(tmp_path / "users.txt")
    run = CliRunner().invoke
    r = run(main, ["users", "add", path, "anna"], input="secret\nsecret\n")
    assert r.exit_code == 0 and f"Added anna to {path}." in r.output
    assert "secret" not in r.output
    r = run(main, ["users", "add", path, "bob"], input="\nb1\nb2\nb1\nb1\n")
    assert r.exit_code == 0, r.output
    assert "An empty password is refused" in r.output and "passwords differ" in r.output
    assert u.read_users(Path(path)).check("bob", "b1")
    assert run(main, ["users", "list", path]).output == "anna\nbob\n"
    r = run(main, ["users", "add", path, "anna"], input="other\nother\n")
    assert r.exit_code == 2 and "--force gives them a new password" in r.output
    assert u.read_users(Path(path)).check("anna", "secret")
    r = run(main, ["users", "add", path, "anna", "--force"], input="other\nother\n")
    assert r.exit_code == 0 and u.read_users(Path(path)).check("anna", "other")
    r = run(main, ["users", "remove", path, "ana"])
    assert r.exit_code == 2 and "Did you mean 'anna'?" in r.output
    assert run(main, ["users", "remove", path, "anna"]).exit_code == 0
    assert run(main, ["users", "list", path]).output == "bob\n"
    r = run(main, ["users", "add", path, "ann smith"], input="x\nx\n")
    assert r.exit_code == 2 and "not a valid user name" in r.output


def test_a_users_command_on_a_malformed_file_says_where_without_a_traceback(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text("anna\n", encoding="utf-8")
    for args in (["list", str(path)], ["remove", str(path), "anna"]):
        r = CliRunner().invoke(main, ["users", *args])
        assert r.exit_code == 2 and "Traceback" not in r.output
        assert f"{path}, row 1: not a user line" in r.output


def test_serve_with_users_signs_in_instead_of_a_token(monkeypatch, users_path, tmp_path):
    import uvicorn

    import optimizer.web

    made: dict = {}
    real = optimizer.web.create_app
    monkeypatch.setattr(optimizer.web, "create_app",
                        lambda paths, **kw: made.update(kw) or real(paths, **kw))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: None)
    for remote in ([], ["--allow-remote"]):  # on this machine alone too
        r = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0", *remote,
                                      "--users", str(users_path)])
        assert r.exit_code == 0, r.output
        assert made["auth_token"] is None and made["users"].current().names() == ["anna", "bob"]
        assert "signs in with a name and password" in r.output and "token" not in r.output
    empty = tmp_path / "empty.txt"
    empty.write_text("# nobody yet\n", encoding="utf-8")
    for bad, said in ((tmp_path / "missing.txt", "no such users file"),
                      (empty, "has no users: add one with grantopt users add")):
        r = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0", "--allow-remote",
                                      "--users", str(bad)])
        assert r.exit_code == 2 and said in r.output and "Traceback" not in r.output


# --- in a real browser ---------------------------------------------------------------------


def test_signing_in_in_chromium(browser, users_path):
    """The form as Chromium submits it (its Origin), then the page works as the user."""
    from tests.test_web_browser import running

    app = _app(u.UsersFile(users_path), hosts=("127.0.0.1",))  # on the port it gets
    with running(app) as base:
        _sign_in_and_out(browser, base)


def _sign_in_and_out(browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{base}/")
        assert page.url == f"{base}/login?next=%2F"
        page.fill("#name", "anna")
        page.fill("#password", "not it")
        page.click("button[type=submit]")
        assert "Wrong name or password." in page.text_content("[role=alert]")
        page.fill("#name", "anna")
        page.fill("#password", "pw")
        page.click("button[type=submit]")
        page.wait_for_selector("body[data-ready='1']")
        page.fill("#budget-exact", "12000000")  # a change, signed in
        page.press("#budget-exact", "Tab")
        page.wait_for_selector("#projects[data-value='51']")
        assert page.evaluate("fetch('/api/me').then(r => r.json())") == {"user": "anna"}
        assert page.inner_text("#who") == "Signed in as anna"
        page.click("#sign-out button")  # the page's own button signs out
        page.wait_for_url("**/login?out=1")
        assert page.evaluate("fetch('/api/me').then(r => r.status)") == 401
    finally:
        context.close()
