"""Files of the evaluators' work: the combined scores and where the evaluators disagree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from optimizer.formats.files import csv_text, write_atomic
from optimizer.formats.folder import refuse_existing, refuse_input_file
from optimizer.scoring.combine import Combined


def _number(x: float) -> str:
    return format(x, ".10g")


def write_combined(combined: Combined, path: Path | str, force: bool = False,
                   inputs: Iterable[Path] = ()) -> list[Path]:
    """Long CSV application_id,criterion,score; and PATH-stem.disagreements.csv when any.

    Never over a sheet being combined or another input (`inputs`: the round folder and its
    files), nor into the round folder, even with `force`; over an existing file only with
    `force`. Returns the files written; a disagreements file of an earlier run is removed.
    """
    target = Path(path)
    beside = disagreements_path(target)
    for file in (target, beside):
        refuse_input_file(file, [*combined.sheets, *inputs])
        refuse_existing(file, force)
    scores = [[r.application_id, r.criterion, _number(r.score)] for r in combined.rows]
    written = [write_atomic(target, csv_text(["application_id", "criterion", "score"], scores))]
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
