"""Robust portfolios (issue 23): the weight statements, the count of non-dominated
portfolios, core / borderline / exterior applications, whether the actual decision is
non-dominated, and the core index beside the sampled acceptability."""

from __future__ import annotations

from optimizer.analysis.nondominated import (
    BORDERLINE,
    CORE,
    EXTERIOR,
    ActualCheck,
    CoreIndex,
    RobustPortfolios,
    actual_messages,
    how_message,
    scores_message,
    stop_message,
)
from optimizer.report.analyses import Analyses
from optimizer.report.html.toolkit import (
    bullets,
    figure,
    heading,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.vocabulary.message import render, say
from optimizer.vocabulary.words import Words

SHOWN_PORTFOLIOS = 5  # the page lists the first few; the workbook has every one
HEADS = {CORE: "report.portfolios.core_head", BORDERLINE: "report.portfolios.borderline_head",
         EXTERIOR: "report.portfolios.exterior_head"}


def portfolios_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    rp = a.portfolios
    if rp is None:
        return ""
    prep = a.allocation.case
    funded = prep.actually_funded if prep.round.awards else set()
    body = [para(say(w, "report.portfolios.intro"), "sentence"),
            para(say(w, "report.portfolios.proxy"), "note") if rp.is_proxy else "",
            *_question(rp, w, level + 1), para(_count(rp, w), "big")]
    for cat in (CORE, BORDERLINE, EXTERIOR):
        items = [c for c in rp.items if c.category == cat]
        body.append(heading(level + 1, f"{say(w, HEADS[cat])}: {len(items)}"))
        body.append(bullets([_entry(c, funded, w) for c in items], "cols") if items
                    else para(w["none"].capitalize() + "."))
    if rp.actual is not None:
        body += [heading(level + 1, say(w, "report.portfolios.actual_head")),
                 para(_actual(rp, rp.actual, w))]
    body += [heading(level + 1, say(w, "report.portfolios.versus_head")),
             para(say(w, "report.portfolios.versus", samples=rp.samples, seed=rp.seed)
                  if rp.samples else say(w, "report.portfolios.no_draws"), "sentence"),
             figure(a.figures.get("portfolios"), say(w, "report.portfolios.figure_alt"),
                    say(w, "report.portfolios.figure_caption")),
             para(say(w, "report.portfolios.deciders_note" if rp.complete
                      else "report.portfolios.no_deciders"), "note")
             if rp.ids(BORDERLINE) else "",
             _side_by_side(rp, funded, w), _portfolio_table(rp, w)]
    return section(prefix + "portfolios", say(w, "report.portfolios.title"), body, level)


def _question(rp: RobustPortfolios, w: Words, level: int) -> list[str]:
    """The statements with the groups they name, each weight's range, the scores."""
    out = [heading(level, say(w, "report.portfolios.statements_head"))]
    if rp.statements:
        out.append(bullets(rp.statements))
    else:
        out.append(para(say(w, "report.portfolios.no_statements")))
    named = [g for g in rp.groups if any(g in s for s in rp.statements)]
    if named:
        parts = [say(w, "cli.portfolios.group" if g in rp.fixed_groups
                     else "cli.portfolios.group_free", group=g,
                     members=" + ".join(rp.groups[g])) for g in named]
        out.append(para(say(w, "cli.portfolios.groups", groups="; ".join(parts))))
    ranges = "; ".join(say(w, "report.portfolios.range", name=n, lo=lo, hi=hi)
                       for n, (lo, hi) in rp.ranges.items())
    out += [para(say(w, "cli.portfolios.ranges", ranges=ranges)),
            para(render(scores_message(rp), w.lang))]
    return out


def _count(rp: RobustPortfolios, w: Words) -> str:
    """How many, and whether that is all of them (no seconds: the page is reproducible)."""
    if not rp.complete:
        return say(w, "report.portfolios.incomplete", n=len(rp.portfolios),
                   why=render(stop_message(rp), w.lang), narrowing=rp.narrowing)
    return say(w, "report.portfolios.complete", n=len(rp.portfolios),
               how=render(how_message(rp), w.lang))


def _entry(c: CoreIndex, funded: set[str], w: Words) -> str:
    text = f"{c.id} {c.label}"
    if c.category == BORDERLINE:
        text += f": {w.num(c.index, 2)}"
    if c.id in funded:
        text += f" ({w['actually_funded']})"
    return text


def _decided(c: CoreIndex, w: Words) -> str:
    if not c.deciders:
        return say(w, "report.portfolios.undecided")
    return "; ".join(say(w, "report.portfolios.decided", statement=d.statement,
                         makes=w[d.makes]) for d in c.deciders)


def _actual(rp: RobustPortfolios, actual: ActualCheck, w: Words) -> str:
    texts = [render(m, w.lang) for m in actual_messages(actual)]
    if not actual.nondominated:
        texts.insert(1, " " + say(w, "report.portfolios.dominating", n=len(actual.dominated_by),
                                  eur=sum(rp.costs_eur[i] for i in actual.dominated_by)))
    return "".join(texts)


def _side_by_side(rp: RobustPortfolios, funded: set[str], w: Words) -> str:
    """Per application: core index, class, sampled acceptability (when drawn), the actual
    decision, and the statement that decides a borderline one."""
    drawn = rp.samples > 0
    heads = [w["id"], w["lead_short"], num(say(w, "report.portfolios.head.index")), w["class"],
             *([num(say(w, "report.portfolios.head.sampled"))] if drawn else []),
             *([w["actual_short"]] if funded else []),
             say(w, "report.portfolios.head.decided")]
    rows = [[nowrap(c.id), c.label, num(w.num(c.index, 2)), w[c.category],
             *([num(w.num(c.acceptability, 2) if c.acceptability is not None else "–")]
               if drawn else []),
             *([w["yes"] if c.id in funded else ""] if funded else []),
             _decided(c, w) if c.category == BORDERLINE and rp.complete else ""]
            for c in rp.items]
    return table(heads, rows)


def _portfolio_table(rp: RobustPortfolios, w: Words) -> str:
    """The first few portfolios, each after the first as its difference from it."""
    shown = rp.portfolios[:SHOWN_PORTFOLIOS]
    if not shown:
        return ""
    first = set(shown[0])
    rows = []
    for k, p in enumerate(shown, 1):
        diff = " ".join([*(f"+{i}" for i in sorted(set(p) - first)),
                         *(f"−{i}" for i in sorted(first - set(p)))])
        rows.append([num(k), num(len(p)), num(w.eur(sum(rp.costs_eur[i] for i in p))),
                     " ".join(p) if k == 1 else diff])
    heads = [num(say(w, "report.portfolios.head.portfolio")),
             num(say(w, "report.portfolios.head.projects")),
             num(say(w, "report.portfolios.head.cost")),
             say(w, "report.portfolios.head.difference")]
    return table(heads, rows, caption=say(w, "report.portfolios.list_head", n=len(shown)))
