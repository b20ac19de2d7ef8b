"""How the tool writes numbers and words: money, counts, shares, values, status words.

One module for every output, so that a figure reads the same wherever it appears. It sits
below the model because verification and diagnosis messages state money too.
"""

from __future__ import annotations

SCORE_EUROS = "score_euros"  # the objective kind whose values are grouped like euros


def money(units: float, unit_eur: float) -> str:
    """Units as euros in a message, e.g. '479,400 €' (cents only when there are any)."""
    eur = units * unit_eur
    if abs(eur - round(eur)) < 0.005:
        return f"{round(eur):,} €"
    return f"{eur:,.2f} €"


def eur(value: float) -> str:
    """Euros in a command-line table: '9 964 000.00 €' (spaces group the thousands)."""
    return f"{value:,.2f}".replace(",", " ") + " €"


def euros(value: float) -> str:
    """Euros in the report: '9 694 600 €'; cents only when there are any ('1 234.50 €')."""
    cents = round(float(value) * 100)
    whole, frac = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", " ") + (f".{frac:02d}" if frac else "")
    return ("−" if cents < 0 else "") + text + " €"


def signed_euros(value: float) -> str:
    return ("+" if round(value * 100) > 0 else "") + euros(value)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 project', '2 projects' (or the given plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


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


def shown_path(path: object) -> str:
    """A path as a user would type it: relative to the working folder when inside it."""
    import os
    from pathlib import Path

    p = Path(os.path.normpath(Path(str(path)).absolute()))
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)
