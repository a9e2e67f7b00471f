"""The staff side of the public front door (issue 18): the online self-assessments and s.213B
referrals waiting at the front door, one rebuilt for an intake, taken or closed.

Whoever may take an intake (:func:`may_take_submissions`: officers, seniors, managers) sees the
waiting list and opens a submission. What a submission says was said by the applicant or the
referrer and is not yet checked: :func:`submission_for_intake` rebuilds it as the intake's own
pieces (``TriageAnswers``, ``NewHousehold`` of ``PersonDetails``, ``ContactDetails``,
``ReferralDetails``: ``logic/front_door/service.py``) so the intake screen is pre-filled and
nothing is typed again; the officer checks for duplicates and completes the intake, which
calls :func:`mark_taken` inside its own transaction. A duplicate or a withdrawn submission is
closed with :func:`close_submission`. Every opening, taking and closing is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from logic import clock
from logic.common import codes, limits
from logic.common.errors import FieldError, NotFound, PermissionDenied, Refused, StaleRecord
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit, record_case_event, record_view
from logic.db import session_scope
from logic.front_door import triage
from logic.front_door.households import PersonDetails, next_id
from logic.front_door.service import INTAKE_ROLES, ContactDetails, NewHousehold, ReferralDetails
from logic.models import Officer
from logic.models.public import (
    CLOSED_DUPLICATE,
    CLOSED_WITHDRAWN,
    NEW,
    REFERRAL,
    SELF_ASSESSMENT,
    TAKEN,
    PublicSubmission,
)
from logic.public.inbox import Delivered, public_inbox
from logic.public.submit import _summary_lines

FIELD_LABELS = {
    "reason": "Why it is closed",
    "note": "Note",
    "page": "Page",
}
CLOSE_REASONS = {"duplicate": CLOSED_DUPLICATE, "withdrawn": CLOSED_WITHDRAWN}
PER_PAGE_MAX = 100
SAID_NOT_CHECKED = "Said by the applicant, not yet checked"
SAID_BY_REFERRER = "Said by the referrer, not yet checked"


def may_take_submissions(officer: Actor) -> Permission:
    """The online submissions are intakes waiting to be taken: whoever takes intakes sees them
    (officers, seniors, managers; the Intake screen's roles)."""
    if officer.role in INTAKE_ROLES:
        return allowed("An officer takes the online self-assessments and referrals into triage.")
    if officer.role == codes.ROLES.entry("trainee").code:
        return refused("A trainee does not take intakes, so does not open the online submissions.")
    return refused("An administrator account does not open what the public sent.")


@dataclass(frozen=True)
class SubmissionGlance:
    id: int
    reference: str
    kind: str
    kind_label: str
    name: str
    submitted_at: datetime
    emergency: bool
    referred_by: str | None  # the body's label and name, for a referral


@dataclass(frozen=True)
class SubmissionForIntake:
    id: int
    reference: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    submitted_at: datetime
    emergency: bool
    said_by: str  # "Said by the applicant, not yet checked" (or the referrer)
    answers: triage.TriageAnswers  # triage's answers, as said
    new_household: NewHousehold  # the applicant first, then who lives with them; address, phone
    contact: ContactDetails  # channel "online", occurred when it was sent
    referral: ReferralDetails | None
    said: tuple[tuple[str, str], ...]  # every answer as (question, answer), to show as said
    reading_headline: str | None  # what the public was shown
    best_way: str | None
    version: int


def _actor(session: Session, actor_id: int) -> Officer:
    actor = session.get(Officer, actor_id)
    if actor is None or not actor.active:
        raise PermissionDenied("Your account is not active.")
    may_take_submissions(actor).require()
    return actor


def _name(answers: dict) -> str:
    p = answers.get("person", {})
    return f"{p.get('given_name', '')} {p.get('family_name', '')}".strip()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- taking the public app's forms in from the inbox ----------------------------------------

_SENT_ONLINE = {SELF_ASSESSMENT: "self-assessment sent online", REFERRAL: "referral sent online"}
_TEXT_COLUMNS = ("reference", "kind", "answers", "consent_text", "body_type", "body_name",
                 "referrer_name", "referrer_contact", "engine_reading", "source_hash",
                 "summary_token_hash", "status")


def _row_from(form: Delivered) -> PublicSubmission:
    """The store's row for a form as the public app wrote it; ValueError for anything that is
    not what the public app writes (the form is then set aside, never half taken)."""
    r = form.record
    try:
        if r["reference"] != form.reference or r["kind"] not in _SENT_ONLINE or r["status"] != NEW:
            raise ValueError("not a new form of a known kind under its own reference")
        for column in _TEXT_COLUMNS:
            value = r[column]
            if value is None and column in ("body_type", "body_name", "referrer_name",
                                            "referrer_contact"):
                continue
            if not isinstance(value, str):
                raise ValueError(f"{column} is not text")
            limit = limits.column_limit("public_submission", column)
            if limit is not None and len(value) > limit:
                raise ValueError(f"{column} is longer than {limit} characters")
        answers, reading = json.loads(r["answers"]), json.loads(r["engine_reading"])
        if not isinstance(answers, dict) or not isinstance(reading, dict) or "triage" not in answers:
            raise ValueError("answers or reading are not a form's")
        submitted_at = datetime.fromisoformat(r["submitted_at"])
        if submitted_at.tzinfo is None or not isinstance(r["emergency"], bool) \
                or r["consent_given"] is not True:
            raise ValueError("when, emergency or consent is not as sent")
    except KeyError as missing:
        raise ValueError(f"{missing} is missing") from None
    except TypeError as wrong:
        raise ValueError(str(wrong)) from None
    return PublicSubmission(
        reference=r["reference"], kind=r["kind"], submitted_at=submitted_at, answers=r["answers"],
        emergency=r["emergency"], consent_given=True, consent_text=r["consent_text"],
        body_type=r["body_type"], body_name=r["body_name"], referrer_name=r["referrer_name"],
        referrer_contact=r["referrer_contact"], engine_reading=r["engine_reading"],
        source_hash=r["source_hash"], summary_token_hash=r["summary_token_hash"], status=NEW)


def take_in_from_inbox() -> list[str]:
    """Take every form waiting in the public app's inbox into the store, in one transaction,
    each with an audit row (no officer: the public sent it); then the inbox copies go. A form
    already in the store (another staff process took it a moment ago) is not taken twice, and a
    form that is not what the public app writes is set aside (``rejected/``), never crashing
    the list. The references taken in."""
    inbox = public_inbox()
    forms = []
    for form in inbox.waiting():
        try:
            forms.append((form, _row_from(form)))
        except ValueError as why:
            inbox.set_aside(form.reference, str(why))
    if not forms:
        return []
    for attempt in (1, 2):
        try:
            with session_scope() as session:
                have = set(session.exec(select(PublicSubmission.reference).where(
                    PublicSubmission.reference.in_([f.reference for f, _ in forms]))).all())
                taken = []
                for form, row in forms:
                    if form.reference in have:
                        continue
                    row.id = next_id(session, "public_submission_id_seq")
                    session.add(row)
                    session.flush()
                    record_audit(session, actor_id=None, action="create", entity="public_submission",
                                 entity_id=row.id, detail=_SENT_ONLINE[row.kind])
                    taken.append(form.reference)
            break
        except IntegrityError:
            if attempt == 2:
                raise
            forms = [(f, _row_from(f)) for f, _ in forms]  # fresh rows; the race's winner has them
    for form, _ in forms:
        inbox.taken_in(form.reference)
    return taken


def waiting_submissions(actor_id: int, page: int = 1, per_page: int = 25,
                        opening: str | None = None) -> list[SubmissionGlance]:
    """The submissions no officer has taken or closed yet: emergencies first, then oldest first.
    Audited as a view, once an opening of the screen showing them (the intake screen reruns on
    every click of a call it is taking)."""
    if page < 1:
        raise FieldError("page", "must be 1 or more", FIELD_LABELS)
    per_page = max(1, min(per_page, PER_PAGE_MAX))
    take_in_from_inbox()
    with session_scope() as session:
        _actor(session, actor_id)
        rows = session.exec(
            select(PublicSubmission).where(PublicSubmission.status == NEW)
            .order_by(PublicSubmission.emergency.desc(), PublicSubmission.submitted_at,
                      PublicSubmission.id)
            .offset((page - 1) * per_page).limit(per_page)
        ).all()
        record_view(session, actor_id=actor_id, entity="public_submission", opening=opening,
                    detail=f"online submissions waiting: page {page}, {len(rows)} shown")
        out = []
        for row in rows:
            answers = json.loads(row.answers)
            referred_by = (f"{codes.REFERRING_BODIES.get(row.body_type, row.body_type)}: {row.body_name}"
                           if row.kind == REFERRAL else None)
            out.append(SubmissionGlance(
                id=row.id, reference=row.reference, kind=row.kind,
                kind_label=codes.PUBLIC_SUBMISSION_KINDS.label(row.kind), name=_name(answers),
                submitted_at=_aware(row.submitted_at), emergency=row.emergency,
                referred_by=referred_by))
    return out


def _day(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def triage_answers_from_json(raw: dict) -> triage.TriageAnswers:
    """TriageAnswers from ``TriageAnswers.to_json_dict()``'s shape."""
    values = dict(raw)
    for key in ("applicant_dob", "likely_to_lose_home_on", "section_21_expires_on"):
        values[key] = _day(values.get(key))
    values["vulnerability"] = tuple(values.get("vulnerability") or ())
    values["members"] = tuple(triage.MemberAnswer(**{**m, "dob": date.fromisoformat(m["dob"])})
                              for m in values.get("members") or ())
    known = triage.TriageAnswers.__dataclass_fields__
    return triage.TriageAnswers(**{k: v for k, v in values.items() if k in known})


def _person(raw: dict, phone: str | None = None, email: str | None = None) -> PersonDetails:
    return PersonDetails(relation=raw["relation"], given_name=raw["given_name"],
                         family_name=raw["family_name"], dob=date.fromisoformat(raw["dob"]),
                         sex=raw["sex"], pregnant=bool(raw.get("pregnant")), phone=phone, email=email)


def _rebuild(row: PublicSubmission) -> SubmissionForIntake:
    answers = json.loads(row.answers)
    contact = answers.get("contact", {})
    people = [_person(answers["person"], contact.get("phone"), contact.get("email"))]
    people += [_person(m) for m in answers.get("members", [])]
    household = NewHousehold(
        people=people, address_line1=contact.get("address_line1"),
        address_line2=contact.get("address_line2"), town=contact.get("town"),
        postcode=contact.get("postcode"), phone=contact.get("phone"), email=contact.get("email"))
    submitted_at = _aware(row.submitted_at)
    kind_label = codes.PUBLIC_SUBMISSION_KINDS.label(row.kind)
    referral = None
    if row.kind == REFERRAL:
        r = answers["referral"]
        referral = ReferralDetails(body_type=row.body_type, body_name=row.body_name,
                                   consent_given=row.consent_given, referrer_name=row.referrer_name,
                                   referrer_contact=row.referrer_contact, received_at=submitted_at)
        summary = f"{kind_label} {row.reference}: {r['reason']}"
    else:
        story = answers.get("story") or ""
        summary = f"{kind_label} {row.reference}" + (f": {story}" if story else "")
    reading = json.loads(row.engine_reading)
    return SubmissionForIntake(
        id=row.id, reference=row.reference, kind=row.kind, kind_label=kind_label,
        status=row.status, status_label=codes.PUBLIC_SUBMISSION_STATUSES.label(row.status),
        submitted_at=submitted_at, emergency=row.emergency,
        said_by=SAID_BY_REFERRER if row.kind == REFERRAL else SAID_NOT_CHECKED,
        answers=triage_answers_from_json(answers["triage"]), new_household=household,
        contact=ContactDetails(channel="online", summary=summary, occurred_at=submitted_at),
        referral=referral, said=tuple(_summary_lines(row.kind, answers)),
        reading_headline=reading.get("headline"), best_way=contact.get("best_way"),
        version=row.version,
    )


def submission_for_intake(actor_id: int, submission_id: int, opening: str | None = None) -> SubmissionForIntake:
    """One submission rebuilt as the intake's pieces, to pre-fill the intake. Audited as a view
    (once an opening of the screen, as every record's view)."""
    with session_scope() as session:
        _actor(session, actor_id)
        row = session.get(PublicSubmission, submission_id)
        if row is None:
            raise NotFound(f"Online submission {submission_id} does not exist.")
        record_view(session, actor_id=actor_id, entity="public_submission", entity_id=row.id,
                    opening=opening)
        return _rebuild(row)


def _taken_words(session: Session, row: PublicSubmission) -> str:
    who = session.get(Officer, row.taken_by_id) if row.taken_by_id else None
    when = _aware(row.taken_at).astimezone(clock.LONDON) if row.taken_at else None
    status = codes.PUBLIC_SUBMISSION_STATUSES.words(row.status)
    by = f" by {who.full_name}" if who else ""
    on = f" on {when.day} {when:%b %Y}" if when else ""
    return f"Online submission {row.reference} is already {status}{by}{on}."


def _claim(session: Session, row: PublicSubmission, values: dict) -> None:
    """Move a new submission on, or refuse: someone else may have taken or closed it since."""
    done = session.execute(update(PublicSubmission).where(
        PublicSubmission.id == row.id, PublicSubmission.status == NEW,
        PublicSubmission.version == row.version,
    ).values(version=row.version + 1, **values)).rowcount
    if done != 1:
        session.refresh(row)
        if row.status != NEW:
            raise Refused(_taken_words(session, row))
        raise StaleRecord(f"Online submission {row.reference} was changed by someone else; open it again.")


def mark_taken(session: Session, submission_id: int, actor_id: int, household_id: int,
               contact_id: int, case_id: int | None = None) -> None:
    """Inside the intake's transaction: the submission became this household's contact (and, if
    the intake opened or joined one, is recorded on its case's history)."""
    _actor(session, actor_id)
    row = session.get(PublicSubmission, submission_id)
    if row is None:
        raise NotFound(f"Online submission {submission_id} does not exist.")
    if row.status != NEW:
        raise Refused(_taken_words(session, row))
    _claim(session, row, {"status": TAKEN, "taken_by_id": actor_id, "taken_at": clock.now(),
                          "household_id": household_id, "contact_id": contact_id})
    record_audit(session, actor_id=actor_id, action="update", entity="public_submission",
                 entity_id=row.id, detail=f"{row.reference} taken into an intake (contact {contact_id})")
    if case_id is not None:
        record_case_event(session, case_id=case_id, actor_id=actor_id, kind="online_submission_taken",
                          summary=f"{codes.PUBLIC_SUBMISSION_KINDS.label(row.kind)} {row.reference} "
                                  "taken into the intake")


def close_submission(actor_id: int, submission_id: int, reason: str, note: str = "") -> None:
    """Close a submission no intake will come from: a duplicate of one already taken (or of a
    household's contact), or withdrawn by the person. Audited with the reason."""
    if reason not in CLOSE_REASONS:
        raise FieldError("reason", "choose a duplicate or withdrawn", FIELD_LABELS)
    note = (note or "").strip()
    if len(note) > 2000:
        raise FieldError("note", "at most 2,000 characters", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        row = session.get(PublicSubmission, submission_id)
        if row is None:
            raise NotFound(f"Online submission {submission_id} does not exist.")
        if row.status != NEW:
            raise Refused(_taken_words(session, row))
        status = CLOSE_REASONS[reason]
        _claim(session, row, {"status": status, "taken_by_id": actor_id, "taken_at": clock.now(),
                              "closed_reason": note or None})
        record_audit(session, actor_id=actor_id, action="update", entity="public_submission",
                     entity_id=row.id,
                     detail=f"{row.reference} {codes.PUBLIC_SUBMISSION_STATUSES.words(status)}"
                            + (f": {note}" if note else ""))
