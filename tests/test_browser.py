"""`report.html` in a real browser: headless Chromium (Debian's), driven by Playwright.

The page is copied alone into an empty folder and opened from file://, as a reader opens a
forwarded attachment: every figure must show, nothing may be fetched from anywhere, no script
may run, and printed on A4 no table or figure may run off the page.

Without Chromium or the playwright package these tests skip, saying why; with
GRANTOPT_REQUIRE_BROWSER=1 (CI sets it) they fail instead. Playwright's own browser
download is never used (`playwright install` needs the network): the browser is the
system's `chromium`.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from optimizer.cli import main
from optimizer.vocabulary.words import Words, objective_sentence
from tests.factories import tiny_round

ROOT = Path(__file__).resolve().parents[1]
# the README's report: B funds what A funds, C's cap is one the actual decision breaks
SCENARIOS = (ROOT / "scenarios" / "2020-baseline.toml",
             ROOT / "scenarios" / "2020-every-region.toml",
             ROOT / "scenarios" / "2020-region-cap-25.toml")
MAX_PAGES = 12  # issue 20: the three-scenario report prints on at most 12 A4 pages
FIGURES = ("region_map", "comparison", "regions", "frontier", "coverage", "acceptability")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
REQUIRE = "GRANTOPT_REQUIRE_BROWSER"
# A4 at 96 px per inch: 210 mm wide, 297 mm high; the report's @page margins are 12 mm
# left and right, 14 mm top and 16 mm bottom.
MM = 96 / 25.4
PRINT_WIDTH = round((210 - 2 * 12) * MM)  # 703 px
PRINT_HEIGHT = round((297 - 14 - 16) * MM)  # 1009 px
SCREEN = {"width": 1280, "height": 900}


# --------------------------------------------------------------------------- the browser

def _unavailable(reason: str) -> NoReturn:
    """Fail when the browser check is required (CI), else skip, saying why."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{REQUIRE}=1 but the browser check cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser check skipped: {reason} (set {REQUIRE}=1 to make this a failure)")


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@dataclass
class Opened:
    """A page opened in the browser, and everything it did while it was open."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def _open(browser, html: Path, folder: Path) -> Iterator[Opened]:
    """Copy `html` alone into the empty `folder` and open it from file://. Every request
    is recorded; any whose scheme is not file: or data: is aborted and recorded as blocked.
    """
    folder.mkdir(parents=True)
    alone = folder / html.name
    shutil.copyfile(html, alone)
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    opened = Opened(page, alone.as_uri())

    def route(r) -> None:
        url = r.request.url
        if urlsplit(url).scheme in ("file", "data"):
            r.continue_()
        else:
            opened.blocked.append(url)
            r.abort()

    def dialog(d) -> None:
        opened.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("dialog", dialog)
    try:
        page.goto(opened.url, wait_until="load")
        page.wait_for_function("[...document.images].every(i => i.complete)", timeout=10_000)
        yield opened
    finally:
        context.close()


@pytest.fixture
def open_alone(browser, tmp_path):
    """open_alone(html) -> Opened; the context closes at the end of the test."""
    with ExitStack() as stack:
        count = iter(range(1_000))

        def opener(html: Path) -> Opened:
            return stack.enter_context(_open(browser, html, tmp_path / f"alone{next(count)}"))

        yield opener


def assert_stands_alone(opened: Opened) -> None:
    """Nothing but the page's own file and data: URLs was asked for; nothing went wrong."""
    assert opened.blocked == [], f"the page reached out: {opened.blocked}"
    foreign = [u for u in opened.requests if u != opened.url and not u.startswith("data:")]
    assert foreign == [], f"the page asked for other files: {foreign}"
    assert opened.errors == [], f"console errors: {opened.errors}"
    assert opened.dialogs == [], f"dialogs opened: {opened.dialogs}"


# --------------------------------------------------------------------------- the report

def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def report(browser, tmp_path_factory) -> Path:
    """One real report of the README's three scenarios, in Finnish and English, figures
    drawn. (Asks for
    the browser first, so that without one nothing is computed before the skip.)"""
    out = tmp_path_factory.mktemp("browser") / "report"
    result = invoke("report", *SCENARIOS, "--lang", "fi,en", "--samples", "10", "--seed", "1",
                    "--out", out)
    assert result.exit_code == 0, result.output
    return out


def expected_figures(out: Path) -> int:
    """The figures the page should show: one per SVG file written beside it, every
    scenario's folder holding all of FIGURES."""
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == len(SCENARIOS)
    for folder in folders:
        stems = {p.stem for p in folder.glob("*.svg")}
        assert set(FIGURES) <= stems, (folder.name, sorted(stems))
    return sum(len(list(folder.glob("*.svg"))) for folder in folders)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_page_opened_alone_shows_every_figure_and_asks_for_nothing(report, open_alone, lang):
    html = report / f"report.{lang}.html"
    text = html.read_text(encoding="utf-8")
    opened = open_alone(html)
    page = opened.page

    assert page.evaluate("document.documentElement.lang") == lang
    images = page.evaluate("""[...document.images].map(i => ({
        src: i.getAttribute('src').slice(0, 26), complete: i.complete,
        width: i.naturalWidth, alt: (i.getAttribute('alt') || '').trim()}))""")
    assert len(images) == text.count("<img") == expected_figures(report)
    assert len(images) >= len(FIGURES) * len(SCENARIOS)
    for n, image in enumerate(images):
        assert image["src"] == "data:image/svg+xml;base64,", (n, image)
        assert image["complete"] and image["width"] > 0, (n, image)
        assert image["alt"], (n, image)
    assert page.evaluate("document.scripts.length") == 0
    assert_stands_alone(opened)


def _a4_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_page_prints_on_a4_without_running_off_the_page(report, open_alone, lang):
    opened = open_alone(report / f"report.{lang}.html")
    page = opened.page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})

    layout = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const box = e => e.getBoundingClientRect();
        const name = e => (e.closest('section') || {}).id + ' ' + e.tagName.toLowerCase();
        return {
          width,
          tables: [...document.querySelectorAll('table')]
            .map(t => [name(t), box(t).width]),
          images: [...document.querySelectorAll('figure img')]
            .map(i => [name(i), box(i).width, box(i).height]),
          overflow: document.documentElement.scrollWidth,
          briefBreak: getComputedStyle(document.querySelector('section.brief')).breakAfter,
          foldsShown: [...document.querySelectorAll('details.fold')]
            .filter(d => getComputedStyle(d).display !== 'none').length,
          headerGroups: [...document.querySelectorAll('thead')]
            .map(t => getComputedStyle(t).display),
        };
    }""")
    assert layout["width"] == PRINT_WIDTH
    too_wide = [t for t in layout["tables"] if t[1] > PRINT_WIDTH + 1]
    assert too_wide == [], f"tables wider than A4 ({PRINT_WIDTH} px): {too_wide}"
    assert layout["images"]
    too_big = [i for i in layout["images"] if i[1] > PRINT_WIDTH + 1 or i[2] > PRINT_HEIGHT]
    assert too_big == [], f"figures larger than an A4 page: {too_big}"
    assert layout["overflow"] <= PRINT_WIDTH + 1, "something runs off the page's right edge"
    assert layout["briefBreak"] == "page"  # the brief alone on the first page
    assert layout["foldsShown"] == 0  # folded details stay on the screen
    assert set(layout["headerGroups"]) == {"table-header-group"}  # repeated on every page

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    pages = _a4_pages(pdf)
    # the brief on a page of its own, then the rest: as long as its content
    assert 2 <= pages <= MAX_PAGES, pages
    assert_stands_alone(opened)


def test_harness_notices_a_page_that_reaches_out(open_alone, tmp_path):
    """The checks above would see a page that fetched anything: here one that does."""
    html = tmp_path / "reaching.html"
    html.write_text('<!doctype html><html lang="en"><head>'
                    '<link rel="stylesheet" href="https://example.invalid/style.css"></head>'
                    '<body><img src="http://example.invalid/a.png" alt="a">'
                    '<img src="beside.png" alt="b"></body></html>', encoding="utf-8")
    opened = open_alone(html)
    assert sorted(opened.blocked) == ["http://example.invalid/a.png",
                                      "https://example.invalid/style.css"]
    assert any(u.endswith("/beside.png") for u in opened.requests)
    with pytest.raises(AssertionError):
        assert_stands_alone(opened)


# --------------------------------------------------------------------------- escaping

HOSTILE = "<script>alert(1)</script>"
HOSTILE_NAME = "<img src=x onerror=alert(2)>"
@pytest.fixture
def hostile(tmp_path) -> Path:
    """A tiny round whose project name and scenario name are markup."""
    return tiny_round(tmp_path, HOSTILE, HOSTILE_NAME, "hostile")


def test_markup_in_the_data_is_shown_as_text_and_never_runs(browser, hostile, open_alone,
                                                             tmp_path):
    out = tmp_path / "out"
    result = invoke("report", hostile, "--out", out, "--lang", "en", "--no-robustness")
    assert result.exit_code == 0, result.output
    opened = open_alone(out / "report.html")
    page = opened.page
    text = page.inner_text("body")
    assert HOSTILE in text
    assert HOSTILE_NAME in text
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    assert opened.dialogs == []
    assert_stands_alone(opened)


# --------------------------------------------------------------------------- the brief (issue 20)

def _plain(text: str) -> str:
    """Text with no-break and thin spaces as plain ones (Finnish numbers use them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _compare(out: Path, index: int) -> dict:
    folder = sorted(p for p in out.iterdir() if p.is_dir())[index]
    return json.loads((folder / "compare.json").read_text(encoding="utf-8"))


def _optimum_at(out: Path, budget_eur: float) -> dict[str, str]:
    folder = sorted(p for p in out.iterdir() if p.is_dir())[0]
    with (folder / "frontier.csv").open(encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f)
                    if r["series"] == "optimal" and float(r["budget_eur"]) == budget_eur)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_first_printed_page_is_the_brief_and_says_what_matters(report, open_alone, lang):
    """Printed, the first page holds the header and the brief: both efficiencies of the
    actual decision, its largest entries and exits, what the next million buys in
    projects and euros, and the rule scenario C's actual decision breaks beside C's
    figures; scenario B, which funds what A funds, takes one line."""
    w = Words(lang)
    opened = open_alone(report / f"report.{lang}.html")
    page = opened.page
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    seen = page.evaluate("""() => {
        const brief = document.querySelector('section.brief');
        const first = document.querySelector('main').firstElementChild;
        const rows = [...brief.querySelectorAll('table.brief tbody tr')]
          .map(r => r.innerText);
        const b = document.querySelector('#scenario-B');
        return {bottom: brief.getBoundingClientRect().bottom + window.scrollY,
                before: first.tagName + ' ' + first.nextElementSibling.className,
                text: brief.innerText, rows, b: b.innerText.trim().split('\\n')
                  .filter(line => line.trim())};
    }""")
    assert seen["before"] == "HEADER brief"
    assert seen["bottom"] <= PRINT_HEIGHT, "the brief runs over its page"
    text = _plain(seen["text"])
    a = _compare(report, 0)
    for view in a["by_objective"]:  # both value measures, side by side
        assert _plain(w.pct(view["efficiency"])) in text, view["objective"]
    assert len(a["by_objective"]) == 2
    rows = a["rows"]
    entry = max((r for r in rows if r["status"] == "only_optimal"),
                key=lambda r: r["optimal_eur"])
    exit_ = max((r for r in rows if r["status"] == "only_actual"),
                key=lambda r: r["actual_eur"])
    assert f"{entry['id']}, {_plain(w.eur(entry['optimal_eur']))}" in text
    assert f"{exit_['id']}, {_plain(w.eur(exit_['actual_eur']))}" in text
    here, more = (_optimum_at(report, b) for b in (a["budget_eur"], a["budget_eur"] + 1e6))
    million = next(line for line in text.split("\n") if _plain(w.eur(a["budget_eur"] + 1e6))
                   in line)
    assert f" {int(more['funded'])} " in million and f"{int(here['funded'])}" in million
    assert _plain(w.eur(float(more["spent_eur"]) - float(here["spent_eur"]))) in million
    # the rule C's actual decision breaks, flagged beside C's efficiencies; A keeps its rules
    c_row = _plain(next(r for r in seen["rows"] if r.startswith("C")))
    assert _compare(report, 2)["rules_broken"] and "⚑" in c_row and "Uusimaa" in c_row
    assert "⚑" not in next(r for r in seen["rows"] if r.startswith("A"))
    # B funds what A funds: its heading and one line
    assert len(seen["b"]) == 2 and "A" in seen["b"][1], seen["b"]
    # printed, the value is defined once and no audit key shows (the appendix is folded)
    printed = page.inner_text("body")
    definition = objective_sentence(a["objective"], "proportional", lang).split(":")[0]
    assert printed.count(definition) == 1, definition
    assert "budget.appropriation" not in printed
    assert "budget.appropriation" in page.content()  # still in the page, on the screen
    assert_stands_alone(opened)
