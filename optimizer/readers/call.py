"""call.toml: the call's rules, target areas, exclusions, criteria and proxy indicators.

Every problem is collected with its file, line and key; `read_call` raises one InputError
with all of them.

Every number must be finite (TOML allows inf and nan), and these keys have a range
(`RANGES`): appropriation_eur above 0 and at most MAX_EUR (1e12 €), the bound of the
scenario's budget.appropriation; rounding_eur from 0.01 to 1e9 € like budget.rounding;
max_cost_share in (0, 1]; min_parties from 1 to 1,000,000; the declared totals from 0 (euros
at most MAX_EUR); a target area's max_eur from 0 to MAX_EUR. A value out of range is reported
and dropped, so defaults apply further on.

`register = false` says the applicants are not Finnish municipalities (an imported
participatory budget), `currency` the currency of the round's amounts, and [source] where an
imported round came from (formats.pabulib).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from optimizer.errors import InputError, Problem, suggest
from optimizer.readers.domain import (
    MAX_EUR,
    MAX_PARTIES,
    MAX_ROUNDING_EUR,
    MIN_ROUNDING_EUR,
    CallRules,
    Criterion,
    CriterionGroup,
    DeclaredTotals,
    ExclusionRule,
    ProxyIndicator,
    Source,
    TargetArea,
)
from optimizer.readers.text import decode_text, read_bytes
from optimizer.vocabulary.message import Message

_m = Message.of

CALL_FILE = "call.toml"

_STR, _INT, _NUM, _DATE, _SCALE = "text", "whole number", "number", "date", "[low, high]"
_BOOL = "true or false"

# section -> (is an array of tables, {key: type}, required keys)
CALL_SCHEMA: dict[str, tuple[bool, dict[str, str], tuple[str, ...]]] = {
    "call": (False, {
        "name": _STR, "name_en": _STR, "year": _INT, "decision_date": _DATE,
        "budget_item": _STR, "appropriation_eur": _NUM, "rounding_eur": _NUM,
        "max_cost_share": _NUM, "min_parties": _INT, "joint_rule_fi": _STR,
        "joint_rule_en": _STR, "language": _STR, "register": _BOOL, "currency": _STR,
    }, ()),
    "totals": (False, {
        "applications": _INT, "requested_eur": _NUM, "awards": _INT, "awarded_eur": _NUM,
    }, ()),
    "target_areas": (True, {"id": _STR, "fi": _STR, "en": _STR, "max_eur": _NUM}, ("id",)),
    "exclusions": (True, {"code": _STR, "fi": _STR, "en": _STR, "name_fi": _STR,
                          "name_en": _STR}, ("code",)),
    "criteria_groups": (True, {"id": _STR, "fi": _STR, "en": _STR}, ("id",)),
    "criteria": (True, {"id": _STR, "group": _STR, "fi": _STR, "en": _STR, "scale": _SCALE},
                 ("id",)),
    "proxies": (True, {
        "id": _STR, "indicator": _STR, "scale": _STR, "direction": _STR, "lower": _NUM,
        "upper": _NUM, "weight": _NUM, "en": _STR, "fi": _STR,
    }, ("id", "indicator")),
    # Where an imported round came from; every key but format and file is kept as given.
    "source": (False, {key: _STR for key in (
        "format", "file", "vote_type", "support", "country", "unit", "district", "subunit",
        "instance", "description", "date_begin", "date_end", "rule", "language",
        # what the import could not apply as given (formats.pabulib.NOTE_KEYS)
        "not_read", "ballot_limits", "ballot_breaks", "min_project_score_threshold",
        "min_project_cost", "max_project_cost", "cost_outside")}, ()),
}
LANGUAGES = ("fi", "en")  # what the report speaks (optimizer.vocabulary.words)
PROXY_SCALES = ("linear", "log")
PROXY_DIRECTIONS = ("higher", "lower")

# (section, key) -> (lowest, is the lowest allowed, highest, the range in words, hint)
RANGES: dict[tuple[str, str], tuple[float, bool, float, str, str]] = {
    ("call", "appropriation_eur"): (0.0, False, MAX_EUR, "above 0 and at most 1e12 €",
                                    "input.call.hint.appropriation"),
    ("call", "rounding_eur"): (MIN_ROUNDING_EUR, True, MAX_ROUNDING_EUR,
                               "from 0.01 to 1e9 €", "input.call.hint.rounding"),
    ("call", "max_cost_share"): (0.0, False, 1.0, "a share in (0, 1]", "input.call.hint.share"),
    ("call", "min_parties"): (1, True, MAX_PARTIES, "at least 1 and at most 1,000,000", ""),
    ("call", "year"): (1000, True, 9999, "a year of four digits", ""),
    ("totals", "applications"): (0, True, 1e15, "0 or more", ""),
    ("totals", "awards"): (0, True, 1e15, "0 or more", ""),
    ("totals", "requested_eur"): (0.0, True, MAX_EUR, "0 or more and at most 1e12 €", ""),
    ("totals", "awarded_eur"): (0.0, True, MAX_EUR, "0 or more and at most 1e12 €", ""),
}


def _finite(value: Any) -> bool:
    """A TOML number that is a finite float (integers too large for a float are not)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


class TomlLines:
    """Finds the line of a key in a TOML text, for problems tomllib cannot locate."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def find(self, section: str | None, index: int | None = None,
             key: str | None = None) -> int | None:
        current, count, header_line = None, -1, None
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=") if key else None
        for number, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if match:
                current = match.group(2)
                if current == section:
                    count += 1
                    if index is None or count == index:
                        header_line = number
                        if key_re is None:
                            return number
                continue
            in_place = (current == section and (index is None or count == index)) or (
                section is None and current is None)
            if in_place and key_re is not None and key_re.match(line):
                return number
        return header_line


def _type_ok(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == _NUM:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _DATE:
        return isinstance(value, str | dt.date)
    if kind == _SCALE:
        return (isinstance(value, list) and len(value) == 2
                and all(_type_ok(v, _NUM) for v in value))
    return False  # pragma: no cover


class CallReader:
    def __init__(self, path: Path, problems: list[Problem], display: str = CALL_FILE):
        self.path = path
        self.file = display
        self.problems = problems
        self.lines = TomlLines("")

    def problem(self, message: Message, section: str | None = None, index: int | None = None,
                key: str | None = None, value: object = None,
                hint: str | Message = "") -> None:
        column = ".".join(p for p in (section, key) if p) or None
        if section is not None and index is not None:
            column = f"{section}[{index}]" + (f".{key}" if key else "")
        self.problems.append(Problem(message, file=self.file,
                                     row=self.lines.find(section, index, key), column=column,
                                     value=value, hint=hint))

    def read(self) -> CallRules | None:
        try:
            text = decode_text(read_bytes(self.path, self.file), self.file,
                               hint=_m("input.call.utf8_hint"))
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None
        self.lines = TomlLines(text)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            where = re.search(r"\(at line (\d+), column (\d+)\)", message)
            line = int(where.group(1)) if where else None
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
            said = _m("input.toml.syntax", reason=message, at=where.group(2) if where else "")
            self.problems.append(Problem(said, file=self.file, row=line,
                                         hint=_m("input.toml.syntax.hint")))
            return None
        except ValueError as exc:  # an integer of more than 4300 digits
            long = next((n for n, line in enumerate(self.lines.lines, start=1)
                         if re.search(r"\d{300}", line.replace("_", ""))), None)
            said = (_m("input.toml.digits") if "digits" in str(exc)
                    else _m("input.toml.cannot_read", reason=str(exc)))
            self.problems.append(Problem(said, file=self.file, row=long,
                                         hint=_m("input.toml.digits.hint")))
            return None
        return self._rules(data)

    def _section(self, data: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
        """The checked tables of a section (one for [name], several for [[name]])."""
        if name not in data:
            return []
        array, schema, required = CALL_SCHEMA[name]
        value = data[name]
        if array and isinstance(value, dict):
            self.problem(_m("input.call.not_array", name=name), name)
            return []
        if not array and not isinstance(value, dict):
            self.problem(_m("input.call.not_table", name=name), name)
            return []
        tables = value if array else [value]
        out = []
        for index, table in enumerate(tables):
            at = index if array else None
            if not isinstance(table, dict):
                self.problem(_m("input.call.not_tables", name=name), name, at, value=table)
                continue
            good = {}
            for key, item in table.items():
                if key not in schema:
                    self.problem(_m("input.call.unknown_key", key=key, name=name, array=array),
                                 name, at, key, value=key,
                                 hint=_m("input.call.known_keys", keys=list(schema),
                                         hits=suggest(key, schema)))
                elif not _type_ok(item, schema[key]):
                    self.problem(_m("input.call.type", key=key, kind=schema[key]), name, at, key,
                                 value=item)
                elif schema[key] in (_NUM, _INT, _SCALE) and not all(
                        _finite(v) for v in (item if isinstance(item, list) else [item])):
                    _, _, _, words, hint = RANGES.get((name, key), (0, 0, 0, "", ""))
                    self.problem(_m("input.call.finite", key=key, range=words), name, at, key,
                                 value=item, hint=_m(hint) if hint else "")
                else:
                    good[key] = item.isoformat() if isinstance(item, dt.date) else item
            for key in required:
                if key not in table:
                    self.problem(_m("input.call.missing_key", key=key), name, at)
            out.append(good)
        return out

    def _unique(self, name: str, key: str, tables: list[dict[str, Any]]) -> None:
        seen: set[str] = set()
        for index, table in enumerate(tables):
            value = table.get(key)
            if value is None:
                continue
            if value in seen:
                self.problem(_m("input.call.duplicate", key=key, value=value), name, index, key,
                             value=value, hint=_m("input.call.duplicate.hint", name=name, key=key))
            seen.add(value)

    def _rules(self, data: dict[str, Any]) -> CallRules:
        self._unknown_tables(data)
        call = (self._section(data, "call") or [{}])[0]
        totals = (self._section(data, "totals") or [{}])[0]
        areas = self._section(data, "target_areas")
        exclusions = self._section(data, "exclusions")
        groups = self._section(data, "criteria_groups")
        criteria = self._section(data, "criteria")
        proxies = self._section(data, "proxies")
        source = (self._section(data, "source") or [{}])[0]
        for name, key, tables in (("target_areas", "id", areas), ("exclusions", "code", exclusions),
                                  ("criteria_groups", "id", groups), ("criteria", "id", criteria),
                                  ("proxies", "id", proxies)):
            self._unique(name, key, tables)
        self._check_ranges("call", call)
        self._check_ranges("totals", totals)
        language = call.get("language", "")
        if language not in ("", *LANGUAGES):
            self.problem(_m("input.call.language"), "call", None, "language", value=language,
                         hint=_m("input.call.language.hint", languages=list(LANGUAGES),
                                 hits=suggest(str(language), LANGUAGES)))
            language = ""
        currency = call.get("currency", "EUR")
        if not re.fullmatch(r"[A-Z]{3}", currency):
            self.problem(_m("input.call.currency"), "call", None, "currency",
                         value=currency, hint=_m("input.call.currency.hint"))
            currency = "EUR"
        group_ids = [g["id"] for g in groups if "id" in g]
        return CallRules(
            name=call.get("name", ""), name_en=call.get("name_en", ""), year=call.get("year"),
            language=language,
            appropriation_eur=_num(call, "appropriation_eur"),
            rounding_eur=float(call.get("rounding_eur", 1.0)),
            max_cost_share=_num(call, "max_cost_share"),
            min_parties=call.get("min_parties", 1),
            joint_rule_en=call.get("joint_rule_en", ""),
            target_areas=tuple(self._area(i, a) for i, a in enumerate(areas) if "id" in a),
            exclusions=tuple(ExclusionRule(e["code"], e.get("fi", ""), e.get("en", ""),
                                           e.get("name_fi", ""), e.get("name_en", ""))
                             for e in exclusions if "code" in e),
            criteria_groups=tuple(CriterionGroup(g["id"], g.get("fi", ""), g.get("en", ""))
                                  for g in groups if "id" in g),
            criteria=tuple(c for i, raw in enumerate(criteria)
                           if (c := self._criterion(i, raw, group_ids)) is not None),
            proxies=tuple(x for i, raw in enumerate(proxies)
                          if (x := self._proxy(i, raw)) is not None),
            totals=DeclaredTotals(
                applications=totals.get("applications"),
                requested_eur=_num(totals, "requested_eur"),
                awards=totals.get("awards"),
                awarded_eur=_num(totals, "awarded_eur"),
            ),
            decision_date=call.get("decision_date", ""),
            budget_item=call.get("budget_item", ""),
            joint_rule_fi=call.get("joint_rule_fi", ""),
            register=call.get("register", True),
            currency=currency,
            source=Source(source.get("format", ""), source.get("file", ""),
                          tuple((k, v) for k, v in source.items() if k not in ("format", "file"))),
        )

    def _area(self, index: int, a: Mapping[str, Any]) -> TargetArea:
        cap = a.get("max_eur")
        if cap is not None and not 0 <= cap <= MAX_EUR:
            self.problem(_m("input.call.max_eur"), "target_areas", index, "max_eur", value=cap,
                         hint=_m("input.call.max_eur.hint"))
            cap = None
        return TargetArea(a["id"], a.get("fi", ""), a.get("en", ""),
                          float(cap) if cap is not None else None)

    def _unknown_tables(self, data: Mapping[str, Any]) -> None:
        for key in data:
            if key not in CALL_SCHEMA:
                line = self.lines.find(key) or self.lines.find(None, None, key)
                self.problems.append(Problem(
                    _m("input.call.unknown_table", key=key), file=self.file, row=line,
                    column=key, value=key,
                    hint=_m("input.call.known_tables", tables=list(CALL_SCHEMA),
                            hits=suggest(key, CALL_SCHEMA))))

    def _check_ranges(self, section: str, table: dict[str, Any]) -> None:
        """Report values out of range (RANGES) and drop them, so defaults apply further on."""
        for (where, key), (low, closed, high, words, hint) in RANGES.items():
            if where != section or key not in table:
                continue
            value = table[key]
            if not ((low <= value if closed else low < value) and value <= high):
                self.problem(_m("input.call.range", key=key, range=words), section, None, key,
                             value=value, hint=_m(hint) if hint else "")
                del table[key]

    def _criterion(self, index: int, c: Mapping[str, Any],
                   group_ids: list[str]) -> Criterion | None:
        if "id" not in c:
            return None
        if group_ids and c.get("group", "") not in group_ids:
            self.problem(_m("input.call.group"), "criteria", index, "group",
                         value=c.get("group", ""),
                         hint=_m("input.call.groups", groups=group_ids,
                                 hits=suggest(c.get("group", ""), group_ids)))
        scale = tuple(float(v) for v in c.get("scale", (0.0, 5.0)))
        if not scale[0] < scale[1]:
            self.problem(_m("input.call.scale"), "criteria", index,
                         "scale", value=list(c["scale"]))
            scale = (0.0, 5.0)
        return Criterion(c["id"], c.get("group", ""), c.get("fi", ""), c.get("en", ""),
                         (scale[0], scale[1]))

    def _proxy(self, index: int, p: dict[str, Any]) -> ProxyIndicator | None:
        if "id" not in p or "indicator" not in p:
            return None
        for key, allowed in (("scale", PROXY_SCALES), ("direction", PROXY_DIRECTIONS)):
            if key in p and p[key] not in allowed:
                hits = suggest(p[key], allowed)
                self.problem(_m("input.call.one_of", key=key, allowed=list(allowed)), "proxies",
                             index, key, value=p[key],
                             hint=_m("input.call.suggest", hits=hits) if hits else "")
                del p[key]
        lower, upper = float(p.get("lower", 0.0)), float(p.get("upper", 1.0))
        if not lower < upper:
            self.problem(_m("input.call.lower_upper"), "proxies", index, "upper", value=upper)
        elif p.get("scale") == "log" and lower <= 0:
            self.problem(_m("input.call.log_lower"), "proxies", index, "lower", value=lower)
        if p.get("weight", 1.0) < 0:
            self.problem(_m("input.call.weight"), "proxies", index, "weight",
                         value=p["weight"])
        return ProxyIndicator(
            id=p["id"], indicator=p["indicator"], scale=p.get("scale", "linear"),
            direction=p.get("direction", "higher"), lower=lower, upper=upper,
            weight=float(p.get("weight", 1.0)), en=p.get("en", ""), fi=p.get("fi", ""))


def _num(mapping: Mapping[str, Any], key: str) -> float | None:
    return float(mapping[key]) if key in mapping else None


def read_call(path: str | Path) -> CallRules:
    """Parse a call.toml into CallRules; InputError with every problem (file, line, key)."""
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_file():
        raise InputError(Problem(_m("input.file.not_found"), file=path.name, value=str(path)))
    rules = CallReader(path, problems, path.name).read()
    if problems or rules is None:
        raise InputError(problems)
    return rules
