"""Proportional rules on participatory-budgeting data: the Method of Equal Shares and
sequential Phragmén, beside the city's selection and the utilitarian optimum.

The rules are those of the peer library pabutools (version 1.2), computed exactly
(fractions.Fraction) so that their selections are the same as pabutools', tie for tie:

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
  step's selection is the answer.
* **Sequential Phragmén** (`sequential_phragmen`, approval ballots only): voters earn money
  continuously; a project is bought as soon as its supporters together have earned its cost
  (the "maximal load" `(their loads + cost) / supporters` is smallest). As in pabutools it
  stops at the first project so chosen that no longer fits in the budget.

Ties are broken as pabutools' default `lexico_tie_breaking` breaks them: the smallest project
id as a string ("10" before "9"). The per-category caps of a file are not rules of MES or
Phragmén (nor does pabutools apply them); only the utilitarian optimum honours them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from optimizer.errors import InputError, Problem
from optimizer.formats.pabulib import APPROVAL, POINTS_TYPES, PabulibInstance
from optimizer.vocabulary.message import Message

MES, MES_COMPLETED, PHRAGMEN = "mes", "mes_completed", "phragmen"
ACTUAL, UTILITARIAN = "actual", "utilitarian"
RULES = (MES, MES_COMPLETED, PHRAGMEN)
COMPLETION_STEP = Fraction(1, 100)  # of the budget, pabutools' default budget_step


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
    counts: Counter[tuple[tuple[str, Fraction], ...]] = Counter()
    for ballot in inst.ballots:
        points = ballot.points if ballot.points is not None else (1.0,) * len(ballot.projects)
        # Approval utility is the cost (Cost_Sat); points are the utility otherwise.
        counts[tuple(sorted((p, _exact(w)) for p, w in zip(ballot.projects, points,
                                                               strict=True) if w > 0))] += 1
    costs = {p.id: _exact(p.cost) for p in inst.projects}
    approval = inst.vote_type == APPROVAL
    groups = tuple(({p: (costs[p] if approval else u) for p, u in key}, n)
                   for key, n in counts.items())
    return Election(_exact(inst.budget), costs, groups, len(inst.ballots), approval)


def _supporters(election: Election) -> dict[str, list[int]]:
    """Project id -> the indices of the ballot groups that give it a positive utility."""
    out: dict[str, list[int]] = {p: [] for p in election.costs}
    for g, (utility, _) in enumerate(election.groups):
        for project in utility:
            out[project].append(g)
    return out


# --- the Method of Equal Shares ---------------------------------------------------------


def _rho(cost: Fraction, payers: Iterable[tuple[Fraction, Fraction, int]]) -> Fraction:
    """The smallest rho at which supporters (money each, utility, voters) pay `cost`
    together, each `min(money, rho * utility)`; they hold at least `cost` between them."""
    ordered = sorted(payers, key=lambda x: x[0] / x[1])  # the poorest per utility first
    paid = Fraction(0)
    weight = sum((u * n for _, u, n in ordered), Fraction(0))
    for money, utility, n in ordered:
        rho = (cost - paid) / weight
        if rho * utility <= money:
            return rho
        paid += money * n  # this group cannot pay its share at rho: it pays all it has
        weight -= utility * n
    raise AssertionError("_rho needs supporters who can afford the project")


def equal_shares(election: Election, budget: Fraction | None = None) -> tuple[str, ...]:
    """MES without completion: the projects bought, in the order bought. `budget` replaces
    the election's (the completion raises it); each voter starts with budget / voters."""
    budget = election.budget if budget is None else budget
    if election.voters == 0:
        return ()
    groups, costs = election.groups, election.costs
    supporters = _supporters(election)
    # Voters with the same history hold the same money: each group points to a money
    # class, and a purchase moves a class (per utility) to a new one, so the exact
    # arithmetic is done once per class, not once per voter.
    money = [budget / election.voters]
    class_of = {money[0]: 0}
    of_group = [0] * len(groups)
    levels: dict[Fraction, int] = {}  # utility -> a small number (hashing once)
    paying = {p: [(g, levels.setdefault(groups[g][0][p], len(levels)), groups[g][1])
                  for g in s] for p, s in supporters.items()}
    utilities = list(levels)
    left = {p for p, s in supporters.items() if s}  # nobody's utility: never bought
    # rho only grows as voters spend, so a stale rho is a lower bound: a project whose stale
    # rho is above the best one found needs no recomputing this round (pabutools does so).
    rho: dict[str, Fraction] = {p: Fraction(0) for p in left}
    fresh: set[str] = set()
    chosen: list[str] = []
    while left:
        best: Fraction | None = None
        tied: list[str] = []
        for p in sorted(left, key=lambda q: (rho[q], q)):
            if best is not None and rho[p] > best:
                break
            if p not in fresh:
                counts: Counter[tuple[int, int]] = Counter()
                for g, level, n in paying[p]:
                    counts[of_group[g], level] += n
                payers = [(money[c], utilities[u], n) for (c, u), n in counts.items()]
                if sum(m * n for m, _, n in payers) < costs[p]:
                    left.discard(p)  # its supporters cannot pay it, now or later
                    continue
                rho[p] = _rho(costs[p], payers)
                fresh.add(p)
            if best is None or rho[p] < best:
                best, tied = rho[p], [p]
            elif rho[p] == best:
                tied.append(p)
        if best is None:
            break
        pick = min(tied)  # lexicographic tie-breaking on the id, as pabutools
        chosen.append(pick)
        left.discard(pick)
        moved: dict[tuple[int, int], int] = {}
        for g, level, _ in paying[pick]:
            key = (of_group[g], level)
            if key not in moved:
                have = money[key[0]]
                after = have - min(have, best * utilities[level])
                if after not in class_of:  # equal money, one class: fewer to aggregate
                    class_of[after] = len(money)
                    money.append(after)
                moved[key] = class_of[after]
            of_group[g] = moved[key]
            fresh.difference_update(groups[g][0])  # their projects' rho may have changed
    return tuple(chosen)


def total_cost(election: Election, projects: Iterable[str]) -> Fraction:
    return sum((election.costs[p] for p in projects), Fraction(0))


def is_exhaustive(election: Election, projects: Collection[str]) -> bool:
    """No further project (of any support) fits in what the selection leaves of the budget."""
    room = election.budget - total_cost(election, projects)
    return all(p in projects or c > room for p, c in election.costs.items())


def equal_shares_completed(election: Election) -> tuple[str, ...]:
    """MES completed by raising the budget (module doc): pabutools'
    exhaustion_by_budget_increase with its default step (1 % of the budget) and bound."""
    step = election.budget * COMPLETION_STEP
    bound = election.budget * (election.voters + 1)
    current = election.budget
    previous: tuple[str, ...] = ()
    while current <= bound:
        outcome = equal_shares(election, current)
        if total_cost(election, outcome) > election.budget:
            return previous
        if is_exhaustive(election, outcome):
            return outcome
        current += step
        previous = outcome
    return previous


# --- sequential Phragmén ----------------------------------------------------------------


def sequential_phragmen(election: Election) -> tuple[str, ...]:
    """Sequential Phragmén (approval ballots): the projects bought, in the order bought."""
    if not election.approval:
        raise ValueError("sequential Phragmén is defined for approval ballots only")
    groups = election.groups
    supporters = _supporters(election)
    approvals = {p: sum(groups[g][1] for g in s) for p, s in supporters.items()}
    left = {p for p, c in election.costs.items() if c <= election.budget}
    load = [Fraction(0)] * len(groups)  # per voter of each group
    # Sum of the loads of each project's supporters, kept up to date as loads change.
    load_sum: dict[str, Fraction] = {p: Fraction(0) for p in election.costs}
    spent = Fraction(0)
    chosen: list[str] = []
    while left:
        # A project nobody approves has an infinite load (pabutools): None stands for it.
        best: Fraction | None = None
        tied: list[str] = []
        for p in left:
            value = ((load_sum[p] + election.costs[p]) / approvals[p] if approvals[p]
                     else None)
            if not tied or _less(value, best):
                best, tied = value, [p]
            elif value == best:
                tied.append(p)
        # pabutools stops when any project of the tie would break the budget.
        if any(spent + election.costs[p] > election.budget for p in tied):
            break
        pick = min(tied)
        chosen.append(pick)
        left.discard(pick)
        spent += election.costs[pick]
        if best is None:
            continue
        moved: defaultdict[str, Fraction] = defaultdict(Fraction)
        for g in supporters[pick]:
            utility, n = groups[g]
            change = (best - load[g]) * n
            load[g] = best
            for q in utility:
                moved[q] += change
        for q, change in moved.items():
            load_sum[q] += change
    return tuple(chosen)


def _less(a: Fraction | None, b: Fraction | None) -> bool:
    """a < b where None is infinity."""
    return a is not None and (b is None or a < b)


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
