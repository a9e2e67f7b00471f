"""Demo rows for the front door, added to the seeded households: safeguarding flags (with their
referrals, one ended), signposting given on first contacts, and s.213B referrals received.

Called by logic.seed.seed_demo after the households, cases and contacts exist:
    seed_front_door(session, rng, today)
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from logic.front_door.signposting import default_directory
from logic.models import CaseEvent, Contact, HousingCase, Officer, Person
from logic.models.front_door import (
    ReferralReceived,
    ReferringBody,
    SafeguardingFlag,
    SafeguardingReferral,
    SignpostingGiven,
)

_CONCERNS = [
    ("child_at_risk", "Children's school raised concerns about neglect; family sofa-surfing.",
     "Children's services front door (MASH)"),
    ("adult_at_risk", "Says she has stopped taking her medication and is not eating.",
     "Adult social care safeguarding team"),
    ("domestic_abuse_risk", "Ex-partner has found the address and has been sending threats.",
     "MARAC coordinator"),
    ("adult_at_risk", "Being financially exploited by a lodger who has taken his bank card.",
     "Adult social care safeguarding team"),
]
_REFERRALS = [
    (ReferringBody.probation, "Hearthshire Probation Delivery Unit",
     "Released on licence this week with no address to go to."),
    (ReferringBody.emergency_department, "Hearthshire General Hospital A&E",
     "Discharged today; says it is not safe to return home."),
    (ReferringBody.jobcentre, "Hearthshire Jobcentre Plus", "Landlord has given notice; rent arrears."),
    (ReferringBody.prison, "HMP Hearthshire", "Release date in five weeks; previous tenancy ended."),
    (ReferringBody.childrens_services, "Hearthshire Children's Services", "Care leaver turning 18."),
]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=UTC)


def seed_front_door(session: Session, rng: random.Random, today: date) -> dict[str, int]:
    counts = {"safeguarding_flags": 0, "signposting_given": 0, "referrals_received": 0}
    open_cases = session.exec(
        select(HousingCase).where(HousingCase.status == "open").order_by(HousingCase.id)).all()
    if not open_cases:
        return counts
    caseworkers = [o.id for o in session.exec(select(Officer).where(
        Officer.active, Officer.role.in_(("officer", "senior", "manager")))).all()]
    seniors = [o.id for o in session.exec(select(Officer).where(
        Officer.active, Officer.role.in_(("senior", "manager")))).all()] or caseworkers
    directory = default_directory()

    flagged = rng.sample(open_cases, k=max(1, len(open_cases) // 15))
    for i, case in enumerate(flagged):
        kind, details, referred_to = _CONCERNS[i % len(_CONCERNS)]
        raised_by = rng.choice(caseworkers)
        raised_at = _moment(today - timedelta(days=rng.randrange(1, 60)), rng)
        person = session.exec(select(Person).where(
            Person.household_id == case.household_id,
            Person.relation == ("child" if kind == "child_at_risk" else "applicant"))).first()
        ended = i == len(flagged) - 1 and len(flagged) > 2
        flag = SafeguardingFlag(
            household_id=case.household_id, person_id=person.id if person else None, kind=kind,
            details=details, raised_by_id=raised_by, raised_at=raised_at,
            ended_at=raised_at + timedelta(days=20) if ended else None,
            ended_by_id=rng.choice(seniors) if ended else None,
            end_reason="Safeguarding enquiry closed; no further risk identified." if ended else None,
            version=2 if ended else 1,
        )
        session.add(flag)
        session.flush()
        session.add(CaseEvent(case_id=case.id, occurred_at=raised_at, actor_id=raised_by,
                              kind="safeguarding_flag_raised", summary="Safeguarding flag raised",
                              reason=details))
        if rng.random() < 0.8:
            session.add(SafeguardingReferral(
                flag_id=flag.id, referred_to=referred_to, referred_at=raised_at + timedelta(minutes=40),
                reference=f"SG-{rng.randrange(1000, 9999)}", made_by_id=raised_by,
                recorded_at=raised_at + timedelta(minutes=45)))
        counts["safeguarding_flags"] += 1

    signposted = rng.sample(open_cases, k=max(1, len(open_cases) // 8))
    for case in signposted:
        contact = session.exec(select(Contact).where(Contact.case_id == case.id).order_by(Contact.id)).first()
        if contact is None:
            continue
        for service in rng.sample(directory.services, k=rng.choice((1, 2))):
            session.add(SignpostingGiven(
                contact_id=contact.id, household_id=case.household_id, service_id=service.id,
                service_name=service.name, category=service.category,
                contact_details=service.contact_line()[:300] or None, given_by_id=contact.taken_by_id,
                given_at=contact.occurred_at))
            counts["signposting_given"] += 1

    homelessness = [c for c in open_cases if c.case_type == "homelessness"]
    for i, case in enumerate(rng.sample(homelessness, k=min(len(homelessness), max(1, len(open_cases) // 12)))):
        body_type, body_name, summary = _REFERRALS[i % len(_REFERRALS)]
        taken_by = rng.choice(caseworkers)
        received = _moment(today - timedelta(days=rng.randrange(1, 90)), rng)
        contact = Contact(household_id=case.household_id, case_id=case.id, channel="email",
                          summary=summary, taken_by_id=taken_by, occurred_at=received,
                          referral_from=f"s.213B referral: {body_name}")
        session.add(contact)
        session.flush()
        session.add(ReferralReceived(
            contact_id=contact.id, household_id=case.household_id, body_type=body_type.value,
            body_name=body_name, referrer_name=rng.choice(("J. Okafor", "P. Lewis", "S. Patel")),
            consent_given=True, received_at=received, recorded_by_id=taken_by))
        counts["referrals_received"] += 1
    session.flush()
    return counts
