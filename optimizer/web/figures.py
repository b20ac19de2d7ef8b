"""The page's charts: the project's own figures (optimizer.plots) as SVG.

matplotlib's pyplot keeps global state, so figures are drawn one at a time (a lock); the
solves behind them run in parallel. A setting with no portfolio gets a small SVG that says
so instead of a figure.
"""

from __future__ import annotations

import threading
from html import escape

from optimizer.errors import GrantoptError
from optimizer.study import Study
from optimizer.vocabulary.words import Words

_DRAWING = threading.Lock()
FRONTIER_POINTS = 25


def frontier_svg(study: Study, lang: str) -> bytes:
    """What each appropriation buys, with the scenario's appropriation and the actual
    decision marked (plots.frontier)."""
    from optimizer.plots import render
    from optimizer.plots.frontier import plot_frontier

    try:
        fr = study.frontier(points=FRONTIER_POINTS)
    except GrantoptError as exc:
        return message_svg(str(exc).splitlines()[0])
    with _DRAWING:
        return render(plot_frontier(fr, lang), ("svg",))["svg"]


def map_svg(study: Study, lang: str) -> bytes:
    """The regions as tiles coloured by € per resident, optimum beside the actual decision
    (plots.region_map, as the report draws it)."""
    from optimizer.analysis.regions import NO_REGION
    from optimizer.plots import render
    from optimizer.plots.region_map import plot_region_tiles
    from optimizer.report.outputs import map_note

    try:
        allocation = study.solve()
    except GrantoptError:
        return message_svg(Words(lang)["infeasible"])
    prep = allocation.case
    table = allocation.regions()
    applicants = {r for splits in prep.region_splits().values() for r in splits}
    regions = prep.register.regions() if prep.register is not None else tuple(applicants)
    unplaced = any(line.region == NO_REGION and (line.optimal_eur or line.actual_eur)
                   for line in table)
    with _DRAWING:
        figure = plot_region_tiles(table, regions, applicants, lang=lang,
                                   is_proxy=prep.is_proxy,
                                   note=map_note(lang) if unplaced else None)
        return render(figure, ("svg",))["svg"]


def message_svg(text: str) -> bytes:
    """A one-line SVG in place of a figure that cannot be drawn."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="60" '
            'viewBox="0 0 640 60"><text x="10" y="35" font-family="sans-serif" '
            f'font-size="15" fill="#8a1c1c">{escape(text)}</text></svg>').encode()


def value_for_money_svg(study: Study, lang: str) -> bytes:
    """Each fundable application's value against its largest award, the optimum's filled
    and the actual decision's ringed (plots.value_for_money, as the report draws it)."""
    from optimizer.plots import render
    from optimizer.plots.value_for_money import plot_value_for_money, value_for_money

    try:
        data = value_for_money(study.solve())
    except GrantoptError:
        return message_svg(Words(lang)["infeasible"])
    with _DRAWING:
        figure = plot_value_for_money(data, lang, study.scenario.title_in(lang))
        return render(figure, ("svg",))["svg"]
