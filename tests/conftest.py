"""Test-wide settings."""

import os

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")  # figures are written to files; no display is needed

# Same examples on every run and machine (CI included), no example database left in the
# checkout, and no per-example deadline (a loaded CI machine must not fail a correct test).
# `HYPOTHESIS_PROFILE=explore` draws fresh examples for a deeper local search.
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
