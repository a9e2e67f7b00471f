"""On the case record, an officer records a review request against the s.184 letter; a senior
officer assigns themself, is refused a decision while the applicant can still answer the
minded-to notice, and overturns the decision, which makes the main housing duty owed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from logic.cases import service as cases
from logic.casework import reviews
from logic.letters import service as letters
from pages import _keys
from tests.letters.helpers import OPTIONS, case_after_relief_day_57, version
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _section(reference: str, officer) -> AppTest:
    """The casework section as the case record shows it, with its Reviews and appeals tab."""

    def script(reference: str, officer) -> None:
        import streamlit as st

        from logic.cases import service as cases
        from pages._sections.casework import render_casework_section
        from pages._ui import remember_version_seen, show_flash

        show_flash()
        record = cases.open_case_record(case_id=cases.case_id_for_reference(reference), viewer_id=officer.id)
        render_casework_section(record, officer)
        remember_version_seen(record.id, record.version)
        st.write("rendered")

    return AppTest.from_function(script, kwargs={"reference": reference, "officer": officer}, default_timeout=30)


def _markdown(app) -> str:
    return "\n".join(m.value for m in app.markdown) + "\n".join(c.value for c in app.caption)


def test_a_not_in_priority_need_decision_is_reviewed_and_overturned_on_the_case_record():
    officer = signed_in_app("officer").session_state[_keys.OFFICER]
    senior = signed_in_app("senior").session_state[_keys.OFFICER]
    case_id = case_after_relief_day_57(SimpleNamespace(officer=officer.id), children=0, then="no_further_duty")
    letters.issue_letter(case_id=case_id, expected_version=version(case_id, officer.id),
                         letter_type_code="s184_not_priority_need", officer_id=officer.id,
                         options=OPTIONS["s184_not_priority_need"])
    reference = cases.open_case_record(case_id=case_id, viewer_id=officer.id).reference

    app = _section(reference, officer)
    app.run()
    assert "No review has been asked on this case (s.202)." in [i.value for i in app.info], _errors(app)
    # the decision letters are listed by their titles and dates
    letter_choice = app.selectbox(key=_keys.REVIEW_LETTER)
    assert "Decision on your homelessness application: not in priority need (23 Nov 2026; ask by 13 Dec 2026)" in letter_choice.options
    app.button(key=f"FormSubmitter:{_keys.REVIEW_REQUEST_FORM}-Record the request").click()
    app.run()
    assert _errors(app) == ["What the review is about (s.202(1)): choose what the review is about"]
    app.selectbox(key=_keys.REVIEW_GROUND).set_value("b")
    app.button(key=f"FormSubmitter:{_keys.REVIEW_REQUEST_FORM}-Record the request").click()
    app.run()
    assert not _errors(app), _errors(app)
    text = _markdown(app)
    assert "not in priority need\"** · Open" in text
    assert "Decision due by **17 Jan 2027**" in text
    # an officer records the request; the reviewer is assigned by a senior officer or a manager
    assert not [s.key for s in app.selectbox if s.key.endswith("_reviewer")]

    app = _section(reference, senior)
    app.run()
    review_id = next(int(s.key.split("_")[1]) for s in app.selectbox if s.key.endswith("_reviewer"))
    key = lambda name: _keys.review_widget(review_id, name)  # noqa: E731
    reviewer = app.selectbox(key=key("reviewer"))
    assert "Olu Adeyemi (Housing options officer)" not in reviewer.options  # involved, and not senior
    reviewer.set_value(senior.id)
    app.button(key=f"FormSubmitter:{key('assign_form')}-Assign").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert f"Reviewer: {senior.full_name}" in _markdown(app)

    app.text_area(key=key("points")).input("The GP's letter was not considered; I am still minded to find "
                                           "him not vulnerable.")
    app.button(key=f"FormSubmitter:{key('minded_to_form')}-Record the minded-to notice").click()
    app.run()
    assert not _errors(app), _errors(app)
    app.selectbox(key=key("outcome")).set_value("upheld")
    app.text_area(key=key("reasons")).input("He manages day to day without support.")
    app.button(key=f"FormSubmitter:{key('decision_form')}-Record the decision").click()
    app.run()
    [refusal] = _errors(app)
    assert refusal.startswith("Decided on: the applicant was told on 23 November 2026")
    assert "(Homelessness (Review Procedure etc.) Regulations 2018 reg 7(2))" in refusal

    app.selectbox(key=key("outcome")).set_value("overturned")
    app.text_area(key=key("reasons")).input("His psychiatrist's letter shows he is vulnerable (s.189(1)(c)).")
    app.button(key=f"FormSubmitter:{key('decision_form')}-Record the decision").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert "Original decision overturned (withdrawn)" in _markdown(app)
    assert cases.open_case_record(case_id=case_id, viewer_id=officer.id).stage == "main_duty"


def test_an_officer_records_the_appeal_against_an_upheld_review_and_the_courts_decision():
    officer = signed_in_app("officer").session_state[_keys.OFFICER]
    senior = signed_in_app("senior").session_state[_keys.OFFICER]
    case_id = case_after_relief_day_57(SimpleNamespace(officer=officer.id), children=0, then="no_further_duty")
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, officer.id),
                                  letter_type_code="s184_not_priority_need", officer_id=officer.id,
                                  options=OPTIONS["s184_not_priority_need"])
    review_id = reviews.request_review(case_id=case_id, expected_version=version(case_id, officer.id),
                                       officer_id=officer.id, letter_id=letter.id, ground="b",
                                       requested_on=letter.notified_on)
    reviews.assign_reviewer(review_id=review_id, expected_version=version(case_id, senior.id), officer_id=senior.id,
                            reviewer_id=senior.id, assigned_on=letter.notified_on)
    reviews.decide_review(review_id=review_id, expected_version=version(case_id, senior.id), officer_id=senior.id,
                          outcome="upheld", decided_on=letter.notified_on,
                          reasons="He manages day to day without support.")
    reference = cases.open_case_record(case_id=case_id, viewer_id=officer.id).reference
    key = lambda name: _keys.review_widget(review_id, name)  # noqa: E731

    app = _section(reference, officer)
    app.run()
    assert "may be brought by 13 Dec 2026 (s.204(2))" in _markdown(app), _errors(app)
    app.button(key=f"FormSubmitter:{key('appeal_form')}-Record the appeal").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert "Appeal lodged 23 Nov 2026 (in time)" in _markdown(app)
    app.selectbox(key=key("appeal_outcome")).set_value("quashed")
    app.button(key=f"FormSubmitter:{key('appeal_outcome_form')}-Record the court's decision").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert "decided 23 Nov 2026: Review decision quashed" in _markdown(app)
