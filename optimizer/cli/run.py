"""`grantopt run`: the optimal award list of one scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from optimizer.cli.options import scenario_options, solver_sets, study_of
from optimizer.cli.output import (
    csv_in,
    header_lines,
    lead_cell,
    project_cell,
    quiet_stdout,
    region_cell,
    regions_text,
    render_table,
    reports_errors,
    write_out,
)
from optimizer.format import euros, fmt_value, score, share
from optimizer.report.words import objective_sentence
from optimizer.words import LABELS, Words

if TYPE_CHECKING:
    from optimizer.analysis.allocation import Allocation


@click.command("run")
@scenario_options(formats=("table", "json", "csv"),
                  out_help="Write allocation.csv, allocation.xlsx and result.json here.")
@click.option("--show-scenario", is_flag=True, help="Print the resolved scenario and stop.")
@reports_errors
def run_command(scenario: Path, sets: tuple[str, ...], budget: float | None,
                solver: str | None, fmt: str, out_dir: Path | None, force: bool,
                lang: str, csv_dialect: str, show_scenario: bool) -> None:
    """Solve SCENARIO: the optimal award list, verified against every rule."""
    from optimizer.report import allocation as files
    from optimizer.scenario import load_scenario, to_toml

    if show_scenario:
        click.echo(to_toml(load_scenario(scenario, sets=solver_sets(sets, solver),
                                         budget=budget)))
        return
    with quiet_stdout(fmt):
        study = study_of(scenario, sets, budget, solver)
        allocation = study.solve()
        audit = study.audit()
    with csv_in(csv_dialect):
        if out_dir is not None:
            write_out(out_dir, force, study.prepared.input_paths(),
                      lambda stage: files.write_allocation(allocation, stage, audit, lang=lang))
        if fmt == "json":
            click.echo(files.to_json(allocation, audit))
        elif fmt == "csv":
            click.echo(files.to_csv(allocation), nl=False)
        else:
            click.echo(format_table(allocation, lang))


def format_table(allocation: Allocation, lang: str = "en") -> str:
    if lang == "fi":
        return _format_table_fi(allocation)
    rows = allocation.rows()
    tot = allocation.totals()
    res, prep = allocation.result, allocation.prepared
    rules = prep.instance.rules
    capped = any(r["share_of_need"] < 1 for r in rows)
    headers = ["id", "project", "lead", "region", "score", "award"]
    table = [[r["id"], project_cell(r["project"]), lead_cell(r["lead"]), r["region"],
              score(r["score"]), euros(r["award_eur"])] for r in rows]
    if capped:
        headers.append("of need")
        for line, r in zip(table, rows, strict=True):
            line.append(share(r["share_of_need"]))
    status = res.status + (f" (gap {res.gap:.2%})" if res.status != "optimal" and res.gap
                           else "")
    foot = [
        f"Budget {euros(tot.budget_eur)}; spent {euros(tot.spent_eur)}; left "
        f"{euros(tot.left_eur)}",
        f"Projects {tot.projects}; regions covered {tot.regions_covered} (by "
        f"{'lead' if rules.region_basis == 'lead' else 'participants'}); value "
        f"{fmt_value(tot.objective, rules.objective)} ({rules.objective})",
        objective_sentence(rules.objective, rules.partial_value),
        f"Status {status}; solver {res.solver}, {res.seconds:.2f} s; "
        "verified against every rule",
        f"Not fundable under this scenario: {len(prep.instance.excluded)} "
        "(see --format json for reasons)",
    ]
    return "\n".join([*header_lines(prep), "",
                      render_table(headers, table, align="lllllr" + "r" * capped), "",
                      regions_text(allocation.regions()), "", *foot])


def _format_table_fi(allocation: Allocation) -> str:
    """format_table in Finnish: the decision's words, numbers in the Finnish format."""
    w = Words("fi")
    rows = allocation.rows()
    tot = allocation.totals()
    res, prep = allocation.result, allocation.prepared
    rules = prep.instance.rules
    capped = any(r["share_of_need"] < 1 for r in rows)
    headers = [w["id"], w["project"], w["lead"], w["region"], w["score"], "avustus"]
    table = [[r["id"], project_cell(r["project"]), lead_cell(r["lead"]),
              region_cell(r["region"], "fi"), w.score(r["score"]), w.eur(r["award_eur"])]
             for r in rows]
    if capped:
        headers.append("tarpeesta")
        for line, r in zip(table, rows, strict=True):
            line.append(w.pct(r["share_of_need"]))
    status = LABELS[res.status]["fi"] if res.status in ("optimal", "feasible") else res.status
    if res.status != "optimal" and res.gap:
        status += f" (aukko {w.pct(res.gap, 2)})"
    basis = ("hankehallinnoijan mukaan" if rules.region_basis == "lead"
             else "osallistujien mukaan")
    foot = [
        f"Määräraha {w.eur(tot.budget_eur)}; käytetty {w.eur(tot.spent_eur)}; jäljellä "
        f"{w.eur(tot.left_eur)}",
        f"Hankkeita {tot.projects}; katettuja maakuntia {tot.regions_covered} ({basis}); "
        f"kokonaisarvo {w.value(tot.objective, rules.objective)} "
        f"({w.objective(rules.objective)})",
        objective_sentence(rules.objective, rules.partial_value, "fi"),
        f"Tila: {status}; ratkaisija {res.solver}, {w.num(res.seconds, 2)} s; "
        "tarkistettu kaikkia sääntöjä vasten",
        f"Ei avustuskelpoisia tässä skenaariossa: {len(prep.instance.excluded)} "
        "(syyt: --format json)",
    ]
    return "\n".join([*header_lines(prep, "fi"), "",
                      render_table(headers, table, align="lllllr" + "r" * capped), "",
                      regions_text(allocation.regions(), "fi"), "", *foot])
