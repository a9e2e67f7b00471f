"""The household record: one household over time, with every case, contact, letter and flag.

Reached from a search result, from intake once the household is chosen or created, and from
every case record. Opening it is audited as opening a case record is: it shows personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from logic.common import codes
from logic.common.errors import NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit, record_view
from logic.db import session_scope
from logic.front_door import safeguarding, views
from logic.front_door.triage import ROUTE_LABELS
from logic.letters.compose import letter_number
from logic.models import Household, HousingCase, Officer, Person, Role
from logic.models.letters import IssuedLetter


@dataclass(frozen=True)
class MemberView:
    relation: str  # the label ("Partner"), not the code
    name: str
    dob: date
    joined_on: date | None
    left_on: date | None


@dataclass(frozen=True)
class CaseLine:
    reference: str
    case_type: str  # labels, as the officer reads them
    stage: str
    status: str
    officer: str
    opened_at: datetime


@dataclass(frozen=True)
class ContactLine:
    occurred_at: datetime
    channel: str
    summary: str
    taken_by: str
    case_reference: str | None
    route: str | None  # the triage route chosen, in words
    signposted_to: str | None


@dataclass(frozen=True)
class LetterLine:
    number: str  # "L-000123", as printed on the letter
    case_reference: str
    title: str
    issued_at: datetime
    issued_by: str


@dataclass(frozen=True)
class HouseholdRecord:
    id: int
    reference: str
    address: str
    phone: str | None
    email: str | None
    people: list[MemberView]
    cases: list[CaseLine]
    contacts: list[ContactLine]
    letters: list[LetterLine]
    flags: list[safeguarding.FlagView]


def may_open_household(officer: Actor) -> Permission:
    """A household record lists every case of the household, so it is for those who may open
    any case: officers, seniors and managers. A trainee sees only the cases allocated to them."""
    if officer.role in (Role.officer, Role.senior, Role.manager):
        return allowed("An officer opens any household's record.")
    if officer.role == Role.trainee:
        return refused("A trainee opens only the cases allocated to them, not a household's record.")
    return refused("An administrator account does not open households' records.")


def household_id_for_reference(reference: str) -> int:
    with session_scope() as session:
        household_id = session.exec(
            select(Household.id).where(Household.reference == reference.strip().upper())
        ).first()
    if household_id is None:
        raise NotFound(f"No household has the reference {reference!r}.")
    return household_id


def open_household_record(*, household_id: int, viewer_id: int, opening: str | None = None) -> HouseholdRecord:
    """Everything the household record shows; the opening itself is audited, once an opening of
    the screen (`opening`: logic/common/recording.py record_view), not once a rerun."""
    with session_scope() as session:
        viewer = session.get(Officer, viewer_id)
        if viewer is None or not viewer.active:
            raise PermissionDenied("Your account is not active.")
        permission = may_open_household(viewer)
        if not permission:
            with session_scope() as audit_session:
                record_audit(audit_session, actor_id=viewer_id, action="view_refused",
                             entity="household", entity_id=household_id)
            raise PermissionDenied(permission.reason)
        household = session.get(Household, household_id)
        if household is None:
            raise NotFound(f"Household {household_id} does not exist.")
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        people = session.exec(
            select(Person).where(Person.household_id == household_id)
            .order_by(Person.left_on.is_not(None), Person.id)
        ).all()
        cases = session.exec(
            select(HousingCase).where(HousingCase.household_id == household_id)
            .order_by(HousingCase.opened_at.desc(), HousingCase.id.desc())
        ).all()
        references = {c.id: c.reference for c in cases}
        letters = session.exec(
            select(IssuedLetter.id, IssuedLetter.case_id, IssuedLetter.title, IssuedLetter.issued_at,
                   IssuedLetter.issued_by_id)
            .where(IssuedLetter.case_id.in_(list(references) or [-1]))
            .order_by(IssuedLetter.issued_at.desc(), IssuedLetter.id.desc())
        ).all()
        record_view(session, actor_id=viewer_id, entity="household", entity_id=household_id, opening=opening)
        address = ", ".join(
            part for part in (household.address_line1, household.address_line2, household.town,
                              household.postcode) if part
        )
        record = HouseholdRecord(
            id=household.id, reference=household.reference,
            address=address or "No fixed address recorded", phone=household.phone, email=household.email,
            people=[
                MemberView(codes.HOUSEHOLD_RELATIONS.label(p.relation), f"{p.given_name} {p.family_name}",
                           p.dob, p.joined_on, p.left_on)
                for p in people
            ],
            cases=[
                CaseLine(c.reference, codes.CASE_TYPES.label(c.case_type), codes.stage_label(c.case_type, c.stage),
                         codes.CASE_STATUSES.label(c.status), names.get(c.assigned_officer_id, "Unallocated"),
                         c.opened_at)
                for c in cases
            ],
            contacts=[],
            letters=[
                LetterLine(letter_number(row.id), references[row.case_id], row.title, row.issued_at,
                           names.get(row.issued_by_id, "?"))
                for row in letters
            ],
            flags=[],
        )
    # the contacts and flags as the case record's front-door section reads them
    contacts = [
        ContactLine(row.occurred_at, codes.CONTACT_CHANNELS.label(row.channel), row.summary, row.taken_by,
                    _text(row.case_reference), ROUTE_LABELS.get(_text(row.chosen_route)),
                    _text(row.signposted_to))
        for row in views.household_contacts(household_id, limit=_CONTACTS_SHOWN).itertuples()
    ]
    flags = safeguarding.household_flags(household_id, include_ended=True)
    return HouseholdRecord(**{**record.__dict__, "contacts": contacts, "flags": flags})


_CONTACTS_SHOWN = 200


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
