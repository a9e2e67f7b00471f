"""Register applications and their assessment, as an officer meets them (both backends).

Expected bands and bedroom needs are worked from data/policy/allocation.toml: size criteria
(own room from 16, same-sex sharing under 16, any two children under 10), residence 2 of the
last 5 years, income limit £60,000, savings £16,000, arrears £1,000; band C for one reasonable
preference group (para 6.4, dated from the assessment), B for a medical/welfare need (6.3),
D for none (6.5, dated from the application).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from logic.common.errors import FieldError, PermissionDenied, StaleRecord
from logic.db import engine_for
from logic.register import service as register
from tests.register.helpers import TODAY, apply, assess, details, new_household, person, version


def _family(team) -> int:
    # a son of 12 and a daughter of 7: 12 is too old to share with a girl (any-sex sharing
    # stops at 10), so the household needs 3 bedrooms and its 2-bedroom flat is overcrowded
    return new_household(team, person("child", "Tomi", date(2014, 5, 1), "M"),
                         person("child", "Bisi", date(2019, 2, 2), "F"))


def _events(case_id: int) -> list[tuple[str, str, str | None]]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT kind, summary, reason FROM case_event WHERE case_id = :c ORDER BY id"),
            {"c": case_id})]


def test_an_application_is_recorded_and_moves_to_assessment(team):
    case_id = apply(team, _family(team))
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    assert record.reference.startswith("HR-") and record.stage == "assessment"
    assert record.application.tenure == "private_rented" and record.application.current_bedrooms == 2
    kinds = [k for k, _, _ in _events(case_id)]
    assert kinds == ["case_opened", "register_application", "stage_changed"]


@pytest.mark.parametrize(("change", "field"), [
    ({"years_resident_last_5": 7}, "years_resident_last_5"),
    ({"tenure": "castle"}, "tenure"),
    ({"medical_welfare_need": True}, "medical_welfare_detail"),
    ({"household_income": -5.0}, "household_income"),
    ({"application_date": date(2027, 1, 1)}, "application_date"),
    ({"tenure": "no_fixed_abode"}, "has_accommodation"),
])
def test_bad_details_are_refused_naming_the_field_and_nothing_is_written(team, change, field):
    household_id = _family(team)
    with pytest.raises(FieldError) as refused:
        apply(team, household_id, **change)
    assert refused.value.field == field
    with engine_for().connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM cases")).scalar_one() == 0


def test_a_correction_lists_what_changed_on_the_case(team):
    case_id = apply(team, _family(team))
    register.save_application(case_id=case_id, expected_version=version(case_id, team),
                              actor_id=team.officer, today=TODAY,
                              details=details(current_bedrooms=1, household_income=21000))
    kind, summary, _ = _events(case_id)[-1]
    assert kind == "register_application"
    assert summary == ("Register application details changed: Bedrooms in current home; "
                       "Gross household income, £ a year")


def test_confirming_the_engine_puts_an_overcrowded_family_in_band_c_needing_three_bedrooms(team):
    case_id = apply(team, _family(team))
    preview = register.preview_assessment(case_id=case_id, viewer_id=team.officer, assessed_on=TODAY)
    assert preview.determination.bedroom_need == 3
    assert preview.determination.reasonable_preference == ("unsatisfactory_housing",)
    assert preview.determination.band == "C"

    assess(team, case_id)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    current = record.current
    assert record.stage == "active"
    assert (current.decision, current.band, current.band_effective_date, current.bedroom_need) == (
        "confirmed", "C", TODAY, 3)
    rules = [r["rule"] for r in current.determination["reasons"]]
    assert "preference_unsatisfactory_housing" in rules and "band" in rules
    assert record.application.registered_on == TODAY
    assert "Assessment confirmed: band C" in _events(case_id)[-2][1]


def test_an_override_needs_a_reason_and_keeps_what_the_engine_found(team):
    case_id = apply(team, _family(team))
    with pytest.raises(FieldError) as refused:
        assess(team, case_id, decision="override", override_band="B", override_reason="")
    assert refused.value.field == "override_reason"
    reason = "Letter from Dr Shah: Tomi's asthma is made worse by damp in the bedroom."
    assess(team, case_id, decision="override", override_band="B", override_reason=reason)
    current = register.open_register_record(case_id=case_id, viewer_id=team.officer).current
    assert (current.decision, current.band, current.engine_band) == ("overridden", "B", "C")
    assert current.override_reason == reason
    # band B counts from the assessment (allocation.toml para 6.3)
    assert current.band_effective_date == TODAY
    kind, summary, why = _events(case_id)[-2]
    assert "the engine found band C" in summary and why == reason


def test_a_re_assessment_in_the_same_band_keeps_the_band_date(team):
    case_id = apply(team, _family(team))
    assess(team, case_id, on=date(2026, 3, 2))
    assess(team, case_id, on=TODAY)
    current = register.open_register_record(case_id=case_id, viewer_id=team.officer).current
    # the engine dates band C from the new assessment; register.toml para 6.7 keeps the old date
    assert current.band == "C" and current.band_effective_date == date(2026, 3, 2)
    assert "keep your band date of 2 March 2026" in current.band_date_reason


def test_income_above_the_limit_means_no_qualification_with_the_money_reasons(team):
    case_id = apply(team, _family(team), household_income=75000.0, housing_costs_monthly=2500.0)
    assess(team, case_id)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer)
    current = record.current
    assert not current.qualifies and current.band is None and record.stage == "assessment"
    assert current.financial["result"] == "above_thresholds"
    # 2,500 x 12 / 75,000 = 40% of income, above register.toml's 35%
    assert current.financial["affordability"] == "unaffordable"
    assert current.financial["housing_cost_share_percent"] == 40.0
    texts = " ".join(r["text"] for r in current.financial["reasons"])
    assert "£75,000 a year is above the scheme's limit of £60,000" in texts
    assert "income_above_threshold" in [r["rule"] for r in current.determination["reasons"]]


def test_a_newcomer_can_ask_for_a_review_and_a_senior_varies_the_decision(team):
    case_id = apply(team, _family(team), years_resident_last_5=1, months_resident_last_12=12)
    assess(team, case_id, on=date(2026, 10, 1))
    assert not register.open_register_record(case_id=case_id, viewer_id=team.officer).current.qualifies

    # the scheme allows 21 days from the decision (allocation.toml para 10.1): 1 Oct + 20 = 21 Oct
    with pytest.raises(FieldError) as late:
        register.request_review(case_id=case_id, expected_version=version(case_id, team),
                                actor_id=team.officer, requested_on=date(2026, 10, 22),
                                grounds="Lived here 18 months before moving away briefly.",
                                today=TODAY)
    assert late.value.field == "late_reason" and "21 October 2026" in late.value.problem
    review_id = register.request_review(
        case_id=case_id, expected_version=version(case_id, team), actor_id=team.officer,
        requested_on=date(2026, 10, 21), grounds="Lived here 18 months before moving away briefly.",
        today=TODAY)

    with pytest.raises(PermissionDenied):  # an officer is not a reviewer (register.toml para 10.2)
        register.decide_review(review_id=review_id, expected_version=version(case_id, team),
                               actor_id=team.other_officer, decided_on=TODAY, outcome="upheld",
                               reason="The residence test is not met on the evidence.", today=TODAY)
    register.decide_review(review_id=review_id, expected_version=version(case_id, team),
                           actor_id=team.senior, decided_on=TODAY, outcome="varied", new_band="C",
                           reason="Council tax records show 2 years' residence; test met.",
                           today=TODAY)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer)
    assert record.stage == "active" and record.current.band == "C"
    assert record.current.kind == "review" and record.reviews[0].outcome == "varied"
    assert record.reviews[0].in_time


def test_the_officer_who_decided_cannot_review_their_own_decision(team):
    case_id = apply(team, _family(team))
    assess(team, case_id, actor=team.senior)
    review_id = register.request_review(case_id=case_id, expected_version=version(case_id, team),
                                        actor_id=team.officer, requested_on=TODAY,
                                        grounds="Band too low.", today=TODAY)
    with pytest.raises(PermissionDenied):
        register.decide_review(review_id=review_id, expected_version=version(case_id, team),
                               actor_id=team.senior, decided_on=TODAY, outcome="upheld",
                               reason="Band C is right for one preference group.", today=TODAY)


def test_evidence_is_recorded_and_checked_by_a_named_officer(team):
    case_id = apply(team, _family(team))
    evidence_id = register.add_evidence(case_id=case_id, actor_id=team.officer,
                                        what="Payslips, 3 months", received_on=date(2026, 11, 20),
                                        today=TODAY)
    register.check_evidence(evidence_id=evidence_id, actor_id=team.senior, checked_on=TODAY)
    evidence = register.open_register_record(case_id=case_id, viewer_id=team.officer).evidence[0]
    assert (evidence.what, evidence.checked_by, evidence.checked_on) == (
        "Payslips, 3 months", "Sade Senior", TODAY)
    with pytest.raises(FieldError):
        register.check_evidence(evidence_id=evidence_id, actor_id=team.officer)


def test_trainees_do_not_work_the_register(team):
    household_id = _family(team)
    with pytest.raises(PermissionDenied):
        register.open_register_application(actor_id=team.trainee, household_id=household_id,
                                           details=details(), today=TODAY)


def test_a_decision_on_a_case_someone_else_changed_is_refused(team):
    case_id = apply(team, _family(team))
    seen = version(case_id, team)
    register.save_application(case_id=case_id, expected_version=seen, actor_id=team.other_officer,
                              details=details(current_bedrooms=1), today=TODAY)
    with pytest.raises(StaleRecord):
        register.decide_assessment(case_id=case_id, expected_version=seen, actor_id=team.officer,
                                   assessed_on=TODAY, decision="confirm", today=TODAY)
    with engine_for().connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM register_assessment")).scalar_one() == 0


def test_the_assessment_keeps_the_facts_it_was_made_on(team):
    case_id = apply(team, _family(team))
    assess(team, case_id)
    with engine_for().connect() as c:
        facts = json.loads(c.execute(sa.text("SELECT facts_json FROM register_assessment")).scalar_one())
    assert facts["housing"]["current_bedrooms"] == 2 and len(facts["household"]) == 2
    assert facts["register"]["application_date"] == "2026-01-12"
