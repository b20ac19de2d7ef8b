"""A message as data: a code from the catalog and its parameters, never a sentence.

The model, the readers and the analyses return `Message`s; a face asks the catalog to render
one in a language (`render(message, "fi")`). `str(message)` is the English rendering, so an
exception that carries messages still reads well in a log or a traceback.

A template is a `str.format` text whose fields may carry a kind after the colon:

| field | renders |
| --- | --- |
| `{x:eur}` / `{x:signed_eur}` | euros: `1,234 €` / `1 234 €`, `+1,234 €` |
| `{x:pct}` / `{x:pct0}` | a share in percent, one or no decimal |
| `{x:pctg}` | a share in percent with the decimals it has: 0.25 -> 25 %, 0.285 -> 28.5 % |
| `{x:num}` / `{x:num1}` ... | a grouped number with that many decimals |
| `{x:g}` | a number as short as it goes, decimal comma in Finnish (0.25 / 0,25) |
| `{x:score}` | a score, three decimals |
| `{x:list}` / `{x:and}` / `{x:or}` | items joined by commas / "and" / "or" in the language |
| `{x:count=noun}` / `{x:countobj=noun}` | "3 projects", "3 hanketta" (the object form) |
| `{x:key}` | the plain name of a scenario key (`coverage.min_regions`) |
| `{x:msg}` / `{x:msgs}` | a nested Message / a list of them as a bulleted list |
| `{x:name}` | a `Named` id (data with names): its name in the language, else the id |
| `{x:suggest}` | " Did you mean 'a' or 'b'?" for a list of suggestions, "" for none |

A template may also be a function `(args, words) -> str` where the grammar needs more than
one form; it formats its numbers with `words`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from optimizer.vocabulary.words import Words


@dataclass(frozen=True)
class Message:
    """One thing to say: `code` names the catalog's entry, `params` fill its template."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Message:
        return cls(code, tuple(params.items()))

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.params)

    def get(self, name: str, default: Any = None) -> Any:
        return self.args.get(name, default)

    def text(self, lang: str = "en") -> str:
        return render(self, lang)

    def __str__(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict[str, Any]:
        """Code, parameters and the English text, for machine-readable outputs."""
        return {"code": self.code, "params": _plain(self.args), "text": str(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    return value


class Named(str):
    """An id of the data (a target area, say) that carries its names in each language: it
    compares, hashes and prints as the id; a `{x:name}` field shows the name."""

    names: Mapping[str, str]

    def __new__(cls, id_: str, names: Mapping[str, str] | None = None) -> Named:
        self = super().__new__(cls, id_)
        self.names = dict(names or {})
        return self


# --- rendering ------------------------------------------------------------------------

Template = str | Callable[[Mapping[str, Any], Words], str]


class _Formatter(string.Formatter):
    def __init__(self, words: Words) -> None:
        self.w = words

    def format_field(self, value: Any, spec: str) -> str:
        w = self.w
        kind, _, arg = spec.partition("=")
        if kind == "eur":
            return w.eur(value)
        if kind == "signed_eur":
            return w.signed_eur(value)
        if kind == "pctg":
            return general(float(value) * 100, w.lang) + ("\u00a0%" if w.lang == "fi" else " %")
        if kind.startswith("pct"):
            return w.pct(value, int(kind[3:] or 1))
        if kind.startswith("num"):
            return w.num(value, int(kind[3:] or 0))
        if kind == "g":
            return general(value, w.lang)
        if kind == "score":
            return w.score(value)
        if kind in ("list", "and", "or"):
            return joined([str(v) for v in value], kind, w.lang)
        if kind in ("count", "countobj"):
            return w.count(int(value), arg, as_object=kind == "countobj")
        if kind == "key":
            from optimizer.vocabulary.names import key_name

            return key_name(str(value), w.lang)
        if kind == "name":
            return shown_name(value, w.lang)
        if kind == "msg":  # a nested Message; a plain text (an error said in English) as is
            return render(value, w.lang) if isinstance(value, Message) else str(value)
        if kind == "msgs":  # a list of messages, one per line, as a bulleted list
            return "".join(f"\n  - {render(m, w.lang)}" for m in value)
        if kind == "suggest":  # closest valid spellings, or nothing
            return did_you_mean(list(value), w.lang)
        return super().format_field(value, spec)


def shown_name(value: Any, lang: str) -> str:
    """A Named id by its name in the language (else the id itself); anything else as is."""
    names = getattr(value, "names", {})
    return names.get(lang) or names.get("en") or str(value)


def general(value: Any, lang: str) -> str:
    """A number as short as it goes ('0.25', '1e+06'), with a decimal comma in Finnish."""
    text = f"{float(value):g}" if not isinstance(value, int) else str(value)
    return text.replace(".", ",").replace("-", "\u2212") if lang == "fi" else text


def did_you_mean(hits: list[str], lang: str) -> str:
    """' Did you mean 'a' or 'b'?' (with its leading space), or '' without suggestions."""
    if not hits:
        return ""
    ask, word = ("Tarkoititko", " tai ") if lang == "fi" else ("Did you mean", " or ")
    return f" {ask} {word.join(repr(h) for h in hits)}?"


def joined(items: list[str], how: str = "list", lang: str = "en") -> str:
    """'a, b and c' ('a, b ja c'); `how` "list" joins by commas only."""
    if how == "list" or len(items) < 2:
        return ", ".join(items)
    word = {"and": {"en": "and", "fi": "ja"}, "or": {"en": "or", "fi": "tai"}}[how][lang]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def render(message: Message, lang: str = "en") -> str:
    """The message in the language (an unknown code is a bug, not a fallback to English)."""
    from optimizer.vocabulary.catalog import MESSAGES

    entry = MESSAGES.get(message.code)
    if entry is None:
        raise KeyError(f"no catalog entry for message code {message.code!r}")
    template: Template = entry[lang]
    words = Words(lang)
    if callable(template):
        return template(message.args, words)
    return _Formatter(words).vformat(template, (), message.args)


def say(words_or_lang: Words | str, code: str, **params: Any) -> str:
    """The catalog's entry `code` with `params`, in the language of `words_or_lang`: how a
    face says a sentence of its own (`say(w, "report.spent", spent=9_964_000)`)."""
    lang = words_or_lang if isinstance(words_or_lang, str) else words_or_lang.lang
    return render(Message.of(code, **params), lang)
