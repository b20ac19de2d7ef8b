"""The report page: finished analyses in, one HTML document out; nothing is computed here.

One self-contained file: styles inline, every figure embedded (SVG data URIs with alt text),
no script, nothing fetched from the network, so it can be mailed as it is. English or
Finnish (`optimizer.vocabulary`): every word the page says and the numbers of the language; names
of municipalities and projects stay as written. The page carries no path of this machine;
its only date is the report date given to it, so the same inputs give the same bytes.

One scenario: its sections under the title. Several: a summary table of all of them and
their differences from the first, then each scenario's sections in turn. Each part of the
page is a module beside this one (top, rules, allocation, comparison, frontier, robustness,
portfolios, record, closing); every word comes from the catalog (vocabulary/catalog/report.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from optimizer.analysis.diff import Diff
from optimizer.report.analyses import Analyses
from optimizer.report.brief import make_brief
from optimizer.report.html.allocation import allocation_section
from optimizer.report.html.brief import brief_section, fold, grid_section, value_for_money
from optimizer.report.html.closing import files_section, footer
from optimizer.report.html.common import letter_of, round_title
from optimizer.report.html.comparison import comparison_section
from optimizer.report.html.frontier import coverage_section, frontier_section
from optimizer.report.html.portfolios import portfolios_section
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
from optimizer.vocabulary.words import Words, objective_sentence


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
    """The report page (a str); the same page always gives the same bytes.

    First the brief (one printed page for the whole report), the scenarios side by side,
    the applications × scenarios grid, the value-for-money figure and where the scores come
    from; then each scenario's summary, its sections folded (on screen, not in print; a
    scenario that funds what the first funds takes one line); the records last, as an
    appendix."""
    w = Words(page.lang)
    first = page.scenarios[0]
    several = len(page.scenarios) > 1
    brief = make_brief(page.scenarios)
    title = (say(w, "report.render_html.scenarios_of", scenarios=len(page.scenarios),
                 round_title=round_title(first.allocation.case, w))
             if several else first.allocation.case.scenario.title_in(w.lang))
    body = [header(page.scenarios, page.date, w, title),
            brief_section(page.scenarios, brief, w)]
    prep = first.allocation.case
    if several:
        body += [side_by_side(page.scenarios, page.diffs, w),
                 para(objective_sentence(prep.objective, prep.partial_value, w.lang), "note"),
                 grid_section(brief, w), value_for_money(first, w), score_box(prep, w, 2),
                 contents(page.scenarios, w)]
        for index, a in enumerate(page.scenarios):
            body.append(_scenario(a, w, index, brief.scenarios[index].same_as))
    else:
        body += [summary(first, w, 2), grid_section(brief, w), value_for_money(first, w),
                 score_box(prep, w, 2), contents(page.scenarios, w),
                 fold(say(w, "report.brief.details", letter=letter_of(0)),
                      _sections(first, w, 2, ""))]
    body += [_appendix(page.scenarios, w), files_section(page.files, page.skipped, w),
             footer(prep, w)]
    parts = ["<!DOCTYPE html>", f'<html lang="{attr(page.lang)}">', "<head>",
             '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(w['report'])}: {esc(title)}</title>",
             f"<style>\n{CSS}\n</style>", "</head>", "<body>", "<main>",
             *[b for b in body if b], "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _sections(a: Analyses, w: Words, level: int, prefix: str, *,
              comparison: bool = True) -> list[str]:
    """A scenario's sections (the record apart: the appendix has it); `comparison` False
    leaves out the comparison (printed elsewhere)."""
    return [rules_section(a.allocation.case, w, level, prefix),
            allocation_section(a, w, level, prefix),
            comparison_section(a, w, level, prefix) if comparison else "",
            frontier_section(a, w, level, prefix),
            coverage_section(a, w, level, prefix), robustness_section(a, w, level, prefix),
            portfolios_section(a, w, level, prefix)]


def _appendix(scenarios: tuple[Analyses, ...], w: Words) -> str:
    """Every scenario's record, folded: the audit keys are for the files, not the reader."""
    several = len(scenarios) > 1
    records = [record_section(a, w, 3, f"{letter_of(i)}-" if several else "")
               for i, a in enumerate(scenarios)]
    if several:
        records = [heading(3, f"{w['scenario']} {letter_of(i)}") + "\n" + r
                   for i, r in enumerate(records)]
    return ('<section id="appendix">' + heading(2, say(w, "report.brief.appendix"))
            + para(say(w, "report.brief.appendix_note"), "note")
            + fold(w["record"], records) + "</section>")


def _scenario(a: Analyses, w: Words, index: int, same_as: str | None) -> str:
    """One scenario: its summary printed and its sections folded; one line when it funds
    what the first scenario funds."""
    letter = letter_of(index)
    prep = a.allocation.case
    description = prep.scenario.description_in(w.lang)
    if same_as:
        shown = [para(say(w, "report.brief.same_portfolio", first=same_as), "same")]
        folded = [para(description, "sub") if description else "", summary(a, w, 3),
                  *_sections(a, w, 3, f"{letter}-")]
    else:  # the comparison printed, without the value's definition (the top says it)
        shown = [para(description, "sub") if description else "",
                 summary(a, w, 3, define=False),
                 comparison_section(a, w, 3, f"{letter}-", compact=True)]
        folded = _sections(a, w, 3, f"{letter}-", comparison=False)
    if index:  # the first scenario's value-for-money figure is printed at the top
        folded.append(value_for_money(a, w))
    shown.append(fold(say(w, "report.brief.details", letter=letter), folded))
    return ('<section class="scenario" id="scenario-' + attr(letter) + '">\n'
            + heading(2, f"{w['scenario']} {letter}: {prep.scenario.title_in(w.lang)}") + "\n"
            + "\n".join(b for b in shown if b) + "\n</section>")


__all__ = ["Page", "render_html"]
