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
    "reviews": ("reviewer_roles", "minded_to_representations_days", "decision_weeks_steps",
                "decision_weeks", "decision_weeks_joint_referral", "decision_weeks_appointed_person",
                "appeal_days"),
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
    reviewer_roles: tuple[str, ...]
    minded_to_representations_days: int
    review_decision_weeks_steps: int
    review_decision_weeks: int
    review_decision_weeks_joint_referral: int
    review_decision_weeks_appointed_person: int
    appeal_days: int
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
        reviewer_roles=r.codes("reviews.reviewer_roles", APPROVER_ROLES, non_empty=True),
        minded_to_representations_days=r.int("reviews.minded_to_representations_days", 1),
        review_decision_weeks_steps=r.int("reviews.decision_weeks_steps", 1),
        review_decision_weeks=r.int("reviews.decision_weeks", 1),
        review_decision_weeks_joint_referral=r.int("reviews.decision_weeks_joint_referral", 1),
        review_decision_weeks_appointed_person=r.int("reviews.decision_weeks_appointed_person", 1),
        appeal_days=r.int("reviews.appeal_days", 1),
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
