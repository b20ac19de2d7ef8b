"""Why each application is in or out of the optimum, and what it would take to change that.

For every application of the instance, with V* the optimum:

* out of the optimum: V_in = the optimum with the application forced in (locks.fund), and
  the *loss* V* - V_in: what funding it would cost the portfolio. Infinite when forcing it
  in is infeasible (it does not fit whatever else is dropped, or it breaks a rule);
* in the optimum: V_out = the optimum with it forced out (locks.reject), and the *safety
  margin* V* - V_out: what losing it would cost;
* the rules that bind it at the optimum (`Binding`), and for applications left out of the
  instance, the eligibility reasons (Instance.excluded). Funding pools, years and fair
  shares (issue 14) bind when the optimum with the application added at its smallest award
  (or, for fair shares, without a funded one) breaks them: the pools that admit it are
  spent, a year's appropriation is paid, a region would pass its fair-share bound.

Score change that flips the decision. In full mode a funded application i adds
s_i × c_i to every portfolio that contains it, and nothing to the others, where c_i is what
one point of score is worth for it under the value model (Instance.item_value: W_i × q_i,
W_i = 1 for `score` and its need in euros for `score_euros`, q_i = m_i / n_i or 1 under
"whole"). Raise s_i by d: every portfolio containing i gains d × c_i, the others are
unchanged. The best portfolio without i is worth V* (i is out of the optimum), the best
with i V_in + gain. So i ties with the optimum exactly when the gain equals the loss
V* - V_in, and is in every optimal portfolio for any larger rise: needed rise = loss / c_i.
The same argument read backwards gives, for a funded i, the score drop it survives:
margin / c_i; any larger drop puts it out of every optimal portfolio. In partial mode the
gain of a portfolio depends on the award a_i it gives i, at most m_i, so these numbers are
lower bounds of the needed change (the rise must be at least the loss; exact when the best
portfolio containing i gives i its maximum);
`score_change_exact` says which. A locked application is flipped with its lock lifted; if
the lock costs value, its loss and score change are negative. Scores are on [0, 1]: a rise
above 1 - s_i means the application cannot enter by its score alone.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, ClassVar

from optimizer.analysis.compare import closest_optimum
from optimizer.errors import InfeasibleError, ScenarioError, did_you_mean
from optimizer.frames import Tabular
from optimizer.model.formulation import build_model
from optimizer.model.instance import (
    EXCLUDES,
    FULL,
    OPTIMAL,
    REQUIRES,
    SYNERGY,
    TOGETHER,
    Instance,
    Item,
    Result,
)
from optimizer.model.solve import solve
from optimizer.model.verify import (
    REMAINDER,
    fair_share_regions,
    pool_sources,
    pool_split,
    region_awards,
    year_payments,
)
from optimizer.vocabulary.numbers import money, plural, share
from optimizer.vocabulary.words import explain_sentence, named

IN, OUT, EXCLUDED = "in", "out", "excluded"
BUDGET, MIN_SPEND, REGION_MIN, MIN_REGIONS = "budget", "min_spend", "region_min", "min_regions"
REGION_SHARE, TARGET_AREA, LEAD_CAP, LOCK = "region_share", "target_area", "lead_cap", "lock"
LINK = "link"  # links between applications (issue 14)
POOL, YEAR, FAIR_SHARE = "pool", "year", "fair_share"  # pools, years, fair shares (issue 14)
STRUCTURE = (POOL, YEAR, FAIR_SHARE)
LOSS_TOL = 1e-9  # relative: smaller losses are float noise (a tie)


@dataclass(frozen=True)
class Binding:
    """One rule that holds an application where it is, in words."""

    rule: str  # BUDGET, MIN_SPEND, REGION_MIN, MIN_REGIONS, REGION_SHARE, TARGET_AREA, ...
    detail: str
    # The detail in Finnish, where it is written here with the numbers (pools, years, fair
    # shares); "": cli.explain translates the English detail.
    fi: str = ""


@dataclass(frozen=True)
class Moved:
    """A project that leaves or enters the optimum when another one is flipped."""

    id: str
    label: str
    score: float
    award_eur: float


@dataclass(frozen=True)
class ExplainRow:
    id: str
    label: str
    status: str  # IN, OUT or EXCLUDED
    score: float | None  # None for excluded applications
    award_eur: float  # in the optimum
    max_eur: float | None
    forced_value: float | None  # optimum with the decision flipped; None: infeasible/excluded
    # optimum - forced_value; math.inf when flipping is infeasible; negative only for a locked
    # item (flipping it lifts the lock, so -loss is what the lock costs)
    loss: float | None
    score_change: float | None  # OUT: rise needed to enter; IN: drop it survives
    score_change_exact: bool  # False in partial mode (then a lower bound)
    bindings: tuple[Binding, ...] = ()
    reasons: tuple[str, ...] = ()  # EXCLUDED: why; infeasible flip: what the diagnosis says
    # With the decision flipped, the optimal portfolio closest to the optimum: the other
    # projects it leaves out (pushed_out) and takes in (brought_in).
    pushed_out: tuple[Moved, ...] = ()
    brought_in: tuple[Moved, ...] = ()
    sentence: str = ""  # the explanation in one plain sentence, with the numbers

    @property
    def tie(self) -> bool:
        """Flipping costs nothing: another optimal portfolio decides it the other way."""
        return self.loss is not None and self.loss == 0.0

    @property
    def feasible_flip(self) -> bool:
        return self.loss is not None and math.isfinite(self.loss)


@dataclass(frozen=True)
class Explanation(Tabular):
    """Why each application is in or out of the optimum; `rows()` one per application."""

    name: str
    is_proxy: bool
    objective: str
    mode: str
    optimal_value: float
    status: str  # of the base optimum (OPTIMAL or FEASIBLE)
    solver: str
    unit_eur: float
    budget_eur: float
    spent_eur: float
    cheapest_out_eur: float | None  # smallest award an unfunded application could get
    entries: tuple[ExplainRow, ...]

    columns: ClassVar[tuple[str, ...]] = (
        "id", "label", "status", "score", "award_eur", "max_eur", "forced_value", "loss",
        "score_change", "score_change_exact", "tie", "pushed_out", "brought_in", "bindings",
        "reasons", "sentence")

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows: an infeasible flip has loss and score change inf; the projects that
        move, the binding rules and reasons are joined into one text each."""
        return [{**{c: getattr(r, c) for c in self.columns[:11]},
                 "pushed_out": " ".join(m.id for m in r.pushed_out),
                 "brought_in": " ".join(m.id for m in r.brought_in),
                 "bindings": "; ".join(f"{b.rule}: {b.detail}" for b in r.bindings),
                 "reasons": "; ".join(map(str, r.reasons)), "sentence": r.sentence}
                for r in self.entries]

    def __repr__(self) -> str:
        n_in = sum(r.status == IN for r in self.entries)
        n_out = sum(r.status == OUT for r in self.entries)
        n_ex = sum(r.status == EXCLUDED for r in self.entries)
        return (f"<Explanation {self.name!r}: {len(self.entries)} applications explained "
                f"({n_in} in, {n_out} out, {n_ex} not fundable); optimum "
                f"{self.optimal_value:.4f} ({self.objective}), {self.spent_eur:,.0f} € of "
                f"{self.budget_eur:,.0f} € spent>")

    @property
    def slack_eur(self) -> float:
        return self.budget_eur - self.spent_eur

    @property
    def budget_binding(self) -> bool:
        """The money left would not pay for any application that is out."""
        return self.cheapest_out_eur is not None and self.slack_eur < self.cheapest_out_eur

    def row(self, item_id: str) -> ExplainRow:
        for r in self.entries:
            if r.id == item_id:
                return r
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "scenario": self.name,
            "score_source": "proxy" if self.is_proxy else "sheet",
            "objective": self.objective, "mode": self.mode,
            "optimal_value": self.optimal_value, "status": self.status, "solver": self.solver,
            "budget_eur": self.budget_eur, "spent_eur": self.spent_eur,
            "slack_eur": self.slack_eur, "cheapest_out_eur": self.cheapest_out_eur,
            "budget_binding": self.budget_binding,
            "rows": [_row_dict(r) for r in self.entries],
        }


def _row_dict(r: ExplainRow) -> dict[str, object]:
    infeasible = r.loss is not None and math.isinf(r.loss)
    return {
        "id": r.id, "label": r.label, "status": r.status, "score": r.score,
        "award_eur": r.award_eur, "max_eur": r.max_eur, "forced_value": r.forced_value,
        "loss": "infeasible" if infeasible else r.loss,
        "score_change": "infeasible" if infeasible else r.score_change,
        "score_change_exact": r.score_change_exact, "tie": r.tie,
        "bindings": [{"rule": b.rule, "detail": b.detail} for b in r.bindings],
        "reasons": [str(x) for x in r.reasons],
        "pushed_out": [m.__dict__.copy() for m in r.pushed_out],
        "brought_in": [m.__dict__.copy() for m in r.brought_in],
        "sentence": r.sentence,
    }


def explain(
    instance: Instance,
    ids: Iterable[str] | None = None,
    solver: str = "cbc",
    base: Result | None = None,
    time_limit: float | None = None,
) -> Explanation:
    """One row per application (`ids`, in that order; default: all, then the excluded).

    `base`: the optimum of `instance` if already solved (else it is solved here). One extra
    solve per application of the instance, on one model re-targeted with Model.force.
    """
    wanted = _wanted(instance, ids)
    model = build_model(instance)
    if base is None:
        base = solve(instance, solver=solver, time_limit=time_limit, model=model)
    ctx = _Context(instance, base)
    excluded = {e.id: e.reasons for e in instance.excluded}
    rows = []
    for item_id in wanted:
        if item_id in excluded:
            rows.append(_excluded_row(instance, item_id, excluded[item_id]))
            continue
        flip = item_id not in base.units
        restore = (True if item_id in instance.rules.fund
                   else False if item_id in instance.rules.reject else None)
        model.force(item_id, flip)
        try:
            forced: Result | InfeasibleError = solve(
                model.instance, solver=solver, time_limit=time_limit, model=model)
            if isinstance(forced, Result):
                forced = _closest(model.instance, base, forced, solver, time_limit)
        except InfeasibleError as exc:
            forced = exc
        finally:
            model.force(item_id, restore)
        rows.append(_row(ctx, ctx.items[item_id], forced))
    unit = instance.rules.unit_eur
    return Explanation(
        name=instance.name, is_proxy=instance.score_source == "proxy",
        objective=instance.rules.objective, mode=instance.rules.mode,
        optimal_value=base.objective, status=base.status, solver=base.solver, unit_eur=unit,
        budget_eur=instance.rules.budget_units * unit, spent_eur=ctx.spent * unit,
        cheapest_out_eur=ctx.cheapest_out * unit if ctx.cheapest_out is not None else None,
        entries=tuple(rows),
    )


def _closest(flipped: Instance, base: Result, forced: Result, solver: str,
             time_limit: float | None) -> Result:
    """Among the optima of the flipped instance, the one that moves fewest other projects
    (so an explanation names only the projects that must move)."""
    near = closest_optimum(flipped, base.units, forced.objective, solver, time_limit)
    return dataclasses.replace(forced, units=near.units)


def _wanted(instance: Instance, ids: Iterable[str] | None) -> list[str]:
    known = list(instance.ids) + [e.id for e in instance.excluded]
    if ids is None:
        return known
    wanted = list(dict.fromkeys(ids))
    known_set = set(known)
    unknown = [i for i in wanted if i not in known_set]
    if unknown:
        raise ScenarioError(f"unknown application id {unknown[0]!r}: not in the round."
                            f"{did_you_mean(unknown[0], known)}")
    return wanted


def score_change(instance: Instance, it: Item, loss: float) -> tuple[float, bool]:
    """Score change (rise for an out item, drop for an in item) worth `loss`; exact?

    A rise d of s_i adds d × W_i × q_i to every portfolio funding i with its full award (the
    value model of Instance.item_value: q_i = m_i / n_i, or 1 under "whole"), so the change
    is the loss divided by that; a lower bound in partial mode (see the module docstring).
    """
    per_point = instance.item_value(replace(it, score=1.0), it.max_units)
    return loss / per_point, instance.rules.mode == FULL


def _excluded_row(instance: Instance, item_id: str, reasons: tuple[str, ...]) -> ExplainRow:
    row = ExplainRow(item_id, instance.labels.get(item_id, item_id), EXCLUDED, None, 0.0,
                     None, None, None, None, True, (), tuple(reasons))
    return dataclasses.replace(row, sentence=sentence(instance, row, 0.0))


def _row(ctx: _Context, it: Item, forced: Result | InfeasibleError) -> ExplainRow:
    inst, base = ctx.instance, ctx.base
    status = IN if it.id in base.units else OUT
    reasons: tuple[str, ...] = ()
    if isinstance(forced, InfeasibleError):
        forced_value, loss, change = None, math.inf, math.inf
        reasons = _diagnosis_lines(forced, status)
        exact = True
    else:
        forced_value = forced.objective
        loss = base.objective - forced.objective
        if abs(loss) <= LOSS_TOL * max(1.0, abs(base.objective)):
            loss = 0.0
        if it.id not in inst.rules.fund | inst.rules.reject:
            # Flipping adds a constraint, so only a base stopped by a time limit can be
            # beaten. A locked item's flip lifts the lock: a negative loss is its cost.
            loss = max(loss, 0.0)
        change, exact = score_change(inst, it, loss)
        if forced.status != OPTIMAL:
            reasons = (f"the flipped solve stopped at a limit (gap {forced.gap or 0:.2%}): the "
                       "loss may be overstated",)
    unit = inst.rules.unit_eur
    bindings = ctx.bindings_in(it) if status == IN else ctx.bindings_out(it)
    out, come = ((), ()) if isinstance(forced, InfeasibleError) else _moves(ctx, it, forced)
    row = ExplainRow(
        id=it.id, label=inst.labels.get(it.id, it.id), status=status, score=it.score,
        award_eur=base.units.get(it.id, 0) * unit, max_eur=it.max_units * unit,
        forced_value=forced_value, loss=loss, score_change=change, score_change_exact=exact,
        bindings=bindings, reasons=reasons, pushed_out=out, brought_in=come,
    )
    return dataclasses.replace(row, sentence=sentence(inst, row, ctx.base.objective))


def _moves(ctx: _Context, it: Item, forced: Result
           ) -> tuple[tuple[Moved, ...], tuple[Moved, ...]]:
    """The other projects the flip pushes out of, and brings into, the optimum."""
    inst, base, unit = ctx.instance, ctx.base, ctx.instance.rules.unit_eur

    def moved(ids: Iterable[str], units: Mapping[str, int]) -> tuple[Moved, ...]:
        return tuple(Moved(i, inst.labels.get(i, i), ctx.items[i].score, units[i] * unit)
                     for i in sorted(ids) if i != it.id)

    return (moved(set(base.units) - set(forced.units), base.units),
            moved(set(forced.units) - set(base.units), forced.units))


def sentence(instance: Instance, r: ExplainRow, optimum: float, lang: str = "en") -> str:
    """One plain sentence a journalist could quote, with the numbers (vocabulary.words)."""
    name = named(r.id, instance.labels.get(r.id, ""), instance.projects.get(r.id, ""))
    text = explain_sentence(r, name, optimum, instance.rules.objective, lang)
    links = [b.detail for b in r.bindings if b.rule == LINK]
    rules = [structure_sentence(r.id, r.status, [b for b in r.bindings if b.rule == rule],
                                lang)
             for rule in STRUCTURE if any(b.rule == rule for b in r.bindings)]
    return " ".join([text, *(link_sentence(r.id, r.status, d, lang) for d in links), *rules])


def structure_sentence(item_id: str, status: str, bindings: Iterable[Binding],
                       lang: str = "en") -> str:
    """'2020-xx is out: the pool P that admits it is spent (...).' One sentence per rule
    (pools, years, fair shares); each binding states the rule with its numbers."""
    if lang == "fi":
        where = "on mukana" if status == IN else "ei ole mukana"
        return f"{item_id} {where}: {'; '.join(b.fi or b.detail for b in bindings)}."
    return f"{item_id} is {'in' if status == IN else 'out'}: " \
           f"{'; '.join(b.detail for b in bindings)}."


# Link bindings in Finnish (the English detail -> the Finnish clause).
_LINKS_FI = (
    (r"requires (\S+), which is not funded", "se edellyttää hanketta {0}, jota ei rahoiteta"),
    (r"(\S+) and (\S+) exclude each other, and \S+ is funded",
     "{0} ja {1} ovat toistensa vaihtoehtoja, ja {1} rahoitetaan"),
    (r"goes together with (.+): all of them or none",
     "se kuuluu yhteen hankkeiden {0} kanssa: kaikki tai ei mitään"),
    (r"(.+) requires? it, and (?:is|are) funded",
     "{0} edellyttää sitä, ja sitä rahoitetaan"),
    (r"completes the synergy of (.+)", "se täydentää hankkeiden {0} yhteisvaikutuksen"),
)


def link_sentence(item_id: str, status: str, detail: str, lang: str = "en") -> str:
    """'2020-12 is out because it requires 2020-11, which is not funded.'"""
    if lang == "fi":
        for pattern, finnish in _LINKS_FI:
            found = re.fullmatch(pattern, detail)
            if found:
                where = "on mukana" if status == IN else "ei ole mukana"
                return f"{item_id} {where}, koska {finnish.format(*found.groups())}."
    if detail.startswith(item_id + " "):
        why = detail
    elif detail.startswith(("requires", "goes", "completes")):
        why = f"it {detail}"
    else:
        why = detail
    return f"{item_id} is {'in' if status == IN else 'out'} because {why}."


def _diagnosis_lines(exc: InfeasibleError, status: str) -> tuple[str, ...]:
    """What the infeasibility diagnosis of the flipped scenario says, one line per finding."""
    what = "forcing it out" if status == IN else "forcing it in"
    lines = [ln.strip()[2:] for ln in str(exc).splitlines() if ln.strip().startswith("- ")]
    return tuple(f"{what} is infeasible: {line}" for line in lines or [str(exc)])


class _Context:
    """The base optimum's tallies that the binding rules are read from."""

    def __init__(self, instance: Instance, base: Result):
        self.instance, self.base = instance, base
        self.items = {it.id: it for it in instance.items}  # Instance.item scans them all
        rules = instance.rules
        funded = [it for it in instance.items if it.id in base.units]
        self.spent = sum(base.units.values())
        self.slack = rules.budget_units - self.spent
        outs = [instance.min_units(it) for it in instance.items if it.id not in base.units]
        self.cheapest_out = min(outs) if outs else None
        basis = rules.region_basis
        self.region_count = Counter(r for it in funded for r in it.coverage_regions(basis))
        self.region_spend: Counter[str] = Counter()
        for it in funded:
            if it.lead_region:
                self.region_spend[it.lead_region] += base.units[it.id]
        self.area_count = Counter(it.target_area for it in funded if it.target_area)
        self.lead_count = Counter(it.lead for it in funded if it.lead)
        self.lead_items = Counter(it.lead for it in instance.items if it.lead)

    def money(self, units: int) -> str:
        return money(units, self.instance.rules.unit_eur)

    def bindings_in(self, it: Item) -> tuple[Binding, ...]:
        rules, out = self.instance.rules, []
        if it.id in rules.fund:
            out.append(Binding(LOCK, "locked in (locks.fund)"))
        need = rules.min_projects_per_region
        for region in sorted(it.coverage_regions(rules.region_basis)):
            if need > 0 and self.region_count[region] == need:
                out.append(Binding(REGION_MIN, (
                    f"{region} has exactly {plural(need, 'funded project')}, the minimum; "
                    "without this one the region falls short")))
        lone = [r for r in it.coverage_regions(rules.region_basis) if self.region_count[r] == 1]
        if rules.min_regions > 0 and len(self.region_count) == rules.min_regions and lone:
            out.append(Binding(MIN_REGIONS, (
                f"the only funded project of {', '.join(sorted(lone))}; exactly "
                f"{plural(rules.min_regions, 'region')} are covered, the minimum")))
        need = rules.min_projects_per_target_area
        if need > 0 and it.target_area and self.area_count[it.target_area] == need:
            out.append(Binding(TARGET_AREA, (
                f"target area {it.target_area} has exactly {plural(need, 'funded project')}, "
                "the minimum")))
        if rules.min_spend_units > 0 and self.spent - self.base.units[it.id] < (
                rules.min_spend_units):
            out.append(Binding(MIN_SPEND, (
                f"without it the awards total less than the minimum spend "
                f"{self.money(rules.min_spend_units)}")))
        out += self._lead_cap(it)
        out += self._links_in(it)
        without = {i: u for i, u in self.base.units.items() if i != it.id}
        out += self._fair_shares(without, with_it=False)
        return tuple(out)

    def bindings_out(self, it: Item) -> tuple[Binding, ...]:
        rules, out = self.instance.rules, []
        if it.id in rules.reject:
            out.append(Binding(LOCK, "locked out (locks.reject)"))
        need = self.instance.min_units(it)
        if need > self.slack:
            out.append(Binding(BUDGET, (
                f"needs at least {self.money(need)}; {self.money(self.slack)} of the budget "
                "is left")))
        cap = rules.region_cap_units
        if cap is not None and it.lead_region and (
                self.region_spend[it.lead_region] + need > cap):
            out.append(Binding(REGION_SHARE, (
                f"{it.lead_region} already has {self.money(self.region_spend[it.lead_region])} "
                f"of its cap {self.money(cap)}")))
        out += self._lead_cap(it)
        out += self._links_out(it)
        # Pools, years and fair shares: the rule binds when the optimum with `it` added at
        # its smallest award breaks it (the optimum itself keeps every rule).
        award = {**self.base.units, it.id: need}
        out += self._pools_out(it, award, need)
        out += self._years_out(it, award)
        out += self._fair_shares(award, with_it=True)
        return tuple(out)

    def _links_out(self, it: Item) -> list[Binding]:
        """The links that keep `it` out: what it requires is out, what it excludes is in,
        what it goes together with is out."""
        funded, out = self.base.units, []
        for link in self.instance.rules.links:
            if it.id not in link.ids:
                continue
            others = [i for i in link.ids if i != it.id]
            if link.kind == REQUIRES and link.requires not in funded:
                out.append(Binding(LINK, f"requires {link.requires}, which is not funded"))
            elif link.kind == EXCLUDES:
                out += [Binding(LINK, f"{it.id} and {i} exclude each other, and {i} is funded")
                        for i in others if i in funded]
            elif link.kind == TOGETHER:
                out.append(Binding(LINK, f"goes together with {', '.join(others)}: all of "
                                         "them or none"))
        return out

    def _links_in(self, it: Item) -> list[Binding]:
        """The links that hold `it` in: funded applications that require it, or go together
        with it; a synergy it completes."""
        funded, out = self.base.units, []
        for link in self.instance.rules.links:
            needs = [i for i in link.ids if i in funded]
            if link.kind == REQUIRES and link.requires == it.id and needs:
                verb = "requires it, and is" if len(needs) == 1 else "require it, and are"
                out.append(Binding(LINK, f"{', '.join(needs)} {verb} funded"))
            elif link.kind == TOGETHER and it.id in link.ids:
                others = [i for i in link.ids if i != it.id]
                out.append(Binding(LINK, f"goes together with {', '.join(others)}: all of "
                                         "them or none"))
            elif link.kind == SYNERGY and it.id in link.ids and len(needs) == len(link.ids):
                out.append(Binding(LINK, f"completes the synergy of {', '.join(link.ids)}"))
        return out

    def _lead_cap(self, it: Item) -> list[Binding]:
        cap = self.instance.rules.max_awards_per_lead
        if cap is None or not it.lead or self.lead_items[it.lead] <= cap:
            return []
        if self.lead_count[it.lead] < cap:
            return []
        lead = self.instance.labels.get(it.id) or it.lead
        return [Binding(LEAD_CAP, (
            f"lead applicant {lead} has {plural(self.lead_count[it.lead], 'award')}, the cap "
            f"(max_awards_per_lead = {cap})"))]

    # --- pools, years and fair shares (issue 14) --------------------------------------

    def _pools_out(self, it: Item, award: Mapping[str, int], need: int) -> list[Binding]:
        """The pools that admit `it` have too little left for its smallest award (the
        awards can no longer be split between the pools, however they are moved)."""
        inst = self.instance
        if not inst.rules.pools_bind or pool_split(inst, award) is not None:
            return []
        split = pool_split(inst, self.base.units) or {}
        sources = [(n, c) for n, c, m in pool_sources(inst)
                   if (m is None or it.id in m) and (c > 0 or m is not None)]
        left = sum(c - sum(split.get(n, {}).values()) for n, c in sources)
        names = [n for n, _ in sources]
        ue = inst.rules.unit_eur
        return [Binding(POOL, (
            f"{_pools_en(names)} ({money(left, ue)} left; it needs at least "
            f"{money(need, ue)})"), (
            f"{_pools_fi(names)} (jäljellä {money(left, ue, 'fi')}; se tarvitsee vähintään "
            f"{money(need, ue, 'fi')})"))]

    def _years_out(self, it: Item, award: Mapping[str, int]) -> list[Binding]:
        """Each year whose appropriation (with carry_over: the years' up to it) the
        payments would overrun with `it` added."""
        rules = self.instance.rules
        if not rules.year_cents or not it.year_shares:
            return []
        before = year_payments(self.instance, self.base.units)
        after = year_payments(self.instance, award)
        out, paid, added, limit = [], Fraction(0), Fraction(0), 0
        for year, cents in after.items():
            old, lim = before.get(year, Fraction(0)), rules.year_cents.get(year, 0)
            if rules.carry_over:
                paid, added, limit = paid + old, added + cents - old, limit + lim
            else:
                paid, added, limit = old, cents - old, lim
            if added > 0 and paid + added > limit + Fraction(1, 2):  # half a cent: rounding
                out.append(_year_binding(year, paid, added, limit, rules.carry_over))
        return out

    def _fair_shares(self, award: Mapping[str, int], with_it: bool) -> list[Binding]:
        """A region pushed past its fair-share bound were `it` added (with_it) or left out:
        the same test as model.verify, on the optimum changed by this one item."""
        inst = self.instance
        rules, shares = inst.rules, fair_share_regions(inst)
        if not shares:
            return []
        got = region_awards(inst, award)
        total = sum(got.get(r, 0.0) for r in shares)
        tol = 1e-7 * max(1.0, total)
        out = []
        for region, p in shares.items():
            have = got.get(region, 0.0) / total if total else 0.0
            for bound, low in ((rules.fair_share_min, True), (rules.fair_share_max, False)):
                if bound is None or not total:
                    continue
                limit = bound * p * total
                value = got.get(region, 0.0)
                if value < limit - tol if low else value > limit + tol:
                    out.append(_fair_binding(region, have, p, bound, low, with_it,
                                             rules.fair_share_basis or "population"))
        return out


def _pools_en(names: list[str]) -> str:
    """'the pool main that admits it is spent', in the pools' words."""
    shown = ["the budget outside the pools" if n == REMAINDER else n for n in names]
    if not names:
        return "no funding pool admits it"
    if names == [REMAINDER]:
        return "the budget outside the pools, the only money that may pay it, is spent"
    if len(names) == 1:
        return f"the pool {shown[0]} that admits it is spent"
    return f"the pools {', '.join(shown)} that admit it are spent"


def _pools_fi(names: list[str]) -> str:
    shown = ["määrärahaosuuksiin kuulumaton osa" if n == REMAINDER else n for n in names]
    if not names:
        return "mikään määrärahaosuus ei voi rahoittaa sitä"
    if names == [REMAINDER]:
        return ("määrärahaosuuksiin kuulumaton osa määrärahasta, ainoa josta sen voi "
                "rahoittaa, on käytetty")
    if len(names) == 1:
        return f"määrärahaosuus {shown[0]}, josta sen voi rahoittaa, on käytetty"
    return f"määrärahaosuudet {', '.join(shown)}, joista sen voi rahoittaa, on käytetty"


def _year_binding(year: str, paid: Fraction, added: Fraction, limit: int,
                  carry: bool) -> Binding:
    """A year's limit (or, with carry_over, the years' up to it) that binds; cents."""
    def eur(cents: Fraction | int, lang: str) -> str:
        return money(float(cents), 0.01, lang)

    nums_en = f"{eur(paid, 'en')} of {eur(limit, 'en')} paid; it would add {eur(added, 'en')}"
    nums_fi = (f"maksettu {eur(paid, 'fi')} / {eur(limit, 'fi')}; se lisäisi "
               f"{eur(added, 'fi')}")
    if carry:
        return Binding(YEAR, f"the appropriations of the years up to {year} bind "
                             f"(carry_over; {nums_en})",
                       f"vuosien {year} asti määrärahat ovat sitovia (siirto seuraavalle "
                       f"vuodelle, carry_over; {nums_fi})")
    return Binding(YEAR, f"the appropriation of {year} binds ({nums_en})",
                   f"vuoden {year} määräraha on sitova ({nums_fi})")


def _fair_binding(region: str, have: float, p: float, bound: float, low: bool,
                  with_it: bool, basis: str) -> Binding:
    """A region at its fair-share bound: with (or without) the item it would pass it."""
    name = "fair_share_min" if low else "fair_share_max"
    whose_en = "population share" if basis == "population" else "share of the requested euros"
    whose_fi = "väestöosuutensa" if basis == "population" else "osuutensa haetuista euroista"
    en = (f"{'with' if with_it else 'without'} it, {region} would get {share(have)} of the "
          f"awarded euros, {'below' if low else 'above'} {bound:g} x its {whose_en} "
          f"{share(p)} ({name})")
    fi = (f"{'sen kanssa' if with_it else 'ilman sitä'} maakunta {region} saisi "
          f"{share(have, lang='fi')} myönnetyistä euroista, {'alle' if low else 'yli'} "
          f"{f'{bound:g}'.replace('.', ',')} × {whose_fi} {share(p, lang='fi')} ({name})")
    return Binding(FAIR_SHARE, en, fi)
