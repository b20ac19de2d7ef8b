"""`grantopt users`: keep the users file of `grantopt serve --users FILE` (web.users).

The password is asked twice, never echoed, and never taken from the command line (where
the shell's history and other users' `ps` would see it); piped input works for scripts.
"""

from __future__ import annotations

from pathlib import Path

import click

from optimizer.cli.options import lang_option
from optimizer.cli.output import reports_errors
from optimizer.errors import ScenarioError, suggest
from optimizer.vocabulary import Message, say
from optimizer.web.users import NAME_MAX, Users, read_users, valid_name, write_users

FILE = click.Path(dir_okay=False, path_type=Path)


@click.group("users")
def users_group() -> None:
    """Who may sign in to `grantopt serve --users FILE`: add, remove and list users."""


@users_group.command("add")
@click.argument("file", type=FILE)
@click.argument("name")
@click.option("--force", is_flag=True, help="Give a user already in FILE a new password.")
@lang_option
@reports_errors
def add_command(file: Path, name: str, force: bool, lang: str) -> None:
    """Add NAME to FILE (created if missing), asking the password twice."""
    if not valid_name(name):
        raise ScenarioError(Message.of("web.users.name_given", name=name, n=NAME_MAX))
    users = read_users(file) if file.exists() else Users()
    known = name in users.hashes
    if known and not force:
        raise ScenarioError(Message.of("web.users.exists", name=name, file=str(file)))
    password = _ask_password(name, lang)
    write_users(file, users.with_user(name, password))
    click.echo(say(lang, "web.users.replaced" if known else "web.users.added",
                   name=name, file=str(file)))


@users_group.command("remove")
@click.argument("file", type=FILE)
@click.argument("name")
@lang_option
@reports_errors
def remove_command(file: Path, name: str, lang: str) -> None:
    """Remove NAME from FILE; a server using FILE signs them out at their next request."""
    users = read_users(file)
    if name not in users.hashes:
        raise ScenarioError(Message.of("web.users.unknown", name=name, file=str(file),
                                       suggest=suggest(name, users.names())))
    write_users(file, users.without(name))
    click.echo(say(lang, "web.users.removed", name=name, file=str(file)))


@users_group.command("list")
@click.argument("file", type=FILE)
@lang_option
@reports_errors
def list_command(file: Path, lang: str) -> None:
    """The names in FILE, one a line (never their password hashes)."""
    names = read_users(file).names()
    if not names:
        click.echo(say(lang, "web.users.none", file=str(file)), err=True)
    for name in names:
        click.echo(name)


def _ask_password(name: str, lang: str) -> str:
    """Asked until given twice alike and not empty (end of input stops it: Aborted)."""
    while True:
        password = _hidden(say(lang, "web.users.ask", name=name))
        if not password:
            click.echo(say(lang, "web.users.empty_password"), err=True)
        elif _hidden(say(lang, "web.users.ask_again")) != password:
            click.echo(say(lang, "web.users.differ"), err=True)
        else:
            return password


def _hidden(prompt: str) -> str:
    answer: str = click.prompt(prompt, hide_input=True, default="", show_default=False)
    return answer
