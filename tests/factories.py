"""Tiny hand-built instances for the analysis tests."""

import dataclasses
from fractions import Fraction

from optimizer.model.instance import Instance, Item, Rules


def make(specs, budget=10, excluded=(), **rules) -> Instance:
    """specs: (id, score, max_units[, lead_region[, lead]]); one unit = 100 €.

    Each item is labelled "Lead <ID>" (the lead applicant a table would show).
    """
    items = tuple(
        Item(id=s[0], score=s[1], max_units=s[2],
             lead_region=s[3] if len(s) > 3 else "", lead=s[4] if len(s) > 4 else "")
        for s in specs
    )
    return Instance(items=items, rules=Rules(budget_units=budget, **rules),
                    excluded=tuple(excluded), name="test",
                    labels={s[0]: f"Lead {s[0].upper()}" for s in specs})


def with_years(instance: Instance, shares: dict[str, dict[str, Fraction]],
               cents: dict[str, int], carry: bool = False) -> Instance:
    """The instance with each item's cost shares per year and each year's appropriation in
    cents (carry-over if `carry`)."""
    items = tuple(dataclasses.replace(it, year_shares=tuple(sorted(shares[it.id].items())))
                  for it in instance.items)
    return dataclasses.replace(instance, items=items).with_rules(year_cents=cents,
                                                                 carry_over=carry)
