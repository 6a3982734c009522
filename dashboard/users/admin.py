"""User administration as a service: what ``/admin/users`` does, for an acting ``User``.

Every function asks the policy first (``require(actor, Action.USER_MANAGE)``), so no page,
route or script reaches these writes without it, then calls ``accounts`` with the actor's
name, which writes the change and its audit row in one transaction. A temporary password is
returned to the caller to show once: it is stored only as a hash and never written to the
audit log or a log line. A refused change raises :class:`AdminError` with a short code the
page translates (the English detail is kept for the CLI and logs).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.policy import Action, require
from dashboard.store.engine import Store
from dashboard.users import accounts, throttle
from dashboard.users.accounts import AccountError, User

# No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
TEMPORARY_LENGTH = 16
CODES = ("bad_name", "taken", "no_user", "role", "sectors", "password", "last_admin",
         "invalid")


class AdminError(ValueError):
    """A refused change: ``code`` (one of CODES) for the page, ``detail`` in English."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Account:
    """A row of the users list (no hash, no password)."""
    name: str
    role: str
    sectors: tuple[str, ...]
    active: bool


def _code(error: AccountError) -> str:
    # accounts' messages start with the field they are about ("name: ...", "role: ...").
    text = str(error)
    field = text.split(":", 1)[0]
    if field == "name":
        if "taken" in text:
            return "taken"
        return "no_user" if "no user" in text or "no active user" in text else "bad_name"
    return field if field in CODES else "invalid"


def _translated(call, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - a wrapper
    try:
        return call(*args, **kwargs)
    except AccountError as error:
        raise AdminError(_code(error), str(error)) from None


def temporary_password() -> str:
    """A random password that the password rule accepts (``accounts.check_password``)."""
    for _ in range(100):
        candidate = "".join(secrets.choice(_ALPHABET) for _ in range(TEMPORARY_LENGTH))
        try:
            accounts.check_password(candidate)
        except AccountError:
            continue  # a rule on character classes this draw missed: draw again
        return candidate
    raise RuntimeError("no temporary password satisfies the password rule")


def _manager(actor: User | None) -> User:
    """``actor`` if the policy lets them manage users, else :class:`Denied`."""
    require(actor, Action.USER_MANAGE)
    assert actor is not None  # require refuses a signed-out actor; this tells the checker
    return actor


def list_accounts(store: Store, actor: User | None) -> list[Account]:
    _manager(actor)
    return [Account(u.name, u.role, u.sectors, active)
            for u, active in accounts.list_users(store)]


def add(store: Store, actor: User | None, name: str, role: str,
        sectors: Sequence[str] = ()) -> tuple[User, str]:
    """Create a user with a temporary password; the user and the password (shown once)."""
    actor = _manager(actor)
    password = temporary_password()
    user = _translated(accounts.add_user, store, name, password, role, list(sectors),
                       actor=actor.name)
    return user, password


def reset_password(store: Store, actor: User | None, name: str) -> str:
    """Give ``name`` a new temporary password and end their sessions; the password."""
    actor = _manager(actor)
    password = temporary_password()
    _translated(accounts.set_password, store, name, password, actor=actor.name)
    return password


def disable(store: Store, actor: User | None, name: str, reason: str = "") -> None:
    """Stop ``name`` signing in and end their sessions (never the last enabled admin)."""
    actor = _manager(actor)
    _translated(accounts.disable_user, store, name, actor=actor.name, reason=reason[:500])


def set_role(store: Store, actor: User | None, name: str, role: str) -> None:
    actor = _manager(actor)
    _translated(accounts.set_role, store, name, role, actor=actor.name)


def set_sectors(store: Store, actor: User | None, name: str, sectors: Sequence[str]) -> None:
    actor = _manager(actor)
    _translated(accounts.set_sectors, store, name, list(sectors), actor=actor.name)


def clear_lock(store: Store, actor: User | None, name: str) -> None:
    """Let ``name`` sign in again at once after failed attempts (audited by ``throttle``)."""
    actor = _manager(actor)
    _translated(throttle.clear_lock, store, name, actor.name)
