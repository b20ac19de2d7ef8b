"""The vocabulary: every word a person reads, in English and Finnish, and nothing else.

- `Message` (message.py): what the model, the readers and the analyses return instead of a
  sentence: a catalog code and its parameters.
- `render(message, lang)` (render.py): the message in the language, numbers the language's
  way; the templates are in catalog/, one module per domain.
- `Words(lang)` (words.py): labels, counts and number formats of one language.
- names.py: plain names for scenario keys and their values, rule families and statuses.
- numbers.py: how money, shares, scores and values are written in each language.

It imports nothing of the rest of the package, so every layer may use it.
"""

from __future__ import annotations

from optimizer.vocabulary.message import Message, render, say
from optimizer.vocabulary.words import LANGUAGES, Words

__all__ = ["LANGUAGES", "Message", "Words", "render", "say"]
