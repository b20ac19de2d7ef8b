"""The resolved scenario written back as TOML: every key, None values as comments."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from optimizer.scenario.core import DEFAULT, Scenario
from optimizer.scenario.schema import field_meta


def to_toml(scenario: Scenario, origins: bool = False, folder: Path | None = None,
            header: Sequence[str] = ()) -> str:
    """The resolved scenario as TOML; reading it back gives the same scenario (without
    `extends`). `origins`: a comment saying where each value came from; `folder`: write
    the file for that folder (its name becomes the title, paths relative to the folder);
    `header`: comment lines on top."""
    lines: list[str] = [f"# {h}" if h else "#" for h in header]
    if header:
        lines.append("")
    for section, body in scenario.to_dict().items():
        if section == "links":
            lines += _links(body, scenario.origin("links") if origins else "")
            continue
        lines.append(f"[{section}]")
        for name, value in body.items():
            if name == "extends":
                continue
            if folder is not None and (section, name) == ("scenario", "name"):
                value = scenario.title
            elif folder is not None and field_meta(section, name)["kind"] == "path" and value:
                value = os.path.relpath(Path(value).absolute(), Path(folder).absolute())
            note = f"  # {scenario.origin(f'{section}.{name}')}" if origins else ""
            if field_meta(section, name)["from_call"] and \
                    scenario.origin(f"{section}.{name}") == DEFAULT:
                lines.append(f"# {name} = (the round's call.toml){note}")  # {} would lift it
            elif value is None:
                lines.append(f"# {name} = (not set){note}")
            elif isinstance(value, dict):
                inner = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items())
                lines.append((f"{name} = {{ {inner} }}" if inner else f"{name} = {{}}") + note)
            else:
                lines.append(f"{name} = {_toml(value)}{note}")
        lines.append("")
    return "\n".join(lines)


def _links(links: list[dict[str, Any]], origin: str) -> list[str]:
    """The [[links]] tables (issue 14), one per link."""
    lines = []
    for link in links:
        lines.append("[[links]]" + (f"  # {origin}" if origin else ""))
        lines += [f"{name} = {_toml(value)}" for name, value in link.items()]
        lines.append("")
    return lines


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else _toml(key)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):  # a table inside a list ([[budget.pools]]), written inline
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
