"""A homelessness case moves through its duties only as the law allows, and every move is
recorded with the officer and the reason (Housing Act 1996 Part 7, as amended by the HRA 2017)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from logic.cases import service as cases
from logic.casework import service as cw
from logic.common.errors import FieldError, PermissionDenied, Refused, StaleRecord
from logic.db import engine_for
from tests.casework.helpers import (
    HOMELESS,
    TODAY,
    assess,
    days_ago,
    move,
    new_case,
    threatened_housing,
    version,
)


def _duties(case_id: int) -> list[tuple]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT duty, started_on, ended_on, end_reason FROM homelessness_duty WHERE case_id = :c "
            "ORDER BY started_on, id"), {"c": case_id})]


def _events(case_id: int, viewer: int) -> list[str]:
    return [e.kind for e in cases.open_case_record(case_id=case_id, viewer_id=viewer).events]


def test_a_threatened_applicant_is_owed_the_prevention_duty_from_the_day_it_is_accepted(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(3), housing=threatened_housing(days_ago(3)))
    move(case_id, team.officer, "prevention", on=days_ago(2), reason="Threatened: s.21 expires in 30 days")
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert record.stage == "prevention"
    assert _duties(case_id) == [("prevention", days_ago(2), None, None)]
    stage_event = next(e for e in record.events if e.kind == "stage_changed")
    assert stage_event.reason == "Threatened: s.21 expires in 30 days" and "s.195(2)" in stage_event.summary
    assert stage_event.actor == "Olga Officer"


def test_a_homeless_applicant_goes_straight_to_relief(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    assert _duties(case_id) == [("relief", TODAY, None, None)]


def test_no_relief_duty_before_the_applicant_is_homeless(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    before = version(case_id, team.officer)
    with pytest.raises(Refused, match="^No relief duty before the applicant is homeless"):
        move(case_id, team.officer, "relief", on=TODAY)
    assert _duties(case_id) == [] and version(case_id, team.officer) == before


def test_no_duty_is_accepted_without_an_assessment(team):
    case_id = new_case(team)
    with pytest.raises(Refused, match="^Record the assessment"):
        move(case_id, team.officer, "prevention", on=TODAY)


def test_advice_only_is_refused_when_a_duty_is_owed_and_allowed_when_none_is(team):
    owed = new_case(team)
    assess(owed, team.officer, on=TODAY, housing=HOMELESS)
    with pytest.raises(Refused, match="a duty is owed"):
        move(owed, team.officer, "advice_only", on=TODAY)
    not_owed = new_case(team)
    assess(not_owed, team.officer, on=TODAY, housing={"has_accommodation": True})
    assert move(not_owed, team.officer, "advice_only", on=TODAY) == "advice_only"


def test_when_the_applicant_becomes_homeless_prevention_ends_and_relief_begins(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(20), housing=threatened_housing(days_ago(20)))
    move(case_id, team.officer, "prevention", on=days_ago(20))
    with pytest.raises(Refused, match="^No relief duty before the applicant is homeless"):
        move(case_id, team.officer, "relief", on=TODAY)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY, reason="Evicted by bailiffs this morning")
    assert _duties(case_id) == [("prevention", days_ago(20), TODAY, "became_homeless"),
                                ("relief", TODAY, None, None)]
    assert _events(case_id, team.officer)[:3] == ["stage_changed", "duty_started", "duty_ended"]


# a refused offer ends it only with the offer recorded: tests/casework/test_offers.py
@pytest.mark.parametrize("end_reason", ["accommodation_secured", "intentionally_homeless", "contact_lost",
                                        "withdrew", "no_longer_eligible"])
def test_the_prevention_duty_ends_for_each_lawful_reason_with_the_officers_reason_kept(team, end_reason):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(10), housing=threatened_housing(days_ago(10)))
    move(case_id, team.officer, "prevention", on=days_ago(10))
    move(case_id, team.officer, "duty_ended", on=TODAY, end_reason=end_reason, reason="See the letter of today")
    assert _duties(case_id) == [("prevention", days_ago(10), TODAY, end_reason)]
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert record.stage == "duty_ended"
    ended = next(e for e in record.events if e.kind == "duty_ended")
    assert ended.reason == "See the letter of today" and "s.195(8)" in ended.summary + ended.summary or \
        "s.193B" in ended.summary


def test_prevention_ends_on_the_56_day_ground_only_after_day_56(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(55), housing=threatened_housing(days_ago(55)))
    move(case_id, team.officer, "prevention", on=days_ago(55))  # today is day 56
    with pytest.raises(FieldError, match="cannot be ended on that ground before"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="56_days_elapsed")
    other = new_case(team)
    assess(other, team.officer, on=days_ago(56), housing=threatened_housing(days_ago(56)))
    move(other, team.officer, "prevention", on=days_ago(56))  # today is day 57
    move(other, team.officer, "duty_ended", on=TODAY, end_reason="56_days_elapsed")
    assert _duties(other)[0][3] == "56_days_elapsed"


def test_prevention_is_not_ended_on_the_56_day_ground_while_a_section_21_notice_runs(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(60), housing=threatened_housing(days_ago(60)))
    move(case_id, team.officer, "prevention", on=days_ago(60))
    # the landlord served a valid notice since; it expires in 20 days
    assess(case_id, team.officer, on=TODAY, housing={
        "has_accommodation": True, "section_21": {"valid": True, "expires_on": days_ago(-20)}})
    with pytest.raises(FieldError, match=r"s.195\(6\)"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="56_days_elapsed")


def test_the_main_duty_decision_comes_only_after_relief_has_run_its_56_days(team):
    case_id = new_case(team, children=2)
    assess(case_id, team.officer, on=days_ago(55), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(55))  # today is day 56 of relief
    with pytest.raises(FieldError, match="main duty decision comes after"):
        move(case_id, team.officer, "main_duty_decision", on=TODAY)
    assert cases.open_case_record(case_id=case_id, viewer_id=team.officer).stage == "relief"


def _relief_run_out(team, *, children: int = 2, intentionality: dict | None = None) -> int:
    case_id = new_case(team, children=children)
    assess(case_id, team.officer, on=days_ago(60), housing=HOMELESS, intentionality=intentionality)
    move(case_id, team.officer, "relief", on=days_ago(60))
    move(case_id, team.officer, "main_duty_decision", on=TODAY, reason="No accommodation secured in 56 days")
    return case_id


def test_after_56_days_of_relief_a_family_with_priority_need_is_owed_the_main_duty(team):
    case_id = _relief_run_out(team)
    assert _duties(case_id) == [("relief", days_ago(60), TODAY, "56_days_elapsed")]
    with pytest.raises(Refused, match="'no further duty' is not open"):
        move(case_id, team.officer, "no_further_duty", on=TODAY)
    with pytest.raises(Refused, match=r"s.190\(2\) applies"):
        move(case_id, team.officer, "intentional_priority", on=TODAY)
    move(case_id, team.officer, "main_duty", on=TODAY, reason="Priority need: dependent children")
    assert _duties(case_id)[-1] == ("main_duty", TODAY, None, None)


def test_an_intentionally_homeless_family_gets_accommodation_for_a_reasonable_period(team):
    intentional = {"deliberate_act_or_omission": True, "good_faith_unaware": False,
                   "accommodation_available_and_reasonable": True, "caused_loss": True}
    case_id = _relief_run_out(team, intentionality=intentional)
    with pytest.raises(Refused, match="main housing duty"):
        move(case_id, team.officer, "main_duty", on=TODAY)
    move(case_id, team.officer, "intentional_priority", on=TODAY)
    move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="reasonable_period_ended")
    assert _duties(case_id)[-1] == ("intentional_priority", TODAY, TODAY, "reasonable_period_ended")


def test_a_single_applicant_without_priority_need_is_owed_no_further_duty(team):
    case_id = _relief_run_out(team, children=0)
    with pytest.raises(Refused, match="main housing duty"):
        move(case_id, team.officer, "main_duty", on=TODAY)
    move(case_id, team.officer, "no_further_duty", on=TODAY)
    assert cases.open_case_record(case_id=case_id, viewer_id=team.officer).stage == "no_further_duty"


def test_the_main_duty_ends_when_a_private_rented_offer_is_accepted(team):
    case_id = _relief_run_out(team)
    move(case_id, team.officer, "main_duty", on=TODAY)
    with pytest.raises(FieldError, match="does not end for that reason"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="contact_lost")
    move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="accommodation_secured")
    assert _duties(case_id)[-1][3] == "accommodation_secured"


def test_a_relief_duty_cannot_be_ended_on_the_56_day_ground_directly(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(60), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(60))
    with pytest.raises(FieldError, match="does not end for that reason"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="56_days_elapsed")


def test_refusal_to_co_operate_needs_a_warning_and_the_reasonable_period_first(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(30), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(30))
    with pytest.raises(FieldError, match="needs a warning first"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="non_cooperation")
    cw.give_cooperation_warning(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, warned_on=days_ago(10),
                                steps_refused="Refused three viewings arranged by the council.")
    with pytest.raises(FieldError, match="the notice can be given from"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="non_cooperation")
    other = new_case(team)
    assess(other, team.officer, on=days_ago(30), housing=HOMELESS)
    move(other, team.officer, "relief", on=days_ago(30))
    cw.give_cooperation_warning(case_id=other, expected_version=version(other, team.officer),
                                officer_id=team.officer, warned_on=days_ago(14),
                                steps_refused="Refused three viewings arranged by the council.")
    # the notice itself is a senior officer's decision (casework.toml cooperation.notice_roles)
    move(other, team.senior, "duty_ended", on=TODAY, end_reason="non_cooperation",
         reason="Notice under s.193B(2) served")
    assert _duties(other)[-1][3] == "non_cooperation"


def test_a_warning_needs_an_open_prevention_or_relief_duty(team):
    case_id = new_case(team)
    with pytest.raises(Refused, match="while the prevention or relief duty runs"):
        cw.give_cooperation_warning(case_id=case_id, expected_version=1, officer_id=team.officer,
                                    warned_on=TODAY, steps_refused="Did not attend")


def test_a_move_cannot_be_dated_in_the_future_or_before_the_duty_began(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(5), housing=HOMELESS)
    with pytest.raises(FieldError, match="^With effect from: cannot be a date still to come"):
        move(case_id, team.officer, "relief", on=days_ago(-1))
    with pytest.raises(FieldError, match="cannot begin before the assessment"):
        move(case_id, team.officer, "relief", on=days_ago(6))
    move(case_id, team.officer, "relief", on=days_ago(5))
    with pytest.raises(FieldError, match="cannot end before it began"):
        move(case_id, team.officer, "duty_ended", on=days_ago(6), end_reason="withdrew")


def test_a_stale_screen_cannot_move_the_case(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    seen = version(case_id, team.officer)
    move(case_id, team.other_officer, "relief", on=TODAY)
    with pytest.raises(StaleRecord):
        cw.change_stage(case_id=case_id, expected_version=seen, officer_id=team.officer,
                        to_stage="relief", on=TODAY, reason="x")
    assert len(_duties(case_id)) == 1


def test_a_move_needs_the_officers_reason(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    with pytest.raises(FieldError, match="^Reason:"):
        move(case_id, team.officer, "relief", on=TODAY, reason="  ")


def test_a_prevention_level_trainee_works_prevention_but_not_relief(team):
    with engine_for().begin() as c:
        c.execute(sa.text("UPDATE officer SET competency_level = 'prevention' WHERE id = :t"), {"t": team.trainee})
    case_id = new_case(team, assigned_to=team.trainee)
    assess(case_id, team.trainee, on=days_ago(5), housing=threatened_housing(days_ago(5)))
    move(case_id, team.trainee, "prevention", on=days_ago(5))
    with pytest.raises(PermissionDenied, match="does not cover"):  # a reassessment deciding relief
        assess(case_id, team.trainee, on=TODAY, housing=HOMELESS)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    with pytest.raises(PermissionDenied, match="does not cover"):
        move(case_id, team.trainee, "relief", on=TODAY)
    move(case_id, team.officer, "relief", on=TODAY)
    with pytest.raises(PermissionDenied, match="does not cover"):
        assess(case_id, team.trainee, on=TODAY, housing=HOMELESS)


def test_a_relief_level_trainee_works_relief_but_leaves_the_main_duty_decision_to_an_officer(team):
    with engine_for().begin() as c:
        c.execute(sa.text("UPDATE officer SET competency_level = 'relief' WHERE id = :t"), {"t": team.trainee})
    case_id = new_case(team, assigned_to=team.trainee, children=1)
    assess(case_id, team.trainee, on=days_ago(60), housing=HOMELESS)
    move(case_id, team.trainee, "relief", on=days_ago(60))
    with pytest.raises(PermissionDenied):
        move(case_id, team.trainee, "main_duty_decision", on=TODAY)
    move(case_id, team.officer, "main_duty_decision", on=TODAY)


def test_a_trainee_cannot_act_on_someone_elses_case(team):
    case_id = new_case(team)
    with pytest.raises(PermissionDenied, match="not allocated to you"):
        assess(case_id, team.trainee, on=TODAY, housing=HOMELESS)


def test_the_duty_is_notified_once_and_the_date_is_kept(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(2), housing=HOMELESS)
    with pytest.raises(FieldError, match="no duty is open"):
        cw.record_duty_notified(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, notified_on=TODAY)
    move(case_id, team.officer, "relief", on=days_ago(2))
    cw.record_duty_notified(case_id=case_id, expected_version=version(case_id, team.officer),
                            officer_id=team.officer, notified_on=days_ago(1))
    with pytest.raises(FieldError, match="already notified"):
        cw.record_duty_notified(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, notified_on=TODAY)
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert summary.clock.notified_on == days_ago(1)
    assert summary.clock.day == 3 and summary.clock.days_left == 53


def test_a_move_the_law_does_not_allow_is_refused_with_its_section_and_no_field_code(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    before = version(case_id, team.officer)
    with pytest.raises(Refused) as refused:
        move(case_id, team.officer, "relief", on=TODAY)
    assert refused.value.citation == "Housing Act 1996 s.189B(2)"
    assert refused.value.message.startswith("No relief duty before the applicant is homeless")
    assert not refused.value.message.startswith("to_stage")
    assert _duties(case_id) == [] and version(case_id, team.officer) == before
