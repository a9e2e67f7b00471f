"""Sign-in protection: when a sign-in attempt must wait, or is locked out. Pure: no database,
no clock; the service reads the counts and the moment and passes them in.

The figures are the council's (``data/policy/accounts.toml``, read by ``policy.py``), each
citing the guidance it rests on: the NCSC's password policy guidance recommends throttling
repeated failures and locking an account after around ten of them, rather than rules that
make passwords hard to remember.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from logic.accounts.policy import Limits


@dataclass(frozen=True)
class Tally:
    """One counter as the store holds it: wrong passwords since it last started again (a
    successful sign-in, an unlock, a lock) within the counting period, the latest of them, and
    the lock in force or expired, if any (the moment it was locked)."""

    failures: int
    last_failure_at: datetime | None
    locked_at: datetime | None


@dataclass(frozen=True)
class Verdict:
    """``open``: the password may be checked; ``wait``: refused until ``until``; ``locked``:
    refused until ``until`` or an administrator's unlock."""

    state: str
    until: datetime | None = None
    limits: Limits | None = None

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds to wait, rounded up (never 0 while refused)."""
        assert self.until is not None
        left = (self.until - now).total_seconds()
        return max(1, int(-(-left // 1)))


OPEN = Verdict("open")


def wait_after(failures: int, limits: Limits) -> timedelta:
    """The wait after the latest of ``failures`` wrong passwords: none while they are within
    the free failures, then the first wait, doubling with each further failure, capped."""
    if failures < limits.free_failures or failures <= 0:
        return timedelta(0)
    steps = min(failures - limits.free_failures, 30)  # 2**30 s is past any cap
    return timedelta(seconds=min(limits.first_wait_seconds * 2**steps, limits.max_wait_seconds))


def verdict(tally: Tally, limits: Limits, now: datetime) -> Verdict:
    """May the next attempt on this counter be checked at ``now``?"""
    if tally.locked_at is not None and now < tally.locked_at + limits.lock_period:
        return Verdict("locked", tally.locked_at + limits.lock_period, limits)
    if tally.last_failure_at is not None:
        until = tally.last_failure_at + wait_after(tally.failures, limits)
        if now < until:
            return Verdict("wait", until, limits)
    return OPEN


def locks_now(failures: int, limits: Limits) -> bool:
    """Whether the failure just recorded (making ``failures``) locks the counter."""
    return failures >= limits.lock_after


def strictest(*verdicts: Verdict) -> Verdict:
    """A lock before a wait; of two, the one that lasts longer."""
    order = {"locked": 2, "wait": 1, "open": 0}
    return max(verdicts, key=lambda v: (order[v.state], v.until.timestamp() if v.until else 0.0))
