"""Reviews of Part 7 decisions (Housing Act 1996 s.202-s.203) and appeals to the county court
(s.204): the request against the decision it challenges, the reviewer, the "minded to" notice,
representations, the decision and what follows it, the appeal and its outcome.

The rules are pure functions in `logic.casework.stages` (the reviewer rule, the decision's
period, the minded-to wait, what an overturn reopens); this module reads the case, asks them,
and writes the rows with a case event and an audit row in one transaction. Every row is
appended, never updated (logic/models/casework.py): a review moves on by its later rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlmodel import Session, select

from logic import clock
from logic.casework import stages
from logic.casework.service import (
    apply_transition,
    homelessness_case_for,
    policies,
    snapshot,
)
from logic.common import codes, limits
from logic.common.errors import FieldError, NotFound, Refused
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.law import deadlines as law_deadlines
from logic.law.core import long_date
from logic.letters.catalogue import LETTER_TYPES
from logic.models import CaseEvent, HousingCase, Officer
from logic.models.casework import (
    HomelessnessAssessment,
    Part7Appeal,
    Part7AppealOutcome,
    Part7Review,
    Part7ReviewDecision,
    Part7ReviewExtension,
    Part7ReviewMindedTo,
    Part7ReviewRepresentations,
    Part7ReviewReviewer,
)
from logic.models.letters import IssuedLetter

FIELD_LABELS = stages.REVIEW_FIELD_LABELS
TEXT_LIMIT = limits.FREE_TEXT_LIMIT  # the one limit of officers' free text
# the case events that record a decision (the officer who recorded it took part in it)
_DECIDING_EVENTS = ("stage_changed", "duty_ended", "assessment_recorded")


# --- who may do what ------------------------------------------------------------------------------


def may_decide_part7_review(officer: Actor, on: date | None = None) -> Permission:
    """Whether `officer`'s role is one the council lets review decisions (casework.toml as at
    `on`). Whether they may review a particular decision (senior to its maker, not involved in
    it) is checked when they are assigned to it (stages.check_reviewer)."""
    _, casework = policies(on or clock.today())
    roles = casework.reviewer_roles
    words = " or ".join(codes.ROLES.label(r).lower() for r in roles)
    if officer.role in roles:
        return allowed(f"A {words} may review decisions they were not involved in.")
    return refused(f"Only a {words} may assign or carry out a review of a homelessness decision.")


def may_act_as_reviewer(officer: Actor, review: ReviewView) -> Permission:
    """Whether `officer` records the reviewer's steps on `review` (the minded-to notice,
    representations, the decision): only its assigned reviewer, while it is open."""
    if not review.open:
        return refused("This review is not open.")
    if review.reviewer_id is None:
        return refused("No reviewer is assigned yet.")
    if officer.id != review.reviewer_id:
        return refused(f"{review.reviewer} is the reviewer: the review's steps are theirs.")
    return allowed("You are this review's reviewer.")


# --- small helpers --------------------------------------------------------------------------------


def _text(value: str | None, field_name: str, what: str, required: bool = True) -> str | None:
    text = (value or "").strip()
    if required and not text:
        raise FieldError(field_name, f"write {what}", FIELD_LABELS)
    if len(text) > TEXT_LIMIT:
        raise FieldError(field_name, "is longer than 20,000 characters", FIELD_LABELS)
    return text or None


def _date(value, field_name: str, today: date, *, not_before: date | None = None,
          before_what: str = "") -> date:
    if not isinstance(value, date):
        raise FieldError(field_name, "give a date", FIELD_LABELS)
    if value > today:
        raise FieldError(field_name, "cannot be a date still to come", FIELD_LABELS)
    if not_before is not None and value < not_before:
        raise FieldError(field_name, f"cannot be before {before_what} ({long_date(not_before)})",
                         FIELD_LABELS)
    return value


def _review_and_case(session: Session, officer_id: int, review_id: int, expected_version: int
                     ) -> tuple[Officer, HousingCase, Part7Review, stages.ReviewState]:
    review = session.get(Part7Review, review_id)
    if review is None:
        raise NotFound(f"Review {review_id} does not exist.")
    officer, case = homelessness_case_for(session, officer_id, review.case_id,
                                          expected_version=expected_version)
    state = next(r for r in snapshot(session, case, clock.today()).part7_reviews if r.id == review_id)
    return officer, case, review, state


def _require_reviewer_role(officer: Officer, on: date) -> None:
    may_decide_part7_review(officer, on).require()


def _letter_on_case(session: Session, letter_id: int | None, case_id: int) -> int | None:
    """A letter issued on this case (the minded-to or decision letter, when it is named)."""
    if letter_id is None:
        return None
    letter = session.get(IssuedLetter, letter_id)
    if letter is None or letter.case_id != case_id:
        raise FieldError("letter_id", "choose a letter issued on this case", FIELD_LABELS)
    return letter_id


def _record(session: Session, *, case_id: int, officer_id: int, kind: str, summary: str,
            entity: str, entity_id: int, reason: str | None = None) -> None:
    record_case_event(session, case_id=case_id, actor_id=officer_id, kind=kind, summary=summary,
                      reason=reason)
    record_audit(session, actor_id=officer_id, action="create", entity=entity, entity_id=entity_id)


# --- the decisions a review may be asked of ------------------------------------------------------


@dataclass(frozen=True)
class ReviewableDecision:
    letter_id: int
    title: str
    letter_type: str
    notified_on: date
    request_by: date

    @property
    def label(self) -> str:
        return f"{self.title}, notified {long_date(self.notified_on)}"


def _reviewable_letters(session: Session, case_id: int) -> list[IssuedLetter]:
    s202 = [code for code, kind in LETTER_TYPES.items() if kind.review == "s202"]
    return list(session.exec(select(IssuedLetter).where(IssuedLetter.case_id == case_id,
                                                        IssuedLetter.letter_type.in_(s202))
                             .order_by(IssuedLetter.notified_on.desc(), IssuedLetter.id.desc())).all())


def reviewable_decisions(*, case_id: int, viewer_id: int) -> list[ReviewableDecision]:
    """The case's issued letters that carry the right to a s.202 review and are not under review
    or reviewed already (a decision is reviewed once, s.202(2); a refused late request or one the
    applicant withdrew leaves it open to a request), newest first."""
    today = clock.today()
    with session_scope() as session:
        _, case = homelessness_case_for(session, viewer_id, case_id)
        law, _ = policies(today)
        taken = [r.id for r in snapshot(session, case, today).part7_reviews
                 if not r.refused_late and r.outcome != "withdrawn"]
        reviewed = set(session.exec(select(Part7Review.letter_id).where(Part7Review.id.in_(taken))).all()
                       ) if taken else set()
        return [ReviewableDecision(letter.id, letter.title, letter.letter_type, letter.notified_on,
                                   law_deadlines.review_request_by(letter.notified_on, law))
                for letter in _reviewable_letters(session, case_id) if letter.id not in reviewed]


# --- the request (s.202) ------------------------------------------------------------------------


def request_review(*, case_id: int, expected_version: int, officer_id: int, ground: str,
                   requested_on: date, letter_id: int | None = None, decision_on: date | None = None,
                   decision_summary: str | None = None, late_accepted: bool | None = None,
                   late_reason: str | None = None, today: date | None = None) -> int:
    """Record the applicant's request for a review of a decision on the case: the letter that
    notified it (or, for a decision with no letter on file, its date and words), the ground, and
    the day asked. In time if asked within 21 days beginning with the day of notification
    (s.202(3)); a late request needs the council's decision to accept or refuse it, with its
    reason, made by an officer who may decide reviews. A refused late request is recorded too,
    as refused. A decision already under review, or reviewed, is not reviewed again."""
    today = today or clock.today()
    if ground not in codes.S202_GROUNDS:
        raise FieldError("ground", "choose what the review is about", FIELD_LABELS)
    requested_on = _date(requested_on, "requested_on", today)
    law, _ = policies(requested_on)
    with session_scope() as session:
        officer, case = homelessness_case_for(session, officer_id, case_id,
                                              expected_version=expected_version)
        letter = None
        if letter_id is not None:
            letter = session.get(IssuedLetter, letter_id)
            if letter is None or letter.case_id != case_id:
                raise FieldError("letter_id", "choose a decision letter issued on this case", FIELD_LABELS)
            if LETTER_TYPES.get(letter.letter_type) is None or LETTER_TYPES[letter.letter_type].review != "s202":
                raise FieldError("letter_id", f"\"{letter.title}\" does not notify a decision that may be "
                                 "reviewed under s.202", FIELD_LABELS)
            stages.check_review_ground(letter.letter_type, letter.title, ground)
            notified_on, decision_type, summary, decided_on = letter.notified_on, letter.letter_type, None, None
        else:
            if not isinstance(decision_on, date):
                raise FieldError("decision_on", "give the date of the decision, as no letter is on file",
                                 FIELD_LABELS)
            decided_on = _date(decision_on, "decision_on", today)
            summary = _text(decision_summary, "decision_summary", "what was decided")
            notified_on, decision_type = decided_on, None
        if requested_on < notified_on:
            raise FieldError("requested_on", f"the decision was notified on {long_date(notified_on)}; a "
                             "review is asked after that", FIELD_LABELS)
        # a refused late request, or one the applicant withdrew, leaves the decision unreviewed
        earlier = [r for r in snapshot(session, case, today).part7_reviews
                   if not r.refused_late and r.outcome != "withdrawn"]
        same = [r for r in earlier if (letter_id is not None and _letter_of(session, r.id) == letter_id)]
        for r in same:
            if r.open:
                raise Refused(f"A review of this decision, asked on {long_date(r.requested_on)}, is still "
                              "open: record its steps there", "Housing Act 1996 s.202(2)")
            raise Refused(f"This decision was reviewed on {long_date(r.decided_on)}; a review decision is "
                          "not reviewed again: the next step is an appeal to the county court (s.204)",
                          "Housing Act 1996 s.202(2), s.204")
        deadline = law_deadlines.review_request_deadline(notified_on, law, notified=True)
        in_time = law_deadlines.review_in_time(notified_on, requested_on, law)
        reason = None
        if in_time:
            late_accepted = None
        else:
            if late_accepted is None:
                raise FieldError(
                    "late_accepted", f"the request was made on {long_date(requested_on)}, after the "
                    f"{law.s202_request_days} days "
                    f"ended on {long_date(deadline.on)} (s.202(3)): record whether the council accepts it "
                    "late, and why", FIELD_LABELS)
            _require_reviewer_role(officer, requested_on)
            reason = _text(late_reason, "late_reason", "why the council accepts or refuses the late request")
        row = Part7Review(case_id=case_id, letter_id=letter_id, decision_type=decision_type,
                          decision_on=decided_on, decision_summary=summary, ground=ground,
                          requested_on=requested_on, notified_on=notified_on,
                          request_deadline=deadline.on, in_time=in_time,
                          late_accepted=late_accepted, late_reason=reason, requested_by_id=officer_id)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        session.add(row)
        session.flush()
        what = letter.title if letter is not None else summary
        ground_words = codes.S202_GROUNDS.cited(ground)
        if late_accepted is False:
            _record(session, case_id=case_id, officer_id=officer_id, kind="review_late_refused",
                    summary=f"Late request for a review of \"{what}\" (asked {long_date(requested_on)}, "
                            f"due by {long_date(deadline.on)}) refused (s.202(3))",
                    reason=reason, entity="part7_review", entity_id=row.id)
        else:
            timing = "in time" if in_time else f"late, accepted by the council (due by {long_date(deadline.on)})"
            _record(session, case_id=case_id, officer_id=officer_id, kind="review_requested",
                    summary=f"Review requested on {long_date(requested_on)} of \"{what}\": {ground_words}; "
                            f"{timing} (s.202(3))",
                    reason=reason, entity="part7_review", entity_id=row.id)
        return row.id


def _letter_of(session: Session, review_id: int) -> int | None:
    return session.get(Part7Review, review_id).letter_id


# --- the reviewer (s.203(2)(a); Regulations 2018 Part 3) ------------------------------------------


def _original_decision(session: Session, review: Part7Review
                       ) -> tuple[tuple[stages.OfficerRef, ...], dict[int, str]]:
    """Who made the decision under review (the officer who issued its letter and the one who
    assessed the case it rests on) and everyone involved in it (those, and whoever recorded the
    decision on the case), with what each did."""
    officers = {o.id: o for o in session.exec(select(Officer)).all()}

    def ref(officer_id: int) -> stages.OfficerRef:
        o = officers[officer_id]
        return stages.OfficerRef(o.id, o.full_name, o.role, o.active)

    makers: list[stages.OfficerRef] = []
    involved: dict[int, str] = {}
    letter = session.get(IssuedLetter, review.letter_id) if review.letter_id else None
    decided_on = letter.notified_on if letter is not None else review.decision_on
    if letter is not None:
        makers.append(ref(letter.issued_by_id))
        involved[letter.issued_by_id] = "issued the decision letter"
        until = letter.issued_at
    else:
        until = datetime.combine(decided_on, time.max).replace(tzinfo=clock.now().tzinfo)
    assessment = session.exec(
        select(HomelessnessAssessment).where(HomelessnessAssessment.case_id == review.case_id,
                                             HomelessnessAssessment.assessed_on <= decided_on)
        .order_by(HomelessnessAssessment.assessed_on.desc(), HomelessnessAssessment.id.desc())).first()
    if assessment is not None:
        makers.append(ref(assessment.assessed_by_id))
        involved.setdefault(assessment.assessed_by_id, "assessed the case the decision rests on")
    recorded = session.exec(
        select(CaseEvent).where(CaseEvent.case_id == review.case_id, CaseEvent.kind.in_(_DECIDING_EVENTS),
                                CaseEvent.occurred_at <= until)
        .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc())).first()
    if recorded is not None:
        involved.setdefault(recorded.actor_id, "recorded the decision on the case")
    return tuple(makers), involved


def assign_reviewer(*, review_id: int, expected_version: int, officer_id: int, reviewer_id: int,
                    assigned_on: date, note: str | None = None, today: date | None = None) -> int:
    """Assign the reviewer: senior to the officer who made the original decision and not
    involved in it (s.203(2)(a); Regulations 2018 Part 3), in a role the council lets review. A later assignment
    replaces an earlier one (the rows are kept)."""
    today = today or clock.today()
    with session_scope() as session:
        officer, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        _require_reviewer_role(officer, today)
        if not state.open:
            raise Refused("This review is not open (decided, or a late request refused)")
        assigned_on = _date(assigned_on, "assigned_on", today, not_before=review.requested_on,
                            before_what="the request")
        reviewer = session.get(Officer, reviewer_id)
        if reviewer is None:
            raise FieldError("reviewer_id", "choose an officer", FIELD_LABELS)
        _, casework = policies(assigned_on)
        makers, involved = _original_decision(session, review)
        stages.check_reviewer(stages.OfficerRef(reviewer.id, reviewer.full_name, reviewer.role, reviewer.active),
                              decision_makers=makers, involved=involved, casework=casework)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7ReviewReviewer(review_id=review_id, reviewer_id=reviewer_id, assigned_on=assigned_on,
                                  assigned_by_id=officer_id, note=_text(note, "note", "", required=False))
        session.add(row)
        session.flush()
        _record(session, case_id=case.id, officer_id=officer_id, kind="reviewer_assigned",
                summary=f"{reviewer.full_name} assigned on {long_date(assigned_on)} to review \"{state.decision}\" "
                        f"({stages.REVIEWER_CITATION})",
                reason=row.note, entity="part7_review_reviewer", entity_id=row.id)
        return row.id


def reviewer_choices(*, review_id: int, viewer_id: int) -> dict[int, str]:
    """The officers who may review this decision (id -> name): each one the reviewer rule
    allows; the form lists only them."""
    with session_scope() as session:
        review = session.get(Part7Review, review_id)
        if review is None:
            raise NotFound(f"Review {review_id} does not exist.")
        homelessness_case_for(session, viewer_id, review.case_id)
        _, casework = policies(clock.today())
        makers, involved = _original_decision(session, review)
        out = {}
        for o in session.exec(select(Officer).where(Officer.active).order_by(Officer.full_name)).all():
            try:
                stages.check_reviewer(stages.OfficerRef(o.id, o.full_name, o.role, o.active),
                                      decision_makers=makers, involved=involved, casework=casework)
            except FieldError:
                continue
            out[o.id] = f"{o.full_name} ({codes.ROLES.label(o.role)})"
        return out


def _require_reviewer(officer: Officer, state: stages.ReviewState) -> None:
    if state.reviewer_id is None:
        raise Refused("Assign a reviewer first: this step is theirs", stages.REVIEWER_CITATION)
    if officer.id != state.reviewer_id:
        raise Refused("Only the reviewer assigned to this review may record this step",
                      stages.REVIEWER_CITATION)


# --- minded to (reg 7(2)), representations, a longer period (reg 9(1)) ------------------------------


def give_minded_to_notice(*, review_id: int, expected_version: int, officer_id: int, notified_on: date,
                          points: str, letter_id: int | None = None, today: date | None = None) -> int:
    """The reviewer, finding a deficiency or irregularity in the original decision but minded to
    decide against the applicant on one or more issues, tells them so and why, and that they
    may make representations orally or in writing (reg 7(2)); the council's period for them
    (casework.toml reviews.minded_to_representations_days) gives the date. `letter_id` names the
    minded-to letter when it is issued with it."""
    today = today or clock.today()
    points = _text(points, "points", "what you are minded to decide, and why")
    with session_scope() as session:
        officer, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        if not state.open:
            raise Refused("This review is not open (decided, or a late request refused)")
        _require_reviewer(officer, state)
        notified_on = _date(notified_on, "notified_on", today, not_before=review.requested_on,
                            before_what="the request")
        _, casework = policies(notified_on)
        by = stages.representations_by(notified_on, casework)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7ReviewMindedTo(review_id=review_id, notified_on=notified_on, points=points,
                                  representations_by=by, recorded_by_id=officer_id,
                                  letter_id=_letter_on_case(session, letter_id, case.id))
        session.add(row)
        session.flush()
        _record(session, case_id=case.id, officer_id=officer_id, kind="review_minded_to",
                summary=f"Minded-to notice given on {long_date(notified_on)} on the review of \"{state.decision}\": "
                        f"representations, orally or in writing, by {long_date(by)} ({stages.MINDED_TO_CITATION})",
                reason=points, entity="part7_review_minded_to", entity_id=row.id)
        return row.id


def record_representations(*, review_id: int, expected_version: int, officer_id: int, received_on: date,
                           kind: str, summary: str | None = None, today: date | None = None) -> int:
    """Representations received on the review (orally, in writing or both), or that none came
    by the date given for them (which cannot be said before that date has passed)."""
    today = today or clock.today()
    if kind not in codes.REPRESENTATION_KINDS:
        raise FieldError("kind", "choose how the representations came, or that none came", FIELD_LABELS)
    with session_scope() as session:
        officer, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        if not state.open:
            raise Refused("This review is not open (decided, or a late request refused)")
        received_on = _date(received_on, "received_on", today, not_before=review.requested_on,
                            before_what="the request")
        notice = session.exec(select(Part7ReviewMindedTo).where(Part7ReviewMindedTo.review_id == review_id)
                              .order_by(Part7ReviewMindedTo.notified_on.desc(),
                                        Part7ReviewMindedTo.id.desc())).first()
        if kind == "none":
            if notice is None:
                raise FieldError("kind", "no minded-to notice was given, so no date for representations "
                                 "has passed", FIELD_LABELS)
            if received_on <= notice.representations_by:
                raise FieldError("received_on", f"representations may be made until "
                                 f"{long_date(notice.representations_by)}; that none came can be recorded "
                                 "only after that day", FIELD_LABELS)
            text = _text(summary, "summary", "", required=False)
        else:
            text = _text(summary, "summary", "what the applicant (or someone for them) said")
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7ReviewRepresentations(review_id=review_id, minded_to_id=notice.id if notice else None,
                                         received_on=received_on, kind=kind, summary=text,
                                         recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        words = ("No representations received by " if kind == "none"
                 else f"Representations received {codes.REPRESENTATION_KINDS.words(kind)} on ")
        _record(session, case_id=case.id, officer_id=officer_id, kind="review_representations",
                summary=f"{words}{long_date(received_on)} on the review of \"{state.decision}\"",
                reason=text, entity="part7_review_representations", entity_id=row.id)
        return row.id


def record_extension(*, review_id: int, expected_version: int, officer_id: int, agreed_on: date,
                     decide_by: date, note: str | None = None, today: date | None = None) -> int:
    """A longer period for the review decision, agreed in writing with the applicant (reg 9(1))."""
    today = today or clock.today()
    with session_scope() as session:
        officer, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        if not state.open:
            raise Refused("This review is not open (decided, or a late request refused)")
        _require_reviewer_role(officer, today)
        agreed_on = _date(agreed_on, "agreed_on", today, not_before=review.requested_on,
                          before_what="the request")
        _, casework = policies(agreed_on)
        due, _ = stages.review_decision_due(state, casework)
        if not isinstance(decide_by, date) or decide_by <= due:
            raise FieldError("decide_by", f"the decision is due by {long_date(due)}; a longer period ends "
                             "after that", FIELD_LABELS)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7ReviewExtension(review_id=review_id, agreed_on=agreed_on, decide_by=decide_by,
                                   note=_text(note, "note", "", required=False), recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        _record(session, case_id=case.id, officer_id=officer_id, kind="review_extended",
                summary=f"The applicant agreed in writing on {long_date(agreed_on)} that the review of "
                        f"\"{state.decision}\" may be decided by {long_date(decide_by)} ({stages.PERIOD_CITATION})",
                reason=row.note, entity="part7_review_extension", entity_id=row.id)
        return row.id


# --- the decision (s.203) and what follows -----------------------------------------------------------


def decide_review(*, review_id: int, expected_version: int, officer_id: int, outcome: str, reasons: str,
                  decided_on: date, notified_on: date | None = None, reopens_duty: bool | None = None,
                  letter_id: int | None = None, today: date | None = None) -> int:
    """The reviewer's decision: upheld, varied or overturned (the original decision withdrawn),
    with reasons; or the applicant's withdrawal of the request. An overturned decision that
    denied or ended a duty (a s.184 decision after relief, not eligible, a notice ending a duty)
    makes that duty owed from the review decision's date: the case moves through the stage
    machinery (`service.apply_transition`), reopening a closed case. A varied decision does so
    only when the reviewer says the variation makes the duty owed (`reopens_duty`); an upheld
    decision leaves the case as it is. `notified_on` (default: the decision's day) starts the 21
    days to appeal (s.204(2)); `letter_id` names the decision letter when it is issued with it."""
    today = today or clock.today()
    reasons = _text(reasons, "reasons", "the reasons for the review decision")
    with session_scope() as session:
        officer, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        stages.check_review_decision(state, outcome=outcome, decided_on=decided_on, by_id=officer.id,
                                     today=today)
        told = notified_on or decided_on
        _date(told, "notified_on", today, not_before=decided_on, before_what="the decision")
        reopen = outcome == "overturned" if reopens_duty is None else (reopens_duty and outcome in (
            "overturned", "varied"))
        plan = None
        if reopen:
            snap = snapshot(session, case, today)
            plan = stages.review_outcome_plan(snap, review.decision_type, decided_on)
        duty_id = None
        if plan is not None:
            reopened = {"status": "open", "closed_at": None, "closed_reason": None} if case.status != "open" else {}
            duty_id = apply_transition(session, case, plan, officer_id=officer_id, reason=reasons,
                                       expected_version=expected_version, values=reopened)
        else:
            claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7ReviewDecision(review_id=review_id, outcome=outcome, reasons=reasons, decided_on=decided_on,
                                  notified_on=told, decided_by_id=officer_id, duty_id=duty_id,
                                  letter_id=_letter_on_case(session, letter_id, case.id))
        session.add(row)
        session.flush()
        follows = f"; {plan.summary}" if plan is not None else ""
        _record(session, case_id=case.id, officer_id=officer_id, kind="review_decided",
                summary=f"Review of \"{state.decision}\" decided on {long_date(decided_on)}: "
                        f"{codes.PART7_REVIEW_OUTCOMES.words(outcome)}{follows} (Housing Act 1996 s.203)",
                reason=reasons, entity="part7_review_decision", entity_id=row.id)
        return row.id


# --- appeals (s.204) --------------------------------------------------------------------------------


def record_appeal(*, review_id: int, expected_version: int, officer_id: int, lodged_on: date,
                  late_permission: bool | None = None, permission_note: str | None = None,
                  today: date | None = None) -> int:
    """An appeal to the county court on a point of law against the review decision, brought
    within 21 days beginning with the day the decision was notified (s.204(2)); a later one
    only with the court's permission (s.204(2A)), which is recorded."""
    today = today or clock.today()
    with session_scope() as session:
        _, case, review, state = _review_and_case(session, officer_id, review_id, expected_version)
        if state.decided_on is None or state.outcome == "withdrawn":
            raise Refused("An appeal lies against a review decision (s.204(1)): this review has none",
                          "Housing Act 1996 s.204(1)")
        if state.appealed:
            raise Refused("An appeal against this review decision is already recorded")
        lodged_on = _date(lodged_on, "lodged_on", today, not_before=state.decision_notified_on,
                          before_what="the review decision was notified")
        _, casework = policies(lodged_on)
        deadline = stages.appeal_deadline(state.decision_notified_on, casework)
        in_time = lodged_on <= deadline
        note = None
        if in_time:
            late_permission = None
        else:
            if late_permission is None:
                raise FieldError("late_permission", f"the appeal was lodged on {long_date(lodged_on)}, after the "
                                 f"{casework.appeal_days} days ended on {long_date(deadline)} (s.204(2)): record "
                                 "whether the court "
                                 "gave permission to bring it late (s.204(2A))", FIELD_LABELS)
            note = _text(permission_note, "permission_note", "what the court decided on permission")
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7Appeal(review_id=review_id, lodged_on=lodged_on, appeal_deadline=deadline, in_time=in_time,
                          late_permission=late_permission, permission_note=note, recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        timing = ("in time" if in_time else
                  "late, with the court's permission (s.204(2A))" if late_permission else
                  "late, without the court's permission (s.204(2A))")
        _record(session, case_id=case.id, officer_id=officer_id, kind="appeal_lodged",
                summary=f"Appeal to the county court lodged on {long_date(lodged_on)} against the review of "
                        f"\"{state.decision}\": {timing} (s.204)",
                reason=note, entity="part7_appeal", entity_id=row.id)
        return row.id


def record_appeal_outcome(*, appeal_id: int, expected_version: int, officer_id: int, outcome: str,
                          decided_on: date, note: str | None = None, today: date | None = None) -> int:
    """What the court decided (confirmed, varied or quashed the review decision, s.204(3)), or
    that the appeal was withdrawn. Once for each appeal."""
    today = today or clock.today()
    if outcome not in codes.APPEAL_OUTCOMES:
        raise FieldError("appeal_outcome", "choose what the court decided", FIELD_LABELS)
    with session_scope() as session:
        appeal = session.get(Part7Appeal, appeal_id)
        if appeal is None:
            raise NotFound(f"Appeal {appeal_id} does not exist.")
        _, case, _, state = _review_and_case(session, officer_id, appeal.review_id, expected_version)
        if session.exec(select(Part7AppealOutcome).where(Part7AppealOutcome.appeal_id == appeal_id)).first():
            raise Refused("This appeal's outcome is already recorded")
        decided_on = _date(decided_on, "appeal_decided_on", today, not_before=appeal.lodged_on,
                           before_what="the appeal was lodged")
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = Part7AppealOutcome(appeal_id=appeal_id, outcome=outcome, decided_on=decided_on,
                                 note=_text(note, "note", "", required=False), recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        _record(session, case_id=case.id, officer_id=officer_id, kind="appeal_decided",
                summary=f"Appeal on the review of \"{state.decision}\" decided on {long_date(decided_on)}: "
                        f"{codes.APPEAL_OUTCOMES.words(outcome)} (Housing Act 1996 s.204(3))",
                reason=row.note, entity="part7_appeal_outcome", entity_id=row.id)
        return row.id


# --- what the case record shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class AppealView:
    id: int
    lodged_on: date
    deadline: date
    in_time: bool
    late_permission: bool | None
    outcome: str | None = None  # label
    decided_on: date | None = None


@dataclass(frozen=True)
class ReviewView:
    id: int
    decision: str
    ground: str  # cited label
    requested_on: date
    notified_on: date
    request_deadline: date
    in_time: bool
    late_accepted: bool | None
    late_reason: str | None
    status: str  # in the officer's words
    decision_due: date | None
    decision_due_citation: str
    reviewer: str | None
    reviewer_id: int | None
    minded_to: list[tuple[date, date, str]]  # (notified on, representations by, points)
    representations: list[tuple[date, str, str]]  # (received on, how, summary)
    extensions: list[tuple[date, date]]  # (agreed on, decide by)
    decided_on: date | None
    outcome: str | None  # label
    outcome_code: str | None
    reasons: str | None
    decided_by: str | None
    appeal_by: date | None  # the last day to appeal, after a decision
    appeals: list[AppealView] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.status == "Open"


def reviews_for_case(*, case_id: int, viewer_id: int, today: date | None = None) -> list[ReviewView]:
    """The case's reviews and appeals, oldest first, for the case record."""
    today = today or clock.today()
    _, casework = policies(today)
    with session_scope() as session:
        _, case = homelessness_case_for(session, viewer_id, case_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        states = {r.id: r for r in snapshot(session, case, today).part7_reviews}
        rows = session.exec(select(Part7Review).where(Part7Review.case_id == case_id)
                            .order_by(Part7Review.requested_on, Part7Review.id)).all()
        ids = [r.id for r in rows]

        def of(model, *order):
            grouped: dict[int, list] = {}
            for row in session.exec(select(model).where(model.review_id.in_(ids)).order_by(*order)).all():
                grouped.setdefault(row.review_id, []).append(row)
            return grouped

        notices = of(Part7ReviewMindedTo, Part7ReviewMindedTo.notified_on, Part7ReviewMindedTo.id)
        reps = of(Part7ReviewRepresentations, Part7ReviewRepresentations.received_on, Part7ReviewRepresentations.id)
        extensions = of(Part7ReviewExtension, Part7ReviewExtension.agreed_on, Part7ReviewExtension.id)
        decisions = of(Part7ReviewDecision, Part7ReviewDecision.id)
        appeals = of(Part7Appeal, Part7Appeal.lodged_on, Part7Appeal.id)
        appeal_ids = [a.id for rows_ in appeals.values() for a in rows_]
        outcomes = {o.appeal_id: o for o in session.exec(
            select(Part7AppealOutcome).where(Part7AppealOutcome.appeal_id.in_(appeal_ids))).all()}
        out = []
        for r in rows:
            state = states[r.id]
            decision = (decisions.get(r.id) or [None])[0]
            if state.refused_late:
                status = "Late request refused"
            elif decision is not None and decision.outcome == "withdrawn":
                status = "Withdrawn by the applicant"
            elif decision is not None:
                status = "Decided"
            else:
                status = "Open"
            due, cite = stages.review_decision_due(state, casework) if state.open else (None, "")
            out.append(ReviewView(
                id=r.id, decision=state.decision, ground=codes.S202_GROUNDS.cited(r.ground),
                requested_on=r.requested_on, notified_on=r.notified_on, request_deadline=r.request_deadline,
                in_time=r.in_time, late_accepted=r.late_accepted, late_reason=r.late_reason, status=status,
                decision_due=due, decision_due_citation=cite,
                reviewer=names.get(state.reviewer_id) if state.reviewer_id else None,
                reviewer_id=state.reviewer_id,
                minded_to=[(n.notified_on, n.representations_by, n.points) for n in notices.get(r.id, [])],
                representations=[(p.received_on, codes.REPRESENTATION_KINDS.label(p.kind), p.summary or "")
                                 for p in reps.get(r.id, [])],
                extensions=[(e.agreed_on, e.decide_by) for e in extensions.get(r.id, [])],
                decided_on=decision.decided_on if decision else None,
                outcome=codes.PART7_REVIEW_OUTCOMES.label(decision.outcome) if decision else None,
                outcome_code=decision.outcome if decision else None,
                reasons=decision.reasons if decision else None,
                decided_by=names.get(decision.decided_by_id) if decision else None,
                # the applicant may appeal a decision against them (s.204(1)): upheld or varied
                appeal_by=(stages.appeal_deadline(decision.notified_on, casework)
                           if decision is not None and decision.outcome in ("upheld", "varied") else None),
                appeals=[AppealView(a.id, a.lodged_on, a.appeal_deadline, a.in_time, a.late_permission,
                                    codes.APPEAL_OUTCOMES.label(outcomes[a.id].outcome) if a.id in outcomes else None,
                                    outcomes[a.id].decided_on if a.id in outcomes else None)
                         for a in appeals.get(r.id, [])]))
        return out
