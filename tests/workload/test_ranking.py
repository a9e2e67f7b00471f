"""Who is suggested for a new case, over hand-built teams (pure: no store needed)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from logic.common.policy_file import PolicyError
from logic.workload.policy import (
    DEFAULT_FILE,
    WorkloadPolicyBook,
    workload_policy_as_at,
)
from logic.workload.rules import (
    Absence,
    Candidate,
    CaseToPlace,
    case_weight,
    competency,
    fairness,
    rank_officers,
)

TODAY = date(2026, 6, 17)  # Wednesday
POLICY = workload_policy_as_at(TODAY)
PREVENTION = CaseToPlace("homelessness", "prevention")
RELIEF = CaseToPlace("homelessness", "relief")


def officer(i: int, name: str, load: float = 10.0, hours: float = 37.0, cases: int = 8, **more) -> Candidate:
    return Candidate(officer_id=i, full_name=name, role=more.pop("role", "officer"),
                     hours_per_week=hours, weighted_load=load, open_cases=cases, **more)


def ranked_names(case, team):
    return [s.full_name for s in rank_officers(case, team, TODAY, POLICY) if s.eligible]


def test_the_least_loaded_officer_comes_first_and_each_place_has_its_reason():
    team = [officer(1, "Ann Busy", load=20), officer(2, "Ben Light", load=5)]
    first, second = rank_officers(PREVENTION, team, TODAY, POLICY)
    assert (first.full_name, first.rank) == ("Ben Light", 1)
    assert "Weighted load 5.0 points" in first.explanation
    assert "para 2.2" in first.explanation
    assert second.rank == 2 and "higher projected load" in second.explanation


def test_an_officer_away_today_is_skipped_with_the_reason():
    away = Absence("sickness", TODAY - timedelta(days=1), TODAY + timedelta(days=2))
    team = [officer(1, "Ann Away", load=0, absences=(away,)), officer(2, "Ben Here", load=20)]
    suggestions = rank_officers(PREVENTION, team, TODAY, POLICY)
    assert ranked_names(PREVENTION, team) == ["Ben Here"]
    ann = next(s for s in suggestions if s.full_name == "Ann Away")
    assert not ann.eligible and "sickness" in ann.explanation


def test_an_officer_away_most_of_the_next_fortnight_is_skipped_and_a_short_absence_costs_load():
    # 17 June to 30 June has 10 working days
    long_leave = Absence("leave", TODAY + timedelta(days=1), TODAY + timedelta(days=12))
    one_day = Absence("training", TODAY + timedelta(days=1), TODAY + timedelta(days=1))
    team = [officer(1, "Ann Leave", load=0, absences=(long_leave,)),
            officer(2, "Ben Course", load=10, absences=(one_day,)),
            officer(3, "Cat Present", load=10.5)]
    suggestions = {s.full_name: s for s in rank_officers(PREVENTION, team, TODAY, POLICY)}
    assert not suggestions["Ann Leave"].eligible
    assert "20%" in suggestions["Ann Leave"].explanation  # present 17 and 30 June only
    # Ben: (10 + 1) / (1.0 x 0.9) = 12.2; Cat: (10.5 + 1) / 1.0 = 11.5
    assert suggestions["Ben Course"].available_share == pytest.approx(0.9)
    assert ranked_names(PREVENTION, team) == ["Cat Present", "Ben Course"]


def test_a_part_time_officer_counts_their_load_per_fte():
    team = [officer(1, "Ann Parttime", load=6, hours=18.5), officer(2, "Ben Fulltime", load=10)]
    # Ann: (6 + 1) / 0.5 = 14; Ben: (10 + 1) / 1 = 11
    assert ranked_names(PREVENTION, team) == ["Ben Fulltime", "Ann Parttime"]


@pytest.mark.parametrize(("months", "prevention", "relief", "main_duty_decision", "intentionality"), [
    (5, False, False, False, False),  # under 6 months: no case at all
    (6, True, False, False, False),  # 6 to 12 months: prevention only
    (11, True, False, False, False),
    (12, True, True, False, False),  # 12 to 24 months: prevention and relief
    (23, True, True, False, False),
    (24, True, True, True, True),  # 24 months and over: anything, including intentionality
])
def test_a_trainee_is_gated_by_months_in_post(months, prevention, relief, main_duty_decision,
                                              intentionality):
    started = date(TODAY.year - (months // 12), TODAY.month, TODAY.day)
    started = date(started.year - (1 if TODAY.month - months % 12 < 1 else 0),
                   (TODAY.month - months % 12 - 1) % 12 + 1, TODAY.day)
    assert competency("trainee", started, None, TODAY, POLICY).months_in_post == months
    tim = [officer(1, "Tim Trainee", load=0, role="trainee", started_on=started)]
    cases = {
        "prevention": PREVENTION, "relief": RELIEF,
        "main_duty_decision": CaseToPlace("homelessness", "main_duty_decision"),
        "intentionality": CaseToPlace("homelessness", "relief", frozenset({"intentionality_inquiry"})),
    }
    allowed = {name: bool(ranked_names(case, tim)) for name, case in cases.items()}
    assert allowed == {"prevention": prevention, "relief": relief,
                       "main_duty_decision": main_duty_decision, "intentionality": intentionality}


def test_a_gated_trainee_is_told_why_citing_the_policy():
    tim = officer(1, "Tim Trainee", load=0, role="trainee", started_on=date(2026, 1, 5))
    (suggestion,) = rank_officers(RELIEF, [tim], TODAY, POLICY)
    assert not suggestion.eligible
    assert "5 months in post" in suggestion.explanation
    assert "para 6.1" in suggestion.explanation and "at relief" in suggestion.explanation


def test_a_recorded_level_holds_a_trainee_back_but_never_pushes_them_ahead():
    started = date(2025, 3, 1)  # 15 months: relief by months
    held_back = officer(1, "Tim Trainee", role="trainee", started_on=started, competency_level="prevention")
    assert ranked_names(RELIEF, [held_back]) == []
    early = officer(2, "Tia Trainee", role="trainee", started_on=date(2026, 3, 1), competency_level="full")
    assert ranked_names(PREVENTION, [early]) == []  # 3 months: induction, whatever is recorded


def test_managers_hold_no_caseload():
    team = [officer(1, "Mo Manager", load=0, role="manager"), officer(2, "Olga Officer")]
    assert ranked_names(PREVENTION, team) == ["Olga Officer"]


def test_continuity_with_a_known_household_comes_first_unless_over_capacity():
    team = [officer(1, "Ann Light", load=2), officer(2, "Ben Knows", load=20, knows_household="HL-000042")]
    first = rank_officers(PREVENTION, team, TODAY, POLICY)[0]
    assert first.full_name == "Ben Knows" and first.continuity
    assert "HL-000042" in first.explanation
    overloaded = [officer(1, "Ann Light", load=2), officer(2, "Ben Knows", load=31, knows_household="HL-000042")]
    assert ranked_names(PREVENTION, overloaded) == ["Ann Light", "Ben Knows"]


def test_ties_go_to_fewer_open_cases_then_by_name_as_the_readme_says():
    team = [officer(3, "Cara Equal", load=10, cases=9), officer(1, "Bea Equal", load=10, cases=9),
            officer(2, "Abe Equal", load=10.02, cases=12), officer(4, "Dan Equal", load=10, cases=5)]
    # all within the 0.05 tolerance; Dan has fewest cases; Bea before Cara by name; Abe has most
    suggestions = [s for s in rank_officers(PREVENTION, team, TODAY, POLICY) if s.eligible]
    assert [s.full_name for s in suggestions] == ["Dan Equal", "Bea Equal", "Cara Equal", "Abe Equal"]
    assert "tie rule" in suggestions[1].explanation


def test_a_case_weighs_its_stage_plus_its_complexity_markers_citing_the_policy():
    weight = case_weight("homelessness", "relief", {"intentionality_inquiry", "safeguarding"}, POLICY)
    assert weight.points == pytest.approx(1.5 + 1.0 + 0.5)
    assert any("para 4.1" in r for r in weight.reasons)
    unknown = case_weight("homelessness", "review_pending", set(), POLICY)
    assert unknown.points == 0 and not unknown.weighted


def test_fairness_is_the_coefficient_of_variation_and_the_heaviest_over_the_mean():
    spread = fairness([10, 10, 10, 30])
    assert spread.mean == 15
    assert spread.cv == pytest.approx(8.660254 / 15)
    assert spread.max_over_mean == 2
    assert fairness([]).officers == 0


def test_a_malformed_workload_policy_is_refused_naming_the_key(tmp_path: Path):
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "workload.toml"
    bad.write_text(text.replace('relief = { value = 1.5,', 'relief = { value = "heavy",'), encoding="utf-8")
    with pytest.raises(PolicyError, match=r"stage_weights\.homelessness\.relief\.value"):
        WorkloadPolicyBook(bad)
    bad.write_text(text.replace('min_months = { value = 12,', 'min_months = { value = 3,'), encoding="utf-8")
    with pytest.raises(PolicyError, match=r"competency\.levels\[2\]\.min_months"):
        WorkloadPolicyBook(bad)
    bad.write_text(text.replace('points_per_fte = { value = 30.0, ref = "para 2.2: weighted caseload a full-time officer carries" }',
                                'points_per_fte = { value = 30.0 }'), encoding="utf-8")
    with pytest.raises(PolicyError, match=r"capacity\.points_per_fte\.ref"):
        WorkloadPolicyBook(bad)
