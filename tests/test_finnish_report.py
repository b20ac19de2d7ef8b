"""The report of the 2020 round in Finnish and English, every scenario in scenarios/: the page
a person reads (its audit appendix, "On record", left out) and the workbook's sheets (the
scenario/audit sheet left out) show none of the tool's English words in Finnish and no
internal key (snake_case identifiers, `section.key`) in either language.

Data is not the tool's words: the names of projects, applicants, municipalities and regions,
the round's call.toml texts, the scenarios' own names and descriptions (and their pools'
names), and file names are removed before the scan. Everything else, the model's texts
included, comes from the catalog and is scanned.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimizer import Study
from optimizer.cli import main
from tests.test_vocabulary import ENGLISH, INTERNAL

ROOT = Path(__file__).resolve().parents[1]
# Every example scenario but the ranked robust one: its section says what the shares one
# says (both list every non-dominated portfolio), and its enumeration alone takes 36 s.
SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.toml")
                   if p.name != "2020-robust-ranked.toml")
LANGS = ("fi", "en")

# File names and paths (scenario.toml, region_map.svg, data/2020/applications.csv).
FILE = re.compile(r"[\w./-]+\.(?:toml|csv|json|xlsx|svg|png|html|geojson)\b")
# Tool words beyond the vocabulary test's list that never belong in Finnish.
MORE_ENGLISH = re.compile(r"\b(optimum|actual|decision|funding|appropriation|applicant|"
                          r"weights|draws|greedy|remainder|unknown)\b", re.IGNORECASE)


def data_strings() -> list[str]:
    """The round's and the scenarios' own texts (data, not the tool's words), longest
    first so that a name is removed before a part of it."""
    found: set[str] = set()
    for path in SCENARIOS:
        prep = Study.from_file(path).case
        call, about = prep.round.call, prep.scenario.scenario
        found |= {call.name, call.name_en, about.name, about.description, about.name_fi,
                  about.description_fi, prep.scenario.title_in("en"),
                  prep.scenario.title_in("fi")}
        for app in prep.round.applications:
            found |= {app.id, app.project, app.applicant, *app.partners}
        found |= set(prep.labels.values())
        for item in (*call.exclusions, *call.criteria, *call.criteria_groups, *call.proxies,
                     *call.target_areas):
            # a proxy indicator's text is "Name: definition", shown as two cells
            found |= {item.en, item.fi, *item.en.split(": "), *item.fi.split(": ")}
        found |= {str(pool["name"]) for pool in prep.scenario.budget.pools}
        # weight statements and their groups, as the scenario writes them, name criteria by
        # their ids (the names the person typed)
        robust = prep.scenario.robustness
        found |= {*robust.statements, *robust.groups,
                  *(c for members in robust.groups.values() for c in members),
                  *(c.id for c in call.criteria), *(p.id for p in call.proxies)}
        if prep.register is not None:
            found |= {*prep.register.names(), *prep.register.regions()}
    return sorted((s for s in found if s and len(s) > 2), key=len, reverse=True)


def without_data(text: str, data: Iterable[str]) -> str:
    text = FILE.sub(" ", text)
    for s in data:
        text = text.replace(s, " ")
    return text


def findings(texts: Iterable[str], lang: str, data: Iterable[str] = ()) -> list[str]:
    """The texts that show an internal key, or (in Finnish) one of the tool's English
    words, once the data is removed."""
    data = list(data)
    out = []
    for text in texts:
        rest = without_data(text, data)
        if INTERNAL.search(rest) or (lang == "fi" and (ENGLISH.search(rest)
                                                       or MORE_ENGLISH.search(rest))):
            out.append(text)
    return out


def page_texts(page: str) -> list[str]:
    """What a person reads on the page, line by line: its text, the figures' alt texts and
    the texts drawn in the figures, the audit appendix ("On record") left out."""
    page = re.sub(r'<section[^>]*id="(?:[A-Z]-)?record".*?</section>', "", page, flags=re.S)
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    alts = re.findall(r'alt="([^"]*)"', page)
    drawn = [t for svg in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)
             for t in re.findall(r"<text[^>]*>(.*?)</text>", base64.b64decode(svg).decode(),
                                 flags=re.S)]
    page = re.sub(r'src="data:[^"]*"', "", page)
    lines = re.sub(r"<[^>]+>", "\n", page).splitlines() + alts + drawn
    return sorted({html.unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in lines} - {""})


def workbook_texts(path: Path) -> Iterator[str]:
    """Every text cell of the workbook but its last sheet (the scenario/audit record)."""
    book = load_workbook(path)
    for ws in book.worksheets[:-1]:
        yield ws.title
        for row in ws.iter_rows(values_only=True):
            yield from (v for v in row if isinstance(v, str))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("finnish") / "report"
    result = CliRunner().invoke(main, ["report", *map(str, SCENARIOS), "--lang", "fi,en",
                                       "--samples", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def data() -> list[str]:
    return data_strings()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_no_english_and_no_internal_key(report, data, lang):
    texts = page_texts((report / f"report.{lang}.html").read_text(encoding="utf-8"))
    assert len(texts) > 500
    assert findings(texts, lang, data) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_workbooks_show_no_english_and_no_internal_key(report, data, lang):
    books = sorted(report.glob(f"*/report.{lang}.xlsx"))
    assert len(books) == len(SCENARIOS)
    found = {text for book in books for text in findings(workbook_texts(book), lang, data)}
    assert sorted(found) == []


PAGE = ('<main><h2>Skenaarion säännöt</h2><p>Määräraha 10 000 000 €.</p>{planted}'
        '<section class="record" id="B-record"><p>budget.appropriation the key</p></section>'
        "</main>")


def test_the_scan_finds_a_planted_english_word_and_an_internal_key():
    assert findings(page_texts(PAGE.format(planted="")), "fi") == []  # the record is left out
    planted = PAGE.format(planted="<p>Määräraha ja the budget</p>")
    assert findings(page_texts(planted), "fi") == ["Määräraha ja the budget"]
    keyed = PAGE.format(planted="<td>Sääntö coverage.region_basis</td>")
    assert findings(page_texts(keyed), "fi") == ["Sääntö coverage.region_basis"]
    assert findings(["kattavuus: region_basis"], "en") == ["kattavuus: region_basis"]
    assert findings(["Kajaani: the budget"], "fi", ["Kajaani: the budget"]) == []  # data
