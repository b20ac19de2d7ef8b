"""Weight statements as people write them: "A >= B >= C", "0.2 <= B <= 50 %",
"cooperation >= 2 * reach", "reach + cost_per_resident <= 0.6".

A statement compares sums of terms (a number, a name, or a number times a name; "%" after a
number divides it by 100; a decimal comma reads as a point) with ">=", "<=" or "=" ("≥",
"≤" too), chained as often as wanted. A name is a criterion or a group of criteria, whose
weight is the sum of its criteria's weights (the analysis resolves the names). Each
comparison becomes one row `sum coef * w(name) + constant >= 0` (or `= 0`); a strict ">"
cannot be met exactly by a set of weights with its edges and is refused with a hint.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.errors import ScenarioError
from optimizer.vocabulary.message import Message

_OPS = {">=": ">=", "<=": "<=", "=": "=", "==": "=", "≥": ">=", "≤": "<="}
_NAME_CHARS = "_-."


@dataclass(frozen=True)
class Row:
    """sum(coef * weight of name) + constant >= 0, or == 0 when `equal`."""

    terms: tuple[tuple[str, float], ...]
    constant: float
    equal: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.terms)


@dataclass(frozen=True)
class Statement:
    text: str
    rows: tuple[Row, ...]

    @property
    def names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.update(dict.fromkeys(row.names))
        return tuple(seen)


def parse_statement(text: str) -> Statement:
    """The rows of one statement; ScenarioError saying what is wrong and where."""
    tokens = _tokens(text)
    sides: list[list[str]] = [[]]
    ops: list[str] = []
    for tok in tokens:
        if tok in _OPS:
            ops.append(_OPS[tok])
            sides.append([])
        elif tok in (">", "<"):
            raise _bad(text, "strict", token=tok)
        else:
            sides[-1].append(tok)
    if not ops:
        raise _bad(text, "no_comparison")
    exprs = [_expression(text, side) for side in sides]
    rows = []
    for op, left, right in zip(ops, exprs, exprs[1:], strict=False):
        rows.append(_row(left, right, op))
    if all(not r.terms for r in rows):
        raise _bad(text, "no_name")
    return Statement(text=text.strip(), rows=tuple(rows))


def _row(left: dict[str, float], right: dict[str, float], op: str) -> Row:
    """left op right as `sum + constant >= 0` (or `= 0`)."""
    sign = -1.0 if op == "<=" else 1.0
    merged: dict[str, float] = {}
    for name, coef in left.items():
        merged[name] = merged.get(name, 0.0) + sign * coef
    for name, coef in right.items():
        merged[name] = merged.get(name, 0.0) - sign * coef
    constant = merged.pop("", 0.0)
    terms = tuple((n, c) for n, c in merged.items() if c != 0.0)
    return Row(terms=terms, constant=constant, equal=op == "=")


def _expression(text: str, tokens: list[str]) -> dict[str, float]:
    """A sum of terms; a name's key is itself, a number's key is ""."""
    if not tokens:
        raise _bad(text, "empty_side")
    out: dict[str, float] = {}
    sign, pending, expect_term = 1.0, None, True
    for tok in tokens:
        if tok in "+-" and len(tok) == 1:
            if pending is not None:  # the number before was a constant, not a factor
                out[""] = out.get("", 0.0) + pending
                pending, expect_term = None, False
            if not expect_term:
                sign, expect_term = (1.0 if tok == "+" else -1.0), True
                continue
            if tok == "-":
                sign = -sign
                continue
            raise _bad(text, "token", token=tok)
        if tok == "*":
            if pending is None:
                raise _bad(text, "token", token=tok)
            continue
        number = _number(tok)
        if number is not None:
            if pending is not None or not expect_term:
                raise _bad(text, "token", token=tok)
            pending = sign * number
            continue
        if not _is_name(tok) or (not expect_term and pending is None):
            raise _bad(text, "token", token=tok)
        coef = pending if pending is not None else sign
        out[tok] = out.get(tok, 0.0) + coef
        sign, pending, expect_term = 1.0, None, False
    if pending is not None:
        out[""] = out.get("", 0.0) + pending
        expect_term = False
    if expect_term:
        raise _bad(text, "dangling")
    return out


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith((">=", "<=", "=="), i):
            out.append(text[i:i + 2])
            i += 2
        elif ch in "<>=≥≤+-*":
            out.append(ch)
            i += 1
        elif ch == "%":
            if not out or _number(out[-1]) is None:
                raise _bad(text, "token", token=ch)
            out[-1] = repr(float(_number(out[-1]) or 0.0) / 100)
            i += 1
        elif ch.isdigit() or ch in ".,":
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] in ".,"):
                j += 1
            out.append(text[i:j].replace(",", "."))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] in _NAME_CHARS):
                j += 1
            out.append(text[i:j])
            i = j
        else:
            raise _bad(text, "token", token=ch)
    return out


def _number(tok: str) -> float | None:
    try:
        value = float(tok)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _is_name(tok: str) -> bool:
    return bool(tok) and (tok[0].isalpha() or tok[0] == "_")


def _bad(text: str, problem: str, **params: object) -> ScenarioError:
    return ScenarioError(Message.of("scenario.statement.bad", statement=text.strip(),
                                    problem=Message.of(f"scenario.statement.{problem}",
                                                       **params)))
