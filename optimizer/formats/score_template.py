"""Scoring-sheet templates for evaluators: XLSX (with validation) or CSV."""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import ScenarioError
from optimizer.formats.files import append_row, csv_text, save_workbook, write_atomic
from optimizer.formats.folder import refuse_existing, refuse_input_file
from optimizer.readers.domain import Criterion, Round
from optimizer.scoring.sheets import ID, criteria_of
from optimizer.vocabulary.message import Message

SCORES_SHEET, CRITERIA_SHEET, ABOUT_SHEET = "scores", "criteria", "about"
INPUT_STEMS = ("applications", "participants", "awards", "scores", "call")
ABOUT = (
    "Scoring sheet for {name}",
    "",
    "What to do:",
    "1. On the sheet 'scores', give every application a score for every criterion "
    "(one column per criterion; the criterion ids are explained on the sheet 'criteria').",
    "2. A score is a number between the criterion's lowest and highest value "
    "(see 'scale' on the sheet 'criteria'); decimals are allowed. Leave no cell empty.",
    "3. Do not change the application ids or the column headers. You may add a column "
    "'evaluator' with your name; without it, the file name names the evaluator.",
    "4. Save the file and give it to the person running grantopt. Several evaluators' "
    "sheets are combined with: grantopt scores combine A.xlsx B.xlsx -o scores.csv "
    "--round ROUND",
    "",
    "These scores are your evaluation. grantopt never invents scores: without a sheet it "
    "uses proxy indicators computed from data, and labels them as such.",
)


def _headers(criteria: tuple[Criterion, ...]) -> list[str]:
    return [ID, "lead", "project", "requested_eur", *(c.id for c in criteria)]


def _criteria_rows(round: Round, criteria: tuple[Criterion, ...]) -> list[list[object]]:
    groups = {g.id: g for g in round.call.criteria_groups}
    rows: list[list[object]] = []
    for c in criteria:
        group = groups.get(c.group)
        rows.append([c.id, c.group, (group.en if group else ""), c.en, c.fi,
                     c.scale[0], c.scale[1]])
    return rows


CRITERIA_HEADERS = ["id", "group", "group_en", "en", "fi", "scale_min", "scale_max"]


def criteria_path(path: Path | str) -> Path:
    """The sibling FILE.criteria.csv of a CSV template."""
    target = Path(path)
    return target.with_name(f"{target.stem}.criteria.csv")


def _guard(round: Round, target: Path, overwrite: bool) -> None:
    """Never a round's input file nor into the round folder (even with --force); an
    existing file only with --force."""
    inputs = [round.path, *round.files, *((round.scores_path,) if round.scores_path else ())]
    refuse_input_file(target, inputs)
    refuse_existing(target, overwrite)


def write_template(round: Round, path: Path | str, overwrite: bool = False) -> list[Path]:
    """Write a scoring sheet for the round (.xlsx or .csv); return the files written.

    XLSX: sheets 'scores' (validated score columns), 'criteria' and 'about'.
    CSV: the scores file plus FILE.criteria.csv with the criteria texts.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ScenarioError(Message.of("scenario.template.suffix", name=target.name))
    criteria = criteria_of(round)
    extra = [criteria_path(target)] if suffix == ".csv" else []
    for file in (target, *extra):
        _guard(round, file, overwrite)
    if suffix == ".csv":
        write_atomic(target, _csv(_headers(criteria), _score_rows(round, criteria)))
        write_atomic(extra[0], _csv(CRITERIA_HEADERS, _criteria_rows(round, criteria)))
        return [target, *extra]
    write_atomic(target, lambda tmp: _write_xlsx(round, criteria, tmp))
    return [target]


def _score_rows(round: Round, criteria: tuple[Criterion, ...]) -> list[list[object]]:
    return [[a.id, a.applicant, a.project, a.requested_eur, *([""] * len(criteria))]
            for a in round.applications]


def _csv(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[format(v, ".2f") if isinstance(v, float) and h == "requested_eur"
              else ("" if v is None else v) for h, v in zip(headers, r, strict=True)]
             for r in rows]
    text = csv_text(headers, cells)
    return text if text.startswith("\ufeff") else "\ufeff" + text  # BOM: Excel reads UTF-8


def _write_xlsx(round: Round, criteria: tuple[Criterion, ...], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SCORES_SHEET
    headers = _headers(criteria)
    append_row(ws, headers)
    for row in _score_rows(round, criteria):
        append_row(ws, [None if v == "" else v for v in row])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    ws.freeze_panes = "B2"
    widths = {ID: 16, "lead": 30, "project": 48, "requested_eur": 16}
    last = max(2, len(round.applications) + 1)
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = widths.get(header, max(10, len(header) + 4))
        if header == "requested_eur":
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=index,
                                        max_col=index):
                cell.number_format = "#,##0.00"
    for offset, c in enumerate(criteria):
        lo, hi = c.scale
        letter = get_column_letter(5 + offset)
        dv = DataValidation(type="decimal", operator="between", formula1=f"{lo:g}",
                            formula2=f"{hi:g}", allow_blank=True, showErrorMessage=True,
                            errorTitle="Score out of range",
                            error=f"Criterion {c.id}: give a number from {lo:g} to {hi:g}.",
                            showInputMessage=True, promptTitle=c.id[:32],
                            prompt=f"{(c.en or c.fi)[:200]} ({lo:g} to {hi:g})"[:255])
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)

    cs = wb.create_sheet(CRITERIA_SHEET)
    append_row(cs, CRITERIA_HEADERS)
    for row in _criteria_rows(round, criteria):
        append_row(cs, row)
    for cell in cs[1]:
        cell.font = bold
    cs.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (12, 8, 40, 70, 70, 10, 10), strict=True):
        cs.column_dimensions[letter].width = width
    for row in cs.iter_rows(min_row=2):
        for cell in row[2:5]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    about = wb.create_sheet(ABOUT_SHEET)
    name = round.call.name_en or round.call.name or Path(round.path).name
    for line in ABOUT:
        append_row(about, [line.format(name=name)])
    about["A1"].font = bold
    about.column_dimensions["A"].width = 120
    save_workbook(wb, path)

