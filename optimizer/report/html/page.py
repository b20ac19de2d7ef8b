"""The report page: finished analyses in, one HTML document out; nothing is computed here.

One self-contained file: styles inline, every figure embedded (SVG data URIs with alt text),
no script, nothing fetched from the network, so it can be mailed as it is. English or
Finnish (`optimizer.vocabulary`): every word the page says and the numbers of the language; names
of municipalities and projects stay as written. The page carries no path of this machine;
its only date is the report date given to it, so the same inputs give the same bytes.

One scenario: its sections under the title. Several: a summary table of all of them and
their differences from the first, then each scenario's sections in turn.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from optimizer.analysis.compare import BOTH, ONLY_ACTUAL, ONLY_OPTIMAL, Comparison
from optimizer.analysis.diff import Diff
from optimizer.analysis.frontier import Frontier, FrontierPoint
from optimizer.analysis.regions import RegionTable
from optimizer.analysis.robustness import BORDERLINE, CORE, EXTERIOR
from optimizer.model.instance import FULL
from optimizer.model.prepare import Prepared
from optimizer.money import to_units
from optimizer.report.analyses import ATTRIBUTION, STEP_EUR, STEPS, Analyses, million_budgets
from optimizer.report.html.toolkit import (
    CSS,
    Cell,
    attr,
    bullets,
    esc,
    figure,
    heading,
    nowrap,
    num,
    para,
    section,
    table,
)
from optimizer.report.words import fund_name, link_kind, reason_text, rule_text
from optimizer.version import __version__
from optimizer.vocabulary.words import Words, objective_sentence, value_model


@dataclass(frozen=True)
class Page:
    """What one language's page shows: the scenarios (each with its figures in this
    language), their differences from the first, the report date and the files beside."""

    scenarios: tuple[Analyses, ...]
    lang: str
    date: dt.date
    diffs: tuple[Diff, ...] = ()
    files: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def t(w: Words, en: str, fi: str) -> str:
    """A sentence of the page in its language."""
    return fi if w.lang == "fi" else en


def render_html(page: Page) -> str:
    """The report page (a str); the same page always gives the same bytes."""
    w = Words(page.lang)
    first = page.scenarios[0]
    several = len(page.scenarios) > 1
    round_title = _round_title(first.allocation.prepared, w)
    title = (t(w, f"{len(page.scenarios)} scenarios of {round_title}",
               f"{len(page.scenarios)} skenaariota: {round_title}")
             if several else first.allocation.prepared.scenario.title_in(w.lang))
    body = [_header(page, w, title)]
    if several:
        body += [_score_box(first.allocation.prepared, w, 2), _side_by_side(page, w),
                 _contents(page, w)]
        for index, a in enumerate(page.scenarios):
            body.append(_scenario(a, w, index))
    else:
        body += [_score_box(first.allocation.prepared, w, 2), _summary(first, w, 2),
                 _contents(page, w), *_sections(first, w, 2, "")]
    body += [_files_section(page, w), _footer(first.allocation.prepared, w)]
    parts = ["<!DOCTYPE html>", f'<html lang="{attr(page.lang)}">', "<head>",
             '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(w['report'])}: {esc(title)}</title>",
             f"<style>\n{CSS}\n</style>", "</head>", "<body>", "<main>",
             *[b for b in body if b], "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _sections(a: Analyses, w: Words, level: int, prefix: str) -> list[str]:
    return [_rules(a.allocation.prepared, w, level, prefix), _allocation(a, w, level, prefix),
            _comparison(a, w, level, prefix), _frontier_section(a, w, level, prefix),
            _coverage_section(a, w, level, prefix), _robustness_section(a, w, level, prefix),
            _record_section(a, w, level, prefix)]


def _scenario(a: Analyses, w: Words, index: int) -> str:
    letter = _letter(index)
    prep = a.allocation.prepared
    description = prep.scenario.description_in(w.lang)
    body = [para(description, "sub") if description else "", _summary(a, w, 3),
            *_sections(a, w, 3, f"{letter}-")]
    return ('<section class="scenario" id="scenario-' + attr(letter) + '">\n'
            + heading(2, f"{w['scenario']} {letter}: {prep.scenario.title_in(w.lang)}") + "\n"
            + "\n".join(b for b in body if b) + "\n</section>")


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


# --------------------------------------------------------------------------- the top


def _round_title(prep: Prepared, w: Words) -> str:
    call = prep.round.call
    own = call.name if w.lang == "fi" else call.name_en
    other = call.name_en if w.lang == "fi" else call.name
    title = own or other or t(w, f"the round in folder “{prep.round.path.name}”",
                              f"kansion “{prep.round.path.name}” avustushaku")
    if own and other and own != other:
        title += f" ({other})"
    return title + (f", {call.year}" if call.year else "")


def _header(page: Page, w: Words, title: str) -> str:
    prep = page.scenarios[0].allocation.prepared
    lines = ["<header>", heading(1, f"{w['report']}: {title}")]
    if len(page.scenarios) == 1 and prep.scenario.description_in(w.lang):
        lines.append(para(prep.scenario.description_in(w.lang), "sub"))
    files = ", ".join(a.allocation.prepared.scenario.source.name
                      for a in page.scenarios if a.allocation.prepared.scenario.source)
    lines.append(para(t(w, f"Round: {_round_title(prep, w)}. Scenario files: {files or '–'}.",
                        f"Avustushaku: {_round_title(prep, w)}. Skenaariotiedostot: "
                        f"{files or '–'}."), "sub"))
    lines.append(f'<p class="sub">{esc(t(w, "Report date", "Raportin päivämäärä"))}: '
                 f'<time datetime="{page.date.isoformat()}">{esc(w.date(page.date))}</time></p>')
    lines.append("</header>")
    return "\n".join(lines)


def _score_box(prep: Prepared, w: Words, level: int) -> str:
    scores = prep.scores
    label = w["proxy_label"] if scores.is_proxy else scores.label
    out = ['<section class="scores" id="scores">', heading(level, w["scores_title"]),
           f'<p class="label">{esc(t(w, "Scores", "Pisteet"))}: {esc(label)}</p>']
    out += [para(f"{t(w, 'Note', 'Huomio')}: {note}.", "note") for note in prep.notes]
    if scores.is_proxy:
        out.append(para(t(
            w,
            "Every score in this report is computed from the round's data (who applies "
            "together, how many residents they reach, the amount asked, the target area) "
            "by the proxy indicators below. It is not an assessment of what the applications "
            "propose, and it does not stand for the scores of the body that decided. Each "
            "indicator is scaled to 0..1; a project's score is the weighted sum, also in 0..1.",
            "Jokainen tämän raportin pistemäärä on laskettu haun aineistosta (keitä hakee "
            "yhdessä, kuinka monta asukasta hanke tavoittaa, haettu summa, avustuksen kohde) "
            "alla olevilla välillisillä mittareilla. Se ei ole arvio hakemusten sisällöstä, "
            "eikä se korvaa päätöksen tehneen viranomaisen arviointia. Jokainen mittari on "
            "skaalattu välille 0–1; hankkeen pisteet ovat niiden painotettu summa, myös 0–1.")))
        descriptions = {p.id: (p.fi if w.lang == "fi" and p.fi else p.en or p.fi)
                        for p in prep.round.call.proxies}
        rows = [[c, descriptions.get(c, d), num(w.num(wt, 2))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["indicator"], w["definition"], num(w["weight"])], rows))
    else:
        out.append(para(t(w, "The scores come from the scoring sheet named above; a project's "
                             "score is the weighted sum of its criteria, each scaled to 0..1.",
                          "Pisteet tulevat yllä mainitulta arviointilomakkeelta; hankkeen "
                          "pisteet ovat sen arviointikriteerien painotettu summa, kukin "
                          "skaalattuna välille 0–1.")))
        criteria = {c.id: (c.fi if w.lang == "fi" and c.fi else c.en or c.fi)
                    for c in prep.round.call.criteria}
        rows = [[c, criteria.get(c, d), num(w.num(wt, 3))]
                for c, d, wt in zip(scores.criteria, scores.descriptions, scores.weights,
                                    strict=True)]
        out.append(table([w["criterion"], w["question"], num(w["weight"])], rows))
    out.append("</section>")
    return "\n".join(out)


def _summary(a: Analyses, w: Words, level: int) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    rules = prep.instance.rules
    obj = rules.objective
    items = [t(w, f"The optimal portfolio under this scenario's rules funds "
                  f"{w.count(tot.projects, 'project')} for {w.eur(tot.spent_eur)} of the "
                  f"{w.eur(tot.budget_eur)} appropriation; its value is "
                  f"{w.value(res.objective, obj)}.",
               f"Skenaarion sääntöjen mukainen optimaalinen jako rahoittaa "
               f"{w.count(tot.projects, 'project')}; avustukset ovat yhteensä "
               f"{w.eur(tot.spent_eur)} ja määräraha {w.eur(tot.budget_eur)}. Jaon "
               f"kokonaisarvo on {w.value(res.objective, obj)}."),
             objective_sentence(obj, rules.partial_value, w.lang)]
    c = a.comparison
    if c is not None:
        n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
        others = "".join(
            t(w, f" (under {w.objective(v.objective)}: {w.pct(v.efficiency)}, "
                 f"{w.count(v.fewest_changes, 'change')})",
              f" (tavoitefunktiolla {w.objective(v.objective)}: {w.pct(v.efficiency)}, "
              f"{w.count(v.fewest_changes, 'change')})") for v in c.views[1:])
        items.append(t(
            w, f"The actual decision funds {w.count(n_actual, 'project')} for "
               f"{w.eur(c.actual_spent_eur)} and reaches {w.pct(c.efficiency)} of the optimal "
               f"value; {w.count(c.changes.count, 'change')} "
               f"({w.count(len(c.changes.additions), 'addition')}, "
               f"{w.count(len(c.changes.removals), 'removal')}) would make it optimal{others}.",
            f"Toteutunut päätös rahoittaa {w.count(n_actual, 'project')} (avustukset "
            f"yhteensä {w.eur(c.actual_spent_eur)}) ja saavuttaa {w.pct(c.efficiency)} "
            "optimaalisen "
            f"jaon kokonaisarvosta; {w.count(c.changes.count, 'change')} "
            f"({w.count(len(c.changes.additions), 'addition')}, "
            f"{w.count(len(c.changes.removals), 'removal')}) tekisi siitä optimaalisen{others}."))
    gain = _million_gain(a.frontier)
    if gain is not None:
        rise = f" ({w.pct(gain / res.objective)})" if res.objective > 0 else ""
        more = w.eur(a.frontier.budget_eur + STEP_EUR)
        items.append(t(w, f"One more million (to {more}) would raise the optimal value by "
                          f"{w.value(gain, obj)}{rise}.",
                       f"Yksi miljoona lisää (yhteensä {more}) nostaisi optimaalista "
                       f"kokonaisarvoa {w.value(gain, obj)}{rise}."))
    rob = a.robustness
    if rob is not None:
        n = {cat: sum(x.category == cat for x in rob.items) for cat in (CORE, BORDERLINE,
                                                                       EXTERIOR)}
        items.append(t(
            w, f"Over {rob.samples} random weightings: {n[CORE]} core applications (funded in "
               f"at least {w.pct(rob.core, 0)} of the draws), {n[BORDERLINE]} borderline, "
               f"{n[EXTERIOR]} exterior (funded in at most {w.pct(rob.exterior, 0)}).",
            f"{rob.samples} satunnaisella painotuksella: {n[CORE]} hakemusta ytimessä "
            f"(rahoitetaan vähintään {w.pct(rob.core, 0)} arvonnoista), "
            f"{n[BORDERLINE]} rajatapausta, {n[EXTERIOR]} ulkopuolista (rahoitetaan "
            f"enintään {w.pct(rob.exterior, 0)} arvonnoista)."))
    if prep.is_proxy:
        items.append(t(w, "All values rest on proxy scores computed from data (see the box "
                          "above), not on an evaluation of the applications.",
                       "Kaikki arvot perustuvat aineistosta laskettuihin korvaaviin "
                       "pistemääriin (ks. yllä), eivät hakemusten arviointiin."))
    return ('<section class="summary">' + heading(level, w["summary"]) + bullets(items)
            + "</section>")


def _contents(page: Page, w: Words) -> str:
    entries: list[tuple[str, str]] = []
    if len(page.scenarios) > 1:
        entries.append(("side-by-side", w["side_by_side"]))
        entries += [(f"scenario-{_letter(i)}",
                     f"{w['scenario']} {_letter(i)}: "
                     f"{a.allocation.prepared.scenario.title_in(w.lang)}")
                    for i, a in enumerate(page.scenarios)]
    else:
        a = page.scenarios[0]
        entries += [("rules", w["rules"]), ("allocation", w["allocation"])]
        if a.comparison is not None:
            entries.append(("comparison", w["comparison"]))
        entries += [("frontier", w["frontier"]), ("coverage", w["coverage"])]
        if a.robustness is not None:
            entries.append(("robustness", w["robustness"]))
        entries.append(("record", w["record"]))
    entries.append(("files", w["files"]))
    body = "".join(f'<li><a href="#{attr(k)}">{esc(title)}</a></li>' for k, title in entries)
    return f'<nav aria-label="{attr(w["contents"])}"><strong>{esc(w["contents"])}</strong>' \
           f"<ol>{body}</ol></nav>"


def _side_by_side(page: Page, w: Words) -> str:
    rows = []
    for index, a in enumerate(page.scenarios):
        tot, prep = a.allocation.totals(), a.allocation.prepared
        obj = prep.instance.rules.objective
        eff = a.comparison.efficiency if a.comparison is not None else None
        rows.append([nowrap(_letter(index)), prep.scenario.title_in(w.lang),
                     num(w.value(a.allocation.objective, obj)), num(w.eur(tot.spent_eur)),
                     num(w.eur(tot.budget_eur)), num(tot.projects), num(tot.regions_covered),
                     num(w.pct(eff) if eff is not None else "–")])
    body = [table(["", w["scenario"], num(w["value"]), num(w["spent"]), num(w["appropriation"]),
                   num(w["projects"]), num(w["covered"]),
                   num(t(w, "efficiency of the actual decision",
                         "toteutuneen päätöksen tehokkuus"))], rows)]
    for index, d in enumerate(page.diffs, start=1):
        body.append(_diff_block(d, w, f"{_letter(index)} / {_letter(0)}"))
    return section("side-by-side", w["side_by_side"], body)


def _diff_block(d: Diff, w: Words, which: str) -> str:
    head = (t(w, f"{which}: the value goes from {w.value(d.base.value, d.base.objective)} to "
                 f"{w.value(d.other.value, d.other.objective)}.",
              f"{which}: kokonaisarvo muuttuu arvosta {w.value(d.base.value, d.base.objective)} "
              f"arvoon {w.value(d.other.value, d.other.objective)}.")
            if d.comparable else
            t(w, f"{which}: the two measure value differently (objective, value model or "
                 "scores differ): compare the portfolios, not the numbers.",
              f"{which}: skenaariot mittaavat kokonaisarvoa eri tavoin (tavoitefunktio, "
              "arvomalli tai pisteet eroavat): vertaa jakoja, ei lukuja."))
    out = [heading(3, f"{w['differences'].replace('A', which.split(' / ')[1])}: {which}"),
           para(head)]
    if d.moves:
        status = {"enters": w["enters"], "leaves": w["leaves"], "changes": w["change"]}
        out.append(table([w["id"], w["lead"], w["project"], w["status"], num(w["before"]),
                          num(w["after"])],
                         [[nowrap(m.id), m.label, m.project, status[m.status],
                           num(w.eur(m.base_eur)), num(w.eur(m.other_eur))] for m in d.moves]))
    else:
        out.append(para(t(w, "The same projects are funded.", "Samat hankkeet rahoitetaan.")))
    moved = [r for r in d.regions if r.change_eur]
    if moved:
        out.append(table([w["region"], num(w["before"]), num(w["after"]), num(w["change"])],
                         [[r.region, num(w.eur(r.base_eur)), num(w.eur(r.other_eur)),
                           num(w.signed_eur(r.change_eur))] for r in moved],
                         caption=t(w, "Euros moved between regions",
                                   "Eurot, jotka siirtyvät maakuntien välillä")))
    return "\n".join(out)


# --------------------------------------------------------------------------- the rules


def _rules(prep: Prepared, w: Words, level: int, prefix: str) -> str:
    sc, call, inst = prep.scenario, prep.round.call, prep.instance
    budget, funding = sc.budget, sc.funding
    elig, scoring, locks, solver = sc.eligibility, sc.scoring, sc.locks, sc.solver
    approp = w.eur(budget.appropriation or 0.0)
    if call.budget_item:
        approp += t(w, f" (budget item {call.budget_item})", f" (momentti {call.budget_item})")
    rows: list[list[object]] = [[w["appropriation"].capitalize(), approp]]
    if budget.min_spend:
        rows.append([t(w, "Minimum spend", "Vähimmäiskäyttö"), w.eur(budget.min_spend)])
    rows.append([t(w, "Rounding", "Pyöristys"),
                 t(w, f"awards rounded down to whole {w.eur(budget.rounding or 0.0)}",
                   "avustukset pyöristetään alaspäin tarkkuudella "
                   f"{w.eur(budget.rounding or 0.0)}")])
    if funding.mode == FULL:
        mode = t(w, "full: a funded project gets its maximum award",
                 "täysi: rahoitettu hanke saa enimmäisavustuksensa")
    else:
        mode = t(w, f"partial: a funded project gets at least {w.pct(funding.min_share, 0)} "
                    "of its maximum award",
                 f"osittainen: rahoitettu hanke saa vähintään {w.pct(funding.min_share, 0)} "
                 "enimmäisavustuksestaan")
    rows.append([t(w, "Funding mode", "Rahoitustapa"), mode])
    cap = [t(w, "the amount requested", "haettu avustusmäärä")]
    if funding.max_cost_share is not None:
        cap.append(t(w, f"{w.pct(funding.max_cost_share, 0)} of the eligible costs (where known)",
                     f"{w.pct(funding.max_cost_share, 0)} hyväksyttävistä kustannuksista "
                     "(kun tiedossa)"))
    if funding.max_per_project is not None:
        cap.append(w.eur(funding.max_per_project))
    rows.append([t(w, "Maximum award", "Enimmäisavustus"),
                 (t(w, "the least of ", "pienin seuraavista: ") + ", ".join(cap))
                 if len(cap) > 1 else cap[0]])
    rows.append([w["objective"].capitalize(),
                 objective_sentence(inst.rules.objective, inst.rules.partial_value, w.lang)])
    joint = (t(w, f"joint projects only: at least {elig.min_parties} distinct parties",
               f"vain useamman kunnan yhteishankkeet: vähintään {elig.min_parties} osapuolta")
             if elig.joint_rule else t(w, "off (single-party projects allowed)",
                                       "ei käytössä (yhden hakijan hankkeet sallittu)"))
    rows.append([t(w, "Joint-project rule", "Yhteishankesääntö"), joint])
    codes = [e.code for e in call.exclusions]
    if codes:
        rows.append([t(w, "Out of the call's scope", "Haun ulkopuolella"),
                     ", ".join(codes) if elig.exclusions
                     else t(w, "rule switched off", "sääntö ei käytössä")])
    if scoring.min_score:
        rows.append([t(w, "Minimum score", "Vähimmäispisteet"), w.score(scoring.min_score)])
    rows += [[t(w, "Coverage rules", "Alueelliset säännöt"), r] for r in _coverage_rules(prep, w)]
    rows += _structure_rules(prep, w)
    rows.append([t(w, "Locks", "Lukitukset"),
                 t(w, f"funded by force: {_ids(locks.fund, w)}; rejected by force: "
                      f"{_ids(locks.reject, w)}",
                   f"rahoitetaan pakolla: {_ids(locks.fund, w)}; hylätään pakolla: "
                   f"{_ids(locks.reject, w)}")])
    limit = (t(w, "no time limit", "ei aikarajaa") if solver.time_limit is None
             else t(w, f"time limit {w.num(solver.time_limit)} s",
                    f"aikaraja {w.num(solver.time_limit)} s"))
    rows.append([t(w, "Solver", "Ratkaisija"),
                 f"{solver.name} ({solver.method}), "
                 + t(w, f"relative gap {solver.gap:g}", f"suhteellinen aukko {solver.gap:g}")
                 + f", {limit}"])
    body = [table([w["rule"], w["in_scenario"]], rows, cls="rules"), *_links_block(prep, w)]
    n_all, n_in = len(prep.round.applications), len(inst.items)
    if not inst.excluded:
        body.append(para(t(w, f"All {w.count(n_all, 'application')} of the round are fundable "
                              "under these rules.",
                           f"Kaikki haun {w.count(n_all, 'application')} ovat näillä "
                           "säännöillä avustuskelpoisia.")))
    else:
        body.append(para(t(w, f"{n_in} of the round's {w.count(n_all, 'application')} are "
                              f"fundable under these rules; {len(inst.excluded)} are not:",
                           f"Haun {w.count(n_all, 'application')} joukosta {n_in} on näillä "
                           f"säännöillä avustuskelpoisia; {len(inst.excluded)} ei ole:")))
        body.append(table([w["id"], w["lead"], w["reason"]],
                          [[nowrap(e.id), prep.labels.get(e.id, ""), _reasons(e.reasons, w, prep)]
                           for e in inst.excluded]))
    return section(prefix + "rules", w["rules"], body, level)


def _ids(ids: Iterable[str], w: Words) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else w["none"]


def _coverage_rules(prep: Prepared, w: Words) -> list[str]:
    cov = prep.scenario.coverage
    basis = (t(w, "the lead applicant's region", "hankehallinnoijan maakunta")
             if cov.region_basis == "lead"
             else t(w, "the regions of all participants", "kaikkien osallistujien maakunnat"))
    out = []
    if cov.min_projects_per_region:
        out.append(t(w, f"at least {cov.min_projects_per_region} project(s) in every region "
                        f"with a fundable application (by {basis})",
                     f"vähintään {cov.min_projects_per_region} hanke(tta) jokaisessa "
                     f"maakunnassa, jossa on avustuskelpoinen hakemus ({basis})"))
    if cov.min_regions:
        out.append(t(w, f"at least {cov.min_regions} regions covered (by {basis})",
                     f"vähintään {cov.min_regions} maakuntaa katettu ({basis})"))
    if cov.max_region_share is not None:
        out.append(t(w, f"projects led from one region get at most "
                        f"{w.pct(cov.max_region_share, 0)} of the appropriation",
                     f"yhdestä maakunnasta hallinnoidut hankkeet saavat enintään "
                     f"{w.pct(cov.max_region_share, 0)} määrärahasta"))
    if cov.min_projects_per_target_area:
        out.append(t(w, f"at least {cov.min_projects_per_target_area} project(s) per target "
                        "area",
                     f"vähintään {cov.min_projects_per_target_area} hanke(tta) kutakin "
                     "avustuksen kohdetta kohden"))
    for area, cap in cov.max_eur_per_target_area.items():
        out.append(t(w, f"target area {area}: at most {w.eur(cap)}",
                     f"avustuksen kohde {area}: enintään {w.eur(cap)}"))
    if cov.fair_share_basis is not None and (cov.fair_share_min is not None
                                             or cov.fair_share_max is not None):
        out.append(_fair_rule(prep, w))
    if cov.max_awards_per_lead is not None:
        out.append(t(w, f"at most {cov.max_awards_per_lead} award(s) per lead applicant",
                     f"enintään {cov.max_awards_per_lead} avustus(ta) hankehallinnoijaa "
                     "kohden"))
    return out or [w["none"]]


def _fair_rule(prep: Prepared, w: Words) -> str:
    """Fair shares by region (issue 14) as one line of the rules table."""
    cov = prep.scenario.coverage
    lo = w.num(cov.fair_share_min, 2) if cov.fair_share_min is not None else "0"
    hi = w.num(cov.fair_share_max, 2) if cov.fair_share_max is not None else "∞"
    if cov.fair_share_basis == "population":
        return t(w, f"each region's share of the awarded euros within {lo}–{hi} × its share of "
                    "the population (fair shares)",
                 f"kunkin maakunnan osuus myönnetyistä euroista {lo}–{hi} × sen väestöosuus "
                 "(reilut osuudet)")
    return t(w, f"each region's share of the awarded euros within {lo}–{hi} × its share of "
                "the requested euros (fair shares)",
             f"kunkin maakunnan osuus myönnetyistä euroista {lo}–{hi} × sen osuus haetuista "
             "euroista (reilut osuudet)")


def _structure_rules(prep: Prepared, w: Words) -> list[list[object]]:
    """Funding pools and years (issue 14) as rows of the rules table; [] without them."""
    rules = prep.instance.rules
    rows: list[list[object]] = []
    for pool in rules.pools:
        rows.append([t(w, "Funding pool", "Määrärahaosuus"),
                     t(w, f"{pool.name}: {w.eur(pool.cap_units * rules.unit_eur)} for "
                          f"{w.count(len(pool.members), 'application')}",
                       f"{pool.name}: {w.eur(pool.cap_units * rules.unit_eur)}, "
                       f"{w.count(len(pool.members), 'application')}")])
    if rules.pools:
        rows.append([t(w, "Shared remainder", "Yhteinen jäännös"),
                     t(w, "what a pool leaves unspent may pay any application",
                       "määrärahaosuuden käyttämätön osa voi rahoittaa mitä tahansa hakemusta")
                     if rules.shared_remainder else
                     t(w, "no: what a pool leaves unspent is not awarded",
                       "ei: määrärahaosuuden käyttämätöntä osaa ei myönnetä")])
    if rules.year_cents:
        years = "; ".join(f"{y}: {w.eur(c / 100)}" for y, c in sorted(rules.year_cents.items()))
        carry = (t(w, "unspent money carries over to later years",
                   "käyttämätön määräraha siirtyy seuraaville vuosille") if rules.carry_over
                 else t(w, "no carry-over", "ei siirtoa seuraavalle vuodelle"))
        rows.append([t(w, "Appropriation per year", "Määräraha vuosittain"),
                     f"{years} ({carry})"])
    return rows


def _links_block(prep: Prepared, w: Words) -> list[str]:
    """The links between applications (issue 14) as a short table; [] without any."""
    rules = prep.instance.rules
    if not rules.links:
        return []
    rows = [[link_kind(k.kind, w.lang), nowrap(", ".join(k.ids)), nowrap(k.requires or ""),
             num(w.score(k.bonus) if k.bonus else ""),
             num(w.eur(k.saving_units * rules.unit_eur) if k.saving_units else "")]
            for k in rules.links]
    return [para(t(w, "Links between applications:", "Hakemusten väliset kytkökset:")),
            table([t(w, "kind", "laji"), t(w, "applications", "hakemukset"),
                   t(w, "requires", "edellyttää"), num(t(w, "bonus (score)", "lisä (pisteet)")),
                   num(t(w, "saving", "säästö"))], rows)]


# --------------------------------------------------------------------------- allocation


def _allocation(a: Analyses, w: Words, level: int, prefix: str) -> str:
    prep, res = a.allocation.prepared, a.allocation.result
    tot = a.allocation.totals()
    has_actual = bool(prep.round.awards)
    capped = any(r["share_of_need"] < 1 for r in a.allocation.rows())
    rows = []
    for r in a.allocation.rows():
        row: list[object] = [nowrap(r["id"]), r["lead"], r["project"], r["region"],
                             num(w.score(r["score"])), num(w.eur(r["award_eur"]))]
        if capped:
            row.append(num(w.pct(r["share_of_need"])))
        if has_actual:
            actual = prep.actual_eur.get(r["id"], 0.0)
            row.append(num(w.eur(actual) if actual > 0 else "—"))
        rows.append(row)
    headers: list[object] = [w["id"], w["lead"], w["project"], w["region"], num(w["score"]),
                             num(w["award"])]
    foot: list[object] = [nowrap(w["total"]), w.count(tot.projects, "project"), "",
                          nowrap(w.count(tot.regions_covered, "region")), "",
                          num(w.eur(tot.spent_eur))]
    if capped:
        headers.append(num(t(w, "of need", "tarpeesta")))
        foot.append("")
    if has_actual:
        headers.append(num(w["actual"]))
        foot.append("")
    status = w["optimal"] if res.status == "optimal" else w["feasible"]
    if res.status != "optimal" and res.gap:
        status += f" ({w.pct(res.gap, 2)})"
    obj = prep.instance.rules.objective
    basis = t(w, "by the lead applicant", "hankehallinnoijan mukaan") \
        if prep.instance.rules.region_basis == "lead" \
        else t(w, "by the participants", "osallistujien mukaan")
    body = [
        para(t(w, f"Appropriation {w.eur(tot.budget_eur)}; spent {w.eur(tot.spent_eur)}; left "
                  f"{w.eur(tot.left_eur)}. {w.count(tot.projects, 'project')} in "
                  f"{w.count(tot.regions_covered, 'region')} ({basis}). Value: "
                  f"{w.value(res.objective, obj)}.",
               f"Määräraha {w.eur(tot.budget_eur)}; käytetty {w.eur(tot.spent_eur)}; jäljellä "
               f"{w.eur(tot.left_eur)}. {w.count(tot.projects, 'project')}, "
               f"{w.count(tot.regions_covered, 'region')} ({basis}). Kokonaisarvo: "
               f"{w.value(res.objective, obj)}.")),
        para(value_model(obj, prep.instance.rules.partial_value, w.lang)),
        para(t(w, f"Solver status: {status} ({res.solver}). The portfolio was checked again, "
                  "outside the solver, against every rule of the scenario: verified.",
               f"Ratkaisun tila: {status} ({res.solver}). Jako tarkistettiin vielä "
               "ratkaisijasta riippumatta jokaista skenaarion sääntöä vasten: kunnossa.")),
        table(headers, rows, foot=foot),
        para(t(w, "Best score first. Score: the weighted score of the project in 0..1"
                  + (" (a proxy score computed from data)" if prep.is_proxy else "")
                  + (". Actual decision: what the project was actually awarded."
                     if has_actual else "."),
               "Paras pistemäärä ensin. Pisteet: hankkeen painotettu pistemäärä välillä 0–1"
               + (" (aineistosta laskettu korvaava pistemäärä)" if prep.is_proxy else "")
               + (". Toteutunut päätös: hankkeelle myönnetty avustus." if has_actual
                  else ".")), "note"),
        *_funds_block(a, w, level + 1),
        _regions_block(a, w, level + 1),
    ]
    return section(prefix + "allocation", w["allocation"], body, level)


def _regions_block(a: Analyses, w: Words, level: int) -> str:
    rt = a.allocation.regions()
    out = [heading(level, w["regions"]),
           para(t(w, "Counted by the lead applicant's region." if rt.basis == "lead" else
                  "Counted by the participants' regions; a joint project's award is split "
                  "between them by their residents.",
                  "Laskettu hankehallinnoijan maakunnan mukaan." if rt.basis == "lead" else
                  "Laskettu osallistujien maakuntien mukaan; yhteishankkeen avustus jaetaan "
                  "maakuntien kesken niiden asukasluvun suhteessa.")),
           _regions_table(rt, w)]
    if rt.fair_share_basis is not None:
        out.append(_fair_note(rt, a.allocation.prepared, w))
    out.append(figure(a.figures.get("region_map"),
                      t(w, "Map of the regions coloured by euros per resident",
                        "Maakuntakartta, värinä euroa asukasta kohden"),
                      t(w, "Euros per resident in each region: the optimum and the actual "
                           "decision side by side; hatched: no applicants.",
                        "Euroa asukasta kohden maakunnittain: optimaalinen jako ja "
                        "toteutunut päätös rinnakkain; viivoitettu: ei hakijoita.")))
    return "\n".join(out)


def _regions_table(rt: RegionTable, w: Words) -> str:
    headers: list[object] = [w["region"], num(w["projects"]), num(w["award"]),
                             num(w["share"]), num(w["per_resident"])]
    if rt.has_actual:
        headers += [num(t(w, "actual: projects", "toteutunut: hankkeita")),
                    num(t(w, "actual: awarded", "toteutunut: avustukset")),
                    num(t(w, "actual: share", "toteutunut: osuus")),
                    num(t(w, "actual: € per resident", "toteutunut: € asukasta kohden"))]
    rows = []
    for r in rt.lines:
        row: list[object] = [r.region, num(r.optimal_projects), num(w.eur(r.optimal_eur)),
                             num(w.pct(r.optimal_share)), num(_per(r.optimal_per_resident, w))]
        if rt.has_actual:
            row += [num(r.actual_projects), num(w.eur(r.actual_eur or 0.0)),
                    num(w.pct(r.actual_share)), num(_per(r.actual_per_resident, w))]
        if rt.fair_share_basis is not None:
            row += _fair_cells(rt, r.region, r.fair_share, w)
        rows.append(row)
    if rt.fair_share_basis is not None:  # issue 14: only when the rule is on
        headers += [num(t(w, "fair share", "reilu osuus")), num(t(w, "ratio", "suhde"))]
        if rt.has_actual:
            headers.append(num(t(w, "actual: ratio", "toteutunut: suhde")))
    return table(headers, rows)


def _fair_cells(rt: RegionTable, region: str, share: float | None, w: Words) -> list[object]:
    """The fair share p_r and the ratios (share of the euros / p_r); blank outside the rule."""
    if share is None:
        return ["", "", ""] if rt.has_actual else ["", ""]
    cells: list[object] = [num(w.pct(share)), num(w.num(rt.fair_ratios.get(region, 0.0), 2))]
    if rt.has_actual:
        cells.append(num(w.num(rt.actual_fair_ratios.get(region, 0.0), 2)))
    return cells


def _fair_note(rt: RegionTable, prep: Prepared, w: Words) -> str:
    """What the fair-share columns mean, and the scenario's bounds."""
    basis = (t(w, "population", "väestöstä") if rt.fair_share_basis == "population"
             else t(w, "requested euros", "haetuista euroista"))
    return para(t(w, f"Fair share: the region's share of the {basis} among the regions the rule "
                     "covers; ratio: its share of the euros awarded to those regions over its "
                     "fair share. The rule: ",
                  f"Reilu osuus: maakunnan osuus {basis} säännön kattamien maakuntien kesken; "
                  "suhde: sen osuus näille maakunnille myönnetyistä euroista jaettuna reilulla "
                  "osuudella. Sääntö: ") + _fair_rule(prep, w) + ".", "note")


def _funds_block(a: Analyses, w: Words, level: int) -> list[str]:
    """Spend per funding pool and per year (issue 14): the optimum, and the actual decision
    beside it ("?" where its awards cannot be split between the pools); [] without them."""
    rows = a.allocation.funds()
    if not rows:
        return []
    actual = list(a.comparison.funds) if a.comparison is not None else []

    def eur(x: float | None) -> Cell:
        return num("?" if x is None else w.eur(x))

    headers: list[object] = [t(w, "Pool or year", "Määrärahaosuus tai vuosi"),
                             num(w["appropriation"].capitalize()), num(w["spent"]),
                             num(w["left"]), num(t(w, "applications", "hakemuksia"))]
    if actual:
        headers.append(num(t(w, "actual: spent", "toteutunut: käytetty")))
    body = []
    for i, r in enumerate(rows):
        row: list[object] = [fund_name(r, w.lang), num(w.eur(r["appropriation_eur"])),
                             eur(r["spent_eur"]), eur(r["left_eur"]), num(r["applications"])]
        if actual:
            row.append(eur(actual[i]["actual_spent_eur"]))
        body.append(row)
    out = [heading(level, t(w, "Funding pools and years", "Määrärahaosuudet ja vuodet")),
           table(headers, body)]
    notes = [t(w, "Each award is drawn first on the first pool that admits it.",
               "Kukin avustus maksetaan ensisijaisesti ensimmäisestä määrärahaosuudesta, "
               "josta sen voi maksaa.")] if any(r["kind"] == "pool" for r in rows) else []
    if a.allocation.prepared.instance.rules.carry_over:
        notes.append(t(w, "Unspent money carries over: a year's “left” is what is left up "
                          "to it.",
                       "Käyttämätön määräraha siirtyy seuraavalle vuodelle: vuoden "
                       "”jäljellä” on siihen mennessä jäljellä oleva määrä."))
    if actual and any(x["actual_spent_eur"] is None for x in actual):
        notes.append(t(w, "?: the actual awards cannot be split between the pools (they "
                          "break them).",
                       "?: toteutuneita avustuksia ei voi jakaa määrärahaosuuksien kesken "
                       "(ne rikkovat niiden rajat)."))
    if notes:
        out.append(para(" ".join(notes), "note"))
    return out


def _per(value: float | None, w: Words) -> str:
    return "" if value is None else w.num(value, 2)


# --------------------------------------------------------------------------- comparison


def _comparison(a: Analyses, w: Words, level: int, prefix: str) -> str:
    c = a.comparison
    if c is None:
        return ""
    prep = a.allocation.prepared
    obj = c.objective
    n_actual = sum(1 for r in c.entries if r.actual_eur > 0) + len(c.outside)
    n_opt = sum(1 for r in c.entries if r.optimal_eur > 0)
    summary = table(["", num(w["actual"]), num(w["optimum"])], [
        [w["value"], num(w.value(c.actual_value, obj)), num(w.value(c.optimal_value, obj))],
        [w["projects"], num(n_actual), num(n_opt)],
        [w["spent"], num(w.eur(c.actual_spent_eur)), num(w.eur(c.optimal_spent_eur))],
        [f"{w['left']} / {w.eur(c.budget_eur)}", num(w.eur(c.actual_left_eur)),
         num(w.eur(c.optimal_left_eur))],
    ])
    rules = prep.instance.rules
    body = [para(objective_sentence(rules.objective, rules.partial_value, w.lang)),
            f'<p class="big">{esc(t(w, "Efficiency (actual / optimal value)", "Tehokkuus (toteutunut / optimaalinen kokonaisarvo)"))}: '  # noqa: E501
            f"{esc(w.pct(c.efficiency))}</p>", summary]
    if len(c.views) > 1:
        body.append(para(t(w, "The same decision judged under each objective: no single "
                              "number stands alone.",
                           "Sama päätös arvioituna kummallakin tavoitefunktiolla: yksikään "
                           "luku ei ole yksinään koko totuus.")))
        body.append(table(
            [w["objective"], num(w["efficiency"]), num(w["fewest_changes"]),
             num(w["additions"]), num(w["removals"])],
            [[w.objective(v.objective) + (f" ({w['this_scenario']})" if v.objective == obj
                                          else ""),
              num(w.pct(v.efficiency)), num(v.fewest_changes), num(v.additions),
              num(v.removals)] for v in c.views]))
    if c.efficiency is not None and c.efficiency > 1:
        body.append(para(t(w, "The actual decision is worth more than the optimum only because "
                              "it breaks a rule of the scenario (below).",
                           "Toteutunut päätös on optimia arvokkaampi vain, koska se rikkoo "
                           "skenaarion sääntöä (alla)."), "note"))
    words = {BOTH: w["both"], ONLY_ACTUAL: w["only_actual"], ONLY_OPTIMAL: w["only_optimal"]}
    overlap = "; ".join(
        f"{len(c.ids(s))} {words[s]} ({w.eur(c.total_eur(s, 'optimal' if s == ONLY_OPTIMAL else 'actual'))})"  # noqa: E501
        for s in (BOTH, ONLY_ACTUAL, ONLY_OPTIMAL))
    body.append(para(t(w, "Overlap: ", "Päällekkäisyys: ") + overlap + "."))
    body.append(heading(level + 1, t(w, "Rules of the scenario the actual decision breaks",
                                     "Skenaarion säännöt, joita toteutunut päätös rikkoo")))
    broken = [rule_text(v, w.lang) for v in c.violations]
    body.append(bullets(broken) if broken else para(w["none"].capitalize() + "."))
    if c.outside:
        body.append(heading(level + 1, t(w, "Actual awards to applications that are not "
                                            "fundable under this scenario",
                                         "Toteutuneet avustukset hakemuksille, jotka eivät "
                                         "ole tässä skenaariossa avustuskelpoisia")))
        body.append(table([w["id"], w["lead"], num(w["award"]), w["reason"]],
                          [[nowrap(o.id), o.label,
                            num(w.eur(o.awarded_eur) if o.awarded_eur is not None else ""),
                            _reasons(o.reasons, w, prep)] for o in c.outside]))
    body += _changes(c, prep, w, level + 1)
    body.append(figure(a.figures.get("comparison"),
                       t(w, "Change in award per application", "Avustuksen muutos hakemuksittain"),
                       t(w, "What the optimum adds (green) and drops (red) compared with the "
                            "actual decision, in M€.",
                         "Mitä optimaalinen jako lisää (vihreä) ja poistaa (punainen) "
                         "toteutuneeseen päätökseen verrattuna, milj. €.")))
    body.append(figure(a.figures.get("regions"),
                       t(w, "Funds per region", "Avustukset maakunnittain"),
                       t(w, "Awards led from each region, in € per resident: the optimum "
                            "against the actual decision.",
                         "Kunkin maakunnan hallinnoimat avustukset euroina asukasta kohden: "
                         "optimaalinen jako ja toteutunut päätös.")))
    return section(prefix + "comparison", w["comparison"], body, level)


def _changes(c: Comparison, prep: Prepared, w: Words, level: int) -> list[str]:
    ch = c.changes
    head = (f"{w.count(ch.count, 'change')}: {w.count(len(ch.additions), 'addition')}, "
            f"{w.count(len(ch.removals), 'removal')}"
            + (f", {len(ch.amount_changes)} "
               + t(w, "amounts changed", "summaa muuttuu") if ch.amount_changes else "")
            + ("" if ch.status == "optimal"
               else t(w, " (not proven minimal: time limit)",
                      " (pienimmäksi ei todistettu: aikaraja)")) + ".")
    labels = {r.id: r.label for r in c.entries}
    project = {app.id: app.project for app in prep.round.applications}
    add, remove, amount = (t(w, "add", "lisätään"), t(w, "remove", "poistetaan"),
                           t(w, "change amount", "muutetaan summaa"))
    rows: list[list[object]] = []
    rows += [[add, nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(w.signed_eur(ch.units[i] * c.unit_eur))] for i in ch.additions]
    actual = {r.id: r.actual_eur for r in c.entries}
    rows += [[remove, nowrap(i), labels.get(i, ""), project.get(i, ""),
              num(w.signed_eur(-actual.get(i, 0.0)))] for i in ch.removals]
    rows += [[nowrap(amount), nowrap(m.id), labels.get(m.id, ""), project.get(m.id, ""),
              num(w.signed_eur(m.new_eur - m.actual_eur))] for m in ch.amount_changes]
    out = [heading(level, t(w, "The fewest changes that make the actual decision optimal",
                            "Vähimmät muutokset, jotka tekisivät toteutuneesta päätöksestä "
                            "optimaalisen")), para(head)]
    if rows:
        out.append(table([w["change"], w["id"], w["lead"], w["project"],
                          num(t(w, "award change", "avustuksen muutos"))], rows))
    out.append(para(t(w, "Several portfolios can be optimal; the one shown here and in the "
                         "figures is the optimal portfolio closest to the actual decision.",
                      "Optimaalisia jakoja voi olla useita; tässä ja kuvissa näytetään se, "
                      "joka on lähimpänä toteutunutta päätöstä."), "note"))
    return out


# --------------------------------------------------------------------------- frontier


def _point(fr: Frontier, budget_eur: float) -> FrontierPoint | None:
    """The frontier's point at a budget (to within half a rounding unit), if any."""
    return next((p for p in fr.points if abs(p.budget_eur - budget_eur) < fr.unit_eur / 2),
                None)


def _million_gain(fr: Frontier) -> float | None:
    here = _point(fr, fr.budget_eur)
    more = _point(fr, fr.budget_eur + to_units(STEP_EUR, fr.unit_eur) * fr.unit_eur)
    if here is None or more is None or here.optimal.value is None or more.optimal.value is None:
        return None
    return more.optimal.value - here.optimal.value


def _frontier_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    fr, prep = a.frontier, a.allocation.prepared
    obj = fr.objective
    here = _point(fr, fr.budget_eur)
    rows = []
    prev: FrontierPoint | None = None
    for b in million_budgets(prep.instance):
        p = _point(fr, b * fr.unit_eur)
        if p is None:
            continue
        v = p.optimal.value
        step = ("—" if prev is None or v is None or prev.optimal.value is None
                else "+" + w.value(v - prev.optimal.value, obj))
        label = w.eur(p.budget_eur) + (f" ({w['appropriation']})" if p is here else "")
        moves = "" if prev is None else _moves(prev.optimal.ids, p.optimal.ids)
        rows.append([num(label), num(p.optimal.funded), num(w.eur(p.optimal.spent_eur)),
                     num(w.value(v, obj)), num(step), moves])
        prev = p
    how = (t(w, "the knapsack dynamic programme, exact at every budget",
             "reppuongelman dynaaminen ohjelma, tarkka jokaisella määrärahalla")
           if fr.method == "dp" else
           t(w, "the knapsack dynamic programme on each budget's core, exact at every budget",
             "reppuongelman dynaaminen ohjelma kunkin määrärahan ytimessä, tarkka jokaisella "
             "määrärahalla")
           if fr.method == "core" else
           t(w, f"the integer program solved again at each budget ({fr.solver}, gap 0)",
             f"kokonaislukuohjelma ratkaistuna uudelleen jokaisella määrärahalla ({fr.solver})"))
    body = [
        para(t(w, f"The optimal value at each appropriation, found by {how}, against two rules "
                  "of thumb: fund down the list ranked by score, or by score per euro, skipping "
                  "the awards that do not fit.",
               f"Optimaalinen kokonaisarvo kullakin määrärahalla ({how}) ja kaksi "
               "nyrkkisääntöä: rahoitetaan pisteiden mukaisessa järjestyksessä tai pisteiden "
               "ja euron suhteen mukaisessa järjestyksessä, ohittaen avustukset, jotka eivät "
               "mahdu.")),
        para(objective_sentence(obj, prep.instance.rules.partial_value, w.lang)),
        figure(a.figures.get("frontier"),
               t(w, "Optimal value against the appropriation",
                 "Optimaalinen kokonaisarvo määrärahan funktiona"),
               t(w, "Optimal value against the appropriation (M€), with the greedy baselines"
                    + (" and the actual decision" if fr.actual is not None else "") + ".",
                 "Optimaalinen kokonaisarvo määrärahan (milj. €) funktiona sekä "
                 "nyrkkisäännöt" + (" ja toteutunut päätös" if fr.actual is not None else "")
                 + ".")),
        heading(level + 1, t(w, "What each extra million buys", "Mitä kukin lisämiljoona tuo")),
        table([num(w["appropriation"]), num(w["projects"]), num(w["spent"]),
               num(w["optimal_value"]), num(w["this_million"]), w["in_out"]], rows),
    ]
    if len(rows) < len(STEPS):
        top = sum(it.max_units for it in prep.instance.items
                  if it.id not in prep.instance.rules.reject) * fr.unit_eur
        body.append(para(t(w, "Appropriations below 0 € or above all maximum awards together "
                              f"({w.eur(top)}, enough for every fundable application) are "
                              "left out.",
                           "Määrärahat alle 0 € tai yli kaikkien enimmäisavustusten summan "
                           f"({w.eur(top)}, joka riittää jokaiselle avustuskelpoiselle "
                           "hakemukselle) on jätetty pois."), "note"))
    if here is not None and here.optimal.value:
        ratio = (here.by_score.value or 0.0) / here.optimal.value
        breaks = "" if here.by_score.satisfies_rules else t(w, ", breaking a rule of the "
                                                               "scenario",
                                                            ", rikkoen skenaarion sääntöä")
        body.append(para(t(w, f"At the appropriation, funding down the list by score reaches "
                              f"{w.pct(ratio)} of the optimal value "
                              f"({w.count(here.by_score.funded, 'project')}{breaks}).",
                           f"Määrärahalla pisteiden mukainen järjestys saavuttaa "
                           f"{w.pct(ratio)} optimaalisesta kokonaisarvosta "
                           f"({w.count(here.by_score.funded, 'project')}{breaks}).")))
    if fr.actual is not None:
        ok = fr.actual.satisfies_rules
        rule = (t(w, "meets every rule of the scenario", "täyttää skenaarion kaikki säännöt")
                if ok else t(w, f"breaks {w.count(len(fr.actual.violations), 'rule')} of the "
                                "scenario",
                             f"rikkoo {w.count(len(fr.actual.violations), 'rule')} "
                             "skenaarion säännöistä"))
        body.append(para(t(w, f"Actual decision: {w.count(fr.actual.funded, 'project')}, "
                              f"{w.eur(fr.actual.spent_eur)}, value "
                              f"{w.value(fr.actual.value, obj)}; it {rule}.",
                           f"Toteutunut päätös: {w.count(fr.actual.funded, 'project')}, "
                           f"{w.eur(fr.actual.spent_eur)}, kokonaisarvo "
                           f"{w.value(fr.actual.value, obj)}; se {rule}.")))
    return section(prefix + "frontier", w["frontier"], body, level)


def _moves(before: Iterable[str], after: Iterable[str]) -> str:
    gone, new = set(before) - set(after), set(after) - set(before)
    return " ".join([*(f"+{i}" for i in sorted(new)), *(f"−{i}" for i in sorted(gone))])


def _coverage_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    cf = a.coverage
    obj = cf.objective
    basis = (t(w, "the lead applicant's region", "hankehallinnoijan maakunta") if cf.basis ==
             "lead" else t(w, "the participants' regions", "osallistujien maakunnat"))
    body = [para(t(w, f"The best value when at least k regions must get a project (by {basis}), "
                      f"at {w.eur(cf.budget_eur)}. {w.count(cf.coverable, 'region')} have a "
                      "fundable application.",
                   f"Paras kokonaisarvo, kun vähintään k maakunnan on saatava hanke ({basis}), "
                   f"määrärahalla {w.eur(cf.budget_eur)}. {w.count(cf.coverable, 'region')} "
                   "on avustuskelpoinen hakemus."))]
    if cf.points:
        free = cf.points[0]
        rows = [[num(p.min_regions), num(p.covered), num(p.funded), num(w.eur(p.spent_eur)),
                 num(w.value(p.value, obj)),
                 num(w.pct((free.value - p.value) / free.value) if free.value else "–")]
                for p in cf.points if p.min_regions > free.covered]
        if rows:
            body.append(para(t(w, f"Under this scenario's rules alone the optimum covers "
                                  f"{w.count(free.covered, 'region')}; requiring more costs "
                                  "value:",
                               f"Pelkillä skenaarion säännöillä optimaalinen jako kattaa "
                               f"{w.count(free.covered, 'region')}; useamman vaatiminen "
                               "maksaa kokonaisarvoa:")))
            body.append(table([num(w["at_least_k"]), num(w["covered"]), num(w["projects"]),
                               num(w["spent"]), num(w["optimal_value"]),
                               num(w["value_lost"])], rows))
        elif free.covered >= cf.coverable:
            body.append(para(t(w, "Under this scenario's rules the optimum already covers all "
                                  "of them, so requiring more regions costs nothing here.",
                               "Skenaarion säännöillä optimaalinen jako kattaa jo ne kaikki, "
                               "joten useamman maakunnan vaatiminen ei maksa tässä mitään.")))
    if cf.infeasible_from is not None:
        body.append(para(t(w, f"From {cf.infeasible_from} regions on, no portfolio meets the "
                              "rule within the appropriation and the scenario's other rules.",
                           f"Vaatimuksella {cf.infeasible_from} maakuntaa tai enemmän "
                           "ratkaisua ei ole määrärahan ja skenaarion muiden sääntöjen "
                           "puitteissa.")))
    body.append(figure(a.figures.get("coverage"),
                       t(w, "Optimal value against regional coverage",
                         "Optimaalinen kokonaisarvo ja alueellinen kattavuus"),
                       t(w, "Optimal value when at least k regions must be covered; the numbers "
                            "above the points are the regions actually covered.",
                         "Optimaalinen kokonaisarvo, kun vähintään k maakuntaa on katettava; "
                         "pisteiden yläpuolella katettujen maakuntien määrä.")))
    return section(prefix + "coverage", w["coverage"], body, level)


# --------------------------------------------------------------------------- robustness


def _robustness_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    rob = a.robustness
    if rob is None:
        return ""
    prep = a.allocation.prepared
    what = (t(w, "indicators", "mittarin") if rob.is_proxy
            else t(w, "criteria", "arviointikriteerin"))
    how = (t(w, "the knapsack DP", "reppuongelman dynaaminen ohjelma") if rob.method == "dp"
           else t(w, "the knapsack DP on each draw's core",
                  "reppuongelman dynaaminen ohjelma kunkin arvonnan ytimessä")
           if rob.method == "core"
           else t(w, f"the integer program ({rob.solver})", f"kokonaislukuohjelma ({rob.solver})"))
    body = [para(t(w, f"{rob.samples} random weightings of the {len(rob.criteria_ids)} {what} "
                      f"({rob.weights}; seed {rob.seed}), each solved by {how} at "
                      f"{w.eur(rob.budget_eur)}. The acceptability index of an application is "
                      "the share of the draws whose optimum funds it. "
                      f"{w.count(rob.distinct_portfolios, 'portfolio')} came up.",
                   f"{rob.samples} satunnaista painotusta {len(rob.criteria_ids)} {what} "
                   f"kesken ({rob.weights}; siemenluku {rob.seed}), kukin ratkaistuna "
                   f"({how}) määrärahalla {w.eur(rob.budget_eur)}. Hakemuksen "
                   "hyväksyttävyysindeksi on niiden arvontojen osuus, joiden optimaalinen jako "
                   f"rahoittaa sen. Esiin tuli {w.count(rob.distinct_portfolios, 'portfolio')}."))]
    funded = prep.actually_funded if prep.round.awards else set()
    titles = {
        CORE: t(w, f"Core (funded in at least {w.pct(rob.core, 0)} of the draws)",
                f"Ydin (rahoitetaan vähintään {w.pct(rob.core, 0)} arvonnoista)"),
        BORDERLINE: t(w, f"Borderline (funded in between {w.pct(rob.exterior, 0)} and "
                         f"{w.pct(rob.core, 0)} of the draws)",
                      f"Rajatapaus (rahoitetaan {w.pct(rob.exterior, 0)}–{w.pct(rob.core, 0)} "
                      "arvonnoista)"),
        EXTERIOR: t(w, f"Exterior (funded in at most {w.pct(rob.exterior, 0)} of the draws)",
                    f"Ulkopuolinen (rahoitetaan enintään {w.pct(rob.exterior, 0)} "
                    "arvonnoista)")}
    for cat in (CORE, BORDERLINE, EXTERIOR):
        items = [x for x in rob.items if x.category == cat]
        body.append(heading(level + 1, f"{titles[cat]}: {len(items)}"))
        body.append(bullets([f"{x.id} {x.label}: {w.num(x.index, 2)}"
                             + (f" ({w['actually_funded']})" if x.id in funded else "")
                             for x in items], "cols") if items
                    else para(w["none"].capitalize() + "."))
    outside = sorted(e.id for e in prep.instance.excluded)
    if outside:
        body.append(para(t(w, "Not analysed (not fundable under this scenario): ",
                           "Ei analysoitu (ei avustuskelpoinen tässä skenaariossa): ")
                         + ", ".join(outside) + ".", "note"))
    body.append(figure(a.figures.get("acceptability"),
                       t(w, "Acceptability index per application",
                         "Hyväksyttävyysindeksi hakemuksittain"),
                       t(w, "Share of the draws in which each application is funded; dashed "
                            "lines: the core and exterior thresholds.",
                         "Arvontojen osuus, joissa kukin hakemus rahoitetaan; katkoviivat: "
                         "ytimen ja ulkopuolisten rajat.")))
    return section(prefix + "robustness", w["robustness"], body, level)


# --------------------------------------------------------------------------- record


def _record_section(a: Analyses, w: Words, level: int, prefix: str) -> str:
    """The audit record: every key with its value and origin, the inputs, the versions."""
    audit = a.audit
    over = audit.overrides()
    body = [para(t(w, "Every figure in this report comes from the scenario below, resolved key "
                      "by key, and from the input files listed with their SHA-256. "
                      "scenario.toml beside this page reruns it: grantopt run scenario.toml.",
                   "Jokainen tämän raportin luku tulee alla olevasta skenaariosta, "
                   "avain avaimelta, ja luetelluista syötetiedostoista (SHA-256). "
                   "Raportin vieressä oleva scenario.toml toistaa laskelman: grantopt run "
                   "scenario.toml.")),
            para(t(w, "Changed on top of the scenario file: ",
                   "Muutettu skenaariotiedoston lisäksi: ")
                 + ("; ".join(f"{k.key} = {k.value} ({_origin(k.origin, w)})" for k in over)
                    if over else w["nothing"]) + ".")]
    body.append(table([w["key"], t(w, "value", "arvo"), w["from"]],
                      [[nowrap(k.key), _shown(k.value), nowrap(_origin(k.origin, w))]
                       for k in audit.keys],
                      cls="rules"))
    body.append(table([w["input_file"], "SHA-256", num(w["bytes"])],
                      [[_origin(i.path, w), Cell(i.sha256, "hash"), num(i.bytes)]
                        for i in audit.inputs]))
    body.append(para(t(w, "Versions: ", "Versiot: ")
                     + ", ".join(f"{k} {v}" for k, v in audit.versions.items()) + ".", "note"))
    return section(prefix + "record", w["record"], body, level)


def _reasons(reasons: Sequence[str], w: Words, prep: Prepared) -> str:
    return "; ".join(reason_text(r, w.lang, prep.round.call) for r in reasons)


def _origin(origin: str, w: Words) -> str:
    if w.lang != "fi":
        return origin
    if origin == "default":
        return "oletus"
    return origin.replace(" (extended)", " (peritty)").replace(" (in the package)",
                                                               " (ohjelmistossa)")


def _shown(value: object) -> str:
    """A record value as the scenario file writes it (true, not Python's True)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


FILE_NOTES = {
    "allocation": ("the optimal allocation", "optimaalinen jako"),
    "result": ("the result, machine-readable", "tulos koneluettavana"),
    "compare": ("the comparison with the actual decision, machine-readable",
                "vertailu toteutuneeseen päätökseen, koneluettavana"),
    "comparison": ("figure: what the optimum adds and drops",
                   "kuva: mitä optimaalinen jako lisää ja poistaa"),
    "regions": ("figure: funds per region", "kuva: avustukset maakunnittain"),
    "region_map": ("figure: the map of the regions", "kuva: maakuntakartta"),
    "frontier": ("optimal and greedy values at each appropriation",
                 "optimaalinen kokonaisarvo ja nyrkkisäännöt kullakin määrärahalla"),
    "coverage": ("optimal value against regional coverage",
                 "optimaalinen kokonaisarvo ja alueellinen kattavuus"),
    "acceptability": ("acceptability index per application",
                      "hyväksyttävyysindeksi hakemuksittain"),
    "report": ("the workbook to continue in", "työkirja jatkotyöhön"),
    "scenario": ("the resolved scenario, to rerun", "ratkaistu skenaario uudelleenajoa varten"),
    "audit": ("the full record", "koko tallenne"),
}


def _files_section(page: Page, w: Words) -> str:
    stems: dict[str, list[str]] = {}
    for name in page.files:
        stems.setdefault(name.rsplit("/", 1)[-1].split(".")[0], []).append(name)
    items = []
    for stem, names in stems.items():
        note = FILE_NOTES.get(stem)
        what = (note[1] if w.lang == "fi" else note[0]) if note else ""
        items.append(", ".join(names) + (f": {what}" if what else ""))
    body = [para(t(w, "This page shows everything by itself, figures included: it can be "
                      "forwarded as one file. Beside it, the same figures and tables as files "
                      "to work with:",
                   "Tämä sivu näyttää kaiken itsessään kuvineen: sen voi välittää yhtenä "
                   "tiedostona. Sen vieressä samat kuvat ja taulukot tiedostoina "
                   "jatkotyötä varten:")),
            bullets(items)]
    if page.skipped:
        body.append(para(t(w, "Left out: ", "Jätetty pois: ") + "; ".join(page.skipped) + ".",
                         "note"))
    return section("files", w["files"], body)


def _footer(prep: Prepared, w: Words) -> str:
    call = prep.round.call
    source = [_round_title(prep, w)]
    if call.decision_date:
        day = dt.date.fromisoformat(call.decision_date)
        source.append(t(w, f"decision of {w.date(day)}", f"päätös {w.date(day)}"))
    if call.budget_item:
        source.append(t(w, f"budget item {call.budget_item}", f"momentti {call.budget_item}"))
    lines = [para(t(w, "Round: ", "Avustushaku: ") + "; ".join(source) + "."),
             para(t(w, ATTRIBUTION, "Kuntaluokitus ja väestö: Tilastokeskus (2020)."))]
    if prep.is_proxy:
        lines.append(para(f"{t(w, 'Scores', 'Pisteet')}: {w['proxy_label']}."))
    lines.append(para(t(w, f"Made with grantopt {__version__}. Every optimal portfolio shown "
                           "was checked again, outside the solver, against every rule of the "
                           "scenario.",
                        f"Laadittu grantopt {__version__} -työkalulla. Jokainen esitetty "
                        "optimaalinen jako tarkistettiin ratkaisijasta riippumatta jokaista "
                        "skenaarion sääntöä vasten.")))
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"


__all__ = ["Page", "render_html"]
