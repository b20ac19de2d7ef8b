"""report.xlsx: the report as a workbook to continue in, in English or Finnish.

Sheets, in order: summary, allocation (every application of the round, funded or not),
regions (with the fair-share columns when that rule is on), pools and years (only with
funding pools or yearly appropriations), links (only when the scenario links
applications), comparison (when the round has awards), frontier, robustness (when it was
run), scenario (the audit record). Every sheet has a bold header row, frozen below it, an
autofilter over its table, column widths fitted to the content and number formats for
euros, shares and scores. Totals rows hold numbers computed here, not formulas, so that
every reader (and a sorted or filtered copy) shows the same figures.

Names come from outside applicants: every row goes through files.append_row (text is
stored as text, never as a formula), and files.save_workbook writes no timestamps, so the
same analyses give the same bytes. `run`'s allocation.xlsx uses the same sheets
(report.allocation.write_xlsx).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from optimizer.analysis.allocation import Allocation
from optimizer.analysis.audit import Audit
from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.frontier import Frontier, Outcome, Step
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR, Robustness
from optimizer.formats.files import append_row, save_workbook
from optimizer.model.instance import FEASIBLE, OPTIMAL, SCORE_EUROS, WHOLE
from optimizer.model.prepare import UNKNOWN_REGION, Prepared
from optimizer.readers.domain import Application
from optimizer.report.analyses import Analyses
from optimizer.report.words import (
    OBJECTIVE_NAMES,
    fund_name,
    link_kind,
    reason_text,
    rule_text,
    value_model,
)

LANGS = ("en", "fi")

EUR = '#,##0 "€"'
EUR_CENTS = '#,##0.00 "€"'
SHARE = "0.0 %"
SCORE_FMT = "0.000"
COUNT = "#,##0"
WIDE = 60  # characters: wider text wraps
HEADER = 20  # characters of a header that count towards its column's width (it wraps)

FUNDED, NOT_FUNDED, NOT_FUNDABLE = "funded", "not_funded", "not_fundable"

# Every header and label of the workbook: (English, Finnish). The Finnish follows the
# ministry's own vocabulary (GLOSSARY-fi.md).
WORDS: dict[str, tuple[str, str]] = {
    # sheets
    "summary": ("summary", "yhteenveto"),
    "about": ("about", "tietoja"),
    "allocation": ("allocation", "jako"),
    "regions": ("regions", "maakunnat"),
    "funds": ("pools and years", "määrärahaosuudet ja vuodet"),
    "links": ("links", "kytkökset"),
    "comparison": ("comparison", "vertailu"),
    "frontier": ("frontier", "määrärahat"),
    "robustness": ("robustness", "herkkyys"),
    "scenario": ("scenario", "skenaario"),
    # columns
    "id": ("id", "tunnus"),
    "project": ("project", "hanke"),
    "lead": ("lead applicant", "hankehallinnoija"),
    "region": ("region", "maakunta"),
    "score": ("score", "pisteet"),
    "score_proxy": ("score (proxy)", "pisteet (korvaava)"),
    "award": ("award (€)", "avustus, €"),
    "requested": ("requested (€)", "haettu summa, €"),
    "need": ("need (€)", "avustustarve, €"),
    "share_of_need": ("share of need", "osuus tarpeesta"),
    "actual_award": ("actual decision (€)", "toteutunut päätös, €"),
    "status": ("status", "tila"),
    "reason": ("why not fundable", "miksi ei rahoitettavissa"),
    "population": ("population", "asukasluku"),
    "projects": ("projects", "hankkeita"),
    "share_of_budget": ("share of the appropriation", "osuus määrärahasta"),
    "per_resident": ("€ per resident", "€ asukasta kohden"),
    "actual_projects": ("projects, actual decision", "hankkeita, toteutunut päätös"),
    "actual_eur": ("awarded, actual decision (€)", "myönnetty, toteutunut päätös, €"),
    "actual_share": ("share of the appropriation, actual decision",
                     "osuus määrärahasta, toteutunut päätös"),
    "actual_per_resident": ("€ per resident, actual decision",
                            "€ asukasta kohden, toteutunut päätös"),
    "funded_in": ("funded in", "rahoitettu"),
    "actual": ("actual decision (€)", "toteutunut päätös, €"),
    "optimal_eur": ("optimal allocation (€)", "optimaalinen jako, €"),
    "change": ("change (€)", "muutos, €"),
    "objective": ("objective", "tavoitefunktio"),
    "actual_value": ("value of the actual decision", "toteutuneen päätöksen kokonaisarvo"),
    "optimal_value": ("optimal value", "optimin kokonaisarvo"),
    "efficiency": ("efficiency", "tehokkuus"),
    "fewest_changes": ("fewest changes", "vähimmät muutokset"),
    "additions": ("additions", "lisäykset"),
    "removals": ("removals", "poistot"),
    "amount_changes": ("awards changed in amount", "määrältään muuttuvat avustukset"),
    "outside": ("actual awards to applications not fundable under the scenario",
                "toteutuneet avustukset hakemuksille, jotka eivät ole skenaariossa "
                "rahoitettavissa"),
    "broken": ("scenario rules the actual decision breaks",
               "skenaarion säännöt, joita toteutunut päätös rikkoo"),
    "budget": ("appropriation (€)", "määräraha, €"),
    "spent": ("spent (€)", "käytetty, €"),
    "greedy_score": ("greedy by score: value", "ahne valinta pisteiden mukaan: kokonaisarvo"),
    "greedy_score_ok": ("greedy by score: within the rules",
                        "ahne valinta pisteiden mukaan: sääntöjen mukainen"),
    "greedy_ratio": ("greedy by score per euro: value",
                     "ahne valinta pisteet euroa kohden: kokonaisarvo"),
    "greedy_ratio_ok": ("greedy by score per euro: within the rules",
                        "ahne valinta pisteet euroa kohden: sääntöjen mukainen"),
    "enter": ("enter (from the row above)", "tulevat mukaan (edelliseen riviin verrattuna)"),
    "leave": ("leave (from the row above)", "jäävät pois (edelliseen riviin verrattuna)"),
    "actual_point": ("actual decision", "toteutunut päätös"),
    "acceptability": ("acceptability index", "hyväksyttävyysindeksi"),
    "class": ("class", "luokka"),
    "in_optimum": ("funded in the optimal allocation", "rahoitettu optimaalisessa jaossa"),
    "in_actual": ("funded in the actual decision", "rahoitettu toteutuneessa päätöksessä"),
    "key": ("key", "avain"),
    "value": ("value", "arvo"),
    "origin": ("origin", "alkuperä"),
    "input_file": ("input file", "syötetiedosto"),
    "sha256": ("SHA-256", "SHA-256"),
    "bytes": ("bytes", "tavua"),
    "software": ("software", "ohjelmisto"),
    "version": ("version", "versio"),
    "total": ("total", "yhteensä"),
    "item": ("item", "kohta"),
    # summary
    "title": ("scenario", "skenaario"),
    "round": ("round", "haku"),
    "left": ("left (€)", "jäljellä, €"),
    "projects_funded": ("projects funded", "rahoitettavia hankkeita"),
    "regions_covered": ("regions covered", "maakuntia, joissa rahoitettu hanke"),
    "total_value": ("value", "kokonaisarvo"),
    "value_means": ("what the value means", "mitä kokonaisarvo tarkoittaa"),
    "scores": ("scores", "pisteet"),
    "actual_spent": ("actual decision: spent (€)", "toteutunut päätös: käytetty, €"),
    "actual_funded": ("actual decision: projects", "toteutunut päätös: hankkeita"),
    "solver": ("solver", "ratkaisija"),
    "gap": ("gap to the proven optimum", "ero todistettuun optimiin"),
    "draws": ("robustness: draws of the weights", "herkkyys: painojen arvontoja"),
    "seed": ("robustness: seed", "herkkyys: siemenluku"),
    "note": ("note", "huomautus"),
    "region_basis": ("regions counted by", "maakunnat laskettu"),
    "scenario_file": ("scenario file", "skenaariotiedosto"),
    "score_source": ("score source", "pisteiden lähde"),
    # values
    FUNDED: ("funded", "rahoitettu"),
    NOT_FUNDED: ("not funded", "ei rahoitettu"),
    NOT_FUNDABLE: ("not fundable", "ei rahoitettavissa"),
    BOTH: ("both", "molemmissa"),
    ONLY_ACTUAL: ("actual decision only", "vain toteutuneessa päätöksessä"),
    ONLY_OPTIMAL: ("optimal allocation only", "vain optimaalisessa jaossa"),
    CORE: ("core", "ydin"),
    BORDERLINE: ("borderline", "rajatapaus"),
    EXTERIOR: ("exterior", "ulkopuolinen"),
    OPTIMAL: ("optimal", "optimaalinen"),
    FEASIBLE: ("feasible (time limit reached)", "käypä (aikaraja täyttyi)"),
    "yes": ("yes", "kyllä"),
    "no": ("no", "ei"),
    "infeasible": ("infeasible", "ei ratkaisua"),
    "default": ("default", "oletus"),
    "lead_basis": ("the lead applicant's region", "hankehallinnoijan maakunnan mukaan"),
    # portfolio structure (issue 14)
    "fair_share": ("fair share", "reilu osuus"),
    "fair_share_ratio": ("ratio to the fair share", "suhde reiluun osuuteen"),
    "actual_fair_share_ratio": ("ratio to the fair share, actual decision",
                                "suhde reiluun osuuteen, toteutunut päätös"),
    "pool_or_year": ("pool or year", "määrärahaosuus tai vuosi"),
    "applications": ("applications", "hakemuksia"),
    "link_kind": ("kind", "laji"),
    "link_ids": ("applications", "hakemukset"),
    "link_requires": ("requires", "edellyttää"),
    "link_bonus": ("bonus (score points)", "lisä, pisteitä"),
    "link_saving": ("saving (€)", "säästö, €"),
    "unsplit": ("?: the awards cannot be split between the pools (they break them)",
                "?: avustuksia ei voi jakaa määrärahaosuuksien kesken (ne rikkovat niiden "
                "rajat)"),
    "carried": ("unspent money carries over: a year's 'left' is what is left up to it",
                "käyttämätön määräraha siirtyy: vuoden 'jäljellä' on siihen mennessä jäljellä "
                "oleva määrä"),
    "participants_basis": ("the participants' regions (awards split by residents)",
                           "osallistujien maakuntien mukaan (avustus jaettu asukasluvun "
                           "suhteessa)"),
}

PROXY_WARNING = (
    "The scores are proxy indicators computed from the data (an indirect measure), not an "
    "evaluation of the applications' quality.",
    "Pisteet ovat aineistosta laskettuja korvaavia pistemääriä (välillinen mittari), eivät "
    "arvio hakemusten laadusta.",
)
OBJECTIVE_FI = {"score": "hankkeiden pistemäärien summa",
                SCORE_EUROS: "pistemäärä × euroa, yhteenlaskettuna"}


def word(key: str, lang: str) -> str:
    """A header or label in the language (`lang` is "en" or "fi")."""
    return WORDS[key][LANGS.index(lang)]


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"the workbook's language is 'en' or 'fi', not {lang!r}")


# --------------------------------------------------------------------------- the workbook


def write_workbook(analyses: Analyses, path: Path, lang: str = "en") -> None:
    """report.xlsx: every sheet of the report, headers and labels in `lang`."""
    check_lang(lang)
    a = analyses
    wb = Workbook()
    wb.remove(wb.active)  # every sheet is named and made below
    summary = wb.create_sheet(word("summary", lang))
    write_summary_sheet(summary, a.allocation, lang, a.comparison, a.robustness)
    write_allocation_sheet(wb.create_sheet(word("allocation", lang)), a.allocation, lang)
    write_regions_sheet(wb.create_sheet(word("regions", lang)), a.allocation, lang)
    if a.allocation.funds():  # issue 14: only with funding pools or years
        write_funds_sheet(wb.create_sheet(word("funds", lang)), a.allocation, a.comparison,
                          lang)
    if a.allocation.prepared.instance.rules.links:
        write_links_sheet(wb.create_sheet(word("links", lang)), a.allocation, lang)
    if a.comparison is not None:
        write_comparison_sheet(wb.create_sheet(word("comparison", lang)), a.comparison,
                               a.allocation.prepared, lang)
    write_frontier_sheet(wb.create_sheet(word("frontier", lang)), a.frontier, lang)
    if a.robustness is not None:
        write_robustness_sheet(wb.create_sheet(word("robustness", lang)), a.robustness,
                               a.allocation, lang)
    write_audit_sheet(wb.create_sheet(word("scenario", lang)), a.audit, lang)
    save_workbook(wb, path)


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    """A column of a table: its header (a WORDS key) and how its numbers show."""

    word: str
    fmt: str | None = None  # EUR: whole euros, or cents where a cell has them
    wide: bool = False  # free text: wrapped at WIDE characters


def write_table(ws: Any, columns: Sequence[Column], rows: Sequence[Sequence[object]],
                lang: str, total: Sequence[object] | None = None,
                headers: Sequence[str] | None = None) -> None:
    """The sheet's table from row 1: a bold header frozen above the rows, an autofilter
    over them, number formats per column, and a bold totals row below the filter (so
    sorting never moves it). Call on an empty sheet; blocks may follow (append_block)."""
    heads = list(headers) if headers is not None else [word(c.word, lang) for c in columns]
    append_row(ws, heads)
    for row in rows:
        append_row(ws, row)
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{1 + len(rows)}"
    ws.freeze_panes = "A2"
    if total is not None:
        append_row(ws, total)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    _style_header(ws[1])
    body = 1 + len(rows) + (total is not None)
    for j, col in enumerate(columns, start=1):
        cells = [ws.cell(row=r, column=j) for r in range(2, body + 1)]
        _format_cells(cells, col)


class Shown(NamedTuple):
    """A number of a block with its number format."""

    value: float | int | None
    fmt: str


def append_block(ws: Any, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A small table below the main one, after an empty row: a bold header and rows
    (a Shown cell gets its number format)."""
    append_row(ws, [])
    append_row(ws, list(header))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(ws, [v.value if isinstance(v, Shown) else v for v in row])
        for cell, v in zip(ws[ws.max_row], row, strict=False):
            if isinstance(v, Shown):
                cell.number_format = v.fmt


def _style_header(cells: Iterable[Any]) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _format_cells(cells: Sequence[Any], col: Column) -> None:
    fmt = col.fmt
    if fmt == EUR and any(_has_cents(c.value) for c in cells):
        fmt = EUR_CENTS
    for cell in cells:
        if fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
            cell.number_format = fmt
        if col.wide:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _has_cents(value: object) -> bool:
    return isinstance(value, float) and round(value * 100) % 100 != 0


def fit_columns(ws: Any) -> None:
    """Column widths fitted to what the cells show (headers count up to HEADER characters
    and wrap), at most WIDE; longer text wraps. Also: print on landscape pages one wide,
    the header repeated on each."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            n = _shown_length(cell.value, cell.number_format)
            if cell.row == 1:
                n = min(n, max([HEADER, *(len(w) for w in str(cell.value).split())]))
            elif n > WIDE:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[cell.column] = max(widths.get(cell.column, 0), min(n, WIDE))
    for column, n in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = n + 2
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _shown_length(value: object, fmt: str) -> int:
    """About how many characters a cell shows under its number format."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return max((len(line) for line in str(value).splitlines()), default=0)
    if "%" in fmt:
        text = f"{value * 100:.1f} %"
    elif "€" in fmt:
        text = f"{value:,.{2 if '.00' in fmt else 0}f} €"
    elif fmt == SCORE_FMT:
        text = f"{value:.3f}"
    elif fmt == COUNT:
        text = f"{value:,.0f}"
    else:
        text = str(value)
    return len(text)


# --------------------------------------------------------------------------- summary


def write_summary_sheet(ws: Any, a: Allocation, lang: str,
                        comparison: Comparison | None = None,
                        robustness: Robustness | None = None) -> None:
    """The headline figures as label | value; the scenario's title is the header row,
    and a proxy warning, when the scores are proxies, the first row under it (bold)."""
    check_lang(lang)
    rows = summary_rows(a, lang, comparison, robustness)
    write_table(ws, [Column("item"), Column("value", wide=True)],
                [[label, value] for label, value, _ in rows], lang,
                headers=[word("title", lang), a.prepared.scenario.title])
    for i, (_, value, fmt) in enumerate(rows, start=2):
        cell = ws.cell(row=i, column=2)
        if fmt and isinstance(value, int | float):
            cell.number_format = fmt
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    if a.prepared.is_proxy:
        for cell in ws[2]:
            cell.font = Font(bold=True, color="9C0006")
    fit_columns(ws)


def summary_rows(a: Allocation, lang: str, comparison: Comparison | None = None,
                 robustness: Robustness | None = None) -> list[tuple[str, object, str | None]]:
    """(label, value, number format) of each line of the summary."""
    prep, res, tot = a.prepared, a.result, a.totals()
    rules = prep.instance.rules
    w = partial(word, lang=lang)
    value_fmt = _value_format(rules.objective)
    rows: list[tuple[str, object, str | None]] = [
        (w("scores"), _score_source(prep, lang), None),
        (w("round"), _round_name(prep, lang), None),
        (w("budget"), tot.budget_eur, EUR),
        (w("spent"), tot.spent_eur, EUR),
        (w("left"), tot.left_eur, EUR),
        (w("projects_funded"), tot.projects, COUNT),
        (w("regions_covered"), tot.regions_covered, COUNT),
        (f"{w('total_value')} ({objective_name(rules.objective, lang)})", tot.objective,
         value_fmt),
        (w("value_means"), value_sentence(rules.objective, rules.partial_value, lang), None),
    ]
    if comparison is not None:
        rows += _comparison_summary(comparison, prep, lang)
    rows += [(w("solver"), res.solver, None), (w("status"), _status(res.status, lang), None)]
    if res.gap is not None:
        rows.append((w("gap"), res.gap, SHARE))
    if robustness is not None:
        rows += [(w("draws"), robustness.samples, COUNT), (w("seed"), robustness.seed, None)]
    rows += [(w("note"), note, None) for note in prep.notes]
    return rows


def _comparison_summary(c: Comparison, prep: Prepared,
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
    if lang == "fi":
        return f"{count} ({additions} lisäystä, {removals} poistoa)"
    return f"{count} ({additions} additions, {removals} removals)"


def _score_source(prep: Prepared, lang: str) -> str:
    if prep.is_proxy:
        return PROXY_WARNING[LANGS.index(lang)]
    if lang == "fi" and prep.score_path is not None:
        return f"arviointilomakkeen pisteet ({prep.score_path.name})"
    return prep.scores.label


def _round_name(prep: Prepared, lang: str) -> str:
    call = prep.round.call
    name = call.name if lang == "fi" else (call.name_en or call.name)
    return f"{prep.round.path.name}: {name}" if name else prep.round.path.name


def _status(status: str, lang: str) -> str:
    return word(status, lang) if status in WORDS else status


def objective_name(objective: str, lang: str) -> str:
    if lang == "fi":
        return OBJECTIVE_FI.get(objective, objective)
    return OBJECTIVE_NAMES.get(objective, objective)


def value_sentence(objective: str, partial_value: str, lang: str) -> str:
    """What a funded project contributes (words.value_model; its Finnish here)."""
    if lang != "fi":
        return value_model(objective, partial_value)
    what = ("pistemääränsä" if objective != SCORE_EUROS
            else "pistemääränsä ja tarvitsemiensa eurojen tulon")
    if partial_value == WHOLE:
        counted = ("täysimääräisesti aina, kun se saa avustusta, myös leikattuna tai "
                   "osittaisena")
    else:
        counted = ("kerrottuna sillä osuudella tarpeestaan (haettu summa tai "
                   "kustannusosuuden raja, jos se on pienempi), jonka avustus kattaa")
    return f"Rahoitettu hanke tuo kokonaisarvoon {what} {counted}."


def _value_format(objective: str) -> str:
    return COUNT if objective == SCORE_EUROS else SCORE_FMT


# --------------------------------------------------------------------------- allocation


def allocation_columns(prep: Prepared) -> list[Column]:
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("region"), Column("score_proxy" if prep.is_proxy else "score", SCORE_FMT),
            Column("award", EUR), Column("requested", EUR), Column("need", EUR),
            Column("share_of_need", SHARE)]
    if prep.round.awards:
        cols.append(Column("actual_award", EUR))
    return [*cols, Column("status"), Column("reason", wide=True)]


def write_allocation_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """Every application of the round: funded first (best score first), then the fundable
    ones left unfunded (best score first), then the not fundable ones (by id) with their
    reasons; a totals row of the euro columns."""
    check_lang(lang)
    prep = a.prepared
    rows = allocation_rows(a, lang)
    write_table(ws, allocation_columns(prep), rows, lang, total=_allocation_total(prep, rows,
                                                                                   lang))
    fit_columns(ws)


def allocation_rows(a: Allocation, lang: str) -> list[list[object]]:
    prep, res = a.prepared, a.result
    reasons = {e.id: e.reasons for e in prep.instance.excluded}
    fundable = set(prep.instance.ids)
    keyed = []
    for app in prep.round.applications:
        score = _score(prep, app.id)
        group = 0 if app.id in res.units else 1 if app.id in fundable else 2
        key = (group, -(score or 0.0) if group < 2 else 0.0, app.id)
        keyed.append((key, _allocation_row(a, app, score, reasons.get(app.id), lang)))
    keyed.sort(key=lambda kr: kr[0])
    return [row for _, row in keyed]


def _allocation_row(a: Allocation, app: Application, score: float | None,
                    reasons: tuple[str, ...] | None, lang: str) -> list[object]:
    prep = a.prepared
    unit = prep.unit_eur
    funded = app.id in a.result.units
    if reasons is None:
        item = prep.instance.item(app.id)
        need: float | None = round(item.need * unit, 2)
        award: float = a.award_eur(app.id)
        share: float | None = a.result.units.get(app.id, 0) / item.need
        status = FUNDED if funded else NOT_FUNDED
    else:
        need, award, share, status = None, 0.0, None, NOT_FUNDABLE
    row: list[object] = [app.id, app.project, prep.labels.get(app.id, app.applicant),
                         lead_region(prep, app), score, award, app.requested_eur, need, share]
    if prep.round.awards:
        row.append(prep.actual_eur.get(app.id, 0.0))
    reason = "; ".join(reason_text(r, lang, prep.round.call) for r in reasons or ())
    return [*row, word(status, lang), reason or None]


def _allocation_total(prep: Prepared, rows: list[list[object]], lang: str) -> list[object]:
    """Sums of the euro columns (award, requested, need, actual) under the other columns'
    blanks; the project column counts the applications."""
    euros = [5, 6, 7, *([9] if prep.round.awards else [])]
    total: list[object] = [None] * len(allocation_columns(prep))
    total[0] = word("total", lang)
    total[1] = (f"{len(rows)} hakemusta" if lang == "fi" else f"{len(rows)} applications")
    for j in euros:
        total[j] = column_sum(rows, j)
    return total


def column_sum(rows: Sequence[Sequence[object]], j: int) -> float:
    """The sum of column j's numbers, to the cent."""
    return round(sum(v for r in rows if isinstance(v := r[j], int | float)), 2)


def _score(prep: Prepared, app_id: str) -> float | None:
    """The project score under the scenario's weights (also of a not fundable one)."""
    if prep.instance.has(app_id):
        return prep.instance.item(app_id).score
    return prep.scores.score(app_id) if app_id in prep.scores.values else None


def lead_region(prep: Prepared, app: Application) -> str:
    """The lead applicant's region, as the instance has it (model.prepare._item)."""
    prof = prep.profiles.get(app.id)
    return app.region or (prof.lead_region if prof else None) or UNKNOWN_REGION


# --------------------------------------------------------------------------- regions


def write_regions_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """Projects and euros per region (the optimum, and the actual decision when known)."""
    table = a.regions()
    cols = [Column("region"), Column("population", COUNT), Column("projects", COUNT),
            Column("award", EUR), Column("share_of_budget", SHARE),
            Column("per_resident", EUR_CENTS)]
    if table.has_actual:
        cols += [Column("actual_projects", COUNT), Column("actual_eur", EUR),
                 Column("actual_share", SHARE),
                 Column("actual_per_resident", EUR_CENTS)]
    keys = list(table.columns[:len(cols)])
    if table.fair_share_basis is not None:  # issue 14: fair shares by region
        cols += [Column("fair_share", SHARE), Column("fair_share_ratio", "0.00")]
        keys += ["fair_share", "fair_share_ratio"]
        if table.has_actual:
            cols.append(Column("actual_fair_share_ratio", "0.00"))
            keys.append("actual_fair_share_ratio")
    rows = [[r[c] for c in keys] for r in table.rows()]
    budget = table.budget_eur
    spent = round(sum(line.optimal_eur for line in table), 2)
    total: list[object] = [word("total", lang), None, a.totals().projects, spent,
                           spent / budget if budget else None, None]
    if table.has_actual:
        actual = round(sum(line.actual_eur or 0.0 for line in table), 2)
        total += [len(a.prepared.actually_funded), actual,
                  actual / budget if budget else None, None]
    total += [None] * (len(cols) - len(total))
    write_table(ws, cols, rows, lang, total=total)
    basis = "participants_basis" if table.basis == "participants" else "lead_basis"
    append_block(ws, [word("region_basis", lang)], [[word(basis, lang)]])
    fit_columns(ws)


# --------------------------------------------------------------------------- pools, years


def write_funds_sheet(ws: Any, a: Allocation, comparison: Comparison | None,
                      lang: str) -> None:
    """Spend per funding pool and per year: the optimum, and the actual decision when
    known ("?" where its awards cannot be split between the pools)."""
    rows = a.funds()
    actual = list(comparison.funds) if comparison is not None else []
    cols = [Column("pool_or_year"), Column("budget", EUR), Column("spent", EUR),
            Column("left", EUR), Column("applications", COUNT)]
    if actual:
        cols.append(Column("actual_spent", EUR))
    body: list[list[object]] = []
    for i, r in enumerate(rows):
        row = [fund_name(r, lang), r["appropriation_eur"], _or_unknown(r["spent_eur"]),
               _or_unknown(r["left_eur"]), r["applications"]]
        body.append(row + ([_or_unknown(actual[i]["actual_spent_eur"])] if actual else []))
    write_table(ws, cols, body, lang)
    notes = [word("unsplit", lang)] if any("?" in row for row in body) else []
    if a.prepared.instance.rules.carry_over:
        notes.append(word("carried", lang))
    if notes:
        append_block(ws, [word("note", lang)], [[n] for n in notes])
    fit_columns(ws)


def _or_unknown(eur: float | None) -> float | str:
    return "?" if eur is None else eur


def write_links_sheet(ws: Any, a: Allocation, lang: str) -> None:
    """The links between applications the scenario (or the round's links file) states."""
    rules = a.prepared.instance.rules
    cols = [Column("link_kind"), Column("link_ids"), Column("link_requires"),
            Column("link_bonus", SCORE_FMT), Column("link_saving", EUR)]
    rows = [[link_kind(k.kind, lang), ", ".join(k.ids), k.requires or "",
             k.bonus or None, round(k.saving_units * rules.unit_eur, 2) or None]
            for k in rules.links]
    write_table(ws, cols, rows, lang)
    fit_columns(ws)


# --------------------------------------------------------------------------- comparison


def write_comparison_sheet(ws: Any, c: Comparison, prep: Prepared, lang: str) -> None:
    """The applications funded in either portfolio, then the headline figures under each
    objective, the fewest changes, and what the actual decision does outside the rules."""
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("funded_in"), Column("score_proxy" if c.is_proxy else "score", SCORE_FMT),
            Column("actual", EUR), Column("optimal_eur", EUR), Column("change", EUR)]
    rows = [[e.id, _project(prep, e.id), prep.labels.get(e.id, e.label),
             word(e.status, lang), e.score, e.actual_eur, e.optimal_eur, e.change_eur]
            for e in c.entries]
    write_table(ws, cols, rows, lang, total=[word("total", lang), None, None, None, None,
                                             *(column_sum(rows, j) for j in (5, 6, 7))])
    w = partial(word, lang=lang)
    append_block(ws, [w("objective"), w("actual_value"), w("optimal_value"), w("efficiency"),
                      w("fewest_changes"), w("additions"), w("removals")],
                 [[objective_name(v.objective, lang),
                   Shown(v.actual_value, _value_format(v.objective)),
                   Shown(v.optimal_value, _value_format(v.objective)),
                   Shown(v.efficiency, SHARE), v.fewest_changes, v.additions, v.removals]
                  for v in c.views or (c.view(),)])
    ch = c.changes
    append_block(ws, [w("fewest_changes"), w("id")],
                 [[w("additions"), ", ".join(ch.additions)],
                  [w("removals"), ", ".join(ch.removals)],
                  *([[w("amount_changes"), ", ".join(m.id for m in ch.amount_changes)]]
                    if ch.amount_changes else [])])
    if c.outside:
        append_block(ws, [w("outside"), w("actual"), w("reason")],
                     [[o.id, Shown(o.awarded_eur, EUR_CENTS),
                       "; ".join(reason_text(r, lang, prep.round.call) for r in o.reasons)]
                      for o in c.outside])
    if c.violations:
        append_block(ws, [w("broken")], [[rule_text(v, lang)] for v in c.violations])
    fit_columns(ws)


def _project(prep: Prepared, app_id: str) -> str:
    try:
        return prep.round.application(app_id).project
    except KeyError:
        return ""


# --------------------------------------------------------------------------- frontier


def write_frontier_sheet(ws: Any, fr: Frontier, lang: str) -> None:
    """One row per budget: the optimum, the greedy rules of thumb, and what enters and
    leaves from the budget above; the scenario's own appropriation in bold."""
    value_fmt = _value_format(fr.objective)
    cols = [Column("budget", EUR), Column("optimal_value", value_fmt),
            Column("projects", COUNT), Column("spent", EUR),
            Column("greedy_score", value_fmt), Column("greedy_score_ok"),
            Column("greedy_ratio", value_fmt), Column("greedy_ratio_ok"),
            Column("enter", wide=True), Column("leave", wide=True)]
    steps: list[Step | None] = [None, *fr.steps()]
    rows = [[p.budget_eur, _value(p.optimal, lang), p.optimal.funded, p.optimal.spent_eur,
             _value(p.by_score, lang), _yes(p.by_score.satisfies_rules, lang),
             _value(p.by_ratio, lang), _yes(p.by_ratio.satisfies_rules, lang),
             ", ".join(s.enter) if s else None, ", ".join(s.leave) if s else None]
            for p, s in zip(fr.points, steps, strict=True)]
    write_table(ws, cols, rows, lang)
    for i, p in enumerate(fr.points, start=2):
        if abs(p.budget_eur - fr.budget_eur) < 0.005:
            for cell in ws[i]:
                cell.font = Font(bold=True)
    if fr.actual is not None:
        o = fr.actual
        append_block(ws, [word("actual_point", lang), word("total_value", lang),
                          word("projects", lang), word("spent", lang)],
                     [[word("actual_point", lang), Shown(o.value, value_fmt), o.funded,
                       Shown(o.spent_eur, EUR)]])
    fit_columns(ws)


def _value(o: Outcome, lang: str) -> float | str:
    return word("infeasible", lang) if o.value is None else o.value


def _yes(flag: bool, lang: str) -> str:
    return word("yes" if flag else "no", lang)


# --------------------------------------------------------------------------- robustness


def write_robustness_sheet(ws: Any, rob: Robustness, a: Allocation, lang: str) -> None:
    """Per application, how often it is funded over the drawn weights, and its class."""
    prep = a.prepared
    has_actual = bool(prep.round.awards)
    cols = [Column("id"), Column("project", wide=True), Column("lead", wide=True),
            Column("acceptability", SHARE), Column("class"), Column("in_optimum"),
            *([Column("in_actual")] if has_actual else []),
            Column("score_proxy" if rob.is_proxy else "score", SCORE_FMT)]
    actual = prep.actually_funded
    rows = [[x.id, _project(prep, x.id), prep.labels.get(x.id, x.label), x.index,
             word(x.category, lang), _yes(x.id in a.result.units, lang),
             *([_yes(x.id in actual, lang)] if has_actual else []), x.score]
            for x in rob.items]
    write_table(ws, cols, rows, lang)
    w = partial(word, lang=lang)
    append_block(ws, [w("key"), w("value")],
                 [[w("draws"), rob.samples], [w("seed"), rob.seed],
                  ["robustness.weights", rob.weights],
                  [f"{w(CORE)} ≥", Shown(rob.core, SHARE)],
                  [f"{w(EXTERIOR)} ≤", Shown(rob.exterior, SHARE)]])
    fit_columns(ws)


# --------------------------------------------------------------------------- scenario


def write_audit_sheet(ws: Any, audit: Audit, lang: str = "en") -> None:
    """The audit record: the resolved scenario (key, value, origin), then the input files
    with their SHA-256, then the versions of the software."""
    check_lang(lang)
    rows = [[k.key, _audit_value(k.value), word("default", lang) if k.origin == "default"
             else k.origin] for k in audit.keys]
    write_table(ws, [Column("key"), Column("value", wide=True), Column("origin")], rows, lang)
    w = partial(word, lang=lang)
    append_block(ws, [w("input_file"), w("sha256"), w("bytes")],  # three columns, as before
                 [[i.path, i.sha256, Shown(i.bytes, COUNT)] for i in audit.inputs])
    append_block(ws, [w("software"), w("version")], [[n, v] for n, v in audit.versions.items()])
    about: list[list[object]] = [
        [w("title"), audit.title], [w("scenario_file"), audit.scenario_file],
        [w("round"), audit.round], [w("score_source"), audit.score_label]]
    if audit.seed is not None:
        about.append([w("seed"), audit.seed])
    about += [[str(k), _audit_value(v)] for k, v in audit.extra.items()]
    append_block(ws, [w("key"), w("value")], about)
    fit_columns(ws)


def _audit_value(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value
