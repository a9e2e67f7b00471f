"""An officer writes a letter on the letters screen: preview first, then issue; the issued
letter is listed on the case with its download."""

from __future__ import annotations

from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _open(app, reference: str):
    app.query_params["ref"] = reference
    app.switch_page("pages/letters.py")
    app.run()
    assert not app.exception, _errors(app)


def test_an_officer_previews_then_issues_a_duty_ended_notice(demo_store):  # noqa: F811
    from logic.cases import views
    from logic.letters import service as letters

    app = signed_in_app("officer")
    officer_id = app.session_state["hearth_officer"].id
    mine = views.caseload(officer_id)
    reference = mine[mine["case_type"] == "homelessness"].iloc[0]["reference"]
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
    # a missing date is named
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert app.error[0].value.startswith("ended_on:")

    app.date_input(key=prefix + "ended_on").set_value(app.date_input(key="letters_notified_on").value)
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.exception, _errors(app)
    assert any("page(s)" in c.value for c in app.caption)
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "issued and recorded on the case" in app.success[0].value

    from logic.cases import service as cases
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
