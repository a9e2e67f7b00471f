"""Synthetic demo data: a housing options team and about 200 households at every stage.

Generated from a seed number with Faker's en_GB locale, so the same seed gives the same people;
dates are laid out backwards from the day of seeding so the demo always looks current. No real
person's data is ever used. Demo accounts exist only here (their passwords are in the README).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker
from sqlalchemy import Engine
from sqlmodel import Session

from logic import clock
from logic.accounts.service import hash_password
from logic.common import codes
from logic.db import engine_for
from logic.front_door.households import household_reference, next_id
from logic.models import CaseEvent, Contact, Household, HousingCase, Note, Officer, Person

DEFAULT_SEED = 20261123
DEMO_PASSWORD = "hearth-demo-2026"

# role -> (username, password): one sign-in a role for trying the app and for the browser tests
DEMO_ACCOUNTS: dict[str, tuple[str, str]] = {
    "trainee": ("tara.trainee", DEMO_PASSWORD),
    "officer": ("olu.officer", DEMO_PASSWORD),
    "senior": ("sam.senior", DEMO_PASSWORD),
    "manager": ("maya.manager", DEMO_PASSWORD),
    "admin": ("ade.admin", DEMO_PASSWORD),
}


@dataclass(frozen=True)
class _Staff:
    username: str
    full_name: str
    role: str
    hours: float
    months_in_post: int
    competency_level: str | None = None


# 12 officers (2 trainees, 2 seniors, 1 manager, 7 officers) and an IT administrator.
_TEAM = [
    _Staff("tara.trainee", "Tara Okafor", "trainee", 37, 8, "prevention"),
    _Staff("theo.trainee", "Theo Lindqvist", "trainee", 37, 14, "relief"),
    _Staff("olu.officer", "Olu Adeyemi", "officer", 37, 40),
    _Staff("priya.officer", "Priya Raman", "officer", 37, 30),
    _Staff("gareth.officer", "Gareth Llewellyn", "officer", 22.5, 60),
    _Staff("zofia.officer", "Zofia Łukasik", "officer", 37, 26),
    _Staff("niamh.officer", "Niamh O'Sullivan", "officer", 30, 48),
    _Staff("kwame.officer", "Kwame Mensah", "officer", 37, 36),
    _Staff("hannah.officer", "Hannah Brookes", "officer", 37, 28),
    _Staff("sam.senior", "Sam Whitaker", "senior", 37, 96),
    _Staff("ines.senior", "Inês Carvalho", "senior", 37, 84),
    _Staff("maya.manager", "Maya Chaudhry", "manager", 37, 120),
    _Staff("ade.admin", "Ade Bankole", "admin", 37, 60),
]

# (case type, stage, status, weight): a spread of a housing options team's open and closed work
_CASE_MIX = [
    ("advice", "advice", "closed", 20),
    ("advice", "advice", "open", 6),
    ("homelessness", "assessment", "open", 18),
    ("homelessness", "prevention", "open", 40),
    ("homelessness", "relief", "open", 34),
    ("homelessness", "main_duty_decision", "open", 10),
    ("homelessness", "main_duty", "open", 12),
    ("homelessness", "closed", "closed", 16),
    ("register", "application", "open", 14),
    ("register", "assessment", "open", 10),
    ("register", "active", "open", 16),
    ("register", "lapsed", "closed", 4),
]
_STAGE_PATH = {
    "homelessness": ["assessment", "prevention", "relief", "main_duty_decision", "main_duty"],
    "register": ["application", "assessment", "active"],
    "advice": ["advice"],
}
_CASE_PREFIX = {"advice": "AD", "homelessness": "HL", "register": "HR"}
_CHANNELS = ["phone", "phone", "phone", "email", "visit", "webchat", "letter"]
_REASONS = [
    "Section 21 notice from a private landlord",
    "Family or friends no longer willing to accommodate",
    "Fleeing domestic abuse",
    "End of assured shorthold tenancy",
    "Rent arrears in the private rented sector",
    "Leaving hospital with nowhere to go",
    "Released from custody",
    "Relationship breakdown (non-violent)",
    "Overcrowded in the current home",
]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=UTC)


def _person(fake: Faker, rng: random.Random, household_id: int, relation: str, family_name: str,
            age: int, sex: str, today: date) -> Person:
    dob = today - timedelta(days=age * 365 + rng.randrange(365))
    given = fake.first_name_female() if sex == "F" else fake.first_name_male()
    return Person(household_id=household_id, relation=relation, given_name=given, family_name=family_name,
                  dob=dob, sex=sex, joined_on=today - timedelta(days=rng.randrange(30, 900)))


def _feature_seeds() -> list:
    from logic.casework.seed import seed_casework
    from logic.front_door.seed import seed_front_door
    from logic.register.seed import seed_register
    from logic.statistics.seed import seed_statistics
    from logic.workload.seed import seed_workload

    # the H-CLIC checks last: they read every other feature's rows
    return [seed_casework, seed_front_door, seed_register, seed_workload, seed_statistics]


def seed_demo(*, engine: Engine | None = None, seed: int = DEFAULT_SEED, today: date | None = None,
              households: int = 200) -> str:
    """Write the demo team and households in one transaction; returns a one-line summary."""
    engine = engine or engine_for()
    today = today or clock.today()
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    password_hash = hash_password(DEMO_PASSWORD)
    counts = {"officers": 0, "households": 0, "people": 0, "cases": 0, "events": 0, "notes": 0, "contacts": 0}

    with Session(engine, expire_on_commit=False) as session:
        staff: dict[str, Officer] = {}
        for member in _TEAM:
            started = today - timedelta(days=int(member.months_in_post * 30.44))
            officer = Officer(
                username=member.username, full_name=member.full_name, role=member.role,
                email=f"{member.username}@hearth.example", password_hash=password_hash,
                hours_per_week=member.hours, started_on=started,
                competency_level=member.competency_level,
                competency_since=started + timedelta(days=183) if member.competency_level else None,
            )
            session.add(officer)
            staff[member.username] = officer
        session.flush()
        counts["officers"] = len(staff)
        caseworkers = [o for o in staff.values() if o.role in {"officer", "senior"}]
        trainees = {o.username: o for o in staff.values() if o.role == "trainee"}
        mix = [(t, s, st) for t, s, st, w in _CASE_MIX for _ in range(w)]

        for _ in range(households):
            case_type, stage, status = mix[rng.randrange(len(mix))]
            household_id = next_id(session, "household_id_seq")
            first_contact = today - timedelta(days=rng.randrange(5, 400 if status == "closed" else 200))
            hh = Household(
                id=household_id, reference=household_reference(household_id),
                address_line1=None if stage in {"relief", "main_duty"} and rng.random() < 0.5 else fake.street_address(),
                town=fake.city(), postcode=fake.postcode(), phone=fake.phone_number(),
                email=fake.email() if rng.random() < 0.7 else None,
                created_at=_moment(first_contact, rng), created_by_id=rng.choice(caseworkers).id,
            )
            session.add(hh)
            session.flush()
            family_name = fake.last_name()
            applicant_sex = rng.choice("FFFMMX" if rng.random() < 0.02 else "FFFMM")
            members = [_person(fake, rng, household_id, "applicant", family_name, rng.randrange(18, 70), applicant_sex, today)]
            shape = rng.random()
            if shape < 0.35:
                members.append(_person(fake, rng, household_id, "partner", family_name, rng.randrange(20, 65), rng.choice("FM"), today))
            if shape > 0.25:
                for _child in range(rng.choice([1, 1, 2, 2, 3, 4])):
                    members.append(_person(fake, rng, household_id, "child", family_name, rng.randrange(0, 17), rng.choice("FM"), today))
            if members[0].sex == "F" and 18 <= (today - members[0].dob).days // 365 <= 42 and rng.random() < 0.08:
                members[0].pregnant = True
            session.add_all(members)
            counts["households"] += 1
            counts["people"] += len(members)

            case_id = next_id(session, "cases_id_seq")
            if case_type == "homelessness" and stage in {"prevention", "assessment"} and rng.random() < 0.15:
                officer = trainees["tara.trainee"]
            elif case_type == "homelessness" and stage == "relief" and rng.random() < 0.12:
                officer = trainees["theo.trainee"]
            else:
                officer = rng.choice(caseworkers)
            path = _STAGE_PATH[case_type]
            reached = path if stage in {"closed", "lapsed"} else path[: path.index(stage) + 1]
            if stage == "closed":
                reached = path[: rng.randrange(2, 4)]
            final_stage = stage
            case = HousingCase(
                id=case_id, reference=f"{_CASE_PREFIX[case_type]}-{case_id:06d}", household_id=household_id,
                case_type=case_type, status=status, stage=final_stage, assigned_officer_id=officer.id,
                opened_at=_moment(first_contact, rng),
            )
            contact = Contact(
                household_id=household_id, case_id=case_id, channel=rng.choice(_CHANNELS),
                summary=f"{rng.choice(_REASONS)}. {fake.sentence(nb_words=12)}",
                taken_by_id=rng.choice(caseworkers).id, occurred_at=_moment(first_contact, rng),
            )
            session.add(case)
            session.flush()
            session.add(contact)
            counts["cases"] += 1
            counts["contacts"] += 1
            day = first_contact
            events = [CaseEvent(case_id=case_id, occurred_at=_moment(day, rng), actor_id=contact.taken_by_id,
                                kind="case_opened", summary=f"{case_type.capitalize()} case opened",
                                reason=contact.summary.split(".")[0])]
            previous = path[0]
            for next_stage in reached[1:]:
                day = min(today, day + timedelta(days=rng.randrange(3, 40)))
                events.append(CaseEvent(case_id=case_id, occurred_at=_moment(day, rng), actor_id=officer.id,
                                         kind="stage_changed", summary=(f"Stage changed from {codes.stage_label(case_type, previous)} "
                                                  f"to {codes.stage_label(case_type, next_stage)}"),
                                         changes=f'{{"stage": ["{previous}", "{next_stage}"]}}'))
                previous = next_stage
            if status == "closed":
                day = min(today, day + timedelta(days=rng.randrange(1, 30)))
                reason = {"advice": "Advice given; no further action needed",
                          "homelessness": rng.choice(["Accommodation secured for at least 6 months",
                                                      "Contact lost", "Withdrew application"]),
                          "register": "Application lapsed: not renewed within the grace period"}[case_type]
                case.closed_at = _moment(day, rng)
                case.closed_reason = reason
                events.append(CaseEvent(case_id=case_id, occurred_at=case.closed_at, actor_id=officer.id,
                                        kind="case_closed", summary="Case closed", reason=reason))
            for _note in range(rng.randrange(0, 3)):
                note_day = min(today, first_contact + timedelta(days=rng.randrange(0, 30)))
                session.add(Note(case_id=case_id, author_id=officer.id, written_at=_moment(note_day, rng),
                                 body=fake.paragraph(nb_sentences=3)))
                counts["notes"] += 1
            session.add_all(events)
            counts["events"] += len(events)
        session.flush()
        # each feature adds its own demo rows over the households and cases above
        for seed_feature in _feature_seeds():
            seed_feature(session, rng, today)
        session.commit()
    return ", ".join(f"{count} {name}" for name, count in counts.items())
