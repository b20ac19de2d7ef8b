"""A folder of outputs is one result: killed or concurrent runs never leave it mixed, stale
staging folders are cleaned up, and what a user has is never overwritten."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from optimizer.errors import OutputError
from optimizer.formats.folder import MANIFEST, output_folder

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "2020-baseline.toml"
REPORT = [sys.executable, "-m", "optimizer", "report", str(BASELINE), "--no-robustness"]


def complete(folder: Path) -> bool:
    """Every file the manifest names is there, and nothing else."""
    listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    present = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    return sorted([*listed, MANIFEST]) == present and "report.html" in listed


def strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def test_a_killed_report_leaves_the_old_result_or_the_new_one(tmp_path):
    out = tmp_path / "report"
    subprocess.run([*REPORT, "--out", str(out)], check=True, capture_output=True, cwd=ROOT)
    assert complete(out)
    rng = random.Random(2020)  # seeded: the same moments on every run
    for delay in [rng.uniform(0.3, 3.2) for _ in range(3)] + [2.9]:
        proc = subprocess.Popen([*REPORT, "--out", str(out), "--force"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert complete(out), f"a mixed folder after a kill at {delay:.2f} s"
    done = subprocess.run([*REPORT, "--out", str(out), "--force"], capture_output=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert complete(out) and strays(out) == []  # the next run removes what kills left


def test_a_terminated_run_removes_its_staging_folder(tmp_path):
    out = tmp_path / "report"
    proc = subprocess.Popen([*REPORT, "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    assert strays(out) == []
    assert not out.exists() or complete(out)


def test_two_runs_at_once_never_mix(tmp_path):
    out = tmp_path / "report"
    procs = [subprocess.Popen([*REPORT, "--out", str(out), "--force"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    assert any(code == 0 for code, _ in results)
    for code, err in results:
        assert code == 0 or (code == 4 and "another grantopt run is writing" in err), err
    assert complete(out) and strays(out) == []


def test_a_held_lock_is_refused_at_once(tmp_path):
    out = tmp_path / "out"
    with output_folder(out, []) as stage:
        (stage / "a.txt").write_text("1", encoding="utf-8")
        with pytest.raises(OutputError, match="another grantopt run is writing"), \
                output_folder(out, []):
            pass
    assert (out / "a.txt").read_text(encoding="utf-8") == "1"


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputError, match="files grantopt did not write"), \
            output_folder(out, [], force=True):
        pass
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert strays(out) == []


def test_an_earlier_result_is_replaced_only_with_force(tmp_path):
    out = tmp_path / "out"
    with output_folder(out, []) as stage:
        (stage / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(OutputError, match="earlier result; add --force"), \
            output_folder(out, []):
        pass
    with output_folder(out, [], force=True) as stage:
        (stage / "new.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "new.txt"]


def test_a_failure_while_writing_keeps_the_old_result(tmp_path):
    out = tmp_path / "out"
    with output_folder(out, []) as stage:
        (stage / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), output_folder(out, [], force=True) as stage:
        (stage / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full, say")
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "old.txt"]
    assert strays(out) == []


def test_inputs_are_refused_even_with_force_symlinks_resolved(tmp_path):
    inputs = tmp_path / "round"
    inputs.mkdir()
    (inputs / "applications.csv").write_text("id\n", encoding="utf-8")
    link = tmp_path / "link"
    os.symlink(inputs, link)
    for target in (inputs, link, tmp_path):  # the folder, a link to it, a folder above it
        with pytest.raises(OutputError, match="holds your input files"), \
                output_folder(target, [inputs / "applications.csv"], force=True):
            pass
    assert (inputs / "applications.csv").read_text(encoding="utf-8") == "id\n"


def test_write_failures_are_one_line_and_exit_non_zero(tmp_path):
    from click.testing import CliRunner

    from optimizer.cli import main

    runner = CliRunner()
    a_file = tmp_path / "a_file"
    a_file.write_text("x", encoding="utf-8")
    read_only = tmp_path / "read_only"
    read_only.mkdir()
    read_only.chmod(0o555)
    cases = {
        "an existing file": (a_file, "is a file, not a folder"),
        "below a file": (a_file / "out", "cannot use"),
        "a device": (Path("/dev/null"), "is a file, not a folder"),
    }
    if os.geteuid() != 0:  # root writes into a read-only folder anyway
        cases["a read-only folder"] = (read_only / "out", "Permission denied")
    for what, (target, message) in cases.items():
        result = runner.invoke(main, ["run", str(BASELINE), "--out", str(target)])
        assert result.exit_code == 4, (what, result.output)
        assert message in result.stderr and "Traceback" not in result.output, what
        assert len(result.stderr.strip().splitlines()) == 1, what
    assert a_file.read_text(encoding="utf-8") == "x"


def test_a_full_disk_is_one_line_and_keeps_the_earlier_result(tmp_path, monkeypatch):
    import errno

    from click.testing import CliRunner

    import optimizer.formats.files as files
    from optimizer.cli import main

    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(BASELINE), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(files.os, "replace", full)
    result = runner.invoke(main, ["run", str(BASELINE), "--budget", "8e6", "--out", str(out),
                                  "--force"])
    assert result.exit_code == 4 and "No space left on device" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert strays(out) == []


def test_the_same_inputs_give_the_same_bytes_in_every_file(tmp_path):
    from click.testing import CliRunner

    from optimizer.cli import main

    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        result = CliRunner().invoke(main, ["report", str(BASELINE), "--out", str(folder),
                                           "--samples", "10", "--seed", "1"])
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folders[0].iterdir())
    assert {"report.html", "allocation.xlsx", "frontier.svg", "audit.json"} <= set(names)
    for name in names:  # SVG (no date, fixed ids), XLSX (no timestamps), JSON, HTML alike
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name


def test_a_mount_point_is_one_line_saying_to_write_into_a_folder_inside(tmp_path, monkeypatch):
    import errno

    from click.testing import CliRunner

    import optimizer.formats.folder as folder
    from optimizer.cli import main

    out = tmp_path / "mnt"
    out.mkdir()

    def busy(a, b):  # renaming onto a mount point: EBUSY
        raise OSError(errno.EBUSY, "Device or resource busy", str(b))

    monkeypatch.setattr(folder, "_swap", busy)
    result = CliRunner().invoke(main, ["run", str(BASELINE), "--out", str(out)])
    assert result.exit_code == 4 and "Traceback" not in result.output
    assert "is a mount point" in result.stderr and f"--out {out}/results" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(out.iterdir()) == [] and strays(out) == []
    # Seen before the run when the folder is known to be one.
    monkeypatch.setattr(folder.os.path, "ismount", lambda path: Path(path) == out)
    result = CliRunner().invoke(main, ["run", str(BASELINE), "--out", str(out), "--lang", "fi"])
    assert result.exit_code == 4 and "on liitospiste" in result.stderr
