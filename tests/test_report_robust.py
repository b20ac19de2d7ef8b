"""The report's robust-portfolios section and sheets (issue 23): shown, in both languages
and with the analysis's numbers, only for a scenario that states something about the
weights or the scores."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pytest
from openpyxl import load_workbook

from optimizer.analysis.nondominated import ActualCheck, Decider
from optimizer.report.html.page import Page, render_html
from optimizer.report.html.portfolios import portfolios_section
from optimizer.study import Study
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words
from tests.factories import tiny_round

ROBUST = ('\n[robustness]\nsamples = 20\nseed = 7\nscore_interval = 0.1\n'
          'statements = ["cooperation >= reach"]\n')
LANGS = ("en", "fi")


@pytest.fixture(scope="module")
def robust(tmp_path_factory):
    """The tiny round with a statement and ±10 % scores, reported in both languages."""
    tmp = tmp_path_factory.mktemp("robust")
    path = tiny_round(tmp, "Kirjasto", "tiny")
    path.write_text(path.read_text(encoding="utf-8") + ROBUST, encoding="utf-8")
    study = Study.from_file(path)
    files = study.report(tmp / "out", langs=LANGS)
    return study, tmp / "out", files


def _page(out, lang: str) -> str:
    return html.unescape((out / f"report.{lang}.html").read_text(encoding="utf-8"))


def test_the_analysis_has_three_borderline_applications(robust):
    # T1 + T2 + T3 cost 230 000 € > 200 000 €: every pair fits, and with ±10 % scores no
    # pair is worth more than another for every weight and score.
    study, _, _ = robust
    rp = study.nondominated()
    assert rp.complete and len(rp.portfolios) == 3
    assert rp.ids("borderline") == ("T1", "T2", "T3")
    assert all(c.acceptability is not None for c in rp.items)


@pytest.mark.parametrize("lang", LANGS)
def test_section_in_both_languages_with_the_analysis_numbers(robust, lang):
    study, out, _ = robust
    rp = study.nondominated()
    page, w = _page(out, lang), Words(lang)
    section = page[page.index('<section id="portfolios">'):]
    section = section[:section.index("</section>")]
    assert say(w, "report.portfolios.title") in section
    assert '<a href="#portfolios">' in page  # in the contents
    assert "cooperation >= reach" in section
    assert say(w, "report.portfolios.complete", n=3, how=say(w, "cli.portfolios.how_dp")) \
        in section
    assert say(w, "cli.portfolios.interval", share=0.1) in section
    assert say(w, "report.portfolios.versus", samples=20, seed=7) in section
    assert say(w, "report.portfolios.proxy") in section  # proxy scores said so
    assert f"{say(w, 'report.portfolios.borderline_head')}: 3" in section
    for c in rp.items:  # the side-by-side table: core index and sampled acceptability
        assert (f"<td>{w.num(c.index, 2)}</td>" in section.replace(' class="num"', "")
                and f"<td>{w.num(c.acceptability or 0, 2)}</td>"
                in section.replace(' class="num"', ""))
    assert 'data:image/svg+xml;base64,' in section  # the figure
    for p in rp.portfolios[1:]:
        first = set(rp.portfolios[0])
        assert " ".join([*(f"+{i}" for i in sorted(set(p) - first)),
                         *(f"−{i}" for i in sorted(first - set(p)))]) in section


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_in_both_languages_with_the_analysis_rows(robust, lang):
    study, out, _ = robust
    rp = study.nondominated()
    book = load_workbook(out / f"report.{lang}.xlsx")
    core = book[say(lang, "report.sheet.core_sheet")]
    rows = list(core.iter_rows(values_only=True))
    assert rows[0][:5] == tuple(say(lang, f"report.sheet.{k}")
                                for k in ("id", "project", "lead", "core_index", "class"))
    by_id = {r[0]: r for r in rows[1:1 + len(rp.items)]}
    for r in rp.rows():
        got = by_id[r["id"]]
        assert got[3] == pytest.approx(r["core_index"])
        assert got[4] == say(lang, f"report.sheet.{r['category']}")
        assert got[5:7] == (r["portfolios_with"], r["portfolios"])
        assert got[8] == pytest.approx(r["acceptability"])
    assert (say(lang, "report.sheet.statement"), "cooperation >= reach") in {
        r[:2] for r in rows}
    listed = list(book[say(lang, "report.sheet.portfolios_sheet")].iter_rows(values_only=True))
    assert [r[3] for r in listed[1:]] == [" ".join(p) for p in rp.portfolios]
    assert [r[2] for r in listed[1:]] == [
        sum(rp.costs_eur[i] for i in p) for p in rp.portfolios]


def test_machine_readable_files_beside_the_report(robust):
    _, _, files = robust
    names = {p.name for p in files.written}
    assert {"nondominated.json", "core-index.csv", "portfolios.csv", "portfolios.svg"} <= names


def test_actual_decision_incomplete_list_and_deciders_are_said(robust):
    """What the tiny round cannot show (no awards, a complete list, no decider), planted in
    the finished analysis: the page says it in both languages."""
    study, _, _ = robust
    a = study.analyses(robustness=False)  # no draws: the core index alone
    assert a.portfolios is not None and a.portfolios.samples == 0
    items = tuple(dataclasses.replace(c, deciders=(Decider("reach >= 0.25", "core"),))
                  if c.id == "T2" else c for c in a.portfolios.items)
    planted = dataclasses.replace(
        a.portfolios, items=items, actual=ActualCheck(
            nondominated=False, feasible=True, dominated_by=("T1", "T2"), added=("T2",),
            removed=("T3",), least_margin=(0.125, 0.25), most_margin=(0.5, 0.75)))
    for lang in LANGS:
        w = Words(lang)
        text = html.unescape(portfolios_section(dataclasses.replace(a, portfolios=planted),
                                                w, 2, ""))
        assert say(w, "cli.portfolios.actual_dominated", least=0.125, most=0.25,
                   changes=say(w, "cli.portfolios.changes", added="T2", removed="T3")) in text
        assert say(w, "report.portfolios.dominating", n=2, eur=180_000) in text
        assert say(w, "report.portfolios.decided", statement="reach >= 0.25",
                   makes=w["core"]) in text
        assert say(w, "report.portfolios.no_draws") in text
        cut = dataclasses.replace(planted, complete=False, narrowing="cooperation >= 0.5",
                                  stopped="solves", solves=300)
        text = html.unescape(portfolios_section(dataclasses.replace(a, portfolios=cut),
                                                w, 2, ""))
        why = say(w, "cli.portfolios.stopped_solves", limit=cut.limit, solves=300,
                  states=0)
        assert say(w, "report.portfolios.incomplete", n=3, why=why,
                   narrowing="cooperation >= 0.5") in text
        assert say(w, "report.portfolios.no_deciders") in text


def test_no_statements_no_section(tmp_path):
    path = tiny_round(tmp_path, "Kirjasto", "tiny")
    study = Study.from_file(path)
    a = study.analyses(samples=5)
    assert a.portfolios is None
    for lang in LANGS:
        page = render_html(Page((a,), lang, dt.date(2026, 1, 1)))
        assert 'id="portfolios"' not in page and '"#portfolios"' not in page
        assert say(lang, "report.portfolios.title") not in html.unescape(page)
