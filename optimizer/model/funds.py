"""Spend per funding pool and per year of an allocation (model.verify's pool split and
year payments), as rows and as messages for every output that states spend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optimizer.model.instance import Instance
from optimizer.model.verify import REMAINDER, pool_sources, pool_split, year_payments
from optimizer.vocabulary.message import Message

# --- spend per pool and per year, for every output that states spend ----------------------


def fund_rows(instance: Instance, units: Mapping[str, int]) -> list[dict[str, Any]]:
    """One row per funding pool (and the budget outside them) and per year: what it may
    pay, what the allocation pays from it, what is left. A pool's spend comes from
    model.verify.pool_split (each award drawn first on the first pool that admits it);
    `spent_eur` is None when the awards cannot be split (they break the pools). With
    carry_over, a year's `left_eur` is what is left up to it (carried on)."""
    rules, ue = instance.rules, instance.rules.unit_eur
    rows: list[dict[str, Any]] = []
    if rules.pools:
        split = pool_split(instance, units)
        for name, cap, members in pool_sources(instance):
            # Shared remainder: the part outside the pools is stated as it is; its spend
            # may exceed it by what the pools left (their `left_eur` then went there).
            cap = rules.remainder_units if name == REMAINDER else cap
            spent = None if split is None else round(sum(split[name].values()) * ue, 2)
            if name == REMAINDER and cap == 0 and not rules.shared_remainder:
                continue  # the pools are the whole budget: no row for an empty remainder
            admits = len(instance.items) if members is None else len(members)
            rows.append({"kind": "pool", "name": name, "appropriation_eur": round(cap * ue, 2),
                         "spent_eur": spent, "left_eur": None if spent is None
                         else round(cap * ue - spent, 2),
                         "applications": admits})
    paid_total, limit_total = 0.0, 0.0
    for year, cents in year_payments(instance, units).items():
        paid, limit = float(cents) / 100, rules.year_cents.get(year, 0) / 100
        paid_total, limit_total = paid_total + paid, limit_total + limit
        left = limit_total - paid_total if rules.carry_over else limit - paid
        rows.append({"kind": "year", "name": year, "appropriation_eur": round(limit, 2),
                     "spent_eur": round(paid, 2), "left_eur": round(left, 2),
                     "applications": sum(1 for it in instance.items if units.get(it.id, 0) > 0
                                         and any(y == year for y, _ in it.year_shares))})
    return rows


def fund_messages(rows: list[dict[str, Any]]) -> list[Message]:
    """The rows of fund_rows as one message each (a line in any language)."""
    return [Message.of("fund.line" if r["kind"] == "pool" else "fund.line_year",
                       kind=r["kind"], name=r["name"], appropriation=r["appropriation_eur"],
                       spent=r["spent_eur"], left=r["left_eur"]) for r in rows]
