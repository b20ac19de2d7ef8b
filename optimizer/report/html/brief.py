"""The report's first page, the decision brief: the answer in three sentences, the actual
decision's efficiency under both value measures beside the rules it breaks, the largest
entries and exits, what the next million buys, the proxy caveat; then the applications ×
scenarios grid and the value-for-money figure. The facts come from report.brief."""

from __future__ import annotations

from collections.abc import Sequence

from optimizer.report.analyses import Analyses
from optimizer.report.brief import Brief, GridRow, Move, ScenarioBrief
from optimizer.report.html.toolkit import (
    Cell,
    attr,
    esc,
    figure,
    heading,
    nowrap,
    num,
    para,
    table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

FAVOURS = {"score": "report.brief.favours_score", "score_euros": "report.brief.favours_score_euros"}
FUNDED, NOT_FUNDED = "●", "–"
FLAG = "⚑"  # beside an efficiency: the actual decision breaks a rule of that scenario


def brief_section(scenarios: Sequence[Analyses], brief: Brief, w: Words) -> str:
    """The first page: one for the report, whatever the number of scenarios."""
    first, a = brief.scenarios[0], scenarios[0]
    prep = a.allocation.case
    out = ['<section class="brief" id="brief">', heading(2, say(w, "report.brief.title"))]
    out.append('<div class="answer">' + "".join(
        f"<p>{esc(s)}</p>" for s in _answer(brief, a, w)) + "</div>")
    if any(s.measures for s in brief.scenarios):
        out.append(_efficiencies(scenarios, brief, w))
    moves = _moves(first, w)
    if moves:
        out.append("<ul>" + "".join(f"<li>{esc(m)}</li>" for m in moves) + "</ul>")
    if prep.is_proxy:
        out.append(f'<p class="note">{esc(say(w, "report.brief.proxy"))} '
                   f'<a href="#scores">{esc(w["scores_title"])}</a>.</p>')
    out.append("</section>")
    return "\n".join(out)


def _answer(brief: Brief, a: Analyses, w: Words) -> list[str]:
    """Three sentences: what the optimum funds, how near the actual decision comes, what
    moving to the optimum takes and which scenarios' rules the actual decision breaks."""
    s, tot = brief.scenarios[0], a.allocation.totals()
    if not s.measures or s.actual_projects is None:
        return [say(w, "report.brief.answer_optimum_alone", letter=s.letter,
                    projects=s.optimal_projects, spent=s.optimal_spent_eur,
                    budget=tot.budget_eur)]
    out = [say(w, "report.brief.answer_optimum", letter=s.letter, projects=s.optimal_projects,
               spent=s.optimal_spent_eur, budget=tot.budget_eur, actual=s.actual_projects)]
    m = s.measures
    second = (say(w, "report.brief.answer_efficiency_second", second=m[1].efficiency or 0.0,
                  second_name=w.objective(m[1].objective)) if len(m) > 1 else "")
    out.append(say(w, "report.brief.answer_efficiency", first=m[0].efficiency or 0.0,
                   first_name=w.objective(m[0].objective), second=second))
    letters = [b.letter for b in brief.scenarios if b.broken]
    many = "report.brief.breaks_in_many" if len(letters) > 1 else "report.brief.breaks_in"
    broken = (say(w, many, letters=letters) if letters
              else say(w, "report.brief.keeps_every_rule"))
    out.append(say(w, "report.brief.answer_changes", letter=s.letter, additions=s.n_entries,
                   removals=s.n_exits, broken=broken))
    return out


def _kinds(brief: Brief) -> list[str]:
    kinds: list[str] = []
    for s in brief.scenarios:
        kinds += [str(m.objective) for m in s.measures if str(m.objective) not in kinds]
    return kinds


def _efficiencies(scenarios: Sequence[Analyses], brief: Brief, w: Words) -> str:
    """Each scenario's efficiencies under every value measure, the rules broken beside."""
    kinds = _kinds(brief)
    rows = []
    for s, a in zip(brief.scenarios, scenarios, strict=True):
        by = {str(m.objective): m.efficiency for m in s.measures}
        flag = f" {FLAG}" if s.broken else ""
        cells: list[object] = [nowrap(s.letter), a.allocation.case.scenario.title_in(w.lang)]
        cells += [num(w.pct(by[k]) + flag if by.get(k) is not None else "–") for k in kinds]
        cells.append(Cell("; ".join(m.text(w.lang) for m in s.broken)
                          or say(w, "report.brief.no_broken"), "broken" if s.broken else ""))
        rows.append(cells)
    heads = ["", w["scenario"], *(num(_cap(w.objective(k))) for k in kinds),
             say(w, "report.brief.broken_header")]
    favours = [_cap(say(w, FAVOURS[k])) + "." for k in kinds if k in FAVOURS]
    if any(s.broken for s in brief.scenarios):
        favours.append(say(w, "report.brief.flag"))
    return (table(heads, rows, cls="brief", caption=say(w, "report.brief.efficiency_header"))
            + "".join(para(f, "note") for f in favours))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _moves(s: ScenarioBrief, w: Words) -> list[str]:
    out = []
    if s.entries:
        out.append(say(w, "report.brief.largest_entries", n=s.n_entries,
                       items=[_move(m, w) for m in s.entries]))
    if s.exits:
        out.append(say(w, "report.brief.largest_exits", n=s.n_exits,
                       items=[_move(m, w) for m in s.exits]))
    nm = s.next_million
    if nm is not None:
        residents = (say(w, "report.brief.residents", residents=nm.residents)
                     if nm.residents else "")
        out.append(say(w, "report.brief.next_million", budget=nm.budget_eur,
                       projects=s.optimal_projects + nm.projects, now=s.optimal_projects,
                       spent=nm.spent_eur, residents=residents))
    return out


def _move(m: Move, w: Words) -> str:
    return say(w, "report.brief.move", project=m.project, id=m.id, eur=m.eur)


def grid_section(brief: Brief, w: Words) -> str:
    """Applications × scenarios: the rows where anything differs printed, the rest folded."""
    letters = [s.letter for s in brief.scenarios]
    heads: list[object] = [w["id"], w["project"]]
    if brief.has_actual:
        heads.append(Cell(w["actual"], "mark"))
    heads += [Cell(letter, "mark") for letter in letters]
    differ = [r for r in brief.grid if not r.agreed]
    agreed = [r for r in brief.grid if r.agreed]
    out = ['<section id="grid">', heading(2, say(w, "report.brief.grid_title")),
           para(say(w, "report.brief.grid_note"), "note"),
           table(heads, [_grid_row(r, brief.has_actual) for r in differ], cls="grid")]
    if agreed:
        out += ['<details class="fold">',
                f"<summary>{esc(say(w, 'report.brief.grid_agreed', n=len(agreed)))}</summary>",
                table(heads, [_grid_row(r, brief.has_actual) for r in agreed], cls="grid"),
                "</details>"]
    out.append("</section>")
    return "\n".join(out)


def _grid_row(r: GridRow, has_actual: bool) -> list[object]:
    marks = ([r.actual] if has_actual else []) + list(r.funded)
    return [nowrap(r.id), r.project, *(Cell(FUNDED if m else NOT_FUNDED, "mark")
                                       for m in marks)]


def value_for_money(a: Analyses, w: Words) -> str:
    """D2's figure of the first scenario, when the report drew it."""
    svg = a.figures.get("value_for_money")
    if not svg:
        return ""
    return figure(svg, say(w, "report.brief.vfm_alt"), say(w, "report.brief.vfm_caption"))


def fold(summary: str, body: Sequence[str], anchor: str = "") -> str:
    """A section shown on screen when opened and left out of print."""
    ident = f' id="{attr(anchor)}"' if anchor else ""
    return "\n".join([f'<details class="fold"{ident}>',
                      f"<summary>{esc(summary)}</summary>", *[b for b in body if b],
                      "</details>"])
