"""The top of the report page: the header, where the scores come from, the summary, the contents,
and (with several scenarios) the scenarios side by side with their differences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from optimizer.analysis.diff import Diff
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR
from optimizer.case import Case
from optimizer.report.analyses import STEP_EUR, Analyses
from optimizer.report.html.brief import FLAG
from optimizer.report.html.common import letter_of, round_title
from optimizer.report.html.frontier import million_gain
from optimizer.report.html.toolkit import (
    attr,
    bullets,
    esc,
    heading,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import region_name
from optimizer.vocabulary.words import Words, objective_sentence


def header(scenarios: Sequence[Analyses], date: dt.date, w: Words, title: str) -> str:
    prep = scenarios[0].allocation.case
    lines = ["<header>", heading(1, f"{w['report']}: {title}")]
    if len(scenarios) == 1 and prep.scenario.description_in(w.lang):
        lines.append(para(prep.scenario.description_in(w.lang), "sub"))
    files = ", ".join(a.allocation.case.scenario.source.name
                      for a in scenarios if a.allocation.case.scenario.source)
    lines.append(para(say(w, "report.header.round_scenario_files", round=round_title(prep, w),
                          files=files or '–'), "sub"))
    lines.append(f'<p class="sub">{esc(say(w, "report.header.report_date"))}: '
                 f'<time datetime="{date.isoformat()}">{esc(w.date(date))}</time></p>')
    lines.append("</header>")
    return "\n".join(lines)


def score_box(prep: Case, w: Words, level: int) -> str:
    scores = prep.scores
    label = w["proxy_label"] if scores.is_proxy else scores.label
    out = ['<section class="scores" id="scores">', heading(level, w["scores_title"]),
           f'<p class="label">{esc(say(w, "report.scores"))}: {esc(label)}</p>']
    out += [para(say(w, "report.score_box.note", note=note), "note") for note in prep.notes]
    if scores.is_proxy:
        out.append(para(say(w, "report.score_box.every_score_in_this")))
        descriptions = {p.id: p.text(w.lang)
                        for p in prep.round.call.proxies}
        rows = [[*_indicator(c, descriptions.get(c, d)), num(w.num(wt, 2))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["indicator"], w["definition"], num(w["weight"])], rows))
    else:
        out.append(para(say(w, "report.score_box.the_scores_come_from")))
        criteria = {c.id: c.text(w.lang)
                    for c in prep.round.call.criteria}
        rows = [[c, criteria.get(c, d), num(w.num(wt, 3))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["criterion"], w["question"], num(w["weight"])], rows))
    out.append("</section>")
    return "\n".join(out)


def _indicator(indicator: str, text: str) -> tuple[str, str]:
    """A proxy indicator's name and definition: the round's text is "Name: definition"
    (call.toml), the id only where it has no name."""
    name, colon, definition = text.partition(": ")
    return (name, definition) if colon else (indicator.replace("_", " "), text)


def summary(a: Analyses, w: Words, level: int, *, define: bool = True) -> str:
    """The scenario's findings as bullets; `define` says what the value is (once a page)."""
    prep, res = a.allocation.case, a.allocation.result
    tot = a.allocation.totals()
    obj = prep.objective
    items = [say(w, "report.summary.the_optimal_portfolio_under", projects=tot.projects,
                 spent_eur=tot.spent_eur, budget_eur=tot.budget_eur,
                 objective=w.value(res.objective, obj))]
    if define:
        items.append(objective_sentence(obj, prep.partial_value, w.lang))
    tie = a.allocation.tie()
    if tie is not None and tie.code != "ties.unique":  # say which optimum is shown
        items.append(tie.text(w.lang))
    c = a.comparison
    if c is not None:
        n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
        others = "".join(
            say(w, "report.summary.under_objective", objective=w.objective(v.objective),
                efficiency=v.efficiency, fewest_changes=v.fewest_changes) for v in c.views[1:])
        items.append(say(w, "report.summary.the_actual_decision_funds", n_actual=n_actual,
                         actual_spent_eur=c.actual_spent_eur, efficiency=c.efficiency,
                         count=c.changes.count, additions=len(c.changes.additions),
                         removals=len(c.changes.removals), others=others)
                     + "".join(" " + m.text(w.lang) for m in c.valuation()[1:]))
    gain = million_gain(a.frontier)
    if gain is not None:
        rise = f" ({w.pct(gain / res.objective)})" if res.objective > 0 else ""
        more = w.eur(a.frontier.budget_eur + STEP_EUR)
        items.append(say(w, "report.summary.one_more_million_to", more=more,
                         gain=w.value(gain, obj), rise=rise))
    rob = a.robustness
    if rob is not None:
        n = {cat: sum(x.category == cat for x in rob.items) for cat in (CORE, BORDERLINE,
                                                                       EXTERIOR)}
        items.append(say(w, "report.summary.over_random_weightings_core", samples=rob.samples,
                         n_core=n[CORE], core=rob.core, n_borderline=n[BORDERLINE],
                         n_exterior=n[EXTERIOR], exterior=rob.exterior))
    if prep.is_proxy:
        items.append(say(w, "report.summary.all_values_rest_on"))
    return ('<section class="summary">' + heading(level, w["summary"]) + bullets(items)
            + "</section>")


def contents(scenarios: Sequence[Analyses], w: Words) -> str:
    entries: list[tuple[str, str]] = [("brief", say(w, "report.brief.title"))]
    if len(scenarios) > 1:
        entries += [("side-by-side", w["side_by_side"]),
                    ("grid", say(w, "report.brief.grid_title"))]
        entries += [(f"scenario-{letter_of(i)}",
                     f"{w['scenario']} {letter_of(i)}: "
                     f"{a.allocation.case.scenario.title_in(w.lang)}")
                    for i, a in enumerate(scenarios)]
    else:
        a = scenarios[0]
        entries += [("rules", w["rules"]), ("allocation", w["allocation"])]
        if a.comparison is not None:
            entries.append(("comparison", w["comparison"]))
        entries += [("frontier", w["frontier"]), ("coverage", w["coverage"])]
        if a.robustness is not None:
            entries.append(("robustness", w["robustness"]))
        if a.portfolios is not None:
            entries.append(("portfolios", say(w, "report.portfolios.title")))
    entries += [("appendix", say(w, "report.brief.appendix")), ("files", w["files"])]
    body = "".join(f'<li><a href="#{attr(k)}">{esc(title)}</a></li>' for k, title in entries)
    return f'<nav aria-label="{attr(w["contents"])}"><strong>{esc(w["contents"])}</strong>' \
           f"<ol>{body}</ol></nav>"


def side_by_side(scenarios: Sequence[Analyses], diffs: Sequence[Diff], w: Words) -> str:
    """The scenarios in a table, the actual decision's efficiency under each value measure
    (flagged where it breaks a rule of the scenario), then each one's differences."""
    kinds: list[str] = []
    for a in scenarios:
        views = a.comparison.views if a.comparison is not None else ()
        kinds += [str(v.objective) for v in views if str(v.objective) not in kinds]
    rows = []
    for index, a in enumerate(scenarios):
        tot, prep = a.allocation.totals(), a.allocation.case
        obj = prep.objective
        c = a.comparison
        by = {str(v.objective): v.efficiency for v in c.views} if c is not None else {}
        flag = f" {FLAG}" if c is not None and c.violations else ""
        rows.append([nowrap(letter_of(index)), prep.scenario.title_in(w.lang),
                     num(w.value(a.allocation.objective, obj)), num(w.eur(tot.spent_eur)),
                     num(w.eur(tot.budget_eur)), num(tot.projects), num(tot.regions_covered),
                     *(num(w.pct(e) + flag if (e := by.get(k)) is not None else "–")
                       for k in kinds)])
    heads = ["", w["scenario"], num(w["value"]), num(w["spent"]), num(w["appropriation"]),
             num(w["projects"]), num(w["covered"]),
             *(num(f"{say(w, 'report.side_by_side.efficiency_of_the_actual')}: "
                   f"{w.objective(k)}") for k in kinds)]
    body = [table(heads, rows)]
    if any(a.comparison is not None and a.comparison.violations for a in scenarios):
        body.append(para(say(w, "report.brief.flag"), "note"))
    for index, d in enumerate(diffs, start=1):
        body.append(_diff_block(d, w, f"{letter_of(index)} / {letter_of(0)}"))
    return section("side-by-side", w["side_by_side"], body)


def _diff_block(d: Diff, w: Words, which: str) -> str:
    # One change phrase for the whole tool: Y - X = Z as printed, the verb from Z's sign.
    head = (f"{which}: " + say(w, "diff.value_sentence", before=d.base.value,
                                after=d.other.value, objective=d.base.objective)
            if d.comparable else
            say(w, "report.diff_block.the_two_measure_value", which=which))
    out = [heading(3, f"{w['differences'].replace('A', which.split(' / ')[1])}: {which}"),
           para(head)]
    if d.moves:
        status = {"enters": w["enters"], "leaves": w["leaves"], "changes": w["change"]}
        out.append(table([w["id"], w["lead"], w["project"], w["status"], num(w["before"]),
                          num(w["after"])],
                         [[nowrap(m.id), m.label, m.project, status[m.status],
                           num(w.eur(m.base_eur)), num(w.eur(m.other_eur))] for m in d.moves]))
    else:
        out.append(para(say(w, "report.diff_block.the_same_projects_are")))
    moved = [r for r in d.regions if r.change_eur]
    if moved:
        out.append(table([w["region"], num(w["before"]), num(w["after"]), num(w["change"])],
                         [[region_name(r.region, w.lang), num(w.eur(r.base_eur)),
                           num(w.eur(r.other_eur)), num(w.signed_eur(r.change_eur))]
                          for r in moved],
                         caption=say(w, "report.diff_block.euros_moved_between_regions")))
    return "\n".join(out)
