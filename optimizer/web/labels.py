"""What the page's script receives as its words: the app's own labels (the catalog's "web."
codes, vocabulary/catalog/web.py) and the words the whole tool shares (vocabulary/words.py),
in one language. No word is written here."""

from __future__ import annotations

from optimizer.vocabulary.catalog.web import LABEL_KEYS
from optimizer.vocabulary.message import say
from optimizer.vocabulary.names import key_name, value_name
from optimizer.vocabulary.words import Words

# Labels of optimizer.vocabulary.words the page uses as they are.
SHARED = ("id", "project", "lead", "region", "score", "award", "actual", "value", "projects",
          "spent", "left", "appropriation", "efficiency", "fewest_changes", "objective",
          "enters", "leaves", "change", "regions", "allocation", "acceptability", "class",
          "core", "borderline", "exterior", "weight", "criterion", "status_in", "status_out",
          "status_excluded", "infeasible", "funded", "not_funded", "closest_weights",
          "per_resident", "share", "total")
# Controls named as the scenario keys they set are (vocabulary/names.py), by label.
KEY_NAMES = {"mode": "funding.mode", "objective_kind": "objective.kind",
             "partial_value": "objective.partial_value", "region_basis": "coverage.region_basis",
             "min_projects_per_region": "coverage.min_projects_per_region",
             "min_regions": "coverage.min_regions",
             "min_projects_per_target_area": "coverage.min_projects_per_target_area",
             "joint_rule": "eligibility.joint_rule", "locked_in": "locks.fund",
             "locked_out": "locks.reject"}
VALUE_NAMES = {"mode_full": ("funding.mode", "full"), "mode_partial": ("funding.mode", "partial"),
               "kind_score": ("objective.kind", "score"),
               "kind_score_euros": ("objective.kind", "score_euros"),
               "pv_proportional": ("objective.partial_value", "proportional"),
               "pv_whole": ("objective.partial_value", "whole"),
               "basis_lead": ("coverage.region_basis", "lead"),
               "basis_participants": ("coverage.region_basis", "participants")}


def labels(lang: str) -> dict[str, str]:
    """Every label of the page in `lang` (ValueError for a language the tool lacks)."""
    w = Words(lang)
    out = {key: w[key] for key in SHARED}
    out.update({key: say(w, f"web.{key}") for key in LABEL_KEYS})
    out.update({label: key_name(key, lang) for label, key in KEY_NAMES.items()})
    out.update({label: value_name(key, value, lang) or value
                for label, (key, value) in VALUE_NAMES.items()})
    out["proxy"] = w["proxy_label"]
    # Who is signed in (a users file, web/users.py); the page puts the name in place.
    out["signed_in_as"] = say(w, "web.users.signed_in_as", name="{name}")
    out["sign_out"] = say(w, "web.users.sign_out")
    out["lang"] = lang
    return out
