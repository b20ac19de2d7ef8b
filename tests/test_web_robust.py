"""The what-if app's robust portfolios (issue 23): SWING points turned into weight statements,
the "portfolios" background job answering exactly what `Study.nondominated` answers, bad
statements refused at once with the catalog's message in the page's language, a cancel,
and in Chromium: rank, give points, run, see the counts and the marks beside the portfolio."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizer.analysis.statements import stated_weights
from optimizer.errors import ScenarioError
from optimizer.study import Study
from optimizer.web.robust import parse_points, swing_statements
from tests.test_web_safety import page_client, wait_job

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:starlette.*")

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
CRITERIA = ("cooperation", "reach", "cost_per_resident", "regional_spread", "target_fit")
ORDER = ["cooperation", "reach", "cost_per_resident", "regional_spread", "target_fit"]
POINTS = {"reach": "80", "cost_per_resident": 60, "regional_spread": "30–50",
          "target_fit": "20"}
STATEMENTS = ["cooperation >= reach >= cost_per_resident >= regional_spread >= target_fit",
              "reach = 0.8 * cooperation", "cost_per_resident = 0.6 * cooperation",
              "0.3 * cooperation <= regional_spread", "regional_spread <= 0.5 * cooperation",
              "target_fit = 0.2 * cooperation"]


# --- SWING to statements -------------------------------------------------------------------


def test_swing_points_and_ranges_become_statements():
    assert swing_statements(ORDER, POINTS) == STATEMENTS


def test_swing_rank_alone_a_single_name_and_finnish_decimals():
    assert swing_statements(["A", "B", "C"], {}) == ["A >= B >= C"]
    assert swing_statements(["A", "B", "C"], {"C": " "}) == ["A >= B >= C"]
    assert swing_statements(["A"], {}) == []
    assert swing_statements(["A", "B"], {"B": "62,5"}, "fi") == ["A >= B", "B = 0,625 * A"]
    assert swing_statements(["A", "B"], {"B": "40 - 80"}, "fi") == [
        "A >= B", "0,4 * A <= B", "B <= 0,8 * A"]
    assert swing_statements(["A", "B"], {"B": 0}) == ["A >= B", "B = 0 * A"]


@pytest.mark.parametrize(("text", "expected"), [
    ("60", (60.0, 60.0)), (" 62,5 ", (62.5, 62.5)), ("40–80", (40.0, 80.0)),
    ("40-80", (40.0, 80.0)), ("40 — 80 %", (40.0, 80.0)), (25, (25.0, 25.0)), ("", None),
    (None, None)])
def test_points_as_typed(text, expected):
    assert parse_points("reach", text) == expected


@pytest.mark.parametrize(("order", "points", "words"), [
    (["A", "B"], {"B": "lots"}, "cannot read 'lots'"),
    (["A", "B"], {"B": "120"}, "outside 0–100"),
    (["A", "B"], {"B": "-5"}, "outside 0–100"),
    (["A", "B"], {"B": "80–40"}, "write the lower end first"),
    (["A", "B"], {"B": True}, "cannot read"),
    (["A", "B", "C"], {"B": "30", "C": "50"}, "more than the one ranked above"),
    (["A", "B", "A"], {}, "ranked twice"),
    ([], {}, "rank at least one"),
])
def test_bad_swing_points_say_what_is_wrong(order, points, words):
    with pytest.raises(ScenarioError) as err:
        swing_statements(order, points)
    assert words in err.value.text("en")
    assert err.value.text("fi") != err.value.text("en")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=1, max_size=4))
def test_exact_points_state_the_one_weight_vector_they_mean(rest):
    """SWING's meaning: weights proportional to the points (the first has 100), so exact
    points for every name leave exactly that weight vector in S."""
    points = [100, *sorted(rest, reverse=True)]
    names = [f"c{k}" for k in range(len(points))]
    texts = swing_statements(names, {n: str(p) for n, p in zip(names, points, strict=True)})
    s = stated_weights(names, [1.0] * len(names), {}, {}, texts)
    expected = np.array(points, float) / sum(points)
    assert np.allclose(s.points, expected[None, :], atol=1e-9)


# --- the endpoints -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app():
    from optimizer.web import create_app

    return create_app([BASELINE])


@pytest.fixture
def client(app):
    with page_client(app) as c:
        yield c


def test_the_state_names_what_statements_may_use(client):
    robust = client.get("/api/state").json()["robust"]
    assert [c["id"] for c in robust["criteria"]] == list(CRITERIA)
    assert robust["groups"] == [] and robust["statements"] == []


def test_swing_endpoint_gives_the_statements_and_refuses_bad_points(client):
    r = client.post("/api/swing", json={"order": ORDER, "points": POINTS})
    assert r.status_code == 200 and r.json() == {"statements": STATEMENTS}
    r = client.post("/api/swing", json={"order": ["cooperation", "reech"], "points": {}})
    assert r.status_code == 400 and "Did you mean 'reach'" in r.json()["error"]
    client.post("/api/lang", json={"lang": "fi"})
    r = client.post("/api/swing", json={"order": ORDER, "points": {"reach": "paljon"}})
    assert r.status_code == 400
    assert r.json()["error"].startswith("Kohteen reach SWING-pisteet: arvoa 'paljon'")
    assert client.post("/api/swing", json={"order": "cooperation"}).status_code == 400


def test_good_statements_answer_as_study_nondominated(client):
    body = {"kind": "portfolios", "statements": STATEMENTS, "score_interval": "10 %",
            "samples": 20}
    job = client.post("/api/jobs", json=body).json()
    assert job["status"] == "running"
    assert client.get("/api/state").status_code == 200  # the page is usable meanwhile
    done = wait_job(client, job["id"], seconds=60)
    assert done["status"] == "done", done
    doc = done["result"]
    rp = Study.from_file(BASELINE).nondominated(STATEMENTS, score_interval=0.1, samples=20)
    assert doc["count"] == len(rp.portfolios) and doc["complete"] == rp.complete
    assert doc["counts"] == {c: len(rp.ids(c)) for c in ("core", "borderline", "exterior")}
    assert doc["lists"] == {c: list(rp.ids(c)) for c in ("core", "borderline", "exterior")}
    assert [(i["id"], i["index"], i["acceptability"]) for i in doc["items"]] == [
        (c.id, c.index, c.acceptability) for c in rp.items]
    assert doc["items"][0]["label"] == rp.items[0].label
    assert rp.actual is not None and doc["actual"]["nondominated"] == rp.actual.nondominated
    assert doc["actual"]["added"] == list(rp.actual.added)
    assert doc["statements"] == STATEMENTS and doc["score_interval"] == 0.1
    assert "non-dominated portfolio(s)" in doc["count_text"]
    assert "20 weights drawn at random" in doc["versus_text"]


@pytest.mark.parametrize(("lang", "body", "words"), [
    ("en", {"statements": ["cooperaton >= reach"]}, "Did you mean 'cooperation'"),
    ("fi", {"statements": ["reach > cooperation"]}, "on aito vertailu"),
    ("en", {"statements": ["reach >= 0.7", "cooperation >= 0.5"]}, "leave no weights"),
    ("fi", {"statements": ["reach >= 0.7", "cooperation >= 0.5"]}, "Mitkään painot eivät"),
    ("en", {"statements": "reach >= cooperation"}, "send a list"),
    ("en", {"statements": [], "score_interval": 1.5}, "must be between 0 and 1"),
    ("en", {"statements": [], "samples": -1}, "samples = -1"),
])
def test_bad_statements_are_refused_with_the_catalogs_message(client, lang, body, words):
    client.post("/api/lang", json={"lang": lang})
    r = client.post("/api/jobs", json={"kind": "portfolios", **body})
    assert r.status_code == 400 and words in r.json()["error"]
    assert "Traceback" not in r.text and "id" not in r.json()  # no job started


def test_a_portfolios_job_can_be_cancelled(client, monkeypatch):
    gate, real = threading.Event(), Study.nondominated

    def slow(self, *args, **kwargs):
        gate.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Study, "nondominated", slow)
    job = client.post("/api/jobs", json={"kind": "portfolios", "statements": STATEMENTS,
                                         "samples": 0}).json()
    assert client.delete(f"/api/jobs/{job['id']}").status_code == 200
    gate.set()
    done = wait_job(client, job["id"], seconds=60)
    assert done["status"] == "cancelled" and done["result"] is None


# --- in Chromium ---------------------------------------------------------------------------


def test_rank_give_points_run_and_see_the_counts(browser):
    from optimizer.web import create_app
    from tests.test_web_browser import app_page, running

    rp = Study.from_file(BASELINE).nondominated(STATEMENTS, samples=50)
    with running(create_app([BASELINE])) as server, app_page(browser, server) as page:
        order = page.eval_on_selector_all("#swing-body tr", "rows => rows.map(r => r.dataset.name)")
        assert order == list(CRITERIA)
        # rank: regional_spread up a place, then cost_per_resident back above it
        page.click("#swing-body tr[data-name='regional_spread'] [data-move='move_up']")
        page.click("#swing-body tr[data-name='cost_per_resident'] [data-move='move_up']")
        order = page.eval_on_selector_all("#swing-body tr", "rows => rows.map(r => r.dataset.name)")
        assert order == ORDER
        for name, points in (("reach", "80"), ("cost_per_resident", "60"),
                             ("regional_spread", "30–50"), ("target_fit", "20")):
            page.fill(f"[data-points='{name}']", points)
            page.press(f"[data-points='{name}']", "Tab")
        page.wait_for_function("want => document.getElementById('statements').value === want",
                               arg="\n".join(STATEMENTS))
        assert page.input_value("#statements").split("\n") == STATEMENTS
        page.fill("#samples", "50")
        page.click("#robust-run")
        page.wait_for_selector("#robust-result:not([hidden])", timeout=60_000)
        n = page.get_attribute("#robust-n", "data-value")
        core = page.get_attribute("#robust-core", "data-value")
        assert (int(n), int(core)) == (len(rp.portfolios), len(rp.ids("core")))
        assert "non-dominated" in page.inner_text("#robust-count")
        assert page.inner_text("#robust-versus").startswith("The core index counts")
        # the marks beside the portfolio: every funded row marked with its category
        marks = page.eval_on_selector_all(
            "#portfolio tbody tr", "rows => rows.map(r => r.lastElementChild.className)")
        assert marks and all(m.startswith("robust-mark robust-") for m in marks)
        # a bad statement typed by hand: the catalog's message, in Finnish after the switch
        page.click("#lang-switch")
        page.wait_for_function("window.grantopt.state().lang === 'fi'")
        page.fill("#statements", "reach > cooperation")
        page.click("#robust-run")
        page.wait_for_selector("#robust-error:not([hidden])")
        assert "on aito vertailu" in page.inner_text("#robust-error")


GROUPED = """[scenario]
name = "2020 with the project's groups of the proxies"
extends = "{baseline}"

[robustness]
statements = ["breadth >= impact >= fit"]

[robustness.groups]
breadth = ["cooperation", "regional_spread"]
impact = ["reach", "cost_per_resident"]
fit = ["target_fit"]
"""


def test_groups_are_ranked_and_the_answer_is_in_finnish(tmp_path):
    from optimizer.vocabulary.words import Words
    from optimizer.web import create_app

    path = tmp_path / "grouped.toml"
    path.write_text(GROUPED.format(baseline=BASELINE.as_posix()), encoding="utf-8")
    with page_client(create_app([path])) as client:
        robust = client.get("/api/state").json()["robust"]
        assert [g["id"] for g in robust["groups"]] == ["breadth", "impact", "fit"]
        assert robust["groups"][0]["members"] == ["cooperation", "regional_spread"]
        assert robust["statements"] == ["breadth >= impact >= fit"]
        # no statements sent: the scenario's own
        job = client.post("/api/jobs", json={"kind": "portfolios", "samples": 0}).json()
        own = wait_job(client, job["id"], seconds=60)
        assert own["result"]["statements"] == ["breadth >= impact >= fit"]
        assert own["result"]["count"] == 21 and own["result"]["complete"]
        client.post("/api/lang", json={"lang": "fi"})
        texts = client.post("/api/swing", json={"order": ["breadth", "impact", "fit"],
                                                "points": {"impact": "60", "fit": "20–40"}}
                            ).json()["statements"]
        assert texts == ["breadth >= impact >= fit", "impact = 0,6 * breadth",
                         "0,2 * breadth <= fit", "fit <= 0,4 * breadth"]
        job = client.post("/api/jobs", json={"kind": "portfolios", "statements": texts,
                                             "samples": 0}).json()
        doc = wait_job(client, job["id"], seconds=60)["result"]
    rp = Study.from_file(path).nondominated(texts, samples=0)
    assert doc["count"] == len(rp.portfolios) == 3 and doc["complete"]
    assert doc["counts"] == {c: len(rp.ids(c)) for c in ("core", "borderline", "exterior")}
    assert doc["count_text"].startswith("3 ei-dominoitua hankesalkkua: kaikki")
    fi = Words("fi")
    assert {i["category_text"] for i in doc["items"]} == {fi["core"], fi["borderline"],
                                                         fi["exterior"]}
    assert doc["versus_text"].startswith("Ydinindeksi lasketaan")
    assert [r["name"] for r in doc["ranges"]] == ["breadth", "impact", "fit"]
