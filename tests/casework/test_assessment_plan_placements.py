"""The assessment keeps the engine's view beside the officer's; the plan keeps its history;
placements and payments wait for a senior officer; nothing is half-written."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from logic.casework import placements as ta
from logic.casework import plan as php
from logic.casework import service as cw
from logic.casework import views as views_casework
from logic.common.errors import FieldError, PermissionDenied
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


def _rows(sql: str, **params) -> list:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(sql), params)]


# --- assessment ------------------------------------------------------------------------------


def test_an_assessment_stores_the_facts_the_engines_reasons_and_the_officers_decisions(team):
    case_id = new_case(team, children=1)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    facts, determination, duty, engine_duty, overrides = _rows(
        "SELECT facts_json, determination_json, duty, engine_duty, overrides_json "
        "FROM homelessness_assessment WHERE case_id = :c", c=case_id)[0]
    facts, determination = json.loads(facts), json.loads(determination)
    assert facts["household"][0]["relation"] == "child" and facts["household"][0]["dependent"] is True
    assert determination["priority_need"] is True and determination["duty"] == "relief"
    assert any("s.189B" in r["citation"] for r in determination["reasons"])
    assert (duty, engine_duty, overrides) == ("relief", "relief", None)


def test_an_officer_who_decides_otherwise_must_say_why_and_both_views_are_kept(team):
    case_id = new_case(team)
    with pytest.raises(FieldError, match=r"^Why you decide otherwise: Priority need \(s.189\): you "
                       "decided yes where the engine") as refused:
        assess(case_id, team.officer, on=TODAY, housing=HOMELESS, decisions={"priority_need": True})
    assert refused.value.field == "override_reasons.priority_need"
    assert _rows("SELECT count(*) FROM homelessness_assessment") == [(0,)]
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS, decisions={"priority_need": True},
           override_reasons={"priority_need": "GP letter: severe depression, vulnerable under Hotak"})
    priority, overrides = _rows("SELECT priority_need, overrides_json FROM homelessness_assessment")[0]
    assert priority is True
    assert json.loads(overrides) == {"priority_need": {
        "engine": False, "officer": True, "reason": "GP letter: severe depression, vulnerable under Hotak"}}
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert summary.assessments[0].overrides["priority_need"]["engine"] is False
    assert "officer decided otherwise" in next(e for e in _events(case_id, team.officer))


def _events(case_id: int, viewer: int) -> list[str]:
    from logic.cases import service as cases

    return [e.summary for e in cases.open_case_record(case_id=case_id, viewer_id=viewer).events]


def test_a_reassessment_is_a_new_row_and_the_first_is_kept(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(10), housing=threatened_housing(days_ago(10)))
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    assert _rows("SELECT homelessness FROM homelessness_assessment ORDER BY id") == [("threatened",), ("homeless",)]
    assert [a.assessed_on for a in cw.casework_summary(case_id=case_id, viewer_id=team.officer).assessments] == \
        [TODAY, days_ago(10)]


def test_bad_facts_are_refused_naming_the_field(team):
    case_id = new_case(team)
    with pytest.raises(FieldError, match=r"^Immigration status: unknown code") as refused:
        assess(case_id, team.officer, on=TODAY, housing=HOMELESS, applicant={"immigration_status": "citizen"})
    assert refused.value.field == "facts.applicant.immigration_status"
    with pytest.raises(FieldError, match="^Circumstances that caused the homelessness or threat:"):
        cw.record_assessment(case_id=case_id, expected_version=version(case_id, team.officer),
                             officer_id=team.officer, assessed_on=TODAY, circumstances=" ",
                             housing_needs="x", support_needs="x", applicant={"immigration_status": "settled"},
                             housing=HOMELESS)


# --- personalised housing plan -----------------------------------------------------------------


def test_the_plan_keeps_every_status_change_and_its_reviews(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    step = php.add_plan_step(case_id=case_id, expected_version=version(case_id, team.officer),
                             officer_id=team.officer, owner="applicant",
                             description="Send three months' bank statements", due_on=days_ago(-7))
    php.add_plan_step(case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
                      owner="council", description="Call the landlord about mediation", due_on=days_ago(-3))
    with pytest.raises(FieldError, match="^Note: write why the step was not done"):
        php.set_step_status(step_id=step, expected_version=version(case_id, team.officer),
                            officer_id=team.officer, status="not_done")
    php.set_step_status(step_id=step, expected_version=version(case_id, team.officer), officer_id=team.officer,
                        status="not_done", note="Bank app locked; will bring paper copies")
    php.set_step_status(step_id=step, expected_version=version(case_id, team.officer), officer_id=team.officer,
                        status="done")
    php.record_plan_review(case_id=case_id, expected_version=version(case_id, team.officer),
                           officer_id=team.officer, reviewed_on=TODAY, note="Reviewed by phone; plan agreed")
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    first = summary.steps[0]
    assert first.status == "done" and [h[0] for h in first.history] == ["open", "not_done", "done"]
    assert first.history[1][3] == "Bank app locked; will bring paper copies"
    assert summary.reviews[0][2] == "Reviewed by phone; plan agreed"
    assert _rows("SELECT count(*) FROM plan_step") == [(2,)]


def test_a_plan_step_needs_a_known_owner_and_a_review_needs_a_plan(team):
    case_id = new_case(team)
    with pytest.raises(FieldError, match="^Step for:"):
        php.add_plan_step(case_id=case_id, expected_version=1, officer_id=team.officer, owner="landlord",
                          description="x")
    with pytest.raises(FieldError, match="no plan to review"):
        php.record_plan_review(case_id=case_id, expected_version=1, officer_id=team.officer,
                               reviewed_on=TODAY, note="x")


# --- temporary accommodation ----------------------------------------------------------------------


def _in_relief(team, *, children: int = 2, started: int = 3) -> int:
    case_id = new_case(team, children=children)
    assess(case_id, team.officer, on=days_ago(started), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(started))
    return case_id


def _request(team, case_id: int, *, kind: str = "hostel", starts: int = 0,
             basis: str = "s188_1_interim") -> int:
    return ta.request_placement(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, placement_type=kind, address="12 Station Road",
                                cost_per_night="45.50", starts_on=days_ago(starts),
                                reason="Nothing else available tonight", legal_basis=basis)


def test_a_placement_takes_effect_only_when_a_senior_officer_approves_it(team):
    case_id = _in_relief(team)
    placement = _request(team, case_id)
    assert _rows("SELECT status, cost_per_night_pence FROM placement") == [("requested", 4550)]
    with pytest.raises(PermissionDenied, match="Only a senior or manager"):
        ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.officer),
                            approver_id=team.officer, approve=True, reason="ok")
    ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                        approver_id=team.senior, approve=True, reason="Suitable; nearest to school")
    assert _rows("SELECT status, decision_reason FROM placement") == [("approved", "Suitable; nearest to school")]
    with pytest.raises(FieldError, match="already approved"):
        ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                            approver_id=team.manager, approve=False, reason="x")


def test_a_refused_placement_records_the_refusal_and_its_reason(team):
    case_id = _in_relief(team)
    placement = _request(team, case_id)
    ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.manager),
                        approver_id=team.manager, approve=False, reason="Too far from the children's school")
    assert _rows("SELECT status FROM placement") == [("refused",)]
    assert "refused by Mo Manager" in _events(case_id, team.officer)[0]


def test_a_senior_does_not_approve_their_own_request(team):
    case_id = _in_relief(team)
    placement = ta.request_placement(case_id=case_id, expected_version=version(case_id, team.senior),
                                     officer_id=team.senior, placement_type="hostel", address="1 High St",
                                     cost_per_night=30, starts_on=TODAY, reason="Emergency",
                                     legal_basis="s188_1_interim")
    with pytest.raises(PermissionDenied, match="another senior officer"):
        ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                            approver_id=team.senior, approve=True, reason="ok")


def test_no_interim_placement_on_prevention_and_bad_costs_are_refused(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    move(case_id, team.officer, "prevention", on=TODAY)
    with pytest.raises(FieldError, match=r"^Case: no accommodation duty applies"):
        _request(team, case_id)
    relief = _in_relief(team)
    with pytest.raises(FieldError, match=r"^Cost a night \(£\):"):
        ta.request_placement(case_id=relief, expected_version=version(relief, team.officer),
                             officer_id=team.officer, placement_type="hostel", address="x",
                             cost_per_night="-3", starts_on=TODAY, reason="x", legal_basis="s188_1_interim")


def test_a_family_that_has_had_six_weeks_in_bed_and_breakfast_cannot_be_placed_there_again(team):
    case_id = _in_relief(team, started=50)
    first = _request(team, case_id, kind="bed_and_breakfast", starts=45)
    ta.decide_placement(placement_id=first, expected_version=version(case_id, team.senior),
                        approver_id=team.senior, approve=True, reason="Emergency only")
    ta.end_placement(placement_id=first, expected_version=version(case_id, team.officer), officer_id=team.officer,
                     ended_on=days_ago(2), reason="Moved to a hostel")
    with pytest.raises(FieldError, match="already spent 44 days in bed and breakfast"):
        _request(team, case_id, kind="bed_and_breakfast", starts=1)


def test_belongings_in_storage_are_recorded_and_released(team):
    case_id = _in_relief(team)
    stored = ta.record_belongings_stored(case_id=case_id, expected_version=version(case_id, team.officer),
                                         officer_id=team.officer, stored_on=TODAY,
                                         description="Furniture and boxes", stored_with="Safe Store Ltd")
    ta.release_belongings(storage_id=stored, expected_version=version(case_id, team.officer),
                          officer_id=team.officer, released_on=TODAY)
    with pytest.raises(FieldError, match="already released"):
        ta.release_belongings(storage_id=stored, expected_version=version(case_id, team.officer),
                              officer_id=team.officer, released_on=TODAY)
    assert "s.211" in _events(case_id, team.officer)[1]


# --- financial assistance ------------------------------------------------------------------------------


def _ask(team, case_id: int, rent: str, income: str) -> int:
    return ta.request_financial_assistance(
        case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        kind="deposit", amount="950", property_address="4 Elm Close", monthly_rent=rent,
        monthly_income=income, reason="Landlord will let if the deposit is paid")


def test_an_affordable_tenancy_is_funded_once_a_senior_approves(team):
    case_id = _in_relief(team)
    request = _ask(team, case_id, rent="700", income="2400")
    assert _rows("SELECT affordability, rent_share_percent FROM financial_assistance") == [("affordable", 29.2)]
    with pytest.raises(PermissionDenied):
        ta.decide_financial_assistance(assistance_id=request, expected_version=version(case_id, team.officer),
                                       approver_id=team.officer, approve=True, reason="fine")
    ta.decide_financial_assistance(assistance_id=request, expected_version=version(case_id, team.senior),
                                   approver_id=team.senior, approve=True, reason="Affordable; landlord checked")
    assert _rows("SELECT status FROM financial_assistance") == [("approved",)]


def test_an_unaffordable_tenancy_is_refused_and_a_borderline_one_needs_a_budget_check(team):
    case_id = _in_relief(team)
    with pytest.raises(FieldError, match=r"^Rent a month \(£\): The rent is 60.0% of the household's income"):
        _ask(team, case_id, rent="1200", income="2000")
    request = _ask(team, case_id, rent="900", income="2000")
    with pytest.raises(FieldError, match="record the budget check"):
        ta.decide_financial_assistance(assistance_id=request, expected_version=version(case_id, team.senior),
                                       approver_id=team.senior, approve=True, reason="ok")
    ta.decide_financial_assistance(
        assistance_id=request, expected_version=version(case_id, team.senior), approver_id=team.senior,
        approve=True, reason="Budget check: £640 a month left after rent and bills")
    assert _rows("SELECT status, affordability FROM financial_assistance") == [("approved", "budget_check")]


# --- the legal basis of temporary accommodation (s.188, s.190(2), s.193(2), s.200(1)) ---------------


def test_a_placement_request_records_the_duty_it_is_made_under(team):
    case_id = _in_relief(team)
    with pytest.raises(FieldError, match=r"^Duty or power it is made under: choose the duty or power"):
        _request(team, case_id, basis=None)
    placement = _request(team, case_id, basis="s188_1_interim")
    assert _rows("SELECT legal_basis FROM placement WHERE id = :id", id=placement) == [("s188_1_interim",)]
    queue = views_casework.approvals_queue(today=TODAY)
    row = queue.iloc[0]
    assert row["basis"] == "Interim accommodation: reason to believe homeless, eligible and in priority need " \
                           "(Housing Act 1996 s.188(1))"
    assert row["basis_verdict"] == "supported" and "homeless, eligible, in priority need" in row["basis_check"]
    assert "placement requested under Interim accommodation" in _events(case_id, team.officer)[0]


def test_bed_and_breakfast_for_a_single_man_found_not_in_priority_need_is_shown_as_unsupported(team):
    # assessed homeless, eligible, no priority need: s.188(1) gives no interim accommodation duty
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(2), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(2))
    placement = _request(team, case_id, kind="bed_and_breakfast", basis="s188_1_interim")
    row = views_casework.approvals_queue(today=TODAY).iloc[0]
    assert row["basis_verdict"] == "not supported"
    assert row["basis_check"].startswith("The case's findings do not support interim accommodation")
    assert "the latest assessment finds no priority need" in row["basis_check"]
    # a senior approves it only by saying why the council provides it anyway
    with pytest.raises(FieldError, match=r"^Reason: The case's findings do not support .* say why"):
        ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                            approver_id=team.senior, approve=True, reason="OK")
    ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                        approver_id=team.senior, approve=True,
                        reason="Rough sleeping in sub-zero weather (SWEP) while the review is decided")
    event = _events(case_id, team.officer)[0]
    assert "approved by Sade Senior although the case's findings do not support it" in event
    assert _rows("SELECT status FROM placement") == [("approved",)]


def test_the_main_duty_basis_needs_the_main_duty_and_a_refusal_to_refer_needs_no_local_connection():
    from logic.casework import stages

    findings = stages.AssessmentFindings(id=1, assessed_on=TODAY, eligible=True, homelessness="homeless",
                                         priority_need=True, intentionally_homeless=True, duty="intentional",
                                         local_connection=True)
    assert stages.placement_basis_check(findings, "intentional_priority", "s190_2a_intentional").supported
    main = stages.placement_basis_check(findings, "relief", "s193_2_main_duty")
    assert not main.supported and "finds the applicant intentionally homeless" in main.text
    assert "where this duty is not owed" in main.text and "(Housing Act 1996 s.193(2))" in main.text
    referral = stages.placement_basis_check(findings, "relief", "s200_1_referral")
    assert "local connection with this council" in referral.text
    assert not stages.placement_basis_check(None, "assessment", "s188_1_interim").supported
    review = stages.placement_basis_check(findings, "no_further_duty", "s188_3_review")
    assert review.supported and "a power, not a duty" in review.text


def test_a_placement_from_before_the_legal_basis_was_kept_reads_not_recorded(team):
    case_id = _in_relief(team)
    placement = _request(team, case_id)
    with engine_for().begin() as c:
        c.execute(sa.text("UPDATE placement SET legal_basis = NULL WHERE id = :id"), {"id": placement})
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert summary.placements[0]["legal_basis"] == "Not recorded"
    assert views_casework.approvals_queue(today=TODAY).iloc[0]["basis_verdict"] == "not recorded"
