"""Test-wide settings."""

import os

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")  # figures are written to files; no display is needed

# Same examples on every run and machine (CI included), and no example database left in
# the checkout. `HYPOTHESIS_PROFILE=explore` draws fresh examples for a deeper local search.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
