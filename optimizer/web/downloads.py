"""The files a session takes away, built in a temporary folder and returned as bytes: the
round's and the scenarios' folders are never written to (the writers refuse them anyway).

The scenario is written by the project's scenario writer (formats.toml.to_toml, as `run --out`
writes scenario.toml) with the audit record's essentials on top; its round (and a scoring
sheet) is named by absolute path, since the file leaves the folder it was made for.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from optimizer.formats.files import csv_dialect
from optimizer.formats.toml import to_toml
from optimizer.report.record import AUDIT_FILE, audit_json
from optimizer.scenario import Scenario
from optimizer.study import Study

SCENARIO_NAME = "scenario.toml"


@contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder, removed afterwards whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix="grantopt-web-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def scenario_file(study: Study) -> str:
    """The resolved scenario, titled with the page's changes, each value's origin as a
    comment and the audit record's essentials on top; `grantopt run` on it gives the
    page's portfolio."""
    audit = study.audit()
    header = [f"The resolved scenario of: {audit.title}",
              f"Rerun it with: grantopt run {SCENARIO_NAME}  (the round is named by its "
              "absolute path)",
              f"Made by grantopt {audit.versions.get('grantopt')} in the what-if app, with "
              f"Python {audit.versions.get('python')}; the full record is {AUDIT_FILE}.",
              "Inputs (SHA-256):",
              *(f"  {i.sha256}  {i.path}" for i in audit.inputs)]
    return to_toml(_standalone(study), origins=True, header=header)


def _standalone(study: Study) -> Scenario:
    """The scenario with its title as its name and its paths absolute."""
    sc, prep = study.scenario, study.case
    about = dataclasses.replace(sc.scenario, name=sc.title, name_fi=sc.title_in("fi"),
                                round=str(Path(sc.round_path).resolve()))
    scoring = sc.scoring
    if prep.score_path is not None and scoring.source not in (None, "proxy"):
        scoring = dataclasses.replace(scoring, source=str(Path(prep.score_path).resolve()))
    return dataclasses.replace(sc, scenario=about, scoring=scoring)


def audit_file(study: Study) -> str:
    """audit.json: every key with its value and origin, the inputs' SHA-256, versions."""
    return audit_json(study.audit())


def allocation_xlsx(study: Study, lang: str) -> bytes:
    """allocation.xlsx as `run --out` writes it, headers in `lang`."""
    from optimizer.report.allocation import write_xlsx

    with scratch() as folder:
        path = folder / "allocation.xlsx"
        write_xlsx(study.solve(), path, study.audit(), lang=lang)
        return path.read_bytes()


def allocation_csv(study: Study, dialect: str = "plain") -> str:
    """allocation.csv as `run --out` writes it, in a CSV dialect (formats.files)."""
    from optimizer.report.allocation import to_csv

    with csv_dialect(dialect):
        return to_csv(study.solve())


def report_html(study: Study, lang: str) -> bytes:
    """The report page (one file, every figure inside), without the robustness draws."""
    with scratch() as folder:
        files = study.report(folder / "report", robustness=False, langs=[lang])
        return files.html.read_bytes()
