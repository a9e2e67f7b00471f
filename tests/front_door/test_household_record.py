"""An officer finds a household by whatever reference they hold, and opens its record."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from logic.cases import service as cases
from logic.common.errors import PermissionDenied
from logic.db import session_scope
from logic.front_door import household_record
from logic.front_door.households import PersonDetails, add_household, find_households
from logic.models import AuditLog, Person
from logic.models.letters import IssuedLetter

TODAY = date(2026, 11, 23)


@pytest.fixture
def mensahs(team):
    """Two households, each with a case, so a case's number never equals its household's."""
    with session_scope() as session:
        other = add_household(session, actor_id=team.officer, today=TODAY, postcode="LS2 7EY",
                              people=[PersonDetails("applicant", "Siân", "Llewellyn", date(1979, 1, 30), "F")])
        for case_type in ("advice", "register"):
            cases.open_case(session, actor_id=team.officer, household_id=other.id, case_type=case_type,
                            reason="Came in about rent arrears")
        household = add_household(
            session, actor_id=team.officer, today=TODAY, postcode="M1 4BT",
            people=[PersonDetails("applicant", "Joel", "Mensah", date(1988, 1, 9), "M"),
                    PersonDetails("partner", "Efua", "Mensah", date(1990, 3, 3), "F")])
        case = cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type="homelessness", reason="Section 21 notice",
                               assigned_officer_id=team.officer)
        session.flush()
        letter = IssuedLetter(case_id=case.id, letter_type="prevention_duty", template_version=1,
                              title="Prevention duty", notification_kind="duty", notified_on=TODAY,
                              options_json="{}", pdf=b"%PDF", sha256="0" * 64, size_bytes=4,
                              issued_by_id=team.officer)
        session.add(letter)
        session.flush()
        return team, household.reference, household.id, case.reference, letter.id


def test_the_reference_printed_on_a_letter_finds_the_household(mensahs):
    team, household_reference, household_id, case_reference, letter_id = mensahs
    # "Our reference: HL-000..." is the case's; the household's own is HH- with another number
    assert case_reference.startswith("HL-") and case_reference[3:] != household_reference[3:]
    for typed in (case_reference, case_reference.lower(), f"L-{letter_id:06d}", household_reference):
        matches = find_households(actor_id=team.officer, text=typed)
        assert [m.reference for m in matches] == [household_reference], typed


def test_opening_a_household_shows_its_people_over_time_cases_letters_and_is_audited(mensahs):
    team, household_reference, household_id, case_reference, letter_id = mensahs
    with session_scope() as session:
        partner = session.exec(select(Person).where(Person.given_name == "Efua")).one()
        partner.left_on = date(2026, 11, 20)
    assert household_record.household_id_for_reference(household_reference.lower()) == household_id

    record = household_record.open_household_record(household_id=household_id, viewer_id=team.senior)

    assert [(p.relation, p.name, p.left_on) for p in record.people] == [
        ("Applicant", "Joel Mensah", None), ("Partner", "Efua Mensah", date(2026, 11, 20))]
    assert [(c.reference, c.case_type, c.stage, c.officer) for c in record.cases] == [
        (case_reference, "Homelessness", "Assessment", "Olga Officer")]
    assert [(letter.number, letter.case_reference) for letter in record.letters] == [
        (f"L-{letter_id:06d}", case_reference)]
    with session_scope() as session:
        audit = session.exec(select(AuditLog).where(AuditLog.entity == "household",
                                                    AuditLog.action == "view")).all()
    assert [(a.actor_id, a.entity_id) for a in audit] == [(team.senior, household_id)]


def test_a_trainee_is_refused_a_households_record_and_the_refusal_is_audited(mensahs):
    team, _, household_id, _, _ = mensahs
    with pytest.raises(PermissionDenied):
        household_record.open_household_record(household_id=household_id, viewer_id=team.trainee)
    with session_scope() as session:
        refused = session.exec(select(AuditLog).where(AuditLog.action == "view_refused")).all()
    assert [(a.entity, a.entity_id) for a in refused] == [("household", household_id)]
