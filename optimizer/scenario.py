"""Scenarios: TOML files with defaults from the round's call.toml, `extends`, and overrides.

Every key is declared in SCHEMA with its type and default; anything else is an error
that names the key path and the closest valid key.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optimizer.errors import ScenarioError, did_you_mean

# Value kinds: "str", "float", "int", "bool", "path", "strs" (list of str),
# "floats" (table of name -> number), "ranges" (table of name -> [lo, hi]),
# a tuple of allowed strings, and "?" suffix for optional (None allowed, "none" clears).
SCHEMA: dict[str, dict[str, tuple[Any, Any]]] = {
    "scenario": {
        "name": ("str", ""),
        "description": ("str", ""),
        "round": ("path?", None),
        "extends": ("path?", None),
    },
    "budget": {
        "appropriation": ("float?", None),  # default: call.toml appropriation_eur
        "rounding": ("float?", None),  # default: call.toml rounding_eur
        "min_spend": ("float", 0.0),
    },
    "scoring": {
        "source": ("str?", None),  # "proxy", a sheet path, or None: the round's scores or proxy
        "min_score": ("float", 0.0),
        "weights": ("floats", {}),
    },
    "objective": {"kind": (("score", "score_euros"), "score")},
    "funding": {
        "mode": (("full", "partial"), "full"),
        "min_share": ("float", 0.5),
        "max_per_project": ("float?", None),
        "max_cost_share": ("float?", None),  # default: call.toml max_cost_share
    },
    "eligibility": {
        "joint_rule": ("bool", True),
        "min_parties": ("int?", None),  # default: call.toml min_parties
        "exclusions": ("bool", True),
    },
    "coverage": {
        "region_basis": (("lead", "participants"), "lead"),
        "min_projects_per_region": ("int", 0),
        "min_regions": ("int", 0),
        "max_region_share": ("float?", None),
        "min_projects_per_target_area": ("int", 0),
        "max_awards_per_lead": ("int?", None),
    },
    "locks": {"fund": ("strs", []), "reject": ("strs", [])},
    "solver": {
        "name": (("cbc", "highs"), "cbc"),
        "time_limit": ("float?", 60.0),
        "gap": ("float", 0.0),
    },
    "robustness": {
        "weights": (("simplex", "intervals", "rank"), "simplex"),
        "intervals": ("ranges", {}),
        "rank": ("strs", []),
        "score_noise": ("float", 0.0),
        "resample_evaluators": ("bool", False),
        "samples": ("int", 500),
        "seed": ("int", 2020),
        "core": ("float", 0.9),
        "exterior": ("float", 0.1),
    },
}
# Bounds checked after typing: key path -> (low, high), inclusive.
BOUNDS: dict[str, tuple[float, float]] = {
    "budget.appropriation": (0.0, math.inf),
    "budget.rounding": (0.01, math.inf),
    "budget.min_spend": (0.0, math.inf),
    "scoring.min_score": (0.0, 1.0),
    "funding.min_share": (0.0, 1.0),
    "funding.max_per_project": (0.0, math.inf),
    "funding.max_cost_share": (0.0, 1.0),
    "eligibility.min_parties": (1, math.inf),
    "coverage.min_projects_per_region": (0, math.inf),
    "coverage.min_regions": (0, math.inf),
    "coverage.max_region_share": (0.0, 1.0),
    "coverage.min_projects_per_target_area": (0, math.inf),
    "coverage.max_awards_per_lead": (1, math.inf),
    "solver.time_limit": (0.0, math.inf),
    "solver.gap": (0.0, 1.0),
    "robustness.score_noise": (0.0, 1.0),
    "robustness.samples": (1, math.inf),
    "robustness.core": (0.0, 1.0),
    "robustness.exterior": (0.0, 1.0),
}


@dataclass(frozen=True)
class Section:
    """Attribute access to one resolved section (read-only)."""

    values: Mapping[str, Any]

    def __getattr__(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise AttributeError(key) from None


@dataclass(frozen=True)
class Scenario:
    name: str
    source: Path | None  # the TOML file, or None for the round's defaults
    round_path: Path
    data: Mapping[str, Mapping[str, Any]] = field(repr=False)

    def __getattr__(self, section: str) -> Section:
        if section in SCHEMA:
            return Section(self.data[section])
        raise AttributeError(section)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        out = {s: dict(v) for s, v in self.data.items()}
        out["scenario"]["round"] = str(self.round_path)
        return out


# --- reading -------------------------------------------------------------------------


def load_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such scenario file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}") from None


def _layers(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """The scenario file and the files it extends, base first."""
    path = path.resolve()
    if path in seen:
        chain = " -> ".join(p.name for p in (*seen, path))
        raise ScenarioError(f"{path}: `extends` makes a cycle: {chain}")
    raw = load_toml(path)
    _check_keys(raw, str(path))
    base = raw.get("scenario", {}).get("extends")
    layers = _layers((path.parent / base), (*seen, path)) if base else []
    return [*layers, (path, raw)]


def _check_keys(raw: Mapping[str, Any], where: str) -> None:
    for section, body in raw.items():
        if section not in SCHEMA:
            raise ScenarioError(
                f"{where}: unknown section [{section}].{did_you_mean(section, SCHEMA)}"
            )
        if not isinstance(body, Mapping):
            raise ScenarioError(f"{where}: `{section}` must be a table [{section}]")
        for key in body:
            if key not in SCHEMA[section]:
                options = [*SCHEMA[section], *(f"{s}.{k}" for s in SCHEMA for k in SCHEMA[s])]
                raise ScenarioError(
                    f"{where}: unknown key {section}.{key}.{did_you_mean(key, options)}"
                )


def _coerce(path: str, kind: Any, value: Any, base: Path | None) -> Any:
    """Check one value against its declared kind; paths resolve against `base`."""
    optional = isinstance(kind, str) and kind.endswith("?")
    kind = kind.rstrip("?") if isinstance(kind, str) else kind
    if optional and (value is None or (isinstance(value, str) and value.lower() == "none")):
        return None
    if isinstance(kind, tuple):
        if value not in kind:
            choices = ", ".join(repr(k) for k in kind)
            raise ScenarioError(
                f"{path} = {value!r} is not one of {choices}.{did_you_mean(str(value), kind)}"
            )
        return value
    checker = _CHECKERS[kind]
    try:
        return checker(value, base)
    except (TypeError, ValueError) as exc:
        raise ScenarioError(f"{path} = {value!r}: {exc}") from None


def _as_float(value: Any, _: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a number")
    return float(value)


def _as_int(value: Any, _: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise TypeError("expected a whole number")
    return int(value)


def _as_bool(value: Any, _: Path | None) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _as_str(value: Any, _: Path | None) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _as_path(value: Any, base: Path | None) -> str:
    text = _as_str(value, base)
    return str((base / text) if base and not Path(text).is_absolute() else Path(text))


def _as_strs(value: Any, _: Path | None) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError('expected a list of strings, e.g. ["2020-01", "2020-02"]')
    return list(value)


def _as_floats(value: Any, base: Path | None) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a table of name = number")
    return {str(k): _as_float(v, base) for k, v in value.items()}


def _as_ranges(value: Any, base: Path | None) -> dict[str, list[float]]:
    if not isinstance(value, Mapping):
        raise TypeError("expected a table of name = [low, high]")
    out = {}
    for k, v in value.items():
        if not isinstance(v, list) or len(v) != 2:
            raise TypeError(f"{k}: expected [low, high]")
        lo, hi = (_as_float(x, base) for x in v)
        if lo > hi:
            raise ValueError(f"{k}: low {lo} is above high {hi}")
        out[str(k)] = [lo, hi]
    return out


_CHECKERS = {
    "float": _as_float, "int": _as_int, "bool": _as_bool, "str": _as_str, "path": _as_path,
    "strs": _as_strs, "floats": _as_floats, "ranges": _as_ranges,
}


def _apply(data: dict[str, dict[str, Any]], raw: Mapping[str, Any], base: Path | None,
           where: str) -> None:
    for section, body in raw.items():
        for key, value in body.items():
            kind = SCHEMA[section][key][0]
            if section == "scenario" and key == "extends":
                continue
            try:
                data[section][key] = _coerce(f"{section}.{key}", kind, value, base)
            except ScenarioError as exc:
                raise ScenarioError(f"{where}: {exc}") from None


def parse_set(text: str) -> tuple[str, str, Any]:
    """`section.key=value` (or `section.key.sub=value` for tables) -> (section, key, value).

    The value is read as a TOML value when it is one (numbers, true, lists, strings
    in quotes), else taken as a plain string.
    """
    if "=" not in text:
        raise ScenarioError(f"--set {text!r}: expected section.key=value")
    path, _, raw_value = text.partition("=")
    parts = [p.strip() for p in path.strip().split(".")]
    if len(parts) < 2 or not all(parts):
        raise ScenarioError(f"--set {text!r}: expected section.key=value")
    section, key, *rest = parts
    if section not in SCHEMA:
        raise ScenarioError(f"--set {text!r}: unknown section {section!r}."
                            f"{did_you_mean(section, SCHEMA)}")
    if key not in SCHEMA[section]:
        raise ScenarioError(f"--set {text!r}: unknown key {section}.{key}."
                            f"{did_you_mean(key, SCHEMA[section])}")
    value = _toml_value(raw_value.strip())
    if rest:
        value = {".".join(rest): value}
    return section, key, value


def _toml_value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def load_scenario(path: Path | str | None = None, *, round_path: Path | str | None = None,
                  sets: Sequence[str] = (), budget: float | None = None) -> Scenario:
    """Resolve a scenario: schema defaults < extended files < file < --set < --budget.

    Keys left unset (None) take the round's call.toml values later (`with_defaults`),
    so that this module knows nothing of round files.
    """
    data = {s: {k: _copy(d) for k, (_, d) in keys.items()} for s, keys in SCHEMA.items()}
    layers = _layers(Path(path)) if path else []
    for file, raw in layers:
        if "round" in raw.get("scenario", {}):
            data["scenario"]["round"] = _coerce("scenario.round", "path?",
                                                raw["scenario"]["round"], file.parent)
    for file, raw in layers:
        _apply(data, raw, file.parent, str(file))
    for text in sets:
        section, key, value = parse_set(text)
        if isinstance(value, dict) and SCHEMA[section][key][0] in ("floats", "ranges"):
            value = {**data[section][key], **value}
        data[section][key] = _coerce(f"{section}.{key}", SCHEMA[section][key][0], value,
                                     Path.cwd())
    if budget is not None:
        data["budget"]["appropriation"] = _coerce("--budget", "float", budget, None)
    if round_path is not None:
        data["scenario"]["round"] = str(Path(round_path))
    _check_bounds(data)
    if not data["scenario"]["round"]:
        raise ScenarioError("the scenario names no round: set [scenario] round = \"DIR\"")
    name = data["scenario"]["name"] or (Path(path).stem if path else "defaults")
    return Scenario(name=name, source=Path(path) if path else None,
                    round_path=Path(data["scenario"]["round"]), data=data)


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else list(value) if isinstance(
        value, list) else value


def _check_bounds(data: Mapping[str, Mapping[str, Any]]) -> None:
    for path, (lo, hi) in BOUNDS.items():
        section, key = path.split(".")
        value = data[section][key]
        if value is not None and not lo <= value <= hi:
            span = f"at least {lo:g}" if hi == math.inf else f"between {lo:g} and {hi:g}"
            raise ScenarioError(f"{path} = {value!r} must be {span}")
    if data["robustness"]["exterior"] >= data["robustness"]["core"]:
        raise ScenarioError("robustness.exterior must be below robustness.core")


def with_defaults(scenario: Scenario, defaults: Mapping[str, Mapping[str, Any]]) -> Scenario:
    """Fill keys that are still None from `defaults` (the call's rules)."""
    data = {s: dict(v) for s, v in scenario.data.items()}
    for section, body in defaults.items():
        for key, value in body.items():
            if data[section].get(key) is None:
                data[section][key] = value
    _check_bounds(data)
    return Scenario(scenario.name, scenario.source, scenario.round_path, data)


# --- printing back -------------------------------------------------------------------


def to_toml(scenario: Scenario) -> str:
    """The resolved scenario as TOML (None values appear as comments)."""
    lines: list[str] = []
    for section, body in scenario.to_dict().items():
        lines.append(f"[{section}]")
        for key, value in body.items():
            if key == "extends":
                continue
            if value is None:
                lines.append(f"# {key} = (not set)")
            elif isinstance(value, dict):
                inner = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items())
                lines.append(f"{key} = {{ {inner} }}" if inner else f"{key} = {{}}")
            else:
                lines.append(f"{key} = {_toml(value)}")
        lines.append("")
    return "\n".join(lines)


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else _toml(key)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def section_names() -> tuple[str, ...]:
    return tuple(SCHEMA)


def keys_of(section: str) -> tuple[str, ...]:
    return tuple(SCHEMA[section])


__all__ = [
    "SCHEMA",
    "Scenario",
    "Section",
    "keys_of",
    "load_scenario",
    "parse_set",
    "section_names",
    "to_toml",
    "with_defaults",
]
