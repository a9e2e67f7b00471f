"""A store the size of a large council's ten years, for measuring Hearth at scale.

    python -m logic.store generate --households 100000 [--seed S] [--today YYYY-MM-DD]

fills an EMPTY store (DuckDB, or PostgreSQL when HEARTH_DATABASE_URL names one) through the
migrated schema, in bulk: DuckDB inserts from Arrow tables (`INSERT INTO t SELECT ... FROM
frame`), PostgreSQL loads with COPY. For 100,000 households it writes about 105,000 cases over
ten years (homelessness, advice, register; most closed, about 4,500 homelessness and 13,000
register cases open), a million case events, 254,000 people, 31,000 register applications with
their assessments, bands and renewals, 2,500 adverts with 21,000 bids, temporary accommodation,
letters (the rows; no PDF is rendered), contacts and 60 officers with their absences.

The rows are the ones the services would have written: an open homelessness case holds the
assessment and duty rows its stage needs (`logic.casework.stages` reads them), a closed case
has every duty ended, each duty notified has its letter and case events, the register's
renewals run from the registration date, and references are in the house format (HH-, HL-,
HR-, AD-). Every open case's assessment is the decision engine's own answer on that household
(`logic.law.determine`); a closed case's assessment keeps the facts of its own household, but
its determination is the engine's answer for a household of the same kind in the same quarter
(the engine takes about a millisecond a case, which would double the time for rows nobody
reopens). Cases opened before the first policy in force (the Homelessness Reduction Act,
3 April 2018) are advice cases: Hearth decides nothing under an earlier law.

The same seed and day give the same store. The demo accounts' usernames and password are
kept (one account a role), so a benchmark signs in on this store as on the demo store.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from faker import Faker
from pydantic_core import PydanticUndefined
from sqlalchemy import Engine
from sqlmodel import SQLModel

from logic import clock
from logic.casework import stages
from logic.casework.seed import demo_categories, demo_ending
from logic.casework.service import DECISION_FIELDS, build_facts, is_family
from logic.common import codes
from logic.db import engine_for
from logic.law import determine, parse_facts, policy_as_at
from logic.law.policy import default_policy
from logic.letters.catalogue import LETTER_TYPES
from logic.letters.compose import letter_number
from logic.models import (
    AuditLog,
    CaseEvent,
    Contact,
    Household,
    HousingCase,
    Note,
    Officer,
    Person,
)
from logic.models.casework import (
    HomelessnessAssessment,
    HomelessnessDuty,
    Placement,
    PlanAgreement,
    PlanCopyGiven,
    PlanReview,
    PlanStep,
    PlanStepStatus,
)
from logic.models.front_door import SafeguardingFlag
from logic.models.letters import IssuedLetter
from logic.models.register import (
    LettingAdvert,
    LettingBid,
    LettingNomination,
    RegisterApplication,
    RegisterAssessment,
    RegisterEvidence,
    RegisterRenewal,
)
from logic.models.workload import CompetencyRecord, OfficerAbsence
from logic.register.policy import register_policy_as_at
from logic.register.rules import (
    Bidder,
    MemberSnapshot,
    bid_fits,
    facts_from_application,
    financial_assessment,
    rank_shortlist,
    settle_band_date,
)

# The shape of 100,000 households' ten years (scaled for other sizes).
PER_100K = {"adverts": 2_500, "officers": 60}
YEARS = 10
# What a case becomes, by type: (share of cases, share of them open)
CASE_TYPES = {"homelessness": (0.475, 0.093), "register": (0.315, 0.46), "advice": (0.21, 0.01)}
SECOND_CASE = 0.08  # households that come back with a second case
HOMELESS_OPEN_STAGES = {"assessment": 0.10, "prevention": 0.33, "relief": 0.27,
                        "main_duty_decision": 0.05, "main_duty": 0.25}
REGISTER_OPEN_STAGES = {"application": 0.05, "assessment": 0.06, "active": 0.89}
CASE_PREFIX = {"advice": "AD", "homelessness": "HL", "register": "HR"}
PLACEHOLDER_PDF = (b"%PDF-1.4\n% Hearth generated store: this letter's row was generated; "
                   b"its PDF was never rendered.\n%%EOF\n")

_REASONS = [
    "Section 21 notice from a private landlord", "Family or friends no longer willing to accommodate",
    "Fleeing domestic abuse", "End of assured shorthold tenancy",
    "Rent arrears in the private rented sector", "Leaving hospital with nowhere to go",
    "Released from custody", "Relationship breakdown (non-violent)", "Overcrowded in the current home",
]
_CIRCUMSTANCES = ["Private landlord served a section 21 notice to sell the property.",
                  "Parents asked the applicant to leave after overcrowding became too much.",
                  "Relationship ended; the applicant left the joint home.",
                  "Rent arrears after a cut in working hours."]
_HOUSING_NEEDS = ["A home near the children's school.", "A one-bedroom home on a bus route.",
                  "Ground-floor accommodation (mobility)."]
_SUPPORT_NEEDS = ["None identified.", "Budgeting support.", "Mental health support (GP-led)."]
_APPLICANT_STEPS = ["Register with two letting agents and send the officer their details",
                    "Bring proof of income and the last three months' bank statements",
                    "Apply for the housing register online", "Ask the landlord for a reference"]
_COUNCIL_STEPS = ["Contact the landlord to negotiate more time (landlord mediation)",
                  "Refer to the debt advice service about the rent arrears",
                  "Check Discretionary Housing Payment eligibility",
                  "Search the private rented sector offer list for a two-bedroom home"]
_NOTES = ["Called the applicant back; no answer, left a voicemail.",
          "Applicant emailed updated bank statements.", "Spoke to the landlord about the arrears.",
          "Applicant attended the office; documents copied.",
          "Letting agent confirmed a viewing for next week."]
_EVIDENCE = ["Photo ID (passport)", "Payslips, last 3 months", "Bank statements, 3 months",
             "Tenancy agreement", "Council tax bill (proof of residence)", "GP letter"]
_LANDLORDS = [("Riverside Homes", "housing_association"), ("Hearthshire Council", "council"),
              ("Hearthshire Housing Association", "housing_association")]
_STREETS = ["Elm Court", "Mill Lane", "Station Road", "Orchard Way", "Church Street", "Park View"]
_TA_ADDRESSES = {"nightly_let": ["Flat 3, 22 Albion Street", "Unit 7, Harbour House", "12 Orchard Way"],
                 "bed_and_breakfast": ["Kings Court B&B, 4 Station Road", "Cedar Lodge B&B, 9 Park Terrace"],
                 "private_sector_leased": ["41 Linden Avenue", "Flat 2, 8 Quarry Road"]}
# Ofcom's numbers for drama (never a real line)
_PHONE_RANGES = ["01632 960", "020 7946 0", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
                 "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
                 "0161 496 0", "0191 498 0", "07700 900"]


class StoreNotEmpty(RuntimeError):
    """`generate` fills an empty store only; the message says what the store holds."""


@dataclass
class GenerateSummary:
    counts: dict[str, int]
    seconds: float
    built_seconds: float

    def __str__(self) -> str:
        shown = ", ".join(f"{n:,} {t}" for t, n in self.counts.items() if n)
        return (f"generated in {self.seconds:.1f} s (rows built in {self.built_seconds:.1f} s, "
                f"loaded in {self.seconds - self.built_seconds:.1f} s): {shown}")


# --- rows, column by column ----------------------------------------------------------------


class _Rows:
    """One table's rows as columns; ids are handed out here, in insert order, from 1."""

    def __init__(self, model: type[SQLModel]) -> None:
        self.table: sa.Table = model.__table__
        self.name = self.table.name
        self.columns = [c.name for c in self.table.columns]
        self.defaults = {}
        for name, info in model.model_fields.items():
            if info.default_factory is None and info.default is not PydanticUndefined:
                self.defaults[name] = info.default
        self.data: dict[str, list] = {c: [] for c in self.columns}
        self._slots = [(c, self.data[c], self.defaults.get(c)) for c in self.columns]
        self.count = 0
        self.dropped: set[int] = set()

    def add(self, **values: Any) -> int:
        """One row; a column not given takes the model's default (None if it has none)."""
        self.count += 1
        values["id"] = self.count
        get = values.get
        for column, target, default in self._slots:
            target.append(get(column, default))
        return self.count

    def drop(self, row_id: int) -> None:
        """Leave a row out of the load (ids stay as handed out)."""
        self.dropped.add(row_id)

    def kept(self) -> None:
        """Take the dropped rows out of the columns (before loading)."""
        if self.dropped:
            keep = [i for i in range(self.count) if i + 1 not in self.dropped]
            self.data = {c: [values[i] for i in keep] for c, values in self.data.items()}
            self.count = len(keep)
            self.dropped = set()

    def set(self, column: str, row_id: int, value: Any) -> None:
        self.data[column][row_id - 1] = value

    def get(self, column: str, row_id: int) -> Any:
        return self.data[column][row_id - 1]


@dataclass(slots=True)
class _Member:
    """A person as build_facts and the register's snapshots read one (Person's attributes)."""

    id: int
    relation: str
    given_name: str
    family_name: str
    dob: date
    sex: str
    pregnant: bool = False
    left_on: date | None = None


@dataclass
class _Household:
    id: int
    members: list[_Member]
    created: date
    duties: list[tuple[str, date, date | None]] = field(default_factory=list)  # casework code

    def owed_on(self, on: date) -> str | None:
        """The strongest duty its homelessness cases record as owed on `on` (as
        casework.service.duties_owed_to_household reads them), in the engine's code."""
        owed = [d for d, start, end in self.duties if start <= on and (end is None or end > on)]
        for duty in ("main_duty", "intentional_priority", "prevention", "relief"):
            if duty in owed:
                return codes.engine_duty(duty)
        return None


@dataclass
class _RegisterStanding:
    case_id: int
    reference: str
    applicant: str
    household: _Household
    active_from: date
    active_to: date | None  # the day it stopped being active (closed or lapsed); None: open
    band: str | None
    band_date: date | None
    application_date: date
    bedroom_need: int
    accessibility_need: str
    income: float | None
    officer: int
    planned_close: tuple[str, str] | None = None  # (stage, reason) if it closes otherwise
    # (renewed on, renewal row, its case event or 0): dropped if the household is rehoused first
    renewals: list[tuple[date, int, int]] = field(default_factory=list)


def _table_models() -> list[type[SQLModel]]:
    return [Officer, Household, Person, HousingCase, Contact, CaseEvent, Note, AuditLog,
            HomelessnessAssessment, HomelessnessDuty, PlanStep, PlanStepStatus, PlanReview,
            PlanAgreement, PlanCopyGiven, Placement, RegisterApplication, RegisterEvidence,
            RegisterAssessment, RegisterRenewal, LettingAdvert, LettingBid, LettingNomination,
            IssuedLetter, OfficerAbsence, CompetencyRecord, SafeguardingFlag]


# --- the generator ---------------------------------------------------------------------------


class _Generator:
    def __init__(self, households: int, seed: int, today: date, tick: Callable[[int], None]) -> None:
        self.households = households
        self.scale = households / 100_000
        self.today = today
        self.tick = tick
        self.rng = random.Random(seed)
        # the H-CLIC categories draw from their own generator: the store's other rows stay as
        # they were for a seed
        self.hclic = random.Random(seed * 7919 + 16)
        self.t = {model.__tablename__: _Rows(model) for model in _table_models()}
        self.law_from = default_policy().earliest
        self.start = today - timedelta(days=round(YEARS * 365.25))
        self._laws: dict[date, Any] = {}
        self._pool: dict[tuple, Any] = {}
        self._assessed: dict[int, int] = {}
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        self.female = [fake.first_name_female() for _ in range(500)]
        self.male = [fake.first_name_male() for _ in range(500)]
        self.family = [fake.last_name() for _ in range(1500)]
        self.streets = [fake.street_address() for _ in range(3000)]
        self.towns = [fake.city() for _ in range(60)]
        self.postcodes = [fake.postcode() for _ in range(4000)]
        self.letter_types = LETTER_TYPES

    # helpers
    def law(self, on: date):
        found = self._laws.get(on)
        if found is None:
            found = self._laws[on] = policy_as_at(on)
        return found

    def at(self, day: date) -> datetime:
        minutes = int(self.rng.random() * 480)
        return datetime(day.year, day.month, day.day, 9 + minutes // 60, minutes % 60, tzinfo=UTC)

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randrange(low, high))

    def event(self, case_id: int, when: datetime, actor: int, kind: str, summary: str,
              reason: str | None = None, changes: dict | None = None) -> None:
        previous_stage, previous_officer_id = CaseEvent.previous_values(changes)
        self.t["case_event"].add(
            case_id=case_id, occurred_at=when, actor_id=actor, kind=kind, summary=summary,
            previous_stage=previous_stage, previous_officer_id=previous_officer_id,
            reason=reason, changes=json.dumps(
                {k: [v.isoformat() if isinstance(v, date) else v for v in pair]
                 for k, pair in changes.items()}) if changes else None)

    # --- officers -------------------------------------------------------------------------
    def officers(self) -> None:
        from logic.accounts.service import hash_password
        from logic.seed import DEMO_PASSWORD

        rng, today = self.rng, self.today
        password = hash_password(DEMO_PASSWORD)
        named = [("tara.trainee", "Tara Okafor", "trainee", 8, "prevention"),
                 ("theo.trainee", "Theo Lindqvist", "trainee", 14, "relief"),
                 ("olu.officer", "Olu Adeyemi", "officer", 40, None),
                 ("priya.officer", "Priya Raman", "officer", 30, None),
                 ("sam.senior", "Sam Whitaker", "senior", 96, None),
                 ("ines.senior", "Inês Carvalho", "senior", 84, None),
                 ("maya.manager", "Maya Chaudhry", "manager", 120, None),
                 ("ade.admin", "Ade Bankole", "admin", 60, None)]
        total = max(len(named) + 4, round(PER_100K["officers"] * min(1.0, max(self.scale, 0.2))))
        roles = (["trainee"] * 3 + ["senior"] * 4 + ["manager"] + ["admin"]
                 + ["officer"] * (total - len(named) - 9))
        people = list(named)
        used = {u for u, *_ in named}
        for i, role in enumerate(roles):
            given = rng.choice(self.female if i % 2 else self.male)
            family = rng.choice(self.family)
            username = f"{given}.{family}".lower().replace(" ", "").replace("'", "")
            while username in used:
                username += str(rng.randrange(10))
            used.add(username)
            months = rng.randrange(7, 23) if role == "trainee" else rng.randrange(24, 160)
            # a trainee's recorded level is the one their months allow (workload.toml levels)
            people.append((username, f"{given} {family}", role, months,
                           ("relief" if months >= 12 else "prevention") if role == "trainee" else None))
        self.officer_ids: dict[str, list[int]] = {}
        self.trainee_level: dict[int, str] = {}
        self.manager = None
        teams = ["North", "South", "Central"]
        for i, (username, name, role, months, level) in enumerate(people):
            started = today - timedelta(days=int(months * 30.44))
            # a few officers left over the years: their cases stay theirs, closed
            active = not (role == "officer" and i >= len(people) - 6)
            oid = self.t["officer"].add(
                username=username, full_name=name, role=role, email=f"{username}@hearth.example",
                team=teams[i % 3], password_hash=password, active=active,
                hours_per_week=rng.choice([37.0, 37.0, 37.0, 30.0, 22.5]), started_on=started,
                competency_level=level,
                competency_since=started + timedelta(days=183) if level else None,
                created_at=self.at(max(started, self.start)), version=1)
            self.officer_ids.setdefault(role if active else "left", []).append(oid)
            if level:
                self.trainee_level[oid] = level
            if role == "manager" and self.manager is None:
                self.manager = oid
        self.caseworkers = self.officer_ids["officer"] + self.officer_ids["senior"]
        self.everyone_who_held = self.caseworkers + self.officer_ids.get("left", [])
        self.leads = self.officer_ids["senior"] + self.officer_ids["manager"]
        for trainee, level in self.trainee_level.items():
            since = self.t["officer"].get("competency_since", trainee)
            self.t["competency_record"].add(
                officer_id=trainee, level=level, since=since, reason="Recorded at the six-month review",
                recorded_by_id=self.manager, recorded_at=self.at(min(since, today)))
        # absences over each officer's years in post: leave, sickness and training
        for oid in range(1, self.t["officer"].count + 1):
            if self.t["officer"].get("role", oid) == "admin":
                continue
            day = max(self.start, self.t["officer"].get("started_on", oid))
            while day < today + timedelta(days=60):
                kind = rng.choices(["leave", "sickness", "training"], [6, 2, 1])[0]
                length = {"leave": rng.randrange(1, 10), "sickness": rng.randrange(1, 5),
                          "training": rng.randrange(1, 3)}[kind]
                self.t["officer_absence"].add(
                    officer_id=oid, kind=kind, starts_on=day, ends_on=day + timedelta(days=length - 1),
                    note={"leave": "Annual leave", "training": "Homelessness Reduction Act refresher"}.get(kind),
                    recorded_by_id=self.manager, recorded_at=self.at(day - timedelta(days=7)))
                day += self.days(25, 70)

    def holder(self, stage: str | None, closed: bool) -> int:
        rng = self.rng
        if closed:
            return rng.choice(self.everyone_who_held)
        if stage in ("assessment", "prevention", "relief") and self.trainee_level and rng.random() < 0.08:
            fit = [o for o, lv in self.trainee_level.items()
                   if stage != "relief" or lv == "relief"]
            if fit:
                return rng.choice(fit)
        return rng.choice(self.caseworkers)

    # --- households ------------------------------------------------------------------------
    def household(self, created: date) -> _Household:
        rng = self.rng
        hid = self.t["household"].count + 1
        family = rng.choice(self.family)
        members: list[_Member] = []

        def person(relation: str, age: int, sex: str) -> None:
            dob = created - timedelta(days=age * 365 + rng.randrange(365))
            given = rng.choice(self.female if sex == "F" else self.male)
            pid = self.t["person"].add(household_id=hid, relation=relation, given_name=given,
                                       family_name=family, dob=dob, sex=sex, pregnant=False,
                                       joined_on=created, left_on=None)
            members.append(_Member(pid, relation, given, family, dob, sex))

        shape = rng.random()
        applicant_sex = "X" if rng.random() < 0.01 else rng.choice("FFFMM")
        person("applicant", rng.randrange(18, 70) if shape < 0.43 else rng.randrange(19, 50), applicant_sex)
        if 0.33 <= shape < 0.43 or shape >= 0.74:
            person("partner", rng.randrange(20, 60), rng.choice("FM"))
        if 0.43 <= shape < 0.97:
            for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
                person("child", rng.randrange(0, 17), rng.choice("FM"))
        elif shape >= 0.97:
            person(rng.choice(["parent", "sibling"]), rng.randrange(18, 80), rng.choice("FM"))
        lead = members[0]
        age = (created - lead.dob).days // 365
        if lead.sex == "F" and 18 <= age <= 42 and rng.random() < 0.06:
            lead.pregnant = True
            self.t["person"].set("pregnant", lead.id, True)
        phone = f"{rng.choice(_PHONE_RANGES)}{rng.randrange(1000):03d}"
        self.t["household"].add(
            reference=f"HH-{hid:06d}", address_line1=rng.choice(self.streets),
            town=rng.choice(self.towns), postcode=rng.choice(self.postcodes), phone=phone,
            email=(f"{lead.given_name}.{family}{hid}@example.org".lower().replace(" ", "").replace("'", "")
                   if rng.random() < 0.7 else None),
            created_at=self.at(created), created_by_id=rng.choice(self.caseworkers), version=1)
        return _Household(hid, members, created)

    # --- cases ---------------------------------------------------------------------------------
    def open_case(self, hh: _Household, case_type: str, opened: date, officer: int) -> int:
        cases = self.t["cases"]
        cid = cases.count + 1
        when = self.at(opened)
        cases.add(reference=f"{CASE_PREFIX[case_type]}-{cid:06d}", household_id=hh.id,
                  case_type=case_type, status="open", stage={"homelessness": "assessment",
                                                             "register": "application",
                                                             "advice": "advice"}[case_type],
                  assigned_officer_id=officer, opened_at=when, closed_at=None, closed_reason=None,
                  version=1)
        channel = self.rng.choice(["phone", "phone", "phone", "email", "visit", "webchat", "letter"])
        why = self.rng.choice(_REASONS)
        self.t["contact"].add(household_id=hh.id, case_id=cid, channel=channel,
                              summary=f"{why}. Called about their housing.", taken_by_id=officer,
                              occurred_at=when - timedelta(minutes=20))
        self.event(cid, when, officer, "case_opened", f"{case_type.capitalize()} case opened", reason=why)
        return cid

    def set_stage(self, cid: int, case_type: str, before: str, after: str, when: datetime,
                  actor: int, summary: str | None = None) -> None:
        self.t["cases"].set("stage", cid, after)
        self.t["cases"].set("version", cid, self.t["cases"].get("version", cid) + 1)
        self.event(cid, when, actor, "stage_changed", summary or (
            f"Stage changed from {codes.stage_label(case_type, before)} to "
            f"{codes.stage_label(case_type, after)}"), changes={"stage": (before, after)})

    def close(self, cid: int, when: datetime, actor: int, reason: str, kind: str = "case_closed",
              summary: str = "Case closed") -> None:
        cases = self.t["cases"]
        cases.set("status", cid, "closed")
        cases.set("closed_at", cid, when)
        cases.set("closed_reason", cid, reason[:200])
        cases.set("version", cid, cases.get("version", cid) + 1)
        self.event(cid, when, actor, kind, summary, reason=reason, changes={"status": ("open", "closed")})

    def notes(self, cid: int, first: date, last: date, actor: int, count: int) -> None:
        span = max(1, (last - first).days)
        for _ in range(count):
            day = first + timedelta(days=self.rng.randrange(span))
            when = self.at(day)
            nid = self.t["note"].add(case_id=cid, author_id=actor, written_at=when,
                                     body=self.rng.choice(_NOTES), corrects_note_id=None)
            self.event(cid, when, actor, "note_added", f"Note {nid} added")

    def letter(self, cid: int, code: str, on: date, actor: int) -> None:
        kind = self.letter_types[code]
        lid = self.t["issued_letter"].count + 1
        notified = on + timedelta(days=1)
        self.t["issued_letter"].add(
            case_id=cid, letter_type=code, template_version=1, title=kind.label,
            notification_kind=None if kind.notifies == "none" else kind.notifies,
            notified_on=notified,
            review_request_by=notified + timedelta(days=21) if kind.review == "s202" else None,
            options_json="{}", pdf=PLACEHOLDER_PDF, sha256=_PDF_SHA, size_bytes=len(PLACEHOLDER_PDF),
            issued_by_id=actor, issued_at=self.at(on), corrects_letter_id=None,
            correction_reason=None, batch_id=None)
        self.event(cid, self.at(on), actor, "letter_issued",
                   f"Letter {letter_number(lid)} issued: {kind.label} (template v1)")

    # --- homelessness ---------------------------------------------------------------------
    def assessment(self, cid: int, hh: _Household, on: date, actor: int, homeless: bool, *,
                   exact: bool, relief_started: date | None = None, far: bool = False) -> tuple[int, Any]:
        rng = self.rng
        law = self.law(on)
        if homeless:
            housing: dict[str, Any] = {"has_accommodation": False}
        else:
            lose = on + (self.days(90, 150) if far else self.days(20, 50))
            housing = {"has_accommodation": True, "likely_to_lose_on": lose.isoformat()}
        facts = build_facts(people=hh.members, assessed_on=on, law=law,
                            applicant={"immigration_status": "british_irish"}, housing=housing,
                            intentionality=None,
                            local_connection={"months_resident_last_12": 12, "years_resident_last_5": 4},
                            relief_duty_started_on=relief_started)
        family = is_family(hh.members, on, law)
        if exact:
            d = determine(parse_facts(facts))
            found = {k: getattr(d, k) for k in DECISION_FIELDS}
            determination = json.dumps(d.to_json_dict(), sort_keys=True, default=str)
        else:
            key = (homeless, far, family, relief_started is not None, on.year, (on.month - 1) // 3)
            if key not in self._pool:
                self._pool[key] = self._pooled(on, homeless, far, family, relief_started is not None)
            found, determination = self._pool[key]
        categories = demo_categories(self.hclic, homeless)
        aid = self.t["homelessness_assessment"].add(
            case_id=cid, assessed_on=on, assessed_by_id=actor, written_at=self.at(on),
            circumstances=rng.choice(_CIRCUMSTANCES), housing_needs=rng.choice(_HOUSING_NEEDS),
            support_needs=rng.choice(_SUPPORT_NEEDS), facts_json=json.dumps(facts, sort_keys=True),
            determination_json=determination, engine_duty=found["duty"], overrides_json=None,
            accommodation_at_application=categories.accommodation_at_application,
            last_settled_accommodation=categories.last_settled_accommodation,
            reason_for_loss=categories.reason_for_loss, employment=categories.employment,
            support_need_codes=categories.support_needs_json(), **found)
        again = self._assessed.get(cid, 0)
        self._assessed[cid] = again + 1
        self.event(cid, self.at(on), actor, "assessment_recorded",  # as casework.service words it
                   f"{'Reassessment' if again else 'Assessment'} recorded (s.189A): "
                   f"{found['homelessness'].replace('_', ' ')}, duty {found['duty'].replace('_', ' ')}")
        return aid, found

    def _pooled(self, on: date, homeless: bool, far: bool, family: bool, after_relief: bool):
        first = date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
        first = max(first, self.law_from)
        members = [_Member(0, "applicant", "A", "B", first - timedelta(days=31 * 365), "F")]
        if family:
            members.append(_Member(0, "child", "C", "B", first - timedelta(days=6 * 365), "M"))
        housing = {"has_accommodation": False} if homeless else {
            "has_accommodation": True,
            "likely_to_lose_on": (first + timedelta(days=120 if far else 35)).isoformat()}
        facts = build_facts(people=members, assessed_on=first, law=self.law(first),
                            applicant={"immigration_status": "british_irish"}, housing=housing,
                            intentionality=None,
                            local_connection={"months_resident_last_12": 12, "years_resident_last_5": 4},
                            relief_duty_started_on=first - timedelta(days=57) if after_relief else None)
        d = determine(parse_facts(facts))
        return ({k: getattr(d, k) for k in DECISION_FIELDS},
                json.dumps(d.to_json_dict(), sort_keys=True, default=str))

    def override_priority(self, aid: int) -> None:
        """As an officer does where the engine found no priority need and the evidence shows one."""
        rows = self.t["homelessness_assessment"]
        rows.set("priority_need", aid, True)
        rows.set("duty", aid, "main")
        rows.set("overrides_json", aid, json.dumps({"priority_need": {
            "engine": False, "officer": True,
            "reason": "Medical evidence: vulnerable (Hotak test), per the GP's letter"}}))

    def duty(self, cid: int, hh: _Household, duty: str, start: date, actor: int, aid: int | None,
             *, notified: bool, letter: str | None) -> int:
        did = self.t["homelessness_duty"].add(
            case_id=cid, duty=duty, started_on=start, started_by_id=actor, assessment_id=aid,
            notified_on=None, notified_by_id=None, ended_on=None, end_reason=None, ended_by_id=None,
            end_note=None)
        self.event(cid, self.at(start), actor, "duty_started",
                   f"The {stages.DUTY_LABELS[duty]} began on {start.isoformat()}")
        hh.duties.append((duty, start, None))
        if notified and start + timedelta(days=1) <= self.today:
            told = start + timedelta(days=1)
            self.t["homelessness_duty"].set("notified_on", did, told)
            self.t["homelessness_duty"].set("notified_by_id", did, actor)
            if letter:
                self.letter(cid, letter, start, actor)
            self.event(cid, self.at(told), actor, "duty_notified",
                       f"The {stages.DUTY_LABELS[duty]} was notified in writing on {told.isoformat()} (s.184(3))",
                       changes={"notified_on": (None, told)})
        return did

    def end_duty(self, cid: int, hh: _Household, did: int, on: date, reason: str, actor: int) -> None:
        rows = self.t["homelessness_duty"]
        duty = rows.get("duty", did)
        rows.set("ended_on", did, on)
        rows.set("end_reason", did, reason)
        rows.set("ended_by_id", did, actor)
        rows.set("end_note", did, stages.end_reason_label(duty, reason))
        ending = demo_ending(self.hclic, duty, reason)
        rows.set("main_activity", did, ending.main_activity)
        rows.set("accommodation_secured", did, ending.accommodation_secured)
        hh.duties = [(d, s, on if (d == duty and e is None and s == rows.get("started_on", did)) else e)
                     for d, s, e in hh.duties]
        self.event(cid, self.at(on), actor, "duty_ended",
                   f"The {stages.DUTY_LABELS[duty]} ended on {on.isoformat()}: "
                   f"{stages.end_reason_label(duty, reason)}",
                   changes={"duty_end_reason": (None, reason)})

    def plan(self, cid: int, start: date, until: date, actor: int, *, reviewed: bool) -> None:
        rng, t = self.rng, self.t
        for owner, texts in (("applicant", _APPLICANT_STEPS), ("council", _COUNCIL_STEPS)):
            text = rng.choice(texts)
            due = start + self.days(7, 35)
            sid = t["plan_step"].add(case_id=cid, owner=owner, description=text, due_on=due,
                                     created_on=start, created_by_id=actor, written_at=self.at(start))
            t["plan_step_status"].add(step_id=sid, status="open", changed_on=start, changed_by_id=actor,
                                      note=None, written_at=self.at(start))
            self.event(cid, self.at(start), actor, "plan_step_added",
                       f"Plan step for the {owner} added, due {due.isoformat()}: {text}")
            if due < until and rng.random() < 0.6:
                t["plan_step_status"].add(step_id=sid, status="done", changed_on=due, changed_by_id=actor,
                                          note="Confirmed at review", written_at=self.at(due))
                self.event(cid, self.at(due), actor, "plan_step_status",
                           f"Plan step ({owner}) marked done: {text}", changes={"step_status": ("open", "done")})
        agreed_on = min(until, start + self.days(0, 5))
        if agreed_on < self.today - timedelta(days=365):
            return self._reviews(cid, start, until, actor, reviewed)  # plans before agreements were kept
        t["plan_agreement"].add(case_id=cid, agreed=True, recorded_on=agreed_on, reason=None,
                                recorded_by_id=actor, written_at=self.at(agreed_on))
        self.event(cid, self.at(agreed_on), actor, "plan_agreed", "The applicant agreed the plan's steps")
        t["plan_copy_given"].add(case_id=cid, given_on=agreed_on, given_by_id=actor,
                                 written_at=self.at(agreed_on))
        self.event(cid, self.at(agreed_on), actor, "plan_copy_given",
                   "A copy of the personalised housing plan was given to the applicant (s.189A(8))")
        self._reviews(cid, start, until, actor, reviewed)

    def _reviews(self, cid: int, start: date, until: date, actor: int, reviewed: bool) -> None:
        if reviewed:
            t = self.t
            day = start + self.days(20, 35)
            while day < until:
                t["plan_review"].add(case_id=cid, reviewed_on=day, reviewed_by_id=actor,
                                     note="Reviewed with the applicant by phone.", written_at=self.at(day))
                self.event(cid, self.at(day), actor, "plan_reviewed",
                           f"Personalised housing plan reviewed on {day.isoformat()} (s.189A(9))")
                day += self.days(25, 45)

    def placement(self, cid: int, start: date, actor: int, basis: str, ended: date | None,
                  kind: str | None = None) -> None:
        rng = self.rng
        kind = kind or rng.choice(["nightly_let", "nightly_let", "private_sector_leased", "bed_and_breakfast"])
        address = rng.choice(_TA_ADDRESSES[kind])
        approver = rng.choice(self.leads)
        self.t["placement"].add(
            case_id=cid, placement_type=kind, address=address,
            cost_per_night_pence=rng.choice([3500, 4250, 5500, 6800]), starts_on=start,
            planned_end_on=None, request_reason="Homeless with a priority need; nothing else available that day.",
            requested_by_id=actor, requested_at=self.at(start), status="ended" if ended else "approved",
            legal_basis=basis, decided_by_id=approver, decided_at=self.at(start),
            decision_reason="Suitable for the household's needs", ended_on=ended,
            end_reason="Moved to settled accommodation" if ended else None)
        label = codes.PLACEMENT_TYPES.label(kind)
        self.event(cid, self.at(start), actor, "placement_requested",
                   f"{label} placement requested from {start.isoformat()} at {address}, awaiting senior approval.")
        self.event(cid, self.at(start), approver, "placement_approved",
                   f"{label} placement at {address} approved")
        if ended:
            self.event(cid, self.at(ended), actor, "placement_ended",
                       f"Placement at {address} ended on {ended.isoformat()}", reason="Moved to settled accommodation")

    def homelessness(self, hh: _Household, opened: date, stage: str | None) -> None:
        """`stage` None: a case from the past, closed; else the stage an open case is at today."""
        rng, today = self.rng, self.today
        closed = stage is None
        law = self.law(opened)
        family = is_family(hh.members, opened, law)
        if closed:
            path = rng.choices(["prevention", "prevention_relief", "relief", "main_duty",
                                "no_further_duty", "advice_only"], [40, 15, 18, 12, 7, 8])[0]
            if path == "main_duty" and not family:
                path = "relief"
            if path == "no_further_duty" and family:
                path = "main_duty"
            if opened > today - timedelta(days=140):  # not long enough ago for a longer path
                path = "relief" if opened <= today - timedelta(days=80) else "advice_only"
        else:
            path = stage
        officer = self.holder(None if closed else stage, closed)
        cid = self.open_case(hh, "homelessness", opened, officer)
        exact = not closed
        day = opened + self.days(0, 8)
        if not closed:
            day = min(day, today)

        def move(before: str, after: str, on: date) -> None:
            self.set_stage(cid, "homelessness", before, after, self.at(on), officer)

        if path == "assessment":
            self.notes(cid, opened, today, officer, rng.randrange(0, 2))
            return
        if path == "advice_only":
            self.assessment(cid, hh, day, officer, False, exact=exact, far=True)
            move("assessment", "advice_only", day)
            end = day + self.days(1, 20)
            self.notes(cid, opened, end, officer, rng.randrange(0, 2))
            self.close(cid, self.at(end), officer, "Advice given: no duty owed")
            return

        # the duty sequence: where the case starts, and how far it goes
        relief_start = None
        if path in ("prevention", "prevention_relief") or (path == "relief" and rng.random() < 0.3):
            if not closed:
                if path == "prevention":
                    day = today - self.days(0, 75)
                    opened_day = day
                else:  # came through prevention first
                    relief_start = today - self.days(0, 60)
                    day = relief_start - self.days(10, 50)
                    opened_day = day
                self._retime_opened(cid, opened_day - self.days(0, 8))
            aid, _ = self.assessment(cid, hh, day, officer, False, exact=exact)
            move("assessment", "prevention", day)
            pid = self.duty(cid, hh, "prevention", day, officer, aid, notified=rng.random() < 0.92,
                            letter="prevention_duty")
            if path == "prevention":
                if closed:
                    end = day + self.days(20, 110)
                    reason = rng.choices([stages.ACCOMMODATION_SECURED, stages.CONTACT_LOST,
                                          stages.WITHDREW, stages.DAYS_56_ELAPSED], [55, 15, 10, 20])[0]
                    if reason == stages.DAYS_56_ELAPSED:
                        end = max(end, day + timedelta(days=60))
                    self.plan(cid, day, end, officer, reviewed=rng.random() < 0.5)
                    self.end_duty(cid, hh, pid, end, reason, officer)
                    move("prevention", "duty_ended", end)
                    self.letter(cid, "duty_ended", end, officer)
                    self.notes(cid, day, end, officer, rng.randrange(0, 3))
                    self.close(cid, self.at(end + self.days(0, 10)), officer,
                               stages.end_reason_label("prevention", reason))
                else:
                    self.plan(cid, day, today, officer, reviewed=rng.random() < 0.75)
                    self.notes(cid, day, today, officer, rng.randrange(0, 3))
                return
            # became homeless: relief follows
            relief_start = relief_start or day + self.days(10, 56)
            self.plan(cid, day, relief_start, officer, reviewed=rng.random() < 0.4)
            self.end_duty(cid, hh, pid, relief_start, stages.BECAME_HOMELESS, officer)
            day = relief_start
        elif not closed:
            span = {"relief": (0, 60), "main_duty_decision": (57, 90), "main_duty": (70, 900)}[path]
            day = today - self.days(*span)
            self._retime_opened(cid, day - self.days(0, 8))
        aid, found = self.assessment(cid, hh, day, officer, True, exact=exact)
        before = "prevention" if relief_start else "assessment"
        move(before, "relief", day)
        rid = self.duty(cid, hh, "relief", day, officer, aid, notified=rng.random() < 0.92,
                        letter="relief_duty")
        relief_ends = day + timedelta(days=56)
        interim = found["priority_need"] and path in ("relief", "main_duty_decision", "main_duty")
        if path in ("prevention_relief", "relief"):
            if closed:
                end = day + self.days(5, 56)
                reason = rng.choices([stages.ACCOMMODATION_SECURED, stages.CONTACT_LOST, stages.WITHDREW],
                                     [70, 20, 10])[0]
                self.plan(cid, day, end, officer, reviewed=rng.random() < 0.5)
                if interim:
                    self.placement(cid, day, officer, "s188_1_interim", end)
                self.end_duty(cid, hh, rid, end, reason, officer)
                move("relief", "duty_ended", end)
                self.letter(cid, "duty_ended", end, officer)
                self.notes(cid, day, end, officer, rng.randrange(0, 3))
                self.close(cid, self.at(end + self.days(0, 10)), officer,
                           stages.end_reason_label("relief", reason))
            else:
                self.plan(cid, day, today, officer, reviewed=rng.random() < 0.75)
                if interim and rng.random() < 0.85:
                    self.placement(cid, day, officer, "s188_1_interim", None,
                                   kind="bed_and_breakfast" if rng.random() < 0.1 else None)
                self.notes(cid, day, today, officer, rng.randrange(0, 3))
            return
        # relief's 56 days ran out: the main duty decision
        self.plan(cid, day, relief_ends, officer, reviewed=rng.random() < 0.6)
        self.end_duty(cid, hh, rid, relief_ends + timedelta(days=1), stages.DAYS_56_ELAPSED, officer)
        move("relief", "main_duty_decision", relief_ends + timedelta(days=1))
        if path == "main_duty_decision":
            if interim:
                self.placement(cid, day, officer, "s188_1_interim", None)
            self.notes(cid, day, today, officer, rng.randrange(0, 3))
            return
        decided = relief_ends + self.days(2, 30)
        if not closed:
            decided = min(decided, today)
        did, found = self.assessment(cid, hh, decided, officer, True, exact=exact, relief_started=day)
        if path == "no_further_duty":
            move("main_duty_decision", "no_further_duty", decided)
            self.letter(cid, "s184_not_priority_need", decided, officer)
            end = decided + self.days(1, 30)
            self.notes(cid, day, end, officer, rng.randrange(0, 3))
            self.close(cid, self.at(end), officer, "No priority need: no further duty after relief")
            return
        if not found["priority_need"] or found["duty"] != "main":
            self.override_priority(did)
        move("main_duty_decision", "main_duty", decided)
        mid = self.duty(cid, hh, "main_duty", decided, officer, did, notified=True,
                        letter="s184_main_duty_accepted")
        if closed:
            end = decided + self.days(90, 900)
            if end >= today:
                end = today - self.days(1, 30)
                end = max(end, decided + timedelta(days=1))
            reason = rng.choices([stages.ACCOMMODATION_SECURED, stages.REFUSED_SUITABLE_OFFER], [85, 15])[0]
            self.placement(cid, day, officer, "s193_2_main_duty", end)
            self.end_duty(cid, hh, mid, end, reason, officer)
            move("main_duty", "duty_ended", end)
            self.letter(cid, "duty_ended", end, officer)
            self.notes(cid, decided, end, officer, rng.randrange(0, 4))
            self.close(cid, self.at(end + self.days(0, 10)), officer,
                       stages.end_reason_label("main_duty", reason))
        else:
            self.placement(cid, day, officer, "s193_2_main_duty", None)
            self.notes(cid, decided, today, officer, rng.randrange(0, 4))

    def _retime_opened(self, cid: int, opened: date) -> None:
        """An open case's opening moved to before its first duty (its contact and its first
        event were written a moment ago with the first guess)."""
        cases, events, contacts = self.t["cases"], self.t["case_event"], self.t["contact"]
        when = self.at(opened)
        cases.set("opened_at", cid, when)
        contacts.set("occurred_at", contacts.count, when - timedelta(minutes=20))
        events.set("occurred_at", events.count, when)

    # --- advice --------------------------------------------------------------------------
    def advice(self, hh: _Household, opened: date, open_now: bool) -> None:
        officer = self.holder("advice", not open_now)
        cid = self.open_case(hh, "advice", opened, officer)
        if open_now:
            return
        end = min(self.today - timedelta(days=1), opened + self.days(0, 14))
        self.notes(cid, opened, end, officer, self.rng.randrange(0, 2))
        self.close(cid, self.at(end), officer, "Advice given; no further action needed")

    # --- the register --------------------------------------------------------------------
    def register(self, hh: _Household, opened: date, stage: str | None) -> _RegisterStanding | None:
        rng, today = self.rng, self.today
        closed = stage is None
        officer = self.holder(None, closed)
        cid = self.open_case(hh, "register", opened, officer)
        if stage == "application":
            return None
        lead = hh.members[0]
        size = len(hh.members)
        medical = rng.random() < 0.15
        unsatisfactory = rng.random() < 0.15
        application = dict(
            case_id=cid, application_date=opened, registered_on=None,
            immigration_status="british_irish", habitually_resident=True,
            tenure=rng.choice(["private_rented", "private_rented", "living_with_family",
                               "housing_association", "temporary_accommodation"]),
            has_accommodation=True, reasonable_to_occupy=True,
            current_bedrooms=max(1, size - 1 - rng.randrange(0, 2)),
            unsatisfactory_conditions=unsatisfactory,
            conditions_detail="Damp and mould in two rooms; landlord has not repaired." if unsatisfactory else None,
            medical_welfare_need=medical,
            medical_welfare_detail="Mobility difficulty; cannot manage stairs." if medical else None,
            hardship_locality_need=False,
            accessibility_need="step_free" if medical and rng.random() < 0.5 else "none",
            months_resident_last_12=12, years_resident_last_5=rng.choice([1, 2, 3, 4, 5, 5]),
            employed_in_district=rng.random() < 0.4, close_family_5_years=False,
            household_income=float(rng.randrange(9, 48) * 1000),
            household_savings=float(rng.randrange(0, 6000)),
            housing_costs_monthly=float(rng.randrange(450, 1100)), rent_arrears=0.0,
            arrears_plan_kept=False, unacceptable_behaviour=False, owns_home=False,
            armed_forces=False, moving_for_work=False, updated_at=self.at(opened),
            updated_by_id=officer)
        app_id = self.t["register_application"].add(**application)
        self.event(cid, self.at(opened), officer, "register_application", "Application details recorded")
        for what in rng.sample(_EVIDENCE, rng.choice([1, 1, 2])):
            got = min(today, opened + self.days(0, 10))
            self.t["register_evidence"].add(case_id=cid, what=what, received_on=got,
                                            recorded_by_id=officer, recorded_at=self.at(got),
                                            checked_by_id=officer, checked_on=got, note=None)
            self.event(cid, self.at(got), officer, "register_evidence",
                       f"Evidence received: {what} ({got.isoformat()}), checked")
        self.set_stage(cid, "register", "application", "assessment", self.at(opened), officer)
        if stage == "assessment":
            return None
        assessed = min(today, opened + self.days(5, 30))
        members = [MemberSnapshot(m.id, m.relation, m.given_name, m.dob, m.sex, m.pregnant, m.left_on)
                   for m in hh.members]
        row = self._register_assessment(cid, application, members, hh, assessed, officer, exact=not closed)
        qualifies, band, band_date, need = row
        if not qualifies:
            if closed:
                end = assessed + self.days(1, 30)
                self.close(cid, self.at(end), officer, "Does not qualify for the register")
                return None
            # an open case that does not qualify waits at assessment (e.g. for new evidence)
            return None
        self.t["register_application"].set("registered_on", app_id, assessed)
        self.set_stage(cid, "register", "assessment", "active", self.at(assessed), officer)
        # renewals: rolling years from registration, each confirmed in the window before it falls due
        base = assessed
        ended: tuple[str, str] | None = None
        renewals: list[tuple[date, int, int]] = []
        stop = today
        if closed:
            stop = min(today - timedelta(days=1), assessed + timedelta(days=rng.randrange(60, 2500)))
        while True:
            due = base + timedelta(days=365)
            if rng.random() < 0.03 and due + timedelta(days=29) <= stop:
                # not renewed in the grace period: the application lapses
                lapsed_on = due + timedelta(days=rng.randrange(29, 45))
                lapsed_on = min(lapsed_on, today)
                row = self.t["register_renewal"].add(
                    case_id=cid, due_on=due, outcome="lapsed", renewed_on=lapsed_on, recorded_by_id=officer,
                    recorded_at=self.at(lapsed_on), note="Not renewed within the grace period")
                renewals.append((lapsed_on, row, 0))
                ended = ("lapsed", "Application lapsed: not renewed within the grace period")
                stop = lapsed_on
                break
            renewed = due - timedelta(days=rng.randrange(0, 42)) if rng.random() < 0.9 else \
                due + timedelta(days=rng.randrange(0, 28))
            if renewed > stop:
                break
            row = self.t["register_renewal"].add(case_id=cid, due_on=due, outcome="renewed", renewed_on=renewed,
                                                 recorded_by_id=officer, recorded_at=self.at(renewed), note=None)
            self.event(cid, self.at(renewed), officer, "register_renewal",
                       "Application renewed; circumstances confirmed")
            renewals.append((renewed, row, self.t["case_event"].count))
            base = renewed
        if closed and ended is None:
            ended = rng.choices([("active", "Withdrew the application"),
                                 ("active", "Moved out of the district")], [60, 40])[0]
        person = f"{lead.given_name} {lead.family_name}"
        return _RegisterStanding(cid, self.t["cases"].get("reference", cid), person, hh, assessed,
                                 stop if (closed or ended) else None, band, band_date, opened, need,
                                 application["accessibility_need"], application["household_income"],
                                 officer, planned_close=ended, renewals=renewals)

    def _register_assessment(self, cid: int, application: dict, members: list[MemberSnapshot],
                             hh: _Household, on: date, officer: int, *, exact: bool):
        policy, rules = self.law(on), register_policy_as_at(on)
        owed = hh.owed_on(on)
        app = SimpleNamespace(**application)
        facts = facts_from_application(app, members, on, policy, owed)
        adults = sum(1 for m in members if (on - m.dob).days >= 18 * 365)
        key = (len(members), adults, owed, application["medical_welfare_need"],
               application["unsatisfactory_conditions"], application["years_resident_last_5"] >= 2,
               on.year)
        if exact or key not in self._pool:
            d = determine(facts)
            result = (json.dumps(d.to_json_dict()), d.qualifies, d.band, d.band_effective_date,
                      d.bedroom_need, ",".join(d.reasonable_preference), d.policy[:200])
            if not exact:
                self._pool[key] = result
        else:
            result = self._pool[key]
        determination, qualifies, band, band_date, need, preference, policy_name = result
        if band is not None and band_date is not None:
            band_date = on if not exact else band_date
            band_date, why = settle_band_date(previous_band=None, previous_date=None, new_band=band,
                                              new_date=band_date, policy=policy, rules=rules)
            why_text = why.text
        else:
            why_text = None
        money = financial_assessment(
            income=application["household_income"], savings=application["household_savings"],
            arrears=application["rent_arrears"], arrears_plan_kept=False,
            housing_costs_monthly=application["housing_costs_monthly"], policy=policy, rules=rules)
        when = self.at(on)
        self.t["register_assessment"].add(
            case_id=cid, kind="assessment", assessed_on=on, decided_by_id=officer, decided_at=when,
            facts_json=json.dumps(facts), household_json=_members_json(members),
            determination_json=determination, financial_json=json.dumps(money.to_json()),
            engine_qualifies=qualifies, engine_band=band, engine_bedroom_need=need,
            decision="confirmed", override_reason=None, qualifies=qualifies, band=band,
            band_effective_date=band_date, band_date_reason=why_text, bedroom_need=need,
            reasonable_preference=preference, policy=policy_name)
        words = (f"band {band} from {band_date.strftime('%d %b %Y')}, {need} bedroom(s)"
                 if qualifies else "does not qualify for the register")
        self.event(cid, when, officer, "register_assessment", f"Assessment confirmed: {words}",
                   reason=why_text, changes={"band": (None, band), "band_effective_date": (None, band_date),
                                             "bedroom_need": (None, need)})
        return qualifies, band, band_date, need

    # --- lettings --------------------------------------------------------------------------
    def lettings(self, standing: list[_RegisterStanding]) -> dict[int, tuple[date, str, str]]:
        """Adverts over the years (the last few still open), their bids and shortlists; the
        first on each let advert's shortlist accepts it, and their application closes as
        rehoused. Returns {case id: (closed on, reason, advert reference)} for those."""
        rng, today = self.rng, self.today
        count = max(4, round(PER_100K["adverts"] * self.scale))
        first = self.law_from + timedelta(days=60)
        span = (today - first).days
        by_need: dict[int, list[_RegisterStanding]] = {}
        for s in standing:
            by_need.setdefault(min(s.bedroom_need, 4), []).append(s)
        rehoused: dict[int, tuple[date, str, str]] = {}
        live_bids: dict[int, int] = {}
        open_from = count - max(3, round(12 * min(1.0, self.scale * 4)))
        for n in range(count):
            aid = n + 1
            opens = first + timedelta(days=span * n // count)
            still_open = n >= open_from
            if still_open:
                opens = today - self.days(0, 6)
            closes = opens + timedelta(days=7)
            bedrooms = rng.choices([1, 2, 3, 4], [35, 40, 20, 5])[0]
            landlord, landlord_kind = rng.choice(_LANDLORDS)
            reference = f"AD-{aid:05d}"
            address = f"{rng.randrange(1, 90)} {rng.choice(_STREETS)}"
            manager = rng.choice(self.leads)
            accessibility = "step_free" if rng.random() < 0.1 else "general_needs"
            self.t["letting_advert"].add(
                reference=reference, address=address, bedrooms=bedrooms,
                property_type=rng.choice(["flat", "flat", "house", "maisonette"]),
                accessibility=accessibility, landlord=landlord, landlord_kind=landlord_kind,
                weekly_rent=float(95 + 22 * bedrooms + rng.randrange(0, 20)), opens_on=opens,
                closes_on=closes, created_by_id=manager, created_at=self.at(opens), status="open",
                closed_at=None, shortlist_json=None, let_case_id=None)
            pool = by_need.get(bedrooms, [])
            bidders: list[tuple[_RegisterStanding, datetime, int]] = []
            chosen: set[int] = set()
            wanted = rng.randrange(4, 14) if pool else 0
            for _ in range(60 if pool else 0):
                if len(bidders) >= wanted:
                    break
                s = rng.choice(pool)
                on = opens + self.days(0, 7)
                if on > today or s.case_id in chosen or s.case_id in rehoused:
                    continue
                if not (s.active_from <= on and (s.active_to is None or on < s.active_to)):
                    continue
                fits, _ = bid_fits(bedroom_need=s.bedroom_need, accessibility_need=s.accessibility_need,
                                   advert_bedrooms=bedrooms, advert_accessibility=accessibility,
                                   rules=register_policy_as_at(on))
                if not fits:
                    continue
                if still_open and live_bids.get(s.case_id, 0) >= 3:
                    continue
                chosen.add(s.case_id)
                when = self.at(on)
                bid = self.t["letting_bid"].add(advert_id=aid, case_id=s.case_id, placed_at=when,
                                                placed_by_id=s.officer, status="active", withdrawn_reason=None)
                bidders.append((s, when, bid))
                if still_open:
                    live_bids[s.case_id] = live_bids.get(s.case_id, 0) + 1
                self.event(s.case_id, when, s.officer, "letting_bid",
                           f"Bid placed for {reference}, {address} ({bedrooms}-bed)")
            if still_open:
                continue
            drawn = rank_shortlist(
                [Bidder(bid_id=b, case_id=s.case_id, case_reference=s.reference, applicant=s.applicant,
                        bid_status="active", bid_placed_at=when, case_status="open", case_stage="active",
                        qualifies=True, band=s.band, band_effective_date=s.band_date,
                        registration_date=s.application_date, bedroom_need=s.bedroom_need,
                        accessibility_need=s.accessibility_need, household_income=s.income)
                 for s, when, b in bidders],
                advert_bedrooms=bedrooms, advert_accessibility=accessibility, on=closes,
                policy=self.law(closes), rules=register_policy_as_at(closes),
                weekly_rent=self.t["letting_advert"].get("weekly_rent", aid))
            adverts = self.t["letting_advert"]
            adverts.set("status", aid, "closed")
            adverts.set("closed_at", aid, self.at(closes))
            adverts.set("shortlist_json", aid, json.dumps(drawn.to_json()))
            if drawn.placed and closes + timedelta(days=15) < today:
                top = drawn.placed[0].bidder
                offered = closes + timedelta(days=1)
                answered = closes + self.days(3, 14)
                self.t["letting_nomination"].add(
                    advert_id=aid, case_id=top.case_id, landlord=landlord, shortlist_position=1,
                    bypass_reason=None, nominated_on=offered, nominated_by_id=manager,
                    outcome="accepted", outcome_on=answered, outcome_reason=None)
                adverts.set("status", aid, "let")
                adverts.set("let_case_id", aid, top.case_id)
                self.event(top.case_id, self.at(offered), manager, "letting_nomination",
                           f"Nominated for {reference} (position 1)")
                self.event(top.case_id, self.at(answered), manager, "letting_nomination",
                           f"Offer of {reference} accepted")
                rehoused[top.case_id] = (answered, f"Rehoused: {reference}, {address}"[:200],
                                         f"Accepted {reference}, {address} ({landlord})")
        return rehoused

    # --- the whole store ---------------------------------------------------------------------
    def build(self) -> dict[str, _Rows]:
        rng, today = self.rng, self.today
        self.officers()
        window = (today - self.start).days
        plans: list[tuple[str, date, str | None]] = []
        standing: list[_RegisterStanding] = []
        types = list(CASE_TYPES)
        weights = [CASE_TYPES[t][0] for t in types]
        for n in range(self.households):
            if n % 2000 == 0:
                self.tick(min(2000, self.households - n))
            case_type = rng.choices(types, weights)[0]
            open_now = rng.random() < CASE_TYPES[case_type][1]
            second = rng.random() < SECOND_CASE
            if open_now:
                if case_type == "homelessness":
                    stage = rng.choices(list(HOMELESS_OPEN_STAGES), list(HOMELESS_OPEN_STAGES.values()))[0]
                    opened = today - self.days(0, 20)
                elif case_type == "register":
                    stage = rng.choices(list(REGISTER_OPEN_STAGES), list(REGISTER_OPEN_STAGES.values()))[0]
                    opened = today - (self.days(0, 30) if stage != "active" else self.days(30, 2800))
                    opened = max(opened, self.law_from)
                else:
                    stage, opened = "advice", today - self.days(0, 14)
            else:
                stage = None
                opened = self.start + timedelta(days=rng.randrange(window - 30))
                if opened < self.law_from or (case_type == "register"
                                              and opened > today - timedelta(days=90)):
                    case_type = "advice"
            plans.clear()
            if second and not open_now:
                # came back later with something else (an earlier advice call, then the register)
                later = opened + self.days(60, 900)
                if later < today - timedelta(days=7) and later >= self.law_from:
                    plans.append(("register" if case_type != "register" else "homelessness", later,
                                  None if later < today - timedelta(days=400) else "__open__"))
            hh = self.household(opened - self.days(0, 3))
            self._case(hh, case_type, opened, stage if open_now else None, standing)
            for kind, later, marker in plans:
                if marker == "__open__":
                    later_stage = ("active" if kind == "register" else
                                   rng.choices(list(HOMELESS_OPEN_STAGES), list(HOMELESS_OPEN_STAGES.values()))[0])
                    if kind == "homelessness":
                        later = today - self.days(0, 20)
                    self._case(hh, kind, later, later_stage, standing)
                else:
                    self._case(hh, kind, later, None, standing)
        rehoused = self.lettings(standing)
        for s in standing:
            if s.case_id in rehoused:
                on, reason, detail = rehoused[s.case_id]
                for renewed, row, event in s.renewals:  # what came after the move never happened
                    if renewed > on:
                        self.t["register_renewal"].drop(row)
                        if event:
                            self.t["case_event"].drop(event)
                self.close(s.case_id, self.at(on), self.manager, detail, summary="Case closed: rehoused")
                self.t["cases"].set("closed_reason", s.case_id, reason)
            elif s.planned_close is not None:
                stage, reason = s.planned_close
                on = s.active_to or today
                if stage == "lapsed":
                    self.t["cases"].set("stage", s.case_id, "lapsed")
                    self.close(s.case_id, self.at(on), self.manager, reason, kind="register_lapsed",
                               summary="Application lapsed: not renewed within the grace period")
                else:
                    self.close(s.case_id, self.at(on), s.officer, reason)
        self._flags()
        for rows in self.t.values():
            rows.kept()
        self._audit()
        return self.t

    def _case(self, hh: _Household, case_type: str, opened: date, stage: str | None,
              standing: list[_RegisterStanding]) -> None:
        if case_type == "homelessness":
            self.homelessness(hh, opened, stage)
        elif case_type == "register":
            s = self.register(hh, opened, stage)
            if s is not None:
                standing.append(s)
        else:
            self.advice(hh, opened, stage is not None)

    def _flags(self) -> None:
        """Safeguarding flags on about one open case in fifteen."""
        rng, cases = self.rng, self.t["cases"]
        concerns = [("child_at_risk", "Children's school raised concerns; family sofa-surfing."),
                    ("adult_at_risk", "Says she has stopped taking her medication and is not eating."),
                    ("domestic_abuse_risk", "Ex-partner has found the address and has been sending threats.")]
        for cid in range(1, cases.count + 1):
            if cases.data["status"][cid - 1] != "open" or rng.random() > 1 / 15:
                continue
            kind, details = rng.choice(concerns)
            raised_by = rng.choice(self.caseworkers)
            opened = cases.data["opened_at"][cid - 1].date()
            raised = self.at(max(opened, self.today - self.days(1, 60)))
            self.t["safeguarding_flag"].add(
                household_id=cases.data["household_id"][cid - 1], person_id=None, contact_id=None,
                kind=kind, details=details, raised_by_id=raised_by, raised_at=raised, ended_at=None,
                ended_by_id=None, end_reason=None, version=1)
            self.event(cid, raised, raised_by, "safeguarding_flag_raised", "Safeguarding flag raised",
                       reason=details)

    def _audit(self) -> None:
        """The audit row each of those writes made, in the same moment as its case event."""
        events, audit = self.t["case_event"], self.t["audit_log"]
        n = events.count
        audit.count = n
        audit.data["id"] = list(range(1, n + 1))
        audit.data["occurred_at"] = list(events.data["occurred_at"])
        audit.data["actor_id"] = list(events.data["actor_id"])
        audit.data["action"] = ["create" if k == "case_opened" else "update" for k in events.data["kind"]]
        audit.data["entity"] = ["case"] * n
        audit.data["entity_id"] = list(events.data["case_id"])
        audit.data["detail"] = list(events.data["kind"])


_PDF_SHA = hashlib.sha256(PLACEHOLDER_PDF).hexdigest()


def _members_json(members: list[MemberSnapshot]) -> str:
    """register.rules.snapshot_json's text (MemberSnapshot.to_json, key for key) without
    dataclasses.asdict, which alone would cost the generator seconds."""
    return json.dumps([{"person_id": m.person_id, "relation": m.relation, "given_name": m.given_name,
                        "dob": m.dob.isoformat(), "sex": m.sex, "pregnant": m.pregnant,
                        "left_on": m.left_on.isoformat() if m.left_on else None} for m in members])


# --- loading ----------------------------------------------------------------------------------

def _arrow_type(column: sa.Column):
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, sa.Date):
        return pa.date32()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.LargeBinary):
        return pa.binary()
    return pa.string()


def _load_duckdb(engine: Engine, tables: list[_Rows], tick: Callable[[int], None]) -> None:
    """Insert from Arrow tables over DuckDB's own connection to the file (the engine's pool is
    closed first: one file, one writer)."""
    import duckdb
    import pyarrow as pa

    engine.dispose()
    duck = duckdb.connect(engine.url.database)
    try:
        duck.begin()
        for rows in tables:
            schema = pa.schema([(c.name, _arrow_type(c)) for c in rows.table.columns])
            columns = ", ".join(rows.columns)
            for begin in range(0, rows.count, 250_000):
                frame = pa.table({c: pa.array(rows.data[c][begin:begin + 250_000], type=schema.field(c).type)
                                  for c in rows.columns}, schema=schema)
                duck.register("generated_frame", frame)
                duck.execute(f"INSERT INTO {rows.name} ({columns}) SELECT {columns} FROM generated_frame")
                duck.unregister("generated_frame")
                tick(len(frame))
        duck.commit()
        duck.execute("CHECKPOINT")
    finally:
        duck.close()


def _load_postgres(engine: Engine, tables: list[_Rows], tick: Callable[[int], None]) -> None:
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            for rows in tables:
                columns = ", ".join(rows.columns)
                with cursor.copy(f"COPY {rows.name} ({columns}) FROM STDIN") as copy:
                    for i, row in enumerate(zip(*(rows.data[c] for c in rows.columns), strict=True), 1):
                        copy.write_row(row)
                        if i % 100_000 == 0:
                            tick(100_000)
                tick(rows.count % 100_000)
        connection.commit()
    finally:
        raw.close()


def _advance_sequences(engine: Engine, tables: list[_Rows]) -> None:
    """Every id sequence past the largest id, so the services' next row gets a fresh key."""
    with engine.begin() as connection:
        for rows in tables:
            column = rows.table.c.id
            sequence = column.default if isinstance(column.default, sa.Sequence) else None
            name = sequence.name if sequence is not None else f"{rows.name}_id_seq"
            top = connection.execute(sa.text(f"SELECT max(id) FROM {rows.name}")).scalar() or 0
            if not top:
                continue
            if engine.dialect.name == "duckdb":  # no setval: draw the sequence on to the top
                connection.execute(sa.text(f"SELECT max(nextval('{name}')) FROM range({int(top)})"))
            else:
                connection.execute(sa.text(f"SELECT setval('{name}', {int(top)})"))


def rows_in_store(engine: Engine) -> dict[str, int]:
    """Rows in every table that exists (empty dict for a store with no schema yet)."""
    inspector = sa.inspect(engine)
    found = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if inspector.has_table(table.name):
                count = connection.execute(sa.text(f"SELECT count(*) FROM {table.name}")).scalar()
                if count:
                    found[table.name] = count
    return found


def generate_store(*, households: int, seed: int = 14, today: date | None = None,
                   engine: Engine | None = None, progress: bool = True) -> GenerateSummary:
    """Migrate an empty store and fill it with `households` households' ten years of work."""
    from tqdm import tqdm

    from logic.store import migrate

    if households < 1:
        raise ValueError("--households: give at least 1")
    engine = engine or engine_for()
    held = rows_in_store(engine)
    if held:
        shown = ", ".join(f"{n:,} {t}" for t, n in list(held.items())[:4])
        raise StoreNotEmpty(
            f"The store at {engine.url.render_as_string(hide_password=True)} already holds data "
            f"({shown}): generate fills an empty store only. Point HEARTH_DATABASE_URL at a new "
            "file or database.")
    today = today or clock.today()
    began = time.perf_counter()
    migrate(engine)
    with tqdm(total=households, unit=" households", desc="building rows", disable=not progress,
              mininterval=0.5) as bar:
        tables = _Generator(households, seed, today, bar.update).build()
    built = time.perf_counter() - began
    order = [t.name for t in SQLModel.metadata.sorted_tables]
    loaded = sorted((rows for rows in tables.values() if rows.count), key=lambda r: order.index(r.name))
    total = sum(r.count for r in loaded)
    with tqdm(total=total, unit=" rows", desc="loading", disable=not progress, mininterval=0.5) as bar:
        if engine.dialect.name == "duckdb":
            _load_duckdb(engine, loaded, bar.update)
        else:
            _load_postgres(engine, loaded, bar.update)
    _advance_sequences(engine, loaded)
    if engine.dialect.name == "postgresql":  # the planner's statistics, as a live store has them
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return GenerateSummary({r.name: r.count for r in loaded}, time.perf_counter() - began, built)


def parse_day(text: str) -> date:
    return date.fromisoformat(text)


__all__: Iterable[str] = ["generate_store", "GenerateSummary", "StoreNotEmpty", "rows_in_store"]
