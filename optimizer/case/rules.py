"""The scenario's coverage rules as messages, one per rule that is on: what every face lists
as the rules of the scenario, so that no face writes a rule family out by hand."""

from __future__ import annotations

from optimizer.readers.domain import CallRules
from optimizer.scenario import Scenario
from optimizer.vocabulary.message import Message, Named


def coverage_rules(scenario: Scenario, call: CallRules) -> list[Message]:
    """Regions, target areas, fair shares and the cap per lead applicant, as they are set."""
    cov = scenario.coverage
    basis = Message.of(f"rules.basis.{cov.region_basis}")
    out = []
    if cov.min_projects_per_region:
        out.append(Message.of("rules.min_projects_per_region",
                              n=cov.min_projects_per_region, basis=basis))
    if cov.min_regions:
        out.append(Message.of("rules.min_regions", n=cov.min_regions, basis=basis))
    if cov.max_region_share is not None:
        code = "rules.max_region_share" + ("_split" if cov.region_basis == "participants"
                                           else "")
        out.append(Message.of(code, share=cov.max_region_share))
    if cov.min_projects_per_target_area:
        out.append(Message.of("rules.min_projects_per_target_area",
                              n=cov.min_projects_per_target_area))
    names = {a.id: {"en": a.en, "fi": a.fi} for a in call.target_areas}
    out += [Message.of("rules.target_area_cap", area=Named(area, names.get(area)), cap=cap)
            for area, cap in cov.max_eur_per_target_area.items()]
    if cov.fair_share_basis is not None and (cov.fair_share_min is not None
                                             or cov.fair_share_max is not None):
        out.append(Message.of(f"rules.fair_share.{cov.fair_share_basis}",
                              lo=cov.fair_share_min, hi=cov.fair_share_max))
    if cov.max_awards_per_lead is not None:
        code = ("rules.max_awards_per_applicant" if cov.lead_basis == "applicant"
                else "rules.max_awards_per_lead")
        out.append(Message.of(code, n=cov.max_awards_per_lead))
    return out
