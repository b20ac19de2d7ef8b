"""A folder of outputs is one result: written whole, swapped in at the end, never mixed.

`output_folder(target, inputs, force)` hands out a fresh staging folder beside `target`;
the caller writes every file there; at the end the staging folder takes the target's place
in one step (Linux: renameat2 RENAME_EXCHANGE; elsewhere two renames), so `target` holds
either the old complete result or the new complete one, never a mix. Around it:

* a lock beside the target: a second run writing the same folder is refused at once;
* staging and old folders that a killed run left beside the target are removed first;
* a folder that holds files grantopt did not write is refused, even with --force; an earlier
  result of grantopt (recognised by its manifest) is replaced only with --force;
* the folders and files a user's inputs live in are refused, even with --force (symlinks
  resolved): the target may be none of them and may not contain any of them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from optimizer.errors import OutputError
from optimizer.vocabulary.message import Message

_m = Message.of

MANIFEST = ".grantopt-result"  # inside a result folder: the names of its files
STAGE, OLD, LOCK = "grantopt-stage", "grantopt-old", "grantopt-lock"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextlib.contextmanager
def output_folder(target: Path, inputs: Iterable[Path], force: bool = False) -> Iterator[Path]:
    """Yield a staging folder to write a whole result into; on success it becomes `target`."""
    target = Path(target)
    inputs = list(inputs)
    check_target(target, inputs, force)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent / f".{target.name}.{LOCK}", target):
        _remove_stale(parent, target.name)
        _check_existing(target, force)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.{STAGE}-", dir=parent))
        try:
            yield stage
            names = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
            (stage / MANIFEST).write_text(json.dumps({"files": names}, indent=1) + "\n",
                                          encoding="utf-8")
            os.chmod(stage, 0o777 & ~_umask())  # mkdtemp makes it private
            _swap_or_say(stage, target)
        finally:
            shutil.rmtree(stage, ignore_errors=True)  # after a swap: the old result


def check_target(target: Path, inputs: Iterable[Path], force: bool = False) -> None:
    """The checks of `output_folder`, up front, so a long run is not wasted on a folder it
    may not write (they run again, under the lock, when the result is written)."""
    refuse_inputs(target, inputs)
    if target.exists() and not target.is_dir():
        raise OutputError(_m("output.target.file", target=str(target)))
    if target.is_dir() and os.path.ismount(target):
        raise OutputError(_m("output.target.mount_point", target=str(target)))
    _check_existing(target, force)


def relocate(paths: Iterable[Path], stage: Path, target: Path) -> list[Path]:
    """Paths written into the staging folder, as they are named once it became `target`."""
    return [target / Path(p).relative_to(stage) for p in paths]


def refuse_inputs(target: Path, inputs: Iterable[Path]) -> None:
    """`target` is none of the user's input folders or files and holds none of them."""
    where = _resolved(target)
    for path in inputs:
        found = _resolved(path)
        folder = found if found.is_dir() else found.parent
        if where in (found, folder) or where in found.parents:
            raise OutputError(_m("output.target.inputs", target=str(target), path=str(path)))


def refuse_input_file(target: Path, inputs: Iterable[Path]) -> None:
    """A single output file may not be an input file, nor be written into a round or
    scenario folder (symlinks resolved), even with --force."""
    where = _resolved(target)
    for path in inputs:
        found = _resolved(path)
        if where == found or (found.is_dir() and where.parent == found):
            raise OutputError(_m("output.file.input", target=str(target),
                                 is_input=where == found, path=str(path)))


def refuse_existing(target: Path, force: bool) -> None:
    """An existing file is replaced only with --force."""
    if target.is_dir():
        raise OutputError(_m("output.file.folder", target=str(target)))
    if target.exists() and not force:
        raise OutputError(_m("output.file.exists", target=str(target)))


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _check_existing(target: Path, force: bool) -> None:
    if not target.exists():
        return
    present = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    if not present:
        return
    ours = set(_manifest(target)) | {MANIFEST}
    foreign = [name for name in present if name not in ours]
    if foreign or MANIFEST not in present:
        shown = ", ".join((foreign or present)[:5]) + (" ..." if len(foreign) > 5 else "")
        raise OutputError(_m("output.target.foreign", target=str(target), shown=shown))
    if not force:
        raise OutputError(_m("output.target.earlier", target=str(target)))


def _manifest(folder: Path) -> list[str]:
    try:
        return list(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _remove_stale(parent: Path, name: str) -> None:
    """Staging and old folders of this target left by a run that was killed (we hold the
    lock, so no live run owns them)."""
    for kind in (STAGE, OLD):
        for stale in parent.glob(f".{name}.{kind}-*"):
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _locked(lock_path: Path, target: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock; refuse at once when another run holds it."""
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(_m("output.target.locked", target=str(target))) from None
        # The holder before us may have removed the file: lock the one at the path.
        try:
            same = os.fstat(fd).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)


def _swap_or_say(stage: Path, target: Path) -> None:
    """_swap, and what "Device or resource busy" means there: `target` is a mount point (or
    held by the system) and cannot be renamed, so the result must go into a folder in it."""
    try:
        _swap(stage, target)
    except OSError as exc:
        if exc.errno != errno.EBUSY:
            raise
        raise OutputError(_m("output.target.mount_point", target=str(target))) from None


def _swap(stage: Path, target: Path) -> None:
    """`stage` becomes `target`; an old `target` ends up at `stage` (removed by the caller)."""
    if not target.exists():
        os.rename(stage, target)
        return
    if _exchange(stage, target):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.{OLD}-", dir=target.parent))
    os.rename(target, old / "result")
    os.rename(stage, target)
    os.rename(old / "result", stage)
    old.rmdir()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
