"""The front door: who is this, is there a record already, what happened today, what next.

An intake is one unit of work: the household (an existing one, or a new one created after the
officer has seen the possible duplicates), the contact (call, email, letter, visit or webchat,
or a s.213B referral from a public body), the triage (answers, the engine's facts and answer,
the route recommended and the route the officer chose, with their reason where they differ),
the case the route opens (cases.open_case), the safeguarding flags raised and the signposting
given. `complete_intake` checks everything it can before it writes anything, and whatever it
writes commits or rolls back together: a refused intake leaves no household, contact or case
behind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from logic.cases import service as cases
from logic.clock import LONDON
from logic.common import codes, limits
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.recording import record_audit, record_case_event, record_view
from logic.config import settings
from logic.db import session_scope
from logic.front_door import safeguarding, triage
from logic.front_door.households import PersonDetails, add_household, normalise_postcode
from logic.front_door.signposting import Directory, advice_text, default_directory
from logic.law import policy_as_at
from logic.law.household import is_dependent_child
from logic.models import (
    CaseStatus,
    Contact,
    ContactChannel,
    Household,
    HousingCase,
    Officer,
    Person,
    Role,
    utc_now,
)
from logic.models.front_door import ReferralReceived, ReferringBody, SignpostingGiven, TriageRecord

# The form's labels, so a refused answer is named as the officer saw it:
# pages/intake.py.
FIELD_LABELS: dict[str, str] = {
    "channel": "How they got in touch",
    "summary": "What the contact was about",
    "occurred_at": "When they got in touch",
    "referral.body_type": "Kind of public body",
    "referral.body_name": "Body that referred",
    "referral.consent_given": "Applicant consented to the referral",
    "referral.received_at": "Referral received at",
    "signposting": "Services signposted to",
    "search": "Search",
    "household": "Household",
    "override_reason": "Why a different route",
    "concerns": "Safeguarding concern",
    "applicant_dob": "Date of birth",
    "case_id": "Case",
    "referral_source": "Who referred them?",
}

limits.name_fields("contact", {"summary": FIELD_LABELS["summary"]})
limits.name_fields("triage_record", {"override_reason": FIELD_LABELS["override_reason"]})

INTAKE_ROLES = {Role.officer, Role.senior, Role.manager}
_CLOCK_SKEW = timedelta(minutes=10)

REFERRING_BODY_LABELS = codes.REFERRING_BODIES.options()


@dataclass(frozen=True)
class ContactDetails:
    channel: str
    summary: str
    occurred_at: datetime | None = None  # when the call/visit happened; now if not given


@dataclass(frozen=True)
class NewHousehold:
    people: list[PersonDetails]
    address_line1: str | None = None
    address_line2: str | None = None
    town: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ReferralDetails:
    """A referral under s.213B: which public body, who referred, and the person's consent."""

    body_type: str
    body_name: str
    consent_given: bool
    referrer_name: str | None = None
    referrer_contact: str | None = None
    received_at: datetime | None = None

    def describe(self) -> str:
        label = REFERRING_BODY_LABELS.get(self.body_type, self.body_type)
        who = f" ({self.referrer_name.strip()})" if (self.referrer_name or "").strip() else ""
        return f"s.213B referral: {label}: {self.body_name.strip()}{who}"[:200]


@dataclass(frozen=True)
class DuplicateMatch:
    household_id: int
    reference: str
    applicant_name: str
    applicant_dob: date | None
    postcode: str | None
    phone: str | None
    reasons: tuple[str, ...]
    open_cases: tuple[str, ...]


@dataclass(frozen=True)
class MemberView:
    id: int
    relation: str
    given_name: str
    family_name: str
    dob: date
    sex: str
    pregnant: bool

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def presumed_dependent(self, on: date) -> bool:
        """The intake screen's first answer to "dependent child", from the law as at `on`; the
        officer changes it where the facts differ (a 17-year-old living independently)."""
        return is_dependent_child(self.relation, self.dob, on, policy_as_at(on))


@dataclass(frozen=True)
class OpenCaseView:
    id: int
    reference: str
    case_type: str
    stage: str


@dataclass(frozen=True)
class HouseholdGlance:
    household_id: int
    reference: str
    address: str
    phone: str | None
    email: str | None
    people: tuple[MemberView, ...]
    open_cases: tuple[OpenCaseView, ...]
    # a s.213B referral received since the household's last triage: its body's code (the intake
    # carries it as the referral source, so the officer is not asked again), or None
    referral_pending: str | None = None

    @property
    def applicant(self) -> MemberView:
        return next(p for p in self.people if p.relation == "applicant")


@dataclass(frozen=True)
class IntakeOutcome:
    household_id: int
    household_reference: str
    contact_id: int
    triage_id: int
    recommended_route: str
    chosen_route: str
    case_id: int | None
    case_reference: str | None
    case_opened: bool  # False where the contact joined a case already open
    flag_ids: tuple[int, ...] = ()
    signposting: tuple[str, ...] = ()
    email_text: str | None = None
    actions_today: tuple[str, ...] = field(default=())


# --- checks that need no database --------------------------------------------------------


def _actor(session: Session, actor_id: int) -> Officer:
    actor = session.get(Officer, actor_id)
    if actor is None or not actor.active:
        raise PermissionDenied("Your account is not active.")
    if actor.role not in INTAKE_ROLES:
        raise PermissionDenied("Only housing options officers, seniors and managers take intakes.")
    return actor


def _check_contact(contact: ContactDetails) -> datetime:
    try:
        ContactChannel(contact.channel)
    except ValueError:
        channels = ", ".join(c.value for c in ContactChannel)
        raise FieldError("channel", f"choose one of {channels}", FIELD_LABELS) from None
    if not (contact.summary or "").strip():
        raise FieldError("summary", "say in a sentence or two what the contact was about",
                         FIELD_LABELS)
    when = contact.occurred_at or utc_now()
    if when.tzinfo is None:
        raise FieldError("occurred_at", "give the time with its time zone", FIELD_LABELS)
    if when > utc_now() + _CLOCK_SKEW:
        raise FieldError("occurred_at", "a contact cannot happen in the future", FIELD_LABELS)
    return when


def _check_referral(referral: ReferralDetails | None) -> None:
    if referral is None:
        return
    try:
        ReferringBody(referral.body_type)
    except ValueError:
        raise FieldError("referral.body_type", "choose the kind of public body that referred",
                         FIELD_LABELS) from None
    if not (referral.body_name or "").strip():
        raise FieldError("referral.body_name", "name the body that made the referral", FIELD_LABELS)
    if not referral.consent_given:
        raise FieldError(
            "referral.consent_given",
            "a public body may refer someone under s.213B only with their consent (s.213B(3)); "
            "record this as an ordinary contact instead", FIELD_LABELS)
    if referral.received_at is not None and referral.received_at > utc_now() + _CLOCK_SKEW:
        raise FieldError("referral.received_at", "a referral cannot be received in the future",
                         FIELD_LABELS)


def _check_signposting(directory: Directory, service_ids: list[str] | tuple[str, ...]) -> None:
    known = {s.id for s in directory.services}
    for i, service_id in enumerate(service_ids):
        if service_id not in known:
            raise FieldError(f"signposting[{i}]", f"{service_id!r} is not in the services directory",
                             FIELD_LABELS)
    if len(set(service_ids)) != len(service_ids):
        raise FieldError("signposting", "a service is listed twice", FIELD_LABELS)


def _summary_with_advice(summary: str, advice_note: str) -> str:
    summary = summary.strip()
    if advice_note.strip():
        summary += f"\n\nAdvice given: {advice_note.strip()}"
    return summary


# --- finding a household -----------------------------------------------------------------


def _phone_digits(phone: str | None) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def possible_duplicates(
    *, actor_id: int, given_name: str = "", family_name: str = "", dob: date | None = None,
    phone: str | None = None, postcode: str | None = None, email: str | None = None,
    limit: int = 20,
) -> list[DuplicateMatch]:
    """Households that may be the caller's already, with why each one matched.

    Shown before a new household is created: the same surname and date of birth, the same first
    name and date of birth (a surname changed on marriage), the same phone number, the same
    email, or the same postcode with a member of the same first initial. Audited as a search.
    """
    given = (given_name or "").strip().casefold()
    family = (family_name or "").strip().casefold()
    digits = _phone_digits(phone)
    postcode_n = normalise_postcode(postcode) if postcode and postcode.strip() else None
    email_n = (email or "").strip().casefold() or None
    if not (family or dob or len(digits) >= 6 or postcode_n or email_n):
        raise FieldError("search", "give a surname, date of birth, phone, postcode or email",
                         FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        conditions = []
        if family:
            conditions.append(func.lower(Person.family_name) == family)
        if dob:
            conditions.append(Person.dob == dob)
        if postcode_n:
            conditions.append(Household.postcode == postcode_n)
        if email_n:
            conditions.append(func.lower(Household.email) == email_n)
            conditions.append(func.lower(Person.email) == email_n)
        if len(digits) >= 6:
            tail = f"%{digits[-9:]}"
            conditions.append(func.replace(Household.phone, " ", "").like(tail))
            conditions.append(func.replace(Person.phone, " ", "").like(tail))
        rows = session.exec(
            select(Household, Person).join(Person, Person.household_id == Household.id)
            .where(Household.id.in_(
                select(Person.household_id).join(Household, Household.id == Person.household_id)
                .where(or_(*conditions))
            ))
            .order_by(Household.id, Person.id)
        ).all()
        found: dict[int, dict] = {}
        for household, person in rows:
            entry = found.setdefault(household.id, {"household": household, "people": []})
            entry["people"].append(person)
        matches = []
        for entry in found.values():
            reasons = _match_reasons(entry["household"], entry["people"], given=given, family=family,
                                     dob=dob, digits=digits, postcode=postcode_n, email=email_n)
            if reasons:
                matches.append((entry, reasons))
        matches.sort(key=lambda m: (-len(m[1]), m[0]["household"].id))
        matches = matches[:limit]
        open_cases: dict[int, list[str]] = {}
        if matches:
            for case in session.exec(select(HousingCase).where(
                HousingCase.household_id.in_([m[0]["household"].id for m in matches]),
                HousingCase.status == CaseStatus.open,
            )).all():
                open_cases.setdefault(case.household_id, []).append(case.reference)
        record_audit(session, actor_id=actor_id, action="search", entity="household",
                     detail=f"duplicate check: results={len(matches)}")
    out = []
    for entry, reasons in matches:
        household = entry["household"]
        applicant = next((p for p in entry["people"] if p.relation == "applicant"), entry["people"][0])
        out.append(DuplicateMatch(
            household_id=household.id, reference=household.reference,
            applicant_name=f"{applicant.given_name} {applicant.family_name}",
            applicant_dob=applicant.dob, postcode=household.postcode, phone=household.phone,
            reasons=tuple(reasons), open_cases=tuple(sorted(open_cases.get(household.id, []))),
        ))
    return out


def _match_reasons(household: Household, people: list[Person], *, given: str, family: str,
                   dob: date | None, digits: str, postcode: str | None, email: str | None) -> list[str]:
    reasons: list[str] = []
    for p in people:
        name = f"{p.given_name} {p.family_name}"
        same_family = bool(family) and p.family_name.strip().casefold() == family
        same_given = bool(given) and p.given_name.strip().casefold() == given
        if dob and p.dob == dob and same_family:
            reasons.append(f"same surname and date of birth ({name})")
        elif dob and p.dob == dob and same_given:
            reasons.append(f"same first name and date of birth ({name})")
        if postcode and household.postcode == postcode and given and \
                p.given_name.strip().casefold()[:1] == given[:1] and (same_family or not family):
            reasons.append(f"same postcode and initial ({name})")
    if len(digits) >= 6:
        phones = [household.phone] + [p.phone for p in people]
        if any(_phone_digits(x)[-9:] == digits[-9:] for x in phones if x):
            reasons.append("same phone number")
    if email:
        emails = [household.email] + [p.email for p in people]
        if any((x or "").strip().casefold() == email for x in emails):
            reasons.append("same email address")
    return list(dict.fromkeys(reasons))


def household_glance(*, actor_id: int, household_id: int, opening: str | None = None) -> HouseholdGlance:
    """The household as the intake screen shows it: people, address and open cases. Audited."""
    with session_scope() as session:
        _actor(session, actor_id)
        household = session.get(Household, household_id)
        if household is None:
            raise NotFound(f"Household {household_id} does not exist.")
        people = session.exec(
            select(Person).where(Person.household_id == household_id, Person.left_on.is_(None))
            .order_by(Person.id)
        ).all()
        open_cases = session.exec(
            select(HousingCase).where(HousingCase.household_id == household_id,
                                      HousingCase.status == CaseStatus.open)
            .order_by(HousingCase.opened_at)
        ).all()
        pending = _referral_since_last_triage(session, household_id)
        record_view(session, actor_id=actor_id, entity="household", entity_id=household_id, opening=opening)
    address = ", ".join(x for x in (household.address_line1, household.address_line2, household.town,
                                    household.postcode) if x)
    return HouseholdGlance(
        household_id=household.id, reference=household.reference,
        address=address or "No fixed address recorded", phone=household.phone, email=household.email,
        people=tuple(MemberView(p.id, p.relation, p.given_name, p.family_name, p.dob, p.sex, p.pregnant)
                     for p in people),
        open_cases=tuple(OpenCaseView(c.id, c.reference, c.case_type, c.stage) for c in open_cases),
        referral_pending=pending,
    )


# --- recording ---------------------------------------------------------------------------


def _add_contact(session: Session, *, actor_id: int, household_id: int, case_id: int | None,
                 contact: ContactDetails, occurred_at: datetime, advice_note: str,
                 referral: ReferralDetails | None) -> Contact:
    row = Contact(
        household_id=household_id, case_id=case_id, channel=contact.channel,
        summary=_summary_with_advice(contact.summary, advice_note), taken_by_id=actor_id,
        occurred_at=occurred_at, referral_from=referral.describe() if referral else None,
    )
    session.add(row)
    session.flush()
    record_audit(session, actor_id=actor_id, action="create", entity="contact", entity_id=row.id,
                 detail=contact.channel + (" s.213B referral" if referral else ""))
    if referral is not None:
        received = ReferralReceived(
            contact_id=row.id, household_id=household_id, body_type=referral.body_type,
            body_name=referral.body_name.strip()[:200],
            referrer_name=(referral.referrer_name or "").strip()[:120] or None,
            referrer_contact=(referral.referrer_contact or "").strip()[:200] or None,
            consent_given=referral.consent_given, received_at=referral.received_at or occurred_at,
            recorded_by_id=actor_id,
        )
        session.add(received)
        session.flush()
        record_audit(session, actor_id=actor_id, action="create", entity="referral_received",
                     entity_id=received.id, detail=referral.body_type)
    return row


def _add_signposting(session: Session, *, actor_id: int, directory: Directory, contact: Contact,
                     service_ids: list[str] | tuple[str, ...]) -> None:
    for service_id in service_ids:
        service = directory.service(service_id)
        session.add(SignpostingGiven(
            contact_id=contact.id, household_id=contact.household_id, service_id=service.id,
            service_name=service.name[:200], category=service.category,
            contact_details=service.contact_line()[:300] or None, given_by_id=actor_id,
        ))
    if service_ids:
        record_audit(session, actor_id=actor_id, action="create", entity="signposting_given",
                     entity_id=contact.id, detail=", ".join(service_ids))
        if contact.case_id is not None:
            names = ", ".join(directory.service(s).name for s in service_ids)
            record_case_event(session, case_id=contact.case_id, actor_id=actor_id,
                              kind="signposting_given", summary=f"Signposted to {names}")


def record_contact(
    *, actor_id: int, household_id: int, contact: ContactDetails, case_id: int | None = None,
    referral: ReferralDetails | None = None, signposting: list[str] | tuple[str, ...] = (),
    advice_note: str = "",
) -> int:
    """A contact with no triage (a follow-up call, or a s.213B referral logged before the person
    can be reached), with any advice and signposting given. Returns the contact's id."""
    occurred_at = _check_contact(contact)
    _check_referral(referral)
    directory = default_directory()
    _check_signposting(directory, signposting)
    with session_scope() as session:
        _actor(session, actor_id)
        if session.get(Household, household_id) is None:
            raise NotFound(f"Household {household_id} does not exist.")
        if case_id is not None:
            case = session.get(HousingCase, case_id)
            if case is None or case.household_id != household_id:
                raise FieldError("case_id", "choose a case of this household", FIELD_LABELS)
        row = _add_contact(session, actor_id=actor_id, household_id=household_id, case_id=case_id,
                           contact=contact, occurred_at=occurred_at, advice_note=advice_note,
                           referral=referral)
        if case_id is not None:
            record_case_event(session, case_id=case_id, actor_id=actor_id, kind="contact_recorded",
                              summary=f"Contact by {contact.channel}"
                              + (f" ({referral.describe()})" if referral else ""),
                              reason=contact.summary.strip())
        _add_signposting(session, actor_id=actor_id, directory=directory, contact=row,
                         service_ids=signposting)
        return row.id


def complete_intake(
    *,
    actor_id: int,
    today: date,
    contact: ContactDetails,
    answers: triage.TriageAnswers,
    chosen_route: str,
    household_id: int | None = None,
    new_household: NewHousehold | None = None,
    override_reason: str | None = None,
    signposting: list[str] | tuple[str, ...] = (),
    advice_note: str = "",
    concerns: list[safeguarding.Concern] | tuple[safeguarding.Concern, ...] = (),
    referral: ReferralDetails | None = None,
    referral_source: str | None = None,
    assign_to_self: bool = True,
    public_submission_id: int | None = None,
) -> IntakeOutcome:
    """Record a front-door contact with its triage and act on the route the officer confirmed.

    One transaction: household (if new), contact, triage record, the case the route opens (or
    the open case of that type the contact joins), case events, safeguarding flags, signposting.

    The triage records who referred the household (H-CLIC, codes.REFERRAL_SOURCES): a s.213B
    referral names its body, whether it comes with this contact or was received on an earlier
    one since the household's last triage, and is carried; otherwise ``referral_source`` is the
    officer's answer (None: not asked).

    An intake carried on from an online self-assessment or referral (``public_submission_id``,
    issue 18) takes that submission in the same transaction (``logic.public.service.mark_taken``:
    linked to the household and contact, an event on the case, audited); one already taken or
    closed by another officer is refused and nothing is written.
    """
    # 1. everything that can be checked without the store, so a refusal writes nothing
    if (household_id is None) == (new_household is None):
        raise FieldError("household", "choose an existing household or enter a new one (not both)",
                         FIELD_LABELS)
    occurred_at = _check_contact(contact)
    _check_referral(referral)
    if referral_source is not None and referral_source not in codes.REFERRAL_SOURCES:
        raise FieldError("referral_source", "choose who referred them from the list", FIELD_LABELS)
    recommendation = triage.recommend(answers, today)  # a refused answer names its question
    case_type = triage.case_type_for(chosen_route, recommendation)
    override = (override_reason or "").strip()
    if chosen_route != recommendation.route and not override:
        raise FieldError(
            "override_reason",
            f"say why you chose '{triage.ROUTE_LABELS[chosen_route]}' rather than the recommended "
            f"'{triage.ROUTE_LABELS[recommendation.route]}'", FIELD_LABELS)
    directory = default_directory()
    _check_signposting(directory, signposting)
    for i, concern in enumerate(concerns):
        safeguarding.check_concern(concern, f"concerns[{i}]")
    if answers.safeguarding_concern and not concerns:
        raise FieldError("concerns", "a safeguarding concern was reported: say who is at risk and "
                                       "what kind of risk, so it can be flagged", FIELD_LABELS)
    if new_household is not None:
        applicant = next((p for p in new_household.people if p.relation == "applicant"), None)
        if applicant is not None and applicant.dob != answers.applicant_dob:
            raise FieldError("applicant_dob", "differs from the date of birth entered for the "
                                                "new household's applicant", FIELD_LABELS)

    with session_scope() as session:
        actor = _actor(session, actor_id)
        # 2. the household
        if new_household is not None:
            household = add_household(
                session, actor_id=actor_id, people=list(new_household.people), today=today,
                address_line1=new_household.address_line1, address_line2=new_household.address_line2,
                town=new_household.town, postcode=new_household.postcode,
                phone=new_household.phone, email=new_household.email,
            )
        else:
            household = session.get(Household, household_id)
            if household is None:
                raise NotFound(f"Household {household_id} does not exist.")
            applicant_row = session.exec(select(Person).where(
                Person.household_id == household.id, Person.relation == "applicant")).first()
            if applicant_row is not None and applicant_row.dob != answers.applicant_dob:
                raise FieldError("applicant_dob", "differs from the applicant's date of birth on the "
                                                    "household record; check which is right",
                                                    FIELD_LABELS)
        # 3. the case the route opens, or the open one of that type the contact joins
        case: HousingCase | None = None
        opened = False
        if case_type is not None:
            case = session.exec(select(HousingCase).where(
                HousingCase.household_id == household.id, HousingCase.case_type == case_type,
                HousingCase.status == CaseStatus.open,
            ).order_by(HousingCase.opened_at)).first()
            if case is None:
                why = override or recommendation.headline
                case = cases.open_case(
                    session, actor_id=actor_id, household_id=household.id, case_type=case_type,
                    reason=f"Front door triage: {why}",
                    assigned_officer_id=actor_id if assign_to_self else None,
                )
                opened = True
        # 4. the contact (with any s.213B referral) and the triage record
        earlier = None if referral is not None or new_household is not None else (
            _referral_since_last_triage(session, household.id))
        source = (referral.body_type if referral is not None
                  else earlier if earlier is not None else referral_source)
        row = _add_contact(session, actor_id=actor_id, household_id=household.id,
                           case_id=case.id if case else None, contact=contact,
                           occurred_at=occurred_at, advice_note=advice_note, referral=referral)
        if public_submission_id is not None:
            from logic.public.service import mark_taken  # logic.public builds on this module

            mark_taken(session, public_submission_id, actor_id, household.id, row.id,
                       case.id if case else None)
        record = TriageRecord(
            household_id=household.id, contact_id=row.id, case_id=case.id if case else None,
            recorded_by_id=actor_id,
            answers=json.dumps(answers.to_json_dict()),
            facts=json.dumps(recommendation.facts),
            determination=json.dumps(recommendation.determination.to_json_dict()),
            recommended_route=recommendation.route,
            recommendation=json.dumps(recommendation.to_json_dict()),
            chosen_route=chosen_route,
            override_reason=override or None,
            referral_source=source,
        )
        session.add(record)
        session.flush()
        record_audit(session, actor_id=actor_id, action="create", entity="triage_record",
                     entity_id=record.id, detail=f"{recommendation.route} -> {chosen_route}")
        if case is not None:
            chosen_label = triage.ROUTE_LABELS[chosen_route]
            summary = f"Front door triage by {contact.channel}: {chosen_label}"
            if chosen_route != recommendation.route:
                summary += f" (recommended: {triage.ROUTE_LABELS[recommendation.route]})"
            if referral is not None:
                summary += f"; {referral.describe()}"
            record_case_event(
                session, case_id=case.id, actor_id=actor_id, kind="front_door_triage",
                summary=summary,
                reason=override or " ".join(f"{r.text} ({r.citation})" for r in recommendation.reasons[:3]),
                changes={"route": (recommendation.route, chosen_route)}
                if chosen_route != recommendation.route else None,
            )
            if chosen_route == triage.EMERGENCY:
                record_case_event(
                    session, case_id=case.id, actor_id=actor_id, kind="emergency_at_front_door",
                    summary="Emergency at the front door: act today",
                    reason=" ".join(recommendation.actions_today),
                )
        # 5. safeguarding flags and signposting
        flag_ids = tuple(
            safeguarding.raise_flag_in(session, actor_id=actor_id, household_id=household.id,
                                       concern=concern, contact_id=row.id).id
            for concern in concerns
        )
        _add_signposting(session, actor_id=actor_id, directory=directory, contact=row,
                         service_ids=signposting)
        applicant_name = _applicant_name(session, household.id)
        outcome = IntakeOutcome(
            household_id=household.id, household_reference=household.reference, contact_id=row.id,
            triage_id=record.id, recommended_route=recommendation.route, chosen_route=chosen_route,
            case_id=case.id if case else None, case_reference=case.reference if case else None,
            case_opened=opened, flag_ids=flag_ids, signposting=tuple(signposting),
            email_text=advice_text(
                directory=directory, service_ids=list(signposting), applicant_name=applicant_name,
                officer_name=actor.full_name, council_name=settings().council_name,
                advice_note=advice_note,
            ) if (signposting or advice_note.strip()) else None,
            actions_today=tuple(
                a for a in recommendation.actions_today
                if opened or case is None or not a.startswith("Open a homelessness case")),
        )
    return outcome


def _referral_since_last_triage(session: Session, household_id: int) -> str | None:
    """The body of the latest s.213B referral received for the household since its last triage
    (a referral logged before the person could be reached), or None."""
    last_triage = session.exec(select(TriageRecord.recorded_at).where(
        TriageRecord.household_id == household_id).order_by(TriageRecord.recorded_at.desc())).first()
    query = select(ReferralReceived.body_type).where(ReferralReceived.household_id == household_id)
    if last_triage is not None:
        query = query.where(ReferralReceived.received_at > last_triage)
    return session.exec(query.order_by(ReferralReceived.received_at.desc(),
                                       ReferralReceived.id.desc())).first()


def _applicant_name(session: Session, household_id: int) -> str:
    applicant = session.exec(select(Person).where(
        Person.household_id == household_id, Person.relation == "applicant")).first()
    return f"{applicant.given_name} {applicant.family_name}" if applicant else "Sir or Madam"


# --- what triage recorded, for the assessment that follows --------------------------------


@dataclass(frozen=True)
class TriageFacts:
    """The latest triage on a case: the caller's answers and the engine facts built from them
    (``logic.front_door.triage.build_facts``), as the s.189A assessment starts from them."""

    triage_id: int
    recorded_on: date
    recorded_by: str
    answers: dict
    facts: dict


def triage_facts_for_case(session: Session, case_id: int) -> TriageFacts | None:
    """The triage that opened (or last touched) the case, or None when it came in another way.
    Read inside the caller's transaction: the caller has already checked who may see the case."""
    row = session.exec(select(TriageRecord).where(TriageRecord.case_id == case_id)
                       .order_by(TriageRecord.recorded_at.desc(), TriageRecord.id.desc())).first()
    if row is None:
        return None
    by = session.get(Officer, row.recorded_by_id)
    at = row.recorded_at if row.recorded_at.tzinfo else row.recorded_at.replace(tzinfo=UTC)
    return TriageFacts(row.id, at.astimezone(LONDON).date(), by.full_name if by else "an officer",
                       json.loads(row.answers), json.loads(row.facts))
