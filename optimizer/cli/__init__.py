"""The grantopt command line: parse options, call the library, format what it returns.

Every command is registered here, explicitly; the commands that take a scenario share
their options (cli.options) and ask a `Study` (optimizer.study) their question.
"""

from __future__ import annotations

import contextlib
import signal

import click

from optimizer import __version__
from optimizer.cli.calibrate import calibrate_command
from optimizer.cli.compare import compare_command
from optimizer.cli.data import data_group
from optimizer.cli.diff import diff_command
from optimizer.cli.explain import explain_command
from optimizer.cli.frontier import frontier_command
from optimizer.cli.report import report_command
from optimizer.cli.robustness import robustness_command
from optimizer.cli.run import run_command
from optimizer.cli.scores import scores_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grantopt")
def main() -> None:
    """Budget allocation optimizer for public grant programmes."""
    # A terminated run unwinds like an interrupted one: half-written outputs are removed.
    with contextlib.suppress(ValueError):  # not in the main thread: leave it be
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


for command in (run_command, compare_command, explain_command, diff_command,
                frontier_command, robustness_command, calibrate_command, report_command,
                data_group, scores_group):
    main.add_command(command)
