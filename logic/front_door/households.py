"""Households and the people in them: creating a record and finding an existing one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Sequence, func, or_, select
from sqlmodel import Session

from logic.common import codes, limits
from logic.common.errors import FieldError
from logic.common.postcodes import normalise_postcode  # noqa: F401  (households' callers import it here)
from logic.common.recording import record_audit
from logic.db import session_scope
from logic.models import Household, HousingCase, Person
from logic.models.letters import IssuedLetter

# The form's labels, so a refused answer is named as the officer saw it:
# pages/intake.py, pages/find_household.py.
FIELD_LABELS: dict[str, str] = {
    "postcode": "Postcode",
    "people": "Household",
    "people.relation": "Relation",
    "people.given_name": "First name",
    "people.family_name": "Surname",
    "people.sex": "Sex",
    "people.dob": "Date of birth",
    "search": "Name, reference, phone or postcode",
}

limits.name_fields("person", {"given_name": FIELD_LABELS["people.given_name"],
                              "family_name": FIELD_LABELS["people.family_name"]})
limits.name_fields("household", {"postcode": FIELD_LABELS["postcode"], "address_line1": "Address line 1",
                                 "address_line2": "Address line 2"})

RELATIONS = codes.HOUSEHOLD_RELATIONS.codes()
SEXES = codes.SEXES.codes()
# Letters print two references: "Our reference" is the case's (HL- homelessness, HR- register,
# AD- advice, numbered from the cases' sequence), "Letter" is the letter's own (L-). The
# household's reference (HH-) is numbered from another sequence, so HL-000204 and HH-000204 are
# different households: a search looks each kind up where it lives.
_LETTER_NUMBER = re.compile(r"^L-?0*([0-9]{1,9})$")
@dataclass(frozen=True)
class PersonDetails:
    relation: str
    given_name: str
    family_name: str
    dob: date
    sex: str
    pregnant: bool = False
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class HouseholdMatch:
    household_id: int
    reference: str
    applicant_name: str
    applicant_dob: date | None
    postcode: str | None
    phone: str | None


def _check_person(person: PersonDetails, index: int, today: date) -> None:
    field = f"people[{index}]"
    if person.relation not in RELATIONS:
        raise FieldError(f"{field}.relation", f"choose one of {', '.join(RELATIONS)}",
                         label=_person_label(index, "relation"))
    if not person.given_name.strip():
        raise FieldError(f"{field}.given_name", "is required",
                         label=_person_label(index, "given_name"))
    if not person.family_name.strip():
        raise FieldError(f"{field}.family_name", "is required",
                         label=_person_label(index, "family_name"))
    if person.sex not in SEXES:
        raise FieldError(f"{field}.sex", "choose F, M or X",
                         label=_person_label(index, "sex"))
    if person.dob > today:
        raise FieldError(f"{field}.dob", "a date of birth cannot be in the future",
                         label=_person_label(index, "dob"))
    if person.dob.year < 1900:
        raise FieldError(f"{field}.dob", "is before 1900; check the year",
                         label=_person_label(index, "dob"))


def _person_label(index: int, key: str) -> str:
    # the people are the rows of the household form, counted from 1 as the officer sees them
    return f"Person {index + 1}: {FIELD_LABELS[f'people.{key}']}"


def next_id(session: Session, sequence_name: str) -> int:
    """Take a key from a table's sequence, so a reference can be made from it before insert."""
    return int(session.execute(select(Sequence(sequence_name).next_value())).scalar_one())


def household_reference(household_id: int) -> str:
    return f"HH-{household_id:06d}"


def add_household(
    session: Session,
    *,
    actor_id: int,
    people: list[PersonDetails],
    today: date,
    address_line1: str | None = None,
    address_line2: str | None = None,
    town: str | None = None,
    postcode: str | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> Household:
    """Inside a caller's transaction (intake opens a case in the same unit of work)."""
    if not people or sum(1 for p in people if p.relation == "applicant") != 1:
        raise FieldError("people", "a household has exactly one applicant", FIELD_LABELS)
    for index, person in enumerate(people):
        _check_person(person, index, today)
    household_id = next_id(session, "household_id_seq")
    household = Household(
        id=household_id,
        reference=household_reference(household_id),
        address_line1=(address_line1 or "").strip() or None,
        address_line2=(address_line2 or "").strip() or None,
        town=(town or "").strip() or None,
        postcode=normalise_postcode(postcode),
        phone=(phone or "").strip() or None,
        email=(email or "").strip() or None,
        created_by_id=actor_id,
    )
    session.add(household)
    session.flush()
    for person in people:
        session.add(
            Person(
                household_id=household_id,
                relation=person.relation,
                given_name=person.given_name.strip(),
                family_name=person.family_name.strip(),
                dob=person.dob,
                sex=person.sex,
                pregnant=person.pregnant,
                phone=person.phone,
                email=person.email,
                joined_on=today,
            )
        )
    record_audit(session, actor_id=actor_id, action="create", entity="household", entity_id=household_id)
    return household


def find_households(
    *, actor_id: int, text: str = "", dob: date | None = None, limit: int = 50
) -> list[HouseholdMatch]:
    """Search by a name, reference, phone or postcode, optionally narrowed by a date of birth.

    Every search is audited: looking people up is itself access to personal data.
    """
    text = text.strip()
    if not text and dob is None:
        raise FieldError("search", "enter a name, reference, phone number, postcode or date of birth",
                         FIELD_LABELS)
    with session_scope() as session:
        applicant = (
            select(
                Household.id, Household.reference, Household.postcode, Household.phone,
                Person.given_name, Person.family_name, Person.dob,
            )
            .join(Person, Person.household_id == Household.id)
            .where(Person.relation == "applicant")
        )
        if text:
            like = f"%{text.lower()}%"
            compact = re.sub(r"\s+", "", text.upper())
            digits = re.sub(r"\D", "", text)
            # any member's name matches, so a search for a partner or child finds the household
            member_match = (
                select(Person.household_id)
                .where(
                    or_(
                        func.lower(Person.given_name + " " + Person.family_name).like(like),
                        func.lower(Person.family_name).like(like),
                        func.lower(Person.given_name).like(like),
                    )
                )
                .scalar_subquery()
            )
            conditions = [
                Household.id.in_(member_match),
                func.upper(Household.reference).like(f"%{compact}%"),
                # a case's reference (HL-, HR-, AD-) is the one printed on its letters
                Household.id.in_(select(HousingCase.household_id)
                                 .where(func.upper(HousingCase.reference).like(f"%{compact}%"))
                                 .scalar_subquery()),
                func.replace(func.upper(Household.postcode), " ", "").like(f"{compact}%"),
            ]
            if len(digits) >= 5:
                conditions.append(func.replace(Household.phone, " ", "").like(f"%{digits}%"))
            letter = _LETTER_NUMBER.match(compact)
            if letter:  # a letter's own number ("Letter: L-000123") finds the case it went on
                conditions.append(Household.id.in_(
                    select(HousingCase.household_id)
                    .join(IssuedLetter, IssuedLetter.case_id == HousingCase.id)
                    .where(IssuedLetter.id == int(letter.group(1)))
                    .scalar_subquery()))
            applicant = applicant.where(or_(*conditions))
        if dob is not None:
            dob_match = select(Person.household_id).where(Person.dob == dob).scalar_subquery()
            applicant = applicant.where(Household.id.in_(dob_match))
        rows = session.execute(applicant.order_by(Person.family_name, Person.given_name).limit(limit)).all()
        record_audit(
            session, actor_id=actor_id, action="search", entity="household",
            detail=f"text={text!r} dob={dob.isoformat() if dob else None} results={len(rows)}",
        )
    return [
        HouseholdMatch(
            household_id=row.id, reference=row.reference,
            applicant_name=f"{row.given_name} {row.family_name}", applicant_dob=row.dob,
            postcode=row.postcode, phone=row.phone,
        )
        for row in rows
    ]
