"""Moved to optimizer.case; this name stays until the faces import from there."""

from optimizer.case import *  # noqa: F403
from optimizer.case import UNKNOWN_REGION, Prepared, actual_units, unresolved_notes  # noqa: F401
