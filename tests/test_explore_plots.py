"""Frontier and acceptability figures: files written, labels on their face."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from optimizer.analysis.coverage import coverage_frontier
from optimizer.analysis.frontier import frontier
from optimizer.analysis.robustness import robustness
from optimizer.model.instance import Instance, Item, Rules
from optimizer.plots import PROXY_NOTE
from optimizer.plots.acceptability import plot_acceptability
from optimizer.plots.frontier import plot_coverage, plot_frontier
from optimizer.report.figures import write_figure


def _instance(n=6, proxy=True) -> Instance:
    items = tuple(Item(id=f"A{i:02d}", score=0.0, max_units=2 + i % 3,
                       lead_region=f"R{i % 3}", criteria=(i / n, 1 - i / n))
                  for i in range(n))
    inst = Instance(items=items, rules=Rules(budget_units=7), criteria_ids=("c1", "c2"),
                    score_source="proxy" if proxy else "sheet", name="tiny",
                    labels={f"A{i:02d}": f"Kunta {i}" for i in range(n)})
    return inst.with_weights((0.5, 0.5))


@pytest.fixture
def texts(monkeypatch):
    """Every text drawn on saved figures, collected before they are closed."""
    seen: list[str] = []
    real_save = matplotlib.figure.Figure.savefig

    def spy(fig, *args, **kwargs):
        for t in fig.findobj(matplotlib.text.Text):
            if t.get_text():
                seen.append(t.get_text())
        return real_save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", spy)
    return seen


def test_frontier_figure(tmp_path, texts):
    inst = _instance()
    fr = frontier(inst, points=6, actual={"A00": 2, "A01": 3})
    written = write_figure(plot_frontier(fr), tmp_path / "frontier.png")
    assert sorted(p.name for p in written) == ["frontier.png", "frontier.svg"]
    assert all(p.stat().st_size > 1000 for p in written)
    assert "Appropriation (M€)" in texts
    assert any(t.startswith("Portfolio value") for t in texts)
    assert any("Actual decision" in t for t in texts)
    assert any("Greedy" in t for t in texts)
    assert PROXY_NOTE in texts
    assert plt.get_fignums() == []


def test_coverage_figure(tmp_path, texts):
    cf = coverage_frontier(_instance(proxy=False))
    written = write_figure(plot_coverage(cf), tmp_path / "coverage")
    assert {p.suffix for p in written} == {".png", ".svg"}
    assert any(t.startswith("Regions that must be covered") for t in texts)
    assert PROXY_NOTE not in texts


def test_acceptability_figure_grows_with_rows(tmp_path, texts, monkeypatch):
    sizes = []
    real_new = __import__("optimizer.plots.acceptability", fromlist=["new_figure"]).new_figure

    def spy(width=9.0, height=5.5):
        sizes.append(height)
        return real_new(width, height)

    monkeypatch.setattr("optimizer.plots.acceptability.new_figure", spy)
    for n in (6, 61):
        rob = robustness(_instance(n), samples=20, seed=1)
        figure = plot_acceptability(rob, actual_funded={"A00", "A03"})
        write_figure(figure, tmp_path / f"acc{n}.png")
    assert sizes[1] > sizes[0] and sizes[1] >= 61 * 0.18
    assert (tmp_path / "acc61.svg").exists()
    assert "A00  Kunta 0" in texts
    assert any("funded in the actual decision" in t for t in texts)
    assert any(t.startswith("core ≥ 0.9") for t in texts)
    assert any(t.startswith("Acceptability index") for t in texts)
    assert PROXY_NOTE in texts
