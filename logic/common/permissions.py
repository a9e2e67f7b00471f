"""What an officer may do, with the reason.

A screen asks the domain's service (`cases.may_reassign(officer)`, `safeguarding.may_end_flag
(officer)`, ...) before it offers an action, and the service gives the same answer when it
refuses one: the role rules are written once, in the domain, never again in a page. Which
screens a role opens at all is logic/navigation.py's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from logic.common.errors import PermissionDenied


class Actor(Protocol):
    """The signed-in officer as a page holds it, or the Officer row a service reads."""

    id: int
    role: str


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str  # in the officer's words: shown on screen, or as the refusal

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> None:
        """Refuse the action, with the reason, when it is not allowed."""
        if not self.allowed:
            raise PermissionDenied(self.reason)


def allowed(reason: str) -> Permission:
    return Permission(True, reason)


def refused(reason: str) -> Permission:
    return Permission(False, reason)
