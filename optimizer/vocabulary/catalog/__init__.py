"""The catalog: every message code in English and Finnish, one module per domain.

Each module holds a `MESSAGES` mapping, code -> {"en": template, "fi": template} (see
vocabulary.render for the templates). Codes are dotted, their first part the domain
(`rule.budget_over`, `reason.joint_rule`); a code is defined once (tests/test_vocabulary.py
checks that, and that every code renders in both languages).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

# The domains, one module each; a new one is added here.
DOMAINS = ("general", "rules", "reasons", "funds", "diagnose", "explain", "cli", "web", "pabulib",
           "data", "diff", "report", "plots", "inputs", "scenario", "scores", "robust")


def _merged() -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for domain in DOMAINS:
        table = import_module(f"optimizer.vocabulary.catalog.{domain}").MESSAGES
        clash = set(out) & set(table)
        if clash:
            raise RuntimeError(f"message codes defined twice: {sorted(clash)}")
        out.update(table)
    return out


MESSAGES: Mapping[str, Mapping[str, Any]] = _merged()
