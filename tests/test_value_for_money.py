"""The value-for-money figure: every fundable application's value against its largest award,
the optimum's filled and the actual decision's ringed, drawn from a three-application round
whose every figure can be checked by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.text
import pytest

from optimizer.plots import PROXY_NOTES, render
from optimizer.plots.value_for_money import (
    Point,
    ValueForMoney,
    plot_value_for_money,
    round_levels,
    value_for_money,
)
from optimizer.study import Study
from optimizer.vocabulary.message import say
from tests.factories import tiny_round

REQUESTED = {"T1": 100_000.0, "T2": 80_000.0, "T3": 50_000.0}  # tiny_round's requests


@pytest.fixture
def tiny(tmp_path) -> Study:
    """T1, T2, T3 asking 100 000, 80 000 and 50 000 € of 200 000 €; the actual decision
    funded T1 alone."""
    path = tiny_round(tmp_path, "Portaali", "pieni")
    (tmp_path / "round" / "awards.csv").write_text(
        "application_id,awarded_eur,decision_item,note\nT1,100000.00,1,\n", encoding="utf-8")
    return Study.from_file(path)


def _by_id(data: ValueForMoney) -> dict[str, Point]:
    return {p.id: p for p in data.points}


def test_points_mark_the_optimum_and_the_actual_decision(tiny):
    allocation = tiny.solve()
    data = value_for_money(allocation)
    scores = {r["id"]: r["score"] for r in allocation.rows()}
    points = _by_id(data)
    assert [p.id for p in data.points] == ["T1", "T2", "T3"]  # the round's order
    assert {i: p.cost_eur for i, p in points.items()} == REQUESTED
    # 200 000 € buys T1 + T3 (or T2 + T3...): whichever it is, the filled ones are its funded
    assert set(data.optimal) == set(allocation.funded)
    assert data.actual == ("T1",) and data.has_actual
    # under "score" a fully funded project is worth its score, whatever it costs
    for item_id in allocation.funded:
        assert points[item_id].value == pytest.approx(scores[item_id])
    assert data.is_proxy and data.objective == "score"


def test_a_smaller_appropriation_changes_the_filled_points_not_the_rings(tiny):
    data = value_for_money(tiny.with_changes(budget=60_000).solve())
    assert data.optimal == ("T3",)  # only T3 (50 000 €) fits
    assert data.actual == ("T1",)


def test_score_euros_values_a_project_at_score_times_its_award(tiny):
    plain = _by_id(value_for_money(tiny.solve()))
    euros = value_for_money(tiny.with_changes(**{"objective.kind": "score_euros"}).solve())
    assert euros.objective == "score_euros"
    for p in euros.points:
        assert p.value == pytest.approx(plain[p.id].value * p.cost_eur)


def test_a_cap_counts_the_capped_award_in_proportion_to_the_need(tiny):
    plain = _by_id(value_for_money(tiny.solve()))
    capped = _by_id(value_for_money(
        tiny.with_changes(**{"funding.max_per_project": 60_000}).solve()))
    assert capped["T1"].cost_eur == 60_000 and capped["T3"].cost_eur == 50_000
    assert capped["T1"].value == pytest.approx(plain["T1"].value * 0.6)  # 60 000 of 100 000
    assert capped["T3"].value == pytest.approx(plain["T3"].value)


def test_a_locked_out_application_is_no_point(tiny):
    data = value_for_money(tiny.with_changes(**{"locks.reject": ["T2"]}).solve())
    assert [p.id for p in data.points] == ["T1", "T3"]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_figure_speaks_the_page_language(tiny, lang):
    data = value_for_money(tiny.solve())
    fig = plot_value_for_money(data, lang, name="Nimi")
    texts = _texts(fig)
    title = fig.axes[0].get_title()
    assert title.startswith(say(lang, "plots.vfm.title") + ": Nimi")
    assert say(lang, "plots.vfm.how") in title
    assert say(lang, "plots.vfm.cost_axis") in texts
    assert say(lang, "plots.vfm.value_score") in texts
    assert say(lang, "plots.vfm.optimal", n=len(data.optimal)) in texts
    assert say(lang, "plots.vfm.actual", n=1) in texts
    assert say(lang, "plots.vfm.not_funded", n=3 - len(data.optimal)) in texts
    assert PROXY_NOTES[lang] in texts  # the scores are proxies: the figure says so
    other = PROXY_NOTES["fi" if lang == "en" else "en"]
    assert other not in texts
    render(fig, ("svg",))


def test_the_finnish_figure_writes_decimal_commas(tiny):
    fig = plot_value_for_money(value_for_money(tiny.solve()), "fi")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)
    render(fig, ("svg",))


def test_no_ring_and_no_proxy_note_without_them():
    data = ValueForMoney(name="", objective="score_euros", is_proxy=False, has_actual=False,
                         points=(Point("a", "A", 100_000, 50_000, True, False),
                                 Point("b", "B", 300_000, 30_000, False, False)))
    fig = plot_value_for_money(data, "en")
    texts = _texts(fig)
    assert say("en", "plots.vfm.value_euros") in texts
    assert not any(t.startswith(say("en", "plots.vfm.actual", n=0)[:20]) for t in texts)
    assert PROXY_NOTES["en"] not in texts
    # under score × euros the iso-lines are score levels
    assert say("en", "plots.vfm.per_euro", ratio=0.5) in texts
    render(fig, ("svg",))


def test_same_data_same_svg_bytes(tiny):
    data = value_for_money(tiny.solve())
    first = render(plot_value_for_money(data, "fi"), ("svg",))["svg"]
    again = render(plot_value_for_money(data, "fi"), ("svg",))["svg"]
    assert first == again
    assert b"<dc:date>" not in first


def test_round_levels_are_round_spread_and_not_walls():
    assert round_levels([0.6, 25.0], 100.0) == [1.0, 5.0, 20.0]  # 1 2 5 10 20: every other
    assert round_levels([0.6, 25.0], 6.0) == [1.0, 2.0, 5.0]  # 10 and 20 would be walls
    assert round_levels([3.0, 4.0], 10.0) == []  # no round value between
    assert round_levels([], 10.0) == []
