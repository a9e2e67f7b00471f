"""Offers of accommodation under a Part 7 duty, their suitability and the applicant's answer.

An offer is recorded against the duty open on the case (codes.OFFER_KINDS: an offer of suitable
accommodation, a private rented tenancy, a Part 6 offer, a final accommodation offer or final
Part 6 offer under s.193A at the relief stage, a final Part 6 offer under s.193(7), a private
rented sector offer under s.193(7AA)), with the council's assessment of its suitability: whether
it is suitable and why (s.206), its location (Homelessness (Suitability of Accommodation)
(England) Order 2012 art.2) and, where the rent is known, its affordability (Suitability Order
1996 art.2, through `stages.affordability` and the council's thresholds). Then the applicant's
answer (codes.OFFER_ANSWERS): accepted; refused, with their reasons; accepted while asking for a
review of its suitability (s.202(1)(f), (1A): the request is recorded here, the review itself by
the reviews service); or no reply by the date given.

Rows are append-only (`accommodation_offer`, `offer_answer`; `offer_notice` is written when the
final-offer letter is issued, logic.casework.letter_sources). Whether an answer ends the duty is
the stage move's business (`stages.OFFER_ENDINGS`, checked when the officer ends the duty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import select

from logic import clock
from logic.casework import stages
from logic.casework.placements import pence
from logic.casework.service import (
    FIELD_LABELS as CASEWORK_LABELS,
)
from logic.casework.service import (
    check_date,
    clean_text,
    homelessness_case_for,
    policies,
    require_open,
)
from logic.common import codes
from logic.common.errors import FieldError
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.law.core import long_date
from logic.models import Officer
from logic.models.casework import AccommodationOffer, HomelessnessDuty, OfferAnswer, OfferNotice
from logic.workload.allocation import may_act_on_case

# The Offers form's labels (pages/_sections/offers.py), so a refused answer names the field as
# the officer saw it.
FIELD_LABELS: dict[str, str] = {
    **CASEWORK_LABELS,
    "kind": "Kind of offer",
    "address": "Address of the accommodation",
    "offered_on": "Offered on",
    "respond_by": "Answer needed by",
    "suitable": "Is it suitable for the household?",
    "suitability_reasons": "Why it is (or is not) suitable: size, condition, needs (s.206)",
    "location_reasons": "Its location: distance from the district, work, schools, care and support "
                        "(Suitability Order 2012 art.2)",
    "monthly_rent": "Rent a month (£)",
    "monthly_income": "Household income a month, benefits included (£)",
    "offer": "Offer",
    "answer": "Applicant's answer",
    "answered_on": "Answered on",
    "reasons": "The applicant's reasons",
    "review_requested_on": "Review of suitability asked for on",
}

# Offers of a private tenancy: their rent is always known, so affordability is always assessed
# (Suitability Order 1996 art.2; Suitability Order 2012 art.3 for the landlord's conditions).
PRIVATE_KINDS = ("private_rented_offer", "final_accommodation_offer", "private_rented_sector_offer")
MAX_MONTHLY_POUNDS = Decimal(100000)


def _open_duty(session, case_id: int) -> HomelessnessDuty | None:
    return session.exec(select(HomelessnessDuty).where(HomelessnessDuty.case_id == case_id,
                                                       HomelessnessDuty.ended_on.is_(None))).first()


def latest_open_offer(session, case_id: int) -> tuple[AccommodationOffer, str] | None:
    """The latest offer on the case not yet answered (else the latest offer), with the code of
    the duty it was made under: what an offer letter states."""
    rows = session.exec(select(AccommodationOffer, HomelessnessDuty.duty)
                        .join(HomelessnessDuty, HomelessnessDuty.id == AccommodationOffer.duty_id)
                        .where(AccommodationOffer.case_id == case_id)
                        .order_by(AccommodationOffer.offered_on.desc(), AccommodationOffer.id.desc())).all()
    if not rows:
        return None
    answered = set(session.exec(select(OfferAnswer.offer_id).where(OfferAnswer.case_id == case_id,
                                                                   OfferAnswer.answer != "no_reply")).all())
    waiting = [(o, d) for o, d in rows if o.id not in answered]
    return (waiting or rows)[0]


def kinds_for(duty: str | None) -> tuple[str, ...]:
    """The offers that can be made under a duty (none when no duty that offers accommodation is
    open: the s.190(2) duty is a reasonable period, not an offer)."""
    return stages.OFFER_KINDS_FOR_DUTY.get(duty or "", ())


def record_offer(*, case_id: int, expected_version: int, officer_id: int, kind: str, address: str,
                 offered_on: date, respond_by: date | None, suitable: bool, suitability_reasons: str,
                 location_reasons: str, monthly_rent: Any = None, monthly_income: Any = None,
                 today: date | None = None) -> int:
    """Record an offer of accommodation under the open duty, with its suitability assessment."""
    today = today or clock.today()
    _date(offered_on, "offered_on", today)
    if respond_by is not None:
        _date(respond_by, "respond_by", today, future_ok=True)
        if respond_by < offered_on:
            raise FieldError("respond_by", "cannot be before the day of the offer", FIELD_LABELS)
    address = clean_text(address, "address", "the address of the accommodation")
    if len(address) > 300:
        raise FieldError("address", "is longer than 300 characters", FIELD_LABELS)
    if not isinstance(suitable, bool):
        raise FieldError("suitable", "answer yes or no", FIELD_LABELS)
    suitability_reasons = _text(suitability_reasons, "suitability_reasons",
                                "why the accommodation is, or is not, suitable for this household (s.206)")
    location_reasons = _text(location_reasons, "location_reasons",
                             "how its location was considered (Suitability Order 2012 art.2)")
    rent_p = income_p = None
    check = None
    if kind in PRIVATE_KINDS or not _blank(monthly_rent) or not _blank(monthly_income):
        if _blank(monthly_rent):
            raise FieldError("monthly_rent", "give the rent, so affordability is assessed "
                             "(Suitability Order 1996 art.2)", FIELD_LABELS)
        if _blank(monthly_income):
            raise FieldError("monthly_income", "give the household's income, so affordability is "
                             "assessed (Suitability Order 1996 art.2)", FIELD_LABELS)
        rent_p = _pence(monthly_rent, "monthly_rent")
        income_p = _pence(monthly_income, "monthly_income")
        _, casework = policies(offered_on)
        check = stages.affordability(rent_p, income_p, casework)
        if check.verdict == "unaffordable" and suitable:
            raise FieldError("suitable", check.text + " Accommodation the household cannot afford is not "
                             "suitable (Suitability of Accommodation Order 1996 art.2)", FIELD_LABELS)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True,
                                        expected_version=expected_version)
        require_open(case)
        duty = _open_duty(session, case_id)
        allowed = kinds_for(duty.duty if duty else None)
        if duty is None or not allowed:
            raise FieldError("kind", "an offer of accommodation is made under the prevention, relief, main or "
                             "s.193C(4) duty, and none is open on this case", FIELD_LABELS)
        if kind not in allowed:
            raise FieldError("kind", f"under the {stages.DUTY_LABELS[duty.duty]} the offer is one of: "
                             + "; ".join(codes.OFFER_KINDS.label(k) for k in allowed), FIELD_LABELS)
        if offered_on < duty.started_on:
            raise FieldError("offered_on", f"the {stages.DUTY_LABELS[duty.duty]} began on "
                             f"{long_date(duty.started_on)}; an offer under it is made on or after that day",
                             FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = AccommodationOffer(
            case_id=case_id, duty_id=duty.id, kind=kind, address=address, offered_on=offered_on,
            respond_by=respond_by, suitable=suitable, suitability_reasons=suitability_reasons,
            location_reasons=location_reasons, monthly_rent_pence=rent_p, monthly_income_pence=income_p,
            rent_share_percent=check.rent_share_percent if check else None,
            affordability=check.verdict if check else None, offered_by_id=officer_id)
        session.add(row)
        session.flush()
        verdict = "assessed as suitable" if suitable else "assessed as NOT suitable"
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="offer_recorded",
            summary=f"{codes.OFFER_KINDS.label(kind)} ({codes.OFFER_KINDS.citation(kind)}) of {address} made on "
                    f"{offered_on.isoformat()} under the {stages.DUTY_LABELS[duty.duty]}, {verdict}"
                    + (f"; {check.text}" if check else ""),
            reason=suitability_reasons,
            changes={"offer_id": (None, row.id), "suitable": (None, suitable)})
        record_audit(session, actor_id=officer_id, action="create", entity="accommodation_offer",
                     entity_id=row.id, detail=kind)
        return row.id


def record_offer_answer(*, offer_id: int, expected_version: int, officer_id: int, answer: str,
                        answered_on: date, reasons: str | None = None,
                        review_requested_on: date | None = None, today: date | None = None) -> int:
    """Record the applicant's answer to an offer. A refusal keeps the applicant's reasons; an
    acceptance while asking for a review of suitability keeps the day the review was asked for
    (s.202(1)(f), (1A)); "no reply" is recorded only once the day given to answer has passed."""
    today = today or clock.today()
    if answer not in codes.OFFER_ANSWERS:
        raise FieldError("answer", "choose one of: " + ", ".join(codes.OFFER_ANSWERS.label(a)
                                                                for a in codes.OFFER_ANSWERS.codes()),
                         FIELD_LABELS)
    _date(answered_on, "answered_on", today)
    reasons_text = (reasons or "").strip()
    if answer == "refused":
        reasons_text = _text(reasons, "reasons", "the applicant's reasons for refusing (they are "
                             "weighed on any review of suitability)")
    if answer == "accepted_review":
        if review_requested_on is None:
            raise FieldError("review_requested_on", "give the day the applicant asked for a review of "
                             "the accommodation's suitability (s.202(1)(f), (1A))", FIELD_LABELS)
        _date(review_requested_on, "review_requested_on", today)
    elif review_requested_on is not None:
        raise FieldError("review_requested_on", "a review of suitability is recorded with the answer "
                         f"'{codes.OFFER_ANSWERS.label('accepted_review')}'", FIELD_LABELS)
    with session_scope() as session:
        offer = session.get(AccommodationOffer, offer_id)
        if offer is None:
            raise FieldError("offer", "no such offer is recorded", FIELD_LABELS)
        _, case = homelessness_case_for(session, officer_id, offer.case_id, acting=True,
                                        expected_version=expected_version)
        require_open(case)
        if answered_on < offer.offered_on:
            raise FieldError("answered_on", f"the offer was made on {long_date(offer.offered_on)}; it is "
                             "answered on or after that day", FIELD_LABELS)
        if review_requested_on is not None and review_requested_on < offer.offered_on:
            raise FieldError("review_requested_on", "cannot be before the offer was made", FIELD_LABELS)
        if answer == "no_reply" and (offer.respond_by is None or answered_on <= offer.respond_by):
            raise FieldError("answered_on", "'no reply' is recorded after the day the applicant was given "
                             "to answer has passed" + (f" ({long_date(offer.respond_by)})" if offer.respond_by
                                                       else "; this offer gives no such day"), FIELD_LABELS)
        last = session.exec(select(OfferAnswer).where(OfferAnswer.offer_id == offer_id)
                            .order_by(OfferAnswer.answered_on.desc(), OfferAnswer.id.desc())).first()
        if last is not None and last.answer != "no_reply":
            raise FieldError("answer", f"the applicant's answer ({codes.OFFER_ANSWERS.words(last.answer)}, "
                             f"{long_date(last.answered_on)}) is already recorded", FIELD_LABELS)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row = OfferAnswer(offer_id=offer_id, case_id=case.id, answer=answer, answered_on=answered_on,
                          reasons=reasons_text or None, review_requested_on=review_requested_on,
                          recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        summary = (f"The applicant's answer to the offer of {offer.address}: "
                   f"{codes.OFFER_ANSWERS.words(answer)} on {answered_on.isoformat()}")
        if answer == "accepted_review":
            summary += (f"; a review of its suitability was asked for on {review_requested_on.isoformat()} "
                        "(s.202(1)(f), (1A))")
        record_case_event(session, case_id=case.id, actor_id=officer_id, kind="offer_answered",
                          summary=summary, reason=reasons_text or None,
                          changes={"offer_id": (None, offer_id), "answer": (None, answer)})
        record_audit(session, actor_id=officer_id, action="create", entity="offer_answer",
                     entity_id=row.id, detail=answer)
        return row.id


# --- what the Offers part of the case record shows -------------------------------------------------


@dataclass(frozen=True)
class OfferView:
    id: int
    kind: str
    kind_label: str
    citation: str
    duty: str
    address: str
    offered_on: date
    respond_by: date | None
    suitable: bool
    suitability_reasons: str
    location_reasons: str
    affordability: str  # the words of stages.affordability, "" when no rent was given
    offered_by: str
    answer: str | None
    answer_label: str
    answered_on: date | None
    answer_reasons: str
    review_requested_on: date | None
    consequences_notified_on: date | None  # the final-offer letter that told the applicant
    notice_letter: str  # its number, "" when none


@dataclass(frozen=True)
class OffersSummary:
    case_id: int
    version: int
    duty: str | None  # the open duty's code
    duty_label: str
    kinds: tuple[str, ...]  # the offers the open duty allows
    offers: list[OfferView] = field(default_factory=list)
    may_record: bool = False


def offers_summary(*, case_id: int, viewer_id: int, today: date | None = None) -> OffersSummary:
    """The case's offers, newest first, with their answers and written notices."""
    today = today or clock.today()
    _, casework = policies(today)
    from logic.letters.compose import letter_number

    with session_scope() as session:
        viewer, case = homelessness_case_for(session, viewer_id, case_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        duties = {d.id: d.duty for d in session.exec(
            select(HomelessnessDuty).where(HomelessnessDuty.case_id == case_id)).all()}
        duty = _open_duty(session, case_id)
        rows = session.exec(select(AccommodationOffer).where(AccommodationOffer.case_id == case_id)
                            .order_by(AccommodationOffer.offered_on.desc(), AccommodationOffer.id.desc())).all()
        answers: dict[int, OfferAnswer] = {}
        for a in session.exec(select(OfferAnswer).where(OfferAnswer.case_id == case_id)
                              .order_by(OfferAnswer.answered_on, OfferAnswer.id)).all():
            answers[a.offer_id] = a
        notices: dict[int, OfferNotice] = {}
        for n in session.exec(select(OfferNotice).where(OfferNotice.case_id == case_id)
                              .order_by(OfferNotice.notified_on, OfferNotice.id)).all():
            notices.setdefault(n.offer_id, n)
        views = []
        for o in rows:
            a, n = answers.get(o.id), notices.get(o.id)
            money = ""
            if o.monthly_rent_pence is not None and o.monthly_income_pence:
                money = stages.affordability(o.monthly_rent_pence, o.monthly_income_pence, casework).text
            views.append(OfferView(
                id=o.id, kind=o.kind, kind_label=codes.OFFER_KINDS.label(o.kind),
                citation=codes.OFFER_KINDS.citation(o.kind), duty=stages.DUTY_LABELS.get(duties.get(o.duty_id), ""),
                address=o.address, offered_on=o.offered_on, respond_by=o.respond_by, suitable=o.suitable,
                suitability_reasons=o.suitability_reasons, location_reasons=o.location_reasons or "",
                affordability=money, offered_by=names.get(o.offered_by_id, "?"),
                answer=a.answer if a else None, answer_label=codes.OFFER_ANSWERS.label(a.answer) if a else "",
                answered_on=a.answered_on if a else None, answer_reasons=(a.reasons or "") if a else "",
                review_requested_on=a.review_requested_on if a else None,
                consequences_notified_on=n.notified_on if n else None,
                notice_letter=letter_number(n.letter_id) if n else ""))
        may = case.status == "open" and bool(may_act_on_case(session, viewer, case))
        return OffersSummary(
            case_id=case.id, version=case.version, duty=duty.duty if duty else None,
            duty_label=stages.DUTY_LABELS[duty.duty] if duty else "", kinds=kinds_for(duty.duty if duty else None),
            offers=views, may_record=may and duty is not None and bool(kinds_for(duty.duty)))


def record_offer_notice(session, *, case_id: int, offer_id: int, letter_id: int, notified_on: date,
                        officer_id: int) -> None:
    """The final-offer letter told the applicant the consequences and the review right (called
    by the letter's issue hook, in the letter's transaction)."""
    offer = session.get(AccommodationOffer, offer_id)
    if offer is None or offer.case_id != case_id:
        raise FieldError("offer_id", "the letter must name an offer recorded on this case",
                         {"offer_id": "Offer (its number on the case)"})
    if notified_on < offer.offered_on:
        raise FieldError("notified_on", "the letter cannot be dated before the offer it explains",
                         {"notified_on": "Date of the letter (the day it is given or sent)"})
    row = OfferNotice(offer_id=offer_id, case_id=case_id, letter_id=letter_id, notified_on=notified_on,
                      recorded_by_id=officer_id)
    session.add(row)
    session.flush()
    from logic.letters.compose import letter_number

    record_case_event(
        session, case_id=case_id, actor_id=officer_id, kind="offer_consequences_notified",
        summary=f"The applicant was told in writing on {notified_on.isoformat()} of the consequences of refusing "
                f"the offer of {offer.address} and of the right to ask for a review of its suitability "
                f"(s.202(1)(f), (1A)), letter {letter_number(letter_id)}",
        changes={"offer_id": (None, offer_id), "letter_id": (None, letter_id)})
    record_audit(session, actor_id=officer_id, action="create", entity="offer_notice", entity_id=row.id)


def _date(value: Any, name: str, today: date, *, future_ok: bool = False) -> date:
    try:
        return check_date(value, name, today, future_ok=future_ok)
    except FieldError as error:
        raise FieldError(name, error.problem, FIELD_LABELS) from None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _pence(value: Any, name: str) -> int:
    try:
        return pence(value, name, maximum=MAX_MONTHLY_POUNDS)
    except FieldError as error:
        raise FieldError(name, error.problem, FIELD_LABELS) from None


def _text(value: str | None, name: str, what: str) -> str:
    try:
        return clean_text(value, name, what)
    except FieldError as error:
        raise FieldError(name, error.problem, FIELD_LABELS) from None
