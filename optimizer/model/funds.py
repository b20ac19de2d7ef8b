"""Spend per funding pool and per year of an allocation (model.verify's pool split and
year payments), as rows and as messages for every output that states spend.

Every row adds up as printed: appropriation + carried in (+ saving) - spent = left.
"Carried in" is money an earlier row left that this one may spend: with carry_over, what
the earlier years left; with a shared remainder, what the pools left (it goes to the budget
outside the pools, which is therefore the last pool row). It is None where nothing can
carry. Pools and years pay the awards in full; a synergy saving lowers only what counts
against the whole appropriation, so it appears as a row's `saving_eur` only where that is
the row that binds (the budget outside the pools, with a shared remainder)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from optimizer.model.instance import Instance
from optimizer.model.verify import REMAINDER, pool_sources, pool_split, year_payments
from optimizer.vocabulary.message import Message

# --- spend per pool and per year, for every output that states spend ----------------------


def fund_rows(instance: Instance, units: Mapping[str, int]) -> list[dict[str, Any]]:
    """One row per funding pool (and the budget outside them) and per year: what it may
    pay, what it receives from earlier rows, what the allocation pays from it, what is
    left (module doc). A pool's spend comes from model.verify.pool_split (each award drawn
    first on the first pool that admits it); `spent_eur` is None when the awards cannot be
    split (they break the pools)."""
    return _pool_rows(instance, units) + _year_rows(instance, units)


def _pool_rows(instance: Instance, units: Mapping[str, int]) -> list[dict[str, Any]]:
    rules, ue = instance.rules, instance.rules.unit_eur
    if not rules.pools:
        return []
    split = pool_split(instance, units)
    rows: list[dict[str, Any]] = []
    passed: float | None = 0.0  # what the pools left, for a shared remainder
    for name, cap, members in pool_sources(instance):
        rest = name == REMAINDER
        cap = rules.remainder_units if rest else cap
        if rest and cap == 0 and not rules.shared_remainder:
            continue  # the pools are the whole budget: no row for an empty remainder
        spent = None if split is None else round(sum(split[name].values()) * ue, 2)
        carried = passed if rest and rules.shared_remainder else None
        saving = _saving_eur(instance, units) if rest and rules.shared_remainder else None
        saving = saving or None
        left = None if spent is None or (rest and rules.shared_remainder and carried is None) \
            else round(cap * ue + (carried or 0.0) + (saving or 0.0) - spent, 2)
        if not rest:
            passed = None if passed is None or left is None else round(passed + left, 2)
        rows.append({"kind": "pool", "name": name, "appropriation_eur": round(cap * ue, 2),
                     "carried_in_eur": carried, "saving_eur": saving, "spent_eur": spent,
                     "left_eur": left,
                     "applications": len(instance.items) if members is None else len(members)})
    return rows


def _year_rows(instance: Instance, units: Mapping[str, int]) -> list[dict[str, Any]]:
    """Payments per year in whole cents; rounded on the running total (each year's cents
    are the difference of two rounded running totals), so the years add up to the awards
    exactly. With carry_over a year receives what the years before it left."""
    rules = instance.rules
    rows: list[dict[str, Any]] = []
    running, shown, left = Fraction(0), 0, 0
    for year, cents in year_payments(instance, units).items():
        running += cents
        paid, shown = round(running) - shown, round(running)
        limit = rules.year_cents.get(year, 0)
        carried = left if rules.carry_over else None
        left = limit + (carried or 0) - paid
        rows.append({"kind": "year", "name": year, "appropriation_eur": limit / 100,
                     "carried_in_eur": None if carried is None else carried / 100,
                     "saving_eur": None, "spent_eur": paid / 100, "left_eur": left / 100,
                     "applications": sum(1 for it in instance.items if units.get(it.id, 0) > 0
                                         and any(y == year for y, _ in it.year_shares))})
    return rows


def _saving_eur(instance: Instance, units: Mapping[str, int]) -> float:
    funded = {i: u for i, u in units.items() if u > 0}
    saved = sum(link.saving_units for link in instance.complete_links(funded))
    return round(saved * instance.rules.unit_eur, 2)


def fund_messages(rows: list[dict[str, Any]]) -> list[Message]:
    """The rows of fund_rows as one message each (a line in any language)."""
    return [Message.of("fund.line" if r["kind"] == "pool" else "fund.line_year",
                       kind=r["kind"], name=r["name"], appropriation=r["appropriation_eur"],
                       carried=r.get("carried_in_eur"), saving=r.get("saving_eur"),
                       spent=r["spent_eur"], left=r["left_eur"]) for r in rows]
