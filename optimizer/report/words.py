"""The report's words beyond the vocabulary: thin renderers of the catalog's messages for the
faces that still call them by these names (no translation here: every text is a catalog
entry in both languages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.model.funds import fund_name as fund_message
from optimizer.readers.domain import CallRules
from optimizer.vocabulary.message import Message, say
from optimizer.vocabulary.words import LABELS, objective_sentence, value_model

OBJECTIVE_NAMES = {kind: LABELS[f"objective_{kind}"]["en"] for kind in ("score", "score_euros")}

__all__ = ["OBJECTIVE_NAMES", "fund_name", "link_kind", "objective_sentence", "reason_text",
           "rule_text", "value_model"]


def reason_text(reason: Message, lang: str, call: CallRules | None = None) -> str:
    """Why an application is not fundable (scoring.eligibility's message), in the language."""
    return reason.text(lang)


def rule_text(message: Message, lang: str) -> str:
    """A rule an allocation breaks (model.verify's message), in the language."""
    return message.text(lang)


def link_kind(kind: str, lang: str) -> str:
    """A kind of link ([[links]] kind) in the language."""
    return say(lang, f"link.{kind}")


def fund_name(row: Mapping[str, Any], lang: str) -> str:
    """A row of model.funds.fund_rows named in the language: 'Pool main', 'Year 2021'."""
    return fund_message(row).text(lang)
