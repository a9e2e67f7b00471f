"""The public front door's limits and emergency contacts (``data/policy/public.toml``) as at a date.

Read and checked by ``logic.common.policy_file`` like every policy file: dated versions, each
value ``{ value, ref }``, a malformed file refused naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from logic.common.policy_file import Cited, DatedBook, Reader

_LIMIT_KEYS = ("submissions_per_source", "counted_over_minutes", "members_max", "answers_max_chars",
               "receipt_days")
_EMERGENCY_KEYS = ("emergency_number", "out_of_hours_name", "out_of_hours_phone", "abuse_services")


@dataclass(frozen=True)
class PublicPolicy(Cited):
    name: str
    effective_from: date
    submissions_per_source: int
    counted_over_minutes: int
    members_max: int
    answers_max_chars: int
    receipt_days: int
    emergency_number: str
    out_of_hours_name: str
    out_of_hours_phone: str
    abuse_services: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def counted_over(self) -> timedelta:
        return timedelta(minutes=self.counted_over_minutes)


def _build(r: Reader) -> PublicPolicy:
    r.sections({"limits": _LIMIT_KEYS, "emergency": _EMERGENCY_KEYS})
    services = r.raw("emergency.abuse_services")
    if not isinstance(services, list) or not all(isinstance(s, str) and s for s in services):
        raise r.fail("emergency.abuse_services", "must be a list of the directory's service ids")
    return PublicPolicy(
        name=r.name, effective_from=r.effective_from,
        submissions_per_source=r.int("limits.submissions_per_source", 1, 1000),
        counted_over_minutes=r.int("limits.counted_over_minutes", 1, 7 * 24 * 60),
        members_max=r.int("limits.members_max", 1, 30),
        answers_max_chars=r.int("limits.answers_max_chars", 1000, 19000),
        receipt_days=r.int("limits.receipt_days", 1, 366),
        emergency_number=r.str("emergency.emergency_number"),
        out_of_hours_name=r.str("emergency.out_of_hours_name"),
        out_of_hours_phone=r.str("emergency.out_of_hours_phone"),
        abuse_services=tuple(services), refs=r.refs,
    )


class PublicPolicyBook(DatedBook[PublicPolicy]):
    file_name = "public.toml"
    build = staticmethod(_build)


def public_policy(on: date, path: Path | None = None) -> PublicPolicy:
    """The public front door's figures in force on ``on`` (the project's file unless given)."""
    book = PublicPolicyBook(path) if path is not None else PublicPolicyBook.default()
    return book.as_at(on)
