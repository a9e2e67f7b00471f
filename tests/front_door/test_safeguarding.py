"""Safeguarding flags: raised by anyone doing casework, shown with the household, ended (never
deleted) by a senior who says why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from logic.cases import service as cases
from logic.common.errors import FieldError, PermissionDenied, StaleRecord
from logic.front_door import safeguarding, triage
from logic.front_door import service as intake
from tests.front_door.helpers import NOW, TODAY, answers, count, zoe_household


def test_a_flag_raised_shows_on_the_household_and_on_its_open_case(team):
    household = zoe_household(team.officer)
    opened = intake.complete_intake(
        actor_id=team.officer, today=TODAY, household_id=household,
        contact=intake.ContactDetails("phone", "Rang about rent arrears."),
        answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    flag_id = safeguarding.raise_flag(actor_id=team.trainee, household_id=household, kind="adult_at_risk",
                                      details="Says she has stopped taking her medication.")
    flags = safeguarding.household_flags(household)
    assert [(f.id, f.kind_label, f.active, f.raised_by) for f in flags] == [
        (flag_id, "Adult at risk", True, "Tim Trainee")]
    record = cases.open_case_record(case_id=opened.case_id, viewer_id=team.officer)
    assert record.events[0].kind == "safeguarding_flag_raised"


def test_the_referral_made_is_recorded_to_whom_and_when(team):
    household = zoe_household(team.officer)
    flag_id = safeguarding.raise_flag(actor_id=team.officer, household_id=household,
                                      kind="domestic_abuse_risk", details="Ex-partner found the address.")
    made = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
    safeguarding.record_referral(actor_id=team.officer, flag_id=flag_id, referred_to="MARAC coordinator",
                                 referred_at=made, reference="M-22")
    (flag,) = safeguarding.household_flags(household)
    assert [(r.referred_to, r.referred_at, r.reference, r.made_by) for r in flag.referrals] == [
        ("MARAC coordinator", made, "M-22", "Olga Officer")]


def test_a_senior_ends_a_flag_with_a_reason_and_it_stays_in_the_history(team):
    household = zoe_household(team.officer)
    flag_id = safeguarding.raise_flag(actor_id=team.officer, household_id=household, kind="child_at_risk",
                                      details="School raised concerns.")
    (flag,) = safeguarding.household_flags(household)
    with pytest.raises(PermissionDenied):
        safeguarding.end_flag(actor_id=team.officer, flag_id=flag_id, expected_version=flag.version,
                              reason="Resolved")
    with pytest.raises(FieldError, match="^Why the flag no longer applies: ") as refused:
        safeguarding.end_flag(actor_id=team.senior, flag_id=flag_id, expected_version=flag.version, reason=" ")
    assert refused.value.field == "reason"
    safeguarding.end_flag(actor_id=team.senior, flag_id=flag_id, expected_version=flag.version,
                          reason="Children's services closed their assessment with no further action.")
    assert safeguarding.household_flags(household) == []
    (ended,) = safeguarding.household_flags(household, include_ended=True)
    assert (ended.ended_by, ended.end_reason.startswith("Children's services closed")) == ("Sade Senior", True)
    assert count("SELECT count(*) FROM safeguarding_flag") == 1  # ended, not deleted
    with pytest.raises(FieldError, match="already ended"):
        safeguarding.end_flag(actor_id=team.manager, flag_id=flag_id, expected_version=ended.version,
                              reason="again")


def test_two_seniors_ending_the_same_flag_the_second_is_refused(team):
    household = zoe_household(team.officer)
    flag_id = safeguarding.raise_flag(actor_id=team.officer, household_id=household, kind="other",
                                      details="Threats from a neighbour.")
    (flag,) = safeguarding.household_flags(household)
    safeguarding.end_flag(actor_id=team.senior, flag_id=flag_id, expected_version=flag.version, reason="Moved")
    with pytest.raises((StaleRecord, FieldError)):
        safeguarding.end_flag(actor_id=team.manager, flag_id=flag_id, expected_version=flag.version,
                              reason="Moved away")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"kind": "worry"}, "concern.kind"),
    ({"details": "  "}, "concern.details"),
    ({"referral_to": "Adult social care"}, "concern.referral_made_at"),
    ({"referral_made_at": NOW}, "concern.referral_to"),
    ({"referral_to": "MASH", "referral_made_at": NOW + timedelta(days=1)},
     "concern.referral_made_at"),
])
def test_a_flag_with_bad_input_names_the_field_and_is_not_saved(team, kwargs, field):
    household = zoe_household(team.officer)
    call = dict(actor_id=team.officer, household_id=household, kind="adult_at_risk", details="Concern")
    call.update(kwargs)
    with pytest.raises(FieldError) as refused:
        safeguarding.raise_flag(**call)
    assert refused.value.field == field
    assert count("SELECT count(*) FROM safeguarding_flag") == 0


def test_a_flag_on_a_person_from_another_household_is_refused(team):
    zoe = zoe_household(team.officer)
    other = zoe_household(team.officer)
    stranger = intake.household_glance(actor_id=team.officer, household_id=other).applicant.id
    with pytest.raises(FieldError, match="^Who is at risk: ") as refused:
        safeguarding.raise_flag(actor_id=team.officer, household_id=zoe, kind="adult_at_risk",
                                details="x", person_id=stranger)
    assert refused.value.field == "concern.person_id"
    assert count("SELECT count(*) FROM safeguarding_flag") == 0
