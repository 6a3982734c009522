"""Who may do what: the one policy every domain service asks before it writes or reveals.

``require(user, action, subject)`` is called inside the services (entries, uploads, users,
audit, versions, tokens), not only in routes and callbacks, so no write path exists without
it. Routes and pages may call ``allowed`` to decide what to show, never instead of the
service's own ``require``.

Roles: an **editor** enters and submits figures of the sectors assigned; a **reviewer**
approves or returns figures and confirms the English of indicator names read from reports;
an **admin** does everything a reviewer does and also unlocks
approved figures, uploads and publishes reports, rolls versions back, manages users and
tokens and reads the audit log. Four eyes: whoever changed a figure's value, at any time,
never approves or returns it (the subject's ``value_editors``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Role(StrEnum):
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Action(StrEnum):
    ENTRY_VIEW = "entry.view"          # see a figure that is not public yet
    ENTRY_EDIT = "entry.edit"          # create or change a draft / returned figure
    ENTRY_SUBMIT = "entry.submit"
    ENTRY_APPROVE = "entry.approve"
    ENTRY_RETURN = "entry.return"
    ENTRY_UNLOCK = "entry.unlock"
    UPLOAD = "upload"                  # stage, review, decide, publish an uploaded report
    NAME_CONFIRM = "name.confirm"      # confirm the English of a name read from a report
    VERSION_PUBLISH = "version.publish"
    VERSION_ROLLBACK = "version.rollback"
    USER_MANAGE = "user.manage"        # add, disable, change role/sectors, reset, unlock
    TOKEN_MANAGE = "token.manage"
    AUDIT_READ = "audit.read"


class Actor(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def sectors(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Subject:
    """What an action is applied to: the sector of a figure and who changed its value."""
    sector: str | None = None
    value_editors: tuple[str, ...] = ()


class Denied(PermissionError):
    """The policy refuses; ``reason`` is a short code: role, sector, four_eyes, signed_out."""

    def __init__(self, action: Action, reason: str) -> None:
        super().__init__(f"{action.value}: {reason}")
        self.action = action
        self.reason = reason


_BY_ROLE: dict[Role, frozenset[Action]] = {
    Role.EDITOR: frozenset({Action.ENTRY_VIEW, Action.ENTRY_EDIT, Action.ENTRY_SUBMIT}),
    Role.REVIEWER: frozenset({Action.ENTRY_VIEW, Action.ENTRY_APPROVE, Action.ENTRY_RETURN,
                              Action.NAME_CONFIRM}),
}
_BY_ROLE[Role.ADMIN] = frozenset(Action)
# Actions on one figure that an editor may take only in the sectors assigned.
_SECTOR_BOUND = frozenset({Action.ENTRY_VIEW, Action.ENTRY_EDIT, Action.ENTRY_SUBMIT})
_FOUR_EYES = frozenset({Action.ENTRY_APPROVE, Action.ENTRY_RETURN})


def role_of(user: Actor) -> Role | None:
    try:
        return Role(user.role)
    except ValueError:
        return None


def reason_refused(user: Actor | None, action: Action, subject: Subject | None = None
                   ) -> str | None:
    """None if ``user`` may take ``action`` on ``subject``, else the reason code."""
    if user is None:
        return "signed_out"
    role = role_of(user)
    if role is None or action not in _BY_ROLE[role]:
        return "role"
    if subject is None:
        return None
    if action in _SECTOR_BOUND and role is Role.EDITOR and subject.sector is not None \
            and subject.sector not in user.sectors:
        return "sector"
    if action in _FOUR_EYES and user.name in subject.value_editors:
        return "four_eyes"
    return None


def allowed(user: Actor | None, action: Action, subject: Subject | None = None) -> bool:
    return reason_refused(user, action, subject) is None


def require(user: Actor | None, action: Action, subject: Subject | None = None) -> None:
    """Raise :class:`Denied` unless ``user`` may take ``action`` on ``subject``."""
    reason = reason_refused(user, action, subject)
    if reason is not None:
        raise Denied(action, reason)


def visible(user: Actor, sectors: Iterable[str]) -> set[str]:
    """Of ``sectors``, those whose unpublished figures ``user`` may see."""
    return {s for s in sectors if allowed(user, Action.ENTRY_VIEW, Subject(sector=s))}
