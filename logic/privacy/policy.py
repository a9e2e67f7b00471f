"""The council's retention schedule (``data/policy/retention.toml``) as at a date.

Read, merged and checked by ``logic.common.policy_file`` like every policy file: dated
``[[version]]`` tables, each period ``{ value = ..., ref = "..." }``, a bad file refused naming
the key (``retention.toml: version[0].periods.audit_row_years: missing``). Each period is in
whole years after the record's end (a case's closure, an audit row's writing), except the
periods in months (:data:`MONTH_KEYS`: an online submission no officer took).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.common.policy_file import POLICY_DIR, Cited, DatedBook, Reader

DEFAULT_FILE = POLICY_DIR / "retention.toml"

# rule code (codes.RETENTION_RULES) -> the key of its period in the file
PERIOD_KEYS: dict[str, str] = {
    "homelessness_case": "homelessness_case_years",
    "register_application": "register_application_years",
    "advice_contact": "advice_contact_years",
    "audit_row": "audit_row_years",
    "practice_attempt": "practice_attempt_years",
    "sign_in_attempt": "sign_in_attempt_years",
}
# rule code -> the key of its period in months (a record kept for less than a year)
MONTH_KEYS: dict[str, str] = {
    "public_submission": "public_submission_months",
}


@dataclass(frozen=True)
class RetentionSchedule(Cited):
    name: str
    effective_from: date
    years: dict[str, int]  # rule code -> whole years kept after the record's end
    months: dict[str, int] = field(default_factory=dict)  # rule code -> whole months (MONTH_KEYS)
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def rule_ref(self, rule: str) -> str:
        """The reference the schedule gives for a rule's period."""
        return self.ref(f"periods.{PERIOD_KEYS.get(rule) or MONTH_KEYS[rule]}")


def _build(r: Reader) -> RetentionSchedule:
    r.sections({"periods": (*PERIOD_KEYS.values(), *MONTH_KEYS.values())})
    years = {rule: r.int(f"periods.{key}", 1, 100) for rule, key in PERIOD_KEYS.items()}
    months = {rule: r.int(f"periods.{key}", 1, 1200) for rule, key in MONTH_KEYS.items()}
    return RetentionSchedule(name=r.name, effective_from=r.effective_from, years=years,
                             months=months, refs=r.refs)


class RetentionScheduleBook(DatedBook[RetentionSchedule]):
    file_name = "retention.toml"
    build = staticmethod(_build)


def retention_schedule_as_at(on: date, book: RetentionScheduleBook | None = None) -> RetentionSchedule:
    """The schedule in force on ``on`` (the project's file unless a book is given)."""
    return (book or RetentionScheduleBook.default()).as_at(on)


def load_retention_schedule(path: str | Path | None = None) -> RetentionScheduleBook:
    return RetentionScheduleBook(path)
