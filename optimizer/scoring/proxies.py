"""Proxy indicators: documented numbers computed from the round's data.

They are not evaluations of the applications' quality, and every table built from them
carries PROXY_LABEL. Definitions and formulas: docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from optimizer.errors import InputError, Problem, ScenarioError, did_you_mean
from optimizer.readers.domain import Application, CallRules, Profile, ProxyIndicator, Round
from optimizer.scoring.score_table import PROXY, PROXY_LABEL, ScoreTable
from optimizer.scoring.weights import resolve_weights

RAW_INDICATORS: dict[str, str] = {
    "municipalities": "number of distinct municipalities named in the application (owners "
                      "of municipal enterprises, libraries and companies included)",
    "population": "residents of the municipalities named in the application (register, 2019)",
    "eur_per_resident": "requested euros / residents of the named municipalities "
                        "(+inf when the population is 0, which normalises to the worst value)",
    "regions": "number of distinct regions of the named municipalities",
    "target_area_fit": "1 when the application's target_area is one of the call's target "
                       "areas, else 0",
}
SCALES = ("linear", "log")
DIRECTIONS = ("higher", "lower")


def _municipalities(app: Application, profile: Profile, call: CallRules) -> float:
    return float(len(set(profile.municipality_codes)))


def _population(app: Application, profile: Profile, call: CallRules) -> float:
    return float(profile.population)


def _eur_per_resident(app: Application, profile: Profile, call: CallRules) -> float:
    if profile.population <= 0:
        return math.inf
    return app.requested_eur / profile.population


def _regions(app: Application, profile: Profile, call: CallRules) -> float:
    return float(len(set(profile.regions)))


def _target_area_fit(app: Application, profile: Profile, call: CallRules) -> float:
    areas = {t.id for t in call.target_areas}
    return 1.0 if app.target_area is not None and app.target_area in areas else 0.0


RAW_FUNCTIONS: dict[str, Callable[[Application, Profile, CallRules], float]] = {
    "municipalities": _municipalities,
    "population": _population,
    "eur_per_resident": _eur_per_resident,
    "regions": _regions,
    "target_area_fit": _target_area_fit,
}


def raw_indicator(name: str, app: Application, profile: Profile, call: CallRules) -> float:
    """The raw value of built-in indicator `name` for one application."""
    try:
        function = RAW_FUNCTIONS[name]
    except KeyError:
        raise ScenarioError(f"unknown indicator {name!r}.{did_you_mean(name, RAW_FUNCTIONS)} "
                            f"Built-in indicators: {', '.join(RAW_FUNCTIONS)}") from None
    return function(app, profile, call)


def proxy_value(proxy: ProxyIndicator, x: float) -> float:
    """clip((f(x) - f(lower)) / (f(upper) - f(lower)), 0, 1), f = identity or ln;
    direction "lower" -> 1 - value. Under log, x <= 0 counts as below `lower`
    (0 for "higher", 1 for "lower"); x = +inf counts as above `upper`."""
    if math.isnan(x):
        raise ValueError(f"indicator {proxy.indicator!r} is not a number")
    if proxy.scale == "log":
        if x <= 0:
            value = 0.0
        elif math.isinf(x):
            value = 1.0
        else:
            lo, hi = math.log(proxy.lower), math.log(proxy.upper)
            value = (math.log(x) - lo) / (hi - lo)
    elif math.isinf(x):
        value = 1.0 if x > 0 else 0.0
    else:
        value = (x - proxy.lower) / (proxy.upper - proxy.lower)
    value = min(1.0, max(0.0, value))
    return 1.0 - value if proxy.direction == "lower" else value


def check_proxies(proxies: Sequence[ProxyIndicator], file: str = "call.toml") -> None:
    """Every definition problem at once (InputError naming the proxy and the key)."""
    problems: list[Problem] = []
    seen: set[str] = set()

    def bad(index: int, proxy: ProxyIndicator, key: str, message: str, value: object,
            hint: str) -> None:
        problems.append(Problem(f"proxy {proxy.id!r}: {message}", file=file,
                                column=f"proxies[{index}].{key}", value=value, hint=hint))

    for index, p in enumerate(proxies):
        if p.id in seen:
            bad(index, p, "id", "duplicate proxy id", p.id, "Give each proxy its own id")
        seen.add(p.id)
        if p.indicator not in RAW_FUNCTIONS:
            bad(index, p, "indicator", "unknown indicator", p.indicator,
                (did_you_mean(p.indicator, RAW_FUNCTIONS).strip() + " " if
                 did_you_mean(p.indicator, RAW_FUNCTIONS) else "")
                + f"Built-in indicators: {', '.join(RAW_FUNCTIONS)}")
        if p.scale not in SCALES:
            bad(index, p, "scale", "unknown scale", p.scale, "Use 'linear' or 'log'")
        if p.direction not in DIRECTIONS:
            bad(index, p, "direction", "unknown direction", p.direction,
                "Use 'higher' (more is better) or 'lower' (less is better)")
        finite = all(isinstance(v, int | float) and math.isfinite(v)
                     for v in (p.lower, p.upper))
        if not finite or not p.lower < p.upper:
            bad(index, p, "lower", "lower must be a number below upper", [p.lower, p.upper],
                "Set lower < upper: the raw values that normalise to 0 and 1")
        elif p.scale == "log" and p.lower <= 0:
            bad(index, p, "lower", "a log scale needs lower > 0", p.lower,
                "Set lower to the smallest meaningful positive value, e.g. 1")
        if not (isinstance(p.weight, int | float) and math.isfinite(p.weight)
                and p.weight >= 0):
            bad(index, p, "weight", "weight must be a number, 0 or more", p.weight,
                "0 leaves the proxy out of the score")
    if problems:
        raise InputError(problems)


def _select(round: Round, proxies: Sequence[ProxyIndicator | str] | None
            ) -> tuple[ProxyIndicator, ...]:
    defined = round.call.proxies
    call_file = str(Path(round.path) / "call.toml")
    if proxies is None:
        if not defined:
            raise InputError(Problem(
                "the round's call.toml defines no proxy indicators", file=call_file,
                hint="Add [[proxies]] tables (id, indicator, scale, direction, lower, upper, "
                     "weight, en), see docs/scoring.md, or score with a scoring sheet"))
        return tuple(defined)
    chosen: list[ProxyIndicator] = []
    unknown: list[str] = []
    by_id = {p.id: p for p in defined}
    for p in proxies:
        if isinstance(p, ProxyIndicator):
            chosen.append(p)
        elif p in by_id:
            chosen.append(by_id[p])
        else:
            unknown.append(f"unknown proxy {p!r}.{did_you_mean(p, by_id)}")
    if unknown:
        raise ScenarioError("; ".join(unknown) + f" Proxies of the round: {', '.join(by_id)}")
    if not chosen:
        raise ScenarioError("no proxy indicators chosen")
    return tuple(chosen)


def proxy_scores(round: Round, profiles: Mapping[str, Profile],
                 proxies: Sequence[ProxyIndicator | str] | None = None,
                 weights: Mapping[str, object] | None = None) -> ScoreTable:
    """Proxy ScoreTable for every application of the round.

    proxies: definitions (or ids of the round's proxies); default round.call.proxies.
    weights: proxy id -> weight. None or empty: the proxies' own `weight` fields; proxies
    not named share what is left of 1 in proportion to their own weights.
    """
    chosen = _select(round, proxies)
    check_proxies(chosen, str(Path(round.path) / "call.toml"))
    missing = [a.id for a in round.applications if a.id not in profiles]
    if missing:
        raise InputError(Problem(
            f"no register profile for {len(missing)} application(s): {', '.join(missing)}",
            file=str(Path(round.path) / "participants.csv"),
            hint="Proxy indicators need each application's participants and municipalities"))
    ids = tuple(p.id for p in chosen)
    resolved = resolve_weights(ids, {}, weights or None, [p.weight for p in chosen])
    values: dict[str, tuple[float, ...]] = {}
    raw: dict[str, tuple[float | None, ...]] = {}
    for app in round.applications:
        row = tuple(raw_indicator(p.indicator, app, profiles[app.id], round.call)
                    for p in chosen)
        raw[app.id] = row
        values[app.id] = tuple(proxy_value(p, x) for p, x in zip(chosen, row, strict=True))
    return ScoreTable(source=PROXY, label=PROXY_LABEL, criteria=ids, values=values, raw=raw,
                      weights=resolved, descriptions=tuple(p.en or p.fi for p in chosen))
