"""Application ids that Excel turned into dates, and the ids they were made of.

Excel reads an id such as "2020-01", typed or pasted into a cell of the General format,
as January 2020 and stores a date. Saved as CSV the date comes out as "1.1.2020",
"2020-01-01", "1/1/2020" or "Jan-20", depending on the locale; in an XLSX it is a date
cell. Such an id is reported in the file that holds it, with the id it was probably made
of; the rows of other files that name that id are then not reported one by one (see
readers.folder).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from optimizer.vocabulary.message import Message

DATE_HINT = Message.of("input.id.date.hint")

_MONTHS = {
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                   "sep", "oct", "nov", "dec"), start=1)},
    **{m: i for i, m in enumerate(("tammi", "helmi", "maalis", "huhti", "touko", "kesä",
                                   "heinä", "elo", "syys", "loka", "marras", "joulu"),
                                  start=1)},
}
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}")
_DOTTED = re.compile(rf"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_TIME}")
_SLASHED = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_TIME}")
_NAMED = re.compile(r"([^\W\d_]+)[-.\s]?(\d{2}|\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def _date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Any line that may read as a date (date_readings then says whether it does).
_MAYBE_DATE = re.compile(
    r"^\s*(?:" + "|".join(p.pattern for p in (_ISO, _DOTTED, _SLASHED, _NAMED)) + r")\s*$",
    re.MULTILINE)


def any_date_readings(texts: list[str]) -> bool:
    """Whether any of the texts reads as a date (`date_readings`): one scan of them all,
    then each text only when one may."""
    return (_MAYBE_DATE.search("\n".join(texts)) is not None
            and any(map(date_readings, texts)))


def date_readings(text: str) -> set[dt.date]:
    """The dates a cell's text may denote, if it looks like a date Excel wrote; else none.

    Day and month of "1/2/2020" may be either way round, so both are given.
    """
    text = text.strip()
    found: set[dt.date | None] = set()
    if m := _ISO.fullmatch(text):
        found.add(_date(int(m[1]), int(m[2]), int(m[3])))
    elif m := _DOTTED.fullmatch(text):
        found.add(_date(int(m[3]), int(m[2]), int(m[1])))
    elif m := _SLASHED.fullmatch(text):
        found |= {_date(int(m[3]), int(m[1]), int(m[2])), _date(int(m[3]), int(m[2]), int(m[1]))}
    elif (m := _NAMED.fullmatch(text)) and m[1].casefold() in _MONTHS:
        found.add(_date(int(m[2]), _MONTHS[m[1].casefold()], 1))
    return {d for d in found if d is not None}


def id_dates(app_id: str) -> set[dt.date]:
    """The dates Excel would make of an id ("2020-01" -> 1 January 2020), or that the id
    already denotes."""
    if m := _YEAR_MONTH.fullmatch(app_id.strip()):
        day = _date(int(m[1]), int(m[2]), 1)
        return {day} if day is not None else set()
    return date_readings(app_id)


def made_of(text: str, ids: Iterable[str]) -> str | None:
    """The id among `ids` that Excel may have turned into the date `text`, if one."""
    readings = date_readings(text)
    if not readings:
        return None
    hits = sorted(i for i in ids if i != text and id_dates(i) & readings)
    return hits[0] if hits else None


def guess(day: dt.date, others: Iterable[str]) -> str | None:
    """The id a date was probably made of, when the other ids are year-month ids."""
    shaped = [o for o in others if _YEAR_MONTH.fullmatch(o)]
    if day.day != 1 or not shaped:
        return None
    return f"{day.year}-{day.month:02d}"
