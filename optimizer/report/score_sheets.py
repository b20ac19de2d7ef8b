"""Files of the evaluators' work: the combined scores and where the evaluators disagree."""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import ScenarioError
from optimizer.report.files import csv_text, write_atomic
from optimizer.scoring.combine import Combined


def _number(x: float) -> str:
    return format(x, ".10g")


def write_combined(combined: Combined, path: Path | str) -> list[Path]:
    """Long CSV application_id,criterion,score; and PATH-stem.disagreements.csv when any.

    Returns the files written. A stale disagreements file from an earlier run is removed.
    """
    target = Path(path)
    if any(target.resolve() == p.resolve() for p in combined.sheets):
        raise ScenarioError(f"{target} is one of the sheets being combined; write the "
                            "combined scores to another file")
    scores = [[r.application_id, r.criterion, _number(r.score)] for r in combined.rows]
    written = [write_atomic(target, csv_text(["application_id", "criterion", "score"], scores))]
    beside = disagreements_path(target)
    if combined.disagreements:
        rows = [[d.application_id, d.criterion, _number(d.min), _number(d.max),
                 _number(d.spread), "; ".join(f"{name}={_number(s)}" for name, s in d.scores)]
                for d in combined.disagreements]
        headers = ["application_id", "criterion", "min", "max", "spread", "scores"]
        written.append(write_atomic(beside, csv_text(headers, rows)))
    elif beside.exists():
        beside.unlink()
    return written


def disagreements_path(path: Path | str) -> Path:
    target = Path(path)
    return target.with_name(f"{target.stem}.disagreements.csv")
