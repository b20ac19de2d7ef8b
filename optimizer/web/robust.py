"""The robust-portfolio panel: SWING elicitation turned into weight statements, the
statements checked before a run, and the run's answer (`Study.nondominated`) as the page
shows it.

SWING: the names (criteria or groups) are ranked by how much their swing from worst to best
matters; the first gets 100 points and each other points relative to it, a number or a range
"lo–hi". Ranked names become the chain "a >= b >= c"; points p become "k = p/100 * first", a
range "lo/100 * first <= k" and "k <= hi/100 * first". A name without points keeps only its
place in the chain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from optimizer.analysis.nondominated import RobustPortfolios, actual_messages, count_message
from optimizer.errors import ScenarioError
from optimizer.study import Study
from optimizer.vocabulary.message import Message, render, say
from optimizer.vocabulary.names import criterion_name
from optimizer.vocabulary.words import Words

FIRST_POINTS = 100.0
DASHES = ("–", "—", "-")  # between the ends of a range of points
MAX_STATEMENTS = 50
MAX_TEXT = 300  # characters of one statement
SHOWN_PORTFOLIOS = 50
Points = tuple[float, float]  # lo, hi (equal for a single number)


# --- SWING -----------------------------------------------------------------------------------


def parse_points(name: str, text: Any) -> Points | None:
    """Points as typed: 60, "62,5", "40–80" (None when left empty); 0 to 100 each."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise _bad_points(name, text)
    if isinstance(text, int | float):
        lo = hi = float(text)
    else:
        lo, hi = _range_of(name, str(text))
    if not (0.0 <= lo <= FIRST_POINTS and 0.0 <= hi <= FIRST_POINTS):
        raise ScenarioError(Message.of("web.swing.out_of_range", name=name, text=str(text)))
    if lo > hi:
        raise ScenarioError(Message.of("web.swing.reversed", name=name, text=str(text)))
    return lo, hi


def _range_of(name: str, text: str) -> Points:
    body = text.strip().rstrip("%").strip()
    for dash in DASHES:
        head, sep, tail = body[1:].partition(dash)  # a leading sign is no dash
        if sep:
            return _number(name, text, body[0] + head), _number(name, text, tail)
    value = _number(name, text, body)
    return value, value


def _number(name: str, text: str, part: str) -> float:
    try:
        value = float(part.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        raise _bad_points(name, text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise _bad_points(name, text)
    return value


def _bad_points(name: str, text: Any) -> ScenarioError:
    return ScenarioError(Message.of("web.swing.points", name=name, text=str(text)))


def swing_statements(order: Sequence[str], points: Mapping[str, Any],
                     lang: str = "en") -> list[str]:
    """The statements of a SWING elicitation: `order` the names, most important first;
    `points` each other name's points as typed (module doc). Numbers are written in
    `lang` (a decimal comma in Finnish, which the statements read too)."""
    names = [str(n).strip() for n in order]
    if not names or any(not n for n in names):
        raise ScenarioError(Message.of("web.swing.no_order"))
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ScenarioError(Message.of("web.swing.twice", name=twice[0]))
    first = names[0]
    out = [" >= ".join(names)] if len(names) > 1 else []
    previous_hi = FIRST_POINTS
    for name in names[1:]:
        given = parse_points(name, points.get(name))
        if given is None:
            continue
        lo, hi = given
        if lo > previous_hi:
            raise ScenarioError(Message.of("web.swing.rising", name=name,
                                           points=_num(lo, lang)))
        previous_hi = hi
        if lo == hi:
            out.append(f"{name} = {_num(lo / FIRST_POINTS, lang)} * {first}")
        else:
            out += [f"{_num(lo / FIRST_POINTS, lang)} * {first} <= {name}",
                    f"{name} <= {_num(hi / FIRST_POINTS, lang)} * {first}"]
    return out


def _num(x: float, lang: str) -> str:
    text = f"{round(x, 6):g}"
    return text.replace(".", ",") if lang == "fi" else text


# --- what the page may rank, and the statements checked --------------------------------------


def names_doc(study: Study, lang: str) -> dict[str, Any]:
    """The names statements may use: each criterion (its text and plain name), and each
    group (the round's, and the scenario's [robustness] groups) with its members; the
    scenario's own statements and score interval."""
    case, cfg = study.case, study.scenario.robustness
    found = case.round.call.proxies if case.is_proxy else case.round.call.criteria
    texts = {c.id: c.text(lang) for c in found}
    criteria = [{"id": c, "label": texts.get(c) or c,
                 "name": criterion_name(c, texts.get(c, ""))} for c in case.scores.criteria]
    groups: dict[str, list[str]] = {}
    for c in case.round.call.criteria:
        if c.group and c.id in case.scores.criteria:
            groups.setdefault(c.group, []).append(c.id)
    groups.update({g: list(m) for g, m in cfg.groups.items()})
    return {"criteria": criteria,
            "groups": [{"id": g, "members": m} for g, m in groups.items()],
            "statements": list(cfg.statements), "score_interval": cfg.score_interval}


def checked_statements(study: Study, texts: Any) -> list[str]:
    """The statements of a request, read and resolved as `Study.nondominated` resolves them
    (a ScenarioError in the catalog's words for one it cannot use); cheap."""
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts) \
            or len(texts) > MAX_STATEMENTS or any(len(t) > MAX_TEXT for t in texts):
        raise ScenarioError(Message.of("web.robust.statements_shape", n=MAX_STATEMENTS,
                                       size=MAX_TEXT))
    kept = [t.strip() for t in texts if t.strip()]
    study.weight_set(kept)
    return kept


# --- the answer --------------------------------------------------------------------------------


def portfolios_doc(rp: RobustPortfolios, w: Words) -> dict[str, Any]:
    """A run's answer as the page shows it: counts, lists, the actual decision's check,
    the ranges of the weights, and how the core index differs from the sampled share."""
    counts = {c: len(rp.ids(c)) for c in ("core", "borderline", "exterior")}
    return {
        "kind": "portfolios", "statements": list(rp.statements),
        "score_interval": rp.score_interval, "samples": rp.samples, "seed": rp.seed,
        "count": len(rp.portfolios), "complete": rp.complete, "limit": rp.limit,
        "narrowing": rp.narrowing, "counts": counts,
        "count_text": render(count_message(rp), w.lang),
        "totals_text": say(w, "cli.portfolios.totals", **counts),
        "lists": {c: list(rp.ids(c)) for c in counts},
        "items": [_item(c, w) for c in rp.items],
        "ranges": [{"name": n, "lo": lo, "hi": hi,
                    "text": f"{n} {w.num(lo, 2)}–{w.num(hi, 2)}"}
                   for n, (lo, hi) in rp.ranges.items()],
        "actual": _actual(rp, w),
        "versus_text": (say(w, "cli.portfolios.versus_sampling", samples=rp.samples,
                            seed=rp.seed) if rp.samples else
                        say(w, "web.robust.versus_none")),
        "proxy": rp.is_proxy, "seconds": rp.seconds, "solver": rp.solver,
        "portfolios": [list(p) for p in rp.portfolios[:SHOWN_PORTFOLIOS]],
    }


def _item(c: Any, w: Words) -> dict[str, Any]:
    return {"id": c.id, "label": c.label, "index": c.index, "index_text": w.num(c.index, 3),
            "category": c.category, "category_text": w[c.category],
            "portfolios": c.portfolios, "acceptability": c.acceptability,
            "acceptability_text": "" if c.acceptability is None else w.pct(c.acceptability),
            "deciders": [{"statement": d.statement, "makes": d.makes,
                          "text": say(w, "cli.portfolios.decider", statement=d.statement,
                                      makes=w[d.makes])} for d in c.deciders]}


def _actual(rp: RobustPortfolios, w: Words) -> dict[str, Any] | None:
    a = rp.actual
    if a is None:
        return None
    text = "".join(render(m, w.lang) for m in actual_messages(a))
    return {"nondominated": a.nondominated, "feasible": a.feasible,
            "dominated_by": list(a.dominated_by), "added": list(a.added),
            "removed": list(a.removed), "text": text}


