"""Comparison and region figures: files written, titles and labels on their face, the proxy
note when the scores are proxies, and no overlapping labels at 61 rows."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from optimizer.analysis.compare import ONLY_ACTUAL, ONLY_OPTIMAL, CompareRow, compare
from optimizer.analysis.regions import RegionLine
from optimizer.model.instance import Instance, Item, Rules
from optimizer.plots import PROXY_NOTE
from optimizer.plots.comparison import plot_comparison
from optimizer.plots.regions import plot_regions
from optimizer.report.figures import write_figure


def _instance(proxy: bool) -> Instance:
    items = tuple(Item(id=f"A{i}", score=s, max_units=5, lead_region=f"Region {i % 2}")
                  for i, s in enumerate((0.9, 0.5, 0.4)))
    return Instance(items=items, rules=Rules(budget_units=10), name="tiny",
                    score_source="proxy" if proxy else "sheet",
                    labels={f"A{i}": f"Kunta {i}" for i in range(3)})


@pytest.fixture
def figures(monkeypatch):
    """Every figure's texts, size and tick-label boxes, collected at its SVG save (after
    its one layout)."""
    seen: list[dict] = []
    real_save = matplotlib.figure.Figure.savefig

    def spy(fig, *args, **kwargs):
        if kwargs.get("format") != "svg":  # the PNG comes from the drawing, not savefig
            return real_save(fig, *args, **kwargs)
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        ax = fig.axes[0]
        seen.append({
            "texts": [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()],
            "height": fig.get_size_inches()[1],
            "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "yboxes": [t.get_window_extent(renderer) for t in ax.get_yticklabels()
                       if t.get_text()],
        })
        return real_save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", spy)
    return seen


def test_comparison_figure_from_a_comparison(tmp_path, figures):
    c = compare(_instance(proxy=True), {"A0": 5, "A2": 5})
    written = write_figure(plot_comparison(c), tmp_path / "comparison")
    assert sorted(p.name for p in written) == ["comparison.png", "comparison.svg"]
    assert all(p.stat().st_size > 1000 for p in written)
    fig = figures[0]
    assert fig["title"].startswith("What the optimum adds and drops") and "tiny" in fig["title"]
    assert "(M€)" in fig["xlabel"] and fig["ylabel"]
    # A1 added (+0.0005 M€), A2 dropped; A0 (unchanged) is not drawn.
    assert "A1  Kunta 1" in fig["texts"] and "A2  Kunta 2" in fig["texts"]
    assert "A0  Kunta 0" not in fig["texts"]
    assert "added by the optimum" in fig["texts"] and "dropped by the optimum" in fig["texts"]
    assert PROXY_NOTE in fig["texts"]
    assert plt.get_fignums() == []


def test_comparison_figure_from_plain_rows_without_proxy(tmp_path, figures):
    rows = [CompareRow("X", "Kunta X", ONLY_OPTIMAL, 0.0, 2e5, 2e5, 0.5),
            CompareRow("Y", "Kunta Y", ONLY_ACTUAL, 3e5, 0.0, -3e5, 0.4)]
    write_figure(plot_comparison(rows, title="Plain rows"), tmp_path / "c.png")
    assert figures[0]["title"] == "Plain rows"
    assert PROXY_NOTE not in figures[0]["texts"]
    assert "+0.20" in figures[0]["texts"] and "\u22120.30" in figures[0]["texts"]  # a true minus


def test_comparison_figure_grows_with_rows_and_labels_do_not_overlap(tmp_path, figures):
    rows = [CompareRow(f"2020-{i:02d}", f"Kaupunki numero {i}",
                       ONLY_OPTIMAL if i % 2 else ONLY_ACTUAL, 0.0, 1e5,
                       (1 if i % 2 else -1) * 1e4 * (i + 1), 0.5) for i in range(61)]
    write_figure(plot_comparison(rows[:5], is_proxy=True), tmp_path / "small")
    write_figure(plot_comparison(rows, is_proxy=True), tmp_path / "large")
    small, large = figures
    assert large["height"] > small["height"] and large["height"] >= 61 * 0.2
    boxes = sorted(large["yboxes"], key=lambda b: b.y0)
    assert len(boxes) == 61
    assert all(lo.y1 <= hi.y0 for lo, hi in itertools.pairwise(boxes))


def test_regions_figure(tmp_path, figures):
    c = compare(_instance(proxy=True), {"A0": 5, "A2": 5},
                region_population={"Region 0": 1000, "Region 1": 500})
    figure = plot_regions(c, note="1 award outside the instance")
    written = write_figure(figure, tmp_path / "regions")
    assert {p.suffix for p in written} == {".png", ".svg"}
    fig = figures[0]
    assert fig["title"].startswith("Funds per region") and "€ per resident" in fig["xlabel"]
    assert "Region 0" in fig["texts"] and "Region 1" in fig["texts"]
    assert "optimum" in fig["texts"] and "actual decision" in fig["texts"]
    assert "1 award outside the instance" in fig["texts"]
    assert PROXY_NOTE in fig["texts"]


def test_regions_figure_with_plain_rows_skips_unknown_population(tmp_path, figures):
    rows = [RegionLine("Uusimaa", 1_700_000, 2, 2e6, 1, 1e6, 1e7),
            RegionLine("Nowhere", None, 0, 0.0, 1, 1e5, 1e7)]
    write_figure(plot_regions(rows), tmp_path / "r.svg")
    fig = figures[0]
    assert "Uusimaa" in fig["texts"] and "Nowhere" not in fig["texts"]
    assert PROXY_NOTE not in fig["texts"]
    assert (tmp_path / "r.png").exists() and (tmp_path / "r.svg").exists()


def test_a_figure_is_laid_out_once_for_both_formats(monkeypatch):
    """render lays the figure out once (Agg, at the PNG's dpi) and draws PNG and SVG from
    those positions: a second layout (a savefig per format) would cost a third of the
    drawing and could move the SVG's axes away from the PNG's."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from optimizer.plots import DPI, render

    runs: list[object] = []
    real = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(ConstrainedLayoutEngine, "execute",
                        lambda engine, fig: (runs.append(fig), real(engine, fig))[1])
    rows = [CompareRow("X", "Kunta X", ONLY_OPTIMAL, 0.0, 2e5, 2e5, 0.5),
            CompareRow("Y", "Kunta Y", ONLY_ACTUAL, 3e5, 0.0, -3e5, 0.4)]
    out = render(plot_comparison(rows, title="Plain rows"), ("svg", "png"))
    assert len(runs) == 1
    assert list(out) == ["svg", "png"]  # in the order asked
    assert out["png"].startswith(b"\x89PNG") and b"<svg" in out["svg"]
    fig = plot_comparison(rows, title="Plain rows")
    width, height = (round(v * DPI) for v in fig.get_size_inches())
    assert render(fig, ("svg",))["svg"] and len(runs) == 2  # SVG alone: one layout too
    png = render(plot_comparison(rows, title="Plain rows"), ("png",))["png"]
    assert int.from_bytes(png[16:20], "big") == width  # the PNG's size at DPI
    assert int.from_bytes(png[20:24], "big") == height
    assert len(runs) == 3
    assert plt.get_fignums() == []
