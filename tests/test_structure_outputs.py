"""Issue 14, item 6: the report, the workbook and explain show the portfolio structure.

Funding pools, years and fair shares in explain's bindings and sentences (English and
Finnish), checked by hand on small instances and on the 2020 example scenarios; the spend
per pool and per year, the fair-share columns and the links in the report page and the
workbook; `grantopt report` and `grantopt explain` on the example scenarios through the
CLI. A scenario without these rules shows none of it (tests/test_reports_committed.py
checks reports/2020 byte for byte).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimizer.analysis.bindings import FAIR_SHARE, OUT, POOL, YEAR
from optimizer.analysis.explain import explain, sentence
from optimizer.cli import explain as cli_explain
from optimizer.model.instance import Instance, Pool
from optimizer.report.analyses import Analyses
from optimizer.report.build import write_report
from optimizer.study import Study
from tests.factories import make, with_years

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
ABC = [("a", 0.9, 4), ("b", 0.8, 4), ("c", 0.7, 4)]


def rule_details(instance: Instance, item_id: str, rule: str) -> list[str]:
    row = explain(instance, [item_id]).row(item_id)
    return [str(b.detail) for b in row.bindings if b.rule == rule]


def fi_details(instance: Instance, item_id: str, rule: str) -> list[str]:
    row = explain(instance, [item_id]).row(item_id)
    return [b.detail.text("fi") for b in row.bindings if b.rule == rule]




# --- explain, by hand ----------------------------------------------------------------------


def pools_instance() -> Instance:
    # P (4 units) admits a and b, Q (8) only c; no shared remainder. The optimum funds a
    # from P and c from Q; b fits the budget (4 of 12 left, all in Q) but not its pool.
    return make(ABC, budget=12, pools=(Pool("P", 4, frozenset("ab")),
                                       Pool("Q", 8, frozenset("c"))))


def test_a_spent_pool_keeps_an_application_out():
    inst = pools_instance()
    e = explain(inst)
    assert e.row("b").status == OUT and {r.id for r in e.entries if r.status == "in"} == {
        "a", "c"}
    row = e.row("b")
    assert [b.rule for b in row.bindings] == [POOL]  # the budget has 400 € left: not it
    assert str(row.bindings[0].detail) == ("the pool P that admits it is spent (0 € left; it needs "
                                      "at least 400 €)")
    assert "b is out: the pool P that admits it is spent (0 € left; it needs at least " \
           "400 €)." in row.sentence
    fi = sentence(inst, row, e.optimal_value, "fi")
    assert fi == row.sentence_in("fi")
    assert ("b ei ole mukana: määrärahaosuus P, josta sen voi rahoittaa, on käytetty "
            "(jäljellä 0\u00a0€; se tarvitsee vähintään 400\u00a0€).") in fi


def test_a_shared_remainder_is_no_pool_binding():
    # With a shared remainder Q's leftover may pay b: b is funded, no pool binds anything.
    inst = pools_instance().with_rules(shared_remainder=True)
    e = explain(inst)
    assert {r.id for r in e.entries if r.status == "in"} == {"a", "b", "c"}
    assert not any(b.rule == POOL for r in e.entries for b in r.bindings)


def years_instance(carry: bool) -> Instance:
    # a and b are paid wholly in 2021, c in 2022; 400 € a year (carry: 2022 800 €). The
    # budget (1,200 €) leaves room for b, the year 2021 does not.
    shares = {"a": {"2021": Fraction(1)}, "b": {"2021": Fraction(1)},
              "c": {"2022": Fraction(1)}}
    cents = {"2021": 40_000, "2022": 80_000 if carry else 40_000}
    return with_years(make(ABC, budget=12), shares, cents, carry)


def test_a_years_limit_keeps_an_application_out():
    inst = years_instance(carry=False)
    assert rule_details(inst, "b", YEAR) == [
        "the appropriation of 2021 binds (400 € of 400 € paid; it would add 400 €)"]
    assert fi_details(inst, "b", YEAR) == [
        "vuoden 2021 määräraha on sitova (maksettu 400\u00a0€ / 400\u00a0€; se lisäisi "
        "400\u00a0€)"]
    row = explain(inst, ["b"]).row("b")
    assert "b is out: the appropriation of 2021 binds" in row.sentence
    assert rule_details(inst, "c", YEAR) == []  # c is in; the rule holds nothing else


def test_with_carry_over_the_running_total_binds():
    # 2022 may pay what 2021 left, but b is paid in 2021, where nothing was left before.
    inst = years_instance(carry=True)
    assert rule_details(inst, "b", YEAR) == [
        "the appropriations of the years up to 2021 bind (unspent money carried over; 400 € "
        "of 400 € paid; it would add 400 €)"]
    assert fi_details(inst, "b", YEAR) == [
        "vuosien 2021 asti määrärahat ovat sitovia (käyttämätön määräraha siirtyy seuraavalle "
        "vuodelle; maksettu 400\u00a0€ / 400\u00a0€; se lisäisi 400\u00a0€)"]


def fair_instance(**rules: float) -> Instance:
    return make([("a", 0.9, 5, "R1"), ("b", 0.8, 5, "R2"), ("c", 0.7, 4, "R1")], budget=20,
                fair_share_basis="population", fair_share_weights={"R1": 1.0, "R2": 1.0},
                **rules)


def test_a_region_at_its_fair_share_maximum_keeps_an_application_out():
    # All three: R1 gets 9 of 14 units, 64.3 % > 1.2 x 50 %; a + b (1.7) beats b + c (1.5).
    inst = fair_instance(fair_share_max=1.2)
    e = explain(inst)
    assert [r.id for r in e.entries if r.status == "in"] == ["a", "b"]
    assert [str(b.detail) for b in e.row("c").bindings] == [
        "with it, R1 would get 64.3 % of the awarded euros, above 1.2 x its population "
        "share 50.0 % (fair share at most)"]
    assert "c is out: with it, R1 would get 64.3 %" in e.row("c").sentence


def test_a_region_at_its_fair_share_minimum_holds_an_application_in():
    # Without b, R2 gets nothing: below 0.5 x 50 %. a and c are not held by the rule.
    inst = fair_instance(fair_share_min=0.5)
    assert rule_details(inst, "b", FAIR_SHARE) == [
        "without it, R2 would get 0.0 % of the awarded euros, below 0.5 x its population "
        "share 50.0 % (fair share at least)"]
    assert fi_details(inst, "b", FAIR_SHARE) == [
        "ilman sitä maakunta R2 saisi 0,0\u00a0% myönnetyistä euroista, alle 0,5 × "
        "väestöosuutensa 50,0\u00a0% (kohtuullinen osuus vähintään)"]
    row = explain(inst, ["b"]).row("b")
    assert "b is in: without it, R2 would get 0.0 %" in row.sentence
    assert rule_details(inst, "a", FAIR_SHARE) == []


def test_no_structure_no_new_bindings():
    e = explain(make(ABC, budget=8))
    assert not any(b.rule in (POOL, YEAR, FAIR_SHARE) for r in e.entries for b in r.bindings)


# --- explain, on the 2020 example scenarios ------------------------------------------------


@pytest.fixture(scope="module")
def pool_study() -> Study:
    return Study.from_file(SCENARIOS / "2020-small-municipalities-pool.toml")


def test_pool_scenario_names_the_spent_pool(pool_study):
    funded = set(pool_study.solve().funded)
    e = pool_study.explain(["2020-06"])
    row = e.row("2020-06")
    assert "2020-06" not in funded
    # Helsinki (2020-06) leads from a large city: only the main pool admits it.
    pool = [b for b in row.bindings if b.rule == POOL]
    assert len(pool) == 1
    assert str(pool[0].detail).startswith("the pool main that admits it is spent (")
    left = float(re.search(r"\(([\d,]+) € left", str(pool[0].detail)).group(1).replace(",", ""))
    assert left == pool[0].detail.args["left"]
    assert left < 850_000  # what the main pool has left is less than 2020-06 needs
    assert "2020-06 is out: the pool main that admits it is spent" in row.sentence


def test_two_years_scenario_names_the_binding_year():
    study = Study.from_file(SCENARIOS / "2020-two-years.toml")
    allocation = study.solve()
    assert "2020-07" not in allocation.funded
    row = study.explain(["2020-07"]).row("2020-07")
    years = [str(b.detail) for b in row.bindings if b.rule == YEAR]
    # 60 % of every award is paid in 2022, the year that binds (5 M€).
    assert len(years) == 1 and years[0].startswith("the appropriation of 2022 binds (")
    paid = next(r for r in allocation.funds() if r["name"] == "2022")["spent_eur"]
    assert f"{paid:,.0f} € of 5,000,000 € paid" in years[0]


def test_fair_shares_scenario_holds_kainuu_in():
    # Kainuu's only fundable application (2020-13, Kajaani) is in because of the minimum.
    study = Study.from_file(SCENARIOS / "2020-fair-shares.toml")
    row = study.explain(["2020-13"]).row("2020-13")
    assert row.status == "in"
    fair = [str(b.detail) for b in row.bindings if b.rule == FAIR_SHARE]
    assert fair and fair[0].startswith("without it, Kainuu would get 0.0 % of the awarded")
    assert "2020-13 is in: without it, Kainuu" in row.sentence


def test_finnish_bindings_in_the_cli_table(pool_study):
    e = pool_study.explain(["2020-06"])
    text = cli_explain.format_explanation(e, pool_study.case, "fi")
    assert "sitova sääntö: määrärahaosuus main, josta sen voi rahoittaa, on käytetty" in text
    assert "2020-06 ei ole mukana: määrärahaosuus main" in " ".join(text.split())  # wrapped


# --- the report page and the workbook ------------------------------------------------------


def analyses_of(study: Study) -> Analyses:
    """The analyses a report shows, the frontiers at the appropriation only (fast)."""
    from optimizer.analysis.coverage import coverage_frontier
    from optimizer.analysis.frontier import frontier

    prep = study.case
    budget = prep.instance.rules.budget_units * prep.instance.rules.unit_eur
    return Analyses(study.solve(), study.audit(), frontier(prep.instance, [budget]),
                    coverage_frontier(prep.instance), comparison=study.compare())


def text_of(html: str) -> str:
    """The page's text, tags out, every run of white space (non-breaking too) one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


@pytest.fixture(scope="module")
def pool_report(pool_study, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pool-report")
    write_report([analyses_of(pool_study)], out, ("en", "fi"))
    return out


def test_report_shows_the_spend_per_pool(pool_report, pool_study):
    en = text_of((pool_report / "report.en.html").read_text())
    rows = pool_study.solve().funds()
    assert [r["name"] for r in rows] == ["small municipalities", "main"]
    assert "Funding pools and years" in en
    for r in rows:
        assert f"Pool {r['name']} {r['appropriation_eur']:,.0f} € {r['spent_eur']:,.0f} €" in en
    assert "Funding pool small municipalities: 3,000,000 € for" in en
    assert "Shared remainder no: what a pool leaves unspent is not awarded" in en
    fi = text_of((pool_report / "report.fi.html").read_text())
    assert "Määrärahaosuudet ja vuodet" in fi and "Määrärahaosuus main" in fi


def test_workbook_has_the_pools_sheet(pool_report, pool_study):
    wb = load_workbook(pool_report / "report.en.xlsx")
    assert wb.sheetnames[:4] == ["summary", "allocation", "regions", "pools and years"]
    assert "links" not in wb.sheetnames
    ws = wb["pools and years"]
    header = [c.value for c in ws[1]]
    assert header == ["pool or year", "appropriation (€)", "spent (€)", "left (€)",
                      "applications", "actual decision: spent (€)"]
    rows = pool_study.solve().funds()
    assert [[c.value for c in ws[i + 2]][:3] for i in range(len(rows))] == [
        [f"Pool {r['name']}", r["appropriation_eur"], r["spent_eur"]] for r in rows]
    fi = load_workbook(pool_report / "report.fi.xlsx")
    assert "määrärahaosuudet ja vuodet" in fi.sheetnames


def test_the_actual_decision_beside_the_optimum_or_a_question_mark(pool_report):
    # The 2020 awards to applications led by small municipalities total more than the
    # 3 M€ pool may pay (the awards cannot be split between the pools): "?" and why.
    en = text_of((pool_report / "report.en.html").read_text())
    assert re.search(r"Pool small municipalities 3,000,000 € [\d,]+ € [\d,]+ € \d+ \?", en)
    assert "?: the actual awards cannot be split between the pools" in en
    ws = load_workbook(pool_report / "report.en.xlsx")["pools and years"]
    assert [ws["F2"].value, ws["F3"].value] == ["?", "?"]


def test_the_actual_spend_per_year_where_it_can_be_split(carry_analyses):
    from optimizer.report.html.allocation import _funds_block
    from optimizer.vocabulary.words import Words

    shown = text_of("\n".join(_funds_block(carry_analyses, Words("en"), 3)))
    assert carry_analyses.comparison is not None
    for r in carry_analyses.comparison.funds:
        assert r["actual_spent_eur"] is not None  # years: every award can be paid
        assert f"{r['actual_spent_eur']:,.0f} €" in shown


@pytest.fixture(scope="module")
def carry_analyses() -> Analyses:
    return analyses_of(Study.from_file(SCENARIOS / "2020-two-years-carry-over.toml"))


def test_report_shows_the_years_with_carry_over(carry_analyses, tmp_path):
    write_report([carry_analyses], tmp_path, ("en",))
    en = text_of((tmp_path / "report.html").read_text())
    rows = carry_analyses.allocation.funds()
    assert [r["name"] for r in rows] == ["2021", "2022"]
    for r in rows:  # appropriation, carried over, paid, left: a row adds up as printed
        assert (f"Year {r['name']} 5,000,000 € {r['carried_in_eur']:,.0f} € "
                f"{r['spent_eur']:,.0f} € {r['left_eur']:,.0f} €") in en
        assert 5_000_000 + r["carried_in_eur"] - r["spent_eur"] == r["left_eur"]
    assert [r["carried_in_eur"] for r in rows] == [0, rows[0]["left_eur"]]
    assert "Unspent money carries over" in en
    assert "Appropriation per year 2021: 5,000,000 €; 2022: 5,000,000 €" in en
    ws = load_workbook(tmp_path / "report.xlsx")["pools and years"]
    assert ws["A2"].value == "Year 2021" and ws["A3"].value == "Year 2022"
    header = [c.value for c in ws[1]][:5]
    assert header == ["pool or year", "appropriation (€)", "carried over (€)", "spent (€)",
                      "left (€)"]
    for line in (2, 3):  # appropriation + carried over - spent = left, as the sheet shows
        budget, carried, spent, left = (ws.cell(line, col).value for col in (2, 3, 4, 5))
        assert budget + carried - spent == left
    assert any(c.value and "carries over" in str(c.value) for row in ws.iter_rows()
               for c in row)


@pytest.fixture(scope="module")
def fair_analyses() -> Analyses:
    return analyses_of(Study.from_file(SCENARIOS / "2020-fair-shares.toml"))


def test_report_regions_carry_the_fair_share_columns(fair_analyses, tmp_path):
    write_report([fair_analyses], tmp_path, ("fi",))
    fi = text_of((tmp_path / "report.html").read_text())
    assert "kohtuullinen osuus suhde toteutunut: suhde" in fi
    table = fair_analyses.allocation.regions()
    kainuu = next(line for line in table if line.region == "Kainuu")
    ratio = f"{table.fair_ratios['Kainuu']:.2f}".replace(".", ",")
    cells = f"{kainuu.fair_share:.1%}".replace(".", ",").replace("%", " %") + f" {ratio}"
    assert cells in fi  # text_of shows the non-breaking spaces as spaces
    assert "väestöosuus (kohtuulliset osuudet)" in fi
    ws = load_workbook(tmp_path / "report.xlsx")["maakunnat"]
    header = [c.value for c in ws[1]]
    assert header[-3:] == ["kohtuullinen osuus", "suhde kohtuulliseen osuuteen",
                           "suhde kohtuulliseen osuuteen, toteutunut päätös"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Kainuu")
    assert row[-3] == pytest.approx(kainuu.fair_share)
    assert row[-2] == pytest.approx(table.fair_ratios["Kainuu"])


def test_report_lists_the_links(tmp_path):
    a = analyses_of(Study.from_file(SCENARIOS / "2020-alternatives.toml"))
    write_report([a], tmp_path, ("en",))
    en = text_of((tmp_path / "report.html").read_text())
    assert ("Links between applications: kind applications requires bonus (score) saving "
            "excludes (at most one) 2020-40, 2020-41, 2020-42, 2020-43") in en
    assert "Funding pools and years" not in en and "fair share" not in en
    ws = load_workbook(tmp_path / "report.xlsx")["links"]
    assert [c.value for c in ws[2]][:2] == ["excludes (at most one)",
                                            "2020-40, 2020-41, 2020-42, 2020-43"]
    assert [c.value for c in ws[3]][:2] == ["excludes (at most one)",
                                            "2020-33, 2020-34, 2020-35, 2020-36"]
    assert "pools and years" not in load_workbook(tmp_path / "report.xlsx").sheetnames


# --- the CLI on the example scenarios ------------------------------------------------------


def run_cli(*args: str) -> str:
    from optimizer.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", ["2020-two-years.toml", "2020-alternatives.toml"])
def test_report_runs_on_the_example_scenarios(name, tmp_path):
    run_cli("report", str(SCENARIOS / name), "--no-robustness", "--lang", "fi,en",
            "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "report.fi.html").is_file()
    assert (tmp_path / "out" / "report.en.xlsx").is_file()


@pytest.mark.parametrize("name, item, says", [
    ("2020-two-years-carry-over.toml", "2020-06", "2020-06"),
    ("2020-fair-shares.toml", "2020-13", "2020-13 is in: without it, Kainuu"),
])
def test_explain_runs_on_the_example_scenarios(name, item, says):
    assert says in run_cli("explain", str(SCENARIOS / name), item)
