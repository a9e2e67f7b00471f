"""A screen offers an action only where the domain says the officer may take it."""

from __future__ import annotations

from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _open_case(app, reference: str) -> None:
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    assert app.title[0].value.startswith(reference)


def test_an_officer_is_not_offered_reassignment_but_their_senior_is(demo_store):  # noqa: F811
    from logic.cases import views

    officer = signed_in_app("officer")
    reference = views.caseload(officer.session_state[_keys.OFFICER].id).iloc[0]["reference"]
    _open_case(officer, reference)
    assert "reassign_to" not in [s.key for s in officer.selectbox]
    assert "close_reason" in [t.key for t in officer.text_input]  # the case is open to act on

    senior = signed_in_app("senior")
    _open_case(senior, reference)
    assert "reassign_to" in [s.key for s in senior.selectbox]
