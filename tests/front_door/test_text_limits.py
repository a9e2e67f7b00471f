"""Every text field has one limit, told to the officer in the field's words and the same on
DuckDB and PostgreSQL: a name pasted 10,000 characters long is refused, not kept on one store
and a database error on the other (issue 17)."""

from __future__ import annotations

import pytest

from logic.cases import service as cases
from logic.common import limits
from logic.common.errors import FieldError
from logic.db import session_scope
from logic.front_door import safeguarding, triage
from logic.front_door import service as intake
from logic.front_door.households import PersonDetails
from logic.models import Person
from tests.front_door.helpers import TODAY, ZOE_DOB, answers, rows_written, zoe_household

CALL = intake.ContactDetails(channel="phone", summary="Landlord has served notice; worried about rent.")


def _intake(team, **household) -> None:
    intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=household.pop("contact", CALL),
        new_household=intake.NewHousehold(**{"people": [PersonDetails("applicant", "Zoe", "O Briain", ZOE_DOB, "F")],
                                             "postcode": "AB1 2CD", **household}),
        answers=answers(), chosen_route=triage.ADVICE)


def test_a_10000_character_name_is_refused_naming_the_field_and_nothing_is_written(team):
    before = rows_written()
    with pytest.raises(FieldError) as refused:
        _intake(team, people=[PersonDetails("applicant", "Z" * 10_000, "O Briain", ZOE_DOB, "F")])
    assert refused.value.message == "First name: at most 100 characters (this has 10,000)"
    assert rows_written() == before


def test_an_address_line_one_character_too_long_is_refused_and_the_longest_allowed_is_kept(team):
    before = rows_written()
    with pytest.raises(FieldError) as refused:
        _intake(team, address_line1="A" * 201)
    assert refused.value.message == "Address line 1: at most 200 characters (this has 201)"
    assert rows_written() == before
    _intake(team, address_line1="A" * 200)
    assert rows_written()["household"] == before["household"] + 1


def test_a_note_or_a_concern_longer_than_the_free_text_limit_is_refused_on_both_stores(team):
    household = zoe_household(team.officer)
    with session_scope() as session:
        case_id = cases.open_case(session, actor_id=team.officer, household_id=household, case_type="homelessness",
                                  reason="Asked to leave", assigned_officer_id=team.officer).id
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    too_long = "x" * (limits.FREE_TEXT_LIMIT + 1)
    with pytest.raises(FieldError) as note:
        cases.add_note(case_id=record.id, expected_version=record.version, author_id=team.officer, body=too_long)
    assert note.value.message.startswith("New note: is longer than 20,000 characters")
    with pytest.raises(FieldError) as concern:
        safeguarding.raise_flag(actor_id=team.officer, household_id=household, kind="adult_at_risk",
                                details=too_long)
    assert concern.value.message.startswith("What is the concern?: at most 20,000 characters")
    after = cases.open_case_record(case_id=record.id, viewer_id=team.officer)
    assert after.version == record.version and after.notes == record.notes


def test_every_text_column_has_one_limit_from_the_schema():
    # the limit is the column's: the model's max_length is the migration's String(n)
    assert limits.limit_of("person", Person.__table__.c.given_name) == 100
    from logic.models import CaseEvent, Note

    assert limits.limit_of("note", Note.__table__.c.body) == limits.FREE_TEXT_LIMIT
    assert limits.limit_of("case_event", CaseEvent.__table__.c.changes) is None  # the service's own JSON
    assert limits.limit_of("case_event", CaseEvent.__table__.c.id) is None
