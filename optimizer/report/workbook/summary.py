"""The summary sheet: the headline figures as label | value."""

from __future__ import annotations

from functools import partial
from typing import Any

from openpyxl.styles import Alignment, Font

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.compare import Comparison
from optimizer.analysis.robustness import Robustness
from optimizer.case import Case
from optimizer.constants import Status
from optimizer.report.workbook.sheet import (
    COUNT,
    EUR,
    SHARE,
    Column,
    check_lang,
    fit_columns,
    value_format,
    word,
    write_table,
)
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words, value_model


def write_summary_sheet(ws: Any, a: Allocation, lang: str,
                        comparison: Comparison | None = None,
                        robustness: Robustness | None = None) -> None:
    """The headline figures as label | value; the scenario's title is the header row,
    and a proxy warning, when the scores are proxies, the first row under it (bold)."""
    check_lang(lang)
    rows = summary_rows(a, lang, comparison, robustness)
    write_table(ws, [Column("item"), Column("value", wide=True)],
                [[label, value] for label, value, _ in rows], lang,
                headers=[word("title", lang), a.case.scenario.title_in(lang)])
    for i, (_, value, fmt) in enumerate(rows, start=2):
        cell = ws.cell(row=i, column=2)
        if fmt and isinstance(value, int | float):
            cell.number_format = fmt
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    if a.case.is_proxy:
        for cell in ws[2]:
            cell.font = Font(bold=True, color="9C0006")
    fit_columns(ws)



def summary_rows(a: Allocation, lang: str, comparison: Comparison | None = None,
                 robustness: Robustness | None = None) -> list[tuple[str, object, str | None]]:
    """(label, value, number format) of each line of the summary."""
    prep, res, tot = a.case, a.result, a.totals()
    w = partial(word, lang=lang)
    value_fmt = value_format(prep.objective)
    rows: list[tuple[str, object, str | None]] = [
        (w("scores"), _score_source(prep, lang), None),
        (w("round"), _round_name(prep, lang), None),
        (w("budget"), tot.budget_eur, EUR),
        # awarded - saving = spent, only where a synergy saving makes them differ
        *([(w("awarded_total"), tot.awarded_eur, EUR), (w("synergy_saving"), tot.saving_eur, EUR)]
          if tot.saving_eur else []),
        (w("spent"), tot.spent_eur, EUR),
        (w("left"), tot.left_eur, EUR),
        (w("projects_funded"), tot.projects, COUNT),
        (w("regions_covered"), tot.regions_covered, COUNT),
        (f"{w('total_value')} ({objective_name(prep.objective, lang)})", tot.objective,
         value_fmt),
        (w("value_means"), value_model(prep.objective, prep.partial_value, lang), None),
    ]
    if comparison is not None:
        rows += _comparison_summary(comparison, prep, lang)
    rows += [(w("solver"), res.solver, None), (w("status"), _status(res.status, lang), None)]
    if res.gap is not None:
        rows.append((w("gap"), res.gap, SHARE))
    if robustness is not None:
        rows += [(w("draws"), robustness.samples, COUNT), (w("seed"), robustness.seed, None)]
    rows += [(w("note"), note.text(lang), None) for note in prep.notes]
    return rows



def _comparison_summary(c: Comparison, prep: Case,
                        lang: str) -> list[tuple[str, object, str | None]]:
    w = partial(word, lang=lang)
    rows: list[tuple[str, object, str | None]] = [
        (w("actual_spent"), c.actual_spent_eur, EUR),
        (w("actual_funded"), len(prep.actually_funded), COUNT),
    ]
    for v in c.views or (c.view(),):
        name = objective_name(v.objective, lang)
        rows.append((f"{w('efficiency')} ({name})", v.efficiency, SHARE))
        rows.append((f"{w('fewest_changes')} ({name})", _changes_text(
            v.fewest_changes, v.additions, v.removals, lang), None))
    return rows



def _changes_text(count: int, additions: int, removals: int, lang: str) -> str:
    return say(lang, "report.sheet.changes", count=count, additions=additions,
               removals=removals)



def _score_source(prep: Case, lang: str) -> str:
    if prep.is_proxy:
        return word("proxy_warning", lang)
    if prep.score_path is not None:
        return say(lang, "report.sheet.sheet_scores", label=prep.scores.label,
                   file=prep.score_path.name)
    return prep.scores.label



def _round_name(prep: Case, lang: str) -> str:
    call = prep.round.call
    name = {"fi": call.name, "en": call.name_en}[lang] or call.name  # the round's (data)
    return f"{prep.round.path.name}: {name}" if name else prep.round.path.name



def _status(status: str, lang: str) -> str:
    return word(status, lang) if status in (Status.OPTIMAL, Status.FEASIBLE) else status



def objective_name(objective: str, lang: str) -> str:
    """What is maximised, by its plain name ("the sum of project scores")."""
    return Words(lang).objective(objective)
