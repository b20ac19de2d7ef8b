"""The optimal allocation of a scenario, described: who gets what, and the totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from optimizer.analysis.regions import RegionTable, region_table, with_fair_shares
from optimizer.caching import cached
from optimizer.case import ApplicationLine, Case
from optimizer.frames import Tabular
from optimizer.model.funds import fund_messages, fund_rows
from optimizer.model.instance import Item, Result
from optimizer.model.ties import tie_message
from optimizer.model.verify import fair_share_regions
from optimizer.vocabulary.message import Message


@dataclass(frozen=True)
class Totals:
    """The budget line, adding up as printed: awarded - saving = spent (what counts against
    the appropriation); budget - spent = left. `saving` is the synergy links' savings of
    the funded portfolio (0 without them)."""

    budget_eur: float
    spent_eur: float
    left_eur: float
    projects: int
    regions_covered: int
    objective: float
    awarded_eur: float = 0.0
    saving_eur: float = 0.0


@dataclass(frozen=True, eq=False)
class Allocation(Tabular):
    """A verified optimum of a scenario, with the scenario and round it answers."""

    case: Case
    result: Result

    columns: ClassVar[tuple[str, ...]] = (
        "id", "project", "lead", "region", "score", "award_eur", "max_award_eur", "need_eur",
        "requested_eur", "share_of_need", "value")

    @property
    def funded(self) -> tuple[str, ...]:
        return self.result.funded

    @property
    def objective(self) -> float:
        return self.result.objective

    def award_eur(self, item_id: str) -> float:
        return self.result.award_eur(item_id, self.case.unit_eur)

    @cached
    def _items(self) -> dict[str, Item]:
        """The instance's items by id: one look-up per funded item, not a scan each."""
        return {it.id: it for it in self.case.instance.items}

    def rows(self) -> list[dict[str, Any]]:
        """Funded applications, best score first, ties by id; full precision. `share_of_need`
        is q_i of the value model (award / need), `value` what the project contributes."""
        prep, res = self.case, self.result
        inst, unit = prep.instance, prep.unit_eur
        out = []
        items = self._items
        for item_id in res.funded:
            item = items[item_id]
            app = prep.round.application(item_id)
            units = res.units[item_id]
            out.append({
                "id": item_id,
                "project": app.project,
                "lead": prep.labels.get(item_id, ""),
                "region": item.lead_region,
                "score": item.score,
                "award_eur": res.award_eur(item_id, unit),
                "max_award_eur": round(item.max_units * unit, 2),
                "need_eur": round(item.need * unit, 2),
                "requested_eur": app.requested_eur,
                "share_of_need": units / item.need,
                "value": inst.item_value(item, units),
            })
        return sorted(out, key=lambda r: (-r["score"], r["id"]))

    def application_lines(self) -> list[ApplicationLine]:
        """Every application of the round beside this allocation, in the round's order."""
        return self.case.application_lines(self.result.units)

    def totals(self) -> Totals:
        prep, res = self.case, self.result
        inst = prep.instance
        awarded = round(sum(res.units.values()) * prep.unit_eur, 2)
        spent = round(inst.spend(res.units) * prep.unit_eur, 2)  # less synergy savings
        budget = float(prep.scenario.budget.appropriation or 0.0)
        basis = prep.instance.rules.region_basis
        items = self._items
        regions = {r for i in res.funded for r in items[i].coverage_regions(basis)}
        return Totals(budget_eur=budget, spent_eur=spent, left_eur=round(budget - spent, 2),
                      projects=len(res.funded), regions_covered=len(regions),
                      objective=res.objective, awarded_eur=awarded,
                      saving_eur=round(awarded - spent, 2))

    def funds(self) -> list[dict[str, Any]]:
        """Spend per funding pool and per year (model.funds.fund_rows); [] without them."""
        return fund_rows(self.case.instance, self.result.units)

    def tie(self) -> Message | None:
        """Whether this is the only optimal portfolio, and how it was chosen (model.ties);
        None when no tie was looked for (a time limit or gap left it unproven)."""
        return tie_message(self.result.ties, self.result.tie_rule) if self.result.tie_rule \
            else None

    def fund_lines(self) -> list[Message]:
        """The rows of funds() as one message each (a line in any language)."""
        return fund_messages(self.funds())

    def regions(self) -> RegionTable:
        """Projects and euros per region, the optimum beside the actual decision, counted on
        the scenario's region basis."""
        prep = self.case
        optimal = {i: self.award_eur(i) for i in self.funded}
        actual = dict(prep.actual_eur) if prep.round.awards else None
        table = region_table(prep.region_splits(), optimal, actual, prep.region_population,
                             self.totals().budget_eur, prep.instance.rules.region_basis)
        return with_fair_shares(table, fair_share_regions(prep.instance),
                                prep.instance.rules.fair_share_basis)

    def __repr__(self) -> str:
        t = self.totals()
        proxy = "; proxy scores" if self.case.is_proxy else ""
        return (f"<Allocation {self.case.scenario.title!r}: {self.result.status} by "
                f"{self.result.solver}, {t.projects} projects, {t.spent_eur:,.0f} € of "
                f"{t.budget_eur:,.0f} €, value {self.result.objective:.4f} "
                f"({self.case.instance.rules.objective}{proxy})>")
