"""The grantopt command line: parse options, call the library, format what it returns.

Every command is registered here, explicitly; the commands that take a scenario share
their options (cli.options) and ask a `Study` (optimizer.study) their question.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import signal

import click

from optimizer.version import __version__

# name: (module:attribute, the command's short help for `grantopt --help`). A command is
# imported only when it runs, so --help starts fast; a test keeps each short help here
# equal to the command's own.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("optimizer.cli.run:run_command",
            "Solve SCENARIO: the optimal award list, verified against every rule."),
    "compare": ("optimizer.cli.compare:compare_command",
                "The actual decision against the optimum of SCENARIO: value, overlap, rules "
                "broken, and the fewest changes that make it optimal."),
    "explain": ("optimizer.cli.explain:explain_command",
                "Why each application (or only IDS) is in or out of the optimum of SCENARIO, and "
                "which projects it would displace; with --rule, what a rule moves where."),
    "diff": ("optimizer.cli.diff:diff_command",
             "Put SCENARIOs side by side: value, spend, projects and regions of each optimum, "
             "and against the first, the projects that enter and leave and the euros moved per"
             " region."),
    "frontier": ("optimizer.cli.frontier:frontier_command",
                 "What each appropriation buys: optimal value against the budget, with the greedy "
                 "'fund down the ranked list' baselines and the actual decision."),
    "robustness": ("optimizer.cli.robustness:robustness_command",
                   "How robust each award is to the weights (and score noise, or which evaluators "
                   "scored: --set robustness.resample_evaluators=true): acceptability indices."),
    "portfolios": ("optimizer.cli.portfolios:portfolios_command",
                   "Every non-dominated portfolio when the weights are only known to meet "
                   "statements (robustness.statements, or --statement): core, borderline and "
                   "exterior applications, and whether the actual decision is non-dominated."),
    "calibrate": ("optimizer.cli.calibrate:calibrate_command",
                  "Which criteria weights make the optimum of SCENARIO closest to the actual "
                  "decision."),
    "report": ("optimizer.cli.report:report_command",
               "Write one report of SCENARIO, or of several side by side, to read and forward: "
               "report.html (one file, every figure inside, no scripts, nothing from the "
               "network) in Finnish or English, report.xlsx to continue in, and the tables and "
               "figures as files."),
    "serve": ("optimizer.cli.serve:serve_command",
              "Start the what-if app: a local web page that re-solves SCENARIOS as you change the "
              "appropriation, the rules and the weights."),
    "data": ("optimizer.cli.data:data_group",
             "Read and check round folders (applications, participants, awards, call.toml), "
             "and draw synthetic ones."),
    "scores": ("optimizer.cli.scores:scores_group",
               "Scoring sheets, several evaluators, and the scores a round would use."),
    "import": ("optimizer.cli.pabulib:import_group",
               "Turn data from other tools into a round folder and a scenario."),
    "export": ("optimizer.cli.pabulib:export_group",
               "Write a result in another tool's format."),
    "users": ("optimizer.cli.users:users_group",
              "Who may sign in to `grantopt serve --users FILE`: add, remove and list users."),
    "proportional": ("optimizer.cli.proportional:proportional_command",
                     "Proportional rules on a participatory budget (a pabulib .pb file): Equal "
                     "Shares and sequential Phragmén beside the utilitarian optimum and the "
                     "city's selection."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when one is asked for, not to list them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            near = difflib.get_close_matches(cmd_name, COMMANDS, n=1)
            if near and not ctx.resilient_parsing:
                ctx.fail(f"No such command '{cmd_name}'. Did you mean '{near[0]}'?")
            return None
        module, _, attribute = COMMANDS[cmd_name][0].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        # Truncated as click truncates a command's own help (a stand-in command does it).
        rows = [(name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit))
                for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grantopt")
def main() -> None:
    """Budget allocation optimizer for public grant programmes."""
    # A terminated run unwinds like an interrupted one: half-written outputs are removed.
    with contextlib.suppress(ValueError):  # not in the main thread: leave it be
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)
