"""`grantopt serve`: the what-if app in the browser (optimizer.web), served by uvicorn."""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path

import click

from optimizer.cli.options import LANG_CHOICES
from optimizer.cli.output import reports_errors
from optimizer.errors import ScenarioError
from optimizer.vocabulary import say

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")
DEFAULT_PORT = 8765


@click.command("serve")
@click.argument("scenarios", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine needs --allow-remote.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT,
              show_default=True, help="Port to listen on; 0 picks a free one.")
@click.option("--allow-remote", is_flag=True,
              help="Let other machines reach the app (a --host they can reach, or a "
                   "reverse proxy). Every browser then needs the access token printed at "
                   "start (GRANTOPT_TOKEN sets it), or with --users signs in.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME[:PORT]",
              help="Another host name the app answers to and takes changes from, e.g. the "
                   "reverse proxy's (grants.example.fi); repeatable.")
@click.option("--users", "users_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A users file (grantopt users add): everyone signs in with a name and "
                   "password, on this machine too; with --allow-remote it replaces the token.")
@click.option("--lang", type=click.Choice(list(LANG_CHOICES)), envvar="GRANTOPT_LANG",
              default="en", show_default=True,
              help="Language a new page opens in (it switches on the page); GRANTOPT_LANG=fi "
                   "makes Finnish the default.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("grantopt-library.sqlite"), envvar="GRANTOPT_STORE",
              show_default=True, help="SQLite file of the library of saved scenarios, made "
              "on first use (beside the scenarios it names, so one folder holds them both).")
@reports_errors
def serve_command(scenarios: tuple[Path, ...], host: str, port: int, allow_remote: bool,
                  allowed_hosts: tuple[str, ...], users_file: Path | None, lang: str,
                  store: Path) -> None:
    """Start the what-if app: a local web page that re-solves SCENARIOS as you change
    the appropriation, the rules and the weights. With no scenario, it offers
    scenarios/*.toml of the current folder."""
    import uvicorn

    from optimizer.web import create_app
    from optimizer.web.users import UsersFile

    if host not in LOCAL_HOSTS and not allow_remote:
        raise ScenarioError(f"--host {host} would let other machines reach the app; add "
                            "--allow-remote to mean it (every browser then needs an access "
                            "token)")
    paths = list(scenarios) or sorted(Path("scenarios").glob("*.toml"))
    if not paths:
        raise ScenarioError("no scenario given and no scenarios/*.toml in this folder: "
                            "name a scenario file, e.g. grantopt serve "
                            "scenarios/2020-baseline.toml")
    users = UsersFile(users_file) if users_file is not None else None
    sock = listening_socket(host, port)
    port = sock.getsockname()[1]
    token = (os.environ.get("GRANTOPT_TOKEN") or secrets.token_urlsafe(24)) \
        if allow_remote and users is None else None
    try:
        app = create_app(paths, lang=lang, hosts=served_hosts(host, port),
                         proxied=allowed_hosts, auth_token=token, users=users, store=store)
    except BaseException:
        sock.close()
        raise
    shown = socket.gethostname() if host in WILDCARDS else host
    click.echo(say(lang, "web.store.at", file=str(store.resolve())))
    if users is not None:
        click.echo(say(lang, "web.users.serving", file=str(users_file),
                       url=address(shown, port)) + "  (Ctrl+C)")
    elif token is None:
        click.echo(f"grantopt what-if app: {address(shown, port)}  (Ctrl+C stops it)")
    else:
        click.echo(say(lang, "web.safety.remote_token",
                       url=f"{address(shown, port)}?token={token}") + "  (Ctrl+C)")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound socket (port 0: a free one, which the printed address then names)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ScenarioError(f"cannot listen on {host}:{port}: {exc.strerror}; try another "
                            "--port (0 picks a free one)") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def served_hosts(host: str, port: int) -> list[str]:
    """The Host values the app answers on this port: this machine's own names, the
    --host given, and on a wildcard address the machine's network names."""
    names = ["127.0.0.1", "localhost", "[::1]"]
    if host in WILDCARDS:
        names += [socket.gethostname(), socket.getfqdn()]
    elif host not in LOCAL_HOSTS:
        names.append(f"[{host}]" if ":" in host else host)
    return list(dict.fromkeys(f"{name}:{port}" for name in names))


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"
