"""The public's side of the front door: send a self-assessment or a s.213B referral, and read
one's own summary once by its link (issue 18).

What the public app (``public_app.py``) calls, and all it may call: nothing here reads a
case, a household or anything an officer wrote. A submission is checked before anything is
written, and a refusal names the question in the words the public saw (:data:`FIELD_LABELS`):
every text within its column's limit (``logic.common.limits``, as the store checks it), every
choice a known code, at most ``members_max`` other people, the whole at most
``answers_max_chars`` characters, and every character one the summary's PDF can print.

Nothing here opens the council's store: a form is handed to the inbox folder
(``logic/public/inbox.py``, HEARTH_PUBLIC_INBOX), and the staff app takes it into the store the
next time an officer looks at the waiting list (``logic/public/service.py``). So the public app
holds no database credentials, and runs beside the staff app on the embedded DuckDB file.

A sender (one network address) may send ``submissions_per_source`` forms within
``counted_over_minutes`` (``data/policy/public.toml``), counted in the inbox under one lock;
the address is kept only as a salted SHA-256.

Each submission gets a random reference (``ON-`` and 8 letters) and a one-time link's token
(32 random bytes; only its SHA-256 is kept): :func:`summary_by_link` shows the person's own
summary once from the inbox's receipt, then the link is spent, and a spent link and a wrong one
get the same message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from logic import clock
from logic.clock import LONDON
from logic.common import codes, limits
from logic.common.codes import NEW, REFERRAL, SELF_ASSESSMENT
from logic.common.errors import FieldError, NotFound, Refused
from logic.common.postcodes import normalise_postcode
from logic.config import settings
from logic.front_door import triage
from logic.front_door.signposting import default_directory
from logic.law import policy_as_at
from logic.law.household import is_dependent_child
from logic.public.inbox import public_inbox
from logic.public.policy import PublicPolicy, public_policy
from logic.public.reading import (
    EmergencyContact,
    PublicReading,
    contacts_for,
    is_emergency,
    public_reading,
)

# The questions as the public pages ask them (pages/public/), so a refusal names the question.
FIELD_LABELS: dict[str, str] = {
    "person.given_name": "Your first name",
    "person.family_name": "Your last name",
    "person.dob": "Your date of birth",
    "person.sex": "Your sex",
    "person.pregnant": "Are you pregnant?",
    "members": "Who lives with you",
    "immigration_status": "Your immigration status",
    "accommodation_tonight": "Do you have somewhere safe to stay tonight?",
    "current_accommodation": "Where are you living now?",
    "likely_to_lose_home_on": "When do you think you will have to leave?",
    "section_21_served": "Has your landlord given you a notice to leave?",
    "section_21_expires_on": "When does the notice say you must leave?",
    "domestic_abuse": "Are you at risk of abuse if you stay where you are?",
    "disaster": "Has your home been damaged by fire, flood or another disaster?",
    "safeguarding_concern": "Are you worried that a child or an adult with you is at risk of harm?",
    "wants_to_move": "Do you want to move to a council or housing association home?",
    "story": "Anything else you want to tell us",
    "contact.phone": "Phone number",
    "contact.email": "Email address",
    "contact.address_line1": "Address line 1",
    "contact.address_line2": "Address line 2",
    "contact.town": "Town or city",
    "contact.postcode": "Postcode",
    "contact.best_way": "How should we contact you?",
    "consent": "Your agreement",
    "referral.body_type": "Kind of organisation",
    "referral.body_name": "Name of your organisation",
    "referral.referrer_name": "Your name",
    "referral.referrer_contact": "Your phone number or email",
    "referral.reason": "Why you are referring them",
    "referral.leaving_on": "Date they leave or are discharged (if known)",
    "referral.consent": "The person agrees to this referral",
    "answers": "Your answers",
    "link": "Link",
}
_MEMBER_LABELS = {"given_name": "first name", "family_name": "last name", "dob": "date of birth",
                  "sex": "sex", "relation": "relation to you", "pregnant": "pregnant"}
# the column behind each text question: its length in the schema is the limit (logic.common.limits)
_COLUMN_OF: dict[str, tuple[str, str]] = {
    "person.given_name": ("person", "given_name"),
    "person.family_name": ("person", "family_name"),
    "contact.phone": ("household", "phone"),
    "contact.email": ("household", "email"),
    "contact.address_line1": ("household", "address_line1"),
    "contact.address_line2": ("household", "address_line2"),
    "contact.town": ("household", "town"),
    "referral.body_name": ("public_submission", "body_name"),
    "referral.referrer_name": ("public_submission", "referrer_name"),
    "referral.referrer_contact": ("public_submission", "referrer_contact"),
}
STORY_LIMIT = 2000  # "anything else": a few paragraphs; the officer asks the rest
BEST_WAYS = codes.Vocabulary("how to contact someone", [
    ("phone", "Phone"), ("email", "Email"),
])

CONSENT_TEXT = (
    "I agree that the council may keep what I have told you and use it to help me with my "
    "housing. An officer may contact me using the details I have given. I understand this "
    "is not a decision and that the council will check what I have told it."
)
REFERRAL_CONSENT_TEXT = (
    "The person agrees to being referred to the council's housing options team and to their "
    "contact details being shared with it (Housing Act 1996 s.213B(3))."
)
LINK_REFUSED = "This link has been used or is not right. Your reference is still valid: call us and give it."

limits.name_fields("public_submission", {k.split(".", 1)[1]: v for k, v in FIELD_LABELS.items()
                                         if k.startswith("referral.")})


# --- what the public sends -------------------------------------------------------------


@dataclass(frozen=True)
class PersonAnswer:
    """The person themselves (relation "applicant") or someone who lives with them."""

    given_name: str
    family_name: str
    dob: date
    sex: str  # codes.SEXES
    relation: str = "applicant"  # codes.HOUSEHOLD_RELATIONS
    pregnant: bool = False


@dataclass(frozen=True)
class ContactAnswer:
    phone: str | None = None
    email: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    town: str | None = None
    postcode: str | None = None
    best_way: str = "phone"  # BEST_WAYS


@dataclass(frozen=True)
class SelfAssessment:
    """The self-assessment's answers: one question a page on the public app."""

    person: PersonAnswer
    immigration_status: str  # codes.IMMIGRATION_ANSWERS
    accommodation_tonight: bool
    members: tuple[PersonAnswer, ...] = ()
    current_accommodation: str | None = None  # codes.ACCOMMODATION_TYPES
    likely_to_lose_home_on: date | None = None
    section_21_served: bool = False
    section_21_expires_on: date | None = None
    domestic_abuse: bool = False
    disaster: str | None = None  # codes.EMERGENCIES
    safeguarding_concern: bool = False
    wants_to_move: bool = False
    story: str = ""

    def triage_answers(self, today: date) -> triage.TriageAnswers:
        """The answers as the front door's triage reads them (the officer's intake, pre-filled)."""
        return _triage_answers(self, today)


@dataclass(frozen=True)
class ReferralForm:
    """A referral under the s.213B duty to refer, by a public body, with the person's consent."""

    person: PersonAnswer
    contact: ContactAnswer
    body_type: str  # models.front_door.ReferringBody / codes.REFERRING_BODIES
    body_name: str
    referrer_name: str
    referrer_contact: str
    reason: str
    accommodation_tonight: bool
    consent: bool
    leaving_on: date | None = None  # release or discharge date
    domestic_abuse: bool = False
    members: tuple[PersonAnswer, ...] = ()


@dataclass(frozen=True)
class Summary:
    reference: str
    kind: str
    kind_label: str
    submitted_on: str  # "30 Nov 2026"
    lines: tuple[tuple[str, str], ...]  # (question, answer)
    reading: PublicReading | None


@dataclass(frozen=True)
class Receipt:
    reference: str
    one_time_link_token: str
    reading: PublicReading | None
    summary: Summary = field(repr=False)


# --- checks ----------------------------------------------------------------------------


def _error(field_code: str, problem: str) -> FieldError:
    return FieldError(field_code, problem, FIELD_LABELS)


def _text(value: str | None, field_code: str, *, required: bool = False, limit: int | None = None,
          what: str = "") -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise _error(field_code, what or "please answer this question")
        return None
    if limit is None:
        table, column = _COLUMN_OF[field_code]
        limit = limits.column_limit(table, column)
    if limit is not None and len(text) > limit:
        raise _error(field_code, f"please use at most {limit:,} characters (you used {len(text):,})")
    return text


def _choice(value: object, vocabulary: codes.Vocabulary, field_code: str) -> None:
    if value not in vocabulary:
        raise _error(field_code, "please choose one of the answers given")


def _check_dob(dob: object, field_code: str, today: date, label: str | None = None) -> None:
    problem = None
    if not isinstance(dob, date):
        problem = "please give a date of birth"
    elif dob > today:
        problem = "a date of birth cannot be in the future"
    elif dob.year < 1900:
        problem = "please check the year"
    if problem:
        raise FieldError(field_code, problem, FIELD_LABELS, label=label)


def _check_person(p: PersonAnswer, prefix: str, today: date, label: str | None = None) -> None:
    def named(key: str) -> str | None:
        return f"{label}: {_MEMBER_LABELS[key]}" if label else None

    for key in ("given_name", "family_name"):
        try:
            _text(getattr(p, key), f"person.{key}", required=True, what="please give a name")
        except FieldError as e:
            raise FieldError(f"{prefix}.{key}", e.problem, FIELD_LABELS, label=named(key)) from None
    _check_dob(p.dob, f"{prefix}.dob", today, named("dob"))
    if p.sex not in codes.SEXES:
        raise FieldError(f"{prefix}.sex", "please choose one of the answers given", FIELD_LABELS,
                         label=named("sex"))
    if p.relation not in codes.HOUSEHOLD_RELATIONS:
        raise FieldError(f"{prefix}.relation", "please choose one of the answers given",
                         FIELD_LABELS, label=named("relation"))
    if p.pregnant and p.sex == "M":
        raise FieldError(f"{prefix}.pregnant", "please check this answer", FIELD_LABELS,
                         label=named("pregnant"))


def _check_members(members: tuple[PersonAnswer, ...], policy: PublicPolicy, today: date) -> None:
    if len(members) > policy.members_max:
        raise _error("members", f"please tell us about at most {policy.members_max} people here; "
                                "we will ask about everyone else when we call you")
    for i, m in enumerate(members):
        if m.relation == "applicant":
            raise FieldError(f"members[{i}].relation", "please choose how they are related to you",
                             FIELD_LABELS, label=f"Person {i + 1} who lives with you: relation to you")
        _check_person(m, f"members[{i}]", today, label=f"Person {i + 1} who lives with you")


def _check_contact(c: ContactAnswer, *, need_a_way: bool) -> dict[str, Any]:
    out = {key: _text(getattr(c, key), f"contact.{key}")
           for key in ("phone", "email", "address_line1", "address_line2", "town")}
    if out["phone"] and not sum(ch.isdigit() for ch in out["phone"]) >= 6:
        raise _error("contact.phone", "please give a phone number with its area code")
    if out["email"] and ("@" not in out["email"] or "." not in out["email"].rsplit("@", 1)[-1]):
        raise _error("contact.email", "please give an email address like name@example.com")
    try:
        out["postcode"] = normalise_postcode(c.postcode, "contact.postcode")
    except FieldError:
        raise _error("contact.postcode", "please give a UK postcode, like AB1 2CD") from None
    _choice(c.best_way, BEST_WAYS, "contact.best_way")
    if need_a_way and not out.get(c.best_way):
        raise _error(f"contact.{c.best_way}", f"please give your {BEST_WAYS.label(c.best_way).lower()} "
                     "so we can contact you" if c.best_way == "phone" else
                     "please give your email address so we can contact you")
    out["best_way"] = c.best_way
    return out


def _check_printable(texts: list[tuple[str, str]]) -> None:
    """Every character must print in the summary's PDF (as letters refuse them: logic/pdf.py)."""
    from logic.pdf import drawable

    can = drawable()
    for field_code, text in texts:
        bad = next((ch for ch in text if ord(ch) not in can), None)
        if bad is not None:
            raise _error(field_code, f"please leave out the character {bad!r}: we cannot print it")


def _person_json(p: PersonAnswer) -> dict[str, Any]:
    return {**asdict(p), "given_name": p.given_name.strip(), "family_name": p.family_name.strip(),
            "dob": p.dob.isoformat()}


def _triage_answers(a: SelfAssessment, today: date) -> triage.TriageAnswers:
    law = policy_as_at(today)
    return triage.TriageAnswers(
        applicant_dob=a.person.dob, applicant_sex=a.person.sex,
        immigration_status=a.immigration_status, accommodation_tonight=a.accommodation_tonight,
        domestic_abuse=a.domestic_abuse, disaster=a.disaster,
        safeguarding_concern=a.safeguarding_concern, likely_to_lose_home_on=a.likely_to_lose_home_on,
        section_21_served=a.section_21_served, section_21_expires_on=a.section_21_expires_on,
        applicant_pregnant=a.person.pregnant,
        members=tuple(triage.MemberAnswer(
            relation=m.relation, dob=m.dob, sex=m.sex, pregnant=m.pregnant,
            dependent=is_dependent_child(m.relation, m.dob, today, law)) for m in a.members),
        wants_to_move=a.wants_to_move, current_accommodation=a.current_accommodation,
    )


def _check_self_assessment(a: SelfAssessment, today: date, policy: PublicPolicy) -> triage.TriageAnswers:
    _check_person(a.person, "person", today)
    _check_members(a.members, policy, today)
    _choice(a.immigration_status, codes.IMMIGRATION_ANSWERS, "immigration_status")
    if a.current_accommodation is not None:
        _choice(a.current_accommodation, codes.ACCOMMODATION_TYPES, "current_accommodation")
    if a.disaster is not None:
        _choice(a.disaster, codes.EMERGENCIES, "disaster")
    _text(a.story, "story", limit=STORY_LIMIT)
    answers = _triage_answers(a, today)
    try:
        triage.build_facts(answers, today)
    except FieldError as error:  # triage names the officer's question: name the public's
        code = error.field if error.field in FIELD_LABELS else error.field.split(".")[0]
        if code.startswith("applicant_"):
            code = "person." + code[len("applicant_"):]
        if code.startswith("members["):
            raise FieldError(error.field, error.problem, FIELD_LABELS,
                             label=f"Person {int(code[8:code.index(']')]) + 1} who lives with you") from None
        raise FieldError(code, error.problem, FIELD_LABELS) from None
    return answers


def preview_reading(answers: SelfAssessment, today: date | None = None) -> PublicReading:
    """What the answers suggest, before anything is sent (the result page): checked as a
    submission is, nothing written."""
    today = today or clock.today()
    policy = public_policy(today)
    triage_answers = _check_self_assessment(answers, today, policy)
    return _reading(triage_answers, today, policy)


def front_door_contacts(today: date) -> tuple[EmergencyContact, ...]:
    """Who to call now, shown first on the start page: 999, the council's out-of-hours line and
    the abuse helplines (all from data/policy/public.toml and the directory)."""
    return contacts_for(public_policy(today), default_directory(), nowhere_tonight=True, at_risk=True)


def _reading(answers: triage.TriageAnswers, today: date, policy: PublicPolicy) -> PublicReading:
    return public_reading(triage.recommend(answers, today), answers, policy, default_directory())


# --- the rate limit --------------------------------------------------------------------


def source_hash(source: str | None) -> str:
    """A salted SHA-256 of the sender's address (never the address itself)."""
    salt = settings().public_source_salt or ("hearth-public:" + settings().database_url)
    return hmac.new(salt.encode(), (source or "unknown").encode(), hashlib.sha256).hexdigest()


def _refuse_if_flooding(source: str, policy: PublicPolicy, now: datetime) -> None:
    """Count this form against its sender, or refuse it saying when to try again (checked and
    counted under one lock in the inbox, so two forms at once cannot both slip past)."""
    again = public_inbox().admit(source, now, policy.counted_over, policy.submissions_per_source)
    if again is not None:
        again = again.astimezone(LONDON)
        raise Refused(
            f"We have had {policy.submissions_per_source} forms from this connection in the last "
            f"{_minutes_words(policy.counted_over_minutes)}, which is as many as we take. Please "
            f"try again after {again:%H:%M} on {again.day} {again:%b %Y}. If you have nowhere to "
            f"stay tonight, call {policy.out_of_hours_phone} now.")


def _minutes_words(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return "hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


# --- writing -----------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _save(*, kind: str, answers_json: dict[str, Any], emergency: bool, consent_text: str,
          reading: PublicReading | None, reading_json: dict[str, Any], source: str | None,
          policy: PublicPolicy, referral: ReferralForm | None = None) -> tuple[str, str]:
    text = json.dumps(answers_json, ensure_ascii=False)
    if len(text) > policy.answers_max_chars:
        raise _error("answers", "there is too much here for an online form; please shorten "
                                "your answers or call us")
    token = secrets.token_urlsafe(32)
    hashed = source_hash(source)
    now = clock.now()
    _refuse_if_flooding(hashed, policy, now)
    inbox = public_inbox()
    reference = inbox.new_reference()
    # every column of the store's public_submission row (logic/models/public.py), as said
    record = {
        "reference": reference, "kind": kind, "submitted_at": now.isoformat(),
        "answers": text, "emergency": emergency, "consent_given": True,
        "consent_text": consent_text,
        "body_type": referral.body_type if referral else None,
        "body_name": referral.body_name.strip() if referral else None,
        "referrer_name": referral.referrer_name.strip() if referral else None,
        "referrer_contact": referral.referrer_contact.strip() if referral else None,
        "engine_reading": json.dumps(reading_json, ensure_ascii=False),
        "source_hash": hashed, "summary_token_hash": _token_hash(token), "status": NEW,
    }
    receipt = {"kind": kind, "submitted_at": now.isoformat(), "answers": answers_json,
               "reading": reading_json.get("reading")}
    inbox.deliver(reference, record, receipt, _token_hash(token))
    return reference, token


def submit_self_assessment(answers: SelfAssessment, contact: ContactAnswer, consent: bool,
                           source: str | None) -> Receipt:
    """Check and keep a self-assessment; the reference, the one-time link's token and what
    the answers suggest. Refused (FieldError naming the question, or Refused for a sender
    over the limit) before anything is written."""
    today = clock.today()
    policy = public_policy(today)
    triage_answers = _check_self_assessment(answers, today, policy)
    contact_json = _check_contact(contact, need_a_way=True)
    if not consent:
        raise _error("consent", "please tick the box to agree, so that we can keep your answers "
                                "and contact you")
    _check_printable(_texts(answers.person, answers.members, contact_json, answers.story))
    reading = _reading(triage_answers, today, policy)
    answers_json = {
        "person": _person_json(answers.person),
        "members": [_person_json(m) for m in answers.members],
        "contact": contact_json,
        "triage": triage_answers.to_json_dict(),
        "story": (answers.story or "").strip(),
    }
    reference, token = _save(
        kind=SELF_ASSESSMENT, answers_json=answers_json, emergency=reading.emergency,
        consent_text=CONSENT_TEXT, reading=reading,
        reading_json={"route": reading.route, "headline": reading.headline,
                      "reading": reading.to_json_dict()},
        source=source, policy=policy)
    summary = _summary(reference, SELF_ASSESSMENT, clock.now(), answers_json, reading)
    return Receipt(reference, token, reading, summary)


def _texts(person: PersonAnswer, members, contact_json: dict[str, Any], *more: str) -> list[tuple[str, str]]:
    texts = [("person.given_name", person.given_name), ("person.family_name", person.family_name)]
    for i, m in enumerate(members):
        texts += [(f"members[{i}].given_name", m.given_name), (f"members[{i}].family_name", m.family_name)]
    texts += [(f"contact.{k}", v) for k, v in contact_json.items() if isinstance(v, str)]
    texts += [("story", t) for t in more if t]
    return texts


def _referral_triage(r: ReferralForm) -> dict[str, Any]:
    return triage.TriageAnswers(
        applicant_dob=r.person.dob, applicant_sex=r.person.sex,
        immigration_status=codes.NOT_KNOWN, accommodation_tonight=r.accommodation_tonight,
        domestic_abuse=r.domestic_abuse, likely_to_lose_home_on=r.leaving_on,
        applicant_pregnant=r.person.pregnant,
    ).to_json_dict()


def submit_referral(referral: ReferralForm, source: str | None) -> Receipt:
    """Check and keep a s.213B referral from a public body (the person's consent is required:
    s.213B(3)); the reference and the one-time link's token for the referrer."""
    r = referral
    today = clock.today()
    policy = public_policy(today)
    _choice(r.body_type, codes.REFERRING_BODIES, "referral.body_type")
    body_name = _text(r.body_name, "referral.body_name", required=True,
                      what="please name your organisation")
    referrer_name = _text(r.referrer_name, "referral.referrer_name", required=True,
                          what="please give your name")
    referrer_contact = _text(r.referrer_contact, "referral.referrer_contact", required=True,
                             what="please give a phone number or email we can reach you on")
    if not r.consent:
        raise _error("referral.consent", "a referral can be made only with the person's agreement "
                                         "(Housing Act 1996 s.213B(3)); please ask them first")
    _check_person(r.person, "person", today)
    _check_members(r.members, policy, today)
    reason = _text(r.reason, "referral.reason", required=True, limit=STORY_LIMIT,
                   what="please say in a sentence or two why they may be homeless")
    if r.leaving_on is not None and r.leaving_on < today - timedelta(days=366):
        raise _error("referral.leaving_on", "is more than a year ago; please check the date")
    contact_json = _check_contact(r.contact, need_a_way=False)
    _check_printable(_texts(r.person, r.members, contact_json, reason)
                     + [("referral.body_name", body_name), ("referral.referrer_name", referrer_name),
                        ("referral.referrer_contact", referrer_contact)])
    triage_json = _referral_triage(r)
    emergency = not r.accommodation_tonight or r.domestic_abuse
    answers_json = {
        "person": _person_json(r.person),
        "members": [_person_json(m) for m in r.members],
        "contact": contact_json,
        "triage": triage_json,
        "referral": {"body_type": r.body_type, "body_name": body_name,
                     "referrer_name": referrer_name, "referrer_contact": referrer_contact,
                     "reason": reason, "accommodation_tonight": r.accommodation_tonight,
                     "leaving_on": r.leaving_on.isoformat() if r.leaving_on else None,
                     "domestic_abuse": r.domestic_abuse},
        "story": reason,
    }
    reference, token = _save(
        kind=REFERRAL, answers_json=answers_json, emergency=emergency,
        consent_text=REFERRAL_CONSENT_TEXT, reading=None,
        reading_json={"route": None, "headline": "Referral received: an officer will contact the person."},
        source=source, policy=policy, referral=r)
    summary = _summary(reference, REFERRAL, clock.now(), answers_json, None)
    return Receipt(reference, token, None, summary)


# --- the summary, once by its link ---------------------------------------------------------


def short_date(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _yes(value: object) -> str:
    return "Yes" if value else "No"


def _day(raw: str | None) -> str:
    return short_date(date.fromisoformat(raw)) if raw else "Not given"


def _summary_lines(kind: str, a: dict[str, Any]) -> list[tuple[str, str]]:
    p = a["person"]
    lines = [("Name", f"{p['given_name']} {p['family_name']}"),
             ("Date of birth", _day(p["dob"]))]
    for i, m in enumerate(a.get("members", [])):
        lines.append((f"Lives with them ({i + 1})",
                      f"{m['given_name']} {m['family_name']}, "
                      f"{codes.HOUSEHOLD_RELATIONS.label(m['relation']).lower()}, born {_day(m['dob'])}"))
    c = a["contact"]
    address = ", ".join(x for x in (c.get("address_line1"), c.get("address_line2"), c.get("town"),
                                    c.get("postcode")) if x)
    lines += [("Address", address or "Not given"), ("Phone", c.get("phone") or "Not given"),
              ("Email", c.get("email") or "Not given")]
    t = a["triage"]
    if kind == SELF_ASSESSMENT:
        lines += [
            (FIELD_LABELS["accommodation_tonight"], _yes(t["accommodation_tonight"])),
            (FIELD_LABELS["current_accommodation"],
             codes.ACCOMMODATION_TYPES.get(t.get("current_accommodation"), "Not given")),
            (FIELD_LABELS["likely_to_lose_home_on"], _day(t.get("likely_to_lose_home_on"))),
            (FIELD_LABELS["section_21_served"], _yes(t["section_21_served"])),
            (FIELD_LABELS["domestic_abuse"], _yes(t["domestic_abuse"])),
            (FIELD_LABELS["disaster"], codes.EMERGENCIES.get(t.get("disaster"), "No")),
            (FIELD_LABELS["immigration_status"], codes.IMMIGRATION_ANSWERS.label(t["immigration_status"])),
            (FIELD_LABELS["wants_to_move"], _yes(t["wants_to_move"])),
        ]
        if a.get("story"):
            lines.append((FIELD_LABELS["story"], a["story"]))
    else:
        r = a["referral"]
        lines += [
            ("Referred by", f"{r['referrer_name']}, {r['body_name']} "
                            f"({codes.REFERRING_BODIES.label(r['body_type'])})"),
            ("Referrer's contact", r["referrer_contact"]),
            ("Why they are referred", r["reason"]),
            ("Somewhere safe to stay tonight", _yes(r["accommodation_tonight"])),
            ("Leaves or is discharged on", _day(r.get("leaving_on"))),
        ]
    return lines


def _summary(reference: str, kind: str, submitted_at: datetime, answers_json: dict[str, Any],
             reading: PublicReading | None) -> Summary:
    return Summary(reference=reference, kind=kind,
                   kind_label=codes.PUBLIC_SUBMISSION_KINDS.label(kind),
                   submitted_on=short_date(submitted_at.astimezone(LONDON).date()),
                   lines=tuple(_summary_lines(kind, answers_json)), reading=reading)


def summary_by_link(reference: str, token: str) -> Summary:
    """The person's own summary, once: the link is spent as it is read. A spent, wrong or
    unknown link gets the same refusal (nothing tells which references exist)."""
    reference = (reference or "").strip().upper()
    kept = public_inbox().spend_receipt(reference, _token_hash(token or ""))
    if kept is None:
        raise NotFound(LINK_REFUSED)
    shown = kept.get("reading")
    return _summary(reference, kept["kind"], datetime.fromisoformat(kept["submitted_at"]),
                    kept["answers"], PublicReading.from_json_dict(shown) if shown else None)


def summary_pdf(summary: Summary) -> bytes:
    """The summary as a PDF the person can keep (laid out by logic/pdf.py, as letters are)."""
    from logic.pdf import Bullets, Heading, LetterDocument, Paragraph, Table, render_letter

    blocks: list = []
    r = summary.reading
    if r is not None:
        if r.emergency_contacts:
            blocks.append(Heading("If you need help now"))
            blocks.append(Bullets(tuple(f"{c.name}: {c.phone}. {c.when}" for c in r.emergency_contacts)))
        blocks.append(Heading("What your answers suggest"))
        blocks.append(Paragraph(r.headline, bold=True))
        blocks += [Paragraph(t) for t in r.explanation]
        blocks.append(Paragraph(r.not_a_decision, bold=True))
    blocks.append(Heading("What you told us"))
    blocks.append(Table(("Question", "Your answer"), tuple(summary.lines), (2, 3)))
    document = LetterDocument(
        council_name=settings().council_name,
        reference_lines=(f"Your reference: {summary.reference}",),
        date_text=summary.submitted_on, addressee_lines=(), title=summary.kind_label,
        blocks=tuple(blocks), subject=f"{summary.kind_label} {summary.reference}",
        author=settings().council_name)
    return render_letter(document).data


__all__ = [
    "CONSENT_TEXT", "REFERRAL_CONSENT_TEXT", "LINK_REFUSED", "FIELD_LABELS", "BEST_WAYS",
    "PersonAnswer", "ContactAnswer", "SelfAssessment", "ReferralForm", "Receipt", "Summary",
    "EmergencyContact", "PublicReading", "is_emergency", "preview_reading", "front_door_contacts", "submit_self_assessment",
    "submit_referral", "summary_by_link", "summary_pdf", "source_hash", "short_date",
]
