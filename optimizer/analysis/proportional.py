"""Proportional rules on participatory-budgeting data: the Method of Equal Shares and
sequential Phragmén, beside the city's selection and the utilitarian optimum.

The rules are those of the peer library pabutools (version 1.2), computed exactly so that
their selections are the same as pabutools', tie for tie, and faster: each decision is read
in floats and decided again in exact rationals (gmpy2's mpq where installed, else
fractions.Fraction) only where the floats are within a margin of a tie (see the Equal Shares
and Phragmén sections below):

* **Equal Shares (MES)** without completion (`equal_shares`). Every voter gets an equal
  share of the budget. A project is affordable when its supporters together still hold its
  cost; each supporter then pays `min(their money, rho * utility)`, and the project with
  the smallest `rho` is bought. The utility (pabutools' satisfaction measure) is, per vote
  type:
    - approval: the project's cost (`Cost_Sat`, as pabutools and equalshares.net use for
      approval ballots): every supporter pays the same, at most what they have left;
    - cumulative and scoring: the points the ballot gives the project
      (`Additive_Cardinal_Sat`): a supporter pays in proportion to their points.
* **Equal Shares with completion** (`equal_shares_completed`): MES leaves money unspent.
  The completion chosen here is pabutools' `exhaustion_by_budget_increase` (the "add"
  completion the cities using MES apply): run MES again with the budget, and so each voter's
  share, raised in steps of 1 % of the budget, until its selection leaves no room for any
  further project; if a step's selection would cost more than the real budget, the previous
  step's selection is the answer. Every step is run (the outcome need not grow with the
  budget), but what does not depend on the budget is built once for all of them.
* **Sequential Phragmén** (`sequential_phragmen`, approval ballots only): voters earn money
  continuously; a project is bought as soon as its supporters together have earned its cost
  (the "maximal load" `(their loads + cost) / supporters` is smallest). As in pabutools it
  stops at the first project so chosen that no longer fits in the budget.

Ties are broken as pabutools' default `lexico_tie_breaking` breaks them: the smallest project
id as a string ("10" before "9"). The per-category caps of a file are not rules of MES or
Phragmén (nor does pabutools apply them); only the utilitarian optimum honours them.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from optimizer.errors import InputError, Problem
from optimizer.formats.pabulib import APPROVAL, POINTS_TYPES, PabulibInstance
from optimizer.vocabulary.message import Message

MES, MES_COMPLETED, PHRAGMEN = "mes", "mes_completed", "phragmen"
ACTUAL, UTILITARIAN = "actual", "utilitarian"
RULES = (MES, MES_COMPLETED, PHRAGMEN)
COMPLETION_STEP = Fraction(1, 100)  # of the budget, pabutools' default budget_step

# gmpy2's rationals are exact as Fraction and several times faster (pabutools uses them);
# grantopt does not need them.
if TYPE_CHECKING:
    Q = Fraction
else:
    try:
        from gmpy2 import mpq as Q
    except ImportError:  # pragma: no cover
        Q = Fraction


def _q(value: Fraction | int) -> Q:
    return Q(value.numerator, value.denominator) if isinstance(value, Fraction) else Q(value)


@dataclass(frozen=True)
class Election:
    """A pabulib instance in exact numbers, for the rules.

    `groups` holds each distinct ballot once with how many voters cast it: voters with the
    same ballot pay and earn the same in every rule, so they are counted, not repeated."""

    budget: Fraction
    costs: Mapping[str, Fraction]  # project id -> cost, in the file's order
    groups: tuple[tuple[Mapping[str, Fraction], int], ...]  # (project -> utility, voters)
    voters: int
    approval: bool


def _exact(value: float) -> Fraction:
    # The file's decimal, not the binary float: repr gives back the digits the file wrote
    # (pabutools reads "804828.79" as exactly 80482879/100).
    return Fraction(repr(value))


def election_of(inst: PabulibInstance) -> Election:
    """The instance for the rules; InputError for ordinal ballots (no rule here reads them)."""
    if inst.vote_type != APPROVAL and inst.vote_type not in POINTS_TYPES:
        raise InputError(Problem(Message.of("analysis.proportional.ballots",
                                            kind=inst.vote_type), file=inst.file))
    # Ballots grouped as read (floats), each distinct one made exact once.
    counts: Counter[tuple[tuple[str, float], ...]] = Counter()
    for ballot in inst.ballots:
        points = ballot.points if ballot.points is not None else (1.0,) * len(ballot.projects)
        counts[tuple(sorted((p, w) for p, w in zip(ballot.projects, points, strict=True)
                            if w > 0))] += 1
    costs = {p.id: _exact(p.cost) for p in inst.projects}
    approval = inst.vote_type == APPROVAL
    exact = functools.cache(_exact)
    # Approval utility is the cost (Cost_Sat); points are the utility otherwise.
    groups = tuple(({p: costs[p] if approval else exact(w) for p, w in key}, n)
                   for key, n in counts.items())
    return Election(_exact(inst.budget), costs, groups, len(inst.ballots), approval)


# --- the Method of Equal Shares ---------------------------------------------------------
# Exact, and fast: every decision MES takes (is a project affordable, is a voter poorer than
# her share, which rho is smallest) is first read in floating point; where the floats are
# within a margin of a tie (far above their rounding error) it is decided again in exact
# rationals. A voter's exact money is worked out only when a decision needs it, from the
# prices of what she helped buy; the money of every voter is kept as a float beside it.

# The margin, relative to the money and prices compared. A float of the money is off by at
# most a few units in the last place (2**-52) per purchase: 1e-9 is far outside that.
_MARGIN = 1e-9


@dataclass(frozen=True)
class _Supporters:
    """One project's supporting ballot groups, as arrays for numpy and exactly."""

    groups: np.ndarray  # indices of the groups
    voters: np.ndarray  # voters per group (float)
    utility: np.ndarray  # each group's utility for the project (float)
    exact: tuple[Q, ...]  # the same utilities, exact
    weight: Q  # sum of utility * voters, exact
    # utility = unit * steps exactly, steps whole (int64, their weighted sum too): a sum of
    # utilities over any voters is then one integer dot product. None where they would not fit.
    unit: Q
    steps: np.ndarray | None
    counts: np.ndarray  # voters per group (int64)

    def weight_of(self, chosen: np.ndarray) -> Q:
        """sum of utility * voters over the chosen supporters (a boolean mask), exact."""
        if self.steps is not None:
            return self.unit * int(np.dot(self.steps[chosen], self.counts[chosen]))
        return sum((self.exact[i] * int(self.counts[i]) for i in np.flatnonzero(chosen)),
                   _q(0))


def _supporters_of(groups: list[int], exact: tuple[Q, ...], counts: list[int]) -> _Supporters:
    n = np.array([counts[g] for g in groups], dtype=np.int64)
    weight = sum((u * int(k) for u, k in zip(exact, n, strict=True)), _q(0))
    unit = exact[0] if len(set(exact)) == 1 else _q(1) / math.lcm(*(
        int(u.denominator) for u in exact))
    whole = [u / unit for u in exact]
    steps = None
    if all(w.denominator == 1 for w in whole) and (
            int(max(whole)) * int(n.sum()) < 2**62):
        steps = np.array([int(w) for w in whole], dtype=np.int64)
    return _Supporters(np.array(groups, dtype=np.intp), n.astype(float),
                       np.array([float(u) for u in exact]), exact, weight, unit, steps, n)


class _Mes:
    """The parts of MES that do not depend on the budget, built once for every completion
    step: each project's supporters, and which projects share a supporter."""

    def __init__(self, election: Election) -> None:
        self.election = election
        self.costs = {p: _q(c) for p, c in election.costs.items()}
        self.counts = [n for _, n in election.groups]
        members: dict[str, list[int]] = {p: [] for p in election.costs}
        for g, (utility, _) in enumerate(election.groups):
            for project in utility:
                members[project].append(g)
        self.supporters = {p: _supporters_of(gs, tuple(_q(election.groups[g][0][p]) for g in gs),
                                          self.counts)
                           for p, gs in members.items() if gs}  # nobody's: never bought
        # Projects sharing a supporter: the incidence matrix times its transpose.
        ids = list(self.supporters)
        incidence = np.zeros((len(self.counts), len(ids)), dtype=np.float32)
        for j, p in enumerate(ids):
            incidence[self.supporters[p].groups, j] = 1.0
        overlap = (incidence.T @ incidence) > 0
        self.shares = {p: {ids[k] for k in np.flatnonzero(overlap[j])}
                       for j, p in enumerate(ids)}
        # A voter who never paid all she had holds share - sum(rho * utility) over what she
        # helped buy; one who did holds nothing. The utilities as whole steps, one column per
        # project, turn a sum of money over many voters into one integer product (_MesRun).
        self.column = {p: j for j, p in enumerate(ids)}
        self.steps = np.zeros((len(self.counts), len(ids)), dtype=np.int64)
        self.loose: set[str] = set()  # projects whose utilities have no such steps
        for j, p in enumerate(ids):
            sup = self.supporters[p]
            if sup.steps is None:
                self.loose.add(p)
            else:
                self.steps[sup.groups, j] = sup.steps
        self.ballots = [{p: _q(u) for p, u in utility.items()}
                        for utility, _ in election.groups]

    def run(self, budget: Fraction) -> tuple[str, ...]:
        return _MesRun(self, _q(budget) / self.election.voters).run()


class _MesRun:
    """One run of MES with `share` per voter (the comment above _MARGIN)."""

    def __init__(self, mes: _Mes, share: Q) -> None:
        self.mes, self.share = mes, share
        self.fshare = float(share)
        size = len(mes.counts)
        self.money = np.full(size, self.fshare)  # each group's voter's money, as a float
        self.broke = np.zeros(size, dtype=bool)  # paid all they had: exactly nothing left
        self.bought: list[str] = []
        self.rhos: list[Q] = []  # of what was bought

    def exact_money(self, g: int) -> Q:
        if self.broke[g]:
            return _q(0)
        ballot = self.mes.ballots[g]
        return self.share - sum((rho * ballot[p] for p, rho in zip(
            self.bought, self.rhos, strict=True) if p in ballot), _q(0))

    def money_of(self, groups: np.ndarray, counts: np.ndarray) -> Q:
        """The exact money of these groups' voters together (counts: voters per group)."""
        keep = ~self.broke[groups]
        groups, counts = groups[keep], counts[keep]
        total = self.share * int(counts.sum())
        if not self.bought or not len(groups):
            return total
        mes = self.mes
        spent = counts @ mes.steps[groups][:, [mes.column[p] for p in self.bought]]
        for k, (p, rho) in enumerate(zip(self.bought, self.rhos, strict=True)):
            if p in mes.loose:
                total -= rho * sum((mes.ballots[g].get(p, _q(0)) * int(n) for g, n in zip(
                    groups.tolist(), counts.tolist(), strict=True)), _q(0))
            elif spent[k]:
                total -= rho * mes.supporters[p].unit * int(spent[k])
        return total

    def affordable(self, p: str) -> bool:
        """Do p's supporters hold its cost between them?"""
        s, cost = self.mes.supporters[p], self.mes.costs[p]
        total = float(np.dot(self.money[s.groups], s.voters))
        margin = _MARGIN * (float(cost) + self.fshare * float(s.voters.sum()))
        if abs(total - float(cost)) > margin:
            return total > float(cost)
        return self.money_of(s.groups, s.counts) >= cost

    def rho(self, p: str) -> tuple[Q, np.ndarray]:
        """The smallest rho at which p's supporters pay its cost, each min(money, rho *
        utility), and which of them pay all they have (the poor): pabutools' poor/rich
        iteration, each comparison certain."""
        s, cost = self.mes.supporters[p], self.mes.costs[p]
        # Those with nothing left pay nothing at any positive rho (and are then poor).
        poor = self.broke[s.groups] if cost > 0 else np.zeros(len(s.groups), dtype=bool)
        paid, weight = _q(0), s.weight - s.weight_of(poor) if poor.any() else s.weight
        money = self.money[s.groups]
        while True:
            rho = (cost - paid) / weight
            price = float(rho) * s.utility
            margin = _MARGIN * (self.fshare + price)
            sure = ~poor & (money < price - margin)
            for i in np.flatnonzero(~poor & ~sure & (money < price + margin)):
                if self.exact_money(int(s.groups[i])) < rho * s.exact[i]:
                    sure[i] = True
            if not sure.any():
                return rho, poor
            paid += self.money_of(s.groups[sure], s.counts[sure])
            weight -= s.weight_of(sure)
            poor = poor | sure

    def bounds(self, p: str) -> tuple[float, float] | None:
        """An interval holding p's rho, from floats alone (the poor/rich iteration of `rho`,
        its error bounded, far above the rounding); None where a voter's money is too close to
        her price to tell, or the interval too wide: then only the exact rho will do."""
        s, cost = self.mes.supporters[p], float(self.mes.costs[p])
        poor = self.broke[s.groups] if cost > 0 else np.zeros(len(s.groups), dtype=bool)
        weight = s.weight - s.weight_of(poor) if poor.any() else s.weight
        money, paid = self.money[s.groups], 0.0
        while True:
            rho = (cost - paid) / float(weight)
            price = rho * s.utility
            sure = ~poor & (money < price)
            if not sure.any():
                break
            paid += float(np.dot(money[sure], s.voters[sure]))
            weight -= s.weight_of(sure)
            poor = poor | sure
            if weight <= 0:
                return None
        margin = _MARGIN * (self.fshare + price)
        if np.any(~self.broke[s.groups] & (np.abs(money - price) <= margin)):
            return None
        error = 1e-11 * (cost + self.fshare * float(s.voters.sum())) / float(weight)
        error += 1e-15 * rho
        if error * float(s.utility.max()) > 0.25 * _MARGIN * self.fshare:
            return None
        return rho - error, rho + error

    def buy(self, p: str, rho: Q, poor: np.ndarray) -> None:
        s = self.mes.supporters[p]
        self.bought.append(p)
        self.rhos.append(rho)
        self.money[s.groups] -= float(rho) * s.utility
        self.money[s.groups[poor]] = 0.0
        self.broke[s.groups[poor]] = True

    def run(self) -> tuple[str, ...]:
        mes = self.mes
        left = set(mes.supporters)
        # rho only grows as voters spend, so a stale rho is a lower bound: a project whose
        # stale rho is above the best one found needs no recomputing (pabutools does so).
        # Each project's rho is known within [low, high] (floats, `bounds`), exactly only
        # for those that may be the smallest.
        low: dict[str, float] = dict.fromkeys(left, -math.inf)
        high: dict[str, float] = dict.fromkeys(left, math.inf)
        exact: dict[str, tuple[Q, np.ndarray]] = {}
        stale = set(left)
        while left:
            best = math.inf
            seen: list[str] = []
            for p in sorted(left, key=low.__getitem__):
                if low[p] > best:
                    break
                if p in stale:
                    stale.discard(p)
                    exact.pop(p, None)
                    if not self.affordable(p):
                        left.discard(p)  # its supporters cannot pay it, now or later
                        continue
                    found = self.bounds(p)
                    if found is None:
                        exact[p] = self.rho(p)
                        value = float(exact[p][0])
                        found = (math.nextafter(value, -math.inf),
                                 math.nextafter(value, math.inf))
                    low[p], high[p] = found
                seen.append(p)
                best = min(best, high[p])
            if not seen:
                break
            tied: list[str] = []
            least: Q | None = None
            for p in seen:
                if low[p] > best:
                    continue  # surely above the smallest
                if p not in exact:
                    exact[p] = self.rho(p)
                rho = exact[p][0]
                if least is None or rho < least:
                    least, tied = rho, [p]
                elif rho == least:
                    tied.append(p)
            assert least is not None
            pick = min(tied)  # lexicographic tie-breaking on the id, as pabutools
            left.discard(pick)
            self.buy(pick, least, exact[pick][1])
            stale |= mes.shares[pick]  # their supporters' money changed
        return tuple(self.bought)


def equal_shares(election: Election, budget: Fraction | None = None) -> tuple[str, ...]:
    """MES without completion: the projects bought, in the order bought. `budget` replaces
    the election's (the completion raises it); each voter starts with budget / voters."""
    if election.voters == 0:
        return ()
    return _Mes(election).run(election.budget if budget is None else budget)


def total_cost(election: Election, projects: Iterable[str]) -> Fraction:
    return sum((election.costs[p] for p in projects), Fraction(0))


def is_exhaustive(election: Election, projects: Collection[str]) -> bool:
    """No further project (of any support) fits in what the selection leaves of the budget."""
    room = election.budget - total_cost(election, projects)
    return all(p in projects or c > room for p, c in election.costs.items())


def equal_shares_completed(election: Election) -> tuple[str, ...]:
    """MES completed by raising the budget (module doc): pabutools'
    exhaustion_by_budget_increase with its default step (1 % of the budget) and bound."""
    return completion(election)[0]


def completion(election: Election) -> tuple[tuple[str, ...], Fraction | None]:
    """equal_shares_completed's selection and the budget of the MES run that gave it (None:
    not even the first step's selection fits the budget)."""
    if election.voters == 0:
        return (), None
    mes = _Mes(election)  # built once: only the voters' money depends on the budget
    step = election.budget * COMPLETION_STEP
    bound = election.budget * (election.voters + 1)
    current = election.budget
    previous: tuple[tuple[str, ...], Fraction | None] = ((), None)
    while current <= bound:
        outcome = mes.run(current)
        if total_cost(election, outcome) > election.budget:
            return previous
        if is_exhaustive(election, outcome):
            return outcome, current
        previous = outcome, current
        current += step
    return previous


# --- sequential Phragmén ----------------------------------------------------------------


def sequential_phragmen(election: Election) -> tuple[str, ...]:
    """Sequential Phragmén (approval ballots): the projects bought, in the order bought.

    A voter's load is always the maximal load of the last project she helped buy, so the
    loads are counted per value: `count[j, q]` voters approve q and carry the j-th load.
    Each project's new maximal load is read in floats (a sum of non-negative terms, off by
    far less than the margin), and exactly for those that may be the smallest."""
    if not election.approval:
        raise ValueError("sequential Phragmén is defined for approval ballots only")
    ids = list(election.costs)
    column = {p: j for j, p in enumerate(ids)}
    voters = np.zeros((len(election.groups), len(ids)), dtype=np.int64)
    for g, (utility, n) in enumerate(election.groups):
        for project in utility:
            voters[g, column[project]] = n
    approvals = voters.sum(axis=0)
    costs = [_q(election.costs[p]) for p in ids]
    fcosts = np.array([float(c) for c in costs])
    budget = _q(election.budget)
    loads: list[Q] = [_q(0)]
    floads = np.zeros(len(ids) + 1)
    count = np.zeros((len(ids) + 1, len(ids)), dtype=np.int64)
    count[0] = approvals
    last = np.zeros(len(election.groups), dtype=np.intp)  # each group's load, by index
    left = [j for j, c in enumerate(costs) if c <= budget]
    spent = _q(0)
    chosen: list[str] = []
    while left:
        here = np.array(left, dtype=np.intp)
        tied = _least_loads(here, count[:len(loads)], floads[:len(loads)], loads, costs,
                            fcosts, approvals)
        # pabutools stops when any project of the tie would break the budget.
        if any(spent + costs[j] > budget for j in tied):
            break
        pick = min(tied, key=ids.__getitem__)
        chosen.append(ids[pick])
        left.remove(pick)
        spent += costs[pick]
        if not approvals[pick]:
            continue
        # Its supporters now carry its maximal load: move their counts to a new row.
        new = len(loads)
        loads.append((sum((load * int(k) for load, k in zip(loads, count[:new, pick],
                                                               strict=True) if k), _q(0))
                      + costs[pick]) / int(approvals[pick]))
        floads[new] = float(loads[new])
        rows = np.flatnonzero(voters[:, pick])
        rows = rows[np.argsort(last[rows], kind="stable")]
        moved = voters[rows]
        old, starts = np.unique(last[rows], return_index=True)
        count[old] -= np.add.reduceat(moved, starts, axis=0)
        count[new] += moved.sum(axis=0)
        last[rows] = new
    return tuple(chosen)


def _least_loads(here: np.ndarray, count: np.ndarray, floads: np.ndarray, loads: list[Q],
                 costs: list[Q], fcosts: np.ndarray, approvals: np.ndarray) -> list[int]:
    """The projects (of `here`) whose new maximal load is the smallest, exactly; a project
    nobody approves has an infinite one (pabutools)."""
    supported = approvals[here] > 0
    if not supported.any():
        return here.tolist()  # every one infinite: all tied
    here = here[supported]
    values = (floads @ count[:, here] + fcosts[here]) / approvals[here]
    near = here[values <= values.min() * (1 + _MARGIN)]
    exact = {int(j): (sum((load * int(k) for load, k in zip(loads, count[:, j], strict=True)
                           if k), _q(0)) + costs[j]) / int(approvals[j]) for j in near}
    least = min(exact.values())
    return [j for j, v in exact.items() if v == least]


# --- the comparison ---------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One selection and what it gives the voters."""

    rule: str  # ACTUAL, UTILITARIAN, MES, MES_COMPLETED or PHRAGMEN
    selected: tuple[str, ...]  # in the file's order
    cost: float
    share: float  # of the budget
    support: float  # approvals or points of the selected projects (PabulibInstance.support)
    voters_served: int  # ballots that give at least one selected project support
    overlap: int | None  # projects also in the city's selection; None: the file has none


@dataclass(frozen=True)
class Comparison:
    file: str
    vote_type: str
    budget: float
    projects: int
    voters: int
    capped: bool  # the file caps categories: only the utilitarian optimum honours the caps
    outcomes: tuple[Outcome, ...]
    not_applied: tuple[str, ...] = ()  # the rules the file's ballots do not define


def rules_for(vote_type: str) -> tuple[str, ...]:
    """The proportional rules defined for a vote type (Phragmén: approval only)."""
    if vote_type == APPROVAL:
        return RULES
    return (MES, MES_COMPLETED) if vote_type in POINTS_TYPES else ()


def run_rule(rule: str, election: Election) -> tuple[str, ...]:
    if rule == MES:
        return equal_shares(election)
    if rule == MES_COMPLETED:
        return equal_shares_completed(election)
    if rule == PHRAGMEN:
        return sequential_phragmen(election)
    raise ValueError(f"unknown rule {rule!r}")


def outcome(inst: PabulibInstance, rule: str, selected: Collection[str]) -> Outcome:
    chosen = set(selected)
    support = inst.support()
    ordered = tuple(p.id for p in inst.projects if p.id in chosen)
    cost = math.fsum(p.cost for p in inst.projects if p.id in chosen)
    served = sum(1 for b in inst.ballots if any(
        p in chosen and w > 0 for p, w in zip(
            b.projects, b.points if b.points is not None else (1.0,) * len(b.projects),
            strict=True)))
    overlap = len(chosen & set(inst.selected)) if inst.has_selected else None
    return Outcome(rule, ordered, cost, cost / inst.budget, math.fsum(
        support[p] for p in ordered), served, overlap)


def compare_rules(inst: PabulibInstance, utilitarian: Collection[str] | None = None
                  ) -> Comparison:
    """The city's selection (when the file has one), the utilitarian optimum (when given:
    the model layer's solve, which honours the category caps) and every proportional rule
    defined for the file's ballots (none for rankings: the rules read approvals or points;
    `not_applied` names the rest)."""
    applied = rules_for(inst.vote_type)
    rows: list[Outcome] = []
    if inst.has_selected:
        rows.append(outcome(inst, ACTUAL, inst.selected))
    if utilitarian is not None:
        rows.append(outcome(inst, UTILITARIAN, utilitarian))
    if applied:
        election = election_of(inst)
        rows += [outcome(inst, rule, run_rule(rule, election)) for rule in applied]
    return Comparison(inst.file, inst.vote_type, inst.budget, len(inst.projects),
                      len(inst.ballots), bool(inst.category_caps), tuple(rows),
                      tuple(r for r in RULES if r not in applied))
