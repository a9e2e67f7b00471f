"""Homelessness letters built from the case's stored state, and the duty notified by issuing one.

``install()`` registers, through the letters package's hooks (logic.letters.catalogue), a
context provider for each Part 7 letter and an issue hook for the duty letters. The letters
service installs them when it is imported, so the app, the batch screen and the tests all get
them. A provider reads the case (the open or last duty and its dates, the latest s.189A
assessment with the engine's input and the officer's decisions and reasons, the plan's steps,
the placement) and refuses, in words, a letter the case's state does not allow; what it supplies
is the statutory content, which the officer may add to but not replace
(logic.letters.context.merged_options).

Every Part 7 letter states a duty or a decision, so each needs the case's state that makes it
true (the state each one needs is set out at ``PROVIDERS``). A case on which no casework is
recorded yet (no s.189A assessment, no duty) sends none of them: each is refused in an
officer's words, on the letters screen (logic.letters.service.letters_offered) and when it is
previewed or issued (the provider runs inside logic.letters.context.merged_options). The housing
register's decision letter reads the register case and has no provider here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from logic import clock
from logic.casework import stages
from logic.casework.service import DECISION_FIELDS, latest_assessment, policies, snapshot
from logic.common import codes
from logic.common.errors import FieldError
from logic.common.recording import record_audit
from logic.law.core import long_date
from logic.letters.catalogue import (
    LETTER_TYPES,
    register_context_provider,
    register_issue_hook,
)
from logic.models import HousingCase, Officer
from logic.models.casework import (
    CooperationWarning,
    HomelessnessAssessment,
    HomelessnessDuty,
    Part7Review,
    Part7ReviewDecision,
    Part7ReviewMindedTo,
    Part7ReviewRepresentations,
    Placement,
    PlanStep,
)

LABELS = {"letter_type": "Letter"}

NO_ASSESSMENT = "no s.189A assessment is recorded on the case yet"
NO_DUTY = "no duty has begun on the case"

# The duty each duty letter notifies (casework codes), and the letters that notify a duty.
DUTY_OF_LETTER: dict[str, str] = {
    "prevention_duty": "prevention",
    "relief_duty": "relief",
    "s184_main_duty_accepted": "main_duty",
}


@dataclass(frozen=True)
class CaseState:
    duties: tuple[HomelessnessDuty, ...]
    assessment: HomelessnessAssessment | None

    @property
    def recorded(self) -> bool:
        return bool(self.duties) or self.assessment is not None

    @property
    def open_duty(self) -> HomelessnessDuty | None:
        return next((d for d in reversed(self.duties) if d.ended_on is None), None)

    def describe(self) -> str:
        duty = self.open_duty
        if duty is not None:
            return (f"the {stages.DUTY_LABELS[duty.duty]} has run since "
                    f"{long_date(duty.started_on)}")
        if self.duties:
            last = self.duties[-1]
            return f"the {stages.DUTY_LABELS[last.duty]} ended on {long_date(last.ended_on)}"
        if self.assessment is None:
            return f"{NO_ASSESSMENT}, so {NO_DUTY}"
        return f"{NO_DUTY} yet"


def case_state(session: Session, case_id: int) -> CaseState:
    duties = session.exec(select(HomelessnessDuty).where(HomelessnessDuty.case_id == case_id)
                          .order_by(HomelessnessDuty.started_on, HomelessnessDuty.id)).all()
    return CaseState(tuple(duties), latest_assessment(session, case_id))


def _not_now(why: str) -> FieldError:
    return FieldError("letter_type", f"not sent now: {why}", LABELS)


def _say(key: str, value: Any) -> str:
    if key == "homelessness":
        return codes.HOMELESSNESS.words(value)
    if key == "duty":
        return codes.ENGINE_DUTIES.words(value)
    return "yes" if value else "no"


def decision_lines(assessment: HomelessnessAssessment, letter_type_code: str) -> list[str]:
    """The officer's recorded decision on what the letter decides, and their reasons where they
    decided otherwise than the decision engine (whose cited reasons are quoted from the facts)."""
    fields = [k for k in LETTER_TYPES[letter_type_code].engine_fields if k in DECISION_FIELDS]
    lines = [f"We assessed your circumstances on {long_date(assessment.assessed_on)} and decided: "
             + "; ".join(f"{DECISION_FIELDS[k].split(' (')[0].lower()}: "
                         f"{_say(k, getattr(assessment, k))}" for k in fields) + "."]
    for key, override in json.loads(assessment.overrides_json or "{}").items():
        label = DECISION_FIELDS.get(key, key).split(" (")[0].lower()
        lines.append(f"On {label} we reached our own view ({_say(key, override['officer'])}) "
                     f"because {override['reason'].rstrip('.')}.")
    return lines


def _assessed(state: CaseState, letter_type_code: str) -> dict[str, Any]:
    a = state.assessment
    if a is None:
        return {}
    facts = json.loads(a.facts_json)
    relief = next((d for d in state.duties if d.duty == "relief"), None)
    if relief is not None and not (facts.get("history") or {}).get("relief_duty_started_on"):
        # as a reassessment would record it (casework.service.build_facts): the relief duty
        # the case has had, which the s.184 decision after it turns on (s.193(1), s.189B)
        facts["history"] = {**(facts.get("history") or {}),
                            "relief_duty_started_on": relief.started_on.isoformat()}
    if relief is not None and relief.ended_on is not None and letter_type_code.startswith("s184"):
        # the section 184 decision after the relief duty is made on the day it ended: the
        # recorded facts are read as at that day (as the stage check reads the assessment)
        facts["assessment_date"] = max(facts["assessment_date"], relief.ended_on.isoformat())
    return {"facts": facts, "reasons": decision_lines(a, letter_type_code)}


def _duty_letter(letter_type_code: str):
    wanted = DUTY_OF_LETTER[letter_type_code]

    def provider(session: Session, case_id: int) -> Mapping[str, Any]:
        state = case_state(session, case_id)
        duty = state.open_duty
        if duty is None or duty.duty != wanted:
            raise _not_now(f"the letter notifies the {stages.DUTY_LABELS[wanted]}, and "
                           f"{state.describe()}")
        out = _assessed(state, letter_type_code)
        if letter_type_code != "s184_main_duty_accepted":
            out["duty_started_on"] = duty.started_on
        return out
    return provider


def _decision_letter(letter_type_code: str, field: str, value: Any, words: str):
    def provider(session: Session, case_id: int) -> Mapping[str, Any]:
        state = case_state(session, case_id)
        a = state.assessment
        if a is None:
            raise _not_now(f"the letter gives a section 184 decision, and {NO_ASSESSMENT}")
        if getattr(a, field) != value:
            raise _not_now(f"the assessment of {long_date(a.assessed_on)} did not decide that "
                           f"the applicant is {words}")
        relief_ended = any(d.duty == "relief" and d.ended_on is not None for d in state.duties)
        open_duty = state.open_duty
        if field != "eligible" and (not relief_ended or (
                open_duty is not None and open_duty.duty in ("prevention", "relief"))):
            # a decision on priority need or intentionality is the one the relief duty's end
            # calls for (s.184(1), s.189B(4), s.193(1)); eligibility is decided at any point
            raise _not_now(f"the section 184 decision follows the relief duty, and "
                           f"{state.describe()}")
        return _assessed(state, letter_type_code)
    return provider


def _plan(session: Session, case_id: int) -> Mapping[str, Any]:
    state = case_state(session, case_id)
    duty = state.open_duty
    if duty is None or duty.duty not in ("prevention", "relief"):
        raise _not_now(f"a personalised housing plan is sent while the prevention or relief "
                       f"duty runs, and {state.describe()}")
    steps = session.exec(select(PlanStep).where(PlanStep.case_id == case_id)
                         .order_by(PlanStep.id)).all()
    if not steps:
        raise _not_now("no steps of the plan are recorded on the case yet")
    out: dict[str, Any] = {"duty": duty.duty, "steps": [
        {"owner": s.owner, "description": s.description, "due_on": s.due_on} for s in steps]}
    a = state.assessment
    if a is not None:
        out.update(circumstances=a.circumstances, housing_needs=a.housing_needs,
                   support_needs=a.support_needs)
    return out


def _letter_duty(duty: str) -> str:
    """The duty as the letters name it: the engine's code, or casework's for a duty the engine
    does not decide (s.193C(4))."""
    return duty if duty not in codes.ENGINE_TO_CASEWORK_DUTY.values() else codes.engine_duty(duty)


def _duty_ended(session: Session, case_id: int) -> Mapping[str, Any]:
    state = case_state(session, case_id)
    ended = [d for d in state.duties if d.ended_on is not None]
    if not ended:
        raise _not_now(f"no duty has ended on the case ({state.describe()})")
    last = ended[-1]
    if stages.end_notice_letter(last.end_reason) != "duty_ended":
        raise _not_now(f"the {stages.DUTY_LABELS[last.duty]} ended by a notice for refusing to co-operate: "
                       "that notice (section 193B(2)) is the letter to send")
    out: dict[str, Any] = {"duty": _letter_duty(last.duty), "ended_on": last.ended_on}
    if stages.needs_end_notice(last.duty, last.end_reason):
        words, citation = stages.END_REASONS[last.duty][last.end_reason]
        out["ground"] = words
        act = citation.split(";")[0].strip()
        if act.startswith("Housing Act 1996 "):
            out["ground_provision"] = act
        out["review_paragraph"] = stages.end_review_provision(last.duty, last.end_reason)
    reason = stages.end_reason_label(last.duty, last.end_reason)
    out["reasons"] = [f"{reason}." if reason and not reason.endswith(".") else reason,
                      *([last.end_note] if last.end_note else [])]
    out["reasons"] = [r for r in out["reasons"] if r]
    return out


# The duty or power a placement is recorded under (codes.TA_LEGAL_BASES) -> the basis the offer
# letter states (logic.letters.catalogue.PLACEMENT_BASIS). A placement pending a referral, a
# review or an appeal has no basis of its own on the letter: the officer chooses it.
OFFER_BASIS = {
    "s188_1_interim": "interim",
    "s190_2a_intentional": "intentional_priority",
    "s193_2_main_duty": "main",
}


def _ta_offer(session: Session, case_id: int) -> Mapping[str, Any]:
    """An offer of temporary accommodation offers a placement the case records (requested or
    approved), under the duty it was requested under (s.188(1), s.190(2)(a), s.193(2))."""
    placement = session.exec(select(Placement).where(Placement.case_id == case_id,
                                                     Placement.status.in_(("requested", "approved")))
                             .order_by(Placement.starts_on.desc(), Placement.id.desc())).first()
    if placement is None:
        state = case_state(session, case_id)
        if not state.recorded:
            raise _not_now(f"temporary accommodation is offered under a duty, and {state.describe()}")
        raise _not_now("no temporary accommodation is requested or approved on the case")
    out: dict[str, Any] = {
        "placement_address": [p.strip() for p in placement.address.split(",") if p.strip()],
        "placement_type": codes.PLACEMENT_TYPES.label(placement.placement_type),
        "starts_on": placement.starts_on}
    if placement.legal_basis in OFFER_BASIS:
        out["basis"] = OFFER_BASIS[placement.legal_basis]
    return out


def _warned_duty(session: Session, state: CaseState) -> tuple[HomelessnessDuty | None, list[CooperationWarning]]:
    """The prevention or relief duty open now (or the last one ended for refusing to co-operate)
    and the s.193B(4) warnings given under it, oldest first."""
    duty = state.open_duty
    if duty is None or duty.duty not in stages.COOPERATION_WARNING_DUTIES:
        duty = next((d for d in reversed(state.duties) if d.ended_on is not None
                     and d.duty in stages.COOPERATION_WARNING_DUTIES
                     and d.end_reason == stages.NON_COOPERATION), None)
    if duty is None:
        return None, []
    warnings = session.exec(select(CooperationWarning).where(CooperationWarning.duty_id == duty.id)
                            .order_by(CooperationWarning.warned_on, CooperationWarning.id)).all()
    return duty, list(warnings)


def _cooperation_warning(session: Session, case_id: int) -> Mapping[str, Any]:
    """The s.193B(4) warning is given while the prevention or relief duty runs; the steps
    refused are those of a warning recorded on the duty, if one is."""
    state = case_state(session, case_id)
    duty = state.open_duty
    if duty is None or duty.duty not in stages.COOPERATION_WARNING_DUTIES:
        raise _not_now("a warning under section 193B(4) is given while the prevention or relief "
                       f"duty runs, and {state.describe()}")
    out: dict[str, Any] = {"duty": codes.engine_duty(duty.duty)}
    _, warnings = _warned_duty(session, state)
    if warnings:
        out["steps_refused"] = [line for line in warnings[-1].steps_refused.splitlines() if line.strip()]
    return out


def _cooperation_notice(session: Session, case_id: int) -> Mapping[str, Any]:
    """The s.193B(2) notice ends the prevention or relief duty after a s.193B(4) warning."""
    state = case_state(session, case_id)
    duty, warnings = _warned_duty(session, state)
    if duty is None:
        raise _not_now("a notice under section 193B(2) ends the prevention or relief duty, and "
                       f"{state.describe()}")
    if not warnings:
        raise _not_now(f"no warning under section 193B(4) is recorded on the "
                       f"{stages.DUTY_LABELS[duty.duty]}; the notice can follow only a warning")
    out: dict[str, Any] = {"duty": codes.engine_duty(duty.duty), "warning_given_on": warnings[0].warned_on}
    if duty.ended_on is not None and duty.end_note:  # the officer's reason, recorded with the ending
        out["reasons"] = [line for line in duty.end_note.splitlines() if line.strip()]
    return out


def _referral(letter_type_code: str):
    """A referral to another authority (s.198(1)) rests on an assessment that finds the
    conditions for referral met (no local connection here, one elsewhere)."""
    def provider(session: Session, case_id: int) -> Mapping[str, Any]:
        state = case_state(session, case_id)
        a = state.assessment
        if a is None:
            raise _not_now(f"a referral rests on the assessment of local connection, and "
                           f"{NO_ASSESSMENT}")
        if not json.loads(a.determination_json).get("referral_possible"):
            raise _not_now(f"the assessment of {long_date(a.assessed_on)} does not find the "
                           "conditions for referral to another authority met (s.198)")
        out = _assessed(state, letter_type_code)
        if letter_type_code == "referral_to_authority":
            out.pop("reasons", None)  # written to the other council: the facts speak there
        return out
    return provider


def _offer_letter(final: bool):
    """An offer letter states the offer recorded on the case (the latest one not yet answered):
    its kind, the duty it is made under, the address, the day to answer by and why it is
    suitable. A final-offer letter tells the applicant what refusing it means, so it is sent only
    for an offer assessed suitable whose refusal ends the duty (stages.OFFER_ENDINGS)."""
    def provider(session: Session, case_id: int) -> Mapping[str, Any]:
        from logic.casework.offers import latest_open_offer

        state = case_state(session, case_id)
        if not state.recorded:
            raise _not_now(f"an offer of accommodation is made under a duty, and {state.describe()}")
        found = latest_open_offer(session, case_id)
        if found is None:
            raise _not_now("no offer of accommodation waiting for the applicant's answer is recorded on "
                           f"the case ({state.describe()}): record it under Offers first")
        offer, duty = found
        if final and not offer.suitable:
            raise _not_now(f"the offer of {offer.address} was assessed as not suitable: the applicant "
                           "cannot be told that refusing it ends the duty")
        if final and stages.refusal_ending(duty, offer.kind) is None:
            raise _not_now(f"refusing {codes.OFFER_KINDS.words(offer.kind)} does not end the "
                           f"{stages.DUTY_LABELS[duty]}: send the offer letter instead")
        out: dict[str, Any] = {
            "offer_id": str(offer.id), "offer_kind": offer.kind, "offer_duty": duty,
            "accommodation_address": [p.strip() for p in offer.address.split(",") if p.strip()],
            "suitability": [line.strip() for line in
                            [*offer.suitability_reasons.splitlines(), *(offer.location_reasons or "").splitlines()]
                            if line.strip()],
        }
        if offer.respond_by is not None:
            out["respond_by"] = offer.respond_by
        return out
    return provider


def record_consequences_notified(session: Session, *, case_id: int, letter_id: int, notified_on: date,
                                 officer_id: int, options: Mapping[str, Any], **_: Any) -> None:
    """Issuing the final-offer letter is the written notice of the consequences of refusal and
    of the review right that an ending on the offer needs (s.193(5), (7), (7AB), s.193A(1)(b))."""
    from logic.casework.offers import record_offer_notice

    try:
        offer_id = int(str(options.get("offer_id", "")).strip())
    except ValueError:
        raise FieldError("offer_id", "give the offer's number on the case",
                         {"offer_id": "Offer (its number on the case)"}) from None
    record_offer_notice(session, case_id=case_id, offer_id=offer_id, letter_id=letter_id,
                        notified_on=notified_on, officer_id=officer_id)


def notify_end(session: Session, *, case_id: int, letter_id: int, letter_type: str, notified_on: date,
               officer_id: int, options: Mapping[str, Any], **_: Any) -> None:
    """Issuing the notice that a duty ended (or the s.193B(2) notice) is the ending given in
    writing: record it on the duty, so the compliance flag and the date due clear and the review
    window runs from it."""
    wanted = options.get("duty")
    wanted = codes.casework_duty(wanted) if wanted in codes.ENGINE_DUTIES else wanted
    duties = session.exec(select(HomelessnessDuty).where(
        HomelessnessDuty.case_id == case_id, HomelessnessDuty.duty == wanted,
        HomelessnessDuty.ended_on.is_not(None))
        .order_by(HomelessnessDuty.ended_on.desc(), HomelessnessDuty.id.desc())).all()
    if letter_type == "s193b_notice":
        duties = [d for d in duties if d.end_reason == stages.NON_COOPERATION]
    duty = duties[0] if duties else None
    if duty is None or duty.end_notified_on is not None or notified_on < duty.ended_on:
        return  # not ended yet (the notice is recorded when it is), or notified already
    duty.end_notified_on, duty.end_notified_by_id = notified_on, officer_id
    session.add(duty)
    record_audit(session, actor_id=officer_id, action="update", entity="homelessness_duty",
                 entity_id=duty.id, detail=f"end notified by letter {letter_id}")


def notify_duty(session: Session, *, case_id: int, letter_id: int, letter_type: str,
                notified_on: date, officer_id: int, **_: Any) -> None:
    """Issuing a duty letter is the duty's written notification (s.184(3)): record it on the
    duty, in the letter's transaction, so its clocks and review window run from it."""
    wanted = DUTY_OF_LETTER[letter_type]
    duty = session.exec(select(HomelessnessDuty).where(
        HomelessnessDuty.case_id == case_id, HomelessnessDuty.duty == wanted,
        HomelessnessDuty.ended_on.is_(None))).first()
    if duty is None:
        return  # the duty ended since the letter was built: nothing open to notify
    if notified_on < duty.started_on:
        raise FieldError("notified_on", f"the {stages.DUTY_LABELS[wanted]} began on "
                         f"{long_date(duty.started_on)}; it is notified on or after that day",
                         {"notified_on": "Date of the letter (the day it is given or sent)"})
    if duty.notified_on is not None:
        return  # notified already: the first notification stands on the duty (a correcting
        # letter's own review date is kept with that letter: letters.notifications_for_case)
    duty.notified_on, duty.notified_by_id = notified_on, officer_id
    session.add(duty)  # the letter is named in the letter's duty_notified event
    record_audit(session, actor_id=officer_id, action="update", entity="homelessness_duty",
                 entity_id=duty.id, detail=f"notified by letter {letter_id}")


# --- the steps of a s.202 review (logic.casework.reviews records them) -----------------------------
# Each letter is written from the case's latest review in the state it needs: the acknowledgement
# from an open review (a late one only once the council has accepted it); the minded-to letter from
# the notice the reviewer recorded, until representations on it come in; the decision letter from
# the recorded decision (not a withdrawal by the applicant).

NO_REVIEW = "no request for a review is recorded on the case"


def _reviews(session: Session, case_id: int) -> tuple[stages.ReviewState, ...]:
    """The case's reviews as the rules see them; most cases have none, which one query tells."""
    if session.exec(select(Part7Review.id).where(Part7Review.case_id == case_id)).first() is None:
        return ()
    case = session.get(HousingCase, case_id)
    return snapshot(session, case, clock.today()).part7_reviews


def _no_review(session: Session, case_id: int, what: str) -> FieldError:
    state = case_state(session, case_id)
    if not state.recorded:
        return _not_now(f"{what}, and {NO_REVIEW} ({NO_ASSESSMENT}, so no decision has been made "
                        "to review)")
    return _not_now(f"{what}, and {NO_REVIEW}")


def _review_acknowledgement(session: Session, case_id: int) -> Mapping[str, Any]:
    """Reg 5: a request for a review received (in time, or late and accepted, s.202(3))."""
    what = "the letter acknowledges a request for a review (s.202)"
    states = _reviews(session, case_id)
    if not states:
        raise _no_review(session, case_id, what)
    review = next((r for r in reversed(states) if r.open), None)
    if review is None:
        last = states[-1]
        why = (f"the late request of {long_date(last.requested_on)} was refused (s.202(3))" if last.refused_late
               else f"the review asked for on {long_date(last.requested_on)} was decided on "
                    f"{long_date(last.decided_on)}")
        raise _not_now(f"{what}, and no review is open: {why}")
    row = session.get(Part7Review, review.id)
    _, casework = policies(clock.today())
    due, _ = stages.review_decision_due(review, casework)
    out: dict[str, Any] = {
        "decision": review.decision, "decision_notified_on": review.notified_on,
        "requested_on": review.requested_on, "ground": codes.S202_GROUNDS.cited(review.ground),
        "decide_by": due}
    if not review.in_time:
        out["late_reason"] = row.late_reason
    return out


def _latest_notice(session: Session, review_id: int) -> Part7ReviewMindedTo | None:
    return session.exec(select(Part7ReviewMindedTo).where(Part7ReviewMindedTo.review_id == review_id)
                        .order_by(Part7ReviewMindedTo.notified_on.desc(), Part7ReviewMindedTo.id.desc())).first()


def _answered(session: Session, notice: Part7ReviewMindedTo) -> Part7ReviewRepresentations | None:
    return session.exec(select(Part7ReviewRepresentations).where(
        Part7ReviewRepresentations.minded_to_id == notice.id)).first()


def _review_minded_to(session: Session, case_id: int) -> Mapping[str, Any]:
    """Reg 7(2): the reviewer's recorded notice, on an open review, before it is answered."""
    what = "the letter tells the applicant what the reviewer is minded to decide (reg 7(2))"
    states = _reviews(session, case_id)
    if not states:
        raise _no_review(session, case_id, what)
    for review in reversed(states):
        if not review.open:
            continue
        notice = _latest_notice(session, review.id)
        if notice is None:
            continue
        answered = _answered(session, notice)
        if answered is not None:
            raise _not_now(f"{what}, and the applicant's representations on the notice of "
                           f"{long_date(notice.notified_on)} were recorded on {long_date(answered.received_on)}")
        return {"decision": review.decision, "requested_on": review.requested_on,
                "reviewer": session.get(Officer, notice.recorded_by_id).full_name,
                "points": [line.strip() for line in notice.points.splitlines() if line.strip()]}
    raise _not_now(f"{what}, and no minded-to notice is recorded on an open review: the reviewer "
                   "records it on the review first")


def _review_decision_row(session: Session, case_id: int) -> tuple[stages.ReviewState, Part7ReviewDecision] | None:
    decided = [r for r in _reviews(session, case_id) if r.decided_on is not None and r.outcome != "withdrawn"]
    if not decided:
        return None
    review = max(decided, key=lambda r: (r.decided_on, r.id))
    row = session.exec(select(Part7ReviewDecision).where(Part7ReviewDecision.review_id == review.id)).first()
    return review, row


def _review_decision(session: Session, case_id: int) -> Mapping[str, Any]:
    """s.203(3)-(5): the recorded decision on the review, with its reasons; where it made a duty
    owed again, that duty and the day it began."""
    what = "the letter notifies the decision on a review (s.203)"
    found = _review_decision_row(session, case_id)
    if found is None:
        states = _reviews(session, case_id)
        if not states:
            raise _no_review(session, case_id, what)
        withdrawn = next((r for r in reversed(states) if r.outcome == "withdrawn"), None)
        if withdrawn is not None and all(not r.open for r in states):
            raise _not_now(f"{what}, and the applicant withdrew the request of "
                           f"{long_date(withdrawn.requested_on)}: there is no decision to notify")
        raise _not_now(f"{what}, and no review decision is recorded on the case")
    review, row = found
    request = session.get(Part7Review, review.id)
    out: dict[str, Any] = {
        "decision": review.decision, "requested_on": request.requested_on,
        "reviewer": session.get(Officer, row.decided_by_id).full_name, "outcome": row.outcome,
        "decided_on": row.decided_on,
        "reasons": [line.strip() for line in row.reasons.splitlines() if line.strip()]}
    if row.duty_id is not None:
        duty = session.get(HomelessnessDuty, row.duty_id)
        out["duty_now"] = (f"we owe you the {stages.DUTY_LABELS[duty.duty]} from "
                           f"{long_date(duty.started_on)}")
    return out


REVIEW_LETTER_LABELS = {"notified_on": "Date of the letter (the day it is given or sent)"}


def notify_minded_to(session: Session, *, case_id: int, letter_id: int, notified_on: date, officer_id: int,
                     **_: Any) -> None:
    """Issuing the minded-to letter gives the notice in writing: the notice names the letter, and
    runs from the letter's date (the applicant has the council's whole period from it)."""
    review = next(r for r in reversed(_reviews(session, case_id)) if r.open and _latest_notice(session, r.id))
    notice = _latest_notice(session, review.id)
    if notified_on < notice.notified_on:
        raise FieldError("notified_on", f"the reviewer recorded the notice as given on "
                         f"{long_date(notice.notified_on)}; its letter is dated that day or later",
                         REVIEW_LETTER_LABELS)
    _, casework = policies(notified_on)
    before = (notice.notified_on, notice.representations_by, notice.letter_id)
    if notice.letter_id is None:
        notice.letter_id = letter_id
    if notified_on > notice.notified_on:
        notice.notified_on = notified_on
        notice.representations_by = stages.representations_by(notified_on, casework)
    session.add(notice)
    record_audit(session, actor_id=officer_id, action="update", entity="part7_review_minded_to",
                 entity_id=notice.id, detail=f"notice given by letter {letter_id} (was notified "
                 f"{before[0].isoformat()}, representations by {before[1].isoformat()})")


def notify_review_decision(session: Session, *, case_id: int, letter_id: int, notified_on: date,
                           officer_id: int, **_: Any) -> None:
    """Issuing the decision letter notifies the review decision (s.203(3), (8)); notice is given
    only with the appeal paragraph the letter carries (s.203(5)-(6)), so the appeal period runs
    from the letter's date (s.204(2)). A later letter (a correction) keeps the first notification,
    and an appeal already lodged keeps the date it was lodged against."""
    review, row = _review_decision_row(session, case_id)
    if notified_on < row.decided_on:
        raise FieldError("notified_on", f"the review was decided on {long_date(row.decided_on)}; its "
                         "decision is notified on or after that day", REVIEW_LETTER_LABELS)
    if row.letter_id is not None or review.appealed:
        return
    before = row.notified_on
    row.letter_id, row.notified_on = letter_id, notified_on
    session.add(row)
    record_audit(session, actor_id=officer_id, action="update", entity="part7_review_decision",
                 entity_id=row.id, detail=f"notified by letter {letter_id} on {notified_on.isoformat()} "
                 f"(recorded as notified {before.isoformat()})")


# What each Part 7 letter needs of the case (every one states a duty or a decision):
# - prevention / relief duty letters, s.184 main duty accepted: that duty open (s.184(3));
# - s.184 adverse decisions: an assessment finding it, after the relief duty (s.184, s.189B);
#   not eligible: an assessment finding it (s.185), at any point;
# - s.193B(4) warning: the prevention or relief duty open; s.193B(2) notice: a warning given;
# - notice that a duty ended: a duty ended; plan: prevention or relief open, with steps;
# - referral letters: an assessment finding referral possible (s.198(1), s.200(1));
# - TA offer: a placement requested or approved under a duty;
# - review letters: a review request open (acknowledgement), a minded-to notice not yet answered,
#   a review decision recorded (s.202, reg 5, reg 7(2), s.203).
PROVIDERS = {
    "prevention_duty": _duty_letter("prevention_duty"),
    "relief_duty": _duty_letter("relief_duty"),
    "s184_main_duty_accepted": _duty_letter("s184_main_duty_accepted"),
    "s184_not_priority_need": _decision_letter("s184_not_priority_need", "priority_need", False, "not in priority need"),
    "s184_intentionally_homeless": _decision_letter(
        "s184_intentionally_homeless", "intentionally_homeless", True, "intentionally homeless"),
    "s184_not_eligible": _decision_letter("s184_not_eligible", "eligible", False, "not eligible for assistance"),
    "personal_housing_plan": _plan,
    "duty_ended": _duty_ended,
    "ta_offer": _ta_offer,
    "s193b_warning": _cooperation_warning,
    "s193b_notice": _cooperation_notice,
    "referral_to_authority": _referral("referral_to_authority"),
    "referral_notification": _referral("referral_notification"),
    "offer_of_accommodation": _offer_letter(final=False),
    "final_offer": _offer_letter(final=True),
    "review_acknowledgement": _review_acknowledgement,
    "review_minded_to": _review_minded_to,
    "review_decision": _review_decision,
}

# The review letters that give a notice the review records (reg 7(2), s.203(3)).
REVIEW_NOTICE_HOOKS = {
    "review_minded_to": notify_minded_to,
    "review_decision": notify_review_decision,
}


def install() -> None:
    """Register the providers and the duty notification hook (idempotent)."""
    for code, provider in PROVIDERS.items():
        register_context_provider(code, provider)
    for code in DUTY_OF_LETTER:
        register_issue_hook(code, notify_duty)
    register_issue_hook("final_offer", record_consequences_notified)
    for code in ("duty_ended", "s193b_notice"):
        register_issue_hook(code, notify_end)
    for code, hook in REVIEW_NOTICE_HOOKS.items():
        register_issue_hook(code, hook)
