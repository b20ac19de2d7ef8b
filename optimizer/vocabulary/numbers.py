"""How the tool writes numbers and words: money, counts, shares, scores, values.

One module for every output, so that a figure reads the same wherever it appears: one money
format per language, in messages, tables, files and the report alike. English groups
thousands with commas and uses a decimal point (`1,234,567 €`, `62.2 %`); Finnish, as the
decision itself does, groups with a no-break space and uses a decimal comma (`1 234 567 €`,
`62,2 %`). Amounts show cents only when there are any. It sits below the model because
verification and diagnosis messages state money too.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

LANGUAGES = ("en", "fi")
NBSP = "\u00a0"
MINUS = "\u2212"


def _grouped(text: str, lang: str) -> str:
    """'1234567.5' with the language's thousands separator and decimal mark."""
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = f"{int(digits):,}" if digits else "0"
    if lang == "fi":
        groups = groups.replace(",", NBSP)
        return sign + groups + ("," + frac if frac else "")
    return sign + groups + ("." + frac if frac else "")


def number(value: float, digits: int = 0, lang: str = "en") -> str:
    """A number with grouped thousands: 1,234.5 / 1 234,5; a true minus sign."""
    value = float(value)
    if math.isfinite(value):  # Python groups as English does; Finnish swaps the marks
        text = f"{value:,.{digits}f}"
        if lang == "fi":
            text = text.replace(",", NBSP).replace(".", ",")
    else:
        text = _grouped(f"{value:.{digits}f}", lang)
    return text.replace("-", MINUS) if text.startswith("-") else text


def euros(value: float, lang: str = "en") -> str:
    """'9,964,000 €' (en) or '9 964 000 €' (fi); cents only when there are any."""
    cents = round(float(value) * 100)
    digits = 2 if cents % 100 else 0
    return number(cents / 100, digits, lang) + f"{NBSP if lang == 'fi' else ' '}€"


def signed_euros(value: float, lang: str = "en") -> str:
    return ("+" if round(value * 100) > 0 else "") + euros(value, lang)


def money(units: float, unit_eur: float, lang: str = "en") -> str:
    """Whole units of `unit_eur` as euros, e.g. '479,400 €'."""
    return euros(units * unit_eur, lang)


def share(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A share as a percentage: '62.2 %' (en) or '62,2 %' (fi)."""
    if value is None:
        return "n/a" if lang == "en" else "–"
    return number(value * 100, digits, lang) + f"{NBSP if lang == 'fi' else ' '}%"


def score(value: float | None, lang: str = "en") -> str:
    """A score in [0, 1], rounded once, here: '0.442' (en) or '0,442' (fi)."""
    return "" if value is None else number(value, 3, lang)


def fmt_value(value: float | None, objective: str, lang: str = "en") -> str:
    """A portfolio value: a sum of scores (3 decimals), or score × euros (whole, grouped)."""
    if value is None:
        return "infeasible" if lang == "en" else "ei ratkaisua"
    return number(value, 0 if objective == "score_euros" else 3, lang)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 project', '2 projects' (or the given plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def value_words(objective: str) -> str:
    if objective == "score_euros":
        return "value (sum of score × award in €)"
    return "value (sum of project scores)"


def short(text: str, width: int) -> str:
    """Text cut to `width` characters with an ellipsis, for names in narrow tables."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def shown_path(path: object) -> str:
    """A path as a user would type it: relative to the working folder when inside it."""
    p = Path(os.path.normpath(Path(str(path)).absolute()))
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)
