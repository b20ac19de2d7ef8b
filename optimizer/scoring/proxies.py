"""Proxy indicators: documented numbers computed from the round's data.

They are not evaluations of the applications' quality, and every table built from them
carries PROXY_LABEL. Definitions and formulas: docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from optimizer.errors import InputError, Problem, ScenarioError, suggest
from optimizer.readers.domain import Application, CallRules, Profile, ProxyIndicator, Round
from optimizer.scoring.score_table import PROXY, PROXY_LABEL, ScoreTable
from optimizer.scoring.weights import resolve_weights
from optimizer.vocabulary.message import Message

_m = Message.of

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
        raise ScenarioError(_m("scenario.indicator.unknown", name=name,
                               hits=suggest(name, RAW_FUNCTIONS),
                               indicators=list(RAW_FUNCTIONS))) from None
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

    def bad(index: int, proxy: ProxyIndicator, key: str, code: str, value: object,
            hint: Message | None = None) -> None:
        """The problem `code` of one proxy's key; its hint is `code`.hint unless given."""
        problems.append(Problem(_m("input.proxy.problem", id=proxy.id, problem=_m(code)),
                                file=file, column=f"proxies[{index}].{key}", value=value,
                                hint=hint or _m(f"{code}.hint")))

    for index, p in enumerate(proxies):
        if p.id in seen:
            bad(index, p, "id", "input.proxy.duplicate", p.id)
        seen.add(p.id)
        if p.indicator not in RAW_FUNCTIONS:
            bad(index, p, "indicator", "input.proxy.indicator", p.indicator,
                _m("input.proxy.indicator.hint", hits=suggest(p.indicator, RAW_FUNCTIONS),
                   indicators=list(RAW_FUNCTIONS)))
        if p.scale not in SCALES:
            bad(index, p, "scale", "input.proxy.scale", p.scale)
        if p.direction not in DIRECTIONS:
            bad(index, p, "direction", "input.proxy.direction", p.direction)
        finite = all(isinstance(v, int | float) and math.isfinite(v)
                     for v in (p.lower, p.upper))
        if not finite or not p.lower < p.upper:
            bad(index, p, "lower", "input.proxy.bounds", [p.lower, p.upper])
        elif p.scale == "log" and p.lower <= 0:
            bad(index, p, "lower", "input.proxy.log", p.lower)
        if not (isinstance(p.weight, int | float) and math.isfinite(p.weight)
                and p.weight >= 0):
            bad(index, p, "weight", "input.proxy.weight", p.weight)
    if problems:
        raise InputError(problems)


def _select(round: Round, proxies: Sequence[ProxyIndicator | str] | None
            ) -> tuple[ProxyIndicator, ...]:
    defined = round.call.proxies
    call_file = str(Path(round.path) / "call.toml")
    if proxies is None:
        if not defined:
            raise InputError(Problem(
                _m("input.proxy.none"), file=call_file,
                hint=_m("input.proxy.none.hint", keys=["id", "indicator", "scale", "direction",
                                                       "lower", "upper", "weight", "en"])))
        return tuple(defined)
    chosen: list[ProxyIndicator] = []
    unknown: list[Message] = []
    by_id = {p.id: p for p in defined}
    for p in proxies:
        if isinstance(p, ProxyIndicator):
            chosen.append(p)
        elif p in by_id:
            chosen.append(by_id[p])
        else:
            unknown.append(_m("scenario.proxy.unknown", id=p, hits=suggest(p, by_id)))
    if unknown:
        raise ScenarioError(_m("scenario.proxy.unknown_all", problems=unknown, ids=list(by_id)))
    if not chosen:
        raise ScenarioError(_m("scenario.proxy.none"))
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
            _m("input.proxy.no_profile", count=len(missing), ids=missing),
            file=str(Path(round.path) / "participants.csv"),
            hint=_m("input.proxy.no_profile.hint")))
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
