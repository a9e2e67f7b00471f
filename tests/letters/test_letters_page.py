"""An officer writes a letter on the letters screen: preview first, then issue; the issued
letter is listed on the case with its download."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from pages import _keys
from tests.letters.helpers import TODAY, case_on_relief_duty, case_with_duty_ended, new_case
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _open(app, reference: str):
    app.query_params["ref"] = reference
    app.switch_page("pages/letters.py")
    app.run()
    assert not app.exception, _errors(app)


def _as(app) -> SimpleNamespace:
    """The signed-in officer, as the casework helpers take a team."""
    return SimpleNamespace(officer=app.session_state[_keys.OFFICER].id)


def test_an_officer_previews_then_issues_a_duty_ended_notice(demo_store):  # noqa: F811
    from logic.cases import service as cases
    from logic.letters import service as letters

    app = signed_in_app("officer")
    me = _as(app)
    # the prevention duty ended today when the applicant found a home: the case records it
    case_id = case_with_duty_ended(me, given="Joel", family="Mensah")
    reference = cases.open_case_record(case_id=case_id, viewer_id=me.officer).reference
    _open(app, reference)
    assert app.text_input(key="letters_reference").value == reference

    app.selectbox(key="letters_type").select("duty_ended")
    app.run()
    assert any("Taken from the case record" in c.value and "Date the duty ended" in c.value
               and "Duty that has ended" in c.value for c in app.caption)
    prefix = "letters_option_duty_ended_"
    assert prefix + "ended_on" not in [d.key for d in app.date_input]  # never typed again
    app.text_area(key=prefix + "reasons").input("You moved into a flat of your own on 1 November.")
    # issuing before any preview is held back
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert "Preview the letter first" in app.warning[0].value

    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.exception, _errors(app)
    assert not app.error, _errors(app)
    assert any("page(s)" in c.value for c in app.caption)
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "issued and recorded on the case" in app.success[0].value

    [issued] = letters.letters_for_case(case_id=case_id, viewer_id=me.officer)
    assert issued.letter_type == "duty_ended"
    assert issued.notified_on == TODAY
    app.button(key="letters_issued_pick_fetch").click()
    app.run()
    assert not app.exception, _errors(app)


def test_a_date_the_officer_must_give_is_named_as_the_form_labels_it(demo_store):  # noqa: F811
    from logic.cases import service as cases

    app = signed_in_app("officer")
    me = _as(app)
    case_id = case_on_relief_duty(me, given="Joel", family="Mensah")
    _open(app, cases.open_case_record(case_id=case_id, viewer_id=me.officer).reference)
    app.selectbox(key="letters_type").select("s193b_warning")
    app.run()
    prefix = "letters_option_s193b_warning_"
    app.text_area(key=prefix + "steps_refused").input("Attend the viewing arranged for you.")
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert app.error[0].value == "Take the steps by (the end of the warning period): this is required"
    assert "YYYY" not in app.error[0].value

    app.date_input(key=prefix + "respond_by").set_value(TODAY + timedelta(days=14))
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.exception, _errors(app)
    assert not app.error, _errors(app)
    assert any("page(s)" in c.value for c in app.caption)


def test_a_case_with_no_casework_offers_no_letter_and_the_screen_says_why(demo_store):  # noqa: F811
    app = signed_in_app("officer")
    me = _as(app)
    from logic.cases import service as cases

    case_id = new_case(me, given="Joel", family="Mensah")  # a household that has just asked
    _open(app, cases.open_case_record(case_id=case_id, viewer_id=me.officer).reference)
    assert "No letter can be sent on this case as it stands." in [i.value for i in app.info]
    assert not [s for s in app.selectbox if s.key == "letters_type"]
    held_back = " ".join(m.value for m in app.markdown)
    assert ("**Section 184 decision: main housing duty accepted**: The letter notifies the main "
            "housing duty") in held_back
    assert "no s.189A assessment is recorded on the case yet" in held_back


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
