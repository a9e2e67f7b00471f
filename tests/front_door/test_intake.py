"""Intake at the front door, on DuckDB and PostgreSQL: find or create the household, record the
contact, triage it, and act on the route in one unit of work."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from logic.cases import service as cases
from logic.common.errors import FieldError, PermissionDenied
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from logic.front_door.safeguarding import Concern, household_flags
from tests.front_door.helpers import (
    NOW,
    TODAY,
    ZOE_DOB,
    answers,
    count,
    rows_written,
    zoe_household,
)

CALL = intake.ContactDetails(channel="phone", summary="Landlord has served notice; worried about rent.")


def _new_zoe_lookalike(**changes) -> intake.NewHousehold:
    base = dict(people=[PersonDetails("applicant", "Zoe", "O Briain", ZOE_DOB, "F")],
                postcode="AB1 2CD", phone="+44 7700 900123")
    base.update(changes)
    return intake.NewHousehold(**base)


# --- duplicates --------------------------------------------------------------------------


def test_a_caller_already_known_is_found_by_surname_and_date_of_birth_before_a_new_record(team):
    known = zoe_household(team.officer)
    matches = intake.possible_duplicates(actor_id=team.officer, given_name="Zoë", family_name="ó briain",
                                         dob=ZOE_DOB)
    assert [m.household_id for m in matches] == [known]
    assert "same surname and date of birth (Zoë Ó Briain)" in matches[0].reasons


def test_a_changed_surname_is_still_caught_by_first_name_date_of_birth_and_phone(team):
    known = zoe_household(team.officer)
    matches = intake.possible_duplicates(actor_id=team.officer, given_name="Zoë", family_name="Smith",
                                         dob=ZOE_DOB, phone="+44 (0)7700 900 123")
    assert [m.household_id for m in matches] == [known]
    assert set(matches[0].reasons) == {"same first name and date of birth (Zoë Ó Briain)",
                                       "same phone number"}


def test_the_same_postcode_and_initial_is_shown_with_the_open_cases(team):
    known = zoe_household(team.officer)
    intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                           answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    matches = intake.possible_duplicates(actor_id=team.officer, given_name="Zoe", family_name="",
                                         postcode="ab12cd")
    assert matches[0].reasons == ("same postcode and initial (Zoë Ó Briain)",)
    assert matches[0].open_cases and matches[0].open_cases[0].startswith("HL-")


def test_a_stranger_matches_nobody_and_the_check_is_audited(team):
    zoe_household(team.officer)
    assert intake.possible_duplicates(actor_id=team.officer, given_name="Adam", family_name="Jones",
                                      dob=date(1970, 1, 1), postcode="ZZ9 9ZZ") == []
    assert count("SELECT count(*) FROM audit_log WHERE action = 'search' AND detail LIKE 'duplicate%'") == 1


def test_a_duplicate_check_with_nothing_to_go_on_is_refused(team):
    with pytest.raises(FieldError, match="^Search: ") as refused:
        intake.possible_duplicates(actor_id=team.officer, given_name="Zoe")
    assert refused.value.field == "search"


# --- routes ------------------------------------------------------------------------------


def test_a_first_call_with_a_section_21_opens_a_homelessness_case_with_its_contact(team):
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=CALL, new_household=_new_zoe_lookalike(),
        answers=answers(members=(), section_21_served=True, section_21_valid="yes",
                        section_21_expires_on=TODAY + timedelta(days=40)),
        chosen_route=triage.HOMELESSNESS, signposting=["shelter_helpline", "stepchange"],
        advice_note="Do not leave before the notice expires; we will check its validity.",
    )
    assert outcome.recommended_route == "homelessness" and outcome.case_opened
    record = cases.open_case_record(case_id=outcome.case_id, viewer_id=team.officer)
    assert record.case_type == "homelessness" and record.stage == "assessment"
    assert record.assigned_officer_id == team.officer
    kinds = [e.kind for e in record.events]
    assert {"case_opened", "front_door_triage", "signposting_given"} <= set(kinds)
    triage_event = next(e for e in record.events if e.kind == "front_door_triage")
    assert "s.184(1)" in triage_event.reason
    assert count("SELECT count(*) FROM contact WHERE case_id = :c AND channel = 'phone'", c=outcome.case_id) == 1
    stored = count("SELECT count(*) FROM triage_record WHERE recommended_route = 'homelessness' "
                   "AND chosen_route = 'homelessness' AND case_id = :c", c=outcome.case_id)
    assert stored == 1
    assert "Shelter helpline" in outcome.email_text and "0808 800 4444" in outcome.email_text
    assert "Dear Zoe O Briain" in outcome.email_text


def test_nowhere_to_stay_tonight_opens_an_emergency_case_with_todays_actions(team):
    known = zoe_household(team.officer)
    outcome = intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                                     answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    record = cases.open_case_record(case_id=outcome.case_id, viewer_id=team.officer)
    emergency = next(e for e in record.events if e.kind == "emergency_at_front_door")
    assert "interim accommodation for tonight" in emergency.reason
    assert outcome.actions_today == triage.recommend(answers(accommodation_tonight=False), TODAY).actions_today


def test_a_register_route_opens_a_register_application(team):
    known = zoe_household(team.officer)
    outcome = intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                                     answers=answers(wants_to_move=True, current_bedrooms=0),
                                     chosen_route=triage.REGISTER)
    assert outcome.recommended_route == "register"
    assert outcome.case_reference.startswith("HR-")


def test_advice_records_the_contact_and_signposting_on_the_household_without_a_case(team):
    known = zoe_household(team.officer)
    before = count("SELECT count(*) FROM cases")
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
        answers=answers(likely_to_lose_home_on=TODAY + timedelta(days=150)),
        chosen_route=triage.ADVICE, signposting=["hearthshire_money_advice"],
        advice_note="Keep paying the rent; call us again in February.",
    )
    assert outcome.case_id is None and count("SELECT count(*) FROM cases") == before
    assert count("SELECT count(*) FROM signposting_given WHERE contact_id = :c AND household_id = :h",
                 c=outcome.contact_id, h=known) == 1
    assert count("SELECT count(*) FROM contact WHERE id = :c AND summary LIKE '%Advice given: Keep paying%'",
                 c=outcome.contact_id) == 1


def test_a_second_contact_joins_the_open_case_instead_of_opening_another(team):
    known = zoe_household(team.officer)
    first = intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                                   answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    second = intake.complete_intake(actor_id=team.other_officer, today=TODAY, household_id=known,
                                    contact=intake.ContactDetails("visit", "Came in with the letter."),
                                    answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    assert second.case_id == first.case_id and not second.case_opened
    assert count("SELECT count(*) FROM cases WHERE household_id = :h", h=known) == 1


def test_choosing_another_route_needs_a_reason_and_both_are_kept(team):
    known = zoe_household(team.officer)
    with pytest.raises(FieldError) as refused:
        intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                               answers=answers(), chosen_route=triage.HOMELESSNESS)
    assert refused.value.field == "override_reason"
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=CALL, household_id=known, answers=answers(),
        chosen_route=triage.HOMELESSNESS,
        override_reason="Landlord told her by text to leave on Friday; notice not yet in writing.")
    row = json.loads(_one("SELECT recommendation FROM triage_record WHERE id = :t", t=outcome.triage_id))
    assert row["route"] == "advice"
    assert _one("SELECT chosen_route FROM triage_record WHERE id = :t", t=outcome.triage_id) == "homelessness"
    record = cases.open_case_record(case_id=outcome.case_id, viewer_id=team.officer)
    event = next(e for e in record.events if e.kind == "front_door_triage")
    assert "recommended: Advice and signposting" in event.summary and "text to leave" in event.reason


def _one(sql: str, **params):
    import sqlalchemy as sa

    from logic.db import engine_for

    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


# --- bad input: the field named, nothing half-written -------------------------------------


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"contact": intake.ContactDetails("pigeon", "x")}, "channel"),
    ({"contact": intake.ContactDetails("phone", "   ")}, "summary"),
    ({"contact": intake.ContactDetails("phone", "x", NOW + timedelta(days=1))}, "occurred_at"),
    ({"answers": answers(applicant_dob=TODAY + timedelta(days=3))}, "applicant_dob"),
    ({"answers": answers(section_21_served=True)}, "section_21_expires_on"),
    ({"chosen_route": "shelter"}, "route"),
    ({"signposting": ["no_such_service"]}, "signposting[0]"),
    ({"answers": answers(safeguarding_concern=True), "chosen_route": triage.EMERGENCY}, "concerns"),
    ({"concerns": [Concern(kind="bad_vibes", details="x")]}, "concerns[0].kind"),
    ({"new_household": _new_zoe_lookalike(postcode="NOT A POSTCODE")}, "postcode"),
    ({"new_household": _new_zoe_lookalike(people=[PersonDetails("applicant", "", "Briain", ZOE_DOB, "F")])},
     "people[0].given_name"),
    ({"referral": intake.ReferralDetails("probation", "Hearthshire PDU", consent_given=False)},
     "referral.consent_given"),
])
def test_bad_input_names_the_field_and_writes_nothing(team, kwargs, field):
    before = rows_written()
    call = dict(actor_id=team.officer, today=TODAY, contact=CALL, answers=answers(),
                chosen_route=triage.ADVICE, new_household=_new_zoe_lookalike())
    call.update(kwargs)
    with pytest.raises(FieldError) as refused:
        intake.complete_intake(**call)
    assert refused.value.field == field, refused.value.message
    assert rows_written() == before


def test_a_refusal_after_the_household_was_written_rolls_the_household_back(team):
    # the applicant's dob on record is checked inside the transaction, after the lookup
    known = zoe_household(team.officer)
    before = rows_written()
    with pytest.raises(FieldError, match="^Date of birth: differs") as refused:
        intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                               answers=answers(applicant_dob=date(1991, 5, 1), accommodation_tonight=False),
                               chosen_route=triage.EMERGENCY)
    assert refused.value.field == "applicant_dob"
    assert rows_written() == before


def test_a_trainee_cannot_take_an_intake(team):
    with pytest.raises(PermissionDenied):
        intake.complete_intake(actor_id=team.trainee, today=TODAY, contact=CALL, answers=answers(),
                               chosen_route=triage.ADVICE, new_household=_new_zoe_lookalike())


# --- safeguarding raised at intake, and s.213B referrals ----------------------------------


def test_a_safeguarding_concern_at_intake_flags_the_household_with_its_referral(team):
    known = zoe_household(team.officer)
    glance = intake.household_glance(actor_id=team.officer, household_id=known)
    finn = next(p for p in glance.people if p.given_name == "Finn")
    made = NOW - timedelta(minutes=5)
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
        answers=answers(safeguarding_concern=True, domestic_abuse=True), chosen_route=triage.EMERGENCY,
        concerns=[Concern(kind="child_at_risk", details="Finn witnessed violence last night.",
                          person_id=finn.id, referral_to="Children's services front door (MASH)",
                          referral_made_at=made, referral_reference="MASH-4411")],
    )
    flags = household_flags(known)
    assert [(f.kind, f.person_name) for f in flags] == [("child_at_risk", "Finn Ó Briain")]
    assert flags[0].referrals[0].referred_to == "Children's services front door (MASH)"
    assert flags[0].referrals[0].reference == "MASH-4411"
    record = cases.open_case_record(case_id=outcome.case_id, viewer_id=team.officer)
    assert {"safeguarding_flag_raised", "safeguarding_referral"} <= {e.kind for e in record.events}


def test_a_duty_to_refer_from_probation_is_a_contact_with_the_body_and_its_triage(team):
    referral = intake.ReferralDetails(
        body_type="probation", body_name="Hearthshire Probation Delivery Unit", consent_given=True,
        referrer_name="J. Okafor", referrer_contact="01632 960555",
        received_at=NOW - timedelta(hours=3),
    )
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, referral=referral,
        contact=intake.ContactDetails("email", "Released on licence Friday; no address to go to."),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Dan", "Reid",
                                                                date(1985, 2, 2), "M")]),
        answers=triage.TriageAnswers(applicant_dob=date(1985, 2, 2), applicant_sex="M",
                                     immigration_status="british_irish", accommodation_tonight=False),
        chosen_route=triage.EMERGENCY,
    )
    assert _one("SELECT referral_from FROM contact WHERE id = :c", c=outcome.contact_id) == (
        "s.213B referral: Probation service: Hearthshire Probation Delivery Unit (J. Okafor)")
    assert count("SELECT count(*) FROM referral_received WHERE contact_id = :c AND body_type = 'probation' "
                 "AND consent_given", c=outcome.contact_id) == 1
    assert count("SELECT count(*) FROM triage_record WHERE contact_id = :c", c=outcome.contact_id) == 1
    record = cases.open_case_record(case_id=outcome.case_id, viewer_id=team.officer)
    assert "s.213B referral" in next(e for e in record.events if e.kind == "front_door_triage").summary


def test_a_referral_can_be_logged_before_the_person_is_reached(team):
    known = zoe_household(team.officer)
    contact_id = intake.record_contact(
        actor_id=team.officer, household_id=known,
        contact=intake.ContactDetails("email", "A&E referral: discharged tonight, says she cannot go home."),
        referral=intake.ReferralDetails("emergency_department", "Hearthshire General A&E", True),
    )
    assert count("SELECT count(*) FROM referral_received WHERE contact_id = :c", c=contact_id) == 1
    with pytest.raises(FieldError, match="^Kind of public body: ") as refused:
        intake.record_contact(actor_id=team.officer, household_id=known, contact=CALL,
                              referral=intake.ReferralDetails("neighbour", "Mrs Smith", True))
    assert refused.value.field == "referral.body_type"


def test_a_triage_answer_the_engine_refuses_names_the_question_and_writes_nothing(team):
    before = rows_written()
    with pytest.raises(FieldError) as refused:
        intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL,
                               answers=answers(disaster="earthquake"), chosen_route=triage.ADVICE,
                               new_household=_new_zoe_lookalike())
    assert refused.value.field == "disaster"
    assert refused.value.message.startswith(
        "Has the home been lost to fire, flood or another disaster?: unknown code \"earthquake\"")
    assert rows_written() == before
