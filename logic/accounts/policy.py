"""The council's sign-in protection (``data/policy/accounts.toml``) as at a date.

Read and checked by ``logic.common.policy_file`` like every policy file: dated versions, each
value ``{ value, ref }``, and a malformed file is refused with a message naming the key
(``accounts.toml: version[0].sign_in.account_lock_after: must be from 1 to 1000, not 0``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from logic.common.policy_file import Cited, DatedBook, Reader

# key -> (lowest, highest) allowed
_LIMIT_KEYS: dict[str, tuple[int, int]] = {
    "free_failures": (0, 1000),
    "first_wait_seconds": (1, 3600),
    "max_wait_seconds": (1, 86400),
    "lock_after": (1, 10000),
    "lock_minutes": (1, 7 * 24 * 60),
}
_KEYS = ("failures_counted_minutes",) + tuple(
    f"{counter}_{key}" for counter in ("account", "source") for key in _LIMIT_KEYS)


@dataclass(frozen=True)
class Limits:
    """One counter's figures: the account's (one username) or the source's (one address)."""

    counter: str  # "account" or "source"
    free_failures: int
    first_wait_seconds: int
    max_wait_seconds: int
    lock_after: int
    lock_minutes: int

    @property
    def lock_period(self) -> timedelta:
        return timedelta(minutes=self.lock_minutes)


@dataclass(frozen=True)
class SignInPolicy(Cited):
    name: str
    effective_from: date
    failures_counted_minutes: int
    account: Limits
    source: Limits
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def counted_over(self) -> timedelta:
        return timedelta(minutes=self.failures_counted_minutes)


def _limits(r: Reader, counter: str) -> Limits:
    values = {key: r.int(f"sign_in.{counter}_{key}", low, high)
              for key, (low, high) in _LIMIT_KEYS.items()}
    limits = Limits(counter=counter, **values)
    if limits.max_wait_seconds < limits.first_wait_seconds:
        raise r.fail(f"sign_in.{counter}_max_wait_seconds",
                     f"must be at least {counter}_first_wait_seconds ({limits.first_wait_seconds})")
    if limits.lock_after <= limits.free_failures:
        raise r.fail(f"sign_in.{counter}_lock_after",
                     f"must be more than {counter}_free_failures ({limits.free_failures})")
    return limits


def _waits_before_lock(limits: Limits) -> timedelta:
    """How long someone who waits as told takes to reach the lock (the rule is rules.wait_after)."""
    steps = range(limits.lock_after - limits.free_failures)
    return timedelta(seconds=sum(min(limits.first_wait_seconds * 2 ** min(k, 30),
                                     limits.max_wait_seconds) for k in steps))


def _build(r: Reader) -> SignInPolicy:
    r.sections({"sign_in": _KEYS})
    policy = SignInPolicy(
        name=r.name, effective_from=r.effective_from,
        failures_counted_minutes=r.int("sign_in.failures_counted_minutes", 1, 7 * 24 * 60),
        account=_limits(r, "account"), source=_limits(r, "source"), refs=r.refs,
    )
    for limits in (policy.account, policy.source):
        # failures older than the counting period are forgotten: a lock the waits make
        # unreachable within it would never come
        if _waits_before_lock(limits) >= policy.counted_over:
            raise r.fail(f"sign_in.{limits.counter}_lock_after",
                         f"cannot be reached within failures_counted_minutes "
                         f"({policy.failures_counted_minutes}): the waits before it add up to "
                         f"{_waits_before_lock(limits).total_seconds() / 60:.0f} minutes")
    return policy


class SignInPolicyBook(DatedBook[SignInPolicy]):
    file_name = "accounts.toml"
    build = staticmethod(_build)


def sign_in_policy(on: date, path: Path | None = None) -> SignInPolicy:
    """The sign-in protection in force on ``on`` (the project's file unless ``path`` is given)."""
    book = SignInPolicyBook(path) if path is not None else SignInPolicyBook.default()
    return book.as_at(on)
