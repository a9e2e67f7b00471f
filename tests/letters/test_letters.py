"""Officers issue statutory letters: what each letter says, what issuing one records, and
what is refused."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from logic.common.errors import FieldError, PermissionDenied, StaleRecord
from logic.db import engine_for, session_scope
from logic.letters import LETTER_TYPES, register_context_provider, register_issue_hook
from logic.letters import service as letters
from logic.models import CaseEvent, HousingCase
from logic.models.letters import IssuedLetter
from tests.letters.helpers import (
    OFFICER_REASONS,
    OPTIONS,
    PREVENTION,
    REGISTER,
    STEPS,
    TODAY,
    case_assessed,
    case_for_letter,
    case_on_prevention_duty,
    case_on_relief_duty,
    long_date,
    new_case,
    page_count,
    pdf_text,
    version,
)
from tests.support import ARTIFACTS_DIR, unavailable

REVIEW_BY = TODAY + timedelta(days=20)  # 21 days beginning with the day of notification


def _issue(team, case_id: int, code: str, **kw) -> letters.IssuedLetterView:
    return letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                letter_type_code=code, officer_id=team.officer,
                                options=kw.pop("options", OPTIONS[code]), **kw)


def _png(data: bytes, code: str, pages: int) -> None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        unavailable("pdftoppm (poppler-utils) is not installed, so letters cannot be rendered to PNG")
    folder = ARTIFACTS_DIR / "letters"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{code}.pdf"
    pdf.write_bytes(data)
    # <type>.png is the first page; <type>-page-N.png the others, for a person to look at
    subprocess.run([exe, "-png", "-r", "80", "-singlefile", str(pdf), str(folder / code)],
                   check=True, timeout=60)
    if pages > 1:
        subprocess.run([exe, "-png", "-r", "80", "-f", "2", str(pdf), str(folder / f"{code}-page")],
                       check=True, timeout=60)
    assert (folder / f"{code}.png").stat().st_size > 10_000


@pytest.mark.parametrize("code", sorted(OPTIONS))
def test_each_letter_prints_the_names_reasons_review_date_and_page_numbers(store, team, code):
    kind = LETTER_TYPES[code]
    case_id = case_for_letter(team, code)
    issued = _issue(team, case_id, code)
    _, data = letters.download_letter(letter_id=issued.id, viewer_id=team.officer)
    text = pdf_text(data)
    pages = page_count(data)

    assert "Zoë Łukasik" in text  # the applicant's name, accents intact
    assert "Hearth District Council" in text
    assert f"Our reference: {issued.case_reference}" in text
    assert f"Letter: {issued.number}" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert f"Date: {long_date(TODAY)}" in text
    if kind.review != "none":
        if kind.review == "s202":
            assert f"You must ask by {long_date(REVIEW_BY)}" in text
            assert issued.review_request_by == REVIEW_BY
        elif kind.review == "s166A":
            assert "review" in text and issued.review_request_by is not None
            assert long_date(issued.review_request_by) in text
        assert "To ask for a review" in text  # how to ask, from the council's file
    for reason in OPTIONS[code].get("reasons", ()):
        assert reason in text  # the officer's reasons, in full
    if kind.engine_fields:  # the assessment's facts, from the case (or given, on the register)
        assert "(Housing Act 1996 s." in text or "Regulations 2006" in text  # engine reasons, cited
    if store.startswith("duckdb"):  # one backend writes the artefacts (the letters are alike)
        _png(data, code, pages)


def test_an_adverse_decision_quotes_the_engine_and_the_officer_and_says_how_to_ask(store, team):
    case_id = case_for_letter(team, "s184_not_priority_need")
    issued = _issue(team, case_id, "s184_not_priority_need")
    text = pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])
    for reason in OFFICER_REASONS:
        assert reason in text
    assert "so you do not have a priority need. (Housing Act 1996 s.189(1))" in text
    assert "section 202(1)(b) of the Housing Act 1996" in text
    assert f"You must ask by {long_date(REVIEW_BY)}" in text
    assert "housing.options@hearth.example" in text


def test_a_register_refusal_gives_its_reasons_and_the_allocation_review_date(store, team):
    case_id = new_case(team, case_type="register")
    options = {"eligible": True, "qualifies": False,
               "reasons": ["You have lived in the district for 8 months; the scheme asks for 2 years."]}
    with pytest.raises(FieldError) as refused:  # the engine finds this household qualifies
        _issue(team, case_id, "register_decision", options={**options, "facts": REGISTER})
    assert refused.value.field == "qualifies"
    issued = _issue(team, case_id, "register_decision", options=options)
    text = pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])
    assert "you do not qualify under our scheme" in text
    assert "8 months; the scheme asks for 2 years" in text
    assert "section 166A(9)(c)" in text
    assert f"You must ask by {long_date(TODAY + timedelta(days=20))}" in text  # 21 days in the scheme


def test_an_applicant_with_no_fixed_address_is_written_to_care_of_the_council(store, team):
    case_id = case_on_relief_duty(team, address=False)
    preview = letters.preview_letter(case_id=case_id, letter_type_code="relief_duty",
                                     officer_id=team.officer, options=OPTIONS["relief_duty"])
    assert preview.addressee_lines[:3] == ("Zoë Łukasik", "c/o Housing Options Team",
                                           "Hearth District Council")
    assert "c/o Housing Options Team" in pdf_text(preview.pdf)
    assert "interim accommodation is available for you" in pdf_text(preview.pdf)  # s.188 family


def test_a_preview_records_nothing(store, team):
    case_id = case_for_letter(team, "s184_not_eligible")
    before = version(case_id, team.officer)
    preview = letters.preview_letter(case_id=case_id, letter_type_code="s184_not_eligible",
                                     officer_id=team.officer, options=OPTIONS["s184_not_eligible"])
    assert "PREVIEW, not issued" in pdf_text(preview.pdf)
    assert version(case_id, team.officer) == before
    with session_scope() as session:
        assert session.exec(select(IssuedLetter)).all() == []


def test_issuing_records_the_letter_its_events_and_the_notification_that_starts_the_clock(store, team):
    case_id = case_for_letter(team, "s184_not_eligible")
    issued = _issue(team, case_id, "s184_not_eligible", notified_on=TODAY - timedelta(days=1))
    assert issued.review_request_by == TODAY + timedelta(days=19)
    with session_scope() as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)
                              .order_by(CaseEvent.id)).all()
        row = session.get(IssuedLetter, issued.id)
    kinds = [e.kind for e in events]
    assert kinds[-2:] == ["letter_issued", "decision_notified"]
    notified = json.loads(events[-1].changes)
    assert notified["notified_on"] == [None, (TODAY - timedelta(days=1)).isoformat()]
    assert notified["review_request_by"] == [None, (TODAY + timedelta(days=19)).isoformat()]
    assert row.template_version == 1 and row.issued_by_id == team.officer
    assert row.letter_type == "s184_not_eligible" and len(row.sha256) == 64
    [notification] = letters.notifications_for_case(case_id)
    assert (notification.kind, notification.notified_on, notification.letter_id) == (
        "decision_notified", TODAY - timedelta(days=1), issued.id)


def test_an_issued_letter_never_changes_and_a_second_issue_is_a_new_letter(store, team):
    case_id = case_for_letter(team, "duty_ended")
    first = _issue(team, case_id, "duty_ended")
    name, data = letters.download_letter(letter_id=first.id, viewer_id=team.officer)
    assert name.endswith(f"{first.number}_duty_ended.pdf")
    again = letters.download_letter(letter_id=first.id, viewer_id=team.officer)[1]
    assert again == data
    assert hashlib.sha256(data).hexdigest() == first.sha256
    second = _issue(team, case_id, "duty_ended")
    assert second.id != first.id
    assert [item.id for item in letters.letters_for_case(case_id=case_id, viewer_id=team.officer)] == [
        second.id, first.id]
    assert letters.download_letter(letter_id=first.id, viewer_id=team.officer)[1] == data

    # bytes altered behind Hearth's back are refused on download, never shown as the letter sent
    # (on PostgreSQL the database refuses the change itself, migration 0016: here by the
    # database's owner, who can switch that off)
    with engine_for().begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("ALTER TABLE issued_letter DISABLE TRIGGER issued_letter_append_only"))
        connection.execute(sa.text("UPDATE issued_letter SET pdf = :pdf WHERE id = :id"),
                           {"pdf": data[:-10] + b"0000000000", "id": first.id})
    with pytest.raises(letters.LetterIntegrityError, match=first.number):
        letters.download_letter(letter_id=first.id, viewer_id=team.officer)


def test_a_correction_names_the_letter_it_corrects_and_restarts_the_review_clock(store, team):
    case_id = case_for_letter(team, "s184_not_priority_need")
    wrong = _issue(team, case_id, "s184_not_priority_need", notified_on=TODAY - timedelta(days=3))
    with pytest.raises(FieldError) as refused:
        _issue(team, case_id, "s184_not_priority_need", corrects_letter_id=wrong.id)
    assert refused.value.field == "correction_reason"
    fixed = _issue(team, case_id, "s184_not_priority_need", corrects_letter_id=wrong.id,
                   correction_reason="It gave the wrong date for your interview")
    text = pdf_text(letters.download_letter(letter_id=fixed.id, viewer_id=team.officer)[1])
    assert f"corrects and replaces our letter {wrong.number} of {long_date(TODAY - timedelta(days=3))}" in text
    assert "wrong date for your interview" in text
    assert fixed.review_request_by == REVIEW_BY
    assert [n.letter_id for n in letters.notifications_for_case(case_id)] == [wrong.id, fixed.id]
    assert letters.notifications_for_case(case_id)[1].corrects_letter_id == wrong.id


def _only_the_applicants_steps(team) -> int:
    return case_on_prevention_duty(team, steps=[s for s in STEPS if s["owner"] == "applicant"])


def _not_eligible_against_the_engine(team) -> int:
    """The officer decided 'not eligible' where the engine, on the recorded facts, finds the
    applicant eligible."""
    return case_assessed(team, decisions={"eligible": False, "duty": "advice_only"}, override_reasons={
        "eligible": "The Home Office told us by telephone that the leave has ended.",
        "duty": "No duty is owed to a person who is not eligible."})


@pytest.mark.parametrize(("code", "case", "options", "field"), [
    # a notice for refusing to co-operate states its reasons: none given, none recorded
    ("s193b_notice", None, {}, "reasons"),
    ("duty_ended", None, {**OPTIONS["duty_ended"], "ended_on": "next Tuesday"}, "ended_on"),
    ("duty_ended", None, {**OPTIONS["duty_ended"], "duty": "eternal"}, "duty"),
    ("duty_ended", None, {**OPTIONS["duty_ended"], "colour": "blue"}, "colour"),
    ("personal_housing_plan", None, {**OPTIONS["personal_housing_plan"], "steps": [
        {"owner": "council", "description": "Call the landlord."},
        {"owner": "landlord", "description": "Wait."}]}, "steps[1].owner"),
    # the plan recorded sets out no step for the council (s.189A(4)(b))
    ("personal_housing_plan", _only_the_applicants_steps, OPTIONS["personal_housing_plan"], "steps"),
    # the engine's reasons on the recorded facts would contradict the letter
    ("s184_not_eligible", _not_eligible_against_the_engine, OPTIONS["s184_not_eligible"], "facts"),
    ("s184_not_eligible", None, {**OPTIONS["s184_not_eligible"], "facts": {"assessment_date": "x"}},
     "facts"),
    ("s193b_warning", None, {**OPTIONS["s193b_warning"], "respond_by": TODAY}, "respond_by"),
    ("register_decision", "s193b_warning", OPTIONS["register_decision"], "letter_type"),  # not on this case type
])
def test_bad_options_are_refused_naming_the_field_and_nothing_is_written(store, team, code, case,
                                                                         options, field):
    case_id = (case(team) if callable(case) else case_for_letter(team, case or code))
    before = version(case_id, team.officer)
    with pytest.raises(FieldError) as refused:
        _issue(team, case_id, code, options=options)
    assert refused.value.field == field
    # the officer reads the option as the letter form labels it, never its code
    assert refused.value.message == f"{refused.value.label}: {refused.value.problem}"
    assert not refused.value.label.startswith(field)
    assert version(case_id, team.officer) == before
    with session_scope() as session:
        assert session.exec(select(IssuedLetter)).all() == []
        assert not session.exec(select(CaseEvent).where(CaseEvent.kind == "letter_issued")).all()


def test_a_letter_on_a_case_changed_since_its_preview_is_refused(store, team):
    case_id = case_for_letter(team, "duty_ended")
    seen = version(case_id, team.officer)
    _issue(team, case_id, "duty_ended")  # someone else issues a letter meanwhile
    with pytest.raises(StaleRecord):
        letters.issue_letter(case_id=case_id, expected_version=seen, letter_type_code="duty_ended",
                             officer_id=team.officer, options=OPTIONS["duty_ended"])


def test_a_trainee_previews_but_does_not_issue_and_only_team_leads_batch(store, team):
    case_id = case_for_letter(team, "duty_ended", officer=team.trainee)
    letters.preview_letter(case_id=case_id, letter_type_code="duty_ended",
                           officer_id=team.trainee, options=OPTIONS["duty_ended"])
    with pytest.raises(PermissionDenied):
        letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                             letter_type_code="duty_ended", officer_id=team.trainee,
                             options=OPTIONS["duty_ended"])
    with pytest.raises(PermissionDenied):
        letters.issue_batch(case_ids=[case_id], letter_type_code="duty_ended",
                            officer_id=team.officer, options=OPTIONS["duty_ended"])


def test_a_batch_issues_each_case_its_own_letter_and_reports_the_ones_it_could_not(store, team):
    good = [case_for_letter(team, "s193b_warning", given="Siân", family="Ó Briain"),
            case_for_letter(team, "s193b_warning")]
    register_case = new_case(team, case_type="register")
    progress = list(letters.issue_batch(
        case_ids=[good[0], register_case, good[1]], letter_type_code="s193b_warning",
        officer_id=team.senior, options=OPTIONS["s193b_warning"]))
    assert [(p.done, p.total) for p in progress] == [(1, 3), (2, 3), (3, 3)]
    assert progress[1].letter_id is None and "not sent on a register case" in progress[1].problem
    issued = [p for p in progress if p.letter_id]
    assert [p.case_id for p in issued] == good
    first = pdf_text(letters.download_letter(letter_id=issued[0].letter_id, viewer_id=team.senior)[1])
    assert "Siân Ó Briain" in first and "Attend the viewing arranged" in first
    with session_scope() as session:
        rows = session.exec(select(IssuedLetter)).all()
    assert len({row.batch_id for row in rows}) == 1 and rows[0].batch_id
    assert [n.kind for n in letters.notifications_for_case(good[1])] == ["warning_notified"]


def test_a_large_batch_is_laid_out_on_every_core_and_each_letter_is_the_one_its_case_gets(
        store, team):
    # a team lead's batch of warnings: laid out by the worker processes while the next cases'
    # letters are written; each stored letter is its own case's, with its fingerprint
    from logic import pdf

    names = [("Siân", "Ó Briain"), ("Zoë", "Łukasik"), ("Øystein", "Ŵyn"), ("Chloé", "Ng"),
             ("Ольга", "Петрова")]
    cases = [case_for_letter(team, "s193b_warning", given=g, family=f) for g, f in names]
    assert len(cases) >= pdf.POOL_FROM and pdf.letter_workers() > 1
    progress = list(letters.issue_batch(case_ids=cases, letter_type_code="s193b_warning",
                                        officer_id=team.senior, options=OPTIONS["s193b_warning"]))
    assert [p.problem for p in progress] == [None] * len(cases)
    assert [p.case_id for p in progress] == cases and pdf._pool is not None
    for (given, family), step in zip(names, progress, strict=True):
        name, data = letters.download_letter(letter_id=step.letter_id, viewer_id=team.senior)
        text = pdf_text(data)
        assert f"{given} {family}" in text and f"L-{step.letter_id:06d}" in text
        assert "Attend the viewing arranged" in text
        with session_scope() as session:
            row = session.get(IssuedLetter, step.letter_id)
            assert row.sha256 == hashlib.sha256(data).hexdigest() and row.batch_id
    assert [n.kind for n in letters.notifications_for_case(cases[-1])] == ["warning_notified"]


def test_the_workers_lay_out_the_very_bytes_a_letter_gets_here():
    from datetime import UTC, datetime

    from logic import pdf

    documents = [pdf.LetterDocument(
        council_name="Hearthton Council", reference_lines=(f"Letter: L-{i:06d}",),
        date_text="23 November 2026", addressee_lines=(name, "Hearthton"), title="A warning",
        blocks=(pdf.Paragraph(f"Dear {name}, £95 – “quoted”. " * 30),),
        created_at=datetime(2026, 11, 23, 9, i, tzinfo=UTC))
        for i, name in enumerate(["Siân Ó Briain", "Zoë Łukasik", "Ольга Петрова", "Ng", "Øy"])]
    render = pdf.letter_renderer(len(documents))
    pending = [render(document) for document in documents]
    assert [p.result().data for p in pending] == [pdf.render_letter(d).data for d in documents]


def test_a_provider_fills_the_options_the_officer_leaves_empty_and_a_hook_writes_with_the_letter(
        store, team):
    # the hooks themselves, with a stand-in provider in place of casework's (restored after:
    # tests/letters/conftest.py), on a case where casework's own would refuse the letter
    case_id = new_case(team)
    seen: list[dict] = []
    register_context_provider("prevention_duty", lambda session, cid: {
        "duty_started_on": TODAY - timedelta(days=2), "facts": PREVENTION})

    def hook(session, **details):
        seen.append(details)
        case = session.get(HousingCase, details["case_id"])
        assert case is not None  # runs inside the issuing transaction
    register_issue_hook("prevention_duty", hook)

    issued = _issue(team, case_id, "prevention_duty", options={})
    text = pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])
    assert f"from {long_date(TODAY - timedelta(days=2))}" in text
    assert "threatened with homelessness" in text
    assert seen[0]["letter_id"] == issued.id and seen[0]["notified_on"] == TODAY

    # the case's record is the letter's statutory content: a typed date cannot replace it,
    # but the officer's own words are added to the recorded ones
    with pytest.raises(FieldError, match="Date the duty began: is taken from the case record"):
        _issue(team, case_id, "prevention_duty", options={"duty_started_on": TODAY})
    typed = _issue(team, case_id, "prevention_duty",
                   options={"duty_started_on": TODAY - timedelta(days=2),
                            "reasons": ["We also spoke to your landlord."]})
    text = pdf_text(letters.download_letter(letter_id=typed.id, viewer_id=team.officer)[1])
    assert f"from {long_date(TODAY - timedelta(days=2))}" in text
    assert "We also spoke to your landlord." in text

    def failing(session, **details):
        raise FieldError("duty", "no prevention duty is open on this case")
    register_issue_hook("prevention_duty", failing)
    with pytest.raises(FieldError):
        _issue(team, case_id, "prevention_duty", options={})
    assert len(letters.letters_for_case(case_id=case_id, viewer_id=team.officer)) == 2
