"""Issue 19: every printed table adds up, and every rule holds on the basis its table uses.

A property test over random small rounds with structure (partners in several regions,
funding pools with and without a shared remainder, years with and without carry-over,
synergy links with savings and bonuses, fair shares, caps per project and per lead, region
share caps on the lead's and on the participants' basis): each is written as a round folder
and a scenario, solved through the public API, and then

  * the budget line adds up: awarded - synergy savings = spent; budget - spent = left;
  * the award list sums to the awards; the regions table's euros sum to them too;
  * every funds row adds up: appropriation + carried over + saving - spent = left; the
    pools and the years each pay the awards in full; what carries on ends in the last row;
  * the region share cap, the fair shares, the caps per lead and per project hold on the
    numbers the tables show (the regions table's split, on the scenario's basis);

all of it from the structures the tables are rendered from, and from the rendered run
table text. Derandomised, no example database, bounded examples (well under 60 s).
"""

from __future__ import annotations

import itertools
import math
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import Study
from optimizer.cli.run import format_table
from optimizer.errors import InfeasibleError
from optimizer.model.instance import PARTICIPANTS
from optimizer.report.allocation import document
from tests.factories import ROUND_2020, TINY_CALL

# Municipalities of eight regions (code, name as a partner writes it, as a lead applicant).
TOWNS = [("091", "Helsinki", "Helsingin kaupunki"), ("049", "Espoo", "Espoon kaupunki"),
         ("205", "Kajaani", "Kajaanin kaupunki"), ("564", "Oulu", "Oulun kaupunki"),
         ("837", "Tampere", "Tampereen kaupunki"), ("853", "Turku", "Turun kaupunki"),
         ("297", "Kuopio", "Kuopion kaupunki"), ("179", "Jyväskylä", "Jyväskylän kaupunki")]
PROXIES = (ROUND_2020 / "call.toml").read_text(encoding="utf-8")
PROXIES = PROXIES[PROXIES.index("[[proxies]]"):]
CENT = 0.005  # half a cent: figures are shown in whole cents


@st.composite
def rounds(draw) -> dict[str, Any]:
    """A round of 3 to 6 applications and a scenario with a random structure."""
    n = draw(st.integers(3, 6))
    apps = []
    for i in range(n):
        lead = draw(st.integers(0, len(TOWNS) - 1))
        others = [j for j in range(len(TOWNS)) if j != lead]
        partners = draw(st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True))
        apps.append({"id": f"H{i + 1}", "lead": lead, "partners": partners,
                     "requested": 100 * draw(st.integers(50, 600))})
    total = sum(a["requested"] for a in apps)
    budget = 100 * (total * draw(st.integers(30, 80)) // 10_000)
    ids = [a["id"] for a in apps]
    s: dict[str, Any] = {"apps": apps, "budget": budget, "ids": ids}
    s["mode"] = draw(st.sampled_from(["full", "partial"]))
    s["max_per_project"] = draw(st.none() | st.integers(60, 400).map(lambda k: 100 * k))
    s["basis"] = draw(st.sampled_from(["lead", "participants"]))
    s["region_share"] = draw(st.none() | st.sampled_from([0.35, 0.5, 0.7]))
    s["min_regions"] = draw(st.sampled_from([0, 0, 2]))
    s["lead_cap"] = draw(st.none() | st.just(1))
    s["fair"] = draw(st.none() | st.sampled_from([(0.2, None), (None, 4.0), (0.1, 5.0)]))
    s["pools"] = draw(st.sampled_from(["none", "strict", "shared"]))
    if s["pools"] != "none":
        first = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n, unique=True))
        share = draw(st.integers(20, 60))
        s["pool_caps"] = (100 * (budget * share // 10_000), 100 * (budget * 30 // 10_000))
        s["pool_ids"] = first
    s["years"] = draw(st.sampled_from(["none", "apart", "carry"]))
    if s["years"] != "none":
        s["split"] = draw(st.sampled_from([0.25, 0.4, 0.5, 0.7]))
        s["year_eur"] = (100 * (budget * draw(st.integers(30, 70)) // 10_000),
                         100 * (budget * draw(st.integers(40, 80)) // 10_000))
    links = []
    for _ in range(draw(st.integers(0, 2))):
        pair = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        links.append((pair, draw(st.sampled_from([0, 0.05])), 100 * draw(st.integers(1, 20))))
    s["links"] = links
    return s


def write_round(folder: Path, s: Mapping[str, Any]) -> Path:
    """The round folder and the scenario beside it; returns the scenario's path."""
    rnd = folder / "round"
    rnd.mkdir()
    apps = ["id,applicant,project,requested_eur,partners"]
    parts = ["application_id,name,role,kind,municipality_code,note"]
    for a in s["apps"]:
        code, _, applicant = TOWNS[a["lead"]]
        names = [TOWNS[j][1] for j in a["partners"]]
        apps.append(f"{a['id']},{applicant},Hanke {a['id']},{a['requested']}.00,"
                    f"{'; '.join(names)}")
        parts.append(f"{a['id']},{applicant},lead,municipality,{code},")
        parts += [f"{a['id']},{TOWNS[j][1]},partner,municipality,{TOWNS[j][0]},"
                  for j in a["partners"]]
    files = {"applications.csv": apps, "participants.csv": parts}
    if s["links"]:
        files["links.csv"] = ["kind,ids,requires,bonus,saving_eur,note"] + [
            f"synergy,{';'.join(pair)},,{bonus or ''},{saving},"
            for pair, bonus, saving in s["links"]]
    for name, lines in files.items():
        (rnd / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (rnd / "call.toml").write_text(TINY_CALL + PROXIES, encoding="utf-8")
    path = folder / "scenario.toml"
    path.write_text(scenario_toml(s), encoding="utf-8")
    return path


def scenario_toml(s: Mapping[str, Any]) -> str:
    lines = ['[scenario]', 'name = "random"', 'round = "round"', '',
             '[scoring]', 'source = "proxy"', '',
             '[budget]', f'appropriation = {s["budget"]}', 'rounding = 100']
    if s["pools"] != "none":
        lines.append(f'shared_remainder = {str(s["pools"] == "shared").lower()}')
    if s["years"] != "none":
        a = s["split"]
        lines += [f'year_split = {{ 2021 = {a}, 2022 = {round(1 - a, 2)} }}',
                  f'carry_over = {str(s["years"] == "carry").lower()}']
    lines += ['', '[funding]', f'mode = "{s["mode"]}"']
    if s["max_per_project"] is not None:
        lines.append(f'max_per_project = {s["max_per_project"]}')
    lines += ['', '[coverage]', f'region_basis = "{s["basis"]}"',
              f'min_regions = {s["min_regions"]}']
    if s["region_share"] is not None:
        lines.append(f'max_region_share = {s["region_share"]}')
    if s["lead_cap"] is not None:
        lines.append(f'max_awards_per_lead = {s["lead_cap"]}')
    if s["fair"] is not None:
        lo, hi = s["fair"]
        lines.append('fair_share_basis = "population"')
        lines += [f'fair_share_min = {lo}'] * (lo is not None)
        lines += [f'fair_share_max = {hi}'] * (hi is not None)
    if s["years"] != "none":
        y1, y2 = s["year_eur"]
        lines += ['', '[budget.years]', f'2021 = {y1}', f'2022 = {y2}']
    if s["pools"] != "none":
        ids = ", ".join(f'"{i}"' for i in s["pool_ids"])
        (p1, p2) = s["pool_caps"]
        lines += ['', '[[budget.pools]]', 'name = "first"', f'appropriation_eur = {p1}',
                  f'ids = [{ids}]', '', '[[budget.pools]]', 'name = "any"',
                  f'appropriation_eur = {p2}']
    return "\n".join(lines) + "\n"


def cents(eur: float) -> int:
    return round(eur * 100)


# --- the checks ----------------------------------------------------------------------------


def check_totals(allocation) -> None:
    """The budget line and the award list."""
    tot, case = allocation.totals(), allocation.case
    inst, units = case.instance, allocation.result.units
    awarded = sum(r["award_eur"] for r in allocation.rows())
    assert cents(tot.awarded_eur) == cents(awarded)
    saved = sum(link.saving_units for link in inst.complete_links(units)) * case.unit_eur
    assert cents(tot.saving_eur) == cents(saved)
    assert cents(tot.awarded_eur) - cents(tot.saving_eur) == cents(tot.spent_eur)
    assert cents(tot.budget_eur) - cents(tot.spent_eur) == cents(tot.left_eur)
    assert tot.left_eur >= 0  # the appropriation holds on what counts against it


def check_regions(allocation) -> None:
    """The regions table sums to the awards, and every regional rule holds on its euros."""
    tot, case, table = allocation.totals(), allocation.case, allocation.regions()
    rules, units = case.instance.rules, allocation.result.units
    assert table.basis == rules.region_basis
    assert sum(cents(r.optimal_eur) for r in table) == cents(tot.awarded_eur)
    cap = rules.region_cap_units
    if cap is not None:  # the cap bounds exactly the euros the table attributes
        for line in table:
            assert line.optimal_eur <= cap * case.unit_eur + CENT, line
    # projects per region: every funded project that reaches the region on the basis
    reach = Counter(r for i in units for r in case.instance.item(i).coverage_regions(
        rules.region_basis))
    assert {r.region: r.optimal_projects for r in table if r.optimal_projects} == dict(reach)
    assert tot.regions_covered == len(reach)
    if rules.region_basis == "lead":
        assert sum(r.optimal_projects for r in table) == tot.projects
    if table.fair_share_basis is not None:
        tol = 1e-6
        for region, ratio in table.fair_ratios.items():
            if rules.fair_share_min is not None:
                assert ratio >= rules.fair_share_min - tol, region
            if rules.fair_share_max is not None:
                assert ratio <= rules.fair_share_max + tol, region


def check_caps(allocation) -> None:
    """The caps per project and per lead on the award list."""
    case, rows = allocation.case, allocation.rows()
    cap = case.scenario.funding.max_per_project
    for r in rows:
        assert r["award_eur"] <= r["max_award_eur"] + CENT
        if cap is not None:
            assert r["award_eur"] <= cap + CENT
    lead_cap = case.instance.rules.max_awards_per_lead
    if lead_cap is not None:
        leads = Counter(case.instance.item(r["id"]).lead for r in rows)
        assert max(leads.values(), default=0) <= lead_cap


def check_funds(allocation) -> None:
    """Every funds row adds up; pools and years pay the awards; what carries on ends last."""
    tot, rows, case = allocation.totals(), allocation.funds(), allocation.case
    rules = case.instance.rules
    for r in rows:
        assert r["spent_eur"] is not None  # an optimum can always be split
        assert (cents(r["appropriation_eur"]) + cents(r["carried_in_eur"] or 0)
                + cents(r["saving_eur"] or 0) - cents(r["spent_eur"])) == cents(r["left_eur"])
    pools = [r for r in rows if r["kind"] == "pool"]
    years = [r for r in rows if r["kind"] == "year"]
    if pools:
        assert sum(cents(r["spent_eur"]) for r in pools) == cents(tot.awarded_eur)
        if rules.shared_remainder:  # the budget outside the pools receives what they left
            rest = pools[-1]
            assert [r["carried_in_eur"] is not None for r in pools] == [
                False] * (len(pools) - 1) + [True]
            assert cents(rest["carried_in_eur"]) == sum(cents(r["left_eur"]) for r in pools[:-1])
            if sum(p.cap_units for p in rules.pools) <= rules.budget_units:
                assert cents(rest["left_eur"]) == cents(tot.left_eur)
        else:
            assert all(r["left_eur"] >= 0 for r in pools)
    if years:
        assert sum(cents(r["spent_eur"]) for r in years) == cents(tot.awarded_eur)
        if rules.carry_over:
            assert years[0]["carried_in_eur"] == 0
            for before, after in itertools.pairwise(years):
                assert after["carried_in_eur"] == before["left_eur"]
            assert cents(years[-1]["left_eur"]) == sum(
                cents(r["appropriation_eur"]) for r in years) - cents(tot.awarded_eur)
        else:
            assert all(r["carried_in_eur"] is None for r in years)
        assert all(r["left_eur"] >= 0 for r in years)  # the year rule, as the table shows


# --- the rendered run table ------------------------------------------------------------------


def euros(text: str) -> float:
    """'1,234.50 €' (or '-24,500 €') -> 1234.5."""
    return float(text.replace("€", "").replace(",", "").replace("−", "-").strip())


def parts_of(line: str) -> dict[str, float]:
    """'Budget 10,000 €; spent 9,900 €; left 100 €' -> {'Budget': 10000.0, ...}; a part
    without an amount of its own ('Year 2021: 5,000 €') keeps its head."""
    out = {}
    for part in line.split(": ", 1)[-1].split("; ") if ": " in line else line.split("; "):
        words = part.split(" ")
        out[" ".join(words[:-2]) or "amount"] = euros(" ".join(words[-2:]))
    return out


def check_rendered(allocation) -> None:
    """The run table as a person reads it: its award column, its regions table, its budget
    line and its funds lines add up."""
    text = format_table(allocation, "en")
    lines = text.splitlines()
    tot = allocation.totals()
    awards = 0
    for r in allocation.rows():
        row = next(line for line in lines if line.startswith(r["id"] + " "))
        awards += cents(euros(next(c for c in row.split("  ") if c.strip().endswith("€"))))
    budget = parts_of(next(line for line in lines if line.startswith("Budget ")))
    assert cents(budget["Budget"]) == cents(tot.budget_eur)
    spent = budget["spent"]
    if "awarded" in budget:
        assert cents(budget["awarded"]) == awards
        assert awards - cents(budget["less synergy savings"]) == cents(spent)
    else:
        assert awards == cents(spent)
    assert cents(budget["Budget"]) - cents(spent) == cents(budget["left"])
    start = next(i for i, line in enumerate(lines) if line.startswith("Regions ("))
    region_cents = 0
    for line in lines[start + 3:]:
        if not line.strip():
            break
        cells = [c.strip() for c in line.split("  ") if c.strip()]
        region_cents += cents(euros(cells[2]))
    assert region_cents == awards
    for line in lines:
        if line.startswith(("Year ", "Pool ", "Budget outside the pools")):
            p = parts_of(line)
            head = "amount" if "amount" in p else "appropriation"
            carried = sum(v for k, v in p.items() if k.startswith(("carried", "left by")))
            paid = p.get("paid", p.get("spent", 0.0))
            assert (cents(p[head]) + cents(carried) + cents(p.get("synergy savings", 0.0))
                    - cents(paid)) == cents(p["left"]), line


def check_json(allocation) -> None:
    """result.json (report.allocation.document) states the same figures, adding up."""
    doc = document(allocation)
    assert cents(doc["awarded_eur"]) - cents(doc["saving_eur"]) == cents(doc["spent_eur"])
    assert cents(doc["budget_eur"]) - cents(doc["spent_eur"]) == cents(doc["left_eur"])
    assert sum(cents(r["award_eur"]) for r in doc["funded"]) == cents(doc["awarded_eur"])
    assert sum(cents(r["award_eur"]) for r in doc["regions"]) == cents(doc["awarded_eur"])
    assert doc["funds"] == allocation.funds()


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rounds())
def test_every_table_adds_up_on_random_structured_rounds(s):
    with tempfile.TemporaryDirectory() as folder:
        path = write_round(Path(folder), s)
        study = Study.from_file(path)
        try:
            allocation = study.solve()
        except InfeasibleError:
            return  # nothing is printed but the diagnosis
        check_totals(allocation)
        check_regions(allocation)
        check_caps(allocation)
        check_funds(allocation)
        check_rendered(allocation)
        check_json(allocation)


def test_the_issue_s_carry_over_years_add_up():
    """2022 pays 5,978,400 € of 5 M€ plus the 1,014,400 € 2021 left: 36,000 € left."""
    study = Study.from_file(ROUND_2020.parents[1] / "scenarios"
                            / "2020-two-years-carry-over.toml")
    allocation = study.solve()
    check_funds(allocation)
    check_rendered(allocation)
    text = format_table(allocation, "en")
    assert ("Year 2022: appropriation 5,000,000 €; carried over from earlier years "
            "1,014,400 €; paid 5,978,400 €; left 36,000 €") in text


def test_a_synergy_saving_is_said_on_the_budget_line(tmp_path):
    """Awards above the appropriation by a saving: awarded, less the saving, spent, left."""
    s = {"apps": [{"id": "H1", "lead": 0, "partners": [2], "requested": 6000},
                  {"id": "H2", "lead": 3, "partners": [4], "requested": 5000}],
         "budget": 10_000, "ids": ["H1", "H2"], "mode": "full", "max_per_project": None,
         "basis": PARTICIPANTS, "region_share": None, "min_regions": 0, "lead_cap": None,
         "fair": None, "pools": "none", "years": "none", "links": [(["H1", "H2"], 0, 1000)]}
    allocation = Study.from_file(write_round(tmp_path, s)).solve()
    tot = allocation.totals()
    assert (tot.awarded_eur, tot.saving_eur, tot.spent_eur, tot.left_eur) == (
        11_000, 1_000, 10_000, 0)
    check_rendered(allocation)
    assert ("Budget 10,000 €; awarded 11,000 €; less synergy savings 1,000 €; spent 10,000 €; "
            "left 0 €") in format_table(allocation, "en")
    assert math.isclose(sum(r.optimal_eur for r in allocation.regions()), 11_000)
