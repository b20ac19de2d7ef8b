"""The one TOML writer: values, `key = value` lines and tables, and the resolved scenario.

Every TOML file grantopt writes goes through here: the scenario beside every set of outputs
and in the app's downloads (`to_toml`), and the call.toml and scenario.toml of a pabulib
import and of a synthetic round. Reading TOML is tomllib's (readers.call, scenario.load).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from optimizer.scenario.core import DEFAULT, Scenario
from optimizer.scenario.schema import field_meta

# The escapes of a TOML basic string; other control characters are written as \uXXXX.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


class Verbatim(str):
    """A value's TOML text written as it is (e.g. euros with exactly two decimals)."""


def number(value: float) -> int | float:
    """A whole number as an integer (`1`, not `1.0`), any other as it is."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def string(text: str) -> str:
    """A TOML basic string."""
    return '"' + "".join(_ESCAPES.get(c, c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}")
                         for c in text) + '"'


def value(v: Any) -> str:
    """A TOML value: a boolean, number, string, array, or inline table."""
    if isinstance(v, Verbatim):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):  # a table inside a list ([[budget.pools]]), written inline
        return "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }"
    return string(str(v))


def key(name: str) -> str:
    """A bare key where it may be one, else quoted."""
    return name if name.replace("_", "").replace("-", "").isalnum() else string(name)


def pairs(items: Iterable[tuple[str, Any]]) -> list[str]:
    """`key = value` lines; a None or empty text is left out (TOML has no null)."""
    return [f"{key(k)} = {value(v)}" for k, v in items if v is not None and v != ""]


def table(name: str, items: Iterable[tuple[str, Any]], array: bool = False) -> list[str]:
    """`[name]` (or `[[name]]` of an array of tables), its pairs, and a blank line."""
    return [f"[[{name}]]" if array else f"[{name}]", *pairs(items), ""]


def comments(lines: Iterable[str]) -> list[str]:
    """Comment lines; an empty line stays a bare `#`."""
    return [f"# {line}" if line else "#" for line in lines]


# --- the resolved scenario ------------------------------------------------------------


def to_toml(scenario: Scenario, origins: bool = False, folder: Path | None = None,
            header: Sequence[str] = ()) -> str:
    """The resolved scenario as TOML; reading it back gives the same scenario (without
    `extends`). `origins`: a comment saying where each value came from; `folder`: write
    the file for that folder (its name becomes the title, paths relative to the folder);
    `header`: comment lines on top."""
    lines = comments(header)
    if header:
        lines.append("")
    for section, body in scenario.to_dict().items():
        if section == "links":
            lines += _links(body, scenario.origin("links") if origins else "")
            continue
        lines.append(f"[{section}]")
        for name, v in body.items():
            if name != "extends":
                lines.append(_scenario_line(scenario, section, name, v, origins, folder))
        lines.append("")
    return "\n".join(lines)


def _scenario_line(scenario: Scenario, section: str, name: str, v: Any, origins: bool,
                   folder: Path | None) -> str:
    """One key of the scenario; one the round's call.toml or nothing sets, as a comment."""
    if folder is not None and (section, name) == ("scenario", "name"):
        v = scenario.title
    elif folder is not None and field_meta(section, name)["kind"] == "path" and v:
        v = os.path.relpath(Path(v).absolute(), Path(folder).absolute())
    note = f"  # {scenario.origin(f'{section}.{name}')}" if origins else ""
    if field_meta(section, name)["from_call"] and \
            scenario.origin(f"{section}.{name}") == DEFAULT:
        return f"# {name} = (the round's call.toml){note}"  # {} would lift it
    if v is None:
        return f"# {name} = (not set){note}"
    if isinstance(v, dict):
        inner = ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items())
        return (f"{name} = {{ {inner} }}" if inner else f"{name} = {{}}") + note
    return f"{name} = {value(v)}{note}"


def _links(links: list[dict[str, Any]], origin: str) -> list[str]:
    """The [[links]] tables (issue 14), one per link."""
    lines = []
    for link in links:
        lines.append("[[links]]" + (f"  # {origin}" if origin else ""))
        lines += [f"{name} = {value(v)}" for name, v in link.items()]
        lines.append("")
    return lines
