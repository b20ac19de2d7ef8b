"""Tiny hand-built instances for the analysis tests."""

import dataclasses
from fractions import Fraction
from pathlib import Path

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


ROUND_2020 = Path(__file__).resolve().parents[1] / "data" / "2020"
TINY_PARTICIPANTS = """\
application_id,name,role,kind,municipality_code,note
T1,Helsingin kaupunki,lead,municipality,091,
T1,Espoo,partner,municipality,049,
T2,Espoon kaupunki,lead,municipality,049,
T2,Vantaa,partner,municipality,092,
T3,Vantaan kaupunki,lead,municipality,092,
T3,Helsinki,partner,municipality,091,
"""
TINY_CALL = """\
[call]
appropriation_eur = 200000
rounding_eur = 100
min_parties = 2

"""


def tiny_round(tmp_path: Path, project: str, scenario_name: str, stem: str = "scenario"
               ) -> Path:
    """A three-application round (T1's project named `project`) with 2020's proxies, and a
    scenario named `scenario_name` beside it; returns the scenario's path."""
    folder = tmp_path / "round"
    folder.mkdir()
    applications = ("id,applicant,project,requested_eur,partners\n"
                    f"T1,Helsingin kaupunki,{project},100000.00,Espoo\n"
                    "T2,Espoon kaupunki,Osallistuminen,80000.00,Vantaa\n"
                    "T3,Vantaan kaupunki,Kokoukset,50000.00,Helsinki\n")
    call = (ROUND_2020 / "call.toml").read_text(encoding="utf-8")
    proxies = call[call.index("[[proxies]]"):]  # the file's last section
    for name, text in (("applications.csv", applications),
                       ("participants.csv", TINY_PARTICIPANTS),
                       ("call.toml", TINY_CALL + proxies)):
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / f"{stem}.toml"
    path.write_text(f'[scenario]\nname = "{scenario_name}"\nround = "round"\n\n'
                    '[scoring]\nsource = "proxy"\n', encoding="utf-8")
    return path


def said(messages) -> list[str]:
    """Messages (model.verify's, the catalog's codes) as the English a user reads."""
    return [str(m) for m in messages]
