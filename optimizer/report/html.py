"""`grantopt report`: one self-contained HTML page to read and forward, and its files.

`build_report` solves the scenario, runs the analyses (the comparison with the actual
decision when the round has one, the budget frontier, the coverage frontier, robustness),
writes their figures (PNG + SVG, through the plot functions) and tables, the allocation
files (allocation.write_outputs), and `report.html`: inline CSS, the figures referenced as
the PNG files next to it, no JavaScript and no network resources. The page carries no date,
time or path of this machine, so the same inputs give a byte-identical report.html.

`render_html` turns finished analyses into the page and computes nothing. Every text that
comes from data (names, projects, reasons, scenario texts) is escaped with html.escape.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from optimizer import __version__
from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.frontier import (
    CoverageFrontier,
    Frontier,
    FrontierPoint,
    default_budgets,
)
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR, Robustness
from optimizer.analysis.scenario import (
    actually_funded,
    compare_scenario,
    coverage_scenario,
    frontier_scenario,
    robustness_scenario,
)
from optimizer.model.instance import FULL, SCORE_EUROS, to_units
from optimizer.model.prepare import Prepared
from optimizer.model.solve import solve
from optimizer.report import allocation
from optimizer.report.files import write_atomic
from optimizer.report.outputs import (
    write_compare_outputs,
    write_frontier_outputs,
    write_robustness_outputs,
)
from optimizer.runner import Run

REPORT_NAME = "report.html"
ATTRIBUTION = "Municipality classification and population: Statistics Finland (2020)."
STEP_EUR = 1_000_000  # the frontier table: what each extra million buys
STEPS = (-2, -1, 0, 1, 2)

Note = Callable[[str], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportFiles:
    """What build_report wrote: every file (report.html last) and what it left out."""

    html: Path
    written: tuple[Path, ...]
    skipped: tuple[str, ...] = ()  # parts of the report left out, and why


@dataclass(frozen=True)
class Analyses:
    """Everything the page shows, finished. `figures`: key -> PNG name beside the page."""

    run: Run
    frontier: Frontier
    coverage: CoverageFrontier
    comparison: Comparison | None = None
    robustness: Robustness | None = None
    figures: Mapping[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()  # names of the files written beside the page
    skipped: tuple[str, ...] = ()


# --------------------------------------------------------------------------- building


def build_report(prepared: Prepared, out_dir: Path | str, samples: int | None = None,
                 seed: int | None = None, robustness: bool = True, *,
                 note: Note | None = None, progress: Progress | None = None) -> ReportFiles:
    """Solve, analyse and write the report of one scenario into `out_dir`.

    `samples` and `seed` of the robustness draws default to the scenario's [robustness]
    section; `robustness=False` leaves that analysis (and its figure) out. `note` gets a
    line before each step, `progress` (done, total) the robustness draws as they finish.
    Raises GrantoptError when `out_dir` holds the round or the scenario file (nothing is
    written then), InfeasibleError when the scenario has no feasible portfolio.
    """
    out = Path(out_dir)
    say = note or (lambda _text: None)
    solver = prepared.scenario.solver
    say("Solving the scenario")
    result = solve(prepared.instance, solver=solver.name, time_limit=solver.time_limit,
                   gap=solver.gap)
    run = Run(prepared=prepared, result=result)
    written = allocation.write_outputs(run, out)
    skipped: list[str] = []

    comparison = None
    if prepared.round.awards:
        say("Comparing with the actual decision")
        comparison = compare_scenario(prepared)
        written += write_compare_outputs(comparison, prepared, out)
    else:
        skipped.append("comparison with the actual decision: the round has no awards.csv")

    say("Budget frontier")
    fr = _frontier(prepared)
    say("Coverage frontier")
    cf = coverage_scenario(prepared)
    written += write_frontier_outputs(fr, cf, prepared, out)

    rob = None
    if robustness:
        cfg = prepared.scenario.robustness
        n = cfg.samples if samples is None else samples
        s = cfg.seed if seed is None else seed
        say(f"Robustness: solving {n} draws of the weights (seed {s})")
        rob = robustness_scenario(prepared, samples=n, seed=s, progress=progress)
        written += write_robustness_outputs(rob, prepared, out)
    else:
        skipped.append("robustness: left out on request")

    figures = {p.stem: p.name for p in written if p.suffix == ".png"}
    analyses = Analyses(run=run, frontier=fr, coverage=cf, comparison=comparison,
                        robustness=rob, figures=figures,
                        files=tuple(p.name for p in written), skipped=tuple(skipped))
    page = write_atomic(out / REPORT_NAME, render_html(analyses))
    return ReportFiles(html=page, written=(*written, page), skipped=tuple(skipped))


def _frontier(prepared: Prepared) -> Frontier:
    """The default grid of `grantopt frontier`, plus the budgets of the million table."""
    grid = sorted({*default_budgets(prepared.instance), *million_budgets(prepared)})
    return frontier_scenario(prepared, budget_units=grid)


def million_budgets(prepared: Prepared) -> list[int]:
    """The appropriation and ±1, ±2 M€ around it (units), within 0 .. all maximum awards."""
    inst = prepared.instance
    unit = inst.rules.unit_eur
    budget, step = inst.rules.budget_units, to_units(STEP_EUR, unit)
    top = sum(it.max_units for it in inst.items if it.id not in inst.rules.reject)
    return [b for k in STEPS
            if (b := budget + k * step) == budget or 0 <= b <= top]


# --------------------------------------------------------------------------- formatting


def esc(value: object) -> str:
    """Text for an element's content: &, < and > escaped."""
    return html.escape(str(value), quote=False)


def attr(value: object) -> str:
    """Text for an attribute value: quotes escaped too."""
    return html.escape(str(value), quote=True)


def euros(value: float) -> str:
    """Whole euros as "9 694 600 €"; cents only when there are any ("1 234.50 €")."""
    cents = round(float(value) * 100)
    whole, frac = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", " ") + (f".{frac:02d}" if frac else "")
    return ("−" if cents < 0 else "") + text + " €"


def signed_euros(value: float) -> str:
    return ("+" if round(value * 100) > 0 else "") + euros(value)


def count(n: int, word: str, plural: str | None = None) -> str:
    """"1 project", "2 projects"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def share(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f} %"


def fmt_value(value: float | None, objective: str) -> str:
    """A portfolio value: a sum of scores, or score × euros (grouped like euros)."""
    if value is None:
        return "infeasible"
    if objective == SCORE_EUROS:
        return f"{value:,.0f}".replace(",", " ").replace("-", "−")
    return f"{value:.3f}".replace("-", "−")


def value_words(objective: str) -> str:
    if objective == SCORE_EUROS:
        return "value (sum of score × award in €)"
    return "value (sum of project scores)"


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped when rendered) and a CSS class."""

    text: object
    cls: str = ""


def num(text: object) -> Cell:
    """A number: right-aligned, never wrapped."""
    return Cell(text, "num")


def nowrap(text: object) -> Cell:
    """An id or a short name that reads badly when wrapped."""
    return Cell(text, "nw")


def _cell(tag: str, value: object) -> str:
    cell = value if isinstance(value, Cell) else Cell(value)
    klass = f' class="{attr(cell.cls)}"' if cell.cls else ""
    return f"<{tag}{klass}>{esc(cell.text)}</{tag}>"


def table(headers: Sequence[object], rows: Iterable[Sequence[object]],
          foot: Sequence[object] | None = None, cls: str = "") -> str:
    """An HTML table; every cell is text, escaped here."""
    klass = f' class="{attr(cls)}"' if cls else ""
    out = [f"<table{klass}>", "<thead><tr>" + "".join(_cell("th", h) for h in headers)
           + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(_cell("td", v) for v in row) + "</tr>" for row in rows]
    out.append("</tbody>")
    if foot is not None:
        out.append("<tfoot><tr>" + "".join(_cell("td", v) for v in foot) + "</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)


def para(text: str, cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    return f"<p{klass}>{esc(text)}</p>"


def bullets(items: Iterable[str], cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    body = "".join(f"<li>{esc(i)}</li>" for i in items)
    return f"<ul{klass}>{body}</ul>"


def figure(name: str | None, alt: str, caption: str) -> str:
    if not name:
        return ""
    return (f'<figure><a href="{attr(name)}"><img src="{attr(name)}" alt="{attr(alt)}">'
            f"</a><figcaption>{esc(caption)}</figcaption></figure>")


def section(anchor: str, title: str, body: Iterable[str]) -> str:
    return "\n".join([f'<section id="{attr(anchor)}">', f"<h2>{esc(title)}</h2>",
                      *[b for b in body if b], "</section>"])


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
color:#1a1a1a;background:#fff;max-width:64rem;margin:2rem auto;padding:0 1.25rem;
line-height:1.45}
h1{font-size:1.7rem;margin:0 0 .3rem}
h2{font-size:1.3rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #1f78b4}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p{margin:.45rem 0}
.sub{color:#444;margin:.2rem 0}
.scores{border:2px solid #d95f02;background:#fff5ec;border-radius:6px;padding:.8rem 1.1rem;
margin:1.3rem 0}
.scores h2{border:0;margin:0 0 .4rem;padding:0;font-size:1.15rem}
.scores .label{font-weight:700;font-size:1.1rem;color:#8a3400}
.summary{background:#f3f7fb;border-left:4px solid #1f78b4;padding:.6rem 1.1rem;margin:1.2rem 0}
.summary ul{margin:.3rem 0;padding-left:1.2rem}
nav ol{columns:2;margin:.3rem 0;padding-left:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.28rem .6rem;text-align:left;vertical-align:top}
th{background:#eef2f5;font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.nw{white-space:nowrap}
tfoot td{font-weight:700;border-top:2px solid #888;border-bottom:0}
table.rules th:first-child,table.rules td:first-child{white-space:nowrap;color:#333}
.big{font-size:1.25rem;font-weight:700}
.note{color:#555;font-size:.88rem}
ul.cols{columns:2;column-gap:2rem;padding-left:1.2rem;font-size:.9rem}
ul.cols li{break-inside:avoid}
figure{margin:1rem 0 1.4rem}
figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.85rem;color:#555;margin-top:.3rem}
footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid #bbb;font-size:.85rem;color:#444}
code{font-size:.9em}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}
nav{display:none}a{color:inherit;text-decoration:none}}
""".strip()


# --------------------------------------------------------------------------- the page


def render_html(a: Analyses) -> str:
    """The report page (a str); the same analyses always give the same bytes."""
    prep = a.run.prepared
    name = prep.scenario.name or "(unnamed scenario)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>grantopt report: {esc(name)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        _header(a),
        _score_box(prep),
        _summary(a),
        _contents(a),
        _rules(prep),
        _allocation(a),
        _comparison(a),
        _frontier_section(a),
        _coverage_section(a),
        _robustness_section(a),
        _files_section(a),
        _footer(prep),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _round_title(prep: Prepared) -> str:
    call = prep.round.call
    title = call.name_en or call.name or f"the round in folder “{prep.round.path.name}”"
    if call.name_en and call.name and call.name != call.name_en:
        title += f" ({call.name})"
    return title + (f", {call.year}" if call.year else "")


def _header(a: Analyses) -> str:
    prep = a.run.prepared
    lines = ["<header>",
             f"<h1>grantopt report: {esc(prep.scenario.name or '(unnamed scenario)')}</h1>"]
    description = prep.scenario.scenario.description
    if description:
        lines.append(para(description, "sub"))
    scen = prep.scenario.source.name if prep.scenario.source else "the round's defaults"
    lines.append(para(f"Round: {_round_title(prep)}. Scenario file: {scen}.", "sub"))
    lines.append("</header>")
    return "\n".join(lines)


def _score_box(prep: Prepared) -> str:
    scores = prep.scores
    out = ['<section class="scores" id="scores">', "<h2>Where the scores come from</h2>",
           f'<p class="label">Scores: {esc(scores.label)}</p>']
    if scores.is_proxy:
        out.append(para(
            "Every score in this report is computed from the round's data (who applies "
            "together, how many residents they reach, the amount asked, the target area) "
            "by the proxy indicators below. It is not an assessment of what the "
            "applications propose, and it does not stand for the scores of the body that "
            "decided. Each indicator is scaled to 0..1; a project's score is the weighted "
            "sum, also in 0..1."))
        call_weights = {p.id: p.weight for p in prep.round.call.proxies}
        rows = [[c, d, num(f"{w:.2f}")]
                for c, d, w in zip(scores.criteria, scores.descriptions, scores.weights,
                                   strict=True)]
        out.append(table(["indicator", "definition", "weight"], rows))
        total = sum(call_weights.values()) or 1.0
        differs = [c for c, w in zip(scores.criteria, scores.weights, strict=True)
                   if abs(w - call_weights.get(c, 0.0) / total) > 1e-9]
        if differs:
            out.append(para("The scenario sets its own weights ([scoring.weights]); the "
                             "round's call.toml gives " + ", ".join(
                                 f"{c} {w:.2f}" for c, w in call_weights.items()) + ".",
                             "note"))
    else:
        out.append(para("The scores come from the scoring sheet named above; a project's "
                         "score is the weighted sum of its criteria, each scaled to 0..1."))
        rows = [[c, d, num(f"{w:.3f}")]
                for c, d, w in zip(scores.criteria, scores.descriptions, scores.weights,
                                   strict=True)]
        out.append(table(["criterion", "question", "weight"], rows))
    out.append("</section>")
    return "\n".join(out)


def _summary(a: Analyses) -> str:
    prep, res = a.run.prepared, a.run.result
    tot = allocation.totals(a.run)
    obj = prep.instance.rules.objective
    items = [f"The optimal portfolio under this scenario's rules funds "
             f"{count(tot.projects, 'project')} for {euros(tot.spent_eur)} of the "
             f"{euros(tot.budget_eur)} appropriation; its {value_words(obj)} is "
             f"{fmt_value(res.objective, obj)}."]
    c = a.comparison
    if c is not None:
        n_actual = sum(1 for r in c.rows if r.actual_eur > 0) + len(c.outside)
        items.append(
            f"The actual decision funds {count(n_actual, 'project')} for "
            f"{euros(c.actual_spent_eur)} "
            f"and reaches {share(c.efficiency)} of the optimal value; "
            f"{count(c.changes.count, 'change')} ({count(len(c.changes.additions), 'addition')}, "
            f"{count(len(c.changes.removals), 'removal')}) would make it optimal.")
    gain = _million_gain(a.frontier)
    if gain is not None:
        rise = f" ({share(gain / res.objective)})" if res.objective > 0 else ""
        items.append(f"One more million (to {euros(a.frontier.budget_eur + STEP_EUR)}) "
                     f"would raise the optimal value by {fmt_value(gain, obj)}{rise}.")
    rob = a.robustness
    if rob is not None:
        counts = _category_counts(rob)
        items.append(
            f"Applications over {rob.samples} random weightings: {counts[CORE]} core (funded "
            f"in at least {share(rob.core, 0)} of the draws), {counts[BORDERLINE]} "
            f"borderline, {counts[EXTERIOR]} exterior (funded in at most "
            f"{share(rob.exterior, 0)}).")
    if prep.is_proxy:
        items.append("All values rest on proxy scores computed from data (see the box "
                     "above), not on an evaluation of the applications.")
    return ('<section class="summary" id="summary"><h2 style="border:0;margin:.2rem 0">'
            "In short</h2>" + bullets(items) + "</section>")


def _contents(a: Analyses) -> str:
    entries = [("rules", "Rules of the scenario"), ("allocation", "Optimal allocation")]
    if a.comparison is not None:
        entries.append(("comparison", "The actual decision against the optimum"))
    entries += [("frontier", "What more money buys"), ("coverage", "What regional coverage costs")]
    if a.robustness is not None:
        entries.append(("robustness", "Robustness to the weights"))
    entries.append(("files", "Files of this report"))
    body = "".join(f'<li><a href="#{attr(k)}">{esc(t)}</a></li>' for k, t in entries)
    return f"<nav><strong>Contents</strong><ol>{body}</ol></nav>"


def _ids(ids: Iterable[str]) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else "none"


def _rules(prep: Prepared) -> str:
    sc, call, inst = prep.scenario, prep.round.call, prep.instance
    budget, funding = sc.budget, sc.funding
    elig, scoring, locks, solver = sc.eligibility, sc.scoring, sc.locks, sc.solver
    approp = euros(budget.appropriation)
    if call.budget_item:
        approp += f" (budget item {call.budget_item})"
    rows: list[list[object]] = [["Appropriation", approp]]
    if budget.min_spend:
        rows.append(["Minimum spend", euros(budget.min_spend)])
    rows.append(["Rounding", f"awards rounded down to whole {euros(budget.rounding)}"])
    if funding.mode == FULL:
        mode = "full: a funded project gets its maximum award"
    else:
        mode = (f"partial: a funded project gets at least {share(funding.min_share, 0)} "
                "of its maximum award")
    rows.append(["Funding mode", mode])
    cap = ["the amount requested"]
    if funding.max_cost_share is not None:
        cap.append(f"{share(funding.max_cost_share, 0)} of the eligible costs (where known)")
    if funding.max_per_project is not None:
        cap.append(euros(funding.max_per_project))
    rows.append(["Maximum award", "the least of " + ", ".join(cap) if len(cap) > 1
                 else cap[0]])
    rows.append(["Objective", "maximise the sum of project scores, each scaled by its "
                 "share of its maximum award" if inst.rules.objective != SCORE_EUROS
                 else "maximise the sum of score × award (€)"])
    joint = (f"joint projects only: at least {elig.min_parties} distinct parties"
             if elig.joint_rule else "off (single-party projects allowed)")
    rows.append(["Joint-project rule", joint])
    codes = [e.code for e in call.exclusions]
    if codes:
        rows.append(["Out of the call's scope",
                     ", ".join(codes) if elig.exclusions else "rule switched off"])
    if scoring.min_score:
        rows.append(["Minimum score", f"{scoring.min_score:g}"])
    rows += [["Coverage rules", r] for r in _coverage_rules(prep)]
    rows.append(["Locks", f"funded by force: {_ids(locks.fund)}; "
                          f"rejected by force: {_ids(locks.reject)}"])
    limit = "no time limit" if solver.time_limit is None else f"time limit {solver.time_limit:g} s"
    rows.append(["Solver", f"{solver.name}, relative gap {solver.gap:g}, {limit}"])
    body = [table(["rule", "in this scenario"], rows, cls="rules")]
    n_all, n_in = len(prep.round.applications), len(inst.items)
    if not inst.excluded:
        body.append(para(f"All {count(n_all, 'application')} of the round are fundable under "
                         "these rules."))
    else:
        body.append(para(f"{n_in} of the round's {count(n_all, 'application')} are fundable "
                         f"under these rules; {len(inst.excluded)} are not:"))
        body.append(table(["id", "lead applicant", "why not fundable"],
                          [[nowrap(e.id), prep.labels.get(e.id, ""), "; ".join(e.reasons)]
                           for e in inst.excluded]))
    return section("rules", "Rules of the scenario", body)


def _coverage_rules(prep: Prepared) -> list[str]:
    cov = prep.scenario.coverage
    basis = ("the lead applicant's region" if cov.region_basis == "lead"
             else "the regions of all participants")
    out = []
    if cov.min_projects_per_region:
        out.append(f"at least {cov.min_projects_per_region} project(s) in every region with "
                   f"a fundable application (by {basis})")
    if cov.min_regions:
        out.append(f"at least {cov.min_regions} regions covered (by {basis})")
    if cov.max_region_share is not None:
        out.append(f"projects led from one region get at most "
                   f"{share(cov.max_region_share, 0)} of the appropriation")
    if cov.min_projects_per_target_area:
        out.append(f"at least {cov.min_projects_per_target_area} project(s) per target area")
    if cov.max_awards_per_lead is not None:
        out.append(f"at most {cov.max_awards_per_lead} award(s) per lead applicant")
    return out or ["none"]


def _allocation(a: Analyses) -> str:
    prep, res = a.run.prepared, a.run.result
    tot = allocation.totals(a.run)
    has_actual = bool(prep.round.awards)
    rows = []
    for r in allocation.rows(a.run):
        row: list[object] = [nowrap(r["id"]), r["lead"],
                             prep.round.application(r["id"]).project, r["region"],
                             num(f"{r['score']:.3f}"), num(euros(r["award_eur"]))]
        if has_actual:
            actual = prep.actual_eur.get(r["id"], 0.0)
            row.append(num(euros(actual) if actual > 0 else "—"))
        rows.append(row)
    headers: list[object] = ["id", "lead applicant", "project", "region", num("score"),
                             num("award")]
    foot: list[object] = [nowrap("total"), count(tot.projects, "project"), "",
                          nowrap(count(tot.regions_covered, "region")), "",
                          num(euros(tot.spent_eur))]
    if has_actual:
        headers.append(num("actual decision"))
        foot.append("")
    status = res.status
    if res.status != "optimal" and res.gap:
        status += f" (gap {share(res.gap, 2)})"
    obj = prep.instance.rules.objective
    body = [
        para(f"Budget {euros(tot.budget_eur)}; spent {euros(tot.spent_eur)}; left "
             f"{euros(tot.left_eur)}. {count(tot.projects, 'project')} in "
             f"{count(tot.regions_covered, 'region')} (by the lead applicant). "
             f"Portfolio {value_words(obj)}: {fmt_value(res.objective, obj)}."),
        para(f"Solver status: {status} ({res.solver}). The portfolio was checked again, "
             "outside the solver, against every rule of the scenario: verified."),
        table(headers, rows, foot=foot),
        para("Best score first. Score: the weighted score of the project in 0..1"
             + (" (a proxy score computed from data)" if prep.is_proxy else "")
             + (". Actual decision: what the project was actually awarded." if has_actual
                else "."), "note"),
    ]
    return section("allocation", "Optimal allocation", body)


STATUS_WORDS = {BOTH: "funded in both", ONLY_ACTUAL: "only in the actual decision",
                ONLY_OPTIMAL: "only in the optimum"}


def _comparison(a: Analyses) -> str:
    c = a.comparison
    if c is None:
        return ""
    prep = a.run.prepared
    obj = c.objective
    n_actual = sum(1 for r in c.rows if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.rows if r.optimal_eur > 0)
    summary = table(["", num("actual decision"), num("optimum")], [
        [value_words(obj), num(fmt_value(c.actual_value, obj)),
         num(fmt_value(c.optimal_value, obj))],
        ["projects funded", num(n_actual), num(n_opt)],
        ["spent", num(euros(c.actual_spent_eur)), num(euros(c.optimal_spent_eur))],
        [f"left of {euros(c.budget_eur)}", num(euros(c.actual_left_eur)),
         num(euros(c.optimal_left_eur))],
    ])
    body = [
        f'<p class="big">Efficiency (actual / optimal value): {esc(share(c.efficiency))}</p>',
        summary,
    ]
    if c.efficiency is not None and c.efficiency > 1:
        body.append(para("The actual decision is worth more than the optimum only because "
                         "it breaks a rule of the scenario (below).", "note"))
    if c.optimum.status != "optimal":
        body.append(para(f"The optimum is not proven ({c.optimum.status}, gap "
                         f"{share(c.optimum.gap or 0.0, 2)}).", "note"))
    overlap = "; ".join(
        f"{len(c.ids(s))} {STATUS_WORDS[s]} "
        f"({euros(c.total_eur(s, 'optimal' if s == ONLY_OPTIMAL else 'actual'))})"
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL))
    body.append(para(f"Overlap: {overlap}."))
    body.append("<h3>Rules of the scenario the actual decision breaks</h3>")
    body.append(bullets(c.violations) if c.violations else para("None."))
    if c.outside:
        body.append("<h3>Actual awards to applications that are not fundable under this "
                    "scenario</h3>")
        body.append(table(["id", "lead applicant", num("awarded"), "why not fundable"],
                          [[nowrap(o.id), o.label,
                            num(euros(o.awarded_eur) if o.awarded_eur is not None else ""),
                            "; ".join(o.reasons)] for o in c.outside]))
    body += _changes(c, prep)
    body.append(figure(a.figures.get("comparison"), "Change in award per application",
                       "What the optimum adds (green) and drops (red) compared with the "
                       "actual decision, in M€."))
    body.append(figure(a.figures.get("regions"), "Funds per region",
                       "Awards led from each region, in € per resident: the optimum "
                       "against the actual decision."))
    return section("comparison", "The actual decision against the optimum", body)


def _changes(c: Comparison, prep: Prepared) -> list[str]:
    ch = c.changes
    head = (f"{count(ch.count, 'change')}: {count(len(ch.additions), 'addition')}, "
            f"{count(len(ch.removals), 'removal')}"
            + (f", {len(ch.amount_changes)} amounts changed" if ch.amount_changes else "")
            + ("" if ch.status == "optimal" else " (not proven minimal: time limit)") + ".")
    labels = {r.id: r.label for r in c.rows}
    project = {app.id: app.project for app in prep.round.applications}
    rows: list[list[object]] = []
    rows += [["add", nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(signed_euros(ch.units[i] * c.unit_eur))] for i in ch.additions]
    actual = {r.id: r.actual_eur for r in c.rows}
    rows += [["remove", nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(signed_euros(-actual.get(i, 0.0)))] for i in ch.removals]
    rows += [[nowrap("change amount"), nowrap(m.id), labels.get(m.id, ""), project.get(m.id, ""),
              num(signed_euros(m.new_eur - m.actual_eur))] for m in ch.amount_changes]
    out = ["<h3>The fewest changes that make the actual decision optimal</h3>", para(head)]
    if rows:
        out.append(table(["change", "id", "lead applicant", "project", num("award change")],
                         rows))
    out.append(para("Several portfolios can be optimal; the one shown here and in the "
                    "figures is the optimal portfolio closest to the actual decision.",
                    "note"))
    return out


def _point(fr: Frontier, budget_eur: float) -> FrontierPoint | None:
    """The frontier's point at a budget (to within half a rounding unit), if any."""
    return next((p for p in fr.points if abs(p.budget_eur - budget_eur) < fr.unit_eur / 2),
                None)


def _million_gain(fr: Frontier) -> float | None:
    here = _point(fr, fr.budget_eur)
    more = _point(fr, fr.budget_eur + to_units(STEP_EUR, fr.unit_eur) * fr.unit_eur)
    if here is None or more is None or here.optimal.value is None or more.optimal.value is None:
        return None
    return more.optimal.value - here.optimal.value


def _frontier_section(a: Analyses) -> str:
    fr, prep = a.frontier, a.run.prepared
    obj = fr.objective
    here = _point(fr, fr.budget_eur)
    rows = []
    prev: float | None = None
    for b in million_budgets(prep):
        p = _point(fr, b * fr.unit_eur)
        if p is None:
            continue
        v = p.optimal.value
        step = "—" if prev is None or v is None else "+" + fmt_value(v - prev, obj)
        label = euros(p.budget_eur) + (" (appropriation)" if p is here else "")
        rows.append([num(label), num(p.optimal.funded), num(euros(p.optimal.spent_eur)),
                     num(fmt_value(v, obj)), num(step)])
        prev = v
    how = ("the knapsack dynamic programme, exact at every budget" if fr.method == "dp"
           else f"the integer program solved again at each budget ({fr.solver}, gap 0)")
    body = [
        para(f"The optimal {value_words(obj)} at each appropriation, found by {how}, "
             "against two rules of thumb: fund down the list ranked by score, or by score "
             "per euro, skipping the awards that do not fit."),
        figure(a.figures.get("frontier"), "Optimal value against the appropriation",
               "Optimal value against the appropriation (M€), with the greedy baselines"
               + (" and the actual decision" if fr.actual is not None else "") + "."),
        "<h3>What each extra million buys</h3>",
        table([num("appropriation"), num("projects"), num("spent"), num("optimal value"),
               num("this million adds")], rows),
    ]
    if len(rows) < len(STEPS):
        top = sum(it.max_units for it in prep.instance.items
                  if it.id not in prep.instance.rules.reject) * fr.unit_eur
        body.append(para("Appropriations below 0 € or above all maximum awards together "
                         f"({euros(top)}, enough for every fundable application) are left "
                         "out.", "note"))
    if here is not None and here.optimal.value:
        greedy_share = (here.by_score.value or 0.0) / here.optimal.value
        body.append(para(
            f"At the appropriation, funding down the list by score reaches "
            f"{share(greedy_share)} of the optimal value "
            f"({count(here.by_score.funded, 'project')}"
            + ("" if here.by_score.satisfies_rules else ", breaking a rule of the scenario")
            + ")."))
    if fr.actual is not None:
        rule = ("meets every rule of the scenario" if fr.actual.satisfies_rules
                else f"breaks {len(fr.actual.violations)} rule(s) of the scenario")
        body.append(para(f"Actual decision: {count(fr.actual.funded, 'project')}, "
                         f"{euros(fr.actual.spent_eur)}, value "
                         f"{fmt_value(fr.actual.value, obj)}; it {rule}."))
    return section("frontier", "What more money buys", body)


def _coverage_section(a: Analyses) -> str:
    cf = a.coverage
    obj = cf.objective
    basis = "lead applicant's region" if cf.basis == "lead" else "participants' regions"
    body = [para(f"The best value when at least k regions must get a project (by the "
                 f"{basis}), at {euros(cf.budget_eur)}. "
                 f"{count(cf.coverable, 'region has', 'regions have')} a fundable "
                 "application.")]
    if cf.points:
        free = cf.points[0]
        rows = [[num(p.min_regions), num(p.covered), num(p.funded), num(euros(p.spent_eur)),
                 num(fmt_value(p.value, obj)),
                 num(share((free.value - p.value) / free.value) if free.value else "n/a")]
                for p in cf.points if p.min_regions > free.covered]
        if rows:
            body.append(para(f"Under this scenario's rules alone the optimum covers "
                             f"{count(free.covered, 'region')}; requiring more costs "
                             "value:"))
            body.append(table([num("at least k regions"), num("regions covered"),
                               num("projects"), num("spent"), num("optimal value"),
                               num("value lost")], rows))
        elif free.covered >= cf.coverable:
            body.append(para("Under this scenario's rules the optimum already covers all "
                             "of them, so requiring more regions costs nothing here."))
    if cf.infeasible_from is not None:
        body.append(para(f"From {cf.infeasible_from} regions on, no portfolio meets the "
                         "rule within the appropriation and the scenario's other rules."))
    body.append(figure(a.figures.get("coverage"), "Optimal value against regional coverage",
                       "Optimal value when at least k regions must be covered; the numbers "
                       "above the points are the regions actually covered."))
    return section("coverage", "What regional coverage costs", body)


def _category_counts(rob: Robustness) -> dict[str, int]:
    return {c: sum(x.category == c for x in rob.items) for c in (CORE, BORDERLINE, EXTERIOR)}


def _robustness_section(a: Analyses) -> str:
    rob = a.robustness
    if rob is None:
        return ""
    prep = a.run.prepared
    noise = f", score noise sd {rob.score_noise:g}" if rob.score_noise else ""
    if rob.evaluators:
        noise += f", a resampled panel of {rob.evaluators} evaluators"
    how = "the knapsack DP" if rob.method == "dp" else f"the integer program ({rob.solver})"
    body = [para(
        f"{rob.samples} random weightings of the {len(rob.criteria_ids)} "
        f"{'indicators' if rob.is_proxy else 'criteria'} ({rob.weights}{noise}; seed "
        f"{rob.seed}), each solved by {how} at {euros(rob.budget_eur)}. The acceptability "
        "index of an application is the share of the draws whose optimum funds it. "
        f"{count(rob.distinct_portfolios, 'distinct optimal portfolio')} came up.")]
    funded = actually_funded(prep) if prep.round.awards else set()
    titles = {CORE: f"Core (funded in at least {share(rob.core, 0)} of the draws)",
              BORDERLINE: f"Borderline (funded in between {share(rob.exterior, 0)} and "
                          f"{share(rob.core, 0)} of the draws)",
              EXTERIOR: f"Exterior (funded in at most {share(rob.exterior, 0)} of the draws)"}
    for cat in (CORE, BORDERLINE, EXTERIOR):
        items = [x for x in rob.items if x.category == cat]
        body.append(f"<h3>{esc(titles[cat])}: {len(items)}</h3>")
        body.append(bullets([f"{x.id} {x.label}: {x.index:.2f}"
                             + (" (actually funded)" if x.id in funded else "")
                             for x in items], "cols") if items else para("None."))
    outside = sorted(e.id for e in prep.instance.excluded)
    if outside:
        body.append(para("Not analysed (not fundable under this scenario): "
                         + ", ".join(outside) + ".", "note"))
    body.append(figure(a.figures.get("acceptability"), "Acceptability index per application",
                       "Share of the draws in which each application is funded; dashed "
                       "lines: the core and exterior thresholds."))
    return section("robustness", "Robustness to the weights", body)


FILE_NOTES = {
    "allocation": "the optimal allocation",
    "result": "the result, machine-readable",
    "compare": "the comparison with the actual decision, machine-readable",
    "comparison": "figure: what the optimum adds and drops",
    "regions": "figure: funds per region",
    "frontier": "optimal and greedy values at each appropriation",
    "coverage": "optimal value against regional coverage",
    "acceptability": "acceptability index per application",
}


def _files_section(a: Analyses) -> str:
    stems: dict[str, list[str]] = {}
    for name in a.files:
        stems.setdefault(Path(name).stem, []).append(name)
    items = []
    for stem, names in stems.items():
        links = ", ".join(f'<a href="{attr(n)}">{esc(n)}</a>' for n in names)
        what = FILE_NOTES.get(stem, "")
        items.append(f"<li>{links}" + (f": {esc(what)}" if what else "") + "</li>")
    body = [para("This page and the files below belong together: forward the whole "
                 "folder. Each figure is written as PNG (shown here) and SVG."),
            f"<ul>{''.join(items)}</ul>"]
    if a.skipped:
        body.append(para("Left out: " + "; ".join(a.skipped) + ".", "note"))
    return section("files", "Files of this report", body)


def _footer(prep: Prepared) -> str:
    call = prep.round.call
    source = [_round_title(prep)]
    if call.decision_date:
        source.append(f"decision of {call.decision_date}")
    if call.budget_item:
        source.append(f"budget item {call.budget_item}")
    if call.name or call.name_en:
        source.append(f"round folder “{prep.round.path.name}”")
    lines = [para("Round: " + "; ".join(source) + "."), para(ATTRIBUTION)]
    if prep.is_proxy:
        lines.append(para(f"Scores: {prep.scores.label}."))
    lines.append(para(f"Made with grantopt {__version__}. Every optimal portfolio shown was "
                      "checked again, outside the solver, against every rule of the "
                      "scenario."))
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"
