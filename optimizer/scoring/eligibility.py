"""The call's rules applied to each application: eligible, or not with every reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from optimizer.errors import ScenarioError, suggest
from optimizer.money import to_units
from optimizer.readers.domain import Application, CallRules, Profile
from optimizer.scenario import Scenario
from optimizer.vocabulary.message import Message


@dataclass(frozen=True)
class Eligibility:
    """Which applications can be funded under a scenario, and the largest award of each."""

    max_units: Mapping[str, int]  # eligible ids -> maximum award in units
    need_units: Mapping[str, int]  # eligible ids -> what the project needs, in units
    reasons: Mapping[str, tuple[Message, ...]]  # ineligible ids -> every reason


def need_units(app: Application, unit_eur: float, max_cost_share: float | None) -> int:
    """n_i: what the project needs: its request, or the share of its eligible cost the call
    allows where that is lower, rounded down to whole units."""
    limits = [app.requested_eur]
    if max_cost_share is not None and app.eligible_cost_eur is not None:
        limits.append(max_cost_share * app.eligible_cost_eur)
    return max(0, to_units(min(limits), unit_eur))


def max_award_units(app: Application, unit_eur: float, max_cost_share: float | None,
                    max_per_project: float | None) -> int:
    """m_i: the need, and at most the scenario's cap per project, rounded down."""
    need = need_units(app, unit_eur, max_cost_share)
    if max_per_project is None:
        return need
    return max(0, min(need, to_units(max_per_project, unit_eur)))


def joint_rule_reason(profile: Profile | None, min_parties: int) -> Message | None:
    parties = profile.parties if profile else 0
    if parties >= min_parties:
        return None
    return Message.of("reason.joint_rule", parties=parties, least=min_parties)


def exclusion_reason(app: Application, call: CallRules) -> Message | None:
    """Out of the call's scope, in the call's own words (call.toml) in each language."""
    if not app.exclusion:
        return None
    rule = next((e for e in call.exclusions if e.code == app.exclusion), None)
    texts = {lang: rule.name(lang) for lang in ("en", "fi")} if rule else {}
    return Message.of("reason.scope", exclusion=app.exclusion, texts=texts)


LOCKED_OUT = Message.of("reason.locked_out")


def rounding_reason(unit_eur: float) -> Message:
    return Message.of("reason.rounds_to_zero", unit=unit_eur)


def score_reason(score: float, min_score: float) -> Message | None:
    if score >= min_score:
        return None
    return Message.of("reason.score_below", score=score, least=min_score)


def check_lock_ids(ids: set[str], fund: list[str], reject: list[str]) -> None:
    for key, locked in (("locks.fund", fund), ("locks.reject", reject)):
        for app_id in locked:
            if app_id not in ids:
                raise ScenarioError(Message.of("scenario.lock_unknown", key=key, id=app_id,
                                               suggest=suggest(app_id, ids)))
    both = sorted(set(fund) & set(reject))
    if both:
        raise ScenarioError(Message.of("scenario.lock_both", ids=both))


def assess(applications: tuple[Application, ...], call: CallRules,
           profiles: Mapping[str, Profile], scores: Mapping[str, float],
           scenario: Scenario) -> Eligibility:
    """Apply the scenario's `eligibility`, `funding`, `scoring` and `locks` sections."""
    elig, funding, locks = scenario.eligibility, scenario.funding, scenario.locks
    unit = float(scenario.budget.rounding or 1.0)
    min_parties = int(elig.min_parties or 1)
    check_lock_ids({a.id for a in applications}, list(locks.fund), list(locks.reject))
    max_units: dict[str, int] = {}
    needs: dict[str, int] = {}
    reasons: dict[str, tuple[Message, ...]] = {}
    cap = (None if funding.max_per_project is None
           else to_units(funding.max_per_project, unit))
    # The same reason for the same parties or exclusion (a large round has thousands).
    joint: dict[int, Message | None] = {}
    scope: dict[str | None, Message | None] = {}
    for app in applications:
        need = need_units(app, unit, funding.max_cost_share)
        units = need if cap is None else max(0, min(need, cap))  # max_award_units
        profile = profiles.get(app.id)
        parties = profile.parties if profile else 0
        if elig.joint_rule and parties not in joint:
            joint[parties] = joint_rule_reason(profile, min_parties)
        if elig.exclusions and app.exclusion not in scope:
            scope[app.exclusion] = exclusion_reason(app, call)
        found = [
            joint[parties] if elig.joint_rule else None,
            scope[app.exclusion] if elig.exclusions else None,
            score_reason(scores.get(app.id, 0.0), scenario.scoring.min_score),
            LOCKED_OUT if app.id in locks.reject else None,
            rounding_reason(unit) if units < 1 else None,
        ]
        given = tuple(r for r in found if r)
        if given:
            reasons[app.id] = given
        else:
            max_units[app.id] = units
            needs[app.id] = need
    _check_locked_in(list(locks.fund), reasons)
    return Eligibility(max_units=max_units, need_units=needs, reasons=reasons)


def _check_locked_in(fund: list[str], reasons: Mapping[str, tuple[Message, ...]]) -> None:
    bad = [(i, list(reasons[i])) for i in fund if i in reasons]
    if bad:
        raise ScenarioError(Message.of("scenario.locked_in_unfundable", items=bad))
