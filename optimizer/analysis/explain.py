"""Why each application is in or out of the optimum, and what it would take to change that.

For every application of the instance, with V* the optimum:

* out of the optimum: V_in = the optimum with the application forced in (locks.fund), and
  the *loss* V* - V_in: what funding it would cost the portfolio. Infinite when forcing it
  in is infeasible (it does not fit whatever else is dropped, or it breaks a rule);
* in the optimum: V_out = the optimum with it forced out (locks.reject), and the *safety
  margin* V* - V_out: what losing it would cost;
* the rules that bind it at the optimum (`Binding`, analysis.bindings), and for
  applications left out of the instance, the eligibility reasons (Instance.excluded).

The rows and their table are analysis.explanation; what a row says is message codes
(analysis.explain_sentences, vocabulary/catalog/explain.py): `ExplainRow.sentence` is the
English, `ExplainRow.sentence_in(lang)` any language.

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

import contextlib
import dataclasses
import math
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from itertools import combinations
from typing import Any

from optimizer.analysis.bindings import EXCLUDED, IN, OUT, Context
from optimizer.analysis.compare import closest_optimum
from optimizer.analysis.executor import cpus
from optimizer.analysis.explain_sentences import row_messages, said, sentence
from optimizer.analysis.explanation import ExplainRow, Explanation, Moved
from optimizer.errors import (
    InfeasibleError,
    ScenarioError,
    SolverError,
    VerificationError,
    suggest,
)
from optimizer.model.formulation import Model, build_model
from optimizer.model.instance import (
    FEASIBLE,
    FULL,
    INFEASIBLE,
    OPTIMAL,
    PARTIAL,
    SYNERGY,
    Instance,
    Item,
    Result,
)
from optimizer.model.knapsack import choose_method, is_budget_only
from optimizer.model.resident import Answer, Resident
from optimizer.model.running import _CANCEL, cancellable
from optimizer.model.solve import OBJECTIVE_RTOL, solve
from optimizer.model.ties import RESIDENT_MAX_ITEMS, is_optimal, settle_resident, tie_tol
from optimizer.model.verify import check
from optimizer.vocabulary.message import Message

# What callers import from here: the verb, its result, and a row in words.
__all__ = ["EXCLUDED", "IN", "OUT", "ExplainRow", "Explanation", "Moved", "explain",
           "score_change", "sentence"]

LOSS_TOL = 1e-9  # relative: smaller losses are float noise (a tie)
# _Near: up to this many changes besides the flip tried directly (3: C(n, 3) sets, 26,235
# at 2020's 56 applications), on rounds of up to NEAR_MAX_ITEMS applications, checking at
# most NEAR_MAX_CHECKS sets per number of changes; a float margin below the optimum before
# the exact check.
NEAR_MAX_EXTRA, NEAR_MAX_ITEMS, NEAR_MAX_CHECKS, NEAR_RTOL = 3, 80, 60, 1e-7
MAX_SIDE_BY_SIDE = 4  # partial mode's flips: at most this many threads (_side_by_side)
NEAR_TRIAL, NEAR_MIN_HITS = 10, 0.4  # _Near's trial: flips, and the share it must answer
NEAR_MAX_ROWS, NEAR_ROW_TOL = 200, 1e-6  # _Near's row filter: rows used, relative slack


def explain(
    instance: Instance,
    ids: Iterable[str] | None = None,
    solver: str = "cbc",
    base: Result | None = None,
    time_limit: float | None = None,
) -> Explanation:
    """One row per application (`ids`, in that order; default: all, then the excluded).

    `base`: the optimum of `instance` if already solved (else it is solved here). Two extra
    solves per application of the instance (its flip, then the closest such optimum), all
    on one program kept in memory (model.resident), the item's bounds changed in place.
    """
    wanted = _wanted(instance, ids)
    if base is None:
        base = solve(instance, solver=solver, time_limit=time_limit, method="ip")
    ctx = Context(instance, base)
    excluded = {e.id: e.reasons for e in instance.excluded}
    resident = _Lazy(instance, time_limit, base)  # one program for every flip, built when asked
    flips = (_side_by_side(instance, base, [i for i in wanted if i not in excluded], solver,
                           time_limit) if instance.rules.mode == PARTIAL else {})
    rows = []
    for item_id in wanted:
        if item_id in excluded:
            rows.append(_excluded_row(instance, item_id, excluded[item_id]))
            continue
        forced = (flips[item_id] if item_id in flips
                  else _flipped(resident, base, item_id, solver, time_limit))
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


def _side_by_side(instance: Instance, base: Result, ids: list[str], solver: str,
                  time_limit: float | None) -> dict[str, Result | InfeasibleError]:
    """Partial mode: each flip is runs of the scenario's solver (a process each) on the
    flipped program; the flips are independent, so they run side by side, one thread per
    CPU (the threads wait on the solver processes), each thread with its own program. The
    same programs are solved as one after another, so the answers are the same. {} where
    there is one CPU. The caller's cancelling (model.running) holds in every thread."""
    workers = min(len(ids), MAX_SIDE_BY_SIDE, cpus())
    if workers <= 1:
        return {}
    event = getattr(_CANCEL, "event", None)
    local = threading.local()

    def one(item_id: str) -> Result | InfeasibleError:
        lazy = getattr(local, "lazy", None)
        if lazy is None:
            lazy = local.lazy = _Lazy(instance, time_limit, base)
        with cancellable(event) if event is not None else contextlib.nullcontext():
            return _flipped(lazy, base, item_id, solver, time_limit)

    with ThreadPoolExecutor(workers) as pool:
        return dict(zip(ids, pool.map(one, ids), strict=True))


class _Lazy:
    """The program of an instance for its flips, built at its first use (never, where the
    knapsack DP answers every flip): the resident one (model.resident), or in partial mode,
    where HiGHS is slow on the integer awards, a PuLP model for the solver; and the
    instance with its current locks."""

    def __init__(self, instance: Instance, time_limit: float | None,
                 base: Result | None = None) -> None:
        self.base, self.time_limit = instance, time_limit
        self.instance = instance
        self._program: Resident | Model | None = None
        self.near = _Near(instance, base.units if base is not None else {})

    def force(self, item_id: str, funded: bool | None) -> None:
        if self._program is not None:
            self._program.force(item_id, funded)
            self.instance = self._program.instance
        else:
            self.instance = _locked(self.instance, item_id, funded)

    def program(self) -> Resident | Model:
        if self._program is None:
            self._program = (build_model(self.base) if self.base.rules.mode == PARTIAL
                             else Resident(self.base, self.time_limit,
                                           lean=len(self.base.items) <= RESIDENT_MAX_ITEMS))
            rules, base = self.instance.rules, self.base.rules
            for i in sorted((rules.fund ^ base.fund) | (rules.reject ^ base.reject)):
                self._program.force(
                    i, True if i in rules.fund else False if i in rules.reject else None)
            self.instance = self._program.instance
        return self._program


class _Near:
    """The tie rule's pick for a flip (model.ties: among the optimal portfolios the fewest
    changes from the optimum, then the earliest ids) found by trying every portfolio a few
    changes from the optimum instead of by solves, where value and spend are sums over the
    funded items (full mode, no synergy): each change adds or takes one item's value and
    cost, so the sums of every set of up to NEAR_MAX_EXTRA other changes are computed once
    (numpy) and each flip only filters them by the budget and the flipped optimum's value.
    The few sets left are checked against every rule and the exact value (model.ties.
    is_optimal), as any solver's answer is, the earliest ids first: the first number of
    changes with an optimal portfolio is the fewest, and its first optimal one the rule's.
    None (the solves decide) past NEAR_MAX_EXTRA extra changes, with more than
    NEAR_MAX_CHECKS sets to check, or where one is worth more than the solver's optimum.
    Where it answers fewer than NEAR_MIN_HITS of its first NEAR_TRIAL flips (rules that
    its sum filters miss, as fair shares: many sets to check, few optimal), it stops
    trying: the solves are cheaper there.
    Either way the portfolio is the rule's."""

    def __init__(self, instance: Instance, base_units: Mapping[str, int]) -> None:
        rules = instance.rules
        self.ok = (rules.mode == FULL and bool(base_units)
                   and not any(link.kind == SYNERGY for link in rules.links))
        self.base = dict(base_units)
        self.ids = [it.id for it in instance.items]
        self._sums: list[tuple[Any, Any, Any]] | None = None
        self._rows: tuple[Any, Any, Any, Any, list[Any]] | None = None
        self.tries = self.hits = 0
        if not self.ok:
            return
        # +1: an item the optimum leaves out comes in; -1: one it funds goes out
        self.sign = [-1.0 if i in self.base else 1.0 for i in self.ids]
        self.dv = [s * instance.item_value(it, it.max_units)
                   for s, it in zip(self.sign, instance.items, strict=True)]
        self.dc = [int(s) * it.max_units
                   for s, it in zip(self.sign, instance.items, strict=True)]
        self.value0 = instance.value(self.base)
        self.spend0 = instance.spend(self.base)

    def _combos(self) -> list[tuple[Any, Any, Any]]:
        """Per number of extra changes: the index sets, their value and cost sums."""
        if self._sums is None:
            import numpy as np

            n, dv, dc = len(self.ids), np.array(self.dv), np.array(self.dc, dtype=np.int64)
            self._sums = []
            for k in range(NEAR_MAX_EXTRA + 1):
                sets = list(combinations(range(n), k))
                idx = np.array(sets, dtype=np.int64).reshape(len(sets), k)
                self._sums.append((idx, dv[idx].sum(axis=1), dc[idx].sum(axis=1)))
        return self._sums

    def use_rows(self, model: Model) -> None:
        """The program's rows over the x columns only (its pure 0-1 rows: fair shares,
        regions, leads, years), as a filter before the rule check: a set that breaks one
        by more than NEAR_ROW_TOL is not checked (verify, the arbiter, would refuse it, and
        so would the solver). Once."""
        if self._rows is not None or not self.ok or len(self.ids) > NEAR_MAX_ITEMS:
            return
        import numpy as np

        col = {x.name: j for j, x in enumerate(model.x[i] for i in self.ids)}
        sign = np.array(self.sign)
        inside = np.array([i in self.base for i in self.ids])
        coefs, const, senses = [], [], []
        for c in model.prob.constraints():
            row = np.zeros(len(self.ids))
            if not all(v.name in col for v in c):
                continue
            for v, a in c.items():
                row[col[v.name]] = a
            coefs.append(row)
            const.append(c.constant)
            senses.append(c.sense)
            if len(coefs) >= NEAR_MAX_ROWS:
                break
        a = np.array(coefs).reshape(len(coefs), len(self.ids))
        const_a = np.array(const, dtype=float)
        tol = NEAR_ROW_TOL * np.maximum(1.0, np.maximum(np.abs(const_a),
                                                       np.abs(a).max(axis=1, initial=0.0)))
        delta = a * sign  # what changing item j does to each row
        act0 = a[:, inside].sum(axis=1) + const_a
        sums = [delta[:, idx].sum(axis=2) for idx, _, _ in self._combos()]
        self._rows = (delta, act0, np.array(senses), tol, sums)

    def _rows_keep(self, level: int, pos: int) -> Any:
        """Per set of this many extra changes: meets every 0-1 row (within NEAR_ROW_TOL)."""
        import numpy as np

        assert self._rows is not None
        delta, act0, senses, tol, sums = self._rows
        slack = (act0 + delta[:, pos])[:, None] + sums[level]
        t = tol[:, None]
        ok = np.where((senses == 1)[:, None], slack >= -t,
                      np.where((senses == -1)[:, None], slack <= t, np.abs(slack) <= t))
        return ok.all(axis=0)

    def closest(self, flipped: Instance, item_id: str, value: float) -> dict[str, int] | None:
        if not self.ok or len(self.ids) > NEAR_MAX_ITEMS or (
                self.tries >= NEAR_TRIAL and self.hits < NEAR_MIN_HITS * self.tries):
            return None
        self.tries += 1
        found = self._closest(flipped, item_id, value)
        self.hits += found is not None
        return found

    def _closest(self, flipped: Instance, item_id: str, value: float) -> dict[str, int] | None:
        import numpy as np

        rules = flipped.rules
        pos = self.ids.index(item_id)
        # Items whose change a lock forbids (the flipped item itself is changed anyway).
        frozen = [j for j, i in enumerate(self.ids) if j != pos and (
            (i in rules.fund and i in self.base) or (i in rules.reject and i not in self.base))]
        margin = value - NEAR_RTOL * max(1.0, abs(value))
        v0, c0 = self.value0 + self.dv[pos], self.spend0 + self.dc[pos]
        budget, units = rules.budget_units, {it.id: it.max_units for it in flipped.items}
        for level, (idx, sv, sc) in enumerate(self._combos()):
            keep = (c0 + sc <= budget) & (v0 + sv >= margin)
            if self._rows is not None:
                keep &= self._rows_keep(level, pos)
            if idx.shape[1]:
                keep &= ~(idx == pos).any(axis=1)
                if frozen:
                    keep &= ~np.isin(idx, frozen).any(axis=1)
            rows = np.flatnonzero(keep)
            if len(rows) > NEAR_MAX_CHECKS:
                return None
            order = sorted(self.ids)
            sets = sorted((set(self.base) ^ {self.ids[pos], *(self.ids[j] for j in idx[r])}
                           for r in rows), key=lambda f: tuple(i not in f for i in order))
            for funded in sets:  # the earliest ids first: the first optimal one is the pick
                portfolio = {i: units[i] for i in sorted(funded)}
                if is_optimal(flipped, portfolio, value):
                    if flipped.value(portfolio) > value + tie_tol(value):
                        return None  # the solver's optimum was short: the solves decide
                    return portfolio
        return None


def _locked(instance: Instance, item_id: str, funded: bool | None) -> Instance:
    """`instance` with one item forced in or out or released, as Model.force does."""
    rules = instance.rules
    fund, reject = rules.fund - {item_id}, rules.reject - {item_id}
    if funded is True:
        fund |= {item_id}
    elif funded is False:
        reject |= {item_id}
    return instance.with_rules(fund=frozenset(fund), reject=frozenset(reject))


def _flipped(lazy: _Lazy, base: Result, item_id: str, solver: str,
             time_limit: float | None) -> Result | InfeasibleError:
    """The optimum with `item_id`'s decision flipped, with the portfolio among its optima
    that moves fewest other projects (so an explanation names only the projects that must
    move), among those the earliest ids (model.ties' rule, so no solver option picks it);
    InfeasibleError (with its diagnosis) when no portfolio allows the flip. By the
    knapsack DP where only the budget binds, else on the resident program, the item's
    bounds changed and restored; verified either way."""
    rules = lazy.instance.rules
    restore = True if item_id in rules.fund else False if item_id in rules.reject else None
    lazy.force(item_id, item_id not in base.units)
    try:
        flipped = lazy.instance
        if is_budget_only(flipped) and choose_method(flipped) == "dp":
            forced = solve(flipped, solver=solver, time_limit=time_limit)
            if _alone(forced, base, item_id):
                return forced
            near = closest_optimum(flipped, base.units, forced.objective, solver, time_limit)
            return dataclasses.replace(forced, units=near.units)
        resident = lazy.program()
        flipped = resident.instance
        if isinstance(resident, Model):  # partial mode: the solver, one run per solve
            forced = solve(flipped, solver=solver, time_limit=time_limit, model=resident)
            # One change (the item's own) is the fewest, and only one set makes it.
            alone = forced.status == OPTIMAL and set(forced.units) ^ set(base.units) == {item_id}
            near = closest_optimum(flipped, base.units, forced.objective, solver, time_limit,
                                   closest_set=set(forced.units) if alone else None)
            return dataclasses.replace(forced, units=near.units)
        answer = resident.optimum()
        if answer.status == INFEASIBLE:  # the usual door, for the same error and diagnosis
            return solve(flipped, solver=solver, time_limit=time_limit, method="ip")
        if answer.status not in (OPTIMAL, FEASIBLE):
            raise SolverError(Message.of("scenario.solver.no_solution", solver="highs",
                                         text=answer.status, time_limit=time_limit))
        forced = _verified(flipped, answer)
        if _alone(forced, base, item_id):
            return forced
        lazy.near.use_rows(resident.model)
        few = (lazy.near.closest(flipped, item_id, forced.objective)
               if forced.status == OPTIMAL else None)
        if few is not None:
            return dataclasses.replace(forced, units=few, objective=flipped.value(few))
        if len(flipped.items) > RESIDENT_MAX_ITEMS:
            # Larger rounds: the closest optimum HiGHS returns (the rule's extra solves and
            # the lean options cost more than they save there: 258 applications, 14 → 24 s).
            near = closest_optimum(flipped, base.units, forced.objective, solver, time_limit,
                                   resident=resident)
            return dataclasses.replace(forced, units=near.units)
        # The tie rule's pick among the closest (model.ties): defined, whatever the solver
        # options (explain's program runs with the lean ones).
        settled = settle_resident(resident, forced, base.units, solver, time_limit)
        status = OPTIMAL if forced.status == settled.status == OPTIMAL else FEASIBLE
        return dataclasses.replace(forced, units=settled.units, objective=settled.value,
                                   status=status)
    except InfeasibleError as exc:
        return exc
    finally:
        lazy.force(item_id, restore)


def _alone(forced: Result, base: Result, item_id: str) -> bool:
    """Full mode, the flipped optimum moves no other project: no optimum of the flipped
    instance moves fewer, and none other as few, so it is the closest one."""
    return (forced.status == OPTIMAL and len(forced.units) == len(base.units) + (
        1 if item_id in forced.units else -1)
        and set(forced.units) ^ set(base.units) == {item_id}
        and all(forced.units[i] == base.units[i] for i in forced.units if i != item_id))


def _verified(instance: Instance, answer: Answer) -> Result:
    """The resident optimum as a Result, after the independent rule check and the value
    recomputed (as model.solve does for any solver)."""
    check(instance, answer.units)
    value = instance.value(answer.units)
    if answer.objective is not None and not math.isclose(
            value, answer.objective, rel_tol=OBJECTIVE_RTOL, abs_tol=OBJECTIVE_RTOL):
        raise VerificationError(Message.of("solver.verify.objective_mismatch", solver="highs",
                                           reported=answer.objective, value=value))
    return Result(status=answer.status, objective=value, units=answer.units, solver="highs",
                  gap=0.0 if answer.status == OPTIMAL else None, seconds=answer.seconds,
                  bound=value if answer.status == OPTIMAL else None)


def _wanted(instance: Instance, ids: Iterable[str] | None) -> list[str]:
    known = list(instance.ids) + [e.id for e in instance.excluded]
    if ids is None:
        return known
    wanted = list(dict.fromkeys(ids))
    known_set = set(known)
    unknown = [i for i in wanted if i not in known_set]
    if unknown:
        raise ScenarioError(Message.of("analysis.explain.unknown_id", id=unknown[0],
                                       suggest=suggest(unknown[0], known)))
    return wanted


def score_change(instance: Instance, it: Item, loss: float) -> tuple[float, bool]:
    """Score change (rise for an out item, drop for an in item) worth `loss`; exact?

    A rise d of s_i adds d × W_i × q_i to every portfolio funding i with its full award (the
    value model of Instance.item_value: q_i = m_i / n_i, or 1 under "whole"), so the change
    is the loss divided by that; a lower bound in partial mode (see the module docstring).
    """
    per_point = instance.item_value(replace(it, score=1.0), it.max_units)
    return loss / per_point, instance.rules.mode == FULL


def _excluded_row(instance: Instance, item_id: str,
                  reasons: Iterable[Message | str]) -> ExplainRow:
    row = ExplainRow(item_id, instance.labels.get(item_id, item_id), EXCLUDED, None, 0.0,
                     None, None, None, None, True, (), tuple(reasons))
    return _said(instance, row, 0.0)


def _said(instance: Instance, row: ExplainRow, optimum: float) -> ExplainRow:
    """The row with what it says, as messages and in English."""
    messages = row_messages(instance, row, optimum)
    return dataclasses.replace(row, said=messages, sentence=said(messages, "en"))


def _row(ctx: Context, it: Item, forced: Result | InfeasibleError) -> ExplainRow:
    inst, base = ctx.instance, ctx.base
    status = IN if it.id in base.units else OUT
    reasons: tuple[Message, ...] = ()
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
            reasons = (Message.of("explain.flip_limit", gap=forced.gap or 0),)
    unit = inst.rules.unit_eur
    bindings = ctx.bindings_in(it) if status == IN else ctx.bindings_out(it)
    out, come = ((), ()) if isinstance(forced, InfeasibleError) else _moves(ctx, it, forced)
    row = ExplainRow(
        id=it.id, label=inst.labels.get(it.id, it.id), status=status, score=it.score,
        award_eur=base.units.get(it.id, 0) * unit, max_eur=it.max_units * unit,
        forced_value=forced_value, loss=loss, score_change=change, score_change_exact=exact,
        bindings=bindings, reasons=reasons, pushed_out=out, brought_in=come,
    )
    return _said(inst, row, ctx.base.objective)


def _moves(ctx: Context, it: Item, forced: Result
           ) -> tuple[tuple[Moved, ...], tuple[Moved, ...]]:
    """The other projects the flip pushes out of, and brings into, the optimum."""
    inst, base, unit = ctx.instance, ctx.base, ctx.instance.rules.unit_eur

    def moved(ids: Iterable[str], units: Mapping[str, int]) -> tuple[Moved, ...]:
        return tuple(Moved(i, inst.labels.get(i, i), ctx.items[i].score, units[i] * unit)
                     for i in sorted(ids) if i != it.id)

    return (moved(set(base.units) - set(forced.units), base.units),
            moved(set(forced.units) - set(base.units), forced.units))


def _diagnosis_lines(exc: InfeasibleError, status: str) -> tuple[Message, ...]:
    """What the infeasibility diagnosis of the flipped scenario finds, one message each."""
    diagnosis = exc.diagnosis
    found = [r.message for r in (*getattr(diagnosis, "structural", ()),
                                 *getattr(diagnosis, "relaxations", ()))]
    return tuple(Message.of("explain.flip_infeasible", status=status, finding=f)
                 for f in found or [*exc.messages] or [str(exc)])
