"""report.xlsx (report.workbook) on the 2020 round: every sheet in English and Finnish,
every application in the allocation sheet with its totals, formats an official can work
with, names stored as text, and the same bytes for the same analyses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer import Study
from optimizer.report.allocation import write_xlsx
from optimizer.report.analyses import Analyses
from optimizer.report.workbook import (
    EUR,
    EUR_CENTS,
    SCORE_FMT,
    SHARE,
    write_workbook,
)
from optimizer.vocabulary.message import Message

ROOT = Path(__file__).resolve().parents[1]
SHEETS = {
    "en": ["summary", "allocation", "regions", "comparison", "frontier", "value for money",
           "robustness", "scenario"],
    "fi": ["yhteenveto", "jako", "maakunnat", "vertailu", "määrärahat", "arvo rahalle",
           "herkkyys", "skenaario"],
}
APPLICATIONS, FUNDED = 61, 48
AWARDED, REQUESTED = 9_964_000.0, 16_100_330.45
HOSTILE = ('=HYPERLINK("http://evil")', "@SUM(1)")


@pytest.fixture(scope="module")
def analyses(monkeypatch_module) -> Analyses:
    """The report's analyses of the 2020 baseline, built like Study.report builds them."""
    monkeypatch_module.chdir(ROOT)
    study = Study.from_file("scenarios/2020-baseline.toml")
    rob = study.robustness(samples=20, seed=1)
    return Analyses(allocation=study.solve(), audit=study.audit(seed=rob.seed),
                    frontier=study.frontier(budgets=[b * study.case.unit_eur
                                                     for b in study._report_budgets()]),
                    coverage=study.coverage_frontier(), comparison=study.compare(),
                    robustness=rob)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.fixture(scope="module")
def books(analyses, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    paths = {lang: folder / f"report-{lang}.xlsx" for lang in ("en", "fi")}
    for lang, path in paths.items():
        write_workbook(analyses, path, lang)
    return paths


def table(ws) -> list[tuple]:
    """The rows of a sheet's table (header first), up to the first empty row."""
    rows = []
    for row in ws.iter_rows(values_only=True):
        if all(v is None for v in row):
            break
        rows.append(row)
    return rows


def column(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_sheet_is_there_in_order_in_each_language(books, lang):
    assert load_workbook(books[lang]).sheetnames == SHEETS[lang]


def test_without_a_comparison_or_robustness_their_sheets_are_left_out(analyses, tmp_path):
    bare = dataclasses.replace(analyses, comparison=None, robustness=None)
    write_workbook(bare, tmp_path / "r.xlsx", "fi")
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == [
        "yhteenveto", "jako", "maakunnat", "määrärahat", "arvo rahalle", "skenaario"]


def test_the_allocation_sheet_has_every_application_and_the_totals(books):
    ws = load_workbook(books["en"])["allocation"]
    rows = table(ws)
    assert len(rows) == 1 + APPLICATIONS + 1  # header, applications, totals
    header, body, total = rows[0], rows[1:-1], rows[-1]
    award, requested = header.index("award (€)"), header.index("requested (€)")
    status, reason = header.index("status"), header.index("why not fundable")
    score = header.index("score (proxy)")
    assert total[0] == "total"
    assert total[award] == pytest.approx(AWARDED, abs=0.005)
    assert total[requested] == pytest.approx(REQUESTED, abs=0.005)
    assert sum(r[award] for r in body) == pytest.approx(AWARDED, abs=0.005)
    assert len({r[0] for r in body}) == APPLICATIONS
    statuses = [r[status] for r in body]
    assert statuses.count("funded") == FUNDED
    # funded first, then the fundable unfunded, then the not fundable; best score first
    groups = ["funded", "not funded", "not fundable"]
    assert statuses == sorted(statuses, key=groups.index)
    for group in groups[:2]:
        scores = [r[score] for r in body if r[status] == group]
        assert scores == sorted(scores, reverse=True)
    for r in body:
        assert (r[reason] is not None) == (r[status] == "not fundable"), r
        assert (r[award] > 0) == (r[status] == "funded"), r
    unfundable = {r[0]: r[reason] for r in body if r[status] == "not fundable"}
    assert list(unfundable) == sorted(unfundable)
    assert "joint-project rule" in unfundable["2020-36"]


def test_the_allocation_sheet_says_who_and_where(books, analyses):
    ws = load_workbook(books["en"])["allocation"]
    rows = {r[0]: r for r in table(ws)[1:-1]}
    header = table(ws)[0]
    funded = analyses.allocation.rows()[0]
    row = rows[funded["id"]]
    assert row[header.index("project")] == funded["project"]
    assert row[header.index("lead applicant")] == funded["lead"]
    assert row[header.index("region")] == funded["region"]
    assert row[header.index("score (proxy)")] == funded["score"]  # full precision
    assert row[header.index("share of need")] == pytest.approx(funded["share_of_need"])
    actual = analyses.allocation.case.actual_eur
    assert sum(r[header.index("actual decision (€)")] for r in rows.values()) == \
        pytest.approx(sum(actual.values()))


def test_the_regions_add_up_to_the_spent_total(books, analyses):
    ws = load_workbook(books["en"])["regions"]
    rows = table(ws)
    award = rows[0].index("award (€)")
    spent = analyses.allocation.totals().spent_eur
    assert sum(r[award] for r in rows[1:-1]) == pytest.approx(spent, abs=0.05)
    assert rows[-1][0] == "total" and rows[-1][award] == pytest.approx(spent, abs=0.05)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_sheet_has_a_bold_frozen_header_a_filter_and_widths(books, lang):
    for ws in load_workbook(books[lang]):
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        widths = [d.width for d in ws.column_dimensions.values()]
        assert widths and all(4 <= w <= 62 for w in widths), ws.title


def test_euros_shares_and_scores_have_their_number_formats(books):
    wb = load_workbook(books["en"])
    ws = wb["allocation"]
    header = [c.value for c in ws[1]]
    first = ws[2]
    assert first[header.index("award (€)")].number_format == EUR
    assert first[header.index("requested (€)")].number_format == EUR_CENTS  # cents occur
    assert first[header.index("share of need")].number_format == SHARE
    assert first[header.index("score (proxy)")].number_format == SCORE_FMT
    assert ws[ws.max_row][header.index("requested (€)")].number_format == EUR_CENTS
    assert ws[ws.max_row][0].font.b  # the totals row
    regions = wb["regions"]
    assert regions["D2"].number_format == EUR and regions["E2"].number_format == SHARE
    robustness = wb["robustness"]
    assert robustness["D2"].number_format == SHARE
    assert robustness["E2"].value in ("core", "borderline", "exterior")


def test_wide_text_wraps(books):
    ws = load_workbook(books["en"])["allocation"]
    long = [c for c in ws["B"][1:] if isinstance(c.value, str) and len(c.value) > 60]
    assert long and all(c.alignment.wrap_text for c in long)
    assert ws.column_dimensions["B"].width <= 62


def test_finnish_headers_and_words_in_the_finnish_workbook(books):
    wb = load_workbook(books["fi"])
    jako = wb["jako"]
    header = [c.value for c in jako[1]]
    assert header[:4] == ["tunnus", "hanke", "hankehallinnoija", "maakunta"]
    assert "haettu summa, €" in header and "osuus tarpeesta" in header
    statuses = {r[header.index("tila")] for r in table(jako)[1:-1]}
    assert statuses == {"rahoitettu", "ei rahoitettu", "ei avustuskelpoinen"}
    assert table(jako)[-1][0] == "yhteensä"
    reasons = [r[header.index("miksi ei avustuskelpoinen")] for r in table(jako)[1:-1]
               if r[header.index("tila")] == "ei avustuskelpoinen"]
    assert any("yhteishankkeet" in r for r in reasons)
    assert any("rakennetun ympäristön" in r for r in reasons)  # call.toml's Finnish text
    summary = {r[0]: r[1] for r in wb["yhteenveto"].iter_rows(values_only=True)}
    assert summary["pisteet"] == ("Pisteet ovat aineistosta laskettuja korvaavia "
                                  "pistemääriä (välillinen mittari), eivät arvio "
                                  "hakemusten laadusta.")
    assert summary["määräraha, €"] == 10_000_000
    assert summary["mitä kokonaisarvo tarkoittaa"].startswith("Rahoitettu hanke")
    assert wb["yhteenveto"]["A2"].font.b  # the proxy warning stands out
    classes = {r[4] for r in table(wb["herkkyys"])[1:]}
    assert classes <= {"ydin", "rajatapaus", "ulkopuolinen"}
    assert [c.value for c in wb["skenaario"][1]][:3] == ["avain", "arvo", "alkuperä"]
    assert wb["vertailu"]["D1"].value == "rahoitettu"


def test_the_summary_states_the_headline_figures(books, analyses):
    summary = {r[0]: r[1] for r in load_workbook(books["en"])["summary"].iter_rows(
        values_only=True)}
    title = analyses.allocation.case.scenario.title
    assert summary["scenario"] == title
    assert "proxy indicators" in summary["scores"]
    assert summary["spent (€)"] == AWARDED
    assert summary["projects funded"] == FUNDED
    assert summary["efficiency (the sum of project scores)"] == pytest.approx(
        analyses.comparison.efficiency)
    assert summary["fewest changes (the sum of project scores)"].startswith(
        str(analyses.comparison.changes.count))


def test_the_scenario_sheet_is_the_audit_record(books, analyses):
    ws = load_workbook(books["en"])["scenario"]
    keys = {r[0]: r[1:3] for r in table(ws)[1:]}
    assert keys["budget.appropriation"] == (10_000_000, "2020-baseline.toml")
    assert keys["funding.max_cost_share"][1] == "call.toml"
    values = [r for r in ws.iter_rows(values_only=True)]
    hashes = {r[0]: r[1] for r in values if r[0] and r[1] and len(str(r[1])) == 64}
    assert {i.path for i in analyses.audit.inputs} <= set(hashes)


def test_the_frontier_sheet_has_a_row_per_budget(books, analyses):
    ws = load_workbook(books["en"])["frontier"]
    rows = table(ws)
    assert len(rows) == 1 + len(analyses.frontier.points)
    assert [r[0] for r in rows[1:]] == [p.budget_eur for p in analyses.frontier.points]
    budget = next(c for c in ws["A"][1:] if c.value == analyses.frontier.budget_eur)
    assert budget.font.b  # the scenario's own appropriation stands out


@pytest.mark.parametrize("name", HOSTILE)
def test_names_that_look_like_formulas_are_stored_as_text(analyses, tmp_path, name):
    prep = analyses.allocation.case
    first = prep.round.applications[0]
    apps = tuple(dataclasses.replace(a, project=name) if a.id == first.id else a
                 for a in prep.round.applications)
    hostile = dataclasses.replace(prep, round=dataclasses.replace(prep.round,
                                                                  applications=apps),
                                  labels={**prep.labels, first.id: name})
    allocation = dataclasses.replace(analyses.allocation, case=hostile)
    write_workbook(dataclasses.replace(analyses, allocation=allocation), tmp_path / "r.xlsx")
    write_xlsx(allocation, tmp_path / "a.xlsx", analyses.audit)
    for path in (tmp_path / "r.xlsx", tmp_path / "a.xlsx"):
        ws = load_workbook(path)["allocation"]
        row = next(r for r in ws.iter_rows() if r[0].value == first.id)
        for cell in row[1:3]:  # project, lead
            assert cell.value == name
            assert cell.data_type == "s"


def test_the_same_analyses_give_the_same_bytes(analyses, books, tmp_path):
    again = tmp_path / "again.xlsx"
    write_workbook(analyses, again, "en")
    assert again.read_bytes() == books["en"].read_bytes()
    write_xlsx(analyses.allocation, tmp_path / "a1.xlsx", analyses.audit)
    write_xlsx(analyses.allocation, tmp_path / "a2.xlsx", analyses.audit)
    assert (tmp_path / "a1.xlsx").read_bytes() == (tmp_path / "a2.xlsx").read_bytes()


def test_an_unknown_language_is_refused(analyses, tmp_path):
    with pytest.raises(ValueError, match="'en' or 'fi'"):
        write_workbook(analyses, tmp_path / "r.xlsx", "sv")


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_runs_allocation_xlsx_has_the_same_allocation_sheet(analyses, books, tmp_path, lang):
    path = tmp_path / "allocation.xlsx"
    write_xlsx(analyses.allocation, path, analyses.audit, lang=lang)
    wb = load_workbook(path)
    name = SHEETS[lang][1]
    report = load_workbook(books[lang])[name]
    assert list(wb[name].iter_rows(values_only=True)) == list(
        report.iter_rows(values_only=True))
    about = wb["about" if lang == "en" else "tietoja"]
    assert about["B1"].value == analyses.allocation.case.scenario.title_in(lang)
    assert wb.sheetnames[-1] == SHEETS[lang][-1]


def test_reasons_in_finnish():
    # The reasons are the eligibility's messages, rendered in the sheet's language.
    from optimizer.scoring.eligibility import LOCKED_OUT, rounding_reason, score_reason

    joint = Message.of("reason.joint_rule", parties=1, least=2)
    assert joint.text("fi") == ("vain useamman kunnan yhteishankkeet: 1 osapuoli, "
                                "vaaditaan vähintään 2")
    low = score_reason(0.123, 0.2)
    assert low is not None
    assert low.text("fi") == "pisteet 0,123 alittavat vähimmäispistemäärän 0,2"
    assert LOCKED_OUT.text("fi").startswith("skenaario rajaa")
    assert "pyöristyy 0 euroon" in rounding_reason(100.0).text("fi")
    assert low.text("en").startswith("score")


def test_the_value_for_money_sheet_is_the_figures_points(books, analyses):
    """Issue 20: the figure's points as numbers; the best value per euro first; the optimum's
    and the actual decision's choices as the allocation has them."""
    rows = table(load_workbook(books["en"])["value for money"])
    lines = {line.id: line for line in analyses.allocation.application_lines()}
    body = rows[1:]
    assert len(body) == sum(1 for line in lines.values() if line.status != "not_fundable")
    ratios = [r[4] for r in body]
    assert ratios == sorted(ratios, reverse=True)
    for r in body:
        assert r[4] == pytest.approx(r[3] / (r[2] / 1e6))
        assert (r[5] == "funded") == (lines[r[0]].status == "funded")
        assert (r[6] == "funded") == bool(lines[r[0]].actual_eur)
    assert sum(r[5] == "funded" for r in body) == FUNDED
