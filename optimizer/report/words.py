"""The value model and the objective in plain words (optimizer.words has every language)."""

from optimizer.words import LABELS, objective_sentence, value_model

OBJECTIVE_NAMES = {kind: LABELS[f"objective_{kind}"]["en"] for kind in ("score", "score_euros")}

__all__ = ["OBJECTIVE_NAMES", "objective_sentence", "value_model"]
