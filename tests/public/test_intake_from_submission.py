"""An officer carries on the intake from what the public sent: the self-assessment's answers are
the intake's (nothing typed again), the submission is taken in the same transaction as the
contact, and an officer who comes to it second is refused with who took it."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from logic.common.errors import Refused
from logic.db import session_scope
from logic.front_door import service as intake
from logic.front_door import triage
from logic.models import CaseEvent, Contact, Person
from logic.models.public import PublicSubmission
from logic.public import service
from logic.public.submit import submit_referral
from tests.front_door.helpers import count, rows_written
from tests.public.helpers import AMIR_DOB, TODAY, amir, probation_referral, send


def _id(reference: str) -> int:
    service.take_in_from_inbox()  # as the officer's next look at the waiting list does
    with session_scope() as session:
        return session.exec(select(PublicSubmission.id).where(PublicSubmission.reference == reference)).one()


def _take(officer: int, opened: service.SubmissionForIntake) -> intake.IntakeOutcome:
    """What the intake screen sends once the officer has checked the pre-filled answers."""
    route = triage.recommend(opened.answers, TODAY).route
    return intake.complete_intake(
        actor_id=officer, today=TODAY, contact=opened.contact, answers=opened.answers,
        chosen_route=route, new_household=opened.new_household, referral=opened.referral,
        public_submission_id=opened.id)


def test_a_self_assessment_taken_into_the_intake_becomes_the_household_contact_and_case(team):
    sent = send(amir(accommodation_tonight=False, current_accommodation="no_fixed_abode",
                     story="Asked to leave by my brother last night."))
    opened = service.submission_for_intake(team.officer, _id(sent.reference))

    outcome = _take(team.officer, opened)

    with session_scope() as session:
        row = session.get(PublicSubmission, opened.id)
        assert (row.status, row.taken_by_id) == ("taken", team.officer)
        assert (row.household_id, row.contact_id) == (outcome.household_id, outcome.contact_id)
        people = session.exec(select(Person).where(Person.household_id == outcome.household_id)
                              .order_by(Person.id)).all()
        assert [(p.given_name, p.family_name, p.dob) for p in people][0] == ("Amir", "Haddad", AMIR_DOB)
        assert [p.given_name for p in people] == ["Amir", "Lina"]
        contact = session.get(Contact, outcome.contact_id)
        assert contact.channel == "online"
        assert sent.reference in contact.summary and "Asked to leave by my brother" in contact.summary
        events = [e.summary for e in session.exec(select(CaseEvent).where(
            CaseEvent.case_id == outcome.case_id)).all()]
    # the answers the triage record keeps are those the applicant sent
    stored = json.loads(_one("SELECT answers FROM triage_record WHERE contact_id = :id", id=outcome.contact_id))
    assert stored["accommodation_tonight"] is False and stored["current_accommodation"] == "no_fixed_abode"
    assert outcome.chosen_route == sent.reading.route == triage.EMERGENCY
    assert f"Online self-assessment {sent.reference} taken into the intake" in events
    assert count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'update' "
                 "AND entity_id = :id", id=opened.id) == 1
    assert service.waiting_submissions(team.officer) == []


def test_a_referral_taken_into_the_intake_records_the_s213b_referral_from_the_probation_service(team):
    sent = submit_referral(probation_referral(), source="198.51.100.3")
    opened = service.submission_for_intake(team.officer, _id(sent.reference))

    outcome = _take(team.officer, opened)

    assert count("SELECT count(*) FROM referral_received WHERE contact_id = :id AND body_type = 'probation'",
                 id=outcome.contact_id) == 1
    assert _one("SELECT referral_source FROM triage_record WHERE contact_id = :id",
                id=outcome.contact_id) == "probation"


def test_a_second_officer_carrying_on_the_same_submission_is_refused_and_writes_nothing(team):
    sent = send()
    first = service.submission_for_intake(team.officer, _id(sent.reference))
    second = service.submission_for_intake(team.other_officer, _id(sent.reference))
    _take(team.officer, first)
    before = rows_written()

    with pytest.raises(Refused, match=f"Online submission {sent.reference} is already taken into an intake "
                                      "by Olga Officer"):
        _take(team.other_officer, second)

    assert rows_written() == before  # no second household, contact or case


def test_a_submission_closed_as_a_duplicate_cannot_then_be_taken_into_an_intake(team):
    first, again = send(), send()
    opened = service.submission_for_intake(team.officer, _id(again.reference))
    service.close_submission(team.senior, _id(again.reference), "duplicate", note=f"Same as {first.reference}")
    before = rows_written()

    with pytest.raises(Refused, match="already closed: a duplicate by Sade Senior"):
        _take(team.officer, opened)

    assert rows_written() == before
    assert [w.reference for w in service.waiting_submissions(team.officer)] == [first.reference]


def _one(sql: str, **params):
    import sqlalchemy as sa

    from logic.db import engine_for
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()
