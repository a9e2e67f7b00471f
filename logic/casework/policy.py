"""The council's homelessness casework policy (``data/policy/casework.toml``) as at a date.

Read, merged and checked by ``logic.common.policy_file`` like every policy file: dated
``[[version]]`` tables, each value ``{ value = ..., ref = "..." }``, a bad file refused naming
the key (``casework.toml: version[0].cooperation.warning_period_days: missing``). This module
says what the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.common import codes
from logic.common.policy_file import POLICY_DIR, Cited, DatedBook, Reader

DEFAULT_FILE = POLICY_DIR / "casework.toml"
STAFF_ROLES = codes.CASEWORK_ROLES
APPROVER_ROLES = ("senior", "manager")

SECTIONS: dict[str, tuple[str, ...]] = {
    "cooperation": ("warning_period_days", "notice_roles"),
    "notification": ("notify_duty_within_days",),
    "plan": ("record_agreement_within_days",),
    "temporary_accommodation": ("bnb_warning_days", "placement_approval_roles"),
    "financial_assistance": ("affordable_up_to_percent", "refuse_above_percent", "approval_roles"),
}


@dataclass(frozen=True)
class CaseworkPolicy(Cited):
    name: str
    effective_from: date
    warning_period_days: int
    notice_roles: tuple[str, ...]  # who may give a s.193B(2) notice (the council's senior officers)
    notify_duty_within_days: int
    plan_agreement_within_days: int
    bnb_warning_days: int
    placement_approval_roles: tuple[str, ...]
    affordable_up_to_percent: int
    refuse_above_percent: int
    financial_approval_roles: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _build(r: Reader) -> CaseworkPolicy:
    r.sections(SECTIONS)
    affordable = r.int("financial_assistance.affordable_up_to_percent", 1, 100)
    refuse_above = r.int("financial_assistance.refuse_above_percent", 1, 100)
    if refuse_above < affordable:
        raise r.fail("financial_assistance.refuse_above_percent",
                     f"must not be below affordable_up_to_percent ({affordable})")
    return CaseworkPolicy(
        name=r.name,
        effective_from=r.effective_from,
        warning_period_days=r.int("cooperation.warning_period_days", 1),
        notice_roles=r.codes("cooperation.notice_roles", APPROVER_ROLES, non_empty=True),
        notify_duty_within_days=r.int("notification.notify_duty_within_days", 0),
        plan_agreement_within_days=r.int("plan.record_agreement_within_days", 0),
        # under the Suitability Order's six weeks (42 days): a warning from day one warns of nothing
        bnb_warning_days=r.int("temporary_accommodation.bnb_warning_days", 0, 41),
        placement_approval_roles=r.codes("temporary_accommodation.placement_approval_roles",
                                         APPROVER_ROLES, non_empty=True),
        affordable_up_to_percent=affordable,
        refuse_above_percent=refuse_above,
        financial_approval_roles=r.codes("financial_assistance.approval_roles", APPROVER_ROLES,
                                         non_empty=True),
        refs=r.refs,
    )


class CaseworkPolicyBook(DatedBook[CaseworkPolicy]):
    file_name = "casework.toml"
    build = staticmethod(_build)


def load_casework_policy(path: str | Path | None = None) -> CaseworkPolicyBook:
    return CaseworkPolicyBook(path)


def casework_policy_as_at(on: date, book: CaseworkPolicyBook | None = None) -> CaseworkPolicy:
    """The casework policy in force on ``on`` (the project's file unless a book is given)."""
    return (book or CaseworkPolicyBook.default()).as_at(on)
