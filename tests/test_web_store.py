"""The library of saved scenarios (issue 21, item 3): the SQLite store on its own (schema
versions, names, history, two objects on one file), then the app's routes with a page's
session (save, list, open, rename, duplicate, delete, export, import, history, diff, the
grid's columns, a restart on the same file)."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main
from optimizer.errors import ScenarioError
from optimizer.web.store import MIGRATIONS, NameTaken, NotSaved, Store
from tests.test_web_safety import BASE, BASELINE, page_client

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:starlette.*")

ROOT = Path(__file__).resolve().parents[1]
HOSTS = ["127.0.0.1:8765"]


# --- the store ---------------------------------------------------------------------------------


def test_a_new_file_is_made_at_the_latest_version(tmp_path):
    path = tmp_path / "sub" / "lib.sqlite"
    store = Store(path)
    assert path.exists() and store.version == len(MIGRATIONS) == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert store.scenarios() == []


def test_a_version_1_file_is_migrated_keeping_its_rows(tmp_path):
    path = tmp_path / "lib.sqlite"
    old = Store(path, migrations=MIGRATIONS[:1])
    assert old.version == 1
    kept = old.create("Lean", "2020-baseline", "x = 1\n", "maija")
    old.close()
    store = Store(path)
    assert store.version == 2
    assert store.get(kept.slug) == kept
    with sqlite3.connect(path) as db:
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "history_of_scenario" in indexes


def test_a_file_of_a_newer_grantopt_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(ScenarioError, match=r"newer grantopt.*version 7.*up to 2"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused_saying_so(tmp_path):
    path = tmp_path / "lib.sqlite"
    path.write_text("not a database, just text " * 100)
    with pytest.raises(ScenarioError, match="cannot be used as an SQLite database"):
        Store(path)


def test_names_are_unique_whatever_their_case(tmp_path):
    store = Store(tmp_path / "lib.sqlite")
    store.create("Lean year", "b", "t", None)
    with pytest.raises(NameTaken):
        store.create("LEAN YEAR", "b", "t", None)
    with pytest.raises(ScenarioError, match="1 to 120 characters"):
        store.create("   ", "b", "t", None)
    assert [s.name for s in store.scenarios()] == ["Lean year"]


def test_rename_duplicate_delete_and_the_history_in_order(tmp_path):
    store = Store(tmp_path / "lib.sqlite")
    a = store.create("A", "base", "one", "maija")
    store.update(a.slug, "two", "pekka", [("budget.appropriation", "11,000,000", "12,000,000"),
                                          ("coverage.min_regions", "0", "3")])
    renamed = store.rename(a.slug, "A2", None)
    assert renamed.slug == a.slug and renamed.name == "A2" and renamed.toml == "two"
    with pytest.raises(NameTaken):
        store.rename(store.create("B", "base", "b", None).slug, "a2", None)
    store.rename(a.slug, "a2", None)  # its own name in another case is fine
    copy = store.duplicate(a.slug, "A copy", "maija")
    assert copy.slug != a.slug and copy.toml == "two" and copy.base == "base"
    rows = store.history(a.slug)
    assert [(e.action, e.who, e.key, e.old, e.new) for e in rows] == [
        ("save", "maija", None, None, "A"),
        ("change", "pekka", "budget.appropriation", "11,000,000", "12,000,000"),
        ("change", "pekka", "coverage.min_regions", "0", "3"),
        ("rename", None, None, "A", "A2"),
        ("rename", None, None, "A2", "a2")]
    assert all(e.at.endswith("+00:00") for e in rows)
    assert [e.action for e in store.history(copy.slug)] == ["duplicate"]
    store.delete(a.slug, "maija")
    with pytest.raises(NotSaved):
        store.get(a.slug)
    with pytest.raises(NotSaved):
        store.history(a.slug)
    assert sorted(s.name for s in store.scenarios()) == ["A copy", "B"]
    # a new scenario never inherits the deleted one's history
    fresh = store.create("C", "base", "c", None)
    assert [e.action for e in store.history(fresh.slug)] == ["save"]


def test_a_failed_write_keeps_nothing(tmp_path):
    store = Store(tmp_path / "lib.sqlite")
    a = store.create("A", "base", "one", None)
    with pytest.raises(NotSaved):
        store.update("nope", "two", None, [("k", "o", "n")])
    with pytest.raises(ValueError):  # the second row fails after the UPDATE ran
        store.update(a.slug, "two", None, [("k", "o", "n"), ("k", "o")])  # type: ignore[list-item]
    assert store.get(a.slug).toml == "one" and len(store.history(a.slug)) == 1


def test_two_stores_on_one_file_see_each_others_writes(tmp_path):
    path = tmp_path / "lib.sqlite"
    one, two = Store(path), Store(path)
    saved = one.create("Shared", "base", "t", "maija")
    assert [s.slug for s in two.scenarios()] == [saved.slug]
    two.update(saved.slug, "t2", "pekka", [("budget.appropriation", "1", "2")])
    assert one.get(saved.slug).toml == "t2" and one.get(saved.slug).updated_by == "pekka"
    with pytest.raises(NameTaken):
        one.create("shared", "base", "t", None)


# --- the app -----------------------------------------------------------------------------------


def _app(store: Path):
    from optimizer.web import create_app

    return create_app([BASELINE], hosts=HOSTS, store=store)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return _app(tmp_path_factory.mktemp("library") / "lib.sqlite")


@pytest.fixture
def client(app):
    with page_client(app) as c:
        yield c


def _ids(doc: dict) -> list[str]:
    return [r["id"] for r in doc["result"]["funded"]]


def _change(client, *sets: str) -> dict:
    r = client.post("/api/change", json={"set": list(sets)})
    assert r.status_code == 200, r.text
    return r.json()


def _save(client, name: str) -> dict:
    r = client.post("/api/library", json={"name": name})
    assert r.status_code == 200, r.text
    return r.json()


def _slug(doc: dict, name: str) -> str:
    return next(s["slug"] for s in doc["scenarios"] if s["name"] == name)


def test_save_as_lists_it_opens_it_and_a_taken_name_is_409(client):
    _change(client, "budget.appropriation=11e6")
    doc = _save(client, "Eleven")
    slug = _slug(doc, "Eleven")
    assert doc["open"] == slug and doc["offer"] == "2020-baseline"
    entry = next(s for s in doc["scenarios"] if s["slug"] == slug)
    assert entry["url"] == f"/s/{slug}" and entry["base"] == "2020-baseline"
    r = client.post("/api/library", json={"name": "ELEVEN"})  # the open one: saved again
    assert r.status_code == 200 and r.json()["open"] == slug
    with page_client(client.app) as other:
        r = other.post("/api/library", json={"name": "eleven"})
        assert r.status_code == 409 and "already called" in r.json()["error"]
        assert other.post("/api/library", json={"name": ""}).status_code == 400
        assert other.get("/api/library").json()["open"] is None


def test_changes_on_a_saved_scenario_are_kept_at_once_with_their_history(client):
    slug = _slug(_save(client, "Tracked"), "Tracked")
    _change(client, "budget.appropriation=12e6")
    client.post("/api/lock", json={"id": "2020-47", "lock": "in"})
    rows = client.get(f"/api/library/{slug}/history").json()["entries"]
    assert [(r["action"], r["key"], r["old"], r["new"]) for r in rows] == [
        ("save", None, None, "Tracked"),
        ("change", "budget.appropriation", "10,000,000", "12,000,000"),
        ("change", "locks.fund", "[]", "[2020-47]")]
    assert rows[1]["who"] is None and rows[1]["key_text"] and rows[1]["action_text"]
    # another page opening it gets the change: the same portfolio
    now = client.get("/api/state").json()
    with page_client(client.app) as other:
        opened = other.post(f"/api/library/{slug}/open").json()
        assert _ids(opened) == _ids(now)
        assert "2020-47" in _ids(opened)
        assert other.get("/api/library").json()["open"] == slug
        # back to an offered file: read-only again, changes no longer saved
        other.post("/api/open", json={"scenario": "2020-baseline"})
        assert other.get("/api/library").json()["open"] is None
        _change(other, "budget.appropriation=9e6")
    assert len(client.get(f"/api/library/{slug}/history").json()["entries"]) == 3
    # back to the file it started from: kept too, each key's way back in the history
    assert client.post("/api/reset").status_code == 200
    rows = client.get(f"/api/library/{slug}/history").json()["entries"][3:]
    assert [(r["key"], r["old"], r["new"]) for r in rows] == [
        ("budget.appropriation", "12,000,000", "10,000,000"), ("locks.fund", "[2020-47]", "[]")]


def test_two_pages_on_one_saved_scenario_never_undo_each_others_keys(client):
    slug = _slug(_save(client, "Together"), "Together")
    with page_client(client.app) as other:
        other.post(f"/api/library/{slug}/open")
        _change(client, "budget.appropriation=12e6")  # the other page has not seen this
        doc = _change(other, "coverage.min_regions=3")
        assert doc["controls"]["values"]["budget.appropriation"] == 12e6  # kept, and shown
        rows = other.get(f"/api/library/{slug}/history").json()["entries"]
        assert [(r["key"], r["new"]) for r in rows[1:]] == [
            ("budget.appropriation", "12,000,000"), ("coverage.min_regions", "3")]
        mine = _change(client, "funding.max_per_project=500000")
        values = mine["controls"]["values"]
        assert values["coverage.min_regions"] == 3 and values["budget.appropriation"] == 12e6
        assert _ids(other.post(f"/api/library/{slug}/open").json()) == _ids(mine)


def test_an_unchanged_offered_file_keeps_its_changes_in_the_session(client):
    before = len(client.get("/api/library").json()["scenarios"])
    _change(client, "budget.appropriation=9e6")
    assert len(client.get("/api/library").json()["scenarios"]) == before


def test_rename_duplicate_and_delete(client):
    slug = _slug(_save(client, "Old name"), "Old name")
    doc = client.post(f"/api/library/{slug}/rename", json={"name": "New name"}).json()
    assert _slug(doc, "New name") == slug and doc["open"] == slug
    assert 'name = "New name"' in client.get(f"/api/library/{slug}/scenario.toml").text
    made = client.post(f"/api/library/{slug}/duplicate", json={"name": "Copy"}).json()
    assert _slug(made, "Copy") == made["made"] != slug
    r = client.post(f"/api/library/{made['made']}/rename", json={"name": "new NAME"})
    assert r.status_code == 409
    doc = client.delete(f"/api/library/{slug}").json()
    assert doc["open"] is None and all(s["slug"] != slug for s in doc["scenarios"])
    assert client.post(f"/api/library/{slug}/open").status_code == 404
    assert client.get(f"/api/library/{slug}/history").status_code == 404
    assert client.get(f"/s/{slug}").status_code == 404
    _change(client, "budget.appropriation=9e6")  # carries on, unsaved


def test_export_reruns_to_the_same_portfolio_and_import_reads_it_back(client, tmp_path):
    doc = _change(client, "budget.appropriation=11e6", "coverage.max_region_share=0.3")
    slug = _slug(_save(client, "To export"), "To export")
    r = client.get(f"/api/library/{slug}/scenario.toml")
    assert r.status_code == 200 and 'filename="To-export.toml"' in r.headers[
        "content-disposition"]
    saved = tmp_path / "far" / "away.toml"
    saved.parent.mkdir()
    saved.write_bytes(r.content)
    rerun = CliRunner().invoke(main, ["run", str(saved), "--format", "json"])
    assert rerun.exit_code == 0, rerun.output
    assert [f["id"] for f in json.loads(rerun.stdout)["funded"]] == _ids(doc)
    made = client.post("/api/library/import", json={"name": "Imported", "toml": r.text})
    assert made.status_code == 200, made.text
    new = made.json()["made"]
    assert _ids(client.post(f"/api/library/{new}/open").json()) == _ids(doc)
    assert [e["action"] for e in client.get(f"/api/library/{new}/history").json()[
        "entries"]] == ["import"]


def test_import_refuses_other_files_and_says_where_a_value_is_wrong(client, tmp_path):
    good = client.get("/api/download/scenario.toml").text
    other_round = good.replace(str((ROOT / "data").resolve()), str(tmp_path))
    assert other_round != good
    r = client.post("/api/library/import", json={"name": "Elsewhere", "toml": other_round})
    assert r.status_code == 400 and "not one this server offers" in r.json()["error"]
    assert str((ROOT / "data" / "2020").resolve()) in r.json()["error"]
    r = client.post("/api/library/import", json={
        "name": "Extends", "toml": '[scenario]\nextends = "/etc/passwd"\n'})
    assert r.status_code == 400 and "extends" in r.json()["error"]
    bad = good.replace("[budget]\n", "[budget]\nappropriation_typo = 3\n", 1)
    r = client.post("/api/library/import", json={"name": "Typo", "toml": bad})
    assert r.status_code == 400 and "appropriation_typo" in r.json()["error"]
    assert str(tmp_path) not in r.json()["error"] and "grantopt-web-" not in r.json()["error"]
    r = client.post("/api/library/import", json={"name": "Broken", "toml": "[budget\n"})
    assert r.status_code == 400 and "line 1" in r.json()["error"]
    names = [s["name"] for s in client.get("/api/library").json()["scenarios"]]
    assert not {"Elsewhere", "Extends", "Typo", "Broken"} & set(names)


def test_diff_prints_what_grantopt_diff_prints(client, tmp_path):
    from optimizer.cli.diff import format_diffs
    from optimizer.study import Study

    a = _slug(_save(client, "Diff A"), "Diff A")
    _change(client, "budget.appropriation=12e6")
    with page_client(client.app) as other:
        b = _slug(_save(other, "Diff B"), "Diff B")
    r = client.get(f"/api/library/diff?a={b}&b={a}")
    assert r.status_code == 200, r.text
    files = []
    for slug in (b, a):
        path = tmp_path / f"{slug}.toml"
        path.write_text(client.get(f"/api/library/{slug}/scenario.toml").text)
        files.append(Study.from_file(path))
    assert r.json()["text"] == format_diffs(files, [files[0].diff(files[1])], "en", width=100)
    assert "Diff A" in r.json()["text"] and "Diff B" in r.json()["text"]
    assert client.get(f"/api/library/diff?a={a}&b=nope").status_code == 404


def test_the_grid_has_a_column_per_other_saved_scenario(client):
    _change(client, "budget.appropriation=8e6")
    _save(client, "Grid eight")
    with page_client(client.app) as other:
        cols = other.get("/api/grid").json()["columns"]
        saved = [c for c in cols if c["kind"] == "saved"]
        assert "Grid eight" in [c["label"] for c in saved]
        eight = next(c for c in saved if c["label"] == "Grid eight")
        assert eight["funded"] < cols[0]["funded"]  # less money, fewer projects
    own = [c["label"] for c in client.get("/api/grid").json()["columns"]]
    assert "Grid eight" not in own  # its own open one is its "now"


def test_a_saved_scenarios_url_opens_it_in_a_new_browser(client):
    _change(client, "budget.appropriation=12e6")
    slug = _slug(_save(client, "By URL"), "By URL")
    expected = _ids(client.get("/api/state").json())
    with TestClient(client.app, base_url=BASE, client=("10.9.9.9", 1)) as fresh:
        page = fresh.get(f"/s/{slug}")
        assert page.status_code == 200 and 'name="grantopt-token"' in page.text
        assert _ids(fresh.get("/api/state").json()) == expected
        assert fresh.get("/api/library").json()["open"] == slug


def test_a_restart_on_the_same_file_loses_nothing(tmp_path):
    path = tmp_path / "lib.sqlite"
    first = _app(path)
    portfolios = {}
    with page_client(first) as c:
        for name, budget in (("Eight", "8e6"), ("Ten", "10e6"), ("Twelve", "12e6")):
            c.post("/api/open", json={"scenario": "2020-baseline"})
            _change(c, f"budget.appropriation={budget}")
            slug = _slug(_save(c, name), name)
            portfolios[slug] = _ids(c.get("/api/state").json())
        last = slug
        _change(c, "coverage.min_regions=3")
        portfolios[last] = _ids(c.get("/api/state").json())
    first.state.shelf.store.close()
    second = _app(path)
    with page_client(second) as c:
        listed = c.get("/api/library").json()["scenarios"]
        assert sorted(s["name"] for s in listed) == ["Eight", "Ten", "Twelve"]
        for slug, ids in portfolios.items():
            assert _ids(c.post(f"/api/library/{slug}/open").json()) == ids
        keys = [e["key"] for e in c.get(f"/api/library/{last}/history").json()["entries"]]
        assert keys == [None, "coverage.min_regions"]


def test_state_changing_library_routes_pass_the_guard(client, app):
    with TestClient(app, base_url=BASE, client=("10.9.9.8", 1)) as stranger:
        stranger.get("/")
        r = stranger.post("/api/library", json={"name": "No token"},
                          headers={"Origin": BASE})
        assert r.status_code == 403
        r = stranger.post("/api/library", json={"name": "Other site"},
                          headers={"Origin": "http://127.0.0.1:9999"})
        assert r.status_code == 403
    names = [s["name"] for s in client.get("/api/library").json()["scenarios"]]
    assert "No token" not in names and "Other site" not in names


def test_serve_names_its_store_and_makes_it_on_first_use(tmp_path, monkeypatch):
    import uvicorn

    import optimizer.web

    made: dict = {}
    real = optimizer.web.create_app
    monkeypatch.setattr(optimizer.web, "create_app",
                        lambda paths, **kw: made.update(kw) or real(paths, **kw))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRANTOPT_STORE", raising=False)
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0"])
    assert result.exit_code == 0, result.output
    default = tmp_path / "grantopt-library.sqlite"
    assert made["store"] == Path("grantopt-library.sqlite") and default.exists()
    assert f"Saved scenarios are kept in {default}" in result.output
    chosen = tmp_path / "team" / "shared.sqlite"
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0",
                                       "--store", str(chosen)])
    assert result.exit_code == 0, result.output
    assert chosen.exists() and str(chosen) in result.output
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"x" * 4096)  # not SQLite: refused, saying which file
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--port", "0",
                                       "--store", str(bad)])
    assert result.exit_code == 2 and "cannot be used as an SQLite database" in result.output
