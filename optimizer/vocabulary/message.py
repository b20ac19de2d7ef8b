"""A message as data: a code from the catalog and its parameters, never a sentence.

The model, the readers and the analyses return `Message`s; a face asks the catalog to render
one in a language (`render(message, "fi")`). `str(message)` is the English rendering, so an
exception that carries messages still reads well in a log or a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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
        from optimizer.vocabulary.render import render

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
