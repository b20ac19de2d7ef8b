"""`grantopt report`: the HTML report of the 2020 baseline, and of a tiny round."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from click.testing import CliRunner

import optimizer.plots as plots
from optimizer.cli import main
from optimizer.scoring import PROXY_LABEL
from tests.factories import tiny_round

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
ROUND_2020 = ROOT / "data" / "2020"
ARGS = ("--samples", "20", "--seed", "1")
FIGURES = ("region_map", "comparison", "regions", "frontier", "coverage", "acceptability",
           "value_for_money")
DATA_URI = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def embedded(page: str) -> list[bytes]:
    """The figures a page carries inside it (every <img> is one; none points elsewhere)."""
    assert len(re.findall(r"<img ", page)) == len(DATA_URI.findall(page))
    return [base64.b64decode(data) for data in DATA_URI.findall(page)]


@pytest.fixture(scope="module")
def report_2020(tmp_path_factory) -> tuple[object, Path]:
    """One real report of the 2020 baseline in both languages (figures drawn), shared by
    the tests below."""
    out = tmp_path_factory.mktemp("report2020")
    return invoke("report", BASELINE, "--out", out, "--lang", "fi,en", *ARGS), out


@pytest.fixture
def quick_figures(monkeypatch):
    """Figures built but not rendered (rendering is most of a report's time); the page
    embeds whatever the renderer gives."""

    def render(fig, formats=("png", "svg")):
        plt.close(fig)
        return {fmt: b"<svg>stub</svg>" for fmt in formats}

    monkeypatch.setattr(plots, "render", render)


def test_report_2020_writes_every_file_and_names_the_pages(report_2020):
    result, out = report_2020
    assert result.exit_code == 0, result.output
    assert f"Report: {out / 'report.fi.html'}" in result.stdout
    assert f"Report: {out / 'report.en.html'}" in result.stdout
    for name in ("allocation.csv", "allocation.xlsx", "result.json", "compare.json",
                 "frontier.csv", "coverage.csv", "acceptability.csv", "report.fi.xlsx",
                 "report.en.xlsx", *(f"{f}.{ext}" for f in FIGURES for ext in ("png", "svg"))):
        assert (out / name).is_file(), name
        assert f"wrote {out / name}" in result.stdout
    assert "robustness, 20 draws of the weights (seed 1)" in result.stderr  # progress


def test_report_2020_english_page_says_what_matters(report_2020):
    _, out = report_2020
    page = (out / "report.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and PROXY_LABEL in page
    assert "<td>Cooperation breadth</td>" in page and "0.25" in page  # an indicator, its weight
    funded = json.loads((out / "result.json").read_text(encoding="utf-8"))["funded"]
    assert funded and all(f">{f['id']}<" in page for f in funded)
    efficiency = json.loads((out / "compare.json").read_text(encoding="utf-8"))["efficiency"]
    assert f"Efficiency (actual / optimal value): {efficiency * 100:.1f} %" in page
    assert "9,694,600 €" in page  # the actual decision's total, in the English money format
    assert "Statistics Finland (2020)" in page
    assert "<script" not in page.lower() and "http://" not in page
    assert "https://" not in page
    figures = embedded(page)
    assert len(figures) == len(FIGURES)
    assert all(f.startswith(b"<?xml") and f.rstrip().endswith(b"</svg>") for f in figures)


def test_report_2020_finnish_page_speaks_the_decisions_words(report_2020):
    _, out = report_2020
    page = (out / "report.fi.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in page
    assert "aineistosta laskettu korvaava pistemäärä" in page  # the proxy label
    assert "9\u00a0694\u00a0600\u00a0€" in page  # Finnish money: spaces that do not break
    for word in ("Toteutunut päätös", "Määräraha", "hankehallinnoija", "maakunta"):
        assert word in page, word
    for word in ("Efficiency", "Robustness", "Report date", "(default)", ">default<"):
        assert word not in page, word
    assert len(embedded(page)) == len(FIGURES)
    # the same figure in the two languages is two drawings
    assert embedded(page)[0] != embedded((out / "report.en.html").read_text("utf-8"))[0]


def test_report_page_stands_alone(report_2020, tmp_path):
    """Forwarded alone, the page still shows everything: nothing it needs is beside it."""
    _, out = report_2020
    page = (out / "report.en.html").read_text(encoding="utf-8")
    assert not re.findall(r'(?:src|href)="(?!#|data:)', page)


def test_report_is_byte_identical_when_run_again(quick_figures, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    for name in ("first", "second"):
        result = invoke("report", BASELINE, "--out", tmp_path / name, *ARGS)
        assert result.exit_code == 0, result.output
    for path in (tmp_path / "first").iterdir():
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes(), path.name
    assert '<time datetime="2020-09-13">' in (tmp_path / "first/report.html").read_text("utf-8")


def test_no_robustness_leaves_the_acceptability_figure_out(quick_figures, tmp_path):
    result = invoke("report", BASELINE, "--out", tmp_path, "--no-robustness", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("acceptability.*"))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="robustness"' not in page and len(embedded(page)) == len(FIGURES) - 1
    assert "robustness, " not in result.output
    assert (tmp_path / "comparison.png").is_file()


@pytest.mark.parametrize("folder", [ROUND_2020, BASELINE.parent],
                         ids=["round folder", "scenario folder"])
def test_refuses_to_write_into_the_inputs(folder):
    before = sorted(p.name for p in folder.iterdir())
    result = invoke("report", BASELINE, "--out", folder, "--no-robustness")
    assert result.exit_code == 4
    assert "holds your input files" in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in folder.iterdir()) == before


# --------------------------------------------------------------------------- tiny round

@pytest.fixture
def tiny(tmp_path) -> Path:
    return tiny_round(tmp_path, "Portaali <beta> & muut", "tiny <round>", "tiny")


def test_tiny_round_escapes_data_and_leaves_the_comparison_out(tiny, quick_figures, tmp_path):
    out = tmp_path / "out"
    result = invoke("report", tiny, "--out", out, "--samples", "5", "--seed", "3")
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Portaali &lt;beta&gt; &amp; muut" in page and "<beta>" not in page
    assert "grantopt report: tiny &lt;round&gt;</h1>" in page
    assert PROXY_LABEL in page
    assert 'id="comparison"' not in page and "has no awards.csv" in page
    assert not (out / "compare.json").exists()
    # the region map, both frontiers, acceptability and value for money
    assert len(embedded(page)) == 5
    assert (out / "acceptability.png").is_file()


# --------------------------------------------------------------------------- the brief (issue 20)

def test_report_2020_opens_with_the_brief_and_keeps_the_record_for_the_appendix(report_2020):
    """The page opens with the brief (both efficiencies); every section is still there,
    folded; the record comes last, in the appendix, before the list of files."""
    _, out = report_2020
    page = (out / "report.en.html").read_text(encoding="utf-8")
    views = json.loads((out / "compare.json").read_text("utf-8"))["by_objective"]
    brief = page[page.index('<section class="brief"'):page.index("</section>")]
    assert page.index('<section class="brief"') < page.index('id="scores"')
    for view in views:
        assert f"{view['efficiency'] * 100:.1f} %" in brief, view["objective"]
    assert "Decision brief" in brief and "The next million (to 11,000,000 €) buys" in brief
    for anchor in ("rules", "allocation", "comparison", "frontier", "coverage", "robustness"):
        assert page.index('<details class="fold">') < page.index(f'id="{anchor}"') \
            < page.index('id="appendix"'), anchor
    assert page.index('id="appendix"') < page.index('id="record"') < page.index('id="files"')
    assert "budget.appropriation" in page[page.index('id="appendix"'):]
    assert "budget.appropriation" not in page[:page.index('id="appendix"')]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_report_2020_workbook_has_the_applications_by_scenario_sheet(report_2020, lang):
    from openpyxl import load_workbook

    _, out = report_2020
    book = load_workbook(out / f"report.{lang}.xlsx", read_only=True)
    name = {"en": "scenarios", "fi": "skenaariot"}[lang]
    assert book.sheetnames[-2:] == [name, {"en": "scenario", "fi": "skenaario"}[lang]]
    rows = list(book[name].iter_rows(values_only=True))
    funded = {f["id"] for f in json.loads((out / "result.json").read_text("utf-8"))["funded"]}
    actual = {r["id"] for r in json.loads((out / "compare.json").read_text("utf-8"))["rows"]
              if r["actual_eur"] > 0}
    yes = {"en": "funded", "fi": "rahoitettu"}[lang]
    assert rows[0][2:] == ({"en": "actual decision", "fi": "toteutunut päätös"}[lang],
                           {"en": "scenario A", "fi": "skenaario A"}[lang])
    body = rows[1:]
    assert len(body) == len({r[0] for r in body}) >= len(funded | actual)
    assert {r[0] for r in body if r[3] == yes} == funded
    assert {r[0] for r in body if r[2] == yes} == actual


def test_tiny_round_brief_says_there_is_no_actual_decision(tiny, quick_figures, tmp_path):
    out = tmp_path / "out"
    result = invoke("report", tiny, "--out", out, "--lang", "en", "--no-robustness")
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    brief = page[page.index('<section class="brief"'):]
    brief = brief[:brief.index("</section>")]
    assert "the round has no actual decision to compare with" in brief
    assert "actual decision funds" not in brief and "table" not in brief


def test_value_for_money_figure_sits_under_the_grid_when_drawn(tiny, quick_figures, tmp_path,
                                                               monkeypatch):
    """The brief embeds the "value_for_money" figure (when the report draws one) after the
    applications × scenarios grid, before where the scores come from."""
    import optimizer.report.build as build

    drawings = build._drawings

    def with_value_for_money(*args, **kwargs):
        return {**drawings(*args, **kwargs), "value_for_money": plt.figure}

    monkeypatch.setattr(build, "_drawings", with_value_for_money)
    out = tmp_path / "out"
    result = invoke("report", tiny, "--out", out, "--lang", "en", "--no-robustness")
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    figure = page.index("Value for money: why the optimum favours what it favours.")
    assert page.index('id="grid"') < figure < page.index('id="scores"')
    assert (out / "value_for_money.svg").is_file()
