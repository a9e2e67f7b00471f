"""The personalised housing plan (s.189A(4)-(6)): reasonable steps for the applicant and the
council, their status over time, and the plan's reviews (s.189A(9)).

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
from logic.models.casework import PlanReview, PlanStep, PlanStepStatus

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
