"""The report page: finished analyses in, one HTML document out; nothing is computed here.

One self-contained file: styles inline, every figure embedded (SVG data URIs with alt text),
no script, nothing fetched from the network, so it can be mailed as it is. English or
Finnish (`optimizer.vocabulary`): every word the page says and the numbers of the language; names
of municipalities and projects stay as written. The page carries no path of this machine;
its only date is the report date given to it, so the same inputs give the same bytes.

One scenario: its sections under the title. Several: a summary table of all of them and
their differences from the first, then each scenario's sections in turn. Each part of the
page is a module beside this one (top, rules, allocation, comparison, frontier, robustness,
record, closing); every word comes from the catalog (vocabulary/catalog/report.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from optimizer.analysis.diff import Diff
from optimizer.report.analyses import Analyses
from optimizer.report.html.allocation import allocation_section
from optimizer.report.html.closing import files_section, footer
from optimizer.report.html.common import letter_of, round_title
from optimizer.report.html.comparison import comparison_section
from optimizer.report.html.frontier import coverage_section, frontier_section
from optimizer.report.html.record import record_section
from optimizer.report.html.robustness import robustness_section
from optimizer.report.html.rules import rules_section
from optimizer.report.html.toolkit import (
    CSS,
    attr,
    esc,
    heading,
    para,
)
from optimizer.report.html.top import contents, header, score_box, side_by_side, summary
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words


@dataclass(frozen=True)
class Page:
    """What one language's page shows: the scenarios (each with its figures in this
    language), their differences from the first, the report date, the files beside and
    what was left out (catalog codes)."""

    scenarios: tuple[Analyses, ...]
    lang: str
    date: dt.date
    diffs: tuple[Diff, ...] = ()
    files: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def render_html(page: Page) -> str:
    """The report page (a str); the same page always gives the same bytes."""
    w = Words(page.lang)
    first = page.scenarios[0]
    several = len(page.scenarios) > 1
    title = (say(w, "report.render_html.scenarios_of", scenarios=len(page.scenarios),
                 round_title=round_title(first.allocation.case, w))
             if several else first.allocation.case.scenario.title_in(w.lang))
    body = [header(page.scenarios, page.date, w, title)]
    if several:
        body += [score_box(first.allocation.case, w, 2),
                 side_by_side(page.scenarios, page.diffs, w), contents(page.scenarios, w)]
        for index, a in enumerate(page.scenarios):
            body.append(_scenario(a, w, index))
    else:
        body += [score_box(first.allocation.case, w, 2), summary(first, w, 2),
                 contents(page.scenarios, w), *_sections(first, w, 2, "")]
    body += [files_section(page.files, page.skipped, w), footer(first.allocation.case, w)]
    parts = ["<!DOCTYPE html>", f'<html lang="{attr(page.lang)}">', "<head>",
             '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(w['report'])}: {esc(title)}</title>",
             f"<style>\n{CSS}\n</style>", "</head>", "<body>", "<main>",
             *[b for b in body if b], "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _sections(a: Analyses, w: Words, level: int, prefix: str) -> list[str]:
    return [rules_section(a.allocation.case, w, level, prefix),
            allocation_section(a, w, level, prefix),
            comparison_section(a, w, level, prefix), frontier_section(a, w, level, prefix),
            coverage_section(a, w, level, prefix), robustness_section(a, w, level, prefix),
            record_section(a, w, level, prefix)]


def _scenario(a: Analyses, w: Words, index: int) -> str:
    letter = letter_of(index)
    prep = a.allocation.case
    description = prep.scenario.description_in(w.lang)
    body = [para(description, "sub") if description else "", summary(a, w, 3),
            *_sections(a, w, 3, f"{letter}-")]
    return ('<section class="scenario" id="scenario-' + attr(letter) + '">\n'
            + heading(2, f"{w['scenario']} {letter}: {prep.scenario.title_in(w.lang)}") + "\n"
            + "\n".join(b for b in body if b) + "\n</section>")


__all__ = ["Page", "render_html"]
