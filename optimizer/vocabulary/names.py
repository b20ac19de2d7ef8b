"""Plain names for what a person would otherwise see as an internal key: every scenario key,
its enumerated values, rule families, statuses and solver paths, in English and Finnish.

Internal keys (`coverage.min_regions`, `score_euros`) appear only where a person edits a
file: the scenario TOML and the audit appendix. Everything else asks here.
"""

from __future__ import annotations

from collections.abc import Mapping

Names = Mapping[str, Mapping[str, str]]

# Every key of the scenario schema, as a short noun phrase (table rows, titles, sentences).
KEYS: Names = {
    "scenario.name": {"en": "name", "fi": "nimi"},
    "scenario.description": {"en": "description", "fi": "kuvaus"},
    "scenario.name_fi": {"en": "Finnish name", "fi": "suomenkielinen nimi"},
    "scenario.description_fi": {"en": "Finnish description", "fi": "suomenkielinen kuvaus"},
    "scenario.round": {"en": "round folder", "fi": "hakukierroksen kansio"},
    "scenario.extends": {"en": "based on", "fi": "pohjana"},
    "budget.appropriation": {"en": "appropriation", "fi": "määräraha"},
    "budget.rounding": {"en": "awards rounded down to", "fi": "avustukset pyöristetään alas"},
    "budget.min_spend": {"en": "minimum spend", "fi": "käytettävä vähintään"},
    "budget.pools": {"en": "funding pools", "fi": "määrärahaosuudet"},
    "budget.shared_remainder": {"en": "pools' leftovers shared",
                                "fi": "määrärahaosuuksien käyttämätön osa yhteinen"},
    "budget.years": {"en": "appropriation per year", "fi": "määräraha vuosittain"},
    "budget.carry_over": {"en": "unspent money carried to the next year",
                          "fi": "käyttämätön määräraha siirtyy seuraavalle vuodelle"},
    "budget.year_split": {"en": "assumed split of costs over the years",
                          "fi": "oletettu kustannusten jako vuosille"},
    "scoring.source": {"en": "source of the scores", "fi": "pisteiden lähde"},
    "scoring.min_score": {"en": "minimum score", "fi": "vähimmäispistemäärä"},
    "scoring.weights": {"en": "weights", "fi": "painokertoimet"},
    "objective.kind": {"en": "what is maximised", "fi": "mitä maksimoidaan"},
    "objective.partial_value": {"en": "a capped or partial award counts",
                                "fi": "rajattu tai osittainen avustus lasketaan"},
    "funding.mode": {"en": "awards", "fi": "avustukset"},
    "funding.min_share": {"en": "smallest partial award (share of the maximum)",
                          "fi": "pienin osittainen avustus (osuus enimmäismäärästä)"},
    "funding.max_per_project": {"en": "cap per project", "fi": "hankekohtainen enimmäismäärä"},
    "funding.max_cost_share": {"en": "maximum share of eligible costs",
                               "fi": "avustuksen enimmäisosuus hyväksyttävistä kustannuksista"},
    "eligibility.joint_rule": {"en": "only joint projects of several municipalities",
                               "fi": "vain useamman kunnan yhteishankkeet"},
    "eligibility.min_parties": {"en": "parties at least", "fi": "osapuolia vähintään"},
    "eligibility.exclusions": {"en": "the call's scope exclusions", "fi": "haun rajaukset"},
    "coverage.region_basis": {"en": "a project covers", "fi": "hanke kattaa"},
    "coverage.min_projects_per_region": {
        "en": "projects in every region with applicants, at least",
        "fi": "hankkeita jokaisessa hakijamaakunnassa vähintään"},
    "coverage.min_regions": {"en": "regions covered, at least",
                             "fi": "katettuja maakuntia vähintään"},
    "coverage.max_region_share": {"en": "share of the appropriation per region, at most",
                                  "fi": "maakunnan osuus määrärahasta enintään"},
    "coverage.min_projects_per_target_area": {
        "en": "projects in every target area, at least",
        "fi": "hankkeita jokaisessa avustuksen kohteessa vähintään"},
    "coverage.max_awards_per_lead": {"en": "awards per lead applicant, at most",
                                     "fi": "avustuksia hankehallinnoijaa kohden enintään"},
    "coverage.lead_basis": {"en": "one lead applicant is", "fi": "yksi hankehallinnoija on"},
    "coverage.max_eur_per_target_area": {"en": "cap per target area",
                                         "fi": "avustuksen kohteen enimmäismäärä"},
    "coverage.fair_share_basis": {"en": "fair shares by", "fi": "kohtuullinen osuus perusteena"},
    "coverage.fair_share_min": {"en": "fair share, at least (× the region's share)",
                                "fi": "kohtuullinen osuus vähintään (× maakunnan osuus)"},
    "coverage.fair_share_max": {"en": "fair share, at most (× the region's share)",
                                "fi": "kohtuullinen osuus enintään (× maakunnan osuus)"},
    "locks.fund": {"en": "locked in", "fi": "lukittu mukaan"},
    "locks.reject": {"en": "locked out", "fi": "lukittu pois"},
    "links": {"en": "links between applications", "fi": "hakemusten väliset kytkökset"},
    "solver.name": {"en": "integer-program solver", "fi": "kokonaislukuohjelman ratkaisija"},
    "solver.method": {"en": "how the optimum is found", "fi": "optimin laskentatapa"},
    "solver.time_limit": {"en": "solver time limit (s)", "fi": "ratkaisijan aikaraja (s)"},
    "solver.gap": {"en": "accepted gap to the optimum", "fi": "sallittu ero optimiin"},
    "robustness.weights": {"en": "weights drawn", "fi": "painojen arvonta"},
    "robustness.intervals": {"en": "weight intervals", "fi": "painojen vaihteluvälit"},
    "robustness.rank": {"en": "criteria in order of importance",
                        "fi": "kriteerit tärkeysjärjestyksessä"},
    "robustness.score_noise": {"en": "score noise", "fi": "pisteiden satunnaisvaihtelu"},
    "robustness.resample_evaluators": {"en": "evaluators resampled",
                                       "fi": "arvioijien uudelleenotanta"},
    "robustness.samples": {"en": "draws", "fi": "arvontoja"},
    "robustness.seed": {"en": "seed", "fi": "siemenluku"},
    "robustness.core": {"en": "core from acceptability", "fi": "ydin hyväksyttävyydestä"},
    "robustness.exterior": {"en": "exterior up to acceptability",
                            "fi": "ulkopuolinen hyväksyttävyyteen asti"},
    "robustness.statements": {"en": "weight statements", "fi": "painolausumat"},
    "robustness.groups": {"en": "groups of criteria in the statements",
                          "fi": "lausumien kriteeriryhmät"},
    "robustness.score_interval": {"en": "score interval (±)", "fi": "pisteiden vaihteluväli (±)"},
    "robustness.evaluator_intervals": {"en": "score intervals from the evaluators",
                                       "fi": "pisteiden vaihteluvälit arvioijilta"},
    "robustness.max_portfolios": {"en": "most non-dominated portfolios listed",
                                  "fi": "ei-dominoituja hankesalkkuja enintään"},
}

# The enumerated values of keys, by key: value -> plain name.
VALUES: Mapping[str, Names] = {
    "objective.kind": {
        "score": {"en": "sum of project scores", "fi": "hankkeiden pisteiden summa"},
        "score_euros": {"en": "sum of score × euros", "fi": "pisteiden ja eurojen tulojen summa"},
    },
    "objective.partial_value": {
        "proportional": {"en": "in proportion to its need", "fi": "suhteessa tarpeeseen"},
        "whole": {"en": "whole", "fi": "täysimääräisenä"},
    },
    "funding.mode": {
        "full": {"en": "full awards only", "fi": "vain täysi avustus"},
        "partial": {"en": "partial awards too", "fi": "myös osittainen avustus"},
    },
    "coverage.region_basis": {
        "lead": {"en": "its lead's region", "fi": "hankehallinnoijan maakunnan"},
        "participants": {"en": "every participant's region",
                         "fi": "kaikkien osallistujien maakunnat"},
    },
    "coverage.lead_basis": {
        "municipality": {"en": "the lead's municipality (its enterprises and libraries too)",
                         "fi": "hankehallinnoijan kunta (myös sen liikelaitokset ja kirjastot)"},
        "applicant": {"en": "the applicant as written", "fi": "hakija sellaisena kuin kirjoitettu"},
    },
    "coverage.fair_share_basis": {
        "population": {"en": "population", "fi": "asukasluku"},
        "requested": {"en": "euros requested", "fi": "haetut eurot"},
    },
    "solver.name": {
        "cbc": {"en": "CBC", "fi": "CBC"},
        "highs": {"en": "HiGHS", "fi": "HiGHS"},
    },
    "solver.method": {
        "auto": {"en": "knapsack DP where exact, else the integer program",
                 "fi": "reppuongelman dynaaminen ohjelma, kun se on tarkka, muuten "
                       "kokonaislukuohjelma"},
        "ip": {"en": "integer program", "fi": "kokonaislukuohjelma"},
        "dp": {"en": "knapsack DP", "fi": "reppuongelman dynaaminen ohjelma"},
    },
    "robustness.weights": {
        "simplex": {"en": "uniformly over all weightings", "fi": "tasaisesti kaikista painoista"},
        "intervals": {"en": "within intervals", "fi": "vaihteluvälien sisältä"},
        "rank": {"en": "respecting a rank order", "fi": "tärkeysjärjestystä noudattaen"},
    },
}


def key_name(key: str, lang: str) -> str:
    """The plain name of a `section.key` (a key the table lacks is a bug: tests check all)."""
    return KEYS[key][lang]


def value_name(key: str, value: object, lang: str) -> str | None:
    """The plain name of an enumerated value of `key`, or None for a value that is data (a
    number, an id) and is shown as such."""
    names = VALUES.get(key, {}).get(str(value))
    return names[lang] if names else None


NAME_WIDTH = 48  # characters of a criterion's question shown as its name


def criterion_name(item_id: str, text: str) -> str:
    """The plain name of a criterion or proxy indicator from the call's text of it: the words
    before the first colon ("Cooperation breadth: participating municipalities, ..."), else
    the text (a question) cut short; the id only when the call gives no text."""
    from optimizer.vocabulary.numbers import short

    head, colon, _ = text.partition(":")
    return head.strip() if colon and head.strip() else short(text, NAME_WIDTH) or item_id
# --- the report's and the figures' names (task A) ---------------------------------------

# The placeholders the model writes where an application has no region (model.prepare,
# analysis.regions): shown by their plain name.
REGIONS: Names = {
    "(no region)": {"en": "(no region)", "fi": "(ei maakuntaa)"},
    "(unknown region)": {"en": "(unknown region)", "fi": "(maakunta ei tiedossa)"},
}

# Where a resolved key's value comes from (analysis.audit writes "default", or a file with
# one of these remarks after it).
ORIGINS: Names = {
    "default": {"en": "default", "fi": "oletus"},
    "extended": {"en": "extended", "fi": "peritty"},
    "in the package": {"en": "in the package", "fi": "ohjelmistossa"},
}

def region_name(region: str, lang: str) -> str:
    """A region's name as written (data), or the plain name of a placeholder for none."""
    names = REGIONS.get(region)
    return names[lang] if names else region


def origin_name(origin: str, lang: str) -> str:
    """Where a value comes from: "default", or a file name with its remark in the language
    ("scenarios/x.toml (extended)")."""
    if origin in ORIGINS:
        return ORIGINS[origin][lang]
    for remark, names in ORIGINS.items():
        origin = origin.replace(f" ({remark})", f" ({names[lang]})")
    return origin


