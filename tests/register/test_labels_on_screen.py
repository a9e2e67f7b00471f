"""The register application form names immigration status, tenure and access need in words."""

from __future__ import annotations

from tests.pages.conftest import signed_in_app


def test_a_new_application_offers_immigration_statuses_as_the_intake_screen_words_them(
        demo_store):
    app = signed_in_app("officer")
    app.switch_page("pages/register_application.py")
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]

    statuses = app.selectbox(key="register_new_immigration_status").options
    assert "British or Irish citizen" in statuses
    assert "British irish" not in statuses
    assert "Asylum seeker (claim not yet decided)" in statuses
    assert "Council tenancy" in app.selectbox(key="register_new_tenure").options
    assert "Wheelchair-accessible home" in app.selectbox(key="register_new_accessibility_need").options
