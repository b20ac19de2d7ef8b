"""The record beside every set of outputs: `scenario.toml` (the resolved scenario, to rerun)
and `audit.json` (every key with its origin, input files with SHA-256, versions, seed)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from optimizer.analysis.audit import Audit
from optimizer.case import Case
from optimizer.formats.files import json_text, write_atomic
from optimizer.formats.toml import to_toml
from optimizer.scenario import Scenario

SCENARIO_FILE, AUDIT_FILE = "scenario.toml", "audit.json"


def scenario_toml(case: Case, audit: Audit, folder: Path) -> str:
    """The resolved scenario for a file in `folder`: titled as run, paths relative to it,
    each value's origin as a comment, the audit record's essentials on top."""
    header = [f"The resolved scenario of: {audit.title}",
              f"Rerun it with: grantopt run {SCENARIO_FILE}  (from any folder; the result is "
              "the same)",
              f"Made by grantopt {audit.versions.get('grantopt')} with Python "
              f"{audit.versions.get('python')}; the full record is {AUDIT_FILE}.",
              "Inputs (SHA-256):",
              *(f"  {i.sha256}  {i.path}" for i in audit.inputs)]
    return to_toml(_sheet_beside(case, folder), origins=True, folder=folder,
                   header=header)


def _sheet_beside(case: Case, folder: Path) -> Scenario:
    """A scoring sheet named by path is named relative to `folder`, so the file reruns."""
    sc, path = case.scenario, case.score_path
    if path is None or sc.scoring.source in (None, "proxy"):
        return sc
    source = os.path.relpath(Path(path).absolute(), Path(folder).absolute())
    return dataclasses.replace(sc, scoring=dataclasses.replace(sc.scoring, source=source))


def audit_json(audit: Audit) -> str:
    return json_text(audit.to_dict())


def write_record(case: Case, audit: Audit, out_dir: Path) -> list[Path]:
    """scenario.toml and audit.json in `out_dir`."""
    return [write_atomic(out_dir / SCENARIO_FILE, scenario_toml(case, audit, out_dir)),
            write_atomic(out_dir / AUDIT_FILE, audit_json(audit))]
