"""The staff side of the public front door: what the public sent waits at the front door, is
opened for an intake (nothing typed again) and is taken once, or closed with a reason."""

from __future__ import annotations

from datetime import date

import pytest

from logic.common.errors import PermissionDenied, Refused
from logic.db import session_scope
from logic.front_door import triage
from logic.models.public import PublicSubmission
from logic.public import service
from tests.front_door.helpers import count, zoe_household
from tests.public.helpers import AMIR_DOB, amir, probation_referral, send


def test_an_officer_sees_what_the_public_sent_with_the_emergency_first(team):
    housed = send(source="198.51.100.1")
    tonight = send(amir(accommodation_tonight=False, current_accommodation="no_fixed_abode"),
                   source="198.51.100.2")
    from logic.public.submit import submit_referral
    referred = submit_referral(probation_referral(), source="198.51.100.3")

    waiting = service.waiting_submissions(team.officer, page=1, per_page=10)

    assert [w.reference for w in waiting] == [tonight.reference, housed.reference, referred.reference]
    assert waiting[0].emergency and not waiting[1].emergency
    assert waiting[0].name == "Amir Haddad" and waiting[0].kind_label == "Online self-assessment"
    assert waiting[2].referred_by == "Probation service: Hearthshire Probation Delivery Unit"
    assert waiting[2].kind_label == "Duty to refer (s.213B)"


def test_a_trainee_and_an_administrator_cannot_open_what_the_public_sent(team):
    sent = send()
    row_id = _id(sent.reference)
    for who in (team.trainee, team.admin):
        with pytest.raises(PermissionDenied):
            service.waiting_submissions(who)
        with pytest.raises(PermissionDenied):
            service.submission_for_intake(who, row_id)


def test_a_self_assessment_opens_as_the_intake_s_own_pieces_said_by_the_applicant(team):
    sent = send(amir(section_21_served=True, section_21_expires_on=date(2026, 12, 20),
                     story="My landlord is selling the flat."))
    opened = service.submission_for_intake(team.officer, _id(sent.reference))

    assert opened.said_by == "Said by the applicant, not yet checked"
    assert opened.answers.applicant_dob == AMIR_DOB and opened.answers.section_21_served
    assert opened.answers.members[0].relation == "child" and opened.answers.members[0].dependent
    applicant, child = opened.new_household.people
    assert (applicant.relation, applicant.given_name, applicant.phone) == ("applicant", "Amir", "07700 900456")
    assert (child.given_name, child.dob) == ("Lina", date(2019, 6, 1))
    assert opened.new_household.postcode == "AB1 3EF"
    assert opened.contact.channel == "online" and "My landlord is selling the flat." in opened.contact.summary
    assert opened.referral is None
    # the triage the officer runs on it reads the same as what the public was shown
    assert triage.recommend(opened.answers, date(2026, 11, 23)).route == sent.reading.route
    assert count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'view' "
                 "AND entity_id = :id", id=opened.id) == 1


def test_a_referral_opens_with_its_s213b_details_for_the_intake(team):
    from logic.public.submit import submit_referral
    sent = submit_referral(probation_referral(), source="198.51.100.3")
    opened = service.submission_for_intake(team.officer, _id(sent.reference))
    assert opened.said_by == "Said by the referrer, not yet checked"
    assert opened.referral.body_type == "probation" and opened.referral.consent_given
    assert opened.referral.referrer_name == "Priya Shah"
    assert opened.answers.likely_to_lose_home_on == date(2026, 12, 1)
    assert opened.answers.immigration_status == "not_known"


def test_a_submission_is_taken_once_inside_the_intake_and_a_second_taking_is_refused(team):
    sent = send()
    row_id = _id(sent.reference)
    household = zoe_household(team.officer)
    with session_scope() as session:
        contact_id = _a_contact(session, household, team.officer)
        service.mark_taken(session, row_id, team.officer, household, contact_id)
    with session_scope() as session:
        row = session.get(PublicSubmission, row_id)
        assert (row.status, row.taken_by_id, row.household_id, row.contact_id) == (
            "taken", team.officer, household, contact_id)
    assert service.waiting_submissions(team.officer) == []
    with session_scope() as session, pytest.raises(Refused, match="already taken into an intake by Olga Officer"):
        service.mark_taken(session, row_id, team.other_officer, household, contact_id)


def test_a_duplicate_is_closed_with_its_reason_and_leaves_the_waiting_list(team):
    first, again = send(), send()
    service.close_submission(team.senior, _id(again.reference), "duplicate", note=f"Same as {first.reference}")
    assert [w.reference for w in service.waiting_submissions(team.officer)] == [first.reference]
    assert count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'update' "
                 "AND detail LIKE '%closed: a duplicate: Same as ON-%'") == 1
    with pytest.raises(Refused, match="already closed: a duplicate by Sade Senior"):
        service.close_submission(team.officer, _id(again.reference), "withdrawn")


def _id(reference: str) -> int:
    service.take_in_from_inbox()  # as the officer's next look at the waiting list does
    with session_scope() as session:
        from sqlmodel import select
        return session.exec(select(PublicSubmission.id).where(PublicSubmission.reference == reference)).one()


def _a_contact(session, household_id: int, officer_id: int) -> int:
    from logic.models import Contact
    contact = Contact(household_id=household_id, channel="online", summary="Online self-assessment",
                      taken_by_id=officer_id, occurred_at=_now())
    session.add(contact)
    session.flush()
    return contact.id


def _now():
    from logic import clock
    return clock.now()
