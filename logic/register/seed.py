"""Demo rows for the housing register and lettings, added to the demo seed's register cases.

Call `seed_register(session, rng, today)` from `logic.seed.seed_demo` after its cases are added
and before it commits. Every assessment is the decision engine's own answer on the seeded
household (through `logic.register.service.record_assessment`), so the demo never shows a band
the law would not give. About a third of the active applications were registered 11 to 13 months
ago (their case history is moved back to match), so the renewal queue has work in it.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from logic.front_door.households import next_id
from logic.models import CaseEvent, Contact, HousingCase, Person
from logic.models.register import (
    LettingAdvert,
    LettingBid,
    LettingNomination,
    RegisterApplication,
    RegisterEvidence,
    RegisterRenewal,
)
from logic.register.lettings import _draw
from logic.register.rules import MemberSnapshot
from logic.register.service import current_assessment, record_assessment

_EVIDENCE = ["Photo ID (passport)", "Payslips, last 3 months", "Bank statements, 3 months",
             "Tenancy agreement", "Council tax bill (proof of residence)", "GP letter",
             "Universal Credit award letter"]
_LANDLORDS = [("Riverside Homes", "housing_association"), ("Hearthshire Council", "council"),
              ("Hearthshire Housing Association", "housing_association")]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=UTC)


def _members(session: Session, household_id: int) -> list[MemberSnapshot]:
    people = session.exec(select(Person).where(Person.household_id == household_id)
                          .order_by(Person.id)).all()
    return [MemberSnapshot(p.id, p.relation, p.given_name, p.dob, p.sex, p.pregnant, p.left_on)
            for p in people]


def _application(case: HousingCase, applied: date, members: list[MemberSnapshot],
                 rng: random.Random, qualifies: bool) -> RegisterApplication:
    size = len(members)
    bedrooms = max(1, size - 1 - rng.randrange(0, 2))  # often one room short: overcrowded
    medical = qualifies and rng.random() < 0.2  # a medical need exempts from residence
    unsatisfactory = rng.random() < 0.15
    income = float(rng.randrange(9, 48) * 1000)
    return RegisterApplication(
        case_id=case.id, application_date=applied, tenure=rng.choice(
            ["private_rented", "private_rented", "living_with_family", "housing_association",
             "temporary_accommodation"]),
        current_bedrooms=bedrooms, unsatisfactory_conditions=unsatisfactory,
        conditions_detail="Damp and mould in two rooms; landlord has not repaired." if unsatisfactory else None,
        medical_welfare_need=medical,
        medical_welfare_detail="Mobility difficulty; cannot manage stairs." if medical else None,
        accessibility_need="step_free" if medical and rng.random() < 0.5 else "none",
        months_resident_last_12=12, years_resident_last_5=rng.randrange(2, 6) if qualifies else 1,
        employed_in_district=rng.random() < 0.4, household_income=income,
        household_savings=float(rng.randrange(0, 6000)),
        housing_costs_monthly=float(rng.randrange(450, 1100)), updated_by_id=case.assigned_officer_id,
    )


def _move_back(session: Session, case: HousingCase, days: int) -> None:
    """Lay an older application's history out earlier, keeping its order."""
    delta = timedelta(days=days)
    case.opened_at -= delta
    session.add(case)
    for row in session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)).all():
        row.occurred_at -= delta
        session.add(row)
    for row in session.exec(select(Contact).where(Contact.case_id == case.id)).all():
        row.occurred_at -= delta
        session.add(row)


def seed_register(session: Session, rng: random.Random, today: date) -> dict[str, int]:
    """Applications, evidence, assessments, renewals and lapses for the seeded register cases,
    then a few adverts with bids, one closed with its shortlist and a nomination."""
    session.flush()
    counts = {"applications": 0, "assessments": 0, "adverts": 0, "bids": 0}
    cases = session.exec(select(HousingCase).where(HousingCase.case_type == "register")
                         .order_by(HousingCase.id)).all()
    for case in cases:
        if case.stage == "application":
            continue  # details not yet taken: the officer records them on the register screen
        members = _members(session, case.household_id)
        offset = rng.randrange(5, 30)  # days from application to decision
        if case.stage == "active" and rng.random() < 0.35:
            # registered 325-398 days ago: due for renewal within the queue window, overdue,
            # or (a few) past the 28 days' grace
            target = today - timedelta(days=rng.randrange(325, 399))
            _move_back(session, case, (case.opened_at.date() - (target - timedelta(days=offset))).days)
        opened = case.opened_at.date()
        not_qualifying = case.stage == "assessment" and rng.random() < 0.3
        application = _application(case, opened, members, rng, qualifies=not not_qualifying)
        session.add(application)
        counts["applications"] += 1
        for what in rng.sample(_EVIDENCE, rng.randrange(1, 4)):
            received = min(today, opened + timedelta(days=rng.randrange(0, 10)))
            checked = rng.random() < 0.7
            session.add(RegisterEvidence(
                case_id=case.id, what=what, received_on=received,
                recorded_by_id=case.assigned_officer_id, recorded_at=_moment(received, rng),
                checked_by_id=case.assigned_officer_id if checked else None,
                checked_on=received if checked else None))
        session.flush()
        if case.stage == "assessment" and not not_qualifying:
            continue  # awaiting the officer's decision
        assessed = min(today, opened + timedelta(days=offset))
        row = record_assessment(session, case=case, application=application, members=members,
                                actor_id=case.assigned_officer_id, on=assessed, kind="assessment",
                                decision="confirmed")
        row.decided_at = _moment(assessed, rng)
        session.add(row)
        counts["assessments"] += 1
        session.add(CaseEvent(
            case_id=case.id, occurred_at=row.decided_at, actor_id=case.assigned_officer_id,
            kind="register_assessment",
            summary=(f"Assessment confirmed: band {row.band}, {row.bedroom_need} bedroom(s)"
                     if row.qualifies else "Assessment confirmed: does not qualify"),
            reason=row.band_date_reason))
        if row.qualifies:
            application.registered_on = assessed
            session.add(application)
        if case.stage == "lapsed":
            session.add(RegisterRenewal(
                case_id=case.id, due_on=assessed + timedelta(days=365), outcome="lapsed",
                renewed_on=min(today, assessed + timedelta(days=394)),
                recorded_by_id=case.assigned_officer_id,
                note="Not renewed within the grace period"))
    session.flush()
    counts["adverts"], counts["bids"] = _adverts(session, rng, today)
    return counts


def _adverts(session: Session, rng: random.Random, today: date) -> tuple[int, int]:
    active = session.exec(select(HousingCase).where(
        HousingCase.case_type == "register", HousingCase.stage == "active",
        HousingCase.status == "open").order_by(HousingCase.id)).all()
    standing = []
    for case in active:
        assessment = current_assessment(session, case.id)
        if assessment is not None and assessment.qualifies:
            standing.append((case, assessment.bedroom_need))
    manager_like = active[0].assigned_officer_id if active else None
    if manager_like is None:
        return 0, 0
    plans = [  # bedrooms, type, access, landlord index, opens (days ago), closes (days ahead)
        (2, "flat", "general_needs", 0, 5, 2),
        (3, "house", "general_needs", 1, 3, 4),
        (1, "flat", "step_free", 2, 6, 1),
        (2, "maisonette", "general_needs", 2, 12, -3),
    ]
    adverts = bids = 0
    for bedrooms, kind, access, landlord_at, opened, closes in plans:
        landlord, landlord_kind = _LANDLORDS[landlord_at]
        advert_id = next_id(session, "letting_advert_id_seq")
        advert = LettingAdvert(
            id=advert_id, reference=f"AD-{advert_id:05d}",
            address=f"{rng.randrange(1, 90)} {rng.choice(['Elm Court', 'Mill Lane', 'Station Road', 'Orchard Way'])}",
            bedrooms=bedrooms, property_type=kind, accessibility=access, landlord=landlord,
            landlord_kind=landlord_kind, weekly_rent=float(95 + 22 * bedrooms + rng.randrange(0, 20)),
            opens_on=today - timedelta(days=opened), closes_on=today + timedelta(days=closes),
            created_by_id=manager_like, created_at=_moment(today - timedelta(days=opened), rng))
        session.add(advert)
        session.flush()
        adverts += 1
        fitting = [case for case, need in standing if need == bedrooms]
        for case in rng.sample(fitting, min(len(fitting), 5)):
            placed = today - timedelta(days=rng.randrange(0, max(1, opened)))
            session.add(LettingBid(advert_id=advert_id, case_id=case.id,
                                   placed_at=_moment(placed, rng), placed_by_id=case.assigned_officer_id))
            bids += 1
        session.flush()
        if closes < 0:
            drawn = _draw(session, advert, advert.closes_on).to_json()
            advert.status, advert.closed_at = "closed", _moment(advert.closes_on, rng)
            advert.shortlist_json = json.dumps(drawn)
            session.add(advert)
            if drawn["placed"]:
                first = drawn["placed"][0]
                session.add(LettingNomination(
                    advert_id=advert_id, case_id=first["case_id"], landlord=landlord,
                    shortlist_position=1, nominated_on=advert.closes_on + timedelta(days=1),
                    nominated_by_id=manager_like))
    session.flush()
    return adverts, bids
