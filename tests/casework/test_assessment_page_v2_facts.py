"""On screen: an officer records the version-2 facts on the s.189A assessment and the engine's
answer follows them (decision-scenarios.md, version 2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models import Person
from pages import _keys
from tests.casework.helpers import TODAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")

CHECK = "FormSubmitter:assessment_facts_form-Check with the engine"


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _case(officer_id: int, people: list[PersonDetails]) -> tuple[str, dict[str, int]]:
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=people)
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Asked to leave", assigned_officer_id=officer_id)
        found = session.exec(select(Person).where(Person.household_id == household.id)).all()
        return case.reference, {p.given_name: p.id for p in found}


def _open(app, reference: str):
    app.query_params["ref"] = reference
    app.switch_page("pages/assessment.py")
    app.run()
    assert app.title[0].value == "Assessment", _errors(app)
    app.text_area(key="assessment_circumstances").input("Asked to leave by a friend.")
    app.text_area(key="assessment_housing_needs").input("One bedroom in the borough.")
    app.text_area(key="assessment_support_needs").input("None identified.")
    app.selectbox(key="assessment_immigration").set_value("british_irish")
    app.checkbox(key="assessment_has_home").uncheck()
    app.number_input(key="assessment_months").set_value(12)
    return app


def _findings(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_olu_records_that_marcus_lives_with_his_brother_who_is_vulnerable_and_the_engine_finds_priority_need():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, ids = _case(officer.id, [PersonDetails("applicant", "Marcus", "Reid", date(1985, 3, 3), "M"),
                                        PersonDetails("sibling", "Jon", "Reid", date(1988, 8, 8), "M")])
    _open(app, reference)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.radio(key=_keys.assessment_decision("priority_need")).value == "No"

    app.multiselect(key=_keys.assessment_member("vulnerability", ids["Jon"])).set_value(["mental_illness"])
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.radio(key=_keys.assessment_decision("priority_need")).value == "Yes"
    assert "Priority need grounds: **Lives with someone who is vulnerable**" in _findings(app)


def test_a_17_year_old_care_leaver_is_asked_the_children_act_questions_and_children_services_come_first():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Kai", "Lowe", date(2009, 6, 1), "M")])
    _open(app, reference)
    app.checkbox(key="assessment_relevant_child").check()
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert "Children's services' duties come first (Children Act 1989): **Yes**" in _findings(app)


def test_an_adult_applicant_is_not_asked_the_children_act_questions():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Ruth", "Lowe", date(1979, 6, 1), "F")])
    _open(app, reference)
    keys = {c.key for c in app.checkbox}
    assert "assessment_relevant_child" not in keys and "assessment_owed_s20" not in keys
    assert "assessment_carer" in keys and "assessment_care_leaver_here" in keys


def test_twins_expected_by_the_applicant_are_recorded_and_the_engine_counts_the_bedrooms():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Nia", "Owen", date(1995, 1, 1), "F",
                                                    pregnant=True),
                                      PersonDetails("child", "Ben", "Owen", date(2021, 1, 1), "M")])
    _open(app, reference)
    app.button(key=CHECK).click()
    app.run()
    assert "Bedrooms the household needs: **2**" in _findings(app), _findings(app)
    app.number_input(key="assessment_babies").set_value(2)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    # Nia has a room; Ben (5) shares with one baby (two children under 10); a second baby needs another
    assert "Bedrooms the household needs: **3**" in _findings(app), _findings(app)


# --- each version-2 fact on the form, and the engine's answer it changes -----------------------

FAMILY = [PersonDetails("applicant", "Marcus", "Reid", date(1985, 3, 3), "M"),
          PersonDetails("partner", "Kim", "Reid", date(1990, 7, 7), "F", pregnant=True),
          PersonDetails("child", "Leo", "Reid", date(2019, 5, 5), "M")]
CARE_LEAVER_19 = [PersonDetails("applicant", "Amber", "Hale", date(2007, 1, 27), "F")]
AGED_17 = [PersonDetails("applicant", "Kai", "Lowe", date(2009, 6, 1), "M")]


def _engine(app, label: str) -> str:
    """The engine's answer the screen shows for a finding, by its label."""
    for m in app.markdown:
        for start in (f"**{label}** — engine: **", f"{label}: **"):
            if m.value.startswith(start):
                return m.value[len(start):].split("**")[0]
    raise AssertionError(f"no finding {label!r} on screen: {_findings(app)}")


def _no_connection(app, ids):
    app.number_input(key="assessment_months").set_value(0)
    app.checkbox(key="assessment_elsewhere").check()


def _intentional(app, ids):
    app.checkbox(key="assessment_consider_intent").check()
    for key in ("assessment_deliberate", "assessment_available", "assessment_caused"):
        app.checkbox(key=key).check()


def _set(key, value):
    def change(app, ids):
        widget = app.checkbox(key=key) if isinstance(value, bool) else app.selectbox(key=key)
        widget.check() if value is True else widget.set_value(value)
    return change


def _member(fact, name, value):
    def change(app, ids):
        key = _keys.assessment_member(fact, ids[name])
        if isinstance(value, bool):
            app.checkbox(key=key).check()
        elif isinstance(value, int):
            app.number_input(key=key).set_value(value)
        else:
            app.multiselect(key=key).set_value(value)
    return change


def _nothing(app, ids):
    pass


def _chain(*steps):
    def change(app, ids):
        for step in steps:
            step(app, ids)
    return change


def _still_home(app, ids):
    app.checkbox(key="assessment_has_home").check()


def _late_review(app, ids):
    app.date_input(key="assessment_notified_on").set_value(TODAY - timedelta(days=30))
    app.date_input(key="assessment_review_requested_on").set_value(TODAY - timedelta(days=9))


FACTS_ON_THE_FORM = [
    # (what the officer records, household, facts first, finding, answer before, the change, answer after)
    ("Leo's local connection here", FAMILY, _no_connection, "Local connection (s.199)", "No",
     _member("local_connection_here", "Leo", True), "Yes"),
    ("a care leaver's connection here", CARE_LEAVER_19, _no_connection, "Local connection (s.199)", "No",
     _set("assessment_care_leaver_here", True), "Yes"),
    ("last asylum support in this district", FAMILY, _no_connection, "Local connection (s.199)", "No",
     _set("assessment_asylum_here", True), "Yes"),
    ("Kim's act, which Marcus did not go along with", FAMILY, _intentional, "Intentionally homeless (s.191)",
     "Yes", _set("assessment_whose_act", "member"), "No"),
    ("Kim's act, which Marcus went along with", FAMILY, _chain(_intentional, _set("assessment_whose_act", "member")),
     "Intentionally homeless (s.191)", "No", _set("assessment_acquiesced", True), "Yes"),
    ("a collusive arrangement", FAMILY, _set("assessment_consider_intent", True), "Intentionally homeless (s.191)",
     "No", _set("assessment_collusive", True), "Yes"),
    ("a carer who stays overnight", FAMILY, _nothing, "Bedrooms the household needs", "2",
     _set("assessment_carer", True), "3"),
    ("Leo cannot share a bedroom", FAMILY, _nothing, "Bedrooms the household needs", "2",
     _member("needs_own_room", "Leo", True), "3"),
    ("Kim expects twins", FAMILY, _nothing, "Bedrooms the household needs", "2",
     _member("expected_babies", "Kim", 2), "3"),
    ("Kim is vulnerable", FAMILY, _nothing, "Priority need grounds",
     "Dependent children, Pregnant, or lives with someone who is",
     _member("vulnerability", "Kim", ["physical_disability"]),
     "Dependent children, Pregnant, or lives with someone who is, Lives with someone who is vulnerable"),
    ("abuse that threatens Kim, not Marcus", FAMILY, _chain(_still_home, _set("assessment_abuse", True)),
     "Priority need grounds", "Dependent children, Homeless because of domestic abuse, Pregnant, or lives with "
     "someone who is", _set("assessment_abuse_victim", "member"), "Dependent children, Pregnant, or lives with "
     "someone who is"),
    ("a fire that caused it, the home still fit to live in", FAMILY,
     _chain(_still_home, _set("assessment_emergency", "fire")), "Homeless or threatened (s.175)", "Neither…",
     lambda app, ids: app.checkbox(key="assessment_reasonable").uncheck(), "Homeless"),
    ("a review asked for on day 22", FAMILY, _nothing, "The review was asked for in time (s.202(3))", None,
     _late_review, "No"),
    ("a relevant student", CARE_LEAVER_19, _set("assessment_care_leaver", True), "Priority need (s.189)", "Yes",
     _set("assessment_student", True), "No"),
    ("a 17-year-old owed a s.20 duty", AGED_17, _nothing,
     "Children's services' duties come first (Children Act 1989)", "No", _set("assessment_owed_s20", True), "Yes"),
]


@pytest.mark.parametrize(("fact", "people", "first", "finding", "before", "change", "after"), FACTS_ON_THE_FORM,
                         ids=[f[0] for f in FACTS_ON_THE_FORM])
def test_the_officer_records_each_new_fact_and_the_engines_answer_follows(fact, people, first, finding, before,
                                                                          change, after):
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, ids = _case(officer.id, people)
    _open(app, reference)
    first(app, ids)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    if before is None:
        assert finding not in _findings(app)
    else:
        # "Neither…": the finding's label begins so ("Neither homeless nor threatened")
        assert (_engine(app, finding).startswith(before[:-1]) if before.endswith("…")
                else _engine(app, finding) == before), fact
    change(app, ids)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert _engine(app, finding) == after, fact


def test_an_assessment_date_before_the_law_hearth_models_is_refused_with_a_message_not_a_crash():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, AGED_17)
    _open(app, reference)
    app.date_input(key="assessment_on").set_value(date(2017, 6, 1))
    app.button(key=CHECK).click()
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    assert app.error, "the officer is told why"
