"""H-CLIC recorded where the work happens (issue 16): the s.189A assessment records where the
household lived, why it lost its settled home, its support needs and the applicant's work; the end
of a prevention or relief duty records what the council mainly did and what was secured."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from logic.casework import service as cw
from logic.casework.categories import AssessmentCategories, DutyEnding
from logic.common.errors import FieldError
from logic.db import engine_for
from tests.casework.helpers import (
    APPLICANT,
    HOMELESS,
    LOCAL,
    TODAY,
    assess,
    days_ago,
    move,
    new_case,
    threatened_housing,
    version,
)


def _assess(team, case_id: int, categories: AssessmentCategories | None, **kwargs) -> int:
    return cw.record_assessment(
        case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        assessed_on=TODAY, circumstances="Her partner's family asked them to leave after a row.",
        housing_needs="Two bedrooms near the baby's nursery.", support_needs="Help with a benefit claim.",
        applicant=APPLICANT, housing=HOMELESS, local_connection=LOCAL, categories=categories, **kwargs)


def _row(sql: str, **params) -> tuple:
    with engine_for().connect() as connection:
        return tuple(connection.execute(sa.text(sql), params).one())


def _count(sql: str, **params) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


FAMILY_ASKED_TO_LEAVE = AssessmentCategories(
    accommodation_at_application="living_with_family", last_settled_accommodation="private_rented_hmo",
    reason_for_loss="family_friends", support_needs=("young_parent", "mental_health"),
    employment="registered_unemployed")


def test_an_assessment_records_every_category_with_the_support_needs_each_once(team):
    case_id = new_case(team)
    # chosen in any order, kept in the list's order, so the same needs always read the same
    given = AssessmentCategories(**{**FAMILY_ASKED_TO_LEAVE.__dict__,
                                    "support_needs": ("mental_health", "young_parent")})
    assessment_id = _assess(team, case_id, given)
    row = _row("SELECT accommodation_at_application, last_settled_accommodation, reason_for_loss, employment, "
               "support_need_codes, support_needs FROM homelessness_assessment WHERE id = :a", a=assessment_id)
    assert row[:4] == ("living_with_family", "private_rented_hmo", "family_friends", "registered_unemployed")
    assert json.loads(row[4]) == ["young_parent", "mental_health"]
    assert row[5] == "Help with a benefit claim."  # the officer's s.189A(1)(c) words are kept beside them
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert ("Support needs of the household (H-CLIC categories)",
            "Young parent needing support to live independently; History of mental health problems"
            ) in summary.assessments[0].categories


def test_an_assessment_without_support_needs_is_refused_naming_the_question_and_saves_nothing(team):
    case_id = new_case(team)
    no_needs = AssessmentCategories(**{**FAMILY_ASKED_TO_LEAVE.__dict__, "support_needs": ()})
    with pytest.raises(FieldError, match="^Support needs of the household \\(H-CLIC categories\\): choose every "
                                         "support need that applies") as refused:
        _assess(team, case_id, no_needs)
    assert refused.value.field == "categories.support_needs"
    assert _count("SELECT count(*) FROM homelessness_assessment WHERE case_id = :c", c=case_id) == 0


@pytest.mark.parametrize(("needs", "problem"), [
    (("none", "mental_health"), "'No support needs' cannot be chosen with other answers"),
    (("not_known", "none"), "cannot be chosen with other answers"),
    (("offending", "offending"), "Offending history is chosen twice"),
    (("homesick",), "'homesick' is not on the list"),
])
def test_support_needs_are_each_once_and_none_or_not_known_stand_alone(team, needs, problem):
    case_id = new_case(team)
    with pytest.raises(FieldError, match=problem):
        _assess(team, case_id, AssessmentCategories(**{**FAMILY_ASKED_TO_LEAVE.__dict__, "support_needs": needs}))


@pytest.mark.parametrize(("missing", "label"), [
    ("accommodation_at_application", "Accommodation at application (where they live now)"),
    ("last_settled_accommodation", "Accommodation when last settled"),
    ("reason_for_loss", "Reason for loss (or threat of loss) of the last settled home"),
    ("employment", "Applicant's employment"),
])
def test_each_category_is_required_at_the_assessment_by_its_label(team, missing, label):
    case_id = new_case(team)
    with pytest.raises(FieldError, match=f"^{label.replace('(', '.').replace(')', '.')}: choose"):
        _assess(team, case_id, AssessmentCategories(**{**FAMILY_ASKED_TO_LEAVE.__dict__, missing: None}))


def test_an_assessment_from_before_the_categories_stays_readable_and_the_reassessment_asks_them(team):
    case_id = new_case(team)
    assessment_id = _assess(team, case_id, FAMILY_ASKED_TO_LEAVE)
    with engine_for().begin() as connection:  # as a store upgraded through 0012 holds it
        connection.execute(sa.text(
            "UPDATE homelessness_assessment SET accommodation_at_application = NULL, "
            "last_settled_accommodation = NULL, reason_for_loss = NULL, employment = NULL, "
            "support_need_codes = NULL WHERE id = :a"), {"a": assessment_id})
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert {answer for _, answer in summary.assessments[0].categories} == {"Not recorded"}
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert "did not record the H-CLIC categories" in start.said
    assert start.categories == AssessmentCategories()


def test_a_reassessment_starts_from_the_categories_the_last_assessment_recorded(team):
    case_id = new_case(team)
    _assess(team, case_id, FAMILY_ASKED_TO_LEAVE)
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert start.categories == FAMILY_ASKED_TO_LEAVE
    assert "did not record" not in start.said


# --- the end of a prevention or relief duty ------------------------------------------------


def _duty_row(case_id: int, duty: str) -> tuple:
    return _row("SELECT end_reason, main_activity, accommodation_secured FROM homelessness_duty "
                "WHERE case_id = :c AND duty = :d", c=case_id, d=duty)


def _end(team, case_id: int, end_reason: str, ending: DutyEnding | None) -> str:
    return cw.change_stage(case_id=case_id, expected_version=version(case_id, team.officer),
                           officer_id=team.officer, to_stage="duty_ended", on=TODAY, end_reason=end_reason,
                           reason="She signed a 12-month tenancy with our deposit.", ending=ending)


def test_a_prevention_duty_ended_with_accommodation_secured_records_the_activity_and_the_home(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(20), housing=threatened_housing(days_ago(20)))
    move(case_id, team.officer, "prevention", on=days_ago(20))
    _end(team, case_id, "accommodation_secured",
         DutyEnding("other_payments", "private_rented_self_contained"))
    assert _duty_row(case_id, "prevention") == (
        "accommodation_secured", "other_payments", "private_rented_self_contained")
    duties = cw.casework_summary(case_id=case_id, viewer_id=team.officer).duties
    assert duties[0]["main_activity"] == "Other financial payments (rent arrears, deposit, rent in advance)"
    assert duties[0]["accommodation_secured"] == "Private rented: self-contained"


def test_ending_a_prevention_duty_with_accommodation_secured_needs_both_and_saves_nothing_without(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(20), housing=threatened_housing(days_ago(20)))
    move(case_id, team.officer, "prevention", on=days_ago(20))
    with pytest.raises(FieldError, match="^Main activity during the duty: choose what the council mainly did "
                                         "during the prevention duty"):
        _end(team, case_id, "accommodation_secured", None)
    with pytest.raises(FieldError, match="^Accommodation secured: the duty ends with accommodation secured"):
        _end(team, case_id, "accommodation_secured", DutyEnding("mediation_prevent_eviction"))
    assert _duty_row(case_id, "prevention") == (None, None, None)
    assert cw.casework_summary(case_id=case_id, viewer_id=team.officer).stage == "prevention"


def test_a_relief_duty_ended_by_withdrawal_records_the_activity_and_no_accommodation(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(10), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(10))
    _end(team, case_id, "withdrew", DutyEnding("advice_only", "council_tenancy"))
    assert _duty_row(case_id, "relief") == ("withdrew", "advice_only", None)


def test_moving_from_prevention_to_relief_records_the_activity_when_the_officer_gives_it(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(30), housing=threatened_housing(days_ago(30)))
    move(case_id, team.officer, "prevention", on=days_ago(30))
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)  # the landlord changed the locks
    cw.change_stage(case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
                    to_stage="relief", on=TODAY, reason="The landlord changed the locks.",
                    ending=DutyEnding("mediation_prevent_eviction"))
    assert _duty_row(case_id, "prevention")[1:] == ("mediation_prevent_eviction", None)
