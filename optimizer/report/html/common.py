"""Helpers every part of the report page uses: scenario letters, the round's title, texts of the
round's call.toml in the page's language, reasons of ineligibility."""

from __future__ import annotations

from collections.abc import Sequence

from optimizer.case import Case
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.words import Words


def letter_of(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def round_title(prep: Case, w: Words) -> str:
    call = prep.round.call
    # the round's own names (data): the page's language first
    names = {"fi": call.name, "en": call.name_en}
    own = names.pop(w.lang)
    other = names.popitem()[1]
    title = own or other or say(w, "report.round_title.the_round_in_folder",
                                name=prep.round.path.name)
    if own and other and own != other:
        title += f" ({other})"
    return title + (f", {call.year}" if call.year else "")


def reasons_text(reasons: Sequence[Message], w: Words) -> str:
    """Why an application is not fundable, every reason in the page's language."""
    return "; ".join(r.text(w.lang) for r in reasons)
