"""Subject access (UK GDPR art.15; Data Protection Act 2018 s.45 and Sch 2-3 for the
exemptions): everything Hearth holds about one person, as one zip.

The person is named by the reference an officer reads or types (:func:`find_person`):
- a household's reference (``HH-000123``), a case's as printed on its letters (``HL-000204``,
  ``HR-``, ``AD-``) or a letter's number (``L-000045``): the household's applicant;
- any of these followed by ``-P`` and the person's record number (``HH-000123-P45``, or the
  H-CLIC people file's ``HL-000204-P45``): that member of the household.

The same person may be recorded in more than one household (a child grown up and applying in
their own right, a partner who moved on): every person record with the same given name, family
name and date of birth (the intake's test for a duplicate) is read too, and each such household is
marked for the reviewer to check it is the same person.

What is held about them is found from the schema itself (:func:`held_records`), not from a list
that could fall behind it: every table with a household, case or person column, read for the
person's household, its cases and its members; and every table that hangs off one of those by a
foreign key and has no such column of its own (a plan step's status, a review's decision, a
safeguarding referral). The audit rows about any of those records say who viewed (or changed)
them and when. The tables deliberately left out are :data:`LEFT_OUT`, each with why.

Other people's data in the same records is not removed: it is marked for the data protection
officer's redaction review (:class:`RedactionMark`): the other members of the household, free
text naming one of them, details of a third party, and safeguarding records (which may fall
under the serious harm exemption).

Each export writes one audit row (who, when, which person, how many records), in the same
transaction as the reads. Only a manager exports (:func:`may_export_subject_access`).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, and_, or_
from sqlalchemy import select as select_rows
from sqlmodel import Session, SQLModel, select

from logic import clock, config
from logic.common import codes
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit
from logic.db import session_scope
from logic.letters.compose import letter_number
from logic.models import AuditLog, Household, HousingCase, Officer, Person, Role
from logic.models.letters import IssuedLetter

FIELD_LABELS = {"person": "Person's reference"}

# A household, case or letter reference, optionally followed by -P and a person's record number.
_REFERENCE = re.compile(r"^(?P<base>(?:HH|HL|HR|AD)-\d{1,9}|L-\d{1,9})(?:-P(?P<person>\d{1,12}))?$")

# Columns that tie a row to the person's household, cases or members (by name: some carry no
# foreign key, see logic.models.core on DuckDB's updated columns).
HOUSEHOLD_COLUMNS = frozenset({"household_id"})
CASE_COLUMNS = frozenset({"case_id", "let_case_id"})
PERSON_COLUMNS = frozenset({"person_id"})

# Tables never read for a subject access export, and why. Every other table with a household,
# case or person column is read (a test holds the two lists to the schema).
LEFT_OUT: dict[str, str] = {
    # officers are the council's staff, not the subject; their names appear beside each record
    "officer": "officers' own accounts: staff data, not the subject's",
    "login_session": "officers' sign-in sessions: staff data, not the subject's",
    "officer_absence": "officers' absences: staff data",
    "competency_record": "officers' competency levels: staff data",
    "practice_attempt": "training on fictional practice cases: no real person's data",
    "hclic_export": "a quarter's return as a whole (counts and a checksum): no one person's data",
    # read separately: the audit rows about the person's records are the "who viewed" section
    "audit_log": "read on its own, as who viewed or changed the person's records",
}

# audit_log.entity names the record's table, except a case ("case", table `cases`)
_AUDIT_ENTITY = {"cases": "case"}
VIEW_ACTIONS = frozenset({"view", "download", "view_refused"})

# Free-text fields that name a third party (not an officer, not the household)
THIRD_PARTY_FIELDS = {
    ("referral_received", "referrer_name"): "names the person who made the referral (a third party)",
    ("referral_received", "referrer_contact"): "the referrer's contact details (a third party)",
    ("contact", "referral_from"): "names who referred the household (a third party)",
    ("safeguarding_referral", "referred_to"): "names the agency or person a concern was referred to",
    ("safeguarding_referral", "reference"): "another agency's reference",
    ("letting_advert", "shortlist_json"): "the shortlist for the home names other applicants",
}
SAFEGUARDING_TABLES = frozenset({"safeguarding_flag", "safeguarding_referral"})


# --- who may export ---------------------------------------------------------------------------

def may_export_subject_access(officer: Actor) -> Permission:
    """A subject access export holds everything about a person, across every case and the
    audit trail: it is the manager's, who answers for the council's reply (UK GDPR art.15)."""
    if officer.role == Role.manager:
        return allowed("A manager answers subject access requests.")
    return refused("Only a manager exports what Hearth holds about a person (a subject access request).")


# --- finding the person -----------------------------------------------------------------------

@dataclass(frozen=True)
class Subject:
    person_id: int
    reference: str  # "HH-000123-P45"
    name: str
    dob: date
    relation: str  # the label ("Applicant")
    household_id: int
    household_reference: str
    left_on: date | None


def person_reference(household_reference: str, person_id: int) -> str:
    return f"{household_reference}-P{person_id}"


def _household_for(session: Session, base: str) -> int | None:
    if base.startswith("HH-"):
        return session.exec(select(Household.id).where(Household.reference == base)).first()
    if base.startswith("L-"):
        return session.exec(
            select(HousingCase.household_id).join(IssuedLetter, IssuedLetter.case_id == HousingCase.id)
            .where(IssuedLetter.id == int(base[2:]))).first()
    prefix, number = base.split("-")
    reference = f"{prefix}-{int(number):06d}"
    return session.exec(select(HousingCase.household_id).where(HousingCase.reference == reference)
                        ).first()


def _subject(session: Session, reference: str) -> tuple[Subject, Person]:
    typed = re.sub(r"\s+", "", (reference or "").upper())
    found = _REFERENCE.match(typed)
    if found is None:
        raise FieldError("person", "give a household reference (HH-000123), a case reference (HL-000204), "
                         "a letter number (L-000045), or one of these followed by -P and the person's "
                         "number (HH-000123-P45)", FIELD_LABELS)
    base = found["base"]
    if base.startswith("HH-"):
        base = f"HH-{int(base[3:]):06d}"
    household_id = _household_for(session, base)
    if household_id is None:
        raise NotFound(f"No household, case or letter has the reference {base}.")
    if found["person"] is not None:
        person = session.get(Person, int(found["person"]))
        if person is None or person.household_id != household_id:
            raise NotFound(f"No person P{found['person']} is recorded in the household of {base}.")
    else:
        members = session.exec(select(Person).where(Person.household_id == household_id,
                                                    Person.relation == "applicant")
                               .order_by(Person.left_on.is_not(None), Person.id)).all()
        if not members:
            raise NotFound(f"The household of {base} has no applicant recorded.")
        person = members[0]
    household = session.get(Household, household_id)
    return Subject(
        person_id=person.id, reference=person_reference(household.reference, person.id),
        name=f"{person.given_name} {person.family_name}", dob=person.dob,
        relation=codes.HOUSEHOLD_RELATIONS.get(person.relation, "Member"), household_id=household_id,
        household_reference=household.reference, left_on=person.left_on), person


def find_person(*, reference: str) -> Subject:
    """The person a reference names (see the module's docstring); nothing is audited: this
    reads only who the reference is, as a search does before a record is opened."""
    with session_scope() as session:
        return _subject(session, reference)[0]


def household_members(*, household_reference: str, actor_id: int) -> list[Subject]:
    """The members of a household (current and past), each with their person reference, for
    the manager to choose whose request it is. Listing them is audited as opening the household."""
    with session_scope() as session:
        _require_manager(session, actor_id)
        subject, _person = _subject(session, household_reference)
        people = session.exec(select(Person).where(Person.household_id == subject.household_id)
                              .order_by(Person.left_on.is_not(None), Person.id)).all()
        record_audit(session, actor_id=actor_id, action="view", entity="household", entity_id=subject.household_id,
                     detail="subject access: the household's members listed")
        return [Subject(p.id, person_reference(subject.household_reference, p.id),
                        f"{p.given_name} {p.family_name}", p.dob,
                        codes.HOUSEHOLD_RELATIONS.get(p.relation, "Member"), subject.household_id,
                        subject.household_reference, p.left_on) for p in people]


def _require_manager(session: Session, actor_id: int) -> Officer:
    officer = session.get(Officer, actor_id)
    if officer is None or not officer.active:
        raise PermissionDenied("Your account is not active.")
    permission = may_export_subject_access(officer)
    if not permission:
        # the caller's transaction rolls back with the refusal: the attempt is recorded on its own
        with session_scope() as audit_session:
            record_audit(audit_session, actor_id=actor_id, action="view_refused", entity="person",
                         detail="subject access refused")
        raise PermissionDenied(permission.reason)
    return officer


# --- what is held -----------------------------------------------------------------------------

def _tables() -> list[Table]:
    import logic.models  # noqa: F401  (every table registered)

    return list(SQLModel.metadata.sorted_tables)


def _direct_columns(table: Table) -> dict[str, str]:
    """column -> "household" | "case" | "person", for the columns that tie a row to them."""
    tied = {}
    for column in table.columns:
        if column.name in HOUSEHOLD_COLUMNS:
            tied[column.name] = "household"
        elif column.name in CASE_COLUMNS:
            tied[column.name] = "case"
        elif column.name in PERSON_COLUMNS:
            tied[column.name] = "person"
    return tied


def held_records() -> list[str]:
    """Every table a subject access export reads, in the schema's order: the household, its
    cases and people, each table tied to them by a column, and each table hanging off one of
    those by a foreign key."""
    read: list[str] = ["household", "cases", "person"]  # first: every other table is read by them
    for table in _tables():
        if table.name in LEFT_OUT or table.name in read:
            continue
        if _direct_columns(table):
            read.append(table.name)
            continue
        parents = {fk.column.table.name for fk in table.foreign_keys} - {"officer"}
        if parents & set(read):
            read.append(table.name)
    return read


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class RedactionMark:
    table: str
    record_id: int | None
    field: str
    why: str


@dataclass(frozen=True)
class ViewLine:
    occurred_at: datetime
    officer: str
    role: str
    action: str  # label ("Viewed")
    record: str  # label ("Case")
    record_id: int | None


@dataclass
class Gathered:
    subject: Subject
    household: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]  # table -> rows (every field; a letter's PDF apart)
    letters: list[tuple[str, str, bytes]]  # (file name in the zip, its sha256 as stored, the PDF)
    audit: list[dict[str, Any]]  # the audit rows about these records
    views: list[ViewLine]
    officers: dict[int, str]
    # the subject's own person record and any other with the same name and date of birth (the
    # same person recorded in another household: a child grown up, a partner who moved on)
    same_person: dict[int, int]  # person id -> household id
    redaction: list[RedactionMark] = field(default_factory=list)

    def also_recorded_as(self) -> list[str]:
        references = {h["id"]: h["reference"] for h in self.records.get("household", [])}
        return [person_reference(references[household], person) for person, household in self.same_person.items()
                if person != self.subject.person_id]

    @property
    def record_count(self) -> int:
        return sum(len(rows) for rows in self.records.values())


def _gather(session: Session, subject: Subject) -> Gathered:
    tables = {t.name: t for t in _tables()}
    ids: dict[str, set[int]] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    same_person = _same_person(session, subject)
    household_ids = set(same_person.values())
    for name in held_records():
        table = tables[name]
        tied = _direct_columns(table)
        if name == "household":
            condition = table.c.id.in_(household_ids)
        elif tied:
            within = {"household": household_ids, "case": ids.get("cases", set()),
                      "person": ids.get("person", set())}
            condition = or_(*(table.c[column].in_(sorted(within[kind]) or [-1])
                              for column, kind in tied.items()))
        else:
            condition = or_(*(fk.parent.in_(sorted(ids.get(fk.column.table.name, set())) or [-1])
                              for fk in table.foreign_keys if fk.column.table.name in ids))
        rows = [dict(row._mapping) for row in session.execute(
            select_rows(table).where(condition).order_by(table.c.id))]
        records[name] = rows
        ids[name] = {row["id"] for row in rows}

    letters = []
    for row in records.get("issued_letter", []):
        pdf = row.pop("pdf")
        row["pdf_file"] = f"letters/{letter_number(row['id'])}.pdf"
        letters.append((row["pdf_file"], row["sha256"], bytes(pdf)))

    entity_conditions = [and_(AuditLog.entity == _AUDIT_ENTITY.get(name, name), AuditLog.entity_id.in_(sorted(found)))
                         for name, found in ids.items() if found]
    audit_rows = [dict(row._mapping) for row in session.execute(
        select_rows(AuditLog.__table__).where(or_(*entity_conditions)).order_by(AuditLog.occurred_at, AuditLog.id)
    )] if entity_conditions else []
    officers = {o.id: o.full_name for o in session.exec(select(Officer))}
    roles = {o.id: o.role for o in session.exec(select(Officer))}
    views = [
        ViewLine(row["occurred_at"], officers.get(row["actor_id"], "Unknown"),
                 codes.ROLES.get(roles.get(row["actor_id"]), ""), codes.AUDIT_ACTIONS.get(row["action"], "Other"),
                 codes.AUDITED_RECORDS.get(row["entity"], "Record"), row["entity_id"])
        for row in audit_rows if row["action"] in VIEW_ACTIONS
    ]
    household = next(h for h in records["household"] if h["id"] == subject.household_id)
    gathered = Gathered(subject, household, records, letters, audit_rows, views, officers, same_person)
    gathered.redaction = _redaction_marks(gathered)
    return gathered


def _same_person(session: Session, subject: Subject) -> dict[int, int]:
    """The subject's person record, and every other recorded with the same given name, family
    name and date of birth (the intake's own test for a duplicate): person id -> household id."""
    person = session.get(Person, subject.person_id)
    # compared here, not in SQL: a database's lower() may fold only ASCII (Ł, Ö) under its locale
    rows = session.exec(select(Person.id, Person.household_id, Person.given_name, Person.family_name)
                        .where(Person.dob == person.dob)).all()
    wanted = (_folded(person.given_name), _folded(person.family_name))
    same = {row[0]: row[1] for row in rows if (_folded(row[2]), _folded(row[3])) == wanted}
    return {subject.person_id: subject.household_id} | same


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _redaction_marks(gathered: Gathered) -> list[RedactionMark]:
    """Where the records hold other people's data, and why: marked for the review, not removed."""
    subject = gathered.subject
    marks: list[RedactionMark] = []
    theirs = set(gathered.same_person)
    others = [p for p in gathered.records.get("person", []) if p["id"] not in theirs]
    for household in gathered.records.get("household", []):
        if household["id"] != subject.household_id:
            marks.append(RedactionMark("household", household["id"], "the whole record (and its cases)",
                                       "found by the same name and date of birth as the subject: check it "
                                       "is the same person before it goes"))
    for other in others:
        marks.append(RedactionMark("person", other["id"], "the whole record",
                                   f"another member of the household ({other['given_name']} "
                                   f"{other['family_name']}): not the subject's data"))
    # free text naming another member, or holding their date of birth (a JSON record of members)
    patterns = []
    for other in others:
        full = f"{other['given_name']} {other['family_name']}"
        names = [re.escape(full)] + ([re.escape(other["given_name"])] if len(other["given_name"]) > 2 else [])
        patterns.append((re.compile(r"\b(?:" + "|".join(names) + r")\b", re.IGNORECASE), str(other["dob"])[:10], full))
    for table, rows in gathered.records.items():
        if table == "person":
            continue
        for row in rows:
            for column, value in row.items():
                if (table, column) in THIRD_PARTY_FIELDS and value:
                    marks.append(RedactionMark(table, row.get("id"), column, THIRD_PARTY_FIELDS[(table, column)]))
                    continue
                if not isinstance(value, str) or column == "pdf_file":
                    continue
                for pattern, dob, full in patterns:
                    if pattern.search(value):
                        marks.append(RedactionMark(table, row.get("id"), column,
                                                   f"names {full}, another member of the household"))
                    elif dob in value:
                        marks.append(RedactionMark(table, row.get("id"), column,
                                                   f"holds details of {full} (their date of birth), "
                                                   "another member of the household"))
            if table == "safeguarding_flag" and row.get("person_id") not in (None, *theirs):
                marks.append(RedactionMark(table, row["id"], "the whole record",
                                           "a concern about another member of the household"))
            elif table in SAFEGUARDING_TABLES:
                marks.append(RedactionMark(table, row["id"], "the whole record",
                                           "safeguarding information: check whether disclosure would "
                                           "be likely to cause serious harm (DPA 2018 Sch 3) before it goes"))
    # a letter is addressed to its household's applicant
    applicant_of = {p["household_id"]: p["id"] for p in gathered.records.get("person", [])
                    if p["relation"] == "applicant" and p["left_on"] is None}
    household_of = {c["id"]: c["household_id"] for c in gathered.records.get("cases", [])}
    for letter in gathered.records.get("issued_letter", []):
        if applicant_of.get(household_of.get(letter["case_id"])) not in theirs:
            marks.append(RedactionMark("issued_letter", letter["id"], "the letter",
                                       "addressed to the household's applicant, not to this person"))
    return marks


# --- the zip ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SubjectAccessExport:
    subject: Subject
    file_name: str
    zip_bytes: bytes
    record_count: int
    letter_count: int
    view_count: int
    redaction_count: int
    sections: tuple[tuple[str, int], ...]  # (what, how many), in the index's order


@dataclass(frozen=True)
class SubjectAccessSummary:
    subject: Subject
    sections: tuple[tuple[str, int], ...]
    letter_count: int
    view_count: int
    redaction_count: int


def _sections(gathered: Gathered) -> tuple[tuple[str, int], ...]:
    shown = [(codes.HELD_RECORDS.label(table), len(rows)) for table, rows in gathered.records.items() if rows]
    return (*shown, ("Views and changes of these records (audit log)", len(gathered.audit)))


def summarise(*, reference: str, actor_id: int) -> SubjectAccessSummary:
    """What an export would hold, section by section, for the manager to check the right
    person before exporting. Reading it is audited as opening a household is."""
    with session_scope() as session:
        _require_manager(session, actor_id)
        subject, _person = _subject(session, reference)
        gathered = _gather(session, subject)
        record_audit(session, actor_id=actor_id, action="view", entity="household", entity_id=subject.household_id,
                     detail=f"subject access summary for {subject.reference}")
        return SubjectAccessSummary(subject, _sections(gathered), len(gathered.letters), len(gathered.views),
                                    len(gathered.redaction))


def export_subject_access(*, reference: str, actor_id: int) -> SubjectAccessExport:
    """Everything held about the person as one zip: index.pdf, data.json, letters/*.pdf.
    Audited: one row naming the person's reference (never their name) and the counts."""
    with session_scope() as session:
        officer = _require_manager(session, actor_id)
        subject, _person = _subject(session, reference)
        gathered = _gather(session, subject)
        exported_at = clock.now()
        data = _data_json(gathered, officer, exported_at)
        index = _index_pdf(gathered, officer, exported_at)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("index.pdf", index)
            archive.writestr("data.json", data)
            for name, _sha, pdf in gathered.letters:
                archive.writestr(name, pdf)
        record_audit(
            session, actor_id=actor_id, action="subject_access", entity="person", entity_id=subject.person_id,
            detail=(f"{subject.reference}: {gathered.record_count} records, {len(gathered.letters)} letters, "
                    f"{len(gathered.audit)} audit entries, {len(gathered.redaction)} marked for redaction review"),
        )
        stamp = clock.today().strftime("%Y%m%d")
        return SubjectAccessExport(
            subject=subject, file_name=f"subject-access-{subject.reference}-{stamp}.zip",
            zip_bytes=buffer.getvalue(), record_count=gathered.record_count,
            letter_count=len(gathered.letters), view_count=len(gathered.views),
            redaction_count=len(gathered.redaction), sections=_sections(gathered))


def _data_json(gathered: Gathered, officer: Officer, exported_at: datetime) -> bytes:
    subject = gathered.subject
    document = {
        "subject": {"reference": subject.reference, "person_id": subject.person_id, "name": subject.name,
                    "date_of_birth": subject.dob.isoformat(), "relation": subject.relation,
                    "household_reference": subject.household_reference,
                    "also_recorded_as": gathered.also_recorded_as()},
        "exported_at": exported_at.isoformat(),
        "exported_by": officer.full_name,
        "council": config.settings().council_name,
        "records": {table: [{k: _plain(v) for k, v in row.items()} for row in rows]
                    for table, rows in gathered.records.items()},
        "letters": [{"file": name, "sha256": sha} for name, sha, _pdf in gathered.letters],
        "audit": [{k: _plain(v) for k, v in row.items()} | {"officer": gathered.officers.get(row["actor_id"])}
                  for row in gathered.audit],
        "views": [{"occurred_at": v.occurred_at.isoformat(), "officer": v.officer, "role": v.role,
                   "action": v.action, "record": v.record, "record_id": v.record_id} for v in gathered.views],
        "officers": {str(k): v for k, v in sorted(gathered.officers.items())
                     if k in _officer_ids(gathered)},
        "redaction_review": [{"table": m.table, "id": m.record_id, "field": m.field, "why": m.why}
                             for m in gathered.redaction],
        "left_out": LEFT_OUT,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def _officer_ids(gathered: Gathered) -> set[int]:
    found = set()
    for rows in (*gathered.records.values(), gathered.audit):
        for row in rows:
            for column, value in row.items():
                if isinstance(value, int) and (column.endswith("_by_id") or column in
                                               ("actor_id", "assigned_officer_id", "author_id",
                                                "taken_by_id", "reviewer_id", "officer_id")):
                    found.add(value)
    return found


def _date(value: Any) -> str:
    """A date as officers read it: "30 Nov 2026"."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.astimezone(clock.LONDON) if value.tzinfo else value
    return value.strftime("%d %b %Y") if value else ""


def _short(text: Any, limit: int = 400) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[:limit] + "… (in full in data.json)"


def _first_date(row: dict[str, Any]) -> Any:
    for column, value in row.items():
        if isinstance(value, datetime | date) and column not in ("dob",):
            return value
    return None


def _index_pdf(gathered: Gathered, officer: Officer, exported_at: datetime) -> bytes:
    from logic import pdf

    s = gathered.subject
    records = gathered.records
    names = gathered.officers
    blocks: list[pdf.Block] = [
        pdf.Paragraph("This is everything Hearth, the council's housing options casework system, holds "
                      "about the person below: their household, its cases, the history of each case, "
                      "notes, assessments, plans, accommodation, offers, reviews, register applications, "
                      "the letters sent (each as its own PDF in the letters folder) and who viewed the "
                      "records and when. data.json holds every record with all its fields."),
        pdf.Paragraph("Before this goes to the person, the data protection officer reviews the items "
                      "listed under 'For redaction review': they hold other people's data."),
        pdf.Heading("Who this is about"),
        pdf.Table(("Detail", "As recorded"), (
            ("Name", s.name), ("Date of birth", _date(s.dob)), ("Person reference", s.reference),
            ("In the household as", s.relation), ("Household", s.household_reference),
            ("Address", ", ".join(str(gathered.household[k]) for k in
                                  ("address_line1", "address_line2", "town", "postcode")
                                  if gathered.household.get(k)) or "No address recorded"),
            ("Left the household", _date(s.left_on) or "No"),
            ("Also recorded as", ", ".join(gathered.also_recorded_as()) or "No other record of the same "
             "name and date of birth"),
        ), (1, 3)),
        pdf.Heading("What is held, section by section"),
        pdf.Table(("Section", "Records"), tuple((what, str(n)) for what, n in _sections(gathered)), (4, 1)),
    ]
    people = records.get("person", [])
    if people:
        blocks += [pdf.Heading("People in the household"), pdf.Table(
            ("Name", "Relation", "Date of birth", "Joined", "Left"),
            tuple((f"{p['given_name']} {p['family_name']}", codes.HOUSEHOLD_RELATIONS.get(p["relation"], "Member"),
                   _date(p["dob"]), _date(p["joined_on"]), _date(p["left_on"])) for p in people))]
    cases = records.get("cases", [])
    references = {c["id"]: c["reference"] for c in cases}
    if cases:
        blocks += [pdf.Heading("Cases"), pdf.Table(
            ("Case", "Type", "Stage", "Status", "Opened", "Closed"),
            tuple((c["reference"], codes.CASE_TYPES.get(c["case_type"], ""), _stage(c),
                   codes.CASE_STATUSES.get(c["status"], ""), _date(c["opened_at"]), _date(c["closed_at"]))
                  for c in cases), (1.2, 1.2, 2, 1, 1.1, 1.1))]
    events = records.get("case_event", [])
    if events:
        blocks += [pdf.Heading("Case history"), pdf.Table(
            ("Date", "Case", "What happened", "By"),
            tuple((_date(e["occurred_at"]), references.get(e["case_id"], ""),
                   _short(e["summary"] + (f" Reason: {e['reason']}" if e.get("reason") else "")),
                   names.get(e["actor_id"], "")) for e in events), (1, 1, 4, 1.4))]
    notes = records.get("note", [])
    if notes:
        blocks += [pdf.Heading("Notes"), pdf.Table(
            ("Date", "Case", "Note", "By"),
            tuple((_date(n["written_at"]), references.get(n["case_id"], ""), _short(n["body"]),
                   names.get(n["author_id"], "")) for n in notes), (1, 1, 4, 1.4))]
    letters = records.get("issued_letter", [])
    if letters:
        blocks += [pdf.Heading("Letters sent"), pdf.Table(
            ("Letter", "Case", "Title", "Issued", "File"),
            tuple((letter_number(x["id"]), references.get(x["case_id"], ""), x["title"], _date(x["issued_at"]),
                   x["pdf_file"]) for x in letters), (1, 1, 3, 1, 1.6))]
    shown = {"household", "person", "cases", "case_event", "note", "issued_letter"}
    others = [(table, rows) for table, rows in records.items() if rows and table not in shown]
    if others:
        blocks.append(pdf.Heading("Other records held"))
        blocks.append(pdf.Table(("Record", "How many", "Dates"), tuple(
            (codes.HELD_RECORDS.label(table), str(len(rows)), _span(rows)) for table, rows in others), (3, 1, 2)))
    blocks.append(pdf.Heading("Who viewed these records, and when"))
    if gathered.views:
        blocks.append(pdf.Table(("When", "Officer", "Role", "What", "Record"), tuple(
            (_date(v.occurred_at) + " " + _time(v.occurred_at), v.officer, v.role, v.action,
             f"{v.record} {v.record_id or ''}".strip()) for v in gathered.views), (1.4, 1.6, 1.2, 1, 1.4)))
    else:
        blocks.append(pdf.Paragraph("No one has opened these records in Hearth."))
    blocks.append(pdf.Heading("For redaction review"))
    if gathered.redaction:
        blocks.append(pdf.Table(("Record", "Number", "Where", "Why"), tuple(
            (codes.HELD_RECORDS.label(m.table), str(m.record_id or ""), m.field, m.why)
            for m in gathered.redaction), (1.6, 0.8, 1.2, 3.4)))
    else:
        blocks.append(pdf.Paragraph("Nothing found that holds another person's data."))
    blocks.append(pdf.Heading("Not included"))
    blocks.append(pdf.Paragraph(
        "Officers' own accounts, sessions, absences and training, and the quarter's H-CLIC returns as "
        "a whole: they hold no data about this person."))
    document = pdf.LetterDocument(
        council_name=config.settings().council_name,
        reference_lines=(f"Person: {s.reference}", f"Household: {s.household_reference}"),
        date_text=_date(clock.today()), addressee_lines=(s.name,),
        title=f"Subject access: everything held about {s.name}", blocks=tuple(blocks),
        footer_text=f"Subject access request (UK GDPR art.15) · prepared by {officer.full_name}",
        subject="Subject access request", created_at=exported_at)
    return pdf.render_letter(document).data


def _stage(case: dict[str, Any]) -> str:
    try:
        return codes.stage_label(case["case_type"], case["stage"])
    except codes.UnknownCode:
        return ""


def _time(moment: datetime) -> str:
    return (moment.astimezone(clock.LONDON) if moment.tzinfo else moment).strftime("%H:%M")


def _span(rows: Iterable[dict[str, Any]]) -> str:
    found = sorted(d if isinstance(d, date) and not isinstance(d, datetime) else d.date()
                   for d in (_first_date(r) for r in rows) if d is not None)
    if not found:
        return ""
    return _date(found[0]) if found[0] == found[-1] else f"{_date(found[0])} to {_date(found[-1])}"


# --- the command (python -m logic.privacy subject-access) -----------------------------------------

def add_command(sub) -> None:
    """``subject-access --person REF --out DIR --actor USERNAME`` on the privacy command's parser."""
    parser = sub.add_parser("subject-access", help="everything held about one person, as a zip")
    parser.add_argument("--person", required=True, metavar="REF",
                        help="household, case or letter reference, optionally with -P and the person's number")
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder the zip is written to")
    parser.add_argument("--actor", metavar="USERNAME", default=None,
                        help="the manager answering the request (required)")
    parser.set_defaults(run=run_command)


def _actor_id(session: Session, username: str | None) -> int:
    if not username:
        raise PermissionDenied("give --actor with the username of the manager answering the request")
    found = session.exec(select(Officer).where(Officer.username == username.strip())).first()
    if found is None or not found.active:
        raise PermissionDenied(f"no active officer has the username {username!r}")
    return found.id


def run_command(args) -> int:
    """Exit 0 done; 1 refused (not a manager, no --actor); 2 a reference that names no one."""
    import logging
    import sys
    from pathlib import Path

    from logic.db import dispose_engines

    # fontTools says, for every PDF, that it drops a table letters do not use: not for the officer
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        with session_scope() as session:
            actor = _actor_id(session, args.actor)
        export = export_subject_access(reference=args.person, actor_id=actor)
    except PermissionDenied as refusal:
        print(refusal.message, file=sys.stderr)
        return 1
    except (FieldError, NotFound) as bad:
        print(bad.message, file=sys.stderr)
        return 2
    finally:
        dispose_engines()  # closes DuckDB's file before the process ends
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / export.file_name
    target.write_bytes(export.zip_bytes)
    print(f"{target}: {export.record_count} records, {export.letter_count} letters, "
          f"{export.view_count} views, {export.redaction_count} marked for redaction review")
    return 0
