"""What the page's script receives as its words: the app's own labels (the catalog's "web."
codes, vocabulary/catalog/web.py) and the words the whole tool shares (vocabulary/words.py),
in one language. No word is written here."""

from __future__ import annotations

from optimizer.vocabulary.catalog.web import LABEL_KEYS
from optimizer.vocabulary.message import say
from optimizer.vocabulary.words import Words

# Labels of optimizer.vocabulary.words the page uses as they are.
SHARED = ("id", "project", "lead", "region", "score", "award", "actual", "value", "projects",
          "spent", "left", "appropriation", "efficiency", "fewest_changes", "objective",
          "enters", "leaves", "change", "regions", "allocation", "acceptability", "class",
          "core", "borderline", "exterior", "weight", "criterion", "status_in", "status_out",
          "status_excluded", "infeasible", "funded", "not_funded", "closest_weights",
          "per_resident", "share", "total")


def labels(lang: str) -> dict[str, str]:
    """Every label of the page in `lang` (ValueError for a language the tool lacks)."""
    w = Words(lang)
    out = {key: w[key] for key in SHARED}
    out.update({key: say(w, f"web.{key}") for key in LABEL_KEYS})
    out["proxy"] = w["proxy_label"]
    out["lang"] = lang
    return out
