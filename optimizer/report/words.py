"""What the tool says in sentences: the value model and the objective, in plain words.

Every output that states a value says what it is the value of (the README's value model);
the command line and the report take their sentences from here.
"""

from __future__ import annotations

SCORE, SCORE_EUROS = "score", "score_euros"
WHOLE = "whole"

OBJECTIVE_NAMES = {
    SCORE: "the sum of project scores",
    SCORE_EUROS: "the sum of score × euros",
}

FAVOURS = {
    SCORE: "it counts each project's score whatever its size, so it favours many smaller "
           "projects",
    SCORE_EUROS: "it counts each project's score times its euros, so it favours large "
                 "projects with good scores",
}


def value_model(objective: str, partial_value: str) -> str:
    """One sentence: what a funded project contributes to the value."""
    what = ("its score" if objective == SCORE
            else "its score × the euros it needs")
    if partial_value == WHOLE:
        counted = ("counted fully whenever it is funded, even by a capped or partial award")
    else:
        counted = ("times the share of its need (its request, or the cost-share limit where "
                   "lower) that the award covers")
    return f"A funded project contributes {what}, {counted}."


def objective_sentence(objective: str, partial_value: str) -> str:
    """The objective and what it favours, then the value model, in plain words."""
    return (f"Value = {OBJECTIVE_NAMES[objective]}: {FAVOURS[objective]}. "
            + value_model(objective, partial_value))
