"""Safeguarding flags on a household: raise one, record the referral made, end it with a reason.

A flag says that an adult or a child in the household may be at risk, so that every officer who
opens the household sees it first (pages/_sections/front_door.render_household_flags). Flags are
never deleted: a flag that no longer applies is ended by a senior or a manager, who says why; ended
flags stay in the history. Raising a flag is open to every caseworker, trainees included, because
a concern must never wait for someone more senior.

The law behind it: Children Act 2004 s.11 (arrangements to safeguard and promote the welfare of
children), Care Act 2014 s.42 (enquiry by the local authority into an adult at risk) and the
Domestic Abuse Act 2021. Each write records an audit row and, on every open case of the
household, a case event, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from logic.common import codes, limits
from logic.common.errors import FieldError, NotFound, PermissionDenied, StaleRecord
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit, record_case_event
from logic.db import session_scope
from logic.models import Household, HousingCase, Officer, Person, Role, utc_now
from logic.models.front_door import FlagKind, SafeguardingFlag, SafeguardingReferral

# The form's labels, so a refused answer is named as the officer saw it:
# pages/_front_door.py, pages/intake.py.
FIELD_LABELS: dict[str, str] = {
    "concern.kind": "Kind of risk",
    "concern.details": "What is the concern?",
    "concern.person_id": "Who is at risk",
    "concern.referral_made_at": "Referral made at",
    "concern.referral_to": "Referral made to",
    "concerns.kind": "Kind of risk",
    "concerns.details": "What is the concern?",
    "concerns.referral_made_at": "Referral made at",
    "concerns.referral_to": "Referral made to",
    "referred_to": "Referred to",
    "referred_at": "Referred on",
    "referral_made_at": "Referred on",
    "referral_to": "Referred to",
    "reason": "Why the flag no longer applies",
    "flag": "Safeguarding flag",
}
limits.name_fields("safeguarding_flag", {"details": FIELD_LABELS["concern.details"]})

KIND_LABELS = codes.SAFEGUARDING_CONCERNS.options()
# A clock a few minutes fast on a laptop should not refuse a referral "made just now".
_CLOCK_SKEW = timedelta(minutes=10)
STALE_FLAG_MESSAGE = (
    "This flag was changed by someone else after you opened it, so your change was not saved. "
    "Reload to see the flag as it is now."
)


@dataclass(frozen=True)
class Concern:
    """A safeguarding concern raised at the front door, with the referral if one was made."""

    kind: str
    details: str
    person_id: int | None = None
    referral_to: str | None = None
    referral_made_at: datetime | None = None
    referral_reference: str | None = None


@dataclass(frozen=True)
class ReferralView:
    referred_to: str
    referred_at: datetime
    reference: str | None
    made_by: str


@dataclass(frozen=True)
class FlagView:
    id: int
    kind: str
    kind_label: str
    person_name: str | None
    details: str
    raised_by: str
    raised_at: datetime
    referrals: tuple[ReferralView, ...]
    ended_at: datetime | None
    ended_by: str | None
    end_reason: str | None
    version: int

    @property
    def active(self) -> bool:
        return self.ended_at is None


def _actor(session: Session, actor_id: int) -> Officer:
    actor = session.get(Officer, actor_id)
    if actor is None or not actor.active:
        raise PermissionDenied("Your account is not active.")
    if actor.role == Role.admin:
        raise PermissionDenied("An administrator account does not record casework.")
    return actor


def may_end_flag(officer: Actor) -> Permission:
    """Raising a flag is open to every caseworker; ending one is a senior's or a manager's
    judgement that the risk has passed, so a flag is never dropped by the officer who is busy."""
    if officer.role in (Role.senior, Role.manager):
        return allowed("A senior officer or a manager ends a flag that no longer applies, "
                       "saying why.")
    return refused("Only a senior officer or a manager can end a safeguarding flag.")


def _open_case_ids(session: Session, household_id: int) -> list[int]:
    return list(session.exec(
        select(HousingCase.id).where(HousingCase.household_id == household_id,
                                     HousingCase.status == "open")
    ).all())


def check_concern(concern: Concern, field: str = "concern") -> None:
    """The checks that need no database (intake runs them before writing anything)."""
    try:
        FlagKind(concern.kind)
    except ValueError:
        kinds = ", ".join(k.value for k in FlagKind)
        raise FieldError(f"{field}.kind", f"choose one of {kinds}", FIELD_LABELS) from None
    if not concern.details.strip():
        raise FieldError(f"{field}.details", "say what the concern is", FIELD_LABELS)
    _check_referral(concern.referral_to, concern.referral_made_at, f"{field}.referral")


def _check_referral(referred_to: str | None, referred_at: datetime | None, field: str) -> None:
    if referred_to is not None and referred_to.strip() and referred_at is None:
        raise FieldError(f"{field}_made_at", "say when the referral was made", FIELD_LABELS)
    if referred_at is not None and not (referred_to or "").strip():
        raise FieldError(f"{field}_to", "say who the referral was made to", FIELD_LABELS)
    if referred_at is not None:
        if referred_at.tzinfo is None:
            raise FieldError(f"{field}_made_at", "give the time with its time zone", FIELD_LABELS)
        if referred_at > utc_now() + _CLOCK_SKEW:
            raise FieldError(f"{field}_made_at", "a referral cannot be made in the future",
                             FIELD_LABELS)


def raise_flag_in(
    session: Session, *, actor_id: int, household_id: int, concern: Concern,
    contact_id: int | None = None,
) -> SafeguardingFlag:
    """Inside a caller's transaction (intake raises flags with the contact they came from)."""
    _actor(session, actor_id)
    check_concern(concern)
    if concern.person_id is not None:
        person = session.get(Person, concern.person_id)
        if person is None or person.household_id != household_id:
            raise FieldError("concern.person_id", "choose a member of this household", FIELD_LABELS)
    flag = SafeguardingFlag(
        household_id=household_id, person_id=concern.person_id, contact_id=contact_id,
        kind=concern.kind, details=concern.details.strip(), raised_by_id=actor_id,
    )
    session.add(flag)
    session.flush()
    label = KIND_LABELS[FlagKind(concern.kind)]
    for case_id in _open_case_ids(session, household_id):
        record_case_event(session, case_id=case_id, actor_id=actor_id, kind="safeguarding_flag_raised",
                          summary=f"Safeguarding flag raised: {label}", reason=concern.details.strip())
    record_audit(session, actor_id=actor_id, action="create", entity="safeguarding_flag",
                 entity_id=flag.id, detail=concern.kind)
    if concern.referral_to and concern.referral_to.strip():
        _add_referral(session, actor_id=actor_id, flag=flag, referred_to=concern.referral_to,
                      referred_at=concern.referral_made_at, reference=concern.referral_reference)
    return flag


def _add_referral(session: Session, *, actor_id: int, flag: SafeguardingFlag, referred_to: str,
                  referred_at: datetime, reference: str | None) -> SafeguardingReferral:
    referral = SafeguardingReferral(
        flag_id=flag.id, referred_to=referred_to.strip()[:200], referred_at=referred_at,
        reference=(reference or "").strip()[:60] or None, made_by_id=actor_id,
    )
    session.add(referral)
    session.flush()
    for case_id in _open_case_ids(session, flag.household_id):
        record_case_event(
            session, case_id=case_id, actor_id=actor_id, kind="safeguarding_referral",
            summary=f"Safeguarding referral made to {referral.referred_to}",
            reason=f"Made {referred_at.isoformat(timespec='minutes')}"
            + (f", reference {referral.reference}" if referral.reference else ""),
        )
    record_audit(session, actor_id=actor_id, action="create", entity="safeguarding_referral",
                 entity_id=referral.id, detail=f"flag {flag.id}")
    return referral


def raise_flag(
    *, actor_id: int, household_id: int, kind: str, details: str, person_id: int | None = None,
    referral_to: str | None = None, referral_made_at: datetime | None = None,
    referral_reference: str | None = None,
) -> int:
    """Flag a household (or one person in it) as at risk; returns the flag's id."""
    concern = Concern(kind=kind, details=details, person_id=person_id, referral_to=referral_to,
                      referral_made_at=referral_made_at, referral_reference=referral_reference)
    check_concern(concern)
    with session_scope() as session:
        if session.get(Household, household_id) is None:
            raise NotFound(f"Household {household_id} does not exist.")
        return raise_flag_in(session, actor_id=actor_id, household_id=household_id, concern=concern).id


def record_referral(
    *, actor_id: int, flag_id: int, referred_to: str, referred_at: datetime | None,
    reference: str | None = None,
) -> int:
    """Record a referral made about a flagged concern (to whom, when); returns its id."""
    if not (referred_to or "").strip():
        raise FieldError("referred_to", "say who the referral was made to", FIELD_LABELS)
    if referred_at is None:
        raise FieldError("referred_at", "say when the referral was made", FIELD_LABELS)
    _check_referral(referred_to, referred_at, "referral")
    with session_scope() as session:
        _actor(session, actor_id)
        flag = session.get(SafeguardingFlag, flag_id)
        if flag is None:
            raise NotFound(f"Safeguarding flag {flag_id} does not exist.")
        if flag.ended_at is not None:
            raise FieldError("flag", "this flag has ended; raise a new flag for a new concern",
                             FIELD_LABELS)
        return _add_referral(session, actor_id=actor_id, flag=flag, referred_to=referred_to,
                             referred_at=referred_at, reference=reference).id


def end_flag(*, actor_id: int, flag_id: int, expected_version: int, reason: str) -> None:
    """End a flag that no longer applies; a senior or manager decides, and says why."""
    if not (reason or "").strip():
        raise FieldError("reason", "say why the flag no longer applies", FIELD_LABELS)
    with session_scope() as session:
        actor = _actor(session, actor_id)
        may_end_flag(actor).require()
        flag = session.get(SafeguardingFlag, flag_id)
        if flag is None:
            raise NotFound(f"Safeguarding flag {flag_id} does not exist.")
        if flag.ended_at is not None:
            raise FieldError("flag", "this flag has already ended", FIELD_LABELS)
        # conditional update: the optimistic lock, as for cases (no UPDATE ... RETURNING)
        result = session.execute(
            update(SafeguardingFlag)
            .where(SafeguardingFlag.id == flag_id, SafeguardingFlag.version == expected_version)
            .values(ended_at=utc_now(), ended_by_id=actor_id, end_reason=reason.strip(),
                    version=expected_version + 1)
        )
        if result.rowcount != 1:
            raise StaleRecord(STALE_FLAG_MESSAGE)
        label = KIND_LABELS[FlagKind(flag.kind)]
        for case_id in _open_case_ids(session, flag.household_id):
            record_case_event(session, case_id=case_id, actor_id=actor_id,
                              kind="safeguarding_flag_ended",
                              summary=f"Safeguarding flag ended: {label}", reason=reason.strip(),
                              changes={"ended_at": (None, "ended")})
        record_audit(session, actor_id=actor_id, action="update", entity="safeguarding_flag",
                     entity_id=flag_id, detail="ended")


def household_flags(household_id: int, include_ended: bool = False) -> list[FlagView]:
    """The household's flags, active first then newest first; what every household screen shows."""
    with session_scope() as session:
        statement = select(SafeguardingFlag).where(SafeguardingFlag.household_id == household_id)
        if not include_ended:
            statement = statement.where(SafeguardingFlag.ended_at.is_(None))
        flags = session.exec(statement.order_by(SafeguardingFlag.raised_at.desc(),
                                                SafeguardingFlag.id.desc())).all()
        if not flags:
            return []
        ids = [f.id for f in flags]
        referrals = session.exec(
            select(SafeguardingReferral).where(SafeguardingReferral.flag_id.in_(ids))
            .order_by(SafeguardingReferral.referred_at, SafeguardingReferral.id)
        ).all()
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        people = {p.id: f"{p.given_name} {p.family_name}" for p in session.exec(
            select(Person).where(Person.household_id == household_id)).all()}
    views = [
        FlagView(
            id=f.id, kind=f.kind, kind_label=KIND_LABELS.get(f.kind, f.kind),
            person_name=people.get(f.person_id), details=f.details,
            raised_by=names.get(f.raised_by_id, "?"), raised_at=f.raised_at,
            referrals=tuple(ReferralView(r.referred_to, r.referred_at, r.reference,
                                         names.get(r.made_by_id, "?"))
                            for r in referrals if r.flag_id == f.id),
            ended_at=f.ended_at, ended_by=names.get(f.ended_by_id), end_reason=f.end_reason,
            version=f.version,
        )
        for f in flags
    ]
    return sorted(views, key=lambda v: v.ended_at is not None)
