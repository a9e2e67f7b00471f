"""Letters: preview, issue (one case or a batch), re-download, and the notifications they give.

Issuing a letter writes, in one transaction: the issued_letter row with the exact PDF bytes and
their SHA-256, a case event "letter_issued", and, when the letter notifies the applicant of a
duty, a decision or a warning, a case event "duty_notified" / "decision_notified" /
"warning_notified" whose `changes` hold the notification date (and the review deadline printed
in the letter). The casework and register modules read these through
:func:`notifications_for_case`, and may hook their own updates into the same transaction
(``logic.letters.register_issue_hook``). An issued letter is never changed: a correction is a
new letter naming the one it corrects, and its own notification date restarts the clocks.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from logic import clock
from logic.cases.service import _case_for, _officer
from logic.common.errors import FieldError, HearthError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.front_door.households import next_id
from logic.law.core import long_date
from logic.letters import compose as composing
from logic.letters.catalogue import (
    LETTER_TYPES,
    NOTIFICATION_EVENT,
    LetterType,
    issue_hooks_for,
    letter_type,
    provider_for,
)
from logic.letters.context import LetterContext, build_context, options_json
from logic.letters.templates import LetterTemplateError, letter_book
from logic.models import HousingCase, Officer, Role, utc_now
from logic.models.letters import IssuedLetter
from logic.pdf import (
    LetterDocument,
    PdfSetupError,
    PendingPdf,
    letter_renderer,
    letter_workers,
    render_here,
)

# The form's labels, so a refused answer is named as the officer saw it:
# pages/letters.py, pages/letters_batch.py.
FIELD_LABELS: dict[str, str] = {
    "letter_type": "Letter",
    "notified_on": "Date of the letter (the day it is given or sent)",
    "case_ids": "Cases",
    "corrects_letter_id": "Does this letter correct one already issued?",
    "correction_reason": "What was wrong with it (printed in the new letter)",
}

ISSUING_ROLES = {Role.officer, Role.senior, Role.manager}
BATCH_ROLES = {Role.senior, Role.manager}
REGISTER_LETTERS = {"register_decision"}
MAX_BATCH = 500


class LetterUnavailable(HearthError):
    """Letters cannot be produced on this machine or with these templates (set-up problem)."""


class LetterIntegrityError(HearthError):
    """A stored letter no longer matches the fingerprint taken when it was issued."""


@dataclass(frozen=True)
class RenderedLetter:
    letter_type: str
    label: str
    title: str
    pdf: bytes
    pages: int
    letter_date: date
    review_request_by: date | None
    addressee_lines: tuple[str, ...]
    template_version: int


@dataclass(frozen=True)
class IssuedLetterView:
    id: int
    number: str
    case_id: int
    case_reference: str
    letter_type: str
    label: str
    title: str
    template_version: int
    notification_kind: str | None
    notified_on: date
    review_request_by: date | None
    sha256: str
    size_bytes: int
    issued_by: str
    issued_at: datetime
    corrects_letter_id: int | None
    correction_reason: str | None
    new_case_version: int | None = None  # after an issue: the case's version now


@dataclass(frozen=True)
class Notification:
    """A written notification given to the applicant by an issued letter."""

    letter_id: int
    letter_type: str
    kind: str  # duty_notified | decision_notified | warning_notified
    notified_on: date
    review_request_by: date | None
    corrects_letter_id: int | None


@dataclass(frozen=True)
class BatchProgress:
    done: int
    total: int
    case_id: int
    reference: str
    letter_id: int | None
    problem: str | None  # why this case's letter was not issued


def letter_types_for(case_type: str) -> dict[str, str]:
    """The letters that can be sent on a case of this type: code -> label."""
    wanted = REGISTER_LETTERS if case_type == "register" else set(LETTER_TYPES) - REGISTER_LETTERS
    if case_type == "advice":
        wanted = set()
    return {code: kind.label for code, kind in LETTER_TYPES.items() if code in wanted}


@dataclass(frozen=True)
class LetterChoice:
    """A letter type on a case: whether the case's state allows it now, and if not, why."""

    code: str
    label: str
    offered: bool
    why_not: str | None = None
    from_case: tuple[str, ...] = ()  # the options the case's record fills (not retyped)


def letters_offered(*, case_id: int, viewer_id: int) -> list[LetterChoice]:
    """The letters of the case's type, each offered only when the case's stored state allows
    it (the providers say why not, e.g. the main duty letter while prevention runs)."""
    with session_scope() as session:
        viewer = _officer(session, viewer_id)
        case = _case_for(session, viewer, case_id)
        out = []
        for code, label in letter_types_for(case.case_type).items():
            provider = provider_for(code)
            try:
                supplied = dict(provider(session, case.id) or {}) if provider is not None else {}
            except FieldError as error:
                out.append(LetterChoice(code, label, False, _why(error.problem)))
                continue
            out.append(LetterChoice(code, label, True, from_case=tuple(
                name for name, value in supplied.items() if value not in (None, "", [], (), {}))))
        session.rollback()  # providers only read
        return out


def _why(message: str) -> str:
    text = message.removeprefix("not sent now: ").strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def may_issue_letters(officer: Actor, case_type: str | None = None) -> Permission:
    """Letters go out in the name of a qualified officer: a trainee drafts with their senior.
    With a case type, also whether any letter is sent on that kind of case (none on advice)."""
    if officer.role not in ISSUING_ROLES:
        return refused("Only an officer, a senior officer or a manager can issue letters; a "
                       "trainee's letters are issued by their senior officer.")
    if case_type is not None and not letter_types_for(case_type):
        return refused(f"No letters are sent on {case_type} cases.")
    return allowed("An officer, a senior officer or a manager issues letters on the case.")


def _check_case_type(kind: LetterType, case: HousingCase) -> None:
    if kind.code not in letter_types_for(case.case_type):
        raise FieldError("letter_type", f"the letter '{kind.label}' is not sent on a "
                           f"{case.case_type} case", FIELD_LABELS)


def _book():
    try:
        return letter_book()
    except LetterTemplateError as error:
        raise LetterUnavailable(f"The letter templates cannot be used: {error}") from None


def _compose(session: Session, *, case: HousingCase, kind: LetterType, officer_id: int,
             letter_date: date, options: Mapping[str, Any], letter_id: int | None,
             correction: composing.Correction | None = None, issued_at: datetime | None = None
             ) -> tuple[LetterContext, LetterDocument, int]:
    """The letter's context and its document, ready to be laid out; the template's version."""
    book = _book()
    template = book.templates[kind.code]
    context = build_context(session, case.id, kind.code, letter_date=letter_date,
                            officer_id=officer_id, options=options)
    document = composing.compose(template, context, letter_id=letter_id, correction=correction,
                                 issued_at=issued_at)
    composing.check_printable(context, document, () if correction is None else (
        ("correction_reason", FIELD_LABELS["correction_reason"], correction.reason),))
    return context, document, template.version


def _rendered(kind: LetterType, context: LetterContext, document: LetterDocument,
              template_version: int, pdf: PendingPdf) -> RenderedLetter:
    try:
        rendered = pdf.result()
    except PdfSetupError as error:
        raise LetterUnavailable(str(error)) from None
    return RenderedLetter(
        letter_type=kind.code, label=kind.label, title=document.title, pdf=rendered.data,
        pages=rendered.pages, letter_date=context.letter_date,
        review_request_by=context.review_deadline, addressee_lines=context.addressee_lines,
        template_version=template_version)


def _render(session: Session, *, case: HousingCase, kind: LetterType, officer_id: int,
            letter_date: date, options: Mapping[str, Any], letter_id: int | None,
            correction: composing.Correction | None = None, issued_at: datetime | None = None
            ) -> tuple[LetterContext, RenderedLetter]:
    context, document, version = _compose(
        session, case=case, kind=kind, officer_id=officer_id, letter_date=letter_date,
        options=options, letter_id=letter_id, correction=correction, issued_at=issued_at)
    return context, _rendered(kind, context, document, version, render_here(document))


def _notified_on(value: date | None, today: date, case: HousingCase) -> date:
    notified_on = value or today
    if not isinstance(notified_on, date):
        raise FieldError("notified_on", f"{notified_on!r} is not a date: choose the day on the "
                         "calendar", FIELD_LABELS)
    if notified_on > today:
        raise FieldError("notified_on", "a letter cannot be notified on a day still to come",
                         FIELD_LABELS)
    if notified_on < case.opened_at.date():
        raise FieldError("notified_on", "the case was opened after that day", FIELD_LABELS)
    return notified_on


def preview_letter(*, case_id: int, letter_type_code: str, officer_id: int,
                   options: Mapping[str, Any] | None = None, letter_date: date | None = None,
                   today: date | None = None) -> RenderedLetter:
    """Render a letter exactly as it would be issued, without recording anything."""
    today = today or clock.today()
    kind = letter_type(letter_type_code)
    with session_scope() as session:
        officer = _officer(session, officer_id)
        if officer.role == Role.admin:
            raise PermissionDenied("An administrator account does not send letters.")
        case = _case_for(session, officer, case_id)
        _check_case_type(kind, case)
        on = _notified_on(letter_date, today, case)
        _, rendered = _render(session, case=case, kind=kind, officer_id=officer_id,
                              letter_date=on, options=options or {}, letter_id=None)
        session.rollback()  # a preview writes nothing (providers only read, but be sure)
        return rendered


@dataclass(frozen=True)
class _Prepared:
    """A letter written from the case as it stood at `version`, ready to be laid out."""

    case_id: int
    reference: str
    version: int
    letter_id: int
    issued_at: datetime
    notified_on: date
    context: LetterContext
    document: LetterDocument
    template_version: int
    corrects_letter_id: int | None
    reason: str | None


def _correction(session: Session, case: HousingCase, corrects_letter_id: int | None,
                correction_reason: str | None) -> tuple[composing.Correction | None, str | None]:
    reason = (correction_reason or "").strip() or None
    if corrects_letter_id is None:
        if reason is not None:
            raise FieldError("corrects_letter_id", "choose the letter this one corrects",
                             FIELD_LABELS)
        return None, None
    corrected = session.get(IssuedLetter, corrects_letter_id)
    if corrected is None or corrected.case_id != case.id:
        raise FieldError("corrects_letter_id", "the letter being corrected is not on this case",
                         FIELD_LABELS)
    if reason is None:
        raise FieldError("correction_reason", "say what was wrong with the letter being "
                           "corrected; the new letter tells the applicant", FIELD_LABELS)
    if len(reason) > 1000:
        raise FieldError("correction_reason", "is longer than 1,000 characters", FIELD_LABELS)
    if not reason.endswith((".", "!", "?")):
        reason += "."
    return composing.Correction(composing.letter_number(corrected.id), corrected.notified_on,
                                reason), reason


def _prepare(session: Session, *, officer: Officer, case: HousingCase, kind: LetterType,
             version: int, options: Mapping[str, Any], notified_on: date,
             correction: composing.Correction | None = None, reason: str | None = None,
             corrects_letter_id: int | None = None) -> _Prepared:
    """The letter's number, moment of issue, context and document (nothing is recorded)."""
    letter_id = next_id(session, "issued_letter_id_seq")
    issued_at = utc_now()
    context, document, template_version = _compose(
        session, case=case, kind=kind, officer_id=officer.id, letter_date=notified_on,
        options=options, letter_id=letter_id, correction=correction, issued_at=issued_at)
    return _Prepared(case.id, case.reference, version, letter_id, issued_at, notified_on, context,
                     document, template_version, corrects_letter_id, reason)


def _record(session: Session, *, officer: Officer, kind: LetterType, prepared: _Prepared,
            rendered: RenderedLetter, new_version: int, batch_id: str | None) -> IssuedLetterView:
    """Record the issued letter with its exact bytes, its events, hooks and audit row (in the
    transaction that claimed the case at the version the letter was written from)."""
    letter_id, context, notified_on = prepared.letter_id, prepared.context, prepared.notified_on
    corrects_letter_id, reason = prepared.corrects_letter_id, prepared.reason
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    notification = NOTIFICATION_EVENT.get(kind.notifies)
    letter = IssuedLetter(
        id=letter_id, case_id=prepared.case_id, letter_type=kind.code,
        template_version=rendered.template_version, title=rendered.title[:300],
        notification_kind=kind.notifies if notification else None, notified_on=notified_on,
        review_request_by=context.review_deadline, options_json=options_json(context.options),
        pdf=rendered.pdf, sha256=digest, size_bytes=len(rendered.pdf), issued_by_id=officer.id,
        issued_at=prepared.issued_at, corrects_letter_id=corrects_letter_id,
        correction_reason=reason, batch_id=batch_id)
    session.add(letter)
    session.flush()
    number = composing.letter_number(letter_id)
    record_case_event(
        session, case_id=prepared.case_id, actor_id=officer.id, kind="letter_issued",
        summary=f"Letter {number} issued: {kind.label} (template v{rendered.template_version})"
                + (f", correcting {composing.letter_number(corrects_letter_id)}"
                   if corrects_letter_id else ""),
        reason=reason,
        changes={"letter_id": (None, letter_id), "letter_type": (None, kind.code),
                 "sha256": (None, digest)})
    if notification:
        summary = (f"{kind.label} notified in writing on {long_date(notified_on)} "
                   f"({kind.citation}), letter {number}")
        changes: dict[str, tuple[Any, Any]] = {
            "notified_on": (None, notified_on), "letter_id": (None, letter_id),
            "letter_type": (None, kind.code)}
        if context.review_deadline is not None:
            summary += f"; a review must be requested by {long_date(context.review_deadline)}"
            changes["review_request_by"] = (None, context.review_deadline)
        record_case_event(session, case_id=prepared.case_id, actor_id=officer.id,
                          kind=notification, summary=summary, changes=changes)
    for hook in issue_hooks_for(kind.code):
        hook(session, case_id=prepared.case_id, letter_id=letter_id, letter_type=kind.code,
             notified_on=notified_on, officer_id=officer.id, options=dict(context.options))
    record_audit(session, actor_id=officer.id, action="create", entity="issued_letter",
                 entity_id=letter_id, detail=f"{kind.code} on case {prepared.reference}")
    return _view(letter, prepared.reference, officer.full_name, new_case_version=new_version)


def _issue(session: Session, *, officer: Officer, case: HousingCase, kind: LetterType,
           expected_version: int, options: Mapping[str, Any], notified_on: date,
           corrects_letter_id: int | None, correction_reason: str | None) -> IssuedLetterView:
    """One letter in one transaction: claim the case, write the letter, lay it out, record it."""
    correction, reason = _correction(session, case, corrects_letter_id, correction_reason)
    new_version = claim_case_version(session, case_id=case.id, expected_version=expected_version)
    prepared = _prepare(session, officer=officer, case=case, kind=kind, version=expected_version,
                        options=options, notified_on=notified_on, correction=correction,
                        reason=reason, corrects_letter_id=corrects_letter_id)
    rendered = _rendered(kind, prepared.context, prepared.document, prepared.template_version,
                         render_here(prepared.document))
    return _record(session, officer=officer, kind=kind, prepared=prepared, rendered=rendered,
                   new_version=new_version, batch_id=None)


def _issuer(session: Session, officer_id: int, roles: set[Role], what: str) -> Officer:
    officer = _officer(session, officer_id)
    if officer.role not in roles:
        raise PermissionDenied(what)
    return officer


def issue_letter(*, case_id: int, expected_version: int, letter_type_code: str, officer_id: int,
                 options: Mapping[str, Any] | None = None, notified_on: date | None = None,
                 corrects_letter_id: int | None = None, correction_reason: str | None = None,
                 today: date | None = None) -> IssuedLetterView:
    """Issue one letter on a case; `expected_version` is the case version the officer saw
    when previewing (if the case changed since, the preview may be out of date: refused)."""
    today = today or clock.today()
    kind = letter_type(letter_type_code)
    with session_scope() as session:
        officer = _officer(session, officer_id)
        may_issue_letters(officer).require()
        case = _case_for(session, officer, case_id)
        _check_case_type(kind, case)
        on = _notified_on(notified_on, today, case)
        return _issue(session, officer=officer, case=case, kind=kind,
                      expected_version=expected_version, options=options or {}, notified_on=on,
                      corrects_letter_id=corrects_letter_id, correction_reason=correction_reason)


def issue_batch(*, case_ids: Iterable[int], letter_type_code: str, officer_id: int,
                options: Mapping[str, Any] | None = None, notified_on: date | None = None,
                today: date | None = None) -> Iterator[BatchProgress]:
    """Issue the same letter on each case, one transaction a case, yielding progress.

    A case whose letter cannot be issued (bad data, changed meanwhile, wrong type) is reported
    with the reason and the batch goes on; the letters issued before it stay issued. Each case
    is claimed at the version current when its turn comes to be written: the officer chose the
    cases, not their versions. The letters of one batch share a batch id. A batch of
    `logic.pdf.POOL_FROM` letters or more is laid out on every core (see `_run_batch`).
    """
    today = today or clock.today()
    kind = letter_type(letter_type_code)
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    if not ids:
        raise FieldError("case_ids", "choose at least one case", FIELD_LABELS)
    if len(ids) > MAX_BATCH:
        raise FieldError("case_ids", f"a batch holds at most {MAX_BATCH} cases", FIELD_LABELS)
    if not kind.may_be_batched:
        raise FieldError("letter_type", f"the letter '{kind.label}' is issued one case at a time",
                         FIELD_LABELS)
    with session_scope() as session:
        _issuer(session, officer_id, BATCH_ROLES,
                "Only a senior officer or a manager can issue letters in a batch.")
    _book()  # refuse the whole batch up front if the templates are unusable
    batch_id = str(uuid.uuid4())
    return _run_batch(ids, kind, officer_id, options or {}, notified_on, today, batch_id)


def _run_batch(ids: list[int], kind: LetterType, officer_id: int, options: Mapping[str, Any],
               notified_on: date | None, today: date, batch_id: str) -> Iterator[BatchProgress]:
    """Each case's letter is written from the case in a short read (its number taken, the case's
    version noted), laid out by the worker processes while the next cases' letters are written,
    then recorded in one transaction that claims the case at the version it was written from
    (a case changed in between is reported, not overwritten)."""
    render = letter_renderer(len(ids))
    ahead = 0 if render is render_here else letter_workers()
    pending: deque[tuple[int, int, str, _Prepared | None, PendingPdf | None, str | None]] = deque()
    for done, case_id in enumerate(ids, start=1):
        pending.append(_start_letter(done, case_id, kind, officer_id, options, notified_on, today,
                                     render))
        while len(pending) > ahead:
            yield _finish_letter(pending.popleft(), len(ids), kind, officer_id, batch_id)
    while pending:
        yield _finish_letter(pending.popleft(), len(ids), kind, officer_id, batch_id)


def _start_letter(done: int, case_id: int, kind: LetterType, officer_id: int,
                  options: Mapping[str, Any], notified_on: date | None, today: date, render):
    reference = str(case_id)
    try:
        with session_scope() as session:
            officer = _officer(session, officer_id)
            case = session.get(HousingCase, case_id)
            if case is None:
                raise NotFound(f"Case {case_id} does not exist.")
            reference = case.reference
            _check_case_type(kind, case)
            on = _notified_on(notified_on, today, case)
            prepared = _prepare(session, officer=officer, case=case, kind=kind,
                                version=case.version, options=options, notified_on=on)
    except HearthError as error:
        return done, case_id, reference, None, None, error.message
    return done, case_id, reference, prepared, render(prepared.document), None


def _finish_letter(started, total: int, kind: LetterType, officer_id: int,
                   batch_id: str) -> BatchProgress:
    done, case_id, reference, prepared, pdf, problem = started
    if prepared is None or pdf is None:
        return BatchProgress(done, total, case_id, reference, None, problem)
    try:
        rendered = _rendered(kind, prepared.context, prepared.document, prepared.template_version,
                             pdf)
        with session_scope() as session:
            officer = _officer(session, officer_id)
            new_version = claim_case_version(session, case_id=case_id,
                                             expected_version=prepared.version)
            issued = _record(session, officer=officer, kind=kind, prepared=prepared,
                             rendered=rendered, new_version=new_version, batch_id=batch_id)
    except HearthError as error:
        return BatchProgress(done, total, case_id, reference, None, error.message)
    return BatchProgress(done, total, case_id, reference, issued.id, None)


def _view(letter: IssuedLetter, reference: str, issued_by: str,
          new_case_version: int | None = None) -> IssuedLetterView:
    kind = LETTER_TYPES.get(letter.letter_type)
    return IssuedLetterView(
        id=letter.id, number=composing.letter_number(letter.id), case_id=letter.case_id,
        case_reference=reference, letter_type=letter.letter_type,
        label=kind.label if kind else letter.letter_type, title=letter.title,
        template_version=letter.template_version, notification_kind=letter.notification_kind,
        notified_on=letter.notified_on, review_request_by=letter.review_request_by,
        sha256=letter.sha256, size_bytes=letter.size_bytes, issued_by=issued_by,
        issued_at=letter.issued_at, corrects_letter_id=letter.corrects_letter_id,
        correction_reason=letter.correction_reason, new_case_version=new_case_version)


_LIST_COLUMNS = tuple(c for c in IssuedLetter.__table__.columns if c.name != "pdf")


def letters_for_case(*, case_id: int, viewer_id: int) -> list[IssuedLetterView]:
    """The letters issued on a case, newest first (without their bytes)."""
    with session_scope() as session:
        viewer = _officer(session, viewer_id)
        case = _case_for(session, viewer, case_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        rows = session.execute(
            select(*_LIST_COLUMNS).where(IssuedLetter.case_id == case_id)
            .order_by(IssuedLetter.issued_at.desc(), IssuedLetter.id.desc())).mappings().all()
        return [_view(IssuedLetter(pdf=b"", **dict(row)), case.reference,
                      names.get(row["issued_by_id"], "?")) for row in rows]


def download_letter(*, letter_id: int, viewer_id: int) -> tuple[str, bytes]:
    """The issued letter's file name and its exact bytes, checked against the stored hash."""
    with session_scope() as session:
        viewer = _officer(session, viewer_id)
        letter = session.get(IssuedLetter, letter_id)
        if letter is None:
            raise NotFound(f"Letter {letter_id} does not exist.")
        case = _case_for(session, viewer, letter.case_id)
        data = bytes(letter.pdf)
        if hashlib.sha256(data).hexdigest() != letter.sha256:
            raise LetterIntegrityError(
                f"Letter {composing.letter_number(letter.id)} no longer matches the fingerprint "
                "taken when it was issued, so it is not shown. Do not rely on any copy; tell "
                "your system administrator.")
        record_audit(session, actor_id=viewer_id, action="download", entity="issued_letter",
                     entity_id=letter_id)
        return (f"{case.reference}_{composing.letter_number(letter.id)}_{letter.letter_type}.pdf",
                data)


def notifications_for_case(case_id: int, session: Session | None = None) -> list[Notification]:
    """The written notifications given on a case, oldest first, for clocks and compliance.

    Pass the caller's session to read inside its transaction; without one, a short read.
    """
    if session is None:
        with session_scope() as own:
            return notifications_for_case(case_id, own)
    rows = session.execute(
        select(IssuedLetter.id, IssuedLetter.letter_type, IssuedLetter.notification_kind,
               IssuedLetter.notified_on, IssuedLetter.review_request_by,
               IssuedLetter.corrects_letter_id)
        .where(IssuedLetter.case_id == case_id, IssuedLetter.notification_kind.is_not(None))
        .order_by(IssuedLetter.notified_on, IssuedLetter.id)).all()
    return [Notification(r.id, r.letter_type, NOTIFICATION_EVENT[r.notification_kind],
                         r.notified_on, r.review_request_by, r.corrects_letter_id) for r in rows]


# The casework module's providers and its duty notification hook: registered here so that
# every user of the letters service (screens, batches, tests) builds letters from the case.
from logic.casework import letter_sources  # noqa: E402

letter_sources.install()
