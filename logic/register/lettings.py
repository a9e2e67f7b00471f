"""Choice-based lettings (s.166A(2) Housing Act 1996 lets a scheme give applicants a choice):
homes advertised, bids by households on the register, the shortlist, and nominations to housing
associations (or direct offers of council homes).

Who may bid and how the shortlist is ranked are `logic.register.rules` (bid_fits,
rank_shortlist) over `data/policy/register.toml`; a bidder's band and bedroom need are their
current register assessment's. Closing an advert stores the shortlist as drawn, so the order a
nomination was made from can always be shown later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from logic import clock
from logic.common import codes
from logic.common.errors import FieldError, NotFound
from logic.common.recording import claim_case_version, record_audit, record_case_event, record_view
from logic.db import session_scope
from logic.front_door.households import next_id
from logic.law import policy_as_at
from logic.models import CaseStatus, HousingCase, Person, utc_now
from logic.models.register import (
    ADVERT_ACCESSIBILITY,
    LANDLORD_KINDS,
    PROPERTY_TYPES,
    LettingAdvert,
    LettingBid,
    LettingNomination,
    RegisterApplication,
    RegisterAssessment,
)
from logic.register.policy import register_policy_as_at
from logic.register.rules import Bidder, Shortlist, bid_fits, rank_shortlist
from logic.register.service import _actor, current_assessment

# The form's labels, so a refused answer is named as the officer saw it:
# pages/lettings.py.
FIELD_LABELS: dict[str, str] = {
    "address": "Address",
    "bedrooms": "Bedrooms",
    "property_type": "Type",
    "accessibility": "Accessibility",
    "landlord": "Landlord",
    "landlord_kind": "Landlord is",
    "weekly_rent": "Rent, £ a week",
    "opens_on": "Bidding opens",
    "closes_on": "Bidding closes",
    "reason": "Reason (for a refusal)",
    "outcome": "Outcome",
    "outcome_on": "Date of the outcome",
    "advert": "Advert",
    "case": "Bid for",
    "bid": "Bid",
    "nomination": "Nomination",
    "bypass_reason": "If passing over a higher place: why",
}

NOMINATION_OUTCOMES = codes.NOMINATION_OUTCOMES.codes()


@dataclass(frozen=True)
class AdvertDetails:
    address: str
    bedrooms: int
    property_type: str
    accessibility: str
    landlord: str
    landlord_kind: str
    weekly_rent: float
    opens_on: date
    closes_on: date


def _check_advert(details: AdvertDetails) -> AdvertDetails:
    address = details.address.strip()
    landlord = details.landlord.strip()
    if not address:
        raise FieldError("address", "give the address of the home", FIELD_LABELS)
    if not 1 <= details.bedrooms <= 8:
        raise FieldError("bedrooms", "must be from 1 to 8", FIELD_LABELS)
    if details.property_type not in PROPERTY_TYPES:
        raise FieldError("property_type", f"choose one of {', '.join(PROPERTY_TYPES)}",
                         FIELD_LABELS)
    if details.accessibility not in ADVERT_ACCESSIBILITY:
        raise FieldError("accessibility", f"choose one of {', '.join(ADVERT_ACCESSIBILITY)}",
                         FIELD_LABELS)
    if not landlord:
        raise FieldError("landlord", "name the landlord", FIELD_LABELS)
    if details.landlord_kind not in LANDLORD_KINDS:
        raise FieldError("landlord_kind", f"choose one of {', '.join(LANDLORD_KINDS)}",
                         FIELD_LABELS)
    if not 0 < details.weekly_rent <= 2000:
        raise FieldError("weekly_rent", "must be a weekly rent in pounds, above £0 and at most £2,000",
                         FIELD_LABELS)
    if details.closes_on < details.opens_on:
        raise FieldError("closes_on", "must be on or after the day bidding opens", FIELD_LABELS)
    return AdvertDetails(address[:200], details.bedrooms, details.property_type,
                         details.accessibility, landlord[:120], details.landlord_kind,
                         round(details.weekly_rent, 2), details.opens_on, details.closes_on)


def create_advert(*, actor_id: int, details: AdvertDetails) -> int:
    details = _check_advert(details)
    with session_scope() as session:
        _actor(session, actor_id)
        advert_id = next_id(session, "letting_advert_id_seq")
        advert = LettingAdvert(id=advert_id, reference=f"AD-{advert_id:05d}",
                               created_by_id=actor_id, **details.__dict__)
        session.add(advert)
        session.flush()
        record_audit(session, actor_id=actor_id, action="create", entity="letting_advert",
                     entity_id=advert_id, detail=f"{details.bedrooms}-bed {details.property_type}")
        return advert_id


def _advert(session: Session, advert_id: int) -> LettingAdvert:
    advert = session.get(LettingAdvert, advert_id)
    if advert is None:
        raise NotFound(f"Advert {advert_id} does not exist.")
    return advert


def _standing(session: Session, case: HousingCase) -> tuple[Any, RegisterApplication | None]:
    application = session.exec(select(RegisterApplication).where(
        RegisterApplication.case_id == case.id)).first()
    return current_assessment(session, case.id), application


def place_bid(*, advert_id: int, case_id: int, actor_id: int, on: date | None = None) -> int:
    """A bid for a household on the register, refused (with the reason) when the advert is not
    open, the application is not active, the home is the wrong size or access for them, they
    already bid for it, or they have the scheme's most live bids."""
    on = on or clock.today()
    with session_scope() as session:
        _actor(session, actor_id)
        advert = _advert(session, advert_id)
        if advert.status != "open" or not advert.opens_on <= on <= advert.closes_on:
            raise FieldError("advert", f"{advert.reference} is not open for bids on "
                               f"{on.strftime('%d %b %Y')} (open {advert.opens_on:%d %b} to "
                               f"{advert.closes_on:%d %b %Y}, {advert.status})", FIELD_LABELS)
        case = session.get(HousingCase, case_id)
        if case is None or case.case_type != "register":
            raise FieldError("case", "choose a housing register case", FIELD_LABELS)
        if case.status != CaseStatus.open.value or case.stage != "active":
            raise FieldError("case", f"{case.reference} is not active on the register",
                             FIELD_LABELS)
        assessment, application = _standing(session, case)
        if assessment is None or not assessment.qualifies or application is None:
            raise FieldError("case", f"{case.reference} has no qualifying assessment", FIELD_LABELS)
        rules = register_policy_as_at(on)
        fits, why = bid_fits(bedroom_need=assessment.bedroom_need,
                             accessibility_need=application.accessibility_need,
                             advert_bedrooms=advert.bedrooms,
                             advert_accessibility=advert.accessibility, rules=rules)
        if not fits:
            raise FieldError("advert", f"{why.text} ({why.citation})", FIELD_LABELS)
        mine = session.exec(select(LettingBid.id).where(
            LettingBid.advert_id == advert_id, LettingBid.case_id == case_id,
            LettingBid.status == "active")).first()
        if mine is not None:
            raise FieldError("case", f"{case.reference} has already bid for {advert.reference}",
                             FIELD_LABELS)
        live = session.exec(select(func.count()).select_from(LettingBid).join(
            LettingAdvert, LettingAdvert.id == LettingBid.advert_id).where(
            LettingBid.case_id == case_id, LettingBid.status == "active",
            LettingAdvert.status == "open")).one()
        if live >= rules.max_active_bids:
            raise FieldError("case", f"{case.reference} already has {live} live bids, the most "
                               f"the scheme allows ({rules.ref('lettings.max_active_bids')})",
                               FIELD_LABELS)
        bid = LettingBid(advert_id=advert_id, case_id=case_id, placed_by_id=actor_id)
        session.add(bid)
        session.flush()
        record_case_event(session, case_id=case_id, actor_id=actor_id, kind="letting_bid",
                          summary=f"Bid placed for {advert.reference}, {advert.address} "
                                  f"({advert.bedrooms}-bed {advert.property_type})",
                          reason=why.text)
        record_audit(session, actor_id=actor_id, action="create", entity="letting_bid",
                     entity_id=bid.id)
        return bid.id


def _bidders(session: Session, advert_id: int) -> list[Bidder]:
    """Every bid on the advert with the bidder's standing (the case, its current assessment,
    the application and the applicant) in one query, in the order the bids were placed."""
    newest = (select(RegisterAssessment.case_id, func.max(RegisterAssessment.id).label("id"))
              .group_by(RegisterAssessment.case_id).subquery())
    applicant = (select(Person.household_id, func.min(Person.id).label("id"))
                 .where(Person.relation == "applicant").group_by(Person.household_id).subquery())
    rows = session.exec(
        select(LettingBid.id, LettingBid.status, LettingBid.placed_at, HousingCase.id,
               HousingCase.reference, HousingCase.status, HousingCase.stage, Person.given_name,
               Person.family_name, RegisterAssessment.id, RegisterAssessment.qualifies,
               RegisterAssessment.band, RegisterAssessment.band_effective_date,
               RegisterAssessment.bedroom_need, RegisterApplication.id,
               RegisterApplication.application_date, RegisterApplication.accessibility_need,
               RegisterApplication.household_income)
        .join(HousingCase, HousingCase.id == LettingBid.case_id)
        .outerjoin(applicant, applicant.c.household_id == HousingCase.household_id)
        .outerjoin(Person, Person.id == applicant.c.id)
        .outerjoin(newest, newest.c.case_id == HousingCase.id)
        .outerjoin(RegisterAssessment, RegisterAssessment.id == newest.c.id)
        .outerjoin(RegisterApplication, RegisterApplication.case_id == HousingCase.id)
        .where(LettingBid.advert_id == advert_id)
        .order_by(LettingBid.id)).all()
    out = []
    for (bid_id, bid_status, placed_at, case_id, reference, case_status, stage, given, family,
         assessment_id, qualifies, band, band_date, need, application_id, applied_on, access,
         income) in rows:
        assessed, applied = assessment_id is not None, application_id is not None
        out.append(Bidder(
            bid_id=bid_id, case_id=case_id, case_reference=reference,
            applicant=f"{given} {family}" if given is not None else "?",
            bid_status=bid_status, bid_placed_at=placed_at, case_status=case_status,
            case_stage=stage, qualifies=qualifies if assessed else None,
            band=band if assessed else None, band_effective_date=band_date if assessed else None,
            registration_date=applied_on if applied else None,
            bedroom_need=need if assessed else None,
            accessibility_need=access if applied else "none",
            household_income=income if applied else None,
        ))
    return out


def _draw(session: Session, advert: LettingAdvert, on: date) -> Shortlist:
    return rank_shortlist(_bidders(session, advert.id), advert_bedrooms=advert.bedrooms,
                          advert_accessibility=advert.accessibility, on=on,
                          policy=policy_as_at(on), rules=register_policy_as_at(on),
                          weekly_rent=advert.weekly_rent)


def shortlist(*, advert_id: int, viewer_id: int, on: date | None = None,
              opening: str | None = None) -> Shortlist:
    """The shortlist as it stands on `on` (bidders' current register standing)."""
    on = on or clock.today()
    with session_scope() as session:
        _actor(session, viewer_id)
        advert = _advert(session, advert_id)
        result = _draw(session, advert, on)
        record_view(session, actor_id=viewer_id, entity="letting_advert", entity_id=advert_id,
                    opening=opening, detail="shortlist")
        return result


def close_advert(*, advert_id: int, actor_id: int, on: date | None = None) -> dict[str, Any]:
    """Close bidding and keep the shortlist as drawn; nominations are made from it."""
    on = on or clock.today()
    with session_scope() as session:
        _actor(session, actor_id)
        advert = _advert(session, advert_id)
        if advert.status != "open":
            raise FieldError("advert", f"{advert.reference} is already {advert.status}",
                             FIELD_LABELS)
        drawn = _draw(session, advert, on).to_json()
        advert.status, advert.closed_at = "closed", utc_now()
        advert.shortlist_json = json.dumps(drawn)
        session.add(advert)
        for entry in drawn["placed"]:
            record_case_event(session, case_id=entry["case_id"], actor_id=actor_id,
                              kind="letting_shortlist",
                              summary=f"Position {entry['position']} on the shortlist for "
                                      f"{advert.reference}", reason=entry["why"])
        for entry in drawn["excluded"]:
            record_case_event(session, case_id=entry["case_id"], actor_id=actor_id,
                              kind="letting_shortlist",
                              summary=f"Not shortlisted for {advert.reference}",
                              reason=f"{entry['why']} ({entry['citation']})")
        record_audit(session, actor_id=actor_id, action="update", entity="letting_advert",
                     entity_id=advert_id, detail="closed; shortlist drawn")
        return drawn


def nominate(*, advert_id: int, case_id: int, actor_id: int, nominated_on: date | None = None,
             bypass_reason: str | None = None) -> int:
    """Nominate a shortlisted household to the landlord (a housing association nomination, or
    a direct offer of a council home). Passing over a higher-placed household who has not
    already refused or been refused needs a recorded reason."""
    nominated_on = nominated_on or clock.today()
    bypass = (bypass_reason or "").strip() or None
    with session_scope() as session:
        _actor(session, actor_id)
        advert = _advert(session, advert_id)
        if advert.status != "closed" or not advert.shortlist_json:
            raise FieldError("advert", f"close {advert.reference} and draw its shortlist first"
                               if advert.status == "open" else f"{advert.reference} is {advert.status}",
                               FIELD_LABELS)
        drawn = json.loads(advert.shortlist_json)
        entry = next((p for p in drawn["placed"] if p["case_id"] == case_id), None)
        if entry is None:
            raise FieldError("case", "the household is not on this advert's shortlist",
                             FIELD_LABELS)
        previous = session.exec(select(LettingNomination).where(
            LettingNomination.advert_id == advert_id)).all()
        if any(n.outcome == "pending" for n in previous):
            raise FieldError("advert", "a nomination for this home is waiting for its outcome",
                             FIELD_LABELS)
        if any(n.case_id == case_id for n in previous):
            raise FieldError("case", "this household has already been nominated for this home",
                             FIELD_LABELS)
        passed = {n.case_id for n in previous}
        skipped = [p for p in drawn["placed"]
                   if p["position"] < entry["position"] and p["case_id"] not in passed]
        if skipped and not bypass:
            raise FieldError("bypass_reason", "say why "
                               + ", ".join(f"{p['case_reference']} (position {p['position']})"
                                           for p in skipped)
                               + " is passed over", FIELD_LABELS)
        nomination = LettingNomination(
            advert_id=advert_id, case_id=case_id, landlord=advert.landlord,
            shortlist_position=entry["position"], bypass_reason=bypass if skipped else None,
            nominated_on=nominated_on, nominated_by_id=actor_id)
        session.add(nomination)
        session.flush()
        what = ("Nominated to " + advert.landlord if advert.landlord_kind == "housing_association"
                else "Offered the council home")
        record_case_event(session, case_id=case_id, actor_id=actor_id, kind="letting_nomination",
                          summary=f"{what} for {advert.reference}, {advert.address} "
                                  f"(shortlist position {entry['position']})",
                          reason=bypass if skipped else entry["why"])
        record_audit(session, actor_id=actor_id, action="create", entity="letting_nomination",
                     entity_id=nomination.id)
        return nomination.id


def record_nomination_outcome(*, nomination_id: int, actor_id: int, outcome: str,
                              outcome_on: date | None = None, reason: str = "") -> None:
    """The landlord's or applicant's answer. An accepted home is let: the advert closes as let
    and the household's register application closes as rehoused."""
    outcome_on = outcome_on or clock.today()
    reason = reason.strip()
    if outcome not in NOMINATION_OUTCOMES:
        raise FieldError("outcome", f"choose one of {', '.join(NOMINATION_OUTCOMES)}", FIELD_LABELS)
    if outcome != "accepted" and not reason:
        raise FieldError("reason", "record why the offer was refused", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        nomination = session.get(LettingNomination, nomination_id)
        if nomination is None:
            raise NotFound(f"Nomination {nomination_id} does not exist.")
        if nomination.outcome != "pending":
            raise FieldError("nomination", f"the outcome is already recorded ({nomination.outcome})",
                             FIELD_LABELS)
        if outcome_on < nomination.nominated_on:
            raise FieldError("outcome_on", "cannot be before the nomination", FIELD_LABELS)
        advert = _advert(session, nomination.advert_id)
        nomination.outcome, nomination.outcome_on = outcome, outcome_on
        nomination.outcome_reason = reason or None
        session.add(nomination)
        words = outcome.replace("_", " ")
        record_case_event(session, case_id=nomination.case_id, actor_id=actor_id,
                          kind="letting_nomination",
                          summary=f"Offer of {advert.reference} {words}", reason=reason or None)
        if outcome == "accepted":
            advert.status, advert.let_case_id = "let", nomination.case_id
            session.add(advert)
            case = session.get(HousingCase, nomination.case_id)
            claim_case_version(session, case_id=case.id, expected_version=case.version, values={
                "status": CaseStatus.closed.value, "closed_at": utc_now(),
                "closed_reason": f"Rehoused: {advert.reference}, {advert.address}"[:200]})
            record_case_event(session, case_id=case.id, actor_id=actor_id, kind="case_closed",
                              summary="Case closed: rehoused",
                              reason=f"Accepted {advert.reference}, {advert.address} "
                                     f"({advert.landlord})",
                              changes={"status": ("open", "closed")})
        record_audit(session, actor_id=actor_id, action="update", entity="letting_nomination",
                     entity_id=nomination_id, detail=outcome)


@dataclass(frozen=True)
class AdvertView:
    id: int
    reference: str
    address: str
    bedrooms: int
    property_type: str
    accessibility: str
    landlord: str
    landlord_kind: str
    weekly_rent: float
    opens_on: date
    closes_on: date
    status: str
    shortlist: dict[str, Any] | None
    nominations: tuple[dict[str, Any], ...]

    # What the lettings screen offers follows the advert's life: bids while it is open, the
    # shortlist drawn when bidding closes, then nominations (or offers) from that shortlist
    # until the home is let (s.166A(1): the scheme's procedure, applied the same way to all).
    @property
    def takes_bids(self) -> bool:
        return self.status == "open"

    @property
    def may_close(self) -> bool:
        return self.status == "open"

    @property
    def shows_nominations(self) -> bool:
        return self.status in ("closed", "let")

    @property
    def pending_nomination(self) -> dict[str, Any] | None:
        """The nomination awaiting its outcome, while the home is not yet let."""
        if self.status != "closed":
            return None
        return next((n for n in self.nominations if n["outcome"] == "pending"), None)

    @property
    def may_nominate(self) -> bool:
        """A further nomination may be made once bidding has closed, when none is pending."""
        return self.status == "closed" and self.pending_nomination is None


def open_advert(*, advert_id: int, viewer_id: int) -> AdvertView:
    with session_scope() as session:
        _actor(session, viewer_id)
        a = _advert(session, advert_id)
        nominations = session.exec(select(LettingNomination, HousingCase.reference).join(
            HousingCase, HousingCase.id == LettingNomination.case_id).where(
            LettingNomination.advert_id == advert_id).order_by(LettingNomination.id)).all()
        return AdvertView(
            a.id, a.reference, a.address, a.bedrooms, a.property_type, a.accessibility,
            a.landlord, a.landlord_kind, a.weekly_rent, a.opens_on, a.closes_on, a.status,
            json.loads(a.shortlist_json) if a.shortlist_json else None,
            tuple({"id": n.id, "case_reference": ref, "position": n.shortlist_position,
                   "nominated_on": n.nominated_on, "outcome": n.outcome,
                   "bypass_reason": n.bypass_reason, "outcome_reason": n.outcome_reason}
                  for n, ref in nominations))
