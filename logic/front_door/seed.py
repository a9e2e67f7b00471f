"""Demo rows for the front door, added to the seeded households: safeguarding flags (with their
referrals, one ended), signposting given on first contacts, s.213B referrals received, and the
triage of each homelessness case's first contact (with who referred the household, H-CLIC).

Called by logic.seed.seed_demo after the households, cases and contacts exist:
    seed_front_door(session, rng, today)
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from logic.common.errors import FieldError
from logic.front_door import triage
from logic.front_door.signposting import default_directory
from logic.law.policy import PolicyError
from logic.models import CaseEvent, Contact, HousingCase, Officer, Person
from logic.models.casework import HomelessnessAssessment
from logic.models.front_door import (
    ReferralReceived,
    ReferringBody,
    SafeguardingFlag,
    SafeguardingReferral,
    SignpostingGiven,
    TriageRecord,
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
    counts["triage_records"] = _triage_records(session)
    return counts


# who referred a household that came with no s.213B referral (codes.REFERRAL_SOURCES)
_SOURCES = ["none"] * 14 + ["other_agency"] * 3 + ["other_council", "other_public_body"]


def _triage_records(session: Session) -> int:
    """The triage of each homelessness case's first contact, as complete_intake records it: the
    answers (where they lived as the first assessment found it), the engine's answer, the route,
    and the referral source (a referral's body, else the household's own answer)."""
    from logic.casework.seed import demo_categories

    cases = session.exec(select(HousingCase).where(HousingCase.case_type == "homelessness")
                         .order_by(HousingCase.id)).all()
    referred = {h: body for h, body in session.exec(
        select(ReferralReceived.household_id, ReferralReceived.body_type).order_by(ReferralReceived.id)).all()}
    written = 0
    for case in cases:
        # its own generator a case, so the demo's other rows are what they were before
        r = random.Random(f"triage-{case.id}")
        contact = session.exec(select(Contact).where(Contact.case_id == case.id)
                               .order_by(Contact.occurred_at, Contact.id)).first()
        people = session.exec(select(Person).where(Person.household_id == case.household_id,
                                                   Person.left_on.is_(None)).order_by(Person.id)).all()
        applicant = next((p for p in people if p.relation == "applicant"), None)
        if contact is None or applicant is None:
            continue
        day = contact.occurred_at.date()
        first = session.exec(select(HomelessnessAssessment).where(HomelessnessAssessment.case_id == case.id)
                             .order_by(HomelessnessAssessment.assessed_on, HomelessnessAssessment.id)).first()
        if first is not None:
            homeless = not json.loads(first.facts_json).get("housing", {}).get("has_accommodation", True)
            where = first.accommodation_at_application
        else:
            homeless = r.random() < 0.4
            where = demo_categories(r, homeless).accommodation_at_application
        members = tuple(
            triage.MemberAnswer(p.relation, p.dob, p.sex,
                                dependent=p.relation == "child" and (day - p.dob).days < 16 * 365,
                                pregnant=p.pregnant)
            for p in people if p.relation != "applicant" and p.dob <= day)
        answers = triage.TriageAnswers(
            applicant_dob=applicant.dob, applicant_sex=applicant.sex, immigration_status="british_irish",
            accommodation_tonight=not homeless or r.random() < 0.6,
            likely_to_lose_home_on=None if homeless else day + timedelta(days=r.randrange(20, 50)),
            applicant_pregnant=applicant.pregnant, members=members, current_accommodation=where)
        try:
            recommendation = triage.recommend(answers, day)
        except (FieldError, PolicyError):
            continue  # a contact before the policy's first version: no triage, as before Hearth
        session.add(TriageRecord(
            household_id=case.household_id, contact_id=contact.id, case_id=case.id,
            recorded_by_id=contact.taken_by_id, recorded_at=contact.occurred_at,
            answers=json.dumps(answers.to_json_dict()), facts=json.dumps(recommendation.facts),
            determination=json.dumps(recommendation.determination.to_json_dict()),
            recommended_route=recommendation.route, recommendation=json.dumps(recommendation.to_json_dict()),
            chosen_route=recommendation.route,
            referral_source=referred.get(case.household_id) or r.choice(_SOURCES)))
        written += 1
    session.flush()
    return written
