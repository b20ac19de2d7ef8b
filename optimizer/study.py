"""The public API: a `Study` is one scenario on one round, and every question asked of it.

    >>> from optimizer import Study
    >>> s = Study.from_file("scenarios/2020-baseline.toml")
    >>> s.solve()                                   # doctest: +SKIP
    >>> s.with_changes(budget=12_000_000).solve()   # doctest: +SKIP

A study is immutable: `with_changes` returns a new one. Each verb runs the library's
analysis with the scenario's own solver settings and returns a result that prints in a few
lines, lists its rows (`rows()`) and becomes a DataFrame (`to_frame()`). The command line
and the report call nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.audit import audit_of
from optimizer.caching import cached
from optimizer.case import Case, actual_units, prepare_scenario, resolve
from optimizer.errors import GrantoptError, InputError, Problem, ScenarioError
from optimizer.model.instance import OBJECTIVES, OPTIMAL
from optimizer.model.solve import SolveCancelled as SolveCancelled
from optimizer.model.solve import cancellable as cancellable
from optimizer.model.solve import solve
from optimizer.model.ties import settled_result
from optimizer.model.verify import fair_share_regions
from optimizer.readers import load_register, profiles, read_round
from optimizer.scenario import SECTIONS, Scenario, apply_changes, load_scenario
from optimizer.scenario.core import check_key
from optimizer.vocabulary.message import Message
from optimizer.vocabulary.numbers import shown_path

# Each analysis is imported by the verb that runs it: `grantopt run` loads only the solve.
if TYPE_CHECKING:
    from optimizer.analysis.audit import Audit
    from optimizer.analysis.calibrate import Calibration
    from optimizer.analysis.compare import Comparison
    from optimizer.analysis.coverage import CoverageFrontier
    from optimizer.analysis.diff import Diff, RuleEffect
    from optimizer.analysis.executor import Executor
    from optimizer.analysis.explain import Explanation
    from optimizer.analysis.frontier import Frontier
    from optimizer.analysis.nondominated import RobustPortfolios
    from optimizer.analysis.robustness import Robustness
    from optimizer.analysis.statements import StatedWeights
    from optimizer.readers import CheckReport
    from optimizer.readers.domain import Profile, Round
    from optimizer.readers.overview import Applications
    from optimizer.report.analyses import Analyses
    from optimizer.report.build import ReportFiles
    from optimizer.scoring.score_table import ScoreTable

Progress = Callable[[int, int], None]
# A solve in a thread stops once an Event is set: `with cancellable(event): study.solve()`
# raises SolveCancelled (a SolverError) when another thread sets `event` (the app's next
# change of a session supersedes its running one).


@dataclass(frozen=True, eq=False)
class Study:
    """A resolved scenario on its round. Build one with `from_file` or `from_round`."""

    scenario: Scenario
    round: Round
    _profiles: Mapping[str, Profile] | None = field(default=None, repr=False)
    _scores: ScoreTable | None = field(default=None, repr=False)  # in memory (from_round_data)

    # --- building -------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: Path | str, *, sets: Sequence[str] = (),
                  budget: float | None = None) -> Study:
        """The scenario in a TOML file; `sets` as `--set section.key=value` texts."""
        raw = load_scenario(path, sets=sets, budget=budget)
        rnd = read_round(raw.round_path)
        return cls(resolve(raw, rnd), rnd)

    @classmethod
    def from_round(cls, path: Path | str, **changes: Any) -> Study:
        """The round's own defaults (its call.toml), with `changes` as in `with_changes`."""
        rnd = read_round(path)
        raw = load_scenario(round_path=path)
        return cls(resolve(raw, rnd), rnd).with_changes(**changes)

    @classmethod
    def from_round_data(cls, rnd: Round, *, scores: ScoreTable | None = None,
                        **changes: Any) -> Study:
        """A round built in memory (e.g. formats.pabulib.round_of), nothing read from or
        written to disk: its call's defaults with `changes` as in `with_changes`; `scores`
        in memory too (kept while scoring.source is unchanged), else the round's own."""
        raw = load_scenario(round_path=rnd.path)
        return cls(resolve(raw, rnd), rnd, _scores=scores).with_changes(**changes)

    def with_changes(self, *, budget: float | None = None,
                     weights: Mapping[str, float] | None = None, **sections: Any) -> Study:
        """A new study with these keys changed, as Python values:

        `budget=12e6` (the appropriation), `weights={"reach": 0.4}` (merged into the
        scoring weights), and any section as a mapping, `coverage={"min_regions": 3}`, or
        a dotted key, `**{"coverage.min_regions": 3}`. Checked like `--set`.
        """
        changes: dict[str, Any] = dict(sections)
        if budget is not None:
            changes["budget.appropriation"] = budget
        if weights is not None:
            changes["scoring.weights"] = weights
        scenario = resolve(apply_changes(self.scenario, changes), self.round)
        rnd = self.round
        if scenario.round_path != self.scenario.round_path:
            rnd = read_round(scenario.round_path)
        same = rnd is self.round
        scores = (self._scores if same and scenario.scoring.source == self.scenario.scoring.source
                  else None)
        return Study(scenario, rnd, self._profiles if same else None, scores)

    @cached
    def case(self) -> Case:
        """The scenario assembled on its round: scores, eligibility and the instance."""
        register = load_register()
        profs = self._profiles if self._profiles is not None else profiles(self.round, register)
        return prepare_scenario(self.scenario, self.round, register, profs, self._scores)

    @property
    def name(self) -> str:
        return self.scenario.title

    def __repr__(self) -> str:
        s = self.scenario
        over = s.overrides()
        changed = f", {len(over)} change(s) on top of the file" if over else ""
        return (f"<Study {s.name!r}: {len(self.round.applications)} applications in "
                f"{shown_path(self.round.path)}, {s.budget.appropriation:,.0f} € appropriation, "
                f"objective {s.objective.kind}{changed}>")

    # --- the questions ----------------------------------------------------------------

    def applications(self) -> Applications:
        """The round's applications (id, applicant, project, lead region, reach, amounts)."""
        from optimizer.readers.overview import Applications, overview_lines

        return Applications(self.round, overview_lines(self.round, self.case.profiles,
                                                       load_register()))

    def solve(self) -> Allocation:
        """The optimal allocation, verified against every rule (InfeasibleError carries
        the diagnosis when no allocation meets them all)."""
        return self._optimum

    @cached
    def _optimum(self) -> Allocation:
        """The optimum shown: among optimal portfolios the one model.ties picks (closest
        to the actual decision, then the earliest ids), so every command and solver
        shows the same one; only when the optimum is proven (a gap leaves no tie to name)."""
        cfg, inst = self.scenario.solver, self.case.instance
        result = solve(inst, solver=cfg.name, time_limit=cfg.time_limit, gap=cfg.gap,
                       method=cfg.method)
        if result.status == OPTIMAL and cfg.gap == 0:
            inside, _ = actual_units(self.case)
            result = settled_result(inst, result, inside, cfg.name, cfg.time_limit)
        return Allocation(self.case, result)

    def diff(self, other: Study) -> Diff:
        """What changes from this study's optimum to `other`'s: projects in and out, euros
        per region, value."""
        from optimizer.analysis.diff import diff

        return diff(self.solve(), other.solve())

    def explain_rule(self, key: str) -> RuleEffect:
        """What one rule (a `section.key` of the scenario) does: this study's optimum against
        the optimum with the key at its default, in a sentence with the euros moved."""
        section, _, name = key.partition(".")
        check_key(section, name)
        value = self.scenario.value(key)
        default = getattr(SECTIONS[section](), name)
        if value == default:
            raise ScenarioError(Message.of("scenario.rule_at_default", key=key, value=value))
        without = self.with_changes(**{key: default})
        from optimizer.analysis.diff import RuleEffect, diff, rule_sentence

        d = diff(without.solve(), self.solve())
        return RuleEffect(key, value, default, d, rule_sentence(key, value, default, d))

    def audit(self, seed: int | None = None, **extra: Any) -> Audit:
        """The audit record: every key with its value and origin, the input files with
        their SHA-256, versions; `seed` of the output's draws, and any `extra` facts."""
        return audit_of(self.case, seed=seed, extra=extra)

    def compare(self) -> Comparison:
        """The actual decision against the optimum under the same rules."""
        from optimizer.analysis.compare import compare
        from optimizer.analysis.regions import region_table, with_fair_shares

        prep, cfg = self.case, self.scenario.solver
        inside, outside = actual_units(prep)
        result = compare(prep.instance, inside, {i: prep.actual_eur[i] for i in outside},
                         solver=cfg.name, time_limit=cfg.time_limit,
                         region_population=prep.region_population)
        optimal = {i: u * prep.unit_eur for i, u in result.changes.units.items()}
        regions = region_table(prep.region_splits(), optimal, dict(prep.actual_eur),
                               prep.region_population, result.budget_eur,
                               prep.instance.rules.region_basis)
        regions = with_fair_shares(regions, fair_share_regions(prep.instance),
                                   prep.instance.rules.fair_share_basis)
        views = [result.view()]
        for kind in OBJECTIVES:  # no single number stands alone: every objective, side by side
            if kind != result.objective:
                other = compare(prep.instance.with_rules(objective=kind), inside, (),
                                solver=cfg.name, time_limit=cfg.time_limit)
                views.append(other.view())
        return dataclasses.replace(result, regions=regions, views=tuple(views))

    def explain(self, ids: Iterable[str] | None = None) -> Explanation:
        """Why each application (or only `ids`) is in or out of the optimum."""
        from optimizer.analysis.explain import explain

        cfg = self.scenario.solver
        # From the optimum `run` shows (model.ties), so both tell of the same portfolio.
        return explain(self.case.instance, list(ids) if ids is not None else None,
                       solver=cfg.name, base=self.solve().result, time_limit=cfg.time_limit)

    def frontier(self, points: int = 25, lo: float | None = None, hi: float | None = None,
                 budgets: Iterable[float] | None = None,
                 executor: str | Executor | None = None) -> Frontier:
        """The optimal value at `points` appropriations from `lo` to `hi` euros (default:
        the smallest maximum award to all of them together), or at the given `budgets`.
        `executor`: where the integer program's budgets are solved ("local", or
        "dask://HOST:PORT"; see analysis.executor)."""
        from optimizer.analysis.frontier import default_budgets, frontier

        prep, cfg = self.case, self.scenario.solver
        inst = prep.instance
        if budgets is None:
            budgets = [b * prep.unit_eur for b in default_budgets(inst, points, lo, hi)]
        return frontier(inst, budgets=budgets, solver=cfg.name,
                        actual=prep.actual_decision_units(), time_limit=cfg.time_limit,
                        method=cfg.method, executor=_executor(executor))

    def coverage_frontier(self) -> CoverageFrontier:
        """The best value when at least k regions must be covered, k = 0, 1, ..."""
        from optimizer.analysis.coverage import coverage_frontier

        cfg = self.scenario.solver
        return coverage_frontier(self.case.instance, solver=cfg.name,
                                 time_limit=cfg.time_limit)

    def robustness(self, samples: int | None = None, seed: int | None = None,
                   workers: int = 1, progress: Progress | None = None,
                   executor: str | Executor | None = None) -> Robustness:
        """Acceptability of each application over random weights (and score noise), as
        the scenario's [robustness] section says; `samples` and `seed` may be given. The
        draws run here, in `workers` local processes, or on a Dask cluster (`executor`
        "dask://HOST:PORT"); the answer is the same."""
        from optimizer.analysis.robustness import robustness

        cfg, solver = self.scenario.robustness, self.scenario.solver
        return robustness(
            self.case.instance, samples=cfg.samples if samples is None else samples,
            seed=cfg.seed if seed is None else seed, weights=cfg.weights,
            intervals=cfg.intervals, rank=cfg.rank, score_noise=cfg.score_noise,
            workers=workers, core=cfg.core, exterior=cfg.exterior,
            resample_evaluators=cfg.resample_evaluators, solver=solver.name,
            progress=progress, time_limit=solver.time_limit, method=solver.method,
            executor=_executor(executor, workers))

    def nondominated(self, statements: Sequence[str] | None = None, *,
                     groups: Mapping[str, Sequence[str]] | None = None,
                     score_interval: float | None = None,
                     evaluator_intervals: bool | None = None, limit: int | None = None,
                     samples: int | None = None, seed: int | None = None,
                     decide: bool = True) -> RobustPortfolios:
        """Every non-dominated portfolio when the weights are only known to meet
        `statements` ("A >= B >= C", "0.2 <= B <= 0.5", "reach >= 2 * cooperation") and
        each criterion value only within ± `score_interval` of itself (or from the lowest to
        the highest evaluator), with each application's core index, the statements that
        would decide the borderline ones, and whether the actual decision is non-dominated.
        Each argument left None takes the scenario's [robustness] key; `samples` draws from
        the same statements give the sampled acceptability beside the core index (0: none)."""
        from optimizer.analysis.nondominated import Question, robust_portfolios

        cfg, solver = self.scenario.robustness, self.scenario.solver
        question = Question(
            statements=tuple(cfg.statements if statements is None else statements),
            groups=dict(cfg.groups if groups is None else groups),
            score_interval=cfg.score_interval if score_interval is None else score_interval,
            evaluator_intervals=(cfg.evaluator_intervals if evaluator_intervals is None
                                 else evaluator_intervals),
            limit=cfg.max_portfolios if limit is None else limit,
            samples=cfg.samples if samples is None else samples,
            seed=cfg.seed if seed is None else seed, decide=decide)
        case = self.case
        return robust_portfolios(case.instance, question, round_groups=case.round.call.group_of,
                                 actual=actual_units(case)[0] if case.round.awards else None,
                                 solver=solver.name, time_limit=solver.time_limit)

    def weight_set(self, statements: Sequence[str] | None = None,
                   groups: Mapping[str, Sequence[str]] | None = None) -> StatedWeights:
        """The weights `statements` allow (the scenario's [robustness] statements and groups
        where None), resolved as `nondominated` resolves them: a ScenarioError in the
        catalog's words for a statement it cannot use. Cheap: no portfolio is solved."""
        from optimizer.analysis.statements import stated_weights

        cfg, instance = self.scenario.robustness, self.case.instance
        return stated_weights(instance.criteria_ids, instance.weights,
                              self.case.round.call.group_of,
                              cfg.groups if groups is None else groups,
                              cfg.statements if statements is None else statements)

    def calibrate(self, samples: int = 100, seed: int = 0,
                  executor: str | Executor | None = None, workers: int = 1,
                  progress: Progress | None = None) -> Calibration:
        """The criteria weights under which the optimum is closest to the actual decision
        (the first trials run where `executor` and `workers` say; the answer is the same)."""
        from optimizer.analysis.calibrate import calibrate

        inside, _ = actual_units(self.case)
        cfg = self.scenario.solver
        return calibrate(self.case.instance, inside, samples=samples, seed=seed,
                         solver=cfg.name, time_limit=cfg.time_limit,
                         executor=_executor(executor, workers), progress=progress)

    def report(self, out: Path | str, samples: int | None = None, seed: int | None = None,
               robustness: bool = True, *, langs: Sequence[str] | None = None,
               force: bool = False, geojson: Path | str | None = None,
               csv_dialect: str | None = None, note: Callable[[str], None] | None = None,
               progress: Progress | None = None,
               executor: str | Executor | None = None) -> ReportFiles:
        """Run every analysis and write the report into the folder `out` (see `report`)."""
        return report([self], out, samples=samples, seed=seed, robustness=robustness,
                      langs=langs, force=force, geojson=geojson, csv_dialect=csv_dialect,
                      note=note, progress=progress, executor=executor)

    def analyses(self, samples: int | None = None, seed: int | None = None,
                 robustness: bool = True, note: Callable[[str], None] | None = None,
                 progress: Progress | None = None,
                 executor: str | Executor | None = None) -> Analyses:
        """Every analysis a report shows, finished (`samples` and `seed` of the robustness
        draws default to the scenario's; `note` hears of each step, `progress` of draws)."""
        from optimizer.report.analyses import Analyses, wants_portfolios

        say = note or (lambda _text: None)
        say(f"{self.name}: solving the scenario")
        allocation = self.solve()
        comparison = None
        if self.round.awards:
            say(f"{self.name}: comparing with the actual decision")
            comparison = self.compare()
        say(f"{self.name}: the budget and coverage frontiers")
        fr = self.frontier(budgets=[b * self.case.unit_eur for b in self._report_budgets()],
                           executor=executor)
        cf = self.coverage_frontier()
        rob = None
        cfg = self.scenario.robustness
        n, s = cfg.samples if samples is None else samples, cfg.seed if seed is None else seed
        if robustness:
            say(f"{self.name}: robustness, {n} draws of the weights (seed {s})")
            rob = self.robustness(samples=n, seed=s, progress=progress, executor=executor)
        rp = None
        if wants_portfolios(self.scenario):
            say(f"{self.name}: the non-dominated portfolios under the weight statements")
            rp = self.nondominated(samples=n if robustness else 0, seed=s)
        return Analyses(allocation=allocation, audit=self.audit(seed=rob.seed if rob else None),
                        frontier=fr, coverage=cf, comparison=comparison, robustness=rob,
                        portfolios=rp)

    def _report_budgets(self) -> list[int]:
        """The default frontier grid plus the budgets of the "extra million" table."""
        from optimizer.analysis.frontier import default_budgets
        from optimizer.report.build import million_budgets

        inst = self.case.instance
        return sorted({*default_budgets(inst), *million_budgets(self.case)})


def _executor(executor: str | Executor | None, workers: int = 1) -> Executor:
    """An executor from what a user gave: an Executor, "local", "dask://HOST:PORT"."""
    from optimizer.analysis.executor import executor_for

    if executor is None or isinstance(executor, str):
        return executor_for(executor, workers)
    return executor


def report(studies: Sequence[Study], out: Path | str, samples: int | None = None,
           seed: int | None = None, robustness: bool = True, *,
           langs: Sequence[str] | None = None, force: bool = False,
           geojson: Path | str | None = None, csv_dialect: str | None = None,
           note: Callable[[str], None] | None = None,
           progress: Progress | None = None,
           executor: str | Executor | None = None) -> ReportFiles:
    """One report of one study or several side by side, written into the folder `out` as
    one result (formats.folder): a page per language (`langs`; default: the round's own,
    call.toml `language`, else English) that embeds every figure, a workbook, and the
    machine-readable files. `force` replaces an earlier result in `out`; `geojson` draws
    the regions from a boundary file instead of tiles; `csv_dialect` "excel-fi" writes the
    CSV files for a Finnish Excel (formats.files.CSV_DIALECTS)."""
    from optimizer.analysis.diff import diff
    from optimizer.formats.files import csv_dialect as dialect
    from optimizer.formats.folder import check_target, output_folder, relocate
    from optimizer.readers.boundaries import read_boundaries
    from optimizer.report.build import report_date, write_report

    if not studies:
        raise ScenarioError(Message.of("analysis.report_needs_scenario"))
    out = Path(out)
    inputs = [p for s in studies for p in s.case.input_paths()]
    check_target(out, inputs, force)
    langs = tuple(langs or (studies[0].round.call.language or "en",))
    boundaries = read_boundaries(geojson) if geojson is not None else None
    run_on = _executor(executor)  # one executor (and one cluster connection) for all
    scenarios = [s.analyses(samples, seed, robustness, note, progress, run_on)
                 for s in studies]
    diffs = [diff(scenarios[0].allocation, a.allocation) for a in scenarios[1:]]
    with output_folder(out, inputs, force) as stage, dialect(csv_dialect):
        files = write_report(scenarios, stage, langs, date=report_date(), diffs=diffs,
                             boundaries=boundaries)
    return dataclasses.replace(files, pages=tuple(relocate(files.pages, stage, out)),
                               written=tuple(relocate(files.written, stage, out)))


def check_scenario(path: Path | str, sets: Sequence[str] = ()) -> CheckReport:
    """What `run` would read for the scenario at `path`, checked without solving: its round
    (as `check_round`), the scenario's keys, and everything the case assembles from both
    (scores, links, pools, years, fair shares). Problems stop `run`; notes (a pool that
    admits no application, a name not resolved ...) are said in every output."""
    from optimizer.readers import CheckReport, check_round

    name = Path(path).name
    try:
        raw = load_scenario(path, sets=sets)
    except InputError as exc:
        return CheckReport(Path(path), None, exc.problems)
    except GrantoptError as exc:
        return CheckReport(Path(path), None, _problems(exc, name))
    report = check_round(raw.round_path)
    if not report.ok or report.round is None:
        return report
    try:
        case = Study(resolve(raw, report.round), report.round).case
    except InputError as exc:
        return dataclasses.replace(report, round=None, problems=exc.problems)
    except GrantoptError as exc:
        return dataclasses.replace(report, round=None, problems=_problems(exc, name))
    said = {n.message for n in report.notes}  # the round's own notes name the names already
    notes = tuple(Problem(m, file=name) for m in case.notes if m not in said)
    return dataclasses.replace(report, notes=report.notes + notes)


def _problems(exc: GrantoptError, file: str) -> tuple[Problem, ...]:
    # Some errors name the scenario's file already (a TOML error), most only the key.
    return tuple(Problem(m, file=None if file in m.text("en") else file)
                 for m in exc.messages) or (Problem(str(exc), file=file),)
