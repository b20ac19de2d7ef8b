"""Files of the analyses (CSV, JSON, figures), each written atomically, never into the
folders that hold a user's inputs."""

from __future__ import annotations

import json
from pathlib import Path

from optimizer.analysis.compare import Comparison
from optimizer.analysis.frontier import (
    CoverageFrontier,
    Frontier,
    write_coverage_csv,
    write_frontier_csv,
)
from optimizer.analysis.robustness import Robustness, write_acceptability_csv
from optimizer.analysis.scenario import actually_funded
from optimizer.errors import GrantoptError
from optimizer.model.prepare import Prepared
from optimizer.report.files import csv_text, write_atomic

COMPARE_COLUMNS = ("id", "lead", "status", "score", "actual_eur", "optimal_eur",
                   "change_eur", "scores")


def guard_output_dir(out_dir: Path, prepared: Prepared) -> None:
    """Outputs never go into the folders a user's inputs live in."""
    inputs = {Path(prepared.round.path).resolve()}
    if prepared.scenario.source:
        inputs.add(Path(prepared.scenario.source).resolve().parent)
    if Path(out_dir).resolve() in inputs:
        raise GrantoptError(f"--out {out_dir}: that folder holds your input files; choose "
                            "another folder (e.g. out/) so nothing you wrote is overwritten")


def comparison_csv(c: Comparison) -> str:
    source = "proxy" if c.is_proxy else "sheet"
    return csv_text(COMPARE_COLUMNS, [
        [r.id, r.label, r.status, f"{r.score:.6f}", f"{r.actual_eur:.2f}",
         f"{r.optimal_eur:.2f}", f"{r.change_eur:.2f}", source] for r in c.rows])


def regions_note(c: Comparison) -> str | None:
    """What the region figure cannot show."""
    parts = []
    if c.outside:
        parts.append(f"{len(c.outside)} actual award(s) outside the instance "
                     f"({c.actual_outside_eur:,.0f} €) are not shown".replace(",", " "))
    missing = [r.region for r in c.regions if r.population is None]
    if missing:
        parts.append(f"no population known for {', '.join(missing)}")
    return "; ".join(parts) or None


def write_compare_outputs(c: Comparison, prepared: Prepared, out_dir: Path) -> list[Path]:
    """compare.json, compare.csv and the two figures (PNG + SVG)."""
    from optimizer.plots.comparison import plot_comparison
    from optimizer.plots.regions import plot_regions

    guard_output_dir(out_dir, prepared)
    doc = {**c.to_dict(), **prepared.score_fields()}
    return [
        write_atomic(out_dir / "compare.json",
                     json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"),
        write_atomic(out_dir / "compare.csv", comparison_csv(c)),
        *plot_comparison(c, out_dir / "comparison"),
        *plot_regions(c, out_dir / "regions", note=regions_note(c)),
    ]


def write_frontier_outputs(fr: Frontier, cf: CoverageFrontier, prepared: Prepared,
                           out_dir: Path) -> list[Path]:
    """frontier.csv and coverage.csv with their figures (PNG + SVG)."""
    from optimizer.plots.frontier import plot_coverage, plot_frontier

    guard_output_dir(out_dir, prepared)
    return [write_frontier_csv(fr, out_dir / "frontier.csv"),
            *plot_frontier(fr, out_dir / "frontier.png"),
            write_coverage_csv(cf, out_dir / "coverage.csv"),
            *plot_coverage(cf, out_dir / "coverage.png")]


def write_robustness_outputs(rob: Robustness, prepared: Prepared, out_dir: Path) -> list[Path]:
    """acceptability.csv and its figure (PNG + SVG), bars coloured by the actual decision."""
    from optimizer.plots.acceptability import plot_acceptability

    guard_output_dir(out_dir, prepared)
    funded = actually_funded(prepared) if prepared.round.awards else None
    return [write_acceptability_csv(rob, out_dir / "acceptability.csv"),
            *plot_acceptability(rob, out_dir / "acceptability.png", funded)]
