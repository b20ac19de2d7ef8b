"""`grantopt report`: the HTML report of the 2020 baseline, and of a tiny round."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from click.testing import CliRunner

import optimizer.plots as plots
from optimizer.cli import main
from optimizer.scoring import PROXY_LABEL

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
ROUND_2020 = ROOT / "data" / "2020"
ARGS = ("--samples", "20", "--seed", "1")
FIGURES = ("comparison", "regions", "frontier", "coverage", "acceptability")


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def report_2020(tmp_path_factory) -> tuple[object, Path]:
    """One real report of the 2020 baseline (figures drawn), shared by the tests below."""
    out = tmp_path_factory.mktemp("report2020")
    return invoke("report", BASELINE, "--out", out, *ARGS), out


@pytest.fixture
def quick_figures(monkeypatch):
    """Figures built but not rendered (rendering is most of a report's time); report.html
    names the figure files and never depends on their pixels."""

    def render(fig, formats=("png", "svg")):
        plt.close(fig)
        return {fmt: b"stub" for fmt in formats}

    monkeypatch.setattr(plots, "render", render)


def test_report_2020_writes_every_file_and_names_the_page(report_2020):
    result, out = report_2020
    assert result.exit_code == 0, result.output
    assert f"Report: {out / 'report.html'}" in result.stdout
    for name in ("allocation.csv", "allocation.xlsx", "result.json", "compare.json",
                 "frontier.csv", "coverage.csv", "acceptability.csv",
                 *(f"{f}.{ext}" for f in FIGURES for ext in ("png", "svg"))):
        assert (out / name).is_file(), name
        assert f"wrote {out / name}" in result.stdout
    assert "Robustness: solving 20 draws" in result.stderr  # the progress note


def test_report_2020_page_says_what_matters(report_2020):
    _, out = report_2020
    page = (out / "report.html").read_text(encoding="utf-8")
    assert PROXY_LABEL in page
    assert "cooperation" in page and "0.25" in page  # a proxy definition and its weight
    funded = json.loads((out / "result.json").read_text(encoding="utf-8"))["funded"]
    assert funded and all(f">{f['id']}<" in page for f in funded)
    efficiency = json.loads((out / "compare.json").read_text(encoding="utf-8"))["efficiency"]
    assert f"Efficiency (actual / optimal value): {efficiency * 100:.1f} %" in page
    assert "9,694,600 €" in page  # the actual decision's total, in the English money format
    assert "Statistics Finland (2020)" in page
    assert "<script" not in page.lower() and "http://" not in page
    assert "https://" not in page
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert sorted(sources) == sorted(f"{f}.png" for f in FIGURES)
    assert all((out / src).is_file() for src in sources)


def test_report_is_byte_identical_when_run_again(report_2020, quick_figures, tmp_path):
    _, first = report_2020
    result = invoke("report", BASELINE, "--out", tmp_path, *ARGS)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_bytes() == (first / "report.html").read_bytes()


def test_no_robustness_leaves_the_acceptability_figure_out(quick_figures, tmp_path):
    result = invoke("report", BASELINE, "--out", tmp_path, "--no-robustness")
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("acceptability.*"))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "acceptability.png" not in page and 'id="robustness"' not in page
    assert "Robustness: solving" not in result.output
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

APPLICATIONS = """\
id,applicant,project,requested_eur,partners
T1,Helsingin kaupunki,Portaali <beta> & muut,100000.00,Espoo
T2,Espoon kaupunki,Osallistuminen,80000.00,Vantaa
T3,Vantaan kaupunki,Kokoukset,50000.00,Helsinki
"""
PARTICIPANTS = """\
application_id,name,role,kind,municipality_code,note
T1,Helsingin kaupunki,lead,municipality,091,
T1,Espoo,partner,municipality,049,
T2,Espoon kaupunki,lead,municipality,049,
T2,Vantaa,partner,municipality,092,
T3,Vantaan kaupunki,lead,municipality,092,
T3,Helsinki,partner,municipality,091,
"""
CALL = """\
[call]
appropriation_eur = 200000
rounding_eur = 100
min_parties = 2

"""


def _proxies_2020() -> str:
    """The [[proxies]] tables of data/2020/call.toml (the file's last section)."""
    text = (ROUND_2020 / "call.toml").read_text(encoding="utf-8")
    return text[text.index("[[proxies]]"):]


@pytest.fixture
def tiny(tmp_path) -> Path:
    folder = tmp_path / "round"
    folder.mkdir()
    for name, text in (("applications.csv", APPLICATIONS), ("participants.csv", PARTICIPANTS),
                       ("call.toml", CALL + _proxies_2020())):
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "tiny.toml"
    path.write_text('[scenario]\nname = "tiny <round>"\nround = "round"\n\n'
                    '[scoring]\nsource = "proxy"\n', encoding="utf-8")
    return path


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
    assert all((out / src).is_file() for src in re.findall(r'<img src="([^"]+)"', page))
    assert "acceptability.png" in page
