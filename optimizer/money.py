"""Money counted in whole rounding units, so that awards and budgets compare exactly."""

from __future__ import annotations

from decimal import Decimal


def to_units(eur: float, unit_eur: float) -> int:
    """Whole units in an amount, rounded down, computed in decimal (0.3 / 0.1 is 3)."""
    return int(Decimal(repr(float(eur))) // Decimal(repr(float(unit_eur))))
