"""The audit record of a what-if: every key of the resolved scenario with its value and where
it came from, a SHA-256 of every input file, the versions of the tool, its solvers and
Python, and the seed. Every output carries it, so any figure can be traced and rerun."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from optimizer.case import Case
from optimizer.frames import Tabular
from optimizer.readers.links import links_path
from optimizer.scenario.schema import field_meta
from optimizer.version import __version__
from optimizer.vocabulary.numbers import shown_path

PACKAGES = ("pulp", "highspy", "numpy", "pandas", "matplotlib", "openpyxl", "click")
REGISTER_FILES = ("municipalities_2020.csv", "name_aliases.csv")


@dataclass(frozen=True)
class InputFile:
    """One file a run read, with its digest."""

    role: str  # "scenario", "round", "scores", "register"
    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class AuditKey:
    """One scenario key as run, and where its value came from."""

    key: str  # section.key
    value: Any
    origin: str  # "default", "call.toml", a scenario file, "--set", "--budget", "python"


@dataclass(frozen=True)
class Audit(Tabular):
    """Where every figure of a run came from; `rows()` are the scenario's keys."""

    title: str
    scenario_file: str | None
    round: str
    keys: tuple[AuditKey, ...]
    inputs: tuple[InputFile, ...]
    versions: Mapping[str, str]
    score_source: str
    score_label: str
    seed: int | None = None  # of the random draws, when the output has any
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. the solver's seconds

    columns: ClassVar[tuple[str, ...]] = ("key", "value", "origin")

    def rows(self) -> list[dict[str, Any]]:
        return [{"key": k.key, "value": k.value, "origin": k.origin} for k in self.keys]

    def overrides(self) -> list[AuditKey]:
        return [k for k in self.keys if k.origin in ("--set", "--budget", "python")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "scenario_file": self.scenario_file,
            "round": self.round,
            "scenario": {k.key: {"value": k.value, "origin": k.origin} for k in self.keys},
            "inputs": [i.__dict__.copy() for i in self.inputs],
            "versions": dict(self.versions),
            "score_source": self.score_source,
            "score_label": self.score_label,
            "seed": self.seed,
            **dict(self.extra),
        }

    def __repr__(self) -> str:
        return (f"<Audit {self.title!r}: {len(self.keys)} keys "
                f"({len(self.overrides())} overridden), {len(self.inputs)} input files, "
                f"grantopt {self.versions.get('grantopt')}>")


def audit_of(case: Case, seed: int | None = None,
             extra: Mapping[str, Any] | None = None) -> Audit:
    """The audit record of a case (`seed`: of the output's draws, if any)."""
    sc = case.scenario
    keys = tuple(AuditKey(f"{s.section}.{name}", _shown(s.section, name, value),
                          sc.origin(f"{s.section}.{name}"))
                 for s in sc.sections() for name, value in s.to_dict().items()
                 if (s.section, name) != ("scenario", "extends"))
    if sc.links:  # the [[links]] tables (issue 14), one key
        keys += (AuditKey("links", "; ".join(str(link) for link in sc.links),
                          sc.origin("links")),)
    inputs = [*(_file("scenario", p) for p in sc.files),
              *(_file("round", p) for p in case.round.files)]
    links_file = links_path(case.round.path)
    if links_file is not None:
        inputs.append(_file("links", links_file))
    if case.score_path is not None:
        inputs.append(_file("scores", case.score_path))
    inputs += [_packaged(name) for name in REGISTER_FILES]
    return Audit(title=sc.title, scenario_file=shown_path(sc.source) if sc.source else None,
                 round=shown_path(case.round.path), keys=keys, inputs=tuple(inputs),
                 versions=versions(), score_source=case.scores.source,
                 score_label=case.scores.label, seed=seed, extra=dict(extra or {}))


def _shown(section: str, name: str, value: Any) -> Any:
    """Paths as a user would type them (never this machine's absolute path when avoidable)."""
    if isinstance(value, str) and field_meta(section, name)["kind"] == "path":
        return shown_path(value)
    return value


def versions() -> dict[str, str]:
    """grantopt's, Python's and each package's version, without importing the packages."""
    out = {"grantopt": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        out[name] = package_version(name)
    return out


def package_version(name: str) -> str:
    """An installed package's version from the `NAME-VERSION.dist-info` folder beside it:
    one directory listing, where importlib.metadata (~30 ms at start) imports its parsers
    and searches every path entry. Anything else (an egg, an odd name) asks importlib.metadata."""
    spec = importlib.util.find_spec(name)  # finds the package; imports nothing of it
    if spec is None:
        return "not installed"
    home = (Path(next(iter(spec.submodule_search_locations))) if spec.submodule_search_locations
            else Path(spec.origin or "."))
    found = _dist_versions(str(home.parent)).get(name)
    if found is not None:
        return found
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.cache
def _dist_versions(folder: str) -> dict[str, str]:
    """{package: version} of the folder's `NAME-VERSION.dist-info` entries."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return {}
    out = {}
    for entry in entries:
        if entry.endswith(".dist-info"):
            dist, _, version = entry.removesuffix(".dist-info").partition("-")
            out[dist.lower().replace("-", "_").replace(".", "_")] = version
    return out


def _file(role: str, path: Path) -> InputFile:
    data = Path(path).read_bytes()
    return InputFile(role, shown_path(path), hashlib.sha256(data).hexdigest(), len(data))


def _packaged(name: str) -> InputFile:
    data = (resources.files("optimizer") / "data" / name).read_bytes()
    return InputFile("register", f"optimizer/data/{name} (in the package)",
                     hashlib.sha256(data).hexdigest(), len(data))
