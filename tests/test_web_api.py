"""The what-if app's endpoints through Starlette's test client: each answers what the
Study answers, a bad value gets the command line's own message and changes nothing, two
sessions keep their own state, downloads rerun, and background jobs report progress and
stop when cancelled."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import main
from optimizer.errors import InfeasibleError
from optimizer.study import Study
from optimizer.vocabulary.words import Words
from tests.test_web_safety import page_client, wait_job

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:starlette.*")

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
REGIONS = ROOT / "scenarios" / "2020-every-region.toml"


@pytest.fixture(scope="module")
def app():
    from optimizer.web import create_app

    return create_app([BASELINE, REGIONS])


@pytest.fixture
def client(app):
    with page_client(app) as c:
        yield c


@pytest.fixture(scope="module")
def study() -> Study:
    return Study.from_file(BASELINE)


def _state(client) -> dict:
    r = client.get("/api/state")
    assert r.status_code == 200
    return r.json()


def _ids(doc: dict) -> list[str]:
    return [r["id"] for r in doc["result"]["funded"]]


# --- the page and its state ----------------------------------------------------------------


def test_the_page_and_its_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for name, kind in (("app.js", "javascript"), ("app.css", "css")):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and kind in r.headers["content-type"]
    # nothing the page loads comes from elsewhere
    for text in (page.text, client.get("/static/app.js").text,
                 client.get("/static/app.css").text):
        assert "http://" not in text and "https://" not in text


def test_a_new_session_gets_a_cookie_and_the_first_scenario(client, study):
    cookie = client.page.headers["set-cookie"]  # loading the page started the session
    assert "grantopt_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    r = client.get("/api/state")
    doc = r.json()
    assert doc["offer"] == "2020-baseline" and doc["offers"] == ["2020-baseline",
                                                                 "2020-every-region"]
    allocation = study.solve()
    assert _ids(doc) == [r["id"] for r in allocation.rows()]
    assert doc["result"]["value"] == pytest.approx(allocation.objective)
    assert doc["result"]["comparison"]["fewest_changes"] == study.compare().changes.count
    assert doc["result"]["comparison"]["efficiency_text"] == "62.2 %"
    assert len(doc["applications"]) == 61
    assert "app;dur=" in r.headers["server-timing"]


def test_words_in_both_languages_and_a_bad_one(client):
    fi = client.get("/api/words", params={"lang": "fi"}).json()
    assert fi["appropriation"] == "määräraha" and fi["result"] == "Optimaalinen jako"
    assert client.get("/api/words", params={"lang": "sv"}).status_code == 400


def test_the_language_switches_the_numbers(client):
    doc = client.post("/api/lang", json={"lang": "fi"}).json()
    assert doc["lang"] == "fi" and doc["result"]["value_text"] == "23,296"
    assert doc["result"]["comparison"]["efficiency_text"] == "62,2\u00a0%"
    r = client.post("/api/lang", json={"lang": "de"})
    assert r.status_code == 400 and _state(client)["lang"] == "fi"


# --- changes -------------------------------------------------------------------------------


def test_a_change_answers_as_the_cli_does(client):
    doc = client.post("/api/change", json={"set": ["budget.appropriation=12e6"]}).json()
    cli = CliRunner().invoke(main, ["run", str(BASELINE), "--budget", "12e6", "--format",
                                    "json"])
    expected = json.loads(cli.stdout)
    assert doc["result"]["projects"] == 51
    assert _ids(doc) == [r["id"] for r in expected["funded"]]
    assert doc["result"]["value_text"] == Words("en").value(expected["objective"], "score")
    assert doc["last_change"]["feasible"] and doc["last_change"]["enters"]
    assert doc["controls"]["values"]["budget.appropriation"] == 12e6


@pytest.mark.parametrize(("sets", "message"), [
    (["coverage.max_region_share=1.5"], "coverage.max_region_share = 1.5 must be between 0 and 1"),
    (["coverage.min_region=3"], "unknown key coverage.min_region"),
    (["budget.appropriation=lots"], "budget.appropriation = 'lots': expected a number"),
    (["funding.mode=halves"], "funding.mode = 'halves' is not one of 'full', 'partial'"),
    (["scoring.weights.reach=-1"], "weight 'reach' is negative"),
    (["scenario.round=/etc"], "scenario.round cannot be changed in the app"),
    (["scoring.source=/etc/passwd"], "scoring.source cannot be changed in the app"),
    (["locks.fund=[\"2020-99\"]"], "2020-99"),
    (["nonsense"], "expected section.key=value"),
])
def test_a_bad_value_gets_the_cli_message_and_changes_nothing(client, sets, message):
    before = _state(client)
    r = client.post("/api/change", json={"set": ["budget.appropriation=9e6", *sets]})
    assert r.status_code == 400
    assert message in r.json()["error"]
    after = _state(client)
    assert after["controls"] == before["controls"] and after["version"] == before["version"]


@pytest.mark.parametrize("body", [None, {"set": "budget.appropriation=1"}, {"set": []},
                                  {"set": [3]}])
def test_a_malformed_change_is_refused(client, body):
    r = client.post("/api/change", content=b"not json" if body is None else json.dumps(body))
    assert r.status_code == 400 and r.json()["error"]


def test_an_infeasible_setting_shows_the_diagnosis_not_an_error(client, study):
    r = client.post("/api/change", json={"set": ["coverage.min_regions=19"]})
    assert r.status_code == 200
    result = r.json()["result"]
    with pytest.raises(InfeasibleError) as exc:
        study.with_changes(coverage={"min_regions": 19}).solve()
    assert result == {"feasible": False, "diagnosis": str(exc.value)}
    # the files that need a portfolio say why there is none; the scenario still downloads
    r = client.get("/api/download/allocation.csv")
    assert r.status_code == 400 and "No allocation meets every rule" in r.json()["error"]
    assert client.get("/api/download/scenario.toml").status_code == 200
    assert ">infeasible</text>" in client.get("/api/figure/map.svg").text


def test_every_control_key_is_accepted(client):
    sets = ["funding.mode=partial", "funding.min_share=0.6", "funding.max_per_project=500000",
            "objective.kind=score_euros", "objective.partial_value=whole",
            "scoring.weights.reach=0.5", "coverage.region_basis=participants",
            "coverage.min_projects_per_region=0", "coverage.min_regions=3",
            "coverage.max_region_share=0.4", "coverage.min_projects_per_target_area=1",
            "coverage.max_awards_per_lead=2", "eligibility.joint_rule=false",
            "eligibility.exclusions=false"]
    doc = client.post("/api/change", json={"set": sets}).json()
    values = doc["controls"]["values"]
    assert values["funding.mode"] == "partial" and values["coverage.max_awards_per_lead"] == 2
    assert values["scoring.weights"] == {"reach": 0.5}
    normalised = {c["id"]: c["normalised"] for c in doc["controls"]["criteria"]}
    assert sum(normalised.values()) == pytest.approx(1.0)
    expected = Study.from_file(BASELINE, sets=sets).solve()
    assert _ids(doc) == [r["id"] for r in expected.rows()]
    doc = client.post("/api/change", json={"set": ["funding.max_per_project=none"]}).json()
    assert doc["controls"]["values"]["funding.max_per_project"] is None


def test_locks_force_in_and_out_and_free(client, study):
    doc = client.post("/api/lock", json={"id": "2020-47", "lock": "in"}).json()
    assert "2020-47" in _ids(doc)
    assert [m["id"] for m in doc["last_change"]["leaves"]] == list(
        study.diff(study.with_changes(locks={"fund": ["2020-47"]})).ids("leaves"))
    doc = client.post("/api/lock", json={"id": "2020-01", "lock": "out"}).json()
    assert doc["controls"]["values"]["locks.reject"] == ["2020-01"]
    assert "2020-01" not in _ids(doc)
    doc = client.post("/api/lock", json={"id": "2020-47", "lock": "free"}).json()
    assert doc["controls"]["values"]["locks.fund"] == []
    for bad in ({"id": "2020-99", "lock": "in"}, {"id": "2020-47", "lock": "maybe"}, {}):
        r = client.post("/api/lock", json=bad)
        assert r.status_code == 400 and r.json()["error"]
    assert _state(client)["controls"]["values"]["locks.reject"] == ["2020-01"]


def test_explain_names_the_displaced_projects(client, study):
    r = client.get("/api/explain", params={"id": "2020-47"})
    doc = r.json()
    row = study.explain(["2020-47"]).row("2020-47")
    assert doc["status"] == "out" and doc["sentence"] == row.sentence
    assert [m["id"] for m in doc["pushed_out"]] == [m.id for m in row.pushed_out]
    client.post("/api/lang", json={"lang": "fi"})
    fi = client.get("/api/explain", params={"id": "2020-47"}).json()
    assert "ei ole mukana optimaalisessa jaossa" in fi["sentence"]
    assert client.get("/api/explain", params={"id": "nope"}).status_code == 400


def test_open_and_reset(client):
    doc = client.post("/api/open", json={"scenario": "2020-every-region"}).json()
    assert doc["offer"] == "2020-every-region"
    assert doc["controls"]["values"]["coverage.min_projects_per_region"] == 1
    client.post("/api/change", json={"set": ["budget.appropriation=8e6"]})
    doc = client.post("/api/reset").json()
    assert doc["controls"]["values"]["budget.appropriation"] == 10e6
    r = client.post("/api/open", json={"scenario": "../../etc/passwd"})
    assert r.status_code == 400 and "offered: 2020-baseline" in r.json()["error"]


def test_pin_and_compare(client, study):
    client.post("/api/pin")
    doc = client.post("/api/change", json={"set": ["coverage.max_region_share=0.25"]}).json()
    d = study.diff(study.with_changes(coverage={"max_region_share": 0.25}))
    pinned = doc["pinned"]
    assert [m["id"] for m in pinned["enters"]] == list(d.ids("enters"))
    assert [m["id"] for m in pinned["leaves"]] == list(d.ids("leaves"))
    assert {r["region"]: r["change_eur"] for r in pinned["regions"]} == {
        r.region: r.change_eur for r in d.regions if r.change_eur}
    assert pinned["value_change"] == pytest.approx(d.value_change)
    assert client.post("/api/unpin").json()["pinned"] is None


def test_sessions_keep_their_own_state(app):
    with page_client(app) as one, page_client(app) as two:
        one.post("/api/change", json={"set": ["budget.appropriation=12e6"]})
        assert _state(two)["result"]["projects"] == 48
        assert _state(one)["result"]["projects"] == 51


def test_two_sessions_solving_at_once_do_not_disturb_each_other(app):
    """Two tabs (two sessions) change and solve in parallel threads; each gets its own
    answer, equal to the Study's."""
    budgets = {"a": 12e6, "b": 8e6}
    expected = {k: [r["id"] for r in Study.from_file(BASELINE).with_changes(
        budget=b, coverage={"min_projects_per_region": 1}).solve().rows()]
        for k, b in budgets.items()}
    found: dict[str, list[list[str]]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def tab(key: str) -> None:
        with page_client(app) as c:
            barrier.wait()
            for _ in range(3):
                doc = c.post("/api/change", json={"set": [
                    f"budget.appropriation={budgets[key]}",
                    "coverage.min_projects_per_region=1"]}).json()
                found[key].append(_ids(doc))

    threads = [threading.Thread(target=tab, args=(k,)) for k in budgets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert found == {k: [v] * 3 for k, v in expected.items()}


# --- figures and downloads -----------------------------------------------------------------


def test_figures_are_the_projects_own_svg(client):
    for name in ("frontier.svg", "map.svg"):
        r = client.get(f"/api/figure/{name}")
        assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
        assert r.text.lstrip().startswith("<?xml") and "<svg" in r.text
    assert client.get("/api/figure/other.svg").status_code == 404


def test_the_downloaded_scenario_reruns_to_the_same_portfolio(client, tmp_path):
    doc = client.post("/api/change", json={"set": ["budget.appropriation=11e6",
                                                   "coverage.max_region_share=0.3"]}).json()
    r = client.get("/api/download/scenario.toml")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    saved = tmp_path / "far" / "away.toml"
    saved.parent.mkdir()
    saved.write_bytes(r.content)
    assert "# The resolved scenario of: 2020 baseline" in r.text and "SHA-256" in r.text
    rerun = CliRunner().invoke(main, ["run", str(saved), "--format", "json"])
    assert rerun.exit_code == 0, rerun.output
    assert [f["id"] for f in json.loads(rerun.stdout)["funded"]] == _ids(doc)
    audit = client.get("/api/download/audit.json").json()
    assert {"budget.appropriation", "coverage.max_region_share"} <= {
        key for key, v in audit["scenario"].items() if v["origin"] == "python"}


def test_allocation_and_report_downloads(client):
    csv = client.get("/api/download/allocation.csv")
    assert csv.status_code == 200 and csv.text.startswith("id,")
    excel = client.get("/api/download/allocation.csv", params={"dialect": "excel-fi"})
    assert excel.content.startswith(b"\xef\xbb\xbf")
    xlsx = client.get("/api/download/allocation.xlsx", params={"lang": "fi"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    html = client.get("/api/download/report.html", params={"lang": "fi"})
    assert html.status_code == 200 and '<html lang="fi"' in html.text
    assert client.get("/api/download/secrets.txt").status_code == 404
    assert client.get("/api/download/allocation.csv", params={"lang": "sv"}).status_code == 400


def test_nothing_is_written_into_the_inputs(client):
    inputs = [ROOT / "scenarios", ROOT / "data" / "2020"]
    before = {p: sorted(x.name for x in p.iterdir()) for p in inputs}
    client.get("/api/download/scenario.toml")
    client.get("/api/download/allocation.xlsx")
    assert {p: sorted(x.name for x in p.iterdir()) for p in inputs} == before


# --- background jobs -----------------------------------------------------------------------


def test_robustness_runs_in_the_background_with_progress(client, study):
    job = client.post("/api/jobs", json={"kind": "robustness", "samples": 40}).json()
    assert job["status"] == "running"
    assert _state(client)["result"]["projects"] == 48  # the page is usable meanwhile
    done = wait_job(client, job["id"])
    assert done["status"] == "done" and done["done"] == done["total"] == 40
    expected = study.robustness(samples=40)
    assert {i["id"]: i["index"] for i in done["result"]["items"]} == {
        a.id: a.index for a in expected.items}


def test_calibration_runs_and_a_job_can_be_cancelled(client, monkeypatch):
    done = wait_job(client, client.post("/api/jobs", json={"kind": "calibrate",
                                                        "samples": 5}).json()["id"])
    assert done["status"] == "done" and done["result"]["weights"]
    # cancelled: the next progress report raises and the job stops
    from optimizer.web import jobs

    gate = threading.Event()
    real = jobs.Job.progress

    def slow(self, done, total):
        gate.wait(10)
        real(self, done, total)

    monkeypatch.setattr(jobs.Job, "progress", slow)
    job = client.post("/api/jobs", json={"kind": "robustness", "samples": 400}).json()
    client.delete(f"/api/jobs/{job['id']}")
    gate.set()
    assert wait_job(client, job["id"])["status"] == "cancelled"


@pytest.mark.parametrize("body", [{"kind": "mining"}, {"kind": "robustness", "samples": 0},
                                  {"kind": "robustness", "samples": "many"},
                                  {"kind": "robustness", "samples": 10**9}])
def test_a_bad_job_is_refused(client, body):
    r = client.post("/api/jobs", json=body)
    assert r.status_code == 400 and r.json()["error"]


def test_an_unknown_job_is_not_found(client):
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.delete("/api/jobs/nope").status_code == 404


# --- grantopt serve ------------------------------------------------------------------------


def test_serve_refuses_another_host_without_the_flag(tmp_path, monkeypatch):
    result = CliRunner().invoke(main, ["serve", str(BASELINE), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "add --allow-remote to mean it" in result.output
    monkeypatch.chdir(tmp_path)  # no scenarios/ here
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2 and "no scenarios/*.toml in this folder" in result.output


def test_port_zero_picks_a_free_port():
    from optimizer.cli.serve import address, listening_socket

    sock = listening_socket("127.0.0.1", 0)
    try:
        port = sock.getsockname()[1]
        assert port > 0 and address("127.0.0.1", port) == f"http://127.0.0.1:{port}/"
    finally:
        sock.close()


def test_help_loads_no_web_library():
    import subprocess
    import sys

    for args in (["--help"], ["serve", "--help"]):
        code = ("import sys\nfrom optimizer.cli import main\ntry:\n"
                f"    main({args!r})\nexcept SystemExit:\n    pass\n"
                "print([m for m in ('starlette', 'uvicorn') if m in sys.modules])")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
        assert out.strip().splitlines()[-1] == "[]", args


# --- issue 14: links, fair shares, funding pools and years -----------------------------------

SCENARIOS = ROOT / "scenarios"
PORTFOLIO = ("2020-alternatives", "2020-fair-shares", "2020-small-municipalities-pool",
             "2020-two-years")


@pytest.fixture(scope="module")
def app14():
    from optimizer.web import create_app

    return create_app([BASELINE, *(SCENARIOS / f"{name}.toml" for name in PORTFOLIO)])


@pytest.fixture
def client14(app14):
    with page_client(app14) as c:
        yield c


def _rows(allocation) -> list[str]:
    return [r["id"] for r in allocation.rows()]


def _refused(client, sets: list[str], message: str) -> None:
    """A bad value: the command line's message, and the session as it was."""
    before = _state(client)
    r = client.post("/api/change", json={"set": sets})
    assert r.status_code == 400, r.json()
    assert message in r.json()["error"]
    after = _state(client)
    assert after["controls"] == before["controls"] and after["version"] == before["version"]


@pytest.mark.parametrize("name", PORTFOLIO)
def test_each_issue_14_scenario_opens_as_the_cli_runs_it(client14, name):
    doc = client14.post("/api/open", json={"scenario": name}).json()
    expected = Study.from_file(SCENARIOS / f"{name}.toml").solve()
    assert _ids(doc) == _rows(expected)
    result, controls = doc["result"], doc["controls"]
    funds = [(f["kind"], f["name"], f["spent_eur"]) for f in result["funds"]]
    assert funds == [(f["kind"], f["name"], f["spent_eur"]) for f in expected.funds()]
    if name == "2020-alternatives":
        assert [link["kind"] for link in controls["links"]] == ["excludes", "excludes"]
        assert "2020-40" in controls["links"][0]["text"]
        assert len({"2020-40", "2020-41", "2020-42", "2020-43"} & set(_ids(doc))) <= 1
    if name == "2020-fair-shares":
        assert result["fair_share_basis"] == "population"
        assert controls["values"]["coverage.fair_share_min"] == 0.5
        assert all("fair_share_text" in r for r in result["regions"])
    if name == "2020-small-municipalities-pool":
        assert [f["name"] for f in result["funds"]] == ["small municipalities", "main"]
        assert controls["values"]["budget.shared_remainder"] is False
        assert controls["values"]["budget.pools"][0]["max_lead_population"] == 9999
    if name == "2020-two-years":
        assert [f["name"] for f in result["funds"]] == ["2021", "2022"]
        assert all(f["actual_spent_eur"] for f in result["funds"])  # the actual decision too
        assert controls["values"]["budget.years"] == {"2021": 5e6, "2022": 5e6}


def test_links_are_added_and_removed_as_on_the_command_line(client14, study):
    first, second = study.solve().funded[:2]
    link = f'links=[{{kind="excludes", ids=["{first}", "{second}"]}}]'
    doc = client14.post("/api/change", json={"set": [link]}).json()
    assert doc["controls"]["values"]["links"] == [{"kind": "excludes", "ids": [first, second]}]
    assert len({first, second} & set(_ids(doc))) == 1
    expected = Study.from_file(BASELINE, sets=[link]).solve()
    assert _ids(doc) == _rows(expected)
    # a second link adds to the first; links=[] then the one kept removes the first
    doc = client14.post("/api/change", json={"set": [
        'links=[{kind="requires", ids=["2020-12"], requires="2020-11"}]']}).json()
    assert [k["kind"] for k in doc["controls"]["links"]] == ["excludes", "requires"]
    assert doc["controls"]["links"][1]["text"] == "2020-12 requires 2020-11"
    doc = client14.post("/api/change", json={"set": [
        "links=[]", 'links=[{kind="requires", ids=["2020-12"], requires="2020-11"}]']}).json()
    assert [k["kind"] for k in doc["controls"]["links"]] == ["requires"]
    doc = client14.post("/api/change", json={"set": ["links=[]"]}).json()
    assert doc["controls"]["links"] == [] and _ids(doc) == _rows(study.solve())
    client14.post("/api/lang", json={"lang": "fi"})
    doc = client14.post("/api/change", json={"set": [link]}).json()
    assert doc["controls"]["links"][0]["text"] == f"enintään yksi hankkeista {first}, {second}"


@pytest.mark.parametrize(("sets", "message"), [
    (['links=[{kind="exclude", ids=["2020-40", "2020-41"]}]'],
     "links[1].kind = 'exclude' is not one of"),
    (['links=[{kind="excludes", ids=["2020-40"]}]'], "needs at least 2 different"),
    (['links=[{kind="excludes", ids=["2020-40", "2020-99"]}]'], "no application '2020-99'"),
    (['links=[{kind="synergy", ids=["2020-40", "2020-41"]}]'], "a synergy needs a bonus"),
    (['links=[{kind="requires", ids=["2020-12"]}]'], "links[1].requires"),
    (["links=3"], "expected a list of link tables"),
])
def test_a_bad_link_gets_the_cli_message_and_changes_nothing(client14, sets, message):
    _refused(client14, sets, message)
    cli = CliRunner().invoke(main, ["run", str(BASELINE), "--set", sets[0]])
    assert cli.exit_code != 0 and message in cli.output


def test_fair_shares_show_their_columns(client14, study):
    sets = ["coverage.fair_share_basis=population", "coverage.fair_share_min=0.5"]
    doc = client14.post("/api/change", json={"set": sets}).json()
    assert doc["controls"]["values"]["coverage.fair_share_basis"] == "population"
    expected = Study.from_file(BASELINE, sets=sets).solve()
    assert _ids(doc) == _rows(expected)
    table = expected.regions()
    shown = {r["region"]: r for r in doc["result"]["regions"]}
    for line in table.lines:
        if line.fair_share is not None:
            assert shown[line.region]["fair_ratio"] == pytest.approx(
                table.fair_ratios[line.region])
            assert shown[line.region]["fair_ratio"] >= 0.5 - 1e-9
    doc = client14.post("/api/change", json={"set": [
        "coverage.fair_share_min=none", "coverage.fair_share_basis=none"]}).json()
    assert doc["result"]["fair_share_basis"] is None
    assert all("fair_share_text" not in r for r in doc["result"]["regions"])
    assert _ids(doc) == _rows(study.solve())


@pytest.mark.parametrize(("sets", "message"), [
    (["coverage.fair_share_min=0.5"], "need coverage.fair_share_basis"),
    (["coverage.fair_share_basis=people"], "coverage.fair_share_basis = 'people' is not one"),
    (["coverage.fair_share_basis=population", "coverage.fair_share_min=2"],
     "coverage.fair_share_min = 2"),
    (["coverage.fair_share_basis=population", "coverage.fair_share_max=0.5"],
     "coverage.fair_share_max = 0.5"),
])
def test_a_bad_fair_share_gets_the_cli_message(client14, sets, message):
    _refused(client14, sets, message)


def test_pools_and_years_are_changed_and_reported(client14):
    client14.post("/api/open", json={"scenario": "2020-small-municipalities-pool"})
    pools = ('budget.pools=[{name = "small municipalities", appropriation_eur = 2000000, '
             'max_lead_population = 9999}, {name = "main", appropriation_eur = 8000000}]')
    doc = client14.post("/api/change", json={"set": [pools, "budget.shared_remainder=true"]}
                        ).json()
    values = doc["controls"]["values"]
    assert values["budget.pools"][0]["appropriation_eur"] == 2e6
    assert values["budget.shared_remainder"] is True
    expected = Study.from_file(SCENARIOS / "2020-small-municipalities-pool.toml",
                               sets=[pools, "budget.shared_remainder=true"]).solve()
    assert _ids(doc) == _rows(expected)
    assert [f["spent_eur"] for f in doc["result"]["funds"]] == \
        [f["spent_eur"] for f in expected.funds()]

    client14.post("/api/open", json={"scenario": "2020-two-years"})
    sets = ["budget.years.2022=6e6", "budget.carry_over=true"]
    doc = client14.post("/api/change", json={"set": sets}).json()
    assert doc["controls"]["values"]["budget.years"] == {"2021": 5e6, "2022": 6e6}
    expected = Study.from_file(SCENARIOS / "2020-two-years.toml", sets=sets).solve()
    assert _ids(doc) == _rows(expected)
    years = {f["name"]: f for f in doc["result"]["funds"]}
    assert years["2022"]["appropriation_eur"] == 6e6
    # the split replaced whole, as the page sends it; then no years at all
    doc = client14.post("/api/change", json={"set": [
        "budget.year_split={}", "budget.year_split={2021 = 0.5, 2022 = 0.5}"]}).json()
    assert doc["controls"]["values"]["budget.year_split"] == {"2021": 0.5, "2022": 0.5}
    doc = client14.post("/api/change", json={"set": ["budget.years={}", "budget.year_split={}"]}
                        ).json()
    assert doc["result"]["funds"] == [] and doc["result"]["projects"] == 48


@pytest.mark.parametrize(("sets", "message"), [
    (['budget.pools=[{name = "x"}]'], "appropriation_eur is missing"),
    (["budget.pools=garbage"], "expected a list of tables"),
    (['budget.pools=[{name = "x", appropriation_eur = 1e6, regions = ["Atlantis"]}]'],
     "regions names 'Atlantis'"),
    (['budget.pools=[{name = "x", appropriation_eur = -1}]'], "appropriation_eur must be"),
    (["budget.shared_remainder=maybe"], "budget.shared_remainder"),
    (["budget.years.2021=5e6"], "states no cost per year"),
    (["budget.years.21=5e6"], "'21' is not a year"),
    (["budget.year_split={2021 = 0.4}"], "budget.year_split"),
    (["budget.carry_over=7"], "budget.carry_over"),
])
def test_a_bad_pool_or_year_gets_the_cli_message(client14, sets, message):
    _refused(client14, sets, message)


def test_the_budget_line_and_the_funds_rows_add_up_as_the_page_shows_them():
    """Issue 19: the page gets the columns that make each row add up (carried over from
    earlier years, synergy savings) beside appropriation, spent and left."""
    from optimizer.web.serialise import state

    study = Study.from_file(ROOT / "scenarios" / "2020-two-years-carry-over.toml")
    doc = state(study, "en")["result"]
    assert round(doc["awarded_eur"] - doc["saving_eur"], 2) == doc["spent_eur"]
    rows = doc["funds"]
    assert any(f["carried_in_eur"] for f in rows)
    for f in rows:
        extra = (f["carried_in_eur"] or 0) + (f["saving_eur"] or 0)
        left = f["appropriation_eur"] + extra - f["spent_eur"]
        assert round(left, 2) == round(f["left_eur"], 2), f
        assert f["carried_text"] == (Words("en").eur(f["carried_in_eur"])
                                     if f["carried_in_eur"] is not None else "")
    script = (ROOT / "optimizer" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "L.carried_over" in script and "f.carried_text" in script


# --- value for money and the grid of applications × scenarios (issue 20) -------------------


def _grid(client) -> dict:
    r = client.get("/api/grid")
    assert r.status_code == 200
    return r.json()


def _column(doc: dict, kind: str) -> int:
    return next(i for i, c in enumerate(doc["columns"]) if c["kind"] == kind)


def test_the_grid_marks_each_application_in_each_scenario(client, study):
    doc = _grid(client)
    # now (the baseline), the other offered scenario on the same round, the actual decision
    assert [(c["kind"], c["label"]) for c in doc["columns"]] == [
        ("now", "Now"), ("offer", "2020-every-region"), ("actual", "Actual decision")]
    optimal = set(study.solve().funded)
    actual = study.case.actually_funded
    regions = set(Study.from_file(REGIONS).solve().funded)
    assert [r["id"] for r in doc["rows"]] == [a.id for a in study.round.applications]
    for row in doc["rows"]:
        now, other, act = (cell["state"] for cell in row["cells"])
        assert (now == "funded") == (row["id"] in optimal)
        assert (other == "funded") == (row["id"] in regions)
        assert (act == "funded") == (row["id"] in actual)
        assert row["differs"] == (len({row["id"] in s for s in (optimal, regions, actual)}) > 1)
    counts = [c["funded"] for c in doc["columns"]]
    assert counts == [len(optimal), len(regions), len(actual)] == [48, 48, 29]
    first = next(r for r in doc["rows"] if r["id"] in optimal)
    assert first["cells"][0]["text"] == Words("en").eur(study.solve().award_eur(first["id"]))


def test_the_grid_adds_the_pinned_scenario_and_follows_changes_and_language(client, study):
    client.post("/api/pin")
    client.post("/api/change", json={"set": ["budget.appropriation=12000000"]})
    client.post("/api/lang", json={"lang": "fi"})
    doc = _grid(client)
    assert [c["label"] for c in doc["columns"]] == [
        "Nyt", "Kiinnitetty", "2020-every-region", "Toteutunut päätös"]
    assert [c["funded"] for c in doc["columns"]][:2] == [51, 48]  # 12 M€ buys 51
    assert doc["columns"][_column(doc, "now")]["total_text"].endswith("\u00a0€")
    client.post("/api/change", json={"set": ["coverage.min_regions=19"]})
    now = _grid(client)["columns"][0]
    assert not now["feasible"] and now["funded"] == 0
    assert now["total_text"] == Words("fi")["infeasible"]


def test_the_value_for_money_figure_is_served_in_the_page_language(client):
    from optimizer.vocabulary.message import say

    for lang in ("en", "fi"):
        client.post("/api/lang", json={"lang": lang})
        r = client.get("/api/figure/value_for_money.svg")
        assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
        assert say(lang, "plots.vfm.cost_axis") in r.text
        assert say(lang, "plots.vfm.actual", n=29) in r.text
        assert say(lang, "plots.vfm.optimal", n=48) in r.text
    client.post("/api/change", json={"set": ["coverage.min_regions=19"]})
    svg = client.get("/api/figure/value_for_money.svg").text  # no portfolio: it says so
    assert f">{Words('fi')['infeasible']}</text>" in svg


def test_the_page_draws_the_figure_and_the_grid_with_its_own_words():
    from optimizer.web.labels import labels

    page = (ROOT / "optimizer" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    script = (ROOT / "optimizer" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert 'id="value-for-money"' in page and 'id="grid"' in page
    assert "/api/figure/value_for_money.svg" in script and '"/api/grid"' in script
    for lang in ("en", "fi"):
        words = labels(lang)
        assert all(words[k] for k in ("value_for_money", "grid", "grid_hint", "grid_funded"))


# --- numbers typed as people type them (issue 20, item 4) ----------------------------------


@pytest.mark.parametrize(("typed", "lang"), [
    ("12 000 000", "en"), ("12 000 000 €", "en"), ("12\u00a0000\u00a0000\u00a0€", "fi"),
    ("12\u202f000\u2009000", "fi"), ("12,000,000", "en"), ("12 000 000,00 €", "fi"),
])
def test_the_appropriation_as_typed(client, typed, lang):
    client.post("/api/lang", json={"lang": lang})
    doc = client.post("/api/change", json={"set": [f"budget.appropriation={typed}"]}).json()
    assert doc["controls"]["values"]["budget.appropriation"] == 12e6
    assert doc["result"]["projects"] == 51


def test_shares_as_typed_on_the_finnish_page(client):
    client.post("/api/lang", json={"lang": "fi"})
    doc = client.post("/api/change", json={"set": [
        "funding.mode=partial", "funding.min_share=0,6", "coverage.max_region_share=25 %"]}
    ).json()
    values = doc["controls"]["values"]
    assert values["funding.min_share"] == 0.6 and values["coverage.max_region_share"] == 0.25


@pytest.mark.parametrize(("lang", "typed", "said"), [
    ("en", "funding.min_share=0,6", "in English the comma separates thousands (12,000,000): "
                                    "write 0.6"),
    ("en", "budget.appropriation=1,5", "write 1.5"),
    ("fi", "budget.appropriation=25 %", "prosentti käy vain osuuksille: kirjoita summa "
                                        "euroina, esim. 12 000 000"),
    ("fi", "budget.appropriation=paljon", "odotettiin lukua, esim. 12 000 000"),
    ("en", "budget.appropriation=1 00", "groups of three digits: write e.g. 12,000,000"),
])
def test_a_number_that_cannot_be_read_is_refused_in_the_page_language(client, lang, typed,
                                                                      said):
    client.post("/api/lang", json={"lang": lang})
    before = _state(client)
    r = client.post("/api/change", json={"set": [typed]})
    assert r.status_code == 400 and said in r.json()["error"], r.json()
    after = _state(client)
    assert after["controls"] == before["controls"] and after["version"] == before["version"]


def test_a_pool_amount_as_typed_on_the_finnish_page(client):
    client.post("/api/lang", json={"lang": "fi"})
    doc = client.post("/api/change", json={"set": [
        'budget.pools=[{name = "north", appropriation_eur = "2 000 000 €", '
        'regions = ["Kainuu", "Lappi"]}]']}).json()
    assert doc["controls"]["values"]["budget.pools"][0]["appropriation_eur"] == 2e6
    r = client.post("/api/change", json={"set": [
        'budget.pools=[{name = "north", appropriation_eur = "2,000,000 €"}]']})
    assert r.status_code == 400 and "esim. 12 000 000" in r.json()["error"]


# --- typed changes (issue 21, item 4) --------------------------------------------------------


def _change(client, *pairs):
    return client.post("/api/change", json={"changes": [{"key": k, "value": v}
                                                        for k, v in pairs]})


def test_typed_changes_numbers_booleans_lists_and_tables(client):
    r = _change(client, ("budget.appropriation", 12000000), ("scoring.weights.reach", 0.4),
                ("eligibility.joint_rule", False), ("locks.fund", ["2020-47"]),
                ("funding.max_per_project", 500000))
    assert r.status_code == 200, r.json()
    values = r.json()["controls"]["values"]
    assert values["budget.appropriation"] == 12e6
    assert values["scoring.weights"] == {"reach": 0.4}
    assert values["eligibility.joint_rule"] is False and values["locks.fund"] == ["2020-47"]
    expected = Study.from_file(BASELINE, sets=[
        "budget.appropriation=12e6", "scoring.weights.reach=0.4",
        "eligibility.joint_rule=false", 'locks.fund=["2020-47"]',
        "funding.max_per_project=500000"]).solve()
    assert _ids(r.json()) == [row["id"] for row in expected.rows()]
    # a whole table at once, and null clears an optional key
    doc = _change(client, ("scoring.weights", {"reach": 0.3, "target_fit": 0.2}),
                  ("funding.max_per_project", None)).json()
    assert doc["controls"]["values"]["scoring.weights"] == {"reach": 0.3, "target_fit": 0.2}
    assert doc["controls"]["values"]["funding.max_per_project"] is None


def test_typed_pools_and_links_replace_the_lists(client14):
    pools = [{"name": "north", "appropriation_eur": 2000000, "regions": ["Kainuu", "Lappi"]}]
    doc = _change(client14, ("budget.pools", pools), ("budget.shared_remainder", True)).json()
    assert doc["controls"]["values"]["budget.pools"][0]["regions"] == ["Kainuu", "Lappi"]
    assert doc["controls"]["values"]["budget.shared_remainder"] is True
    links = [{"kind": "excludes", "ids": ["2020-40", "2020-41"]}]
    doc = _change(client14, ("links", links)).json()
    assert [(x["kind"], x["ids"]) for x in doc["controls"]["values"]["links"]] == \
        [("excludes", ["2020-40", "2020-41"])]
    doc = _change(client14, ("links", links)).json()  # typed: in place of, not added
    assert len(doc["controls"]["values"]["links"]) == 1
    assert _change(client14, ("links", [])).json()["controls"]["values"]["links"] == []


def test_amounts_typed_as_text_are_read_in_the_page_language(client):
    client.post("/api/lang", json={"lang": "fi"})
    doc = _change(client, ("budget.appropriation", "12 000 000 €"),
                  ("funding.mode", "partial"), ("funding.min_share", "0,6")).json()
    values = doc["controls"]["values"]
    assert values["budget.appropriation"] == 12e6 and values["funding.min_share"] == 0.6


@pytest.mark.parametrize(("key", "value", "message"), [
    ("coverage.min_regions", "three", "coverage.min_regions = 'three': expected a whole number"),
    ("coverage.min_regions", 2.5, "coverage.min_regions = 2.5: expected a whole number"),
    ("eligibility.joint_rule", "yes", "eligibility.joint_rule = 'yes': expected true or false"),
    ("funding.mode", 3, "funding.mode = 3 is not one of 'full', 'partial'"),
    ("scoring.weights", {"reach": "x"}, "reach: expected a number"),
    ("budget.pools", [{"name": "a"}], "appropriation_eur is missing"),
    ("links", [{"kind": "joins", "ids": ["2020-40"]}],
     "links[1].kind = 'joins' is not one of 'requires', 'excludes'"),
    ("coverage.max_region_share", 1.5, "must be between 0 and 1"),
    ("coverage.min_region", 3, "unknown key coverage.min_region. Did you mean 'min_regions'"),
    ("scoring.source", "/etc/passwd", "scoring.source cannot be changed in the app"),
    ("budget.appropriation", "lots", "budget.appropriation = 'lots': expected a number"),
])
def test_a_wrong_typed_value_gets_the_schema_message_and_changes_nothing(client, key, value,
                                                                         message):
    before = _state(client)
    r = _change(client, ("budget.appropriation", 9e6), (key, value))
    assert r.status_code == 400
    assert message in r.json()["error"], r.json()
    after = _state(client)
    assert after["controls"] == before["controls"] and after["version"] == before["version"]


@pytest.mark.parametrize("body", [{"changes": []}, {"changes": "budget.appropriation=1"},
                                  {"changes": [{"key": "budget.appropriation"}]},
                                  {"changes": [{"key": 3, "value": 1}]},
                                  {"changes": [{"key": "budget.appropriation", "value": 1,
                                                "extra": 2}]}])
def test_a_malformed_typed_change_is_refused(client, body):
    r = client.post("/api/change", json=body)
    assert r.status_code == 400 and '{"changes": [{"key"' in r.json()["error"]


def test_the_openapi_table_lists_exactly_the_apps_routes(app, client):
    """Every route of the app is in optimizer/web/openapi.py's ROUTES and nothing else is;
    the document served is built from that table."""
    from starlette.routing import Route

    from optimizer.web.openapi import ROUTES

    served = {(m, r.path) for r in app.routes if isinstance(r, Route)
              for m in (r.methods or ()) if m != "HEAD"}
    listed = {(r.method, r.path) for r in ROUTES}
    assert served == listed, f"missing from ROUTES: {served - listed}; not served: " \
                             f"{listed - served}"
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops} == listed
    body = doc["paths"]["/api/change"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["properties"]["changes"]["items"]["required"] == ["key", "value"]
    assert doc["components"]["securitySchemes"]["token"]["name"] == "X-Grantopt-Token"


def test_the_page_sends_only_typed_changes_and_leaves_room_for_the_library():
    """The script writes no TOML and no `key=value` text: every change is {key, value}; the
    page keeps an empty library section after the summary for library.js to fill."""
    script = (ROOT / "optimizer" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "toml(" not in script and "keyValue" not in script and "{ set:" not in script
    assert 'update("POST", "/api/change", { changes })' in script
    page = (ROOT / "optimizer" / "web" / "static" / "index.html").read_text(encoding="utf-8")
    assert '<section id="library" aria-labelledby="library-title"></section>' in page
    assert page.index('id="summary"') < page.index('id="library"') < page.index('id="frontier"')
    assert page.index('class="skip"') < page.index("<header>")


@pytest.mark.parametrize(("key", "value", "text"), [
    ("budget.appropriation", 12000000, "budget.appropriation=12000000"),
    ("budget.appropriation", "12 000 000 €", "budget.appropriation=12 000 000 €"),
    ("scoring.weights.reach", 0.4, "scoring.weights.reach=0.4"),
    ("eligibility.joint_rule", False, "eligibility.joint_rule=false"),
    ("locks.fund", ["2020-47"], 'locks.fund=["2020-47"]'),
    ("budget.pools", [{"name": "a", "appropriation_eur": "2 000 000"}],
     'budget.pools=[{name = "a", appropriation_eur = "2 000 000"}]'),
])
def test_a_typed_value_is_read_as_the_same_set_text_is(key, value, text):
    """One reading for both forms: the JSON value and the `--set` text give the same."""
    from optimizer.scenario import parse_set
    from optimizer.scenario.load import set_value

    for lang in ("en", "fi"):
        assert set_value(key, value, lang) == parse_set(text, lang)
