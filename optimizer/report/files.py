"""Output files: written atomically (a temporary file beside the target, then a rename),
never into the folders that hold a user's inputs."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.errors import GrantoptError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from optimizer.model.prepare import Prepared


def write_atomic(path: Path | str, data: str | bytes | Callable[[Path], None]) -> Path:
    """Write `data` (text, bytes, or a function that writes a given path) to `path`.

    A reader never sees a half-written file, and a failed write leaves the old file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix,
                                    dir=target.parent)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header row and LF line ends (the format of every CSV the tool writes)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def check_out_dir(out_dir: Path, prepared: Prepared) -> None:
    """Outputs never go into the folders a user's inputs live in."""
    inputs = {Path(prepared.round.path).resolve()}
    if prepared.scenario.source:
        inputs.add(Path(prepared.scenario.source).resolve().parent)
    if Path(out_dir).resolve() in inputs:
        raise GrantoptError(f"--out {out_dir}: that folder holds your input files; choose "
                            "another folder (e.g. out/) so nothing you wrote is overwritten")


def write_figure(fig: Figure, path: Path | str) -> list[Path]:
    """The figure as PNG and SVG (same stem as `path`), each written atomically."""
    from optimizer.plots import render

    stem = Path(path).with_suffix("")
    return [write_atomic(stem.with_suffix(f".{fmt}"), data)
            for fmt, data in render(fig).items()]
