"""Dates due and Compliance work out every open case's dates at once (issue 14): each table's
rows are read once for the team and grouped by case, only the columns the rules read. On every
case of the demo store, the team lists must say exactly what the rules say when each case is
read on its own, the way the case record reads it (the reading below is the one the team lists
used before, one case at a time)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlmodel import Session, select

from logic.casework import stages, views
from logic.casework.service import family_of, findings_of, policies, snapshots
from logic.db import engine_for
from logic.models import HousingCase, Officer, Person
from logic.models.casework import (
    CooperationWarning,
    HomelessnessAssessment,
    HomelessnessDuty,
    Placement,
    PlanAgreement,
    PlanCopyGiven,
    PlanReview,
    PlanStep,
    PlanStepStatus,
)
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store  # noqa: F401 (fixture)

on_the_demo_store = pytest.mark.usefixtures("demo_store")


def _one_case_as_recorded(session: Session, case: HousingCase, today=DEMO_DAY) -> stages.CaseSnapshot:
    """One case's snapshot from its whole rows, read on their own."""
    law, _ = policies(today)

    def of(model, *order):
        return session.exec(select(model).where(model.case_id == case.id).order_by(*order)).all()

    assessments = of(HomelessnessAssessment, HomelessnessAssessment.assessed_on, HomelessnessAssessment.id)
    latest = assessments[-1] if assessments else None
    steps = of(PlanStep, PlanStep.id)

    def status(step_id):
        history = session.exec(select(PlanStepStatus).where(PlanStepStatus.step_id == step_id)
                               .order_by(PlanStepStatus.changed_on, PlanStepStatus.id)).all()
        return history[-1].status if history else "open"

    people = session.exec(select(Person).where(Person.household_id == case.household_id)).all()
    return stages.CaseSnapshot(
        case_id=case.id, reference=case.reference, stage=case.stage, status=case.status,
        opened_on=case.opened_at.date(),
        duties=tuple(stages.DutyPeriod(d.id, d.duty, d.started_on, d.ended_on, d.end_reason, d.notified_on)
                     for d in of(HomelessnessDuty, HomelessnessDuty.started_on, HomelessnessDuty.id)),
        assessment=findings_of(latest) if latest else None,
        steps=tuple(stages.StepState(s.id, s.owner, s.description, s.due_on, s.created_on, status(s.id))
                    for s in steps),
        reviews=tuple(r.reviewed_on for r in of(PlanReview, PlanReview.reviewed_on)),
        placements=tuple(stages.PlacementState(p.id, p.placement_type, p.starts_on, p.status, p.ended_on, p.address)
                         for p in of(Placement, Placement.starts_on, Placement.id)),
        warnings=tuple((w.duty_id, w.warned_on) for w in of(CooperationWarning, CooperationWarning.warned_on,
                                                              CooperationWarning.id)),
        plan_agreements=tuple((r.recorded_on, r.agreed) for r in of(PlanAgreement, PlanAgreement.recorded_on,
                                                                    PlanAgreement.id)),
        plan_copies=tuple(r.given_on for r in of(PlanCopyGiven, PlanCopyGiven.given_on, PlanCopyGiven.id)),
        family=family_of(latest, list(people), today, law),
    )


def _open_cases(session: Session) -> list[HousingCase]:
    return list(session.exec(select(HousingCase).where(HousingCase.case_type == "homelessness",
                                                       HousingCase.status == "open")
                             .order_by(HousingCase.id)).all())


def _each_case(session: Session) -> dict[int, stages.CaseSnapshot]:
    return {case.id: _one_case_as_recorded(session, case) for case in _open_cases(session)}


@on_the_demo_store
def test_the_demo_store_has_the_kinds_of_record_the_rules_read():
    """Not a vacuous comparison: the demo's open cases hold duties, assessments, plans,
    placements and warnings."""
    with Session(engine_for()) as session:
        each = _each_case(session)
    assert len(each) >= 10
    for part in ("duties", "steps", "reviews", "placements"):  # warnings, agreements, copies: below
        assert any(getattr(s, part) for s in each.values()), part
    assert any(s.assessment for s in each.values()) and any(s.family for s in each.values())


@on_the_demo_store
def test_every_open_case_reads_the_same_for_the_team_as_on_its_own():
    with Session(engine_for()) as session:
        each = _each_case(session)
        cases, _, among = views._open_homelessness_cases(session, None)
        team = snapshots(session, cases, DEMO_DAY, among=among)
        one_list = snapshots(session, _open_cases(session), DEMO_DAY)
    assert team == each
    assert one_list == each


def _rows_case_by_case(within_days: int) -> pd.DataFrame:
    law, casework = policies(DEMO_DAY)
    rows = []
    with Session(engine_for()) as session:
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        for case in _open_cases(session):
            snap = _one_case_as_recorded(session, case)
            applicant = session.exec(select(Person).where(Person.household_id == case.household_id,
                                                          Person.relation == "applicant")).first()
            for item in stages.deadlines_for(snap, DEMO_DAY, law, casework):
                status = stages.due_status(item, DEMO_DAY)
                if (item.due_on - DEMO_DAY).days > within_days and status != "warning":
                    continue
                rows.append({"reference": case.reference,
                             "applicant": f"{applicant.given_name} {applicant.family_name}",
                             "officer": names.get(case.assigned_officer_id, "Unallocated"),
                             "officer_id": case.assigned_officer_id, "what": item.what, "due_on": item.due_on,
                             "days_left": (item.due_on - DEMO_DAY).days, "status": status,
                             "citation": item.citation, "stage": stages.STAGE_LABELS.get(case.stage, case.stage)})
    frame = pd.DataFrame(rows, columns=views.DUE_COLUMNS)
    return frame.sort_values(["days_left", "reference"]).reset_index(drop=True)


@on_the_demo_store
def test_dates_due_for_the_team_are_the_rules_applied_to_each_case_for_every_window():
    widest = views.due_and_overdue(today=DEMO_DAY, within_days=56)
    assert len(widest) > 20
    for within in (0, 7, 14, 56):
        expected = _rows_case_by_case(within)
        pd.testing.assert_frame_equal(views.due_and_overdue(today=DEMO_DAY, within_days=within), expected)
        # the screens narrow the day's widest list instead of working it out again
        pd.testing.assert_frame_equal(views.falling_due_within(widest, within), expected,
                                      check_dtype=False)  # an unallocated case: officer ids as floats


@on_the_demo_store
def test_an_officers_own_dates_are_the_teams_rows_for_their_cases():
    team = views.due_and_overdue(today=DEMO_DAY, within_days=56)
    for officer_id in team["officer_id"].dropna().unique():
        own = views.due_and_overdue(today=DEMO_DAY, officer_id=int(officer_id), within_days=14)
        pd.testing.assert_frame_equal(views.falling_due_within(team, 14, int(officer_id)), own, check_dtype=False)


@on_the_demo_store
def test_compliance_lists_what_the_rules_find_on_each_case():
    law, casework = policies(DEMO_DAY)
    expected = []
    with Session(engine_for()) as session:
        for case in _open_cases(session):
            snap = _one_case_as_recorded(session, case)
            expected += [(case.reference, flag.code and stages.FLAG_TITLES[flag.code], flag.text, flag.citation)
                         for flag in stages.compliance_flags(snap, DEMO_DAY, law, casework)]
    found = views.compliance_problems(today=DEMO_DAY)
    assert expected
    assert list(found[["reference", "problem", "detail", "citation"]].itertuples(index=False, name=None)) == expected
    assert json.dumps(sorted(found.columns)) == json.dumps(sorted(views.FLAG_COLUMNS))


def test_warnings_agreements_and_copies_read_the_same_for_the_team_as_on_their_own_case(team):
    """The demo holds no s.193B warning, plan agreement or copy given: two cases that do, on
    both stores."""
    from logic.casework import plan as php
    from logic.casework import service as cw
    from tests.casework.helpers import HOMELESS, TODAY, assess, days_ago, move, new_case, version

    warned = new_case(team)
    assess(warned, team.officer, on=days_ago(30), housing=HOMELESS)
    move(warned, team.officer, "relief", on=days_ago(30))
    cw.give_cooperation_warning(case_id=warned, expected_version=version(warned, team.officer),
                                officer_id=team.officer, warned_on=days_ago(10),
                                steps_refused="Refused three viewings arranged by the council.")
    planned = new_case(team, children=1)
    assess(planned, team.officer, on=days_ago(20), housing=HOMELESS)
    move(planned, team.officer, "relief", on=days_ago(20))
    for owner in ("applicant", "council"):
        php.add_plan_step(case_id=planned, expected_version=version(planned, team.officer),
                          officer_id=team.officer, owner=owner, description=f"Step for the {owner}",
                          due_on=days_ago(-10))
    php.record_plan_agreement(case_id=planned, expected_version=version(planned, team.officer),
                              officer_id=team.officer, agreed=True, recorded_on=TODAY)
    php.record_plan_copy_given(case_id=planned, expected_version=version(planned, team.officer),
                               officer_id=team.officer, given_on=TODAY)
    with Session(engine_for()) as session:
        cases, _, among = views._open_homelessness_cases(session, None)
        team_snaps = snapshots(session, cases, TODAY, among=among)
        each = {case.id: _one_case_as_recorded(session, case, TODAY) for case in _open_cases(session)}
    assert team_snaps == each
    assert team_snaps[warned].warnings and team_snaps[planned].plan_agreements and team_snaps[planned].plan_copies
