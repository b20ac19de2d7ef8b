"""One exception hierarchy. Every user-facing error says what, where and how to fix."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from optimizer.vocabulary.message import Message
from optimizer.vocabulary.message import did_you_mean as said_did_you_mean


def _loose(text: str) -> str:
    """Case, spaces and leading zeros of numbers ignored: '2020-1' ~ '2020-01'."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), "".join(str(text).casefold().split()))


def suggest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Closest valid spellings of `value`, best first (case-insensitive)."""
    options = {c.casefold(): c for c in choices}
    same = [c for c in options.values() if _loose(c) == _loose(value)]
    hits = difflib.get_close_matches(str(value).casefold(), list(options), n=n, cutoff=0.6)
    return list(dict.fromkeys([*same, *(options[h] for h in hits)]))[:n]


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' Did you mean 'a' or 'b'?' in English (a message uses its `{x:suggest}` field)."""
    return said_did_you_mean(suggest(value, choices), "en")


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one input file. `message` and `hint` are catalog
    messages (rendered in any language) or, where not yet converted, English text."""

    message: str | Message
    file: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it (header = row 1)
    column: str | None = None
    value: object = None
    hint: str | Message = ""

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The problem with where it is (file, row, column) and its value, in `lang`."""
        where = Message.of("input.where", file=self.file or "", row=self.row,
                           column=self.column or "").text(lang)
        message = _text(self.message, lang)
        text = f"{where}: {message}" if where else message
        if self.value is not None:
            text += Message.of("input.value", value=self.value).text(lang)
        if self.hint:
            text += f". {_text(self.hint, lang)}"
        return text


def _text(said: str | Message, lang: str) -> str:
    return said.text(lang) if isinstance(said, Message) else said


class GrantoptError(Exception):
    """Base of every error the tool reports to a user (the CLI prints it, exit 2).

    Raised with a `Message` (or several), the error renders in any language (`text(lang)`);
    `str()` is the English. A plain string is English only."""

    exit_code = 2

    def __init__(self, message: str | Message | Sequence[Message] = "", *args: object):
        if isinstance(message, Message):
            self.messages: tuple[Message, ...] = (message,)
        elif isinstance(message, str):
            self.messages = ()
        else:
            self.messages = tuple(message)
        super().__init__(message if isinstance(message, str) else self.text("en"), *args)

    def text(self, lang: str = "en") -> str:
        if not self.messages:
            return str(self)
        return "\n".join(m.text(lang) for m in self.messages)


SHOWN_PROBLEMS = 100  # a message lists at most this many; `data check` lists them all


class InputError(GrantoptError):
    """One or more problems in the user's input files; all are collected at once (the
    message shows the first SHOWN_PROBLEMS: a wrong delimiter is not 100,000 lines)."""

    def __init__(self, problems: Problem | Sequence[Problem]):
        self.problems = (problems,) if isinstance(problems, Problem) else tuple(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        shown = [p.text(lang) for p in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - len(shown)
        if more:
            shown.append(Message.of("input.more", more=more).text(lang))
        return "\n".join(shown)


class ScenarioError(GrantoptError):
    """A scenario key, value or override that cannot be used."""


class OutputError(GrantoptError):
    """A file or folder the tool was asked to write cannot be written, or must not be (it
    holds the user's inputs, or exists and --force was not given)."""

    exit_code = 4


class SolverError(GrantoptError):
    """The solver failed, is missing, or returned something unusable."""


class VerificationError(GrantoptError):
    """A solution violates a constraint; it is never reported as a result."""

    exit_code = 3


class InfeasibleError(GrantoptError):
    """No portfolio satisfies every rule; `diagnosis` says which rules must give way."""

    exit_code = 1

    def __init__(self, message: str | Message, diagnosis: object = None):
        self.diagnosis = diagnosis
        super().__init__(message)
