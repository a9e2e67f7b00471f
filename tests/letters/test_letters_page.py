"""An officer writes a letter on the letters screen: preview first, then issue; the issued
letter is listed on the case with its download."""

from __future__ import annotations

from datetime import date

from logic import clock
from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _open(app, reference: str):
    app.query_params["ref"] = reference
    app.switch_page("pages/letters.py")
    app.run()
    assert not app.exception, _errors(app)


def test_an_officer_previews_then_issues_a_duty_ended_notice(demo_store):  # noqa: F811
    from logic.letters import service as letters

    app = signed_in_app("officer")
    officer_id = app.session_state[_keys.OFFICER].id
    from logic.cases import service as cases
    from logic.db import session_scope
    from logic.front_door.households import PersonDetails, add_household

    # a case opened today, with no duty recorded on it yet: the officer gives the details
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=clock.today(),
                                  postcode="ab1 2cd", people=[
                                      PersonDetails("applicant", "Joel", "Mensah", date(1988, 1, 9), "M")])
        reference = cases.open_case(session, actor_id=officer_id, household_id=household.id,
                                    case_type="homelessness", reason="Asked for help",
                                    assigned_officer_id=officer_id).reference
    _open(app, reference)
    assert app.text_input(key="letters_reference").value == reference

    app.selectbox(key="letters_type").select("duty_ended")
    app.run()
    prefix = "letters_option_duty_ended_"
    app.selectbox(key=prefix + "duty").select("relief")
    app.text_area(key=prefix + "reasons").input("You moved into a flat of your own on 1 November.")
    # issuing before any preview is held back
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert "Preview the letter first" in app.warning[0].value
    # a missing date is named as the form labels it, not by its code
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert app.error[0].value == "Date the duty ended: this is required"

    app.date_input(key=prefix + "ended_on").set_value(app.date_input(key="letters_notified_on").value)
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.exception, _errors(app)
    assert any("page(s)" in c.value for c in app.caption)
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "issued and recorded on the case" in app.success[0].value

    case_id = cases.case_id_for_reference(reference)
    [issued] = letters.letters_for_case(case_id=case_id, viewer_id=officer_id)
    assert issued.letter_type == "duty_ended"
    app.button(key="letters_issued_pick_fetch").click()
    app.run()
    assert not app.exception, _errors(app)


def test_the_batch_screen_is_for_team_leads_only(demo_store):  # noqa: F811
    from logic.navigation import pages_for

    assert "letters-batch" not in {p.url_path for p in pages_for("officer")}
    app = signed_in_app("senior")
    app.switch_page("pages/letters_batch.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value == "Letters in a batch"


def _prevention_case_not_yet_notified(officer_id: int) -> str:
    """A case of the demo whose prevention duty runs and has not been notified in writing."""
    from logic.cases import views
    from logic.casework import service as cw

    mine = views.caseload(officer_id)
    for reference in mine[mine["case_type"] == "homelessness"]["reference"]:
        from logic.cases import service as cases
        summary = cw.casework_summary(case_id=cases.case_id_for_reference(reference),
                                      viewer_id=officer_id)
        if summary.clock and summary.clock.duty == "prevention" and summary.clock.notified_on is None:
            return reference
    raise AssertionError("the demo has no unnotified prevention case for this officer")


def test_a_prevention_case_offers_the_prevention_letter_and_not_the_main_duty_one(demo_store):  # noqa: F811
    from logic.cases import service as cases
    from logic.casework import service as cw

    app = signed_in_app("officer")
    officer_id = app.session_state[_keys.OFFICER].id
    reference = _prevention_case_not_yet_notified(officer_id)
    _open(app, reference)
    offered = app.selectbox(key="letters_type").options
    assert not any("main housing duty accepted" in o for o in offered)
    held_back = " ".join(m.value for m in app.markdown)
    assert "**Section 184 decision: main housing duty accepted**: Not sent now" not in held_back
    assert ("**Section 184 decision: main housing duty accepted**: The letter notifies the main "
            "housing duty") in held_back and "prevention duty" in held_back

    app.selectbox(key="letters_type").select("prevention_duty")
    app.run()
    assert any("Taken from the case record" in c.value and "Date the duty began" in c.value
               for c in app.caption)
    assert "letters_option_prevention_duty_duty_started_on" not in [d.key for d in app.date_input]
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.exception, _errors(app)
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "issued and recorded on the case" in app.success[0].value

    # the letter was the duty's notification: nothing is left to record by hand
    summary = cw.casework_summary(case_id=cases.case_id_for_reference(reference), viewer_id=officer_id)
    assert summary.clock.notified_on == app.date_input(key="letters_notified_on").value
    assert not [d for d, _ in summary.deadlines if d.kind == "duty_notification"]
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not app.exception, _errors(app)
    assert "Record notification" not in [b.label for b in app.button]
    assert any("Duty notified in writing on" in c.value for c in app.caption)
