"""The resolved scenario written back as TOML: every key, None values as comments."""

from __future__ import annotations

from typing import Any

from optimizer.scenario.core import Scenario


def to_toml(scenario: Scenario, origins: bool = False) -> str:
    """The resolved scenario as TOML; `origins` adds a comment saying where each value
    came from. Reading it back gives the same scenario (without `extends`)."""
    lines: list[str] = []
    for section, body in scenario.to_dict().items():
        lines.append(f"[{section}]")
        for name, value in body.items():
            if name == "extends":
                continue
            note = f"  # {scenario.origin(f'{section}.{name}')}" if origins else ""
            if value is None:
                lines.append(f"# {name} = (not set){note}")
            elif isinstance(value, dict):
                inner = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items())
                lines.append((f"{name} = {{ {inner} }}" if inner else f"{name} = {{}}") + note)
            else:
                lines.append(f"{name} = {_toml(value)}{note}")
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
