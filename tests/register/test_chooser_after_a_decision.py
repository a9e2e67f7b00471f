"""The "Register case" chooser and the Stage figure agree once a decision is recorded: the
chooser's label is read after the write, as the browser shows it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from logic.register import views as views_register
from tests.pages.conftest import signed_in_app


def _problems(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _as_the_browser_shows_it(before_id: str, held: str, chooser) -> str:
    """A browser keeps the label it showed under the chooser's id and shows it again unless the
    server sends a new chooser (a new id) or sets its value (set_value); AppTest redraws every
    widget from the server, so this asks the question the browser does."""
    if chooser.id != before_id:
        return chooser.proto.options[chooser.proto.default]
    if chooser.proto.set_value:
        return chooser.proto.raw_value
    return held


def test_after_the_decision_the_chooser_names_the_stage_the_figure_shows(demo_store):
    waiting = views_register.register_case_choices(stage="assessment", limit=10_000)
    app = signed_in_app("officer")
    for ref in waiting[waiting["band"].isna()]["reference"]:  # one the engine finds qualifies
        app.query_params["ref"] = ref
        app.switch_page("pages/register_application.py")
        app.run()
        assert not app.exception, _problems(app)
        if next(m.value for m in app.metric if m.label == "Qualifies") == "Yes":
            break
    else:
        raise AssertionError("the demo has an application waiting that qualifies")
    chooser = app.selectbox[0]
    assert chooser.label == "Register case"
    held = chooser.options[chooser.index]
    assert held.endswith(" · Assessment")

    app.button(key="FormSubmitter:register_decision_form-Record the decision").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success[0].value == "Decision recorded."
    stage = next(m.value for m in app.metric if m.label == "Stage")
    assert stage == "On the register"
    shown = _as_the_browser_shows_it(chooser.id, held, app.selectbox[0])
    assert shown.startswith(ref) and shown.endswith(f" · {stage}"), shown
