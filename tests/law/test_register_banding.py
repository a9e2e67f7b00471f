"""Part 6: who qualifies for the housing register, in which band, from which date."""

from __future__ import annotations

from datetime import date
from typing import Any

from logic.law import determine


def case(register: dict[str, Any] | None = None, years: int = 5, **housing: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "assessment_date": "2026-11-23",
        "applicant": {"dob": "1980-01-01", "sex": "M", "immigration_status": "british_irish"},
        "household": [],
        "housing": {"has_accommodation": True, **housing},
        "local_connection": {"months_resident_last_12": 12 if years else 0,
                             "years_resident_last_5": years},
    }
    if register is not None:
        facts["register"] = register
    return facts


def rules(d: Any, field: str) -> list[str]:
    return [r.rule for r in d.reasons_for(field)]


def test_a_settled_resident_with_no_need_qualifies_in_the_lowest_band_from_application() -> None:
    d = determine(case({"application_date": "2025-06-01"}))
    assert d.qualifies and d.band == "D"
    assert d.band_effective_date == date(2025, 6, 1)


def test_without_an_application_date_the_assessment_date_is_used_and_said() -> None:
    d = determine(case())
    assert d.band == "D" and d.band_effective_date == date(2026, 11, 23)
    assert any("none is recorded" in r.text for r in d.reasons_for("band_effective_date"))
    assert "register_details_not_recorded" in rules(d, "qualifies")


def test_a_newcomer_of_one_year_does_not_meet_the_residence_test() -> None:
    d = determine(case(years=1))
    assert not d.qualifies and d.band is None
    assert "residence_test_not_met" in rules(d, "qualifies")


def test_a_homeless_newcomer_is_exempt_from_the_residence_test() -> None:
    d = determine(case(years=0, reasonable_to_occupy=False))
    assert d.qualifies
    assert "residence_test_exempt" in rules(d, "qualifies")


def test_the_armed_forces_cannot_be_held_to_a_residence_test() -> None:
    d = determine(case({"armed_forces": True}, years=0))
    assert d.qualifies and "residence_test_armed_forces" in rules(d, "qualifies")


def test_moving_for_work_with_a_hardship_need_is_exempt_by_law() -> None:
    d = determine(case({"moving_for_work": True}, years=0, hardship_locality_need=True))
    assert d.qualifies and "residence_test_right_to_move" in rules(d, "qualifies")


def test_income_and_savings_above_the_thresholds_disqualify() -> None:
    d = determine(case({"household_income": 75000, "household_savings": 20000}))
    assert not d.qualifies
    assert {"income_above_threshold", "savings_above_threshold"} <= set(rules(d, "qualifies"))
    assert determine(case({"household_income": 60000, "household_savings": 16000})).qualifies


def test_rent_arrears_disqualify_unless_a_repayment_plan_is_kept() -> None:
    assert not determine(case({"rent_arrears": 1500})).qualifies
    assert determine(case({"rent_arrears": 1000})).qualifies
    kept = determine(case({"rent_arrears": 1500, "arrears_plan_kept": True}))
    assert kept.qualifies and "arrears_plan_kept" in rules(kept, "qualifies")


def test_unacceptable_behaviour_and_home_ownership_disqualify() -> None:
    assert not determine(case({"unacceptable_behaviour": True})).qualifies
    assert not determine(case({"owns_home": True})).qualifies


def test_an_ineligible_applicant_cannot_join_the_register() -> None:
    facts = case()
    facts["applicant"]["immigration_status"] = "asylum_seeker"
    d = determine(facts)
    assert not d.qualifies and d.band is None
    assert "not_eligible_cannot_qualify" in rules(d, "qualifies")


def test_bands_follow_the_policy_order() -> None:
    one = determine(case(unsatisfactory_conditions=True))
    assert one.band == "C"
    medical = determine(case(medical_welfare_need=True))
    assert medical.band == "B"
    two = determine(case(unsatisfactory_conditions=True, hardship_locality_need=True))
    assert two.band == "B"
    three = determine(case(unsatisfactory_conditions=True, hardship_locality_need=True,
                           medical_welfare_need=True))
    assert three.band == "A"


def test_the_main_duty_places_a_household_in_band_a() -> None:
    facts = case()
    facts["housing"] = {"has_accommodation": False}
    facts["applicant"]["pregnant"] = True
    facts["history"] = {"relief_duty_started_on": "2026-08-01"}
    d = determine(facts)
    assert d.duty == "main" and d.band == "A"
    assert d.band_effective_date == date(2026, 11, 23)
    assert "owed the main housing duty" in d.reasons_for("band")[0].text


def test_the_duty_the_casework_records_gives_the_second_preference_group() -> None:
    # in an unsatisfactory home (s.166A(3)(c)): band C alone; owed the prevention duty on the
    # household's homelessness case as well (s.166A(3)(b)): two groups, band B
    alone = determine(case({}, unsatisfactory_conditions=True))
    assert alone.band == "C" and alone.reasonable_preference == ("unsatisfactory_housing",)
    owed = determine(case({"homelessness_duty": "prevention"}, unsatisfactory_conditions=True))
    assert owed.band == "B"
    assert owed.reasonable_preference == ("owed_duty", "unsatisfactory_housing")
    assert any("s.195(2)" in r.text for r in owed.reasons_for("reasonable_preference"))


def test_a_recorded_main_duty_is_owed_to_someone_found_homeless_and_gives_band_a() -> None:
    d = determine(case({"homelessness_duty": "main"}))
    assert set(d.reasonable_preference) == {"homeless", "owed_duty"}
    assert d.band == "A"


def test_a_recorded_relief_duty_places_in_the_homeless_group_only() -> None:
    d = determine(case({"homelessness_duty": "relief"}))
    assert d.reasonable_preference == ("homeless",)
    assert "relief_not_a_preference_duty" in rules(d, "reasonable_preference")
