"""Finding a household before creating a duplicate, and refusing bad details."""

from __future__ import annotations

from datetime import date

import pytest

from logic.common.errors import FieldError
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household, find_households


@pytest.fixture
def okafors(team):
    with session_scope() as session:
        add_household(
            session, actor_id=team.officer, today=date(2026, 11, 23), postcode="m1 4bt", phone="0161 496 0000",
            people=[PersonDetails("applicant", "Chidi", "Okafor", date(1988, 4, 2), "M"),
                    PersonDetails("child", "Ada", "Okafor", date(2019, 9, 9), "F")],
        )
        add_household(
            session, actor_id=team.officer, today=date(2026, 11, 23), postcode="LS2 7EY",
            people=[PersonDetails("applicant", "Siân", "Llewellyn", date(1979, 1, 30), "F")],
        )
    return team


@pytest.mark.parametrize("search", ["okafor", "Chidi Okafor", "M1 4BT", "m14bt", "0161 496 0000", "ada"])
def test_a_household_is_found_by_name_postcode_phone_or_a_members_name(okafors, search):
    matches = find_households(actor_id=okafors.officer, text=search)
    assert [m.applicant_name for m in matches] == ["Chidi Okafor"]


def test_a_date_of_birth_narrows_the_search(okafors):
    assert [m.applicant_name for m in find_households(actor_id=okafors.officer, dob=date(1979, 1, 30))] == ["Siân Llewellyn"]
    assert find_households(actor_id=okafors.officer, text="okafor", dob=date(1979, 1, 30)) == []


def test_an_empty_search_is_refused_with_a_message(okafors):
    with pytest.raises(FieldError) as refused:
        find_households(actor_id=okafors.officer, text="  ")
    assert refused.value.field == "search"


@pytest.mark.parametrize(
    ("people", "postcode", "field"),
    [
        ([PersonDetails("applicant", "A", "B", date(1990, 1, 1), "F")], "not a postcode", "postcode"),
        ([PersonDetails("applicant", "A", "B", date(2030, 1, 1), "F")], None, "people[0].dob"),
        ([PersonDetails("applicant", "A", "B", date(1990, 1, 1), "Q")], None, "people[0].sex"),
        ([PersonDetails("child", "A", "B", date(2020, 1, 1), "F")], None, "people"),
        ([PersonDetails("applicant", "A", "B", date(1990, 1, 1), "F"),
          PersonDetails("cousin", "C", "B", date(2001, 1, 1), "M")], None, "people[1].relation"),
    ],
)
def test_bad_household_details_are_refused_naming_the_field_and_nothing_is_saved(team, people, postcode, field):
    with pytest.raises(FieldError) as refused, session_scope() as session:
        add_household(session, actor_id=team.officer, today=date(2026, 11, 23), people=people, postcode=postcode)
    assert refused.value.field == field
    assert find_households(actor_id=team.officer, text="B") == []
