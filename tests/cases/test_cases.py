"""Cases change only through services that record who, when and why, and never lose a save."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from logic.cases import service as cases
from logic.common.errors import FieldError, PermissionDenied, StaleRecord
from logic.db import engine_for, session_scope
from logic.front_door.households import PersonDetails, add_household


def _new_case(team, assigned_to: int) -> int:
    with session_scope() as session:
        household = add_household(
            session, actor_id=team.officer, today=date(2026, 11, 23), postcode="ab1 2cd",
            people=[PersonDetails("applicant", "Zoë", "Ó Briain", date(1990, 5, 1), "F")],
        )
        case = cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type="homelessness", reason="Section 21 notice", assigned_officer_id=assigned_to)
        return case.id


def _count(sql: str, **params) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def test_opening_a_case_records_why_and_who(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert record.reference == f"HL-{case_id:06d}" and record.stage == "assessment"
    assert record.applicant.name == "Zoë Ó Briain"
    assert [(e.kind, e.reason) for e in record.events] == [("case_opened", "Section 21 notice")]


def test_every_opening_of_a_case_record_is_audited(team):
    case_id = _new_case(team, team.officer)
    cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    cases.open_case_record(case_id=case_id, viewer_id=team.senior)
    assert _count("SELECT count(*) FROM audit_log WHERE action = 'view' AND entity = 'case' AND entity_id = :c", c=case_id) == 2


def test_a_note_is_saved_with_an_event_in_the_same_transaction(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    cases.add_note(case_id=case_id, expected_version=record.version, author_id=team.officer, body="Called landlord.")
    after = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert [n.body for n in after.notes] == ["Called landlord."]
    assert after.events[0].kind == "note_added" and after.version == record.version + 1


def test_the_second_of_two_officers_saving_the_same_case_is_refused_and_the_first_save_kept(team):
    case_id = _new_case(team, team.officer)
    seen_by_olga = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    seen_by_sade = cases.open_case_record(case_id=case_id, viewer_id=team.senior)
    cases.add_note(case_id=case_id, expected_version=seen_by_olga.version, author_id=team.officer, body="First")
    with pytest.raises(StaleRecord, match="changed by someone else"):
        cases.reassign_case(case_id=case_id, expected_version=seen_by_sade.version, actor_id=team.senior,
                            to_officer_id=team.other_officer, reason="Balancing caseloads")
    after = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert after.assigned_officer_id == team.officer
    assert [n.body for n in after.notes] == ["First"]
    assert _count("SELECT count(*) FROM case_event WHERE kind = 'reassigned'") == 0


def test_a_senior_reassigns_a_case_and_the_reason_goes_on_the_case(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.senior)
    cases.reassign_case(case_id=case_id, expected_version=record.version, actor_id=team.senior,
                        to_officer_id=team.other_officer, reason="Olga on leave for two weeks")
    after = cases.open_case_record(case_id=case_id, viewer_id=team.senior)
    assert after.assigned_officer_id == team.other_officer
    assert after.events[0].kind == "reassigned" and after.events[0].reason == "Olga on leave for two weeks"


def test_an_officer_cannot_reassign_cases(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    with pytest.raises(PermissionDenied):
        cases.reassign_case(case_id=case_id, expected_version=record.version, actor_id=team.officer,
                            to_officer_id=team.other_officer, reason="Too busy")


def test_a_trainee_sees_only_the_cases_allocated_to_them(team):
    theirs = _new_case(team, team.trainee)
    not_theirs = _new_case(team, team.officer)
    assert cases.open_case_record(case_id=theirs, viewer_id=team.trainee).id == theirs
    with pytest.raises(PermissionDenied):
        cases.open_case_record(case_id=not_theirs, viewer_id=team.trainee)
    assert _count("SELECT count(*) FROM audit_log WHERE action = 'view_refused'") == 1


def test_an_empty_note_is_refused_naming_the_field_and_nothing_changes(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    with pytest.raises(FieldError) as refused:
        cases.add_note(case_id=case_id, expected_version=record.version, author_id=team.officer, body="   ")
    assert refused.value.field == "note"
    assert refused.value.message == "New note: write the note before saving it"  # the screen's words
    assert cases.open_case_record(case_id=case_id, viewer_id=team.officer).version == record.version


def test_closing_a_case_needs_a_reason_and_is_recorded(team):
    case_id = _new_case(team, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    with pytest.raises(FieldError):
        cases.close_case(case_id=case_id, expected_version=record.version, actor_id=team.officer, reason="")
    cases.close_case(case_id=case_id, expected_version=record.version, actor_id=team.officer, reason="Withdrew")
    after = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert (after.status, after.closed_reason, after.events[0].kind) == ("closed", "Withdrew", "case_closed")
