"""The grantopt command line: parse options, call one library function, format."""

from __future__ import annotations

import click

from optimizer import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grantopt")
def main() -> None:
    """Budget allocation optimizer for public grant programmes."""


def _register() -> None:
    # Each command family lives in its own module; importing it attaches its commands.
    from optimizer.cli import analyses, data, explore, report, run, scores  # noqa: F401


_register()
