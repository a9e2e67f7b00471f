"""The public app's screens, as a person with nowhere to stay tonight and a probation officer
use them (AppTest over the real public_app.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.public import submit
from logic.public.inbox import public_inbox

PUBLIC_APP = str(Path(__file__).resolve().parents[2] / "public_app.py")

pytestmark = pytest.mark.usefixtures("demo_store")


def _app() -> AppTest:
    app = AppTest.from_file(PUBLIC_APP, default_timeout=30)
    app.run()
    return app


def _continue(app: AppTest) -> None:
    app.button(key="public_continue").click().run()
    assert not app.exception, app.exception


def _texts(app: AppTest) -> str:
    kinds = ("markdown", "text", "error", "warning", "success", "subheader", "header", "title", "caption", "code")
    return "\n".join(str(e.value) for kind in kinds for e in app.get(kind))


def test_the_start_page_puts_who_to_call_tonight_first():
    app = _app()
    assert app.title[0].value == "Get help if you are homeless or about to lose your home"
    box = app.error[0].value
    assert "999" in box and "01632 960199" in box and "0808 2000 247" in box


def test_a_person_with_nowhere_to_stay_tonight_completes_the_self_assessment_and_gets_a_reference():
    app = _app()
    app.button(key="public_start").click().run()
    assert app.progress[0].value > 0 and "Question 1 of" in app.progress[0].proto.text
    app.text_input(key="public_q_given_name").input("Jo")
    app.text_input(key="public_q_family_name").input("Bloggs <b>")
    _continue(app)
    assert app.title[0].value == "What is your date of birth?"
    # Back returns to the question before, with its answer kept
    app.button(key="public_back").click().run()
    assert app.text_input(key="public_q_family_name").value == "Bloggs <b>"
    _continue(app)
    _continue(app)  # no date of birth given
    assert app.error[0].value == "Please answer this question to continue."
    app.date_input(key="public_q_dob").set_value(date(1999, 4, 1))
    _continue(app)
    app.radio(key="public_q_sex").set_value("F")
    _continue(app)
    app.radio(key="public_q_pregnant").set_value(False)
    _continue(app)
    app.radio(key="public_q_accommodation_tonight").set_value(False)
    _continue(app)
    app.selectbox(key="public_q_current_accommodation").set_value("rough_sleeping")
    _continue(app)
    app.radio(key="public_q_section_21_served").set_value(False)
    _continue(app)
    app.radio(key="public_q_leave_known").set_value(False)
    _continue(app)
    for code in ("domestic_abuse",):
        app.radio(key=f"public_q_{code}").set_value(False)
        _continue(app)
    app.radio(key="public_q_disaster").set_value("none")
    _continue(app)
    app.radio(key="public_q_safeguarding_concern").set_value(False)
    _continue(app)
    app.selectbox(key="public_q_immigration_status").set_value("not_known")
    _continue(app)
    _continue(app)  # lives alone
    app.radio(key="public_q_wants_to_move").set_value(True)
    _continue(app)
    app.text_area(key="public_q_story").input("I have been sleeping in the park **since** Monday.")
    _continue(app)

    assert app.title[0].value == "Check your answers"
    assert "I have been sleeping in the park **since** Monday." in [t.value for t in app.text]
    app.button(key="public_check_continue").click().run()

    assert app.title[0].value == "What your answers suggest"
    assert "01632 960199" in app.error[0].value  # emergency first
    assert app.subheader[0].value == "You may be homeless."
    assert app.warning[0].value.startswith("This is not a decision.")
    app.button(key="public_result_continue").click().run()

    app.text_input(key="public_phone").input("07700 900111")
    app.button[-1].click().run()  # Send without agreeing
    assert app.error[0].value.startswith("Your agreement\\: please tick the box")  # as text
    assert public_inbox().waiting() == []  # nothing sent
    app.checkbox(key="public_consent").check()
    app.button[-1].click().run()

    assert app.title[0].value == "Your answers have been sent"
    [sent] = public_inbox().waiting()  # handed to the inbox, for the staff app to take in
    reference = sent.reference
    assert reference.startswith("ON-") and reference in app.success[0].value
    assert app.get("download_button")  # the PDF summary
    link = app.code[0].value
    assert link.startswith(f"summary?ref={reference}&token=")  # AppTest has no address; a browser's is put first
    # the free text is shown as typed, never as markdown or HTML
    assert all("<b>" not in str(m.value) or "\\<b\\>" in str(m.value) for m in app.markdown)


def test_the_one_time_link_shows_the_summary_once():
    receipt = submit.submit_self_assessment(_jo(), submit.ContactAnswer(phone="07700 900111"), True, "x")
    app = AppTest.from_file(PUBLIC_APP, default_timeout=30)
    app.query_params["ref"] = receipt.reference
    app.query_params["token"] = receipt.one_time_link_token
    app.switch_page("pages/public/summary.py")
    app.run()
    app.button(key="public_show_summary").click().run()
    assert "Jo Bloggs" in [t.value for t in app.text]
    again = AppTest.from_file(PUBLIC_APP, default_timeout=30)
    again.query_params["ref"] = receipt.reference
    again.query_params["token"] = receipt.one_time_link_token
    again.switch_page("pages/public/summary.py")
    again.run()
    again.button(key="public_show_summary").click().run()
    assert again.error[0].value.startswith("This link has been used or is not right")


def test_a_probation_officer_refers_someone_with_their_consent():
    app = _app()
    app.button(key="public_refer").click().run()
    app.selectbox(key="public_ref_body_type").set_value("probation")
    app.text_input(key="public_ref_body_name").input("Hearthshire Probation")
    app.text_input(key="public_ref_referrer").input("Priya Shah")
    app.text_input(key="public_ref_referrer_contact").input("01632 960555")
    app.text_input(key="public_ref_given").input("Dean")
    app.text_input(key="public_ref_family").input("Marsh")
    app.date_input(key="public_ref_dob").set_value(date(1988, 9, 30))
    app.radio(key="public_ref_sex").set_value("M")
    app.text_input(key="public_ref_phone").input("07700 900789")
    app.radio(key="public_ref_tonight").set_value(True)
    app.text_area(key="public_ref_reason").input("Leaves prison on 1 December with nowhere to go.")
    app.button[-1].click().run()
    assert "with the person's agreement" in app.error[0].value  # no consent ticked
    app.checkbox(key="public_ref_consent").check()
    app.button[-1].click().run()
    assert app.title[0].value == "Your referral has been sent"
    [sent] = public_inbox().waiting()
    assert (sent.record["kind"], sent.record["body_type"]) == ("referral", "probation")


def _jo() -> submit.SelfAssessment:
    return submit.SelfAssessment(person=submit.PersonAnswer("Jo", "Bloggs", date(1999, 4, 1), "F"),
                                 immigration_status="not_known", accommodation_tonight=False)


def _answer_all_as_sam(app: AppTest) -> None:
    """Sam Okoro, staying with friends until 10 December: every question, as a man would see them."""
    app.button(key="public_start").click().run()
    app.text_input(key="public_q_given_name").input("Sam")
    app.text_input(key="public_q_family_name").input("Okoro")
    _continue(app)
    app.date_input(key="public_q_dob").set_value(date(1980, 1, 2))
    _continue(app)
    app.radio(key="public_q_sex").set_value("M")
    _continue(app)
    asked = [app.title[0].value]
    for key, value in (("accommodation_tonight", True), ("section_21_served", False),
                       ("leave_known", False), ("domestic_abuse", False), ("disaster", "none"),
                       ("safeguarding_concern", False), ("wants_to_move", False)):
        if key == "section_21_served":
            app.selectbox(key="public_q_current_accommodation").set_value("living_with_friends")
            _continue(app)
        if key == "wants_to_move":
            app.selectbox(key="public_q_immigration_status").set_value("british_irish")
            _continue(app)
            _continue(app)  # lives alone
        app.radio(key=f"public_q_{key}").set_value(value)
        _continue(app)
        asked.append(app.title[0].value)
    _continue(app)  # nothing else to say
    assert "Are you pregnant?" not in asked


def test_an_answer_changed_from_the_check_page_returns_there_and_a_man_is_not_asked_about_pregnancy():
    app = _app()
    _answer_all_as_sam(app)
    assert app.title[0].value == "Check your answers"
    app.button(key="public_change_tonight").click().run()
    assert app.title[0].value == "Do you have somewhere safe to stay tonight?"
    assert "Question 4 of 14" in app.progress[0].proto.text  # no pregnancy question for him
    app.radio(key="public_q_accommodation_tonight").set_value(False)
    _continue(app)
    assert app.title[0].value == "Check your answers"  # straight back, not through every question
    assert [t.value for t in app.text][3] == "No"
    app.button(key="public_check_continue").click().run()
    assert "01632 960199" in app.error[0].value  # now with nowhere tonight: who to call first


def test_someone_who_does_not_know_when_they_must_leave_sees_that_answer_not_a_blank():
    app = _app()
    _answer_all_as_sam(app)
    assert app.title[0].value == "Check your answers"
    shown = [t.value for t in app.text]
    assert "No, or I have already left" in shown and "Not given" not in shown


def test_each_change_button_says_what_it_changes_so_a_screen_reader_user_can_tell_them_apart():
    app = _app()
    _answer_all_as_sam(app)
    labels = [b.label for b in app.button if b.key and b.key.startswith("public_change_")]
    assert len(labels) == 14 and len(set(labels)) == 14
    assert "Change where you can stay tonight" in labels and "Change" not in labels
