"""The integer program: one function per constraint family, no solver calls.

Variables (money in whole units of `Rules.unit_eur`):
  x[i]  binary, application i is funded
  u[i]  integer award (partial mode only; in full mode the award is the expression m_i x_i)
  y[r]  binary, region r counts as covered (only when min_regions > 0)

The same builders also make the *elastic* model used by model.diagnose: with `elastic=True`
every soft rule gets a non-negative slack variable that loosens it, and the objective
minimises the weighted slack. Sharing the builders means the diagnosis always talks about
exactly the constraints the optimiser used, under the same readable names.

Readable constraint names ("region_min[Kainuu]") key `Model.constraints`; the names handed to
PuLP are ASCII-sanitised and de-duplicated copies, because LP/MPS writers reject spaces,
brackets and most non-ASCII characters.

Speed: PuLP stays the modelling layer, but its operator overloading makes one expression
object per `a * x` and `x - y` (a 100,000-application model spent most of its build there).
Rows with one term per item are therefore built straight from (variable, coefficient)
pairs (`_linear`, `_scaled`), which give the same coefficients PuLP's arithmetic would.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pulp

from optimizer.errors import GrantoptError, ScenarioError, VerificationError
from optimizer.model.instance import (
    EXCLUDES,
    FULL,
    REQUIRES,
    SYNERGY,
    TOGETHER,
    WHOLE,
    Instance,
    Item,
)
from optimizer.model.running import gc_paused
from optimizer.model.verify import (
    REMAINDER,
    capped_areas,
    fair_share_regions,
    leads,
    pool_sources,
    region_share_groups,
    regions_covered,
    target_areas,
    validate_locks,
)
from optimizer.vocabulary.message import Message

# Constraint families (also the `family` of a diagnosis relaxation); one add_* each.
BUDGET, MIN_SPEND = "budget", "min_spend"
REGION_MIN, MIN_REGIONS, REGION_SHARE = "region_min", "min_regions", "region_share"
TARGET_AREA, LEAD_CAP, LOCKS = "target_area", "lead_cap", "locks"
AREA_CAP = "area_cap"
LINKS, FAIR_SHARE = "links", "fair_share"
POOL, YEAR = "pool", "year"  # funding pools; several years (issue 14)

# Units of slack: money in rounding units, or a number of projects/regions/awards/locks.
MONEY, COUNT = "units", "count"

_GE, _LE = pulp.LpConstraintGE, pulp.LpConstraintLE
_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")  # what pulp_name replaces by "_"


@dataclass(frozen=True)
class Slack:
    """A slack variable of the elastic model: how far one constraint is loosened."""

    family: str
    constraint: str  # readable constraint name
    var: pulp.LpVariable
    unit: str  # MONEY or COUNT
    weight: float  # objective coefficient per unit of slack


@dataclass(frozen=True)
class SlackWeights:
    """Penalties of the elastic model, chosen so money and counts are comparable.

    One unit of money slack costs 1. One missing project / region / extra award costs as
    much as the median maximum award plus half a unit (`count`), so the diagnosis asks for
    more money when a project can be bought for no more than a typical award, and drops the
    rule otherwise; the half unit breaks exact ties towards money (money slack is integral).
    A lock gives way only at a bit more than twice that price (`lock`): locks are deliberate
    choices by the user.
    """

    count: float
    lock: float

    @classmethod
    def for_instance(cls, instance: Instance) -> SlackWeights:
        typical = statistics.median(it.max_units for it in instance.items) if instance.items else 1
        count = max(1, math.ceil(typical)) + 0.5
        return cls(count=count, lock=2 * count + 0.25)


@dataclass(eq=False)
class Model:
    """A built model: the LpProblem plus maps from ids/names to its variables and constraints.

    Treat the maps as read-only. The only supported changes are `set_budget` and `force`,
    which edit the problem in place (no rebuild) and keep `instance` in step with it, so
    `solve(model.instance, model=model)` verifies against the rules actually solved.
    """

    instance: Instance
    prob: pulp.LpProblem
    elastic: bool = False
    weights: SlackWeights | None = None
    x: dict[str, pulp.LpVariable] = field(default_factory=dict)
    award: dict[str, pulp.LpAffineExpression] = field(default_factory=dict)  # units per item
    y: dict[str, pulp.LpVariable] = field(default_factory=dict)
    z: dict[int, pulp.LpVariable] = field(default_factory=dict)  # synergy link -> complete
    constraints: dict[str, pulp.LpConstraint] = field(default_factory=dict)
    slacks: dict[str, Slack] = field(default_factory=dict)
    _pulp_names: set[str] = field(default_factory=set, repr=False)

    def set_budget(self, budget_units: int) -> None:
        """Change the budget right-hand side, and the region caps that are shares of it."""
        if budget_units < 0:
            raise ScenarioError(Message.of("solver.budget_negative", units=budget_units))
        self.instance = self.instance.with_rules(budget_units=int(budget_units))
        self.constraints[BUDGET].changeRHS(self.instance.rules.budget_units)
        cap = self.instance.rules.region_cap_units
        for region in region_share_groups(self.instance):
            name = f"{REGION_SHARE}[{region}]"
            if name in self.constraints:
                self.constraints[name].changeRHS(cap)
        remainder = f"{POOL}[{REMAINDER}]"  # the budget outside the pools moves with it
        if remainder in self.constraints:
            self.constraints[remainder].changeRHS(self.instance.rules.remainder_units)

    def set_scores(self, scores: Sequence[float]) -> None:
        """New project scores (in the order of instance.items): only the objective changes,
        so a sweep over weights re-solves the same rows (robustness)."""
        if self.elastic:
            raise GrantoptError(Message.of("solver.model_elastic", method="set_scores"))
        self.instance = self.instance.with_scores(scores)
        add_objective(self)

    def force(self, item_id: str, funded: bool | None) -> None:
        """Force one item in (True) or out (False), or release it (None), via its bounds.

        The instance's locks change accordingly (a forced item leaves the other lock set), so
        verification and diagnosis see the same rule the solver does.
        """
        if self.elastic:
            raise GrantoptError(Message.of("solver.model_elastic", method="force"))
        if item_id not in self.x:
            raise ScenarioError(Message.of("solver.force_unknown", id=item_id))
        rules = self.instance.rules
        fund, reject = rules.fund - {item_id}, rules.reject - {item_id}
        if funded is True:
            fund |= {item_id}
        elif funded is False:
            reject |= {item_id}
        self.instance = self.instance.with_rules(fund=frozenset(fund), reject=frozenset(reject))
        _bound_lock(self.x[item_id], funded)

    # --- objectives for the comparison with a given portfolio ---

    def add_objective_floor(self, floor: float) -> None:
        """Keep the current objective at `floor` or above (it becomes a row)."""
        expr = pulp.LpAffineExpression(self.prob.objective)
        self.prob += pulp.LpConstraint(expr, _GE, name=self.pulp_name("objective_floor"),
                                       rhs=floor)

    def minimise_changes(self, funded: Collection[str]) -> None:
        """Objective: the additions plus removals that turn `funded` into the portfolio."""
        self.prob.sense = pulp.LpMinimize
        self.prob.setObjective(changes_expr(self, funded))

    def minimise_moves(self, awards: Mapping[str, int], max_changes: int) -> None:
        """Keep the current (changes) objective at `max_changes` or below; then minimise
        the total distance sum |award_i - awards_i| in units."""
        self.prob += pulp.LpConstraint(self.prob.objective, _LE,
                                       name=self.pulp_name("changes_cap"), rhs=max_changes)
        moves = []
        for i, award in self.award.items():
            d = self.prob.add_variable(self.pulp_name(f"move[{i}]"), 0)
            target = awards.get(i, 0)
            self.prob += pulp.LpConstraint(d - award, _GE, rhs=-target,
                                           name=self.pulp_name(f"move_up[{i}]"))
            self.prob += pulp.LpConstraint(d + award, _GE, rhs=target,
                                           name=self.pulp_name(f"move_down[{i}]"))
            moves.append(d)
        self.prob.setObjective(pulp.lpSum(moves) + 0.0)

    # --- naming ---

    def pulp_name(self, readable: str) -> str:
        """A unique PuLP-safe name for a readable one ('region_min[Pohjois-Savo]')."""
        base = readable if readable.isascii() else (  # NFKD leaves ASCII as it is
            unicodedata.normalize("NFKD", readable).encode("ascii", "ignore").decode())
        base = _UNSAFE.sub("_", base).strip("_")[:200] or "c"
        name, n = base, 1
        while name in self._pulp_names:
            n += 1
            name = f"{base}_{n}"
        self._pulp_names.add(name)
        return name


def build_model(instance: Instance, *, elastic: bool = False) -> Model:
    """The integer program of `instance` (or its elastic version, for model.diagnose)."""
    with gc_paused():
        return _build_model(instance, elastic)


def _build_model(instance: Instance, elastic: bool) -> Model:
    validate_locks(instance)
    sense = pulp.LpMinimize if elastic else pulp.LpMaximize
    name = "grantopt_elastic" if elastic else "grantopt"
    model = Model(instance=instance, prob=pulp.LpProblem(name, sense), elastic=elastic)
    if elastic:
        model.weights = SlackWeights.for_instance(instance)
    add_variables(model)
    add_budget_constraints(model)
    add_region_constraints(model)
    add_target_area_constraints(model)
    add_area_cap_constraints(model)
    add_lead_constraints(model)
    add_lock_constraints(model)
    add_link_constraints(model)
    add_fair_share_constraints(model)
    add_pool_constraints(model)
    add_year_constraints(model)
    add_objective(model)
    return model


# --- variables and objective -------------------------------------------------------------


def add_variables(model: Model) -> None:
    """x for every item; in partial mode an integer award u tied to x (u = 0 unless funded)."""
    inst = model.instance
    for it in inst.items:
        x = model.prob.add_variable(model.pulp_name(f"x[{it.id}]"), 0, 1, pulp.LpBinary)
        model.x[it.id] = x
        if inst.rules.mode == FULL:
            # No u variable: one binary per item keeps full mode a pure 0-1 program.
            model.award[it.id] = _linear([(x, it.max_units)] if it.max_units else [])
            continue
        u = model.prob.add_variable(model.pulp_name(f"u[{it.id}]"), 0, it.max_units, pulp.LpInteger)
        model.award[it.id] = pulp.LpAffineExpression(u)
        # Both sides are hard (never relaxed): they define what "funded" means.
        _add(model, None, f"award_min[{it.id}]", u - inst.min_units(it) * x, _GE, 0)
        _add(model, None, f"award_max[{it.id}]", u - it.max_units * x, _LE, 0)


def add_objective(model: Model) -> None:
    """The value model of Instance.item_value, linear in the variables: s_i W_i a_i / n_i
    (proportional) or s_i W_i x_i (whole); the elastic model minimises slack instead."""
    if model.elastic:
        model.prob.setObjective(pulp.lpSum(s.weight * s.var for s in model.slacks.values()) + 0.0)
        return
    inst = model.instance
    whole = inst.rules.partial_value == WHOLE
    pairs: list[tuple[pulp.LpVariable, float]] = []
    for it in inst.items:
        full = inst.score_weight(it)
        if whole:
            pairs += [(model.x[it.id], full)] if full else []
        else:
            pairs += _scaled_pairs(model.award[it.id], full / it.need)
    for index, z in model.z.items():
        pairs += _scaled_pairs({z: 1}, inst.link_bonus(inst.rules.links[index]))
    # A float constant, as "+ 0.0" gave: an expression (not 0) even with no items.
    model.prob.setObjective(_linear(pairs, 0.0))


# --- constraint families -----------------------------------------------------------------


def add_budget_constraints(model: Model) -> None:
    """Total awards within the budget; and at least the minimum spend, when one is set.

    The budget row exists even when it cannot bind, so set_budget() can always move it.
    """
    rules = model.instance.rules
    add_synergy_variables(model)  # their savings lower the spend
    savings = [pair for k, link in enumerate(rules.links) if k in model.z
               for pair in _scaled_pairs({model.z[k]: 1}, -link.saving_units)]
    total = _linear([*_terms(model.award.values()), *savings])
    _add(model, BUDGET, BUDGET, total, _LE, rules.budget_units, MONEY)
    if rules.min_spend_units > 0:
        _add(model, MIN_SPEND, MIN_SPEND, total, _GE, rules.min_spend_units, MONEY)


def add_region_constraints(model: Model) -> None:
    """The three regional rules; each is its own family with its own function."""
    add_region_min_constraints(model)
    add_min_regions_constraints(model)
    add_region_share_constraints(model)


def add_region_min_constraints(model: Model) -> None:
    """Every region some application covers gets at least min_projects_per_region projects."""
    need = model.instance.rules.min_projects_per_region
    if need <= 0:
        return
    for region, items in regions_covered(model.instance).items():
        _add(model, REGION_MIN, f"{REGION_MIN}[{region}]", _count(model, items), _GE, need, COUNT)


def add_min_regions_constraints(model: Model) -> None:
    """At least min_regions regions covered: y_r may be 1 only if some item covering r is."""
    need = model.instance.rules.min_regions
    if need <= 0:
        return
    for region, items in regions_covered(model.instance).items():
        y = model.prob.add_variable(model.pulp_name(f"y[{region}]"), 0, 1, pulp.LpBinary)
        model.y[region] = y
        _add(model, None, f"region_covered[{region}]", y - _count(model, items), _LE, 0)
    # With no coverable region this row is "0 >= need": infeasible, as it should be.
    _add(model, MIN_REGIONS, MIN_REGIONS, pulp.lpSum(model.y.values()), _GE, need, COUNT)


def add_region_share_constraints(model: Model) -> None:
    """The awards attributed to one region on the region basis (verify.region_share_groups:
    the lead's region, or split by residents) stay within max_region_share of the budget."""
    cap = model.instance.rules.region_cap_units
    if cap is None:
        return
    for region, parts in region_share_groups(model.instance).items():
        total = _linear(pair for it, part in parts
                        for pair in _scaled_pairs(model.award[it.id], part))
        _add(model, REGION_SHARE, f"{REGION_SHARE}[{region}]", total, _LE, cap, MONEY)


def add_target_area_constraints(model: Model) -> None:
    """Every target area some application has gets min_projects_per_target_area projects."""
    need = model.instance.rules.min_projects_per_target_area
    if need <= 0:
        return
    for area, items in target_areas(model.instance).items():
        _add(model, TARGET_AREA, f"{TARGET_AREA}[{area}]", _count(model, items), _GE, need, COUNT)


def add_area_cap_constraints(model: Model) -> None:
    """The awards of a target area's funded projects stay within its cap
    (max_eur_per_target_area); a project in several areas counts in each."""
    for area, (cap, items) in capped_areas(model.instance).items():
        if sum(it.max_units for it in items) > cap:  # a cap the area cannot reach is left out
            total = _linear(_terms(model.award[it.id] for it in items))
            _add(model, AREA_CAP, f"{AREA_CAP}[{area}]", total, _LE, cap, MONEY)


def add_lead_constraints(model: Model) -> None:
    """At most max_awards_per_lead funded applications per lead applicant."""
    cap = model.instance.rules.max_awards_per_lead
    if cap is None:
        return
    for lead, items in leads(model.instance).items():
        if len(items) > cap:  # a cap no lead can reach is left out (it cannot bind)
            _add(model, LEAD_CAP, f"{LEAD_CAP}[{lead}]", _count(model, items), _LE, cap, COUNT)


def add_lock_constraints(model: Model) -> None:
    """Locked-in items are funded, locked-out items are not.

    In the optimisation model locks are variable bounds: presolve removes them, and force()
    can move them without touching rows. In the elastic model they are rows with slack, so a
    lock that conflicts with the other rules can be reported as one that must give way.
    """
    rules = model.instance.rules
    for item_id in sorted(rules.fund | rules.reject):
        funded = item_id in rules.fund
        if not model.elastic:
            _bound_lock(model.x[item_id], funded)
        elif funded:
            _add(model, LOCKS, f"lock_in[{item_id}]", model.x[item_id] + 0, _GE, 1, COUNT)
        else:
            _add(model, LOCKS, f"lock_out[{item_id}]", model.x[item_id] + 0, _LE, 0, COUNT)


def add_synergy_variables(model: Model) -> None:
    """z_k = 1 exactly when every member of synergy link k is funded: z_k <= x_i for each
    member and z_k >= sum x_i - (|G| - 1) (exact, so a saving never lowers the spend of a
    portfolio without the whole group, and never goes unclaimed for the minimum spend)."""
    for k, link in enumerate(model.instance.rules.links):
        if link.kind != SYNERGY or not (link.bonus or link.saving_units):
            continue
        if not all(i in model.x for i in link.members):
            continue  # a member outside the instance is never funded: never complete
        z = model.prob.add_variable(model.pulp_name(f"z[synergy {k}]"), 0, 1, pulp.LpBinary)
        model.z[k] = z
        members = [_x(model, i) for i in link.members]
        for i, x in zip(link.members, members, strict=True):
            _add(model, None, f"synergy[{k}: {i}]", z - x, _LE, 0)
        _add(model, None, f"synergy_all[{k}]", z - pulp.lpSum(members), _GE,
             1 - len(members))


def add_link_constraints(model: Model) -> None:
    """requires: x_b <= x_a; excludes: sum x_i <= 1; together: x_i = x_j (two rows each, as
    <=, so the elastic model loosens one direction at a time). Ids outside the instance (not
    fundable under the scenario) count as unfunded."""
    for link in model.instance.rules.links:
        ids = ", ".join(link.ids)
        if not any(i in model.x for i in link.ids):
            continue  # nothing of the instance to hold back
        if link.kind == REQUIRES:
            for i in (i for i in link.ids if i in model.x):
                expr = _x(model, i) - _x(model, str(link.requires))
                _add(model, LINKS, f"{LINKS}[{i} requires {link.requires}]", expr, _LE, 0,
                     COUNT)
        elif link.kind == EXCLUDES and sum(i in model.x for i in link.ids) > 1:
            expr = pulp.lpSum(_x(model, i) for i in link.ids)
            _add(model, LINKS, f"{LINKS}[{ids} exclude each other]", expr, _LE, 1, COUNT)
        elif link.kind == TOGETHER:
            first = link.ids[0]
            for i in link.ids[1:]:
                for a, b in ((first, i), (i, first)):
                    if a not in model.x:
                        continue  # "0 - x_b <= 0" holds whatever is funded
                    expr = _x(model, a) - _x(model, b)
                    _add(model, LINKS, f"{LINKS}[{a} together with {b}]", expr, _LE, 0, COUNT)


def add_fair_share_constraints(model: Model) -> None:
    """For every region r the rule covers (verify.fair_share_regions, shares p_r):
    min p_r T <= a_r <= max p_r T, where a_r is the units awarded to r (split on the region
    basis) and T the units awarded to all covered regions."""
    rules = model.instance.rules
    shares = fair_share_regions(model.instance)
    if not shares:
        return
    parts: dict[str, list] = {r: [] for r in shares}
    for it in model.instance.items:
        for region, part in it.award_split(rules.region_basis).items():
            if region in parts and part > 0:
                parts[region].append(part * model.award[it.id])
    total = pulp.lpSum(e for terms in parts.values() for e in terms)
    for region, p in shares.items():
        mine = pulp.lpSum(parts[region])
        if rules.fair_share_min is not None:
            _add(model, FAIR_SHARE, f"{FAIR_SHARE}_min[{region}]",
                 mine - rules.fair_share_min * p * total, _GE, 0, MONEY)
        if rules.fair_share_max is not None:
            _add(model, FAIR_SHARE, f"{FAIR_SHARE}_max[{region}]",
                 mine - rules.fair_share_max * p * total, _LE, 0, MONEY)


def add_pool_constraints(model: Model) -> None:
    """Funding pools: each award is split into continuous shares z[i,p] over the pools
    that admit it and the budget outside them, and each pool pays at most its
    appropriation. Shares, not one pool per award, because money is fungible (an award
    paid from two appropriations is ordinary) and they add no binaries. Nothing is added
    with a shared remainder: then only the budget binds."""
    if not model.instance.rules.pools_bind:
        return
    paid: dict[str, list[pulp.LpVariable]] = {}
    for it in model.instance.items:
        shares = []
        for name, _, members in pool_sources(model.instance):
            if members is None or it.id in members:
                z = model.prob.add_variable(model.pulp_name(f"z[{it.id},{name}]"), 0, it.max_units)
                paid.setdefault(name, []).append(z)
                shares.append(z)
        # Hard: it defines where an award's money comes from.
        _add(model, None, f"pool_split[{it.id}]", pulp.lpSum(shares) - model.award[it.id],
             pulp.LpConstraintEQ, 0)
    for name, cap, _ in pool_sources(model.instance):
        _add(model, POOL, f"{POOL}[{name}]", pulp.lpSum(paid.get(name, [])) + 0, _LE, cap, MONEY)


def add_year_constraints(model: Model) -> None:
    """Several years: the awards' payments in each year (award x the year's share) within
    the year's appropriation; with carry_over the running totals instead. Compared with half
    a cent to spare, as model.verify does (payments are made in whole cents)."""
    rules = model.instance.rules
    if not rules.year_cents:
        return
    per_unit = 100 * rules.unit_eur  # cents in one unit
    pay: dict[str, list[pulp.LpAffineExpression]] = {y: [] for y in rules.year_cents}
    for it in model.instance.items:
        for year, share in it.year_shares:
            pay.setdefault(year, []).append(float(share) * model.award[it.id])
    total: list[pulp.LpAffineExpression] = []
    limit = 0
    for year in sorted(pay):
        cents = rules.year_cents.get(year, 0)
        total, limit = ((total + pay[year], limit + cents) if rules.carry_over
                        else (pay[year], cents))
        _add(model, YEAR, f"{YEAR}[{year}]", pulp.lpSum(total) + 0, _LE,
             (limit + 0.5) / per_unit, MONEY)


# --- helpers -----------------------------------------------------------------------------


def _x(model: Model, item_id: str) -> pulp.LpAffineExpression:
    """x_i, or 0 for an id outside the instance (it cannot be funded)."""
    x = model.x.get(item_id)
    return pulp.LpAffineExpression(x) if x is not None else pulp.LpAffineExpression(0)



def _count(model: Model, items: list[Item]) -> pulp.LpAffineExpression:
    return _linear((model.x[it.id], 1) for it in items)


def _linear(pairs: Iterable[tuple[pulp.LpVariable, float]], constant: float = 0
            ) -> pulp.LpAffineExpression:
    """sum c v + constant from (v, c) pairs, a repeated v summed: lpSum's coefficients
    without its intermediate expression objects."""
    pairs = list(pairs)
    expr = pulp.LpAffineExpression(pairs, constant)
    if len(expr) < len(pairs):  # a variable repeated: sum its coefficients instead
        expr = pulp.LpAffineExpression(constant=constant)
        for var, coef in pairs:
            expr[var] = expr[var] + coef if var in expr else coef
    return expr


def _scaled_pairs(expr: Mapping[pulp.LpVariable, float], factor: float
                  ) -> list[tuple[pulp.LpVariable, float]]:
    """The terms of factor * expr, as PuLP computes them (none at all when factor is 0)."""
    return [(v, factor * c) for v, c in expr.items()] if factor != 0 else []


def _terms(exprs: Iterable[pulp.LpAffineExpression]) -> Iterator[tuple[pulp.LpVariable, float]]:
    """The (variable, coefficient) pairs of several expressions (their constants must be 0)."""
    for expr in exprs:
        yield from expr.items()


def changes_expr(model: Model, funded: Collection[str]) -> pulp.LpAffineExpression:
    """sum_{i in funded} (1 - x_i) + sum_{others} x_i: the projects added or removed from
    `funded` (a float constant, as "+ 0.0" gave)."""
    chosen = set(funded)
    pairs = ((x, -1 if i in chosen else 1) for i, x in model.x.items())
    return _linear(pairs, float(sum(1 for i in model.x if i in chosen)))


def _bound_lock(x: pulp.LpVariable, funded: bool | None) -> None:
    if funded is None:
        x.bounds(0, 1)
    else:
        x.bounds(int(funded), int(funded))


def _add(model, family, readable, expr, sense, rhs, unit=None) -> pulp.LpConstraint:
    """Add `expr sense rhs` under a readable name; soft families get slack when elastic."""
    expr = pulp.LpAffineExpression(expr) if not isinstance(expr, pulp.LpAffineExpression) else expr
    if model.elastic and family is not None:
        var = model.prob.add_variable(model.pulp_name(f"slack[{readable}]"), 0)
        weight = _weight(model, family, unit)
        model.slacks[readable] = Slack(family, readable, var, unit, weight)
        # The slack loosens the constraint in its own direction only.
        expr = expr + var if sense == _GE else expr - var
    constraint = pulp.LpConstraint(expr, sense, name=model.pulp_name(readable), rhs=rhs)
    model.prob += constraint
    model.constraints[readable] = constraint
    return constraint


def _weight(model: Model, family: str, unit: str) -> float:
    weights = model.weights
    assert weights is not None  # an elastic model has its weights
    if family == LOCKS:
        return weights.lock
    return 1.0 if unit == MONEY else weights.count


# --- reading a solution ------------------------------------------------------------------


def solution_units(model: Model, tol: float = 1e-5) -> dict[str, int]:
    """Whole-unit awards of funded items from the solved variables.

    Values are rounded; anything farther than `tol` from an integer means the solver's
    answer is not an integer solution and is refused rather than silently rounded.
    """
    units = {}
    for item_id, x in model.x.items():
        funded = _integral(x, tol)
        if funded == 1:
            units[item_id] = _integral_expr(model.award[item_id], item_id, tol)
    return units


def _integral(var: pulp.LpVariable, tol: float) -> int:
    value = var.varValue
    if value is None:
        raise VerificationError(Message.of("solver.verify.no_value", name=var.name))
    if abs(value - round(value)) > tol:
        raise VerificationError(Message.of("solver.verify.fractional_value", value=value,
                                           name=var.name))
    return round(value)


def _integral_expr(expr: pulp.LpAffineExpression, item_id: str, tol: float) -> int:
    value = expr.value()
    if value is None:
        raise VerificationError(Message.of("solver.verify.no_award", id=item_id))
    if abs(value - round(value)) > tol * max(1.0, abs(value)):
        raise VerificationError(Message.of("solver.verify.fractional_award", value=value,
                                           id=item_id))
    return round(value)
