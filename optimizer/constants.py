"""The words the code compares: statuses, objective kinds, funding modes and the like, each
defined once (as linopy's constants.py does). The bottom layer: it imports nothing of the
package, so every layer may use it.

Each is a `StrEnum`: a member equals, formats and serialises as its plain value
(`Status.OPTIMAL == "optimal"`), so scenario files, audit records and comparisons with
strings read the same as before. The old module-level names (`model.instance.OPTIMAL` ...)
are aliases of these members.
"""

from __future__ import annotations

from enum import StrEnum


def values(kind: type[StrEnum]) -> tuple[str, ...]:
    """The plain values of an enum, in order (for messages that show their repr)."""
    return tuple(member.value for member in kind)


class Status(StrEnum):
    """What a solve ended with."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a limit was reached: the best found, with its gap
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"  # the solver stopped without a solution
    ERROR = "error"  # the solver failed


class Objective(StrEnum):
    """What the optimum maximises (scenario objective.kind)."""

    SCORE = "score"
    SCORE_EUROS = "score_euros"


class PartialValue(StrEnum):
    """What a partly funded project is worth (scenario funding.partial_value)."""

    PROPORTIONAL = "proportional"
    WHOLE = "whole"


class Funding(StrEnum):
    """How far a project may be funded (scenario funding.mode)."""

    FULL = "full"
    PARTIAL = "partial"


class RegionBasis(StrEnum):
    """Which regions an application counts in (scenario coverage.region_basis)."""

    LEAD = "lead"
    PARTICIPANTS = "participants"


class FairShareBasis(StrEnum):
    """What a region's fair share is measured by (scenario coverage.fair_share_basis)."""

    POPULATION = "population"
    REQUESTED = "requested"


class Agreement(StrEnum):
    """Where a project stands between the actual decision and the optimum (compare)."""

    BOTH = "both"
    ONLY_ACTUAL = "only_actual"
    ONLY_OPTIMAL = "only_optimal"


class LinkKind(StrEnum):
    """How two applications are linked (scenario [[links]] kind)."""

    REQUIRES = "requires"
    EXCLUDES = "excludes"
    TOGETHER = "together"
    SYNERGY = "synergy"


# The name of the part of the budget outside every funding pool, as a fund row names it
# (model.verify's pool sources); the faces put their words on it.
REMAINDER = "(outside the pools)"
