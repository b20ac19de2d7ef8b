"""Files of the analyses (CSV, JSON, figures), each written atomically, never into the
folders that hold a user's inputs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from optimizer.analysis.audit import Audit
from optimizer.analysis.calibrate import Calibration
from optimizer.analysis.compare import Comparison
from optimizer.analysis.coverage import CoverageFrontier
from optimizer.analysis.explain import Explanation
from optimizer.analysis.frontier import Frontier
from optimizer.analysis.nondominated import RobustPortfolios
from optimizer.analysis.regions import NO_REGION
from optimizer.analysis.robustness import Robustness
from optimizer.case import Case
from optimizer.formats.files import csv_text, json_text, write_atomic
from optimizer.report.figures import write_figure
from optimizer.report.record import write_record
from optimizer.vocabulary.message import say

COMPARE_COLUMNS = ("id", "lead", "status", "score", "actual_eur", "optimal_eur",
                   "change_eur", "scores")
ACCEPTABILITY_COLUMNS = ("id", "label", "acceptability", "category", "funded_draws",
                         "samples", "score", "score_source")


def comparison_csv(c: Comparison) -> str:
    source = "proxy" if c.is_proxy else "sheet"
    return csv_text(COMPARE_COLUMNS, [
        [r.id, r.label, r.status, _cell(r.score), _cell(r.actual_eur), _cell(r.optimal_eur),
         _cell(r.change_eur), source] for r in c.entries])


def frontier_csv(fr: Frontier) -> str:
    return _table_csv(fr.columns, fr.rows())


def coverage_csv(cf: CoverageFrontier) -> str:
    return _table_csv(cf.columns, cf.rows())


def acceptability_csv(rob: Robustness) -> str:
    source = "proxy" if rob.is_proxy else "sheet"
    return csv_text(ACCEPTABILITY_COLUMNS, [
        (a.id, a.label, _cell(a.index), a.category, a.funded_draws, rob.samples,
         _cell(a.score), source) for a in rob.items])


def _table_csv(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    return csv_text(columns, [[_cell(r[c]) for c in columns] for r in rows])


def _cell(value: Any) -> Any:
    """Numbers at full precision (whole numbers without a decimal point); booleans as
    yes/no; None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def regions_note(c: Comparison, lang: str = "en") -> str | None:
    """What the region figure cannot show."""
    parts = []
    if c.outside:
        parts.append(say(lang, "plots.note.outside", n=len(c.outside),
                         eur=c.actual_outside_eur))
    missing = [r.region for r in c.regions if r.population is None]
    if missing and NO_REGION in missing:
        missing.remove(NO_REGION)
        parts.append(map_note(lang))
    if missing:
        parts.append(say(lang, "plots.note.no_population", regions=missing))
    return "; ".join(parts) or None


def map_note(lang: str = "en") -> str:
    """Said under a map or region figure when some award has no region to go to."""
    return say(lang, "plots.note.no_region")


def write_compare_outputs(c: Comparison, case: Case, out_dir: Path,
                          audit: Audit, record: bool = True,
                          figures: bool = True) -> list[Path]:
    """compare.json, compare.csv and the two figures (PNG + SVG), and the record."""
    from optimizer.plots.comparison import plot_comparison
    from optimizer.plots.regions import plot_regions

    doc = {**c.to_dict(), **case.score_fields(), "audit": audit.to_dict()}
    written = [write_atomic(out_dir / "compare.json", _json(doc)),
               write_atomic(out_dir / "compare.csv", comparison_csv(c))]
    if figures:
        written += [*write_figure(plot_comparison(c), out_dir / "comparison"),
                    *write_figure(plot_regions(c, note=regions_note(c)), out_dir / "regions")]
    return written + (write_record(case, audit, out_dir) if record else [])


def write_frontier_outputs(fr: Frontier, cf: CoverageFrontier, case: Case,
                           out_dir: Path, audit: Audit, record: bool = True,
                           figures: bool = True) -> list[Path]:
    """frontier.csv and coverage.csv with their figures (PNG + SVG), and the record."""
    from optimizer.plots.frontier import plot_coverage, plot_frontier

    written = [write_atomic(out_dir / "frontier.csv", frontier_csv(fr)),
               write_atomic(out_dir / "coverage.csv", coverage_csv(cf))]
    if figures:
        written += [*write_figure(plot_frontier(fr), out_dir / "frontier.png"),
                    *write_figure(plot_coverage(cf), out_dir / "coverage.png")]
    return written + (write_record(case, audit, out_dir) if record else [])


def write_robustness_outputs(rob: Robustness, case: Case, out_dir: Path,
                             audit: Audit, record: bool = True,
                             figures: bool = True) -> list[Path]:
    """acceptability.csv and its figure (PNG + SVG), bars coloured by the actual decision;
    and the record."""
    from optimizer.plots.acceptability import plot_acceptability

    funded = case.actually_funded if case.round.awards else None
    written = [write_atomic(out_dir / "acceptability.csv", acceptability_csv(rob))]
    if figures:
        written += write_figure(plot_acceptability(rob, funded), out_dir / "acceptability.png")
    return written + (write_record(case, audit, out_dir) if record else [])


def write_nondominated_outputs(rp: RobustPortfolios, case: Case, out_dir: Path,
                               audit: Audit, record: bool = True) -> list[Path]:
    """nondominated.json (everything), core-index.csv (one row per application) and
    portfolios.csv (one row per non-dominated portfolio), and the record."""
    import dataclasses

    doc = {**dataclasses.asdict(rp), **case.score_fields(), "audit": audit.to_dict()}
    return [write_atomic(out_dir / "nondominated.json", _json(doc)),
            write_atomic(out_dir / "core-index.csv", _table_csv(rp.columns, rp.rows())),
            write_atomic(out_dir / "portfolios.csv", _table_csv(
                PORTFOLIO_COLUMNS, portfolio_rows(rp))),
            *(write_record(case, audit, out_dir) if record else [])]


PORTFOLIO_COLUMNS = ("portfolio", "projects", "cost_eur", "ids", "complete")


def portfolio_rows(rp: RobustPortfolios) -> list[dict[str, Any]]:
    """One row per non-dominated portfolio, in the analysis's order."""
    return [{"portfolio": k, "projects": len(p),
             "cost_eur": round(sum(rp.costs_eur[i] for i in p), 2), "ids": " ".join(p),
             "complete": rp.complete} for k, p in enumerate(rp.portfolios, 1)]


def write_explain_outputs(e: Explanation, case: Case, out_dir: Path,
                          audit: Audit, record: bool = True) -> list[Path]:
    """explain.json and explain.csv (one row per application), and the record."""
    doc = {**e.to_dict(), **case.score_fields(), "audit": audit.to_dict()}
    return [write_atomic(out_dir / "explain.json", _json(doc)),
            write_atomic(out_dir / "explain.csv", _table_csv(e.columns, e.rows())),
            *(write_record(case, audit, out_dir) if record else [])]


def write_calibration_outputs(k: Calibration, case: Case, out_dir: Path,
                              audit: Audit, record: bool = True) -> list[Path]:
    """calibration.json and calibration.csv (one row per weighting tried), and the record."""
    doc = {**k.to_dict(), **case.score_fields(), "audit": audit.to_dict()}
    return [write_atomic(out_dir / "calibration.json", _json(doc)),
            write_atomic(out_dir / "calibration.csv", _table_csv(k.columns, k.rows())),
            *(write_record(case, audit, out_dir) if record else [])]


def _json(doc: dict[str, Any]) -> str:
    return json_text(doc)
