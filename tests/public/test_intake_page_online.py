"""The intake screen carried on from what the public sent online: the officer opens it from
"Online approaches waiting", finds every answer already in the intake's boxes, marked as said by
the applicant and not yet checked, checks for duplicates and saves without typing anything."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from logic.db import session_scope
from logic.models.public import PublicSubmission
from logic.public.submit import submit_referral
from tests.front_door.helpers import count
from tests.pages.conftest import signed_in_app
from tests.public.helpers import AMIR_DOB, amir, probation_referral, send


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _intake() -> AppTest:
    app = signed_in_app("officer")
    app.switch_page("pages/intake.py")
    app.run()
    assert not app.exception, _errors(app)
    return app


def _open(app: AppTest, reference: str) -> None:
    with session_scope() as session:
        from sqlmodel import select
        row_id = session.exec(select(PublicSubmission.id).where(PublicSubmission.reference == reference)).one()
    app.button(key=f"intake_online_open_{row_id}").click()
    app.run()
    assert not app.exception, _errors(app)


def _markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_a_self_assessment_sent_last_night_opens_the_intake_filled_in_and_is_saved_without_retyping(demo_store):
    sent = send(amir(accommodation_tonight=False, current_accommodation="no_fixed_abode",
                     story="My brother asked me to leave last night."))
    app = _intake()
    waiting = _markdown(app)
    assert sent.reference in waiting and "Emergency" in waiting and "Amir Haddad" in waiting

    _open(app, sent.reference)

    captions = " ".join(c.value for c in app.caption)
    assert "Said by the applicant, not yet checked" in captions
    assert app.selectbox(key="intake_channel").value == "online"
    assert (app.text_input(key="intake_new_given").value, app.text_input(key="intake_new_family").value) == (
        "Amir", "Haddad")
    assert app.date_input(key="intake_new_dob").value == AMIR_DOB
    assert app.text_input(key="intake_new_phone").value == "07700 900456"
    assert app.text_input(key="intake_new_postcode").value == "AB1 3EF"

    app.button(key="FormSubmitter:intake_new_household_form-Check for duplicates").click()
    app.run()
    assert not app.exception, _errors(app)
    assert any("New household" in m.value and "Amir" in m.value for m in app.markdown)
    assert app.radio(key="intake_tonight").value == "No"
    assert app.selectbox(key="intake_current_accommodation").value == "no_fixed_abode"
    assert "My brother asked me to leave last night." in app.text_area(key="intake_summary").value
    assert any("Recommended: Emergency" in e.value for e in app.error), [e.value for e in app.error]

    app.button(key="FormSubmitter:intake_confirm_form-Save the contact and confirm the route").click()
    app.run()
    assert not app.exception, _errors(app)
    assert app.success and "opened" in app.success[0].value, _errors(app)
    assert count("SELECT count(*) FROM public_submission WHERE reference = :r AND status = 'taken' "
                 "AND contact_id IS NOT NULL", r=sent.reference) == 1
    assert count("SELECT count(*) FROM person p JOIN public_submission s ON s.household_id = p.household_id "
                 "WHERE s.reference = :r AND p.given_name = 'Lina'", r=sent.reference) == 1


def test_a_probation_referral_opens_with_the_s213b_referral_filled_in_as_said_by_the_referrer(demo_store):
    sent = submit_referral(probation_referral(), source="198.51.100.3")
    app = _intake()
    assert "Hearthshire Probation Delivery Unit" in _markdown(app) and "Dean Marsh" in _markdown(app)

    _open(app, sent.reference)

    assert "Said by the referrer, not yet checked" in " ".join(c.value for c in app.caption)
    assert app.checkbox(key="intake_is_referral").value is True
    assert app.selectbox(key="intake_body_type").value == "probation"
    assert app.text_input(key="intake_referrer_name").value == "Priya Shah"
    assert app.checkbox(key="intake_consent").value is True
    assert app.text_input(key="intake_new_given").value == "Dean"


def test_a_duplicate_sent_twice_is_closed_from_the_intake_screen_with_its_reason(demo_store):
    first, again = send(), send(source="198.51.100.9")
    app = _intake()
    _open(app, again.reference)
    app.radio(key="intake_online_close_reason").set_value("duplicate")
    app.text_input(key="intake_online_close_note").input(f"Same as {first.reference}")
    app.button(key="FormSubmitter:intake_online_close_form-Close it").click()
    app.run()
    assert not app.exception, _errors(app)
    assert any(again.reference in s.value and "duplicate" in s.value for s in app.success)
    waiting = _markdown(app)
    assert first.reference in waiting and again.reference not in waiting


def test_an_officer_saving_an_intake_from_a_submission_a_senior_has_just_closed_is_told_and_nothing_is_saved(
        demo_store):
    from sqlmodel import select

    from logic.models import Officer
    from logic.public import service
    from logic.seed import DEMO_ACCOUNTS

    sent = send()
    app = _intake()
    _open(app, sent.reference)
    app.button(key="FormSubmitter:intake_new_household_form-Check for duplicates").click()
    app.run()
    if any(b.key == "intake_confirm_new" for b in app.button):
        app.button(key="intake_confirm_new").click()
        app.run()
    with session_scope() as session:
        senior = session.exec(select(Officer).where(Officer.username == DEMO_ACCOUNTS["senior"][0])).one()
        row_id = session.exec(select(PublicSubmission.id).where(PublicSubmission.reference == sent.reference)).one()
    service.close_submission(senior.id, row_id, "withdrawn", note="He rang to say he has found a room.")
    households_before = count("SELECT count(*) FROM household")

    app.button(key="FormSubmitter:intake_confirm_form-Save the contact and confirm the route").click()
    app.run()

    assert any(f"Online submission {sent.reference} is already closed: withdrawn by {senior.full_name}" in e.value
               for e in app.error), _errors(app)
    assert not app.success
    assert count("SELECT count(*) FROM household") == households_before
    assert sent.reference in app.text_area(key="intake_summary").value  # the screen keeps what it showed


def test_an_officer_taking_a_phone_call_on_the_intake_screen_leaves_one_audit_row_for_the_waiting_list(demo_store):
    send()
    app = _intake()
    before = count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'view'")
    for _ in range(3):  # every click on the call reruns the screen
        app.text_input(key="intake_search_text").input("Quennell")
        app.selectbox(key="intake_channel").set_value("phone")
        app.run()
        assert not app.exception, _errors(app)
    assert before == 1
    assert count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'view'") == 1
