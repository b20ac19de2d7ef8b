"""reports/2020/ is what the README's main-job command writes, byte for byte apart from
the date (set through SOURCE_DATE_EPOCH to the committed report's) and the software
versions the record names (a newer library on another machine is not a different
answer); the figures are compared too when the matplotlib that drew them is the same."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from openpyxl import load_workbook

from optimizer.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "reports" / "2020"
FIGURE = re.compile(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+")
VERSIONS = re.compile(r"<p class=\"note\">(?:Versions|Versiot): [^<]*</p>")
ROUND_LINE = re.compile(r'^round = "([^"]+)"', flags=re.M)


def main_job() -> list[str]:
    """The README's first quick-start command, after its `pip install . &&`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    install, _, command = blocks[0].partition(" && ")
    assert install == "pip install ." and command.startswith("grantopt report ")
    return shlex.split(command)[1:]


def _versions(folder: Path) -> dict[str, str]:
    audit = next(folder.glob("*/audit.json"))
    return json.loads(audit.read_text(encoding="utf-8"))["versions"]


def _drop_versions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_versions(v) for k, v in value.items() if k != "versions"}
    if isinstance(value, list):
        return [_drop_versions(v) for v in value]
    return value


def _sheets(path: Path, versions: dict[str, str]) -> list[list[tuple]]:
    book = load_workbook(path)
    return [[row for row in ws.iter_rows(values_only=True) if row[0] not in versions]
            for ws in book.worksheets]


def _round_resolved(path: Path) -> str:
    """scenario.toml names the round relative to where it lies (so that it reruns from
    there): the same round from two folders is two texts, one folder."""
    def resolved(m: re.Match[str]) -> str:
        return f'round = "{(path.parent / m.group(1)).resolve()}"'

    return ROUND_LINE.sub(resolved, path.read_text(encoding="utf-8"))


def normalised(folder: Path, same_figures: bool) -> dict[str, Any]:
    """Every file of a report folder, with versions (and, unless the same matplotlib drew
    both, the figures' bytes) left out."""
    versions = _versions(folder)
    out: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if path.suffix == ".json":
            out[name] = _drop_versions(json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix == ".html":
            text = VERSIONS.sub("", path.read_text(encoding="utf-8"))
            out[name] = text if same_figures else FIGURE.sub("FIGURE", text)
        elif path.suffix == ".xlsx":
            out[name] = _sheets(path, versions)
        elif path.suffix in (".png", ".svg") and not same_figures:
            out[name] = "a figure"
        elif path.name == "scenario.toml":
            out[name] = _round_resolved(path)
        else:
            out[name] = path.read_bytes()
    return out


def test_committed_2020_report_is_what_the_main_job_writes(tmp_path, monkeypatch):
    args = main_job()
    out_at = args.index("--out") + 1
    assert args[out_at] == "reports/2020" and "fi,en" in args
    committed_page = (COMMITTED / "report.fi.html").read_text(encoding="utf-8")
    day = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)">', committed_page)
    assert day, "the committed report carries its date"
    midnight = dt.datetime.fromisoformat(day.group(1)).replace(tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    monkeypatch.chdir(ROOT)  # the record names the inputs as seen from the repository
    args[out_at] = str(tmp_path / "2020")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "2020"
    same = _versions(fresh)["matplotlib"] == _versions(COMMITTED)["matplotlib"]
    expected, got = normalised(COMMITTED, same), normalised(fresh, same)
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], f"reports/2020/{name} differs: regenerate it " \
            f"with the README's main-job command"
