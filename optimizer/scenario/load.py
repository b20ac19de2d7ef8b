"""Scenario files and overrides: the layers of a scenario, lowest first.

schema defaults < the files it `extends` (base first) < the file < `--set` < `--budget`
< changes made in Python (Study.with_changes). Keys left unset (None) take the round's
call.toml values later (`with_defaults`), so that this module knows nothing of rounds.
Every key records where its value came from (Scenario.origins).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from optimizer.errors import ScenarioError, suggest
from optimizer.scenario.core import BUDGET, CALL, DEFAULT, PYTHON, SET, Scenario, check_key
from optimizer.scenario.schema import (
    SECTIONS,
    Bad,
    field_meta,
    link_specs,
    located,
    renamed,
)
from optimizer.scenario.typed import typed_value
from optimizer.vocabulary.message import Message


def load_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise _file_error("missing", path) from None
    except IsADirectoryError:
        raise _file_error("folder", path) from None
    except OSError as exc:
        raise _file_error("unreadable", path, reason=exc.strerror) from None
    except UnicodeDecodeError:
        raise _file_error("not_utf8", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise _file_error("not_toml", path, error=str(exc)) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise _file_error("huge_number", path) from None


def _file_error(what: str, path: Path, **params: Any) -> ScenarioError:
    return ScenarioError(Message.of(f"scenario.file.{what}", path=str(path), **params))


def _layers(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """The scenario file and the files it extends, base first."""
    path = path.resolve()
    if path in seen:
        chain = " -> ".join(p.name for p in (*seen, path))
        raise _file_error("cycle", path, chain=chain)
    raw = load_toml(path)
    _check_keys(raw, str(path))
    base = raw.get("scenario", {}).get("extends")
    if base is not None and not isinstance(base, str):
        raise ScenarioError(Message.of("scenario.at", where=str(path), problem=Message.of(
            "scenario.value.bad", key="scenario.extends", value=repr(base),
            problem=Message.of("scenario.type.string"))))
    layers = _layers((path.parent / base), (*seen, path)) if base else []
    return [*layers, (path, raw)]


def _check_keys(raw: Mapping[str, Any], where: str) -> None:
    for section, body in raw.items():
        if section == "links":
            link_specs(body, f"{where}: links")  # a list of tables, each checked
            continue
        if section not in SECTIONS:
            check_key(section, "", where)
        if not isinstance(body, Mapping):
            raise ScenarioError(Message.of("scenario.at", where=where, problem=Message.of(
                "scenario.key.not_table", section=section)))
        for name in body:
            check_key(section, name, where)


def _apply_file(scenario: Scenario, raw: Mapping[str, Any], file: Path, origin: str
                ) -> Scenario:
    for section, body in raw.items():
        if section == "links":  # a file's links add to those of the file it extends
            scenario = scenario.with_links(body, origin, add=True)
            continue
        for name, value in body.items():
            if section == "scenario" and name == "extends":
                continue
            if field_meta(section, name)["kind"] == "path" and isinstance(value, str):
                value = os.path.normpath(file.parent / value)
            try:
                scenario = scenario.with_value(section, name, value, origin, merge=False)
            except ScenarioError as exc:
                raise ScenarioError(located(str(file), exc)) from None
    return scenario


def parse_set(text: str, lang: str | None = None) -> tuple[str, str, Any]:
    """`section.key=value` (or `section.key.sub=value` for tables) -> (section, key, value).

    The value is read as a TOML value when it is one (numbers, true, lists, strings
    in quotes), else taken as a plain string; on a key for an amount or a share, text is
    read as a person types it ("12 000 000 €", "25 %") in `lang` (the app's page; None on
    the command line: a comma is decimal only where it cannot separate thousands).
    """
    if "=" not in text:
        raise ScenarioError(Message.of("scenario.set.shape", text=text))
    path, _, raw_value = text.partition("=")
    parts = [p.strip() for p in path.strip().split(".")]
    if path.strip() != "links" and (len(parts) < 2 or not all(parts)):
        raise ScenarioError(Message.of("scenario.set.shape", text=text))
    return set_value(path, _toml_value(raw_value.strip(), text), lang, f"--set {text!r}")


def set_value(path: str, value: Any, lang: str | None = None,
              where: str = "") -> tuple[str, str, Any]:
    """`section.key` (or `section.key.sub`, or `links`) given an already typed value (read
    from `--set`'s TOML, or the app's JSON) -> (section, key, value), the key checked and
    text in an amount or share read as in `parse_set`; `where` names the change in a
    message."""
    if path.strip() == "links":
        return "links", "", _typed("links", "", value, lang)
    parts = [p.strip() for p in path.strip().split(".")]
    if len(parts) < 2 or not all(parts):
        raise ScenarioError(Message.of("scenario.set.shape", text=where or path))
    section, name, *rest = parts
    where = where or path
    if section not in SECTIONS:
        raise ScenarioError(Message.of("scenario.at", where=where, problem=Message.of(
            "scenario.set.unknown_section", section=section, suggest=suggest(section,
                                                                            SECTIONS))))
    if name not in SECTIONS[section].key_names():
        raise ScenarioError(Message.of("scenario.at", where=where, problem=Message.of(
            "scenario.key.unknown", key=f"{section}.{name}",
            suggest=suggest(name, SECTIONS[section].key_names()))))
    value = _typed(section, name, value, lang)
    if rest:
        value = {".".join(rest): value}
    return section, name, value


def _typed(section: str, name: str, value: Any, lang: str | None) -> Any:
    """An amount or share typed as people type it, read (scenario.typed); the schema's
    message, naming the key, when it cannot be read."""
    try:
        return typed_value(section, name, value, lang)
    except Bad as exc:
        raise ScenarioError(Message.of("scenario.value.bad",
                                       key=f"{section}.{name}" if name else section,
                                       value=repr(value), problem=exc.message)) from None


def _toml_value(text: str, given: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ScenarioError(Message.of("scenario.at", where=f"--set {given[:60]}...",
                                       problem=Message.of("scenario.set.huge_number"))
                            ) from None


def load_scenario(path: Path | str | None = None, *, round_path: Path | str | None = None,
                  sets: Sequence[str] = (), budget: float | None = None) -> Scenario:
    """Resolve a scenario: schema defaults < extended files < file < --set < --budget."""
    layers = _layers(Path(path)) if path else []
    scenario = Scenario(source=Path(path) if path else None,
                        files=tuple(file for file, _ in layers))
    for index, (file, raw) in enumerate(layers):
        origin = file.name if index == len(layers) - 1 else f"{file.name} (extended)"
        scenario = _apply_file(scenario, raw, file, origin)
    for text in sets:
        section, name, value = parse_set(text)
        if section == "links":
            scenario = _set_links(scenario, value, text)
            continue
        if field_meta(section, name)["kind"] == "path" and isinstance(value, str):
            value = os.path.normpath(Path.cwd() / value)
        scenario = scenario.with_value(section, name, value, SET)
    if budget is not None:
        try:
            scenario = scenario.with_value("budget", "appropriation", budget, BUDGET)
        except ScenarioError as exc:
            raise ScenarioError(renamed(exc, "budget.appropriation", "--budget")) from None
    if round_path is not None:
        scenario = scenario.with_value("scenario", "round", str(Path(round_path)), PYTHON)
    scenario.round_path  # noqa: B018  (raises when no round is named)
    return scenario


def _set_links(scenario: Scenario, value: Any, text: str) -> Scenario:
    """--set links=[...] adds links; --set links=[] drops every link."""
    try:
        return scenario.with_links(value, SET, add=bool(value))
    except ScenarioError as exc:
        raise ScenarioError(located(f"--set {text[:60]!r}", exc)) from None


def with_defaults(scenario: Scenario, defaults: Mapping[str, Mapping[str, Any]]) -> Scenario:
    """Fill keys that are still None from `defaults` (the call's rules). A table key
    (the caps per target area) left unset takes the default table; one given in part takes
    the default's other entries; one set to {} stays empty."""
    for section, body in defaults.items():
        for name, value in body.items():
            current = getattr(getattr(scenario, section), name)
            path = f"{section}.{name}"
            if isinstance(value, Mapping):
                if scenario.origin(path) == DEFAULT and value:
                    scenario = scenario.with_value(section, name, value, CALL, merge=False)
                elif current and {**value, **current} != current:
                    scenario = scenario.with_value(section, name, {**value, **current},
                                                   scenario.origin(path), merge=False)
            elif current is None and value is not None:
                scenario = scenario.with_value(section, name, value, CALL)
    return scenario


def apply_changes(scenario: Scenario, changes: Mapping[str, Any],
                  origin: str = PYTHON) -> Scenario:
    """Changes given as Python values: {"coverage": {"min_regions": 3}} or
    {"coverage.min_regions": 3}; tables (weights, intervals) merge into the current one."""
    for path, value in changes.items():
        if path == "links":  # a list of link tables replaces the scenario's links
            scenario = scenario.with_links(value, origin)
            continue
        section, dot, name = path.partition(".")
        if dot:
            scenario = scenario.with_value(section, name, value, origin)
            continue
        if section not in SECTIONS:
            check_key(section, "")
        if not isinstance(value, Mapping):
            raise ScenarioError(Message.of("scenario.changes.mapping", section=section,
                                           first=SECTIONS[section].key_names()[0]))
        for name, item in value.items():
            scenario = scenario.with_value(section, name, item, origin)
    return scenario
