"""The personalised housing plan (s.189A(4)-(6)): reasonable steps for the applicant and the
council, their status over time, whether the applicant agreed them (s.189A(5)) or why not
(s.189A(6)), the copy given to the applicant (s.189A(8)), and the plan's reviews (s.189A(9)).

A step is never edited: its status changes by a new `plan_step_status` row, so the plan's
history is kept (what was agreed, when it was done or not done, and who said so).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from logic import clock
from logic.casework import stages
from logic.casework.service import (
    FIELD_LABELS,
    check_date,
    clean_text,
    homelessness_case_for,
    require_open,
    step_statuses,
)
from logic.common import codes
from logic.common.errors import FieldError, NotFound
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.law.core import long_date
from logic.models.casework import PlanAgreement, PlanCopyGiven, PlanReview, PlanStep, PlanStepStatus

OWNERS = codes.PLAN_STEP_OWNERS.options()
STEP_STATUSES = codes.PLAN_STEP_STATUSES.options()
# A plan is made for an eligible applicant who is homeless or threatened (s.189A(1)): while
# the case is assessed, and through the prevention and relief duties.
PLAN_STAGES = (stages.ASSESSMENT, stages.PREVENTION, stages.RELIEF)


def add_plan_step(*, case_id: int, expected_version: int, officer_id: int, owner: str,
                  description: str, due_on: date | None = None, today: date | None = None) -> int:
    """Add a reasonable step to the plan, for the applicant or for the council."""
    today = today or clock.today()
    if owner not in OWNERS:
        raise FieldError("owner", "choose the applicant or the council", FIELD_LABELS)
    description = clean_text(description, "description", "the step, in words the applicant will understand")
    if due_on is not None:
        check_date(due_on, "due_on", today, future_ok=True)
        if due_on < today:
            raise FieldError("due_on", "a new step cannot be due in the past", FIELD_LABELS)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        if case.stage not in PLAN_STAGES:
            raise FieldError("case", "the personalised housing plan runs with the assessment, prevention "
                                       "and relief duties (s.189A); this case has moved past them",
                                       FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        step = PlanStep(case_id=case_id, owner=owner, description=description, due_on=due_on,
                        created_on=today, created_by_id=officer_id)
        session.add(step)
        session.flush()
        session.add(PlanStepStatus(step_id=step.id, status="open", changed_on=today, changed_by_id=officer_id))
        due = f", due {due_on.isoformat()}" if due_on else ""
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="plan_step_added",
                          summary=f"Plan step for the {owner} added{due}: {description[:200]}")
        record_audit(session, actor_id=officer_id, action="create", entity="plan_step", entity_id=step.id)
        return step.id


def set_step_status(*, step_id: int, expected_version: int, officer_id: int, status: str,
                    note: str | None = None, on: date | None = None, today: date | None = None) -> None:
    """A step is done, not done (with why), or open again; recorded as a new status row."""
    today = today or clock.today()
    on = on or today
    check_date(on, "on", today)
    if status not in STEP_STATUSES:
        raise FieldError("status", "choose open, done or not done", FIELD_LABELS)
    note = clean_text(note, "note", "why the step was not done", required=status == "not_done")
    with session_scope() as session:
        step = session.get(PlanStep, step_id)
        if step is None:
            raise NotFound(f"Plan step {step_id} does not exist.")
        _, case = homelessness_case_for(session, officer_id, step.case_id,
                                        acting=True, expected_version=expected_version)
        require_open(case)
        current = step_statuses(session, [step_id]).get(step_id, [("open", step.created_on, 0, None)])[-1]
        if current[0] == status:
            raise FieldError("status", f"the step is already {STEP_STATUSES[status].lower()}",
                             FIELD_LABELS)
        if on < current[1]:
            raise FieldError("on", f"the step's status last changed on {current[1].isoformat()}; "
                                     "a later change cannot be dated before it", FIELD_LABELS)
        claim_case_version(session, case_id=step.case_id, expected_version=expected_version)
        session.add(PlanStepStatus(step_id=step_id, status=status, changed_on=on, changed_by_id=officer_id,
                                   note=note or None))
        record_case_event(session, case_id=step.case_id, actor_id=officer_id, kind="plan_step_status",
                          summary=f"Plan step ({step.owner}) marked {STEP_STATUSES[status].lower()}: "
                                  f"{step.description[:200]}",
                          reason=note or None, changes={"step_status": (current[0], status)})
        record_audit(session, actor_id=officer_id, action="update", entity="plan_step", entity_id=step_id,
                     detail=status)


def record_plan_review(*, case_id: int, expected_version: int, officer_id: int, reviewed_on: date,
                       note: str, today: date | None = None) -> None:
    """The plan was reviewed with the applicant (s.189A(9)); the next review is counted from here."""
    today = today or clock.today()
    check_date(reviewed_on, "reviewed_on", today)
    note = clean_text(note, "note", "what the review found and any change to the plan")
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        first = session.exec(select(PlanStep.created_on).where(PlanStep.case_id == case_id)
                             .order_by(PlanStep.created_on)).first()
        if first is None:
            raise FieldError("plan", "there is no plan to review yet: add its steps first",
                             FIELD_LABELS)
        if reviewed_on < first:
            raise FieldError("reviewed_on", f"the plan was written on {first.isoformat()}; a review "
                                              "cannot come before it", FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        review = PlanReview(case_id=case_id, reviewed_on=reviewed_on, reviewed_by_id=officer_id, note=note)
        session.add(review)
        session.flush()
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="plan_reviewed",
                          summary=f"Personalised housing plan reviewed on {reviewed_on.isoformat()} (s.189A(9))",
                          reason=note)
        record_audit(session, actor_id=officer_id, action="create", entity="plan_review", entity_id=review.id)


def _first_step_on(session, case_id: int):
    return session.exec(select(PlanStep.created_on).where(PlanStep.case_id == case_id)
                        .order_by(PlanStep.created_on)).first()


def record_plan_agreement(*, case_id: int, expected_version: int, officer_id: int, agreed: bool,
                          recorded_on: date, reason: str | None = None, today: date | None = None) -> int:
    """The applicant agreed the plan's steps (s.189A(4)-(5)); or they could not be agreed, and the
    council records why (s.189A(6)(a)): the steps in the plan are then the ones the council
    considers reasonable to require (s.189A(6)(b)-(c)). A later record replaces an earlier one as
    the plan's state; both are kept."""
    today = today or clock.today()
    check_date(recorded_on, "recorded_on", today)
    reason = clean_text(reason, "agreement_reason", "why the steps could not be agreed",
                        required=not agreed)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        first = _first_step_on(session, case_id)
        if first is None:
            raise FieldError("plan", "there is no plan to agree yet: add its steps first", FIELD_LABELS)
        if recorded_on < first:
            raise FieldError("recorded_on", f"the plan was written on {long_date(first)}; it cannot be "
                                              "agreed before it", FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = PlanAgreement(case_id=case_id, agreed=agreed, recorded_on=recorded_on,
                            reason=(reason or None) if not agreed else None, recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        if agreed:
            summary = f"The applicant agreed the plan's steps on {long_date(recorded_on)} (s.189A(5))"
        else:
            summary = (f"The plan's steps could not be agreed with the applicant ({long_date(recorded_on)}); "
                       "the steps recorded are those the council considers reasonable (s.189A(6))")
        record_case_event(session, case_id=case_id, actor_id=officer_id,
                          kind="plan_agreed" if agreed else "plan_not_agreed", summary=summary,
                          reason=reason or None)
        record_audit(session, actor_id=officer_id, action="create", entity="plan_agreement", entity_id=row.id)
        return row.id


def record_plan_copy_given(*, case_id: int, expected_version: int, officer_id: int, given_on: date,
                           today: date | None = None) -> int:
    """A copy of the written plan was given to the applicant (s.189A(8))."""
    today = today or clock.today()
    check_date(given_on, "given_on", today)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        first = _first_step_on(session, case_id)
        if first is None:
            raise FieldError("plan", "there is no plan to give a copy of yet: add its steps first",
                             FIELD_LABELS)
        if given_on < first:
            raise FieldError("given_on", f"the plan was written on {long_date(first)}; a copy cannot be "
                                           "given before it", FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = PlanCopyGiven(case_id=case_id, given_on=given_on, given_by_id=officer_id)
        session.add(row)
        session.flush()
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="plan_copy_given",
                          summary=f"A copy of the personalised housing plan was given to the applicant on "
                                  f"{long_date(given_on)} (s.189A(8))")
        record_audit(session, actor_id=officer_id, action="create", entity="plan_copy_given", entity_id=row.id)
        return row.id
