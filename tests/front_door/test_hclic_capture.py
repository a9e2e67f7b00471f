"""H-CLIC at the front door: who referred the household, and where they live now, recorded with
the triage that asks (issue 16), never typed a second time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from logic.common.errors import FieldError
from logic.db import engine_for
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from tests.front_door.helpers import NOW, TODAY, answers, rows_written, zoe_household

CALL = intake.ContactDetails(channel="phone", summary="Landlord has served notice; worried about rent.")


def _triage(triage_id: int) -> tuple:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(
            "SELECT referral_source, answers FROM triage_record WHERE id = :t"), {"t": triage_id}).one()


def test_a_probation_referral_names_its_body_as_the_triage_referral_source(team):
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY,
        referral=intake.ReferralDetails("probation", "Hearthshire Probation Delivery Unit", True,
                                        received_at=NOW - timedelta(hours=3)),
        contact=intake.ContactDetails("email", "Released on licence Friday; no address to go to."),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Dan", "Reid",
                                                                date(1985, 2, 2), "M")]),
        answers=triage.TriageAnswers(applicant_dob=date(1985, 2, 2), applicant_sex="M",
                                     immigration_status="british_irish", accommodation_tonight=False,
                                     current_accommodation="custody"),
        chosen_route=triage.EMERGENCY,
        referral_source="none",  # whatever the form held: the referral already says who
    )
    source, answers_json = _triage(outcome.triage_id)
    assert source == "probation"
    assert '"current_accommodation": "custody"' in answers_json


def test_an_a_and_e_referral_logged_before_she_was_reached_is_carried_to_her_triage(team):
    known = zoe_household(team.officer)
    intake.record_contact(
        actor_id=team.officer, household_id=known,
        contact=intake.ContactDetails("email", "A&E referral: discharged tonight, says she cannot go home."),
        referral=intake.ReferralDetails("emergency_department", "Hearthshire General A&E", True,
                                        received_at=NOW - timedelta(hours=2)),
    )
    glance = intake.household_glance(actor_id=team.officer, household_id=known)
    assert glance.referral_pending == "emergency_department"

    outcome = intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                                     answers=answers(), chosen_route=triage.ADVICE)

    assert _triage(outcome.triage_id)[0] == "emergency_department"
    # once triaged, the referral is used: her next contact asks again
    assert intake.household_glance(actor_id=team.officer, household_id=known).referral_pending is None


def test_a_household_that_came_on_its_own_is_recorded_so_from_the_officers_answer(team):
    known = zoe_household(team.officer)
    outcome = intake.complete_intake(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                                     answers=answers(), chosen_route=triage.ADVICE, referral_source="none")
    assert _triage(outcome.triage_id)[0] == "none"


@pytest.mark.parametrize(("kwargs", "label"), [
    ({"referral_source": "the_neighbours"}, "Who referred them?"),
    ({"answers": answers(current_accommodation="a_tent")}, "Where do they live now?"),
])
def test_a_referral_source_or_accommodation_not_on_the_list_is_refused_by_its_question(team, kwargs, label):
    known = zoe_household(team.officer)
    before = rows_written()
    call = dict(actor_id=team.officer, today=TODAY, contact=CALL, household_id=known,
                answers=answers(), chosen_route=triage.ADVICE)
    call.update(kwargs)
    with pytest.raises(FieldError, match=f"^{label}"):
        intake.complete_intake(**call)
    assert rows_written() == before
