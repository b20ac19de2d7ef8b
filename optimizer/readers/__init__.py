"""Readers: a round folder, its call.toml, the municipality register, and CSV/XLSX tables,
into the frozen domain objects of `domain`. Nothing here knows of scenarios or models."""

from optimizer.readers.call import read_call
from optimizer.readers.folder import CheckReport, Summary, check_round, read_round
from optimizer.readers.overview import OverviewLine, overview
from optimizer.readers.profiles import profiles
from optimizer.readers.register import Register, load_register

__all__ = [
    "CheckReport",
    "OverviewLine",
    "Register",
    "Summary",
    "check_round",
    "load_register",
    "overview",
    "profiles",
    "read_call",
    "read_round",
]
