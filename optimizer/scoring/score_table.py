"""ScoreTable: normalised criterion (or proxy) values per application, with weights.

A score is either read from a user's scoring sheet or computed by a documented proxy
indicator. A proxy table always carries PROXY_LABEL, and everything that shows it says so.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from optimizer.caching import cached

PROXY = "proxy"
SHEET = "sheet"
PROXY_LABEL = "proxy score computed from data — not an evaluation of the applications' quality"


_ZERO, _ONE = 0.0, 1.0


def _floats(row: Iterable[object]) -> tuple[float, ...]:
    """A row as a tuple of floats: the row itself when it is one already (no copy of a
    large table's rows), else converted."""
    if type(row) is tuple and set(map(type, row)) <= {float}:
        return row
    return tuple(map(float, row))  # type: ignore[arg-type]


def _float_or_none(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def sheet_label(file_name: str) -> str:
    return f"scores from {file_name}"


@dataclass(frozen=True)
class ScoreTable:
    """Per application: one normalised value in [0, 1] per criterion, and raw values.

    score(app) = Σ_k weights[k] · values[app][k], in [0, 1].
    """

    source: str  # "proxy" or "sheet"
    label: str
    criteria: tuple[str, ...]  # criterion ids, or proxy ids
    values: Mapping[str, tuple[float, ...]] = field(hash=False)
    raw: Mapping[str, tuple[float | None, ...]] = field(hash=False)
    weights: tuple[float, ...]
    descriptions: tuple[str, ...] = field(default=(), compare=False)  # English text per id
    # Several evaluators: their names, and per application each one's normalised values
    # (in `evaluators` order); `values` is then their mean. Robustness resamples them.
    evaluators: tuple[str, ...] = ()
    panel: Mapping[str, tuple[tuple[float, ...], ...]] = field(default_factory=dict,
                                                               hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.source not in (PROXY, SHEET):
            raise ValueError(f"ScoreTable.source must be 'proxy' or 'sheet', not {self.source!r}")
        if self.source == PROXY and self.label != PROXY_LABEL:
            raise ValueError("a proxy ScoreTable must carry PROXY_LABEL")
        n = len(self.criteria)
        weights = tuple(float(w) for w in self.weights)
        if len(weights) != n:
            raise ValueError(f"{len(weights)} weights for {n} criteria")
        if n and (any(w < 0 or not math.isfinite(w) for w in weights)
                  or abs(sum(weights) - 1.0) > 1e-9):
            raise ValueError(f"weights must be non-negative and sum to 1, not {weights}")
        # map(float, ...) keeps a float as the same object (a table of a large round
        # shares one object per distinct value: table_from_scores).
        values = {str(k): _floats(v) for k, v in self.values.items()}
        raw = {str(k): _floats(v) if None not in v else tuple(map(_float_or_none, v))
               for k, v in self.raw.items()}
        for app_id, vals in values.items():
            if len(vals) != n or not (all(map(_ZERO.__le__, vals))
                                      and all(map(_ONE.__ge__, vals))):  # NaN: not in
                raise ValueError(f"values of {app_id!r} must be {n} numbers in [0, 1]: {vals}")
        if raw.keys() != values.keys() or any(len(r) != n for r in raw.values()):
            raise ValueError("raw must hold one value per criterion for every application")
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "values", MappingProxyType(values))
        object.__setattr__(self, "raw", MappingProxyType(raw))
        descriptions = tuple(self.descriptions) or ("",) * n
        if len(descriptions) != n:
            raise ValueError(f"{len(descriptions)} descriptions for {n} criteria")
        object.__setattr__(self, "descriptions", descriptions)
        object.__setattr__(self, "panel", MappingProxyType(self._checked_panel(n)))

    def _checked_panel(self, n: int) -> dict[str, tuple[tuple[float, ...], ...]]:
        panel = {str(k): tuple(tuple(float(x) for x in row) for row in v)
                 for k, v in self.panel.items()}
        for app_id, rows in panel.items():
            if len(rows) != len(self.evaluators) or any(
                    len(r) != n or any(not 0.0 <= x <= 1.0 for x in r) for r in rows):
                raise ValueError(f"panel of {app_id!r} must hold {n} values in [0, 1] for "
                                 f"each of {len(self.evaluators)} evaluators")
        return panel

    @property
    def is_proxy(self) -> bool:
        return self.source == PROXY

    def score(self, app_id: str) -> float:
        """Σ w_k · value_k, in [0, 1]."""
        return self._scores[app_id]

    def scores(self) -> dict[str, float]:
        return dict(self._scores)

    @cached
    def _scores(self) -> dict[str, float]:
        """Every application's score, computed once (the table is immutable)."""
        weights = self.weights  # as many as each row's values (__post_init__ checks)
        return {app_id: min(1.0, max(0.0, math.fsum(map(operator.mul, weights, values))))
                for app_id, values in self.values.items()}

    def weight(self, criterion: str) -> float:
        return self.weights[self.criteria.index(criterion)]

    def with_weights(self, weights: tuple[float, ...]) -> ScoreTable:
        """The same values under other weights (non-negative, summing to 1)."""
        return ScoreTable(self.source, self.label, self.criteria, self.values, self.raw,
                          tuple(weights), self.descriptions, self.evaluators, self.panel)
