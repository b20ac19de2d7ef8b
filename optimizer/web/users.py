"""The users file of `grantopt serve --users FILE`: who may sign in, with hashed passwords.

One line per user, `name:scrypt$N$r$p$salt$hash` (salt and hash in base64; blank lines
and lines starting with # are skipped). Passwords are hashed with scrypt (stdlib
hashlib) and a random salt each, and compared in constant time; the file is written
whole to a temporary file and moved into place (mode 0600), so a reader never sees half
of it. `grantopt users add/remove/list` keeps it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import hmac
import html
import os
import secrets
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from optimizer.errors import InputError, OutputError, Problem, ScenarioError
from optimizer.vocabulary import Message, render

SCHEME = "scrypt"
N, R, P = 2 ** 14, 8, 1  # 16 MiB and about 50 ms per hash: slow to guess, quick to sign in
SALT_BYTES, HASH_BYTES = 16, 32
NAME_MAX = 64
NAME_SIGNS = "._-@"
# What a (hand-edited or tampered) file may ask of scrypt: N·r·p at most 16 times ours, so
# one check stays below a second and 256 MiB (scrypt needs 128·N·r bytes).
MAX_WORK = 16 * N * R * P


def valid_name(name: str) -> bool:
    """1 to NAME_MAX letters (any alphabet), digits and . _ - @: no colon, no spaces."""
    return 0 < len(name) <= NAME_MAX and all(c.isalnum() or c in NAME_SIGNS for c in name)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """The file's form of a password: scrypt$N$r$p$salt$hash."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = _scrypt(password, salt, N, R, P, HASH_BYTES)
    return "$".join((SCHEME, str(N), str(R), str(P), _b64(salt), _b64(digest)))


def check_password(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` (a hash_password string) was made from."""
    scheme, n, r, p, salt, digest = _parse_hash(stored)
    del scheme
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(digest)), digest)


@functools.cache
def _dummy() -> str:
    """Checked against for an unknown name: as slow as a known one."""
    return hash_password("")


@dataclass(frozen=True)
class Users:
    """The users of a file: name -> stored hash, in the file's order."""

    hashes: Mapping[str, str] = field(default_factory=dict)

    def names(self) -> list[str]:
        return list(self.hashes)

    def check(self, name: str, password: str) -> bool:
        """Right name and password; as slow for an unknown name as for a known one."""
        stored = self.hashes.get(name)
        right = check_password(password, stored if stored is not None else _dummy())
        return right and stored is not None

    def with_user(self, name: str, password: str) -> Users:
        return Users({**self.hashes, name: hash_password(password)})

    def without(self, name: str) -> Users:
        return Users({k: v for k, v in self.hashes.items() if k != name})

    def text(self) -> str:
        return "".join(f"{name}:{stored}\n" for name, stored in self.hashes.items())


def read_users(path: Path) -> Users:
    """The users of the file; every malformed line is reported at once, by line, with
    what a valid one is. A missing file is an error (`users add` creates one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem(Message.of("web.users.no_file"), file=str(path),
                                 hint=Message.of("web.users.how_to_add", file=str(path)))) \
            from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(Message.of("web.users.unreadable", reason=str(exc)),
                                 file=str(path))) from None
    return parse_users(text, str(path))


def parse_users(text: str, file: str) -> Users:
    hashes: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, stored = line.partition(":")
        problem = _line_problem(name, colon, stored, lines)
        if problem is not None:
            problems.append(Problem(problem, file=file, row=number,
                                    value=name if colon and valid_name(name) else None,
                                    hint=Message.of("web.users.valid_line")))
            continue
        hashes[name], lines[name] = stored, number
    if problems:
        raise InputError(problems)
    return Users(hashes)


def _line_problem(name: str, colon: str, stored: str,
                  seen: Mapping[str, int]) -> Message | None:
    """What is wrong with one line (the password hash is never shown), or None."""
    if not colon:
        return Message.of("web.users.no_colon")
    if not valid_name(name):
        return Message.of("web.users.bad_name", n=NAME_MAX)
    if name in seen:
        return Message.of("web.users.twice", line=seen[name])
    try:
        _parse_hash(stored)
    except ValueError:
        return Message.of("web.users.bad_hash")
    return None


def write_users(path: Path, users: Users) -> None:
    """The file written whole beside itself and moved into place, readable by its owner
    only: a server reading it meanwhile sees the old users or the new, never half."""
    path = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as exc:
        raise OutputError(Message.of("web.users.cannot_write", file=str(path),
                                     reason=exc.strerror or str(exc))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(users.text())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class UsersFile:
    """The users a running server admits: the file read at start, and read again when it
    changes (a user added or removed takes effect without a restart; a file that no longer
    reads keeps the users it last had)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = Lock()
        self._stamp = self._mtime()
        self._users = read_users(self.path)
        if not self._users.hashes:
            raise ScenarioError(Message.of("web.users.empty", file=str(self.path)))

    def current(self) -> Users:
        stamp = self._mtime()
        if stamp != self._stamp:
            with self._lock:
                # A mistake in the file: the last good users stay.
                with contextlib.suppress(InputError):
                    self._users = read_users(self.path)
                self._stamp = stamp
        return self._users

    def _mtime(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return None


class SignIns:
    """Signed-in browsers: a random cookie value -> (user name, when it ends), and the
    failed attempts of each client, to refuse the 6th within a minute."""

    LIFETIME = 12 * 3600.0  # a working day; then sign in again
    FAILURES, WINDOW = 5, 60.0

    def __init__(self) -> None:
        self._signed: dict[str, tuple[str, float]] = {}
        self._failed: dict[str, list[float]] = {}
        self._lock = Lock()

    def start(self, name: str) -> str:
        key = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._signed = {k: v for k, v in self._signed.items() if v[1] > now}
            self._signed[key] = (name, now + self.LIFETIME)
        return key

    def user(self, key: str | None) -> str | None:
        if not key:
            return None
        found = self._signed.get(key)
        if found is None or found[1] <= time.monotonic():
            return None
        return found[0]

    def end(self, key: str | None) -> None:
        with self._lock:
            self._signed.pop(key or "", None)

    def end_user(self, name: str) -> None:
        """Every sign-in of `name` (removed from the file)."""
        with self._lock:
            self._signed = {k: v for k, v in self._signed.items() if v[0] != name}

    def blocked(self, client: str) -> bool:
        return len(self._recent(client)) >= self.FAILURES

    def failed(self, client: str) -> None:
        with self._lock:
            if len(self._failed) > 10_000:  # many computers once: forget those past the window
                self._failed = {c: self._recent(c) for c in self._failed if self._recent(c)}
            self._failed[client] = [*self._recent(client), time.monotonic()]

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failed.pop(client, None)

    def _recent(self, client: str) -> list[float]:
        since = time.monotonic() - self.WINDOW
        return [t for t in self._failed.get(client, ()) if t > since]


def sign_in_page(lang: str, note: str | None = None, next_path: str = "/") -> str:
    """The sign-in form (one page, no script); `note`: a message code shown above it."""
    def t(code: str) -> str:
        return html.escape(render(Message.of(code), lang))

    shown = f'<p role="alert">{t(note)}</p>' if note else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t("web.users.sign_in")}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}}
label,input,button{{display:block;width:100%;box-sizing:border-box;margin:.3rem 0}}
input,button{{padding:.5rem;font-size:1rem}}button{{margin-top:1rem}}</style></head>
<body><main><h1>{t("web.users.sign_in")}</h1>{shown}
<form method="post" action="/login">
<input type="hidden" name="next" value="{html.escape(next_path)}">
<input type="hidden" name="lang" value="{lang}">
<label for="name">{t("web.users.name")}</label>
<input id="name" name="name" autocomplete="username" required autofocus>
<label for="password">{t("web.users.password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{t("web.users.sign_in")}</button>
</form></main></body></html>
"""


def local_path(target: str | None) -> str:
    """Where to go after signing in: a path of this server, never another site's address
    (//evil.example, /\\evil.example, and tabs or spaces a browser would drop)."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) <= 0x20 for c in target)):
        return "/"
    return target


def _parse_hash(stored: str) -> tuple[str, int, int, int, bytes, bytes]:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise ValueError("not scrypt$N$r$p$salt$hash")
    n, r, p = (int(x) if x.isdigit() else 0 for x in parts[1:4])
    if not (n > 1 and n & (n - 1) == 0 and r > 0 and p > 0 and n * r * p <= MAX_WORK):
        raise ValueError("scrypt parameters out of bounds")
    try:
        salt, digest = (base64.b64decode(x, validate=True) for x in parts[4:6])
    except binascii.Error:
        raise ValueError("salt or hash not base64") from None
    if not salt or not 16 <= len(digest) <= 64:
        raise ValueError("salt or hash of a wrong length")
    return parts[0], n, r, p, salt, digest


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, size: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=128 * r * (n + p + 2) + (1 << 20), dklen=size)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
