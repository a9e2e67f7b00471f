"""The intake screen as an officer uses it, from the first call to an opened homelessness case."""

from __future__ import annotations

from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from logic.navigation import pages_for
from tests.front_door.helpers import TODAY
from tests.pages.conftest import signed_in_app


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _intake(role: str = "officer") -> AppTest:
    app = signed_in_app(role)
    app.switch_page("pages/intake.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value == "Intake"
    return app


def _submit(app: AppTest, form: str, label: str) -> None:
    app.button(key=f"FormSubmitter:{form}-{label}").click()
    app.run()


def test_a_first_call_with_a_section_21_becomes_an_open_homelessness_case(demo_store):
    today = TODAY  # the clock is held at it (tests/front_door/conftest.py)
    app = _intake()
    app.selectbox(key="intake_channel").set_value("phone")
    app.text_input(key="intake_search_text").input("Quennell-Ashdown")
    _submit(app, "intake_search_form", "Search")
    assert any("No household matches" in i.value for i in app.info)

    app.text_input(key="intake_new_given").input("Marta")
    app.text_input(key="intake_new_family").input("Quennell-Ashdown")
    app.date_input(key="intake_new_dob").set_value(date(1988, 7, 14))
    app.selectbox(key="intake_new_sex").set_value("F")
    app.text_input(key="intake_new_postcode").input("ab1 2cd")
    _submit(app, "intake_new_household_form", "Check for duplicates")
    assert not app.exception, _errors(app)
    assert any("New household" in m.value for m in app.markdown)

    app.checkbox(key="intake_s21").check()
    app.run()
    app.date_input(key="intake_s21_on").set_value(today + timedelta(days=35))
    app.radio(key="intake_s21_valid").set_value("yes")
    app.run()
    recommended = [w.value for w in app.warning]
    assert any("Recommended: Open a homelessness case" in v for v in recommended), recommended
    assert any("s.184(1)" in m.value for m in app.markdown)
    assert app.radio(key="intake_route_homelessness").value == "homelessness"

    app.text_area(key="intake_summary").input("Section 21 served last week; two months' arrears.")
    app.multiselect(key="intake_signposting").select("shelter_helpline")
    app.text_area(key="intake_advice").input("Stay put until the notice expires.")
    _submit(app, "intake_confirm_form", "Save the contact and confirm the route")
    assert not app.exception, _errors(app)
    saved = app.success[0].value
    assert " opened" in saved and "HL-" in saved, saved
    assert "0808 800 4444" in app.code[0].value  # the email-ready advice

    reference = saved.split("; ")[1].split(" ")[0]
    assert reference.startswith("HL-")
    app.button(key="intake_open_case").click()
    app.run()
    assert app.title[0].value.startswith(reference), app.title[0].value


def test_a_caller_who_may_already_be_known_is_shown_as_a_possible_duplicate(demo_store):
    from logic.db import session_scope
    from logic.models import Person

    with session_scope() as session:
        known = session.query(Person).filter(Person.relation == "applicant").first()
        given, family, dob = known.given_name, known.family_name, known.dob
    app = _intake()
    app.text_input(key="intake_new_given").input(given)
    app.text_input(key="intake_new_family").input(family)
    app.date_input(key="intake_new_dob").set_value(dob)
    _submit(app, "intake_new_household_form", "Check for duplicates")
    assert any("may already be" in w.value for w in app.warning)
    assert any("same surname and date of birth" in m.value for m in app.markdown)
    household_button = next(b for b in app.button if b.key and b.key.startswith("intake_dup_"))
    household_button.click()
    app.run()
    assert not app.exception, _errors(app)
    assert app.radio(key="intake_tonight")  # straight on to the triage for the known household


def test_an_emergency_needs_nothing_more_than_the_answer_no_for_tonight(demo_store):
    app = _intake("senior")
    app.text_input(key="intake_search_text").input("HH-0000")
    _submit(app, "intake_search_form", "Search")
    next(b for b in app.button if b.key and b.key.startswith("intake_use_")).click()
    app.run()
    app.radio(key="intake_tonight").set_value("No")
    app.run()
    assert any("Recommended: Emergency today" in e.value for e in app.error)


def test_a_trainee_has_no_intake_screen():
    assert "intake" not in {p.url_path for p in pages_for("trainee")}
    assert "intake" in {p.url_path for p in pages_for("officer")}


def test_a_triage_answer_that_cannot_be_used_is_named_as_the_screen_asks_it(demo_store):
    app = _intake()
    app.text_input(key="intake_new_given").input("Marta")
    app.text_input(key="intake_new_family").input("Quennell-Ashdown")
    app.date_input(key="intake_new_dob").set_value(date(1988, 7, 14))
    app.selectbox(key="intake_new_sex").set_value("F")
    _submit(app, "intake_new_household_form", "Check for duplicates")
    app.checkbox(key="intake_s21").check()  # a notice served, its expiry date not yet given
    app.run()
    assert not app.exception, _errors(app)
    errors = [e.value for e in app.error]
    assert "The section 21 notice expires on: give the date the notice expires" in errors, errors
    assert not any("section_21_expires_on" in e for e in errors)
    assert not app.warning and not any("Recommended" in e for e in errors)  # no route offered


def test_the_screen_asks_who_referred_a_caller_and_records_where_she_lives_now(demo_store):
    import sqlalchemy as sa

    from logic.db import engine_for

    app = _intake()
    app.text_input(key="intake_search_text").input("Okafor-Lindqvist")
    _submit(app, "intake_search_form", "Search")
    app.text_input(key="intake_new_given").input("Ada")
    app.text_input(key="intake_new_family").input("Okafor-Lindqvist")
    app.date_input(key="intake_new_dob").set_value(date(1993, 2, 11))
    app.selectbox(key="intake_new_sex").set_value("F")
    _submit(app, "intake_new_household_form", "Check for duplicates")
    app.radio(key="intake_tonight").set_value("No")
    app.selectbox(key="intake_current_accommodation").set_value("living_with_friends")
    app.run()
    # who referred her is asked in words (a s.213B referral would name its body instead)
    source = app.selectbox(key="intake_referral_source")
    assert source.value == "none" and "Another council" in source.options
    source.set_value("other_agency")
    app.text_area(key="intake_summary").input("Sofa-surfing at a friend's; asked to leave tonight.")
    _submit(app, "intake_confirm_form", "Save the contact and confirm the route")
    assert not app.exception and not app.error, _errors(app)
    with engine_for().connect() as connection:
        source, answers = connection.execute(sa.text(
            "SELECT referral_source, answers FROM triage_record ORDER BY id DESC LIMIT 1")).one()
    assert source == "other_agency"
    assert '"current_accommodation": "living_with_friends"' in answers
