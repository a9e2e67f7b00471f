"""A trainee practises a case on screen from start to finish, and sees their progress."""

from __future__ import annotations

import json
from datetime import date

from logic.cases import views
from logic.training import views as views_training
from pages import _keys
from tests.pages.conftest import signed_in_app

P = "practice_answer_"


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _markdown(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_a_trainee_picks_a_case_asks_two_questions_answers_and_sees_the_marks(demo_store):
    app = signed_in_app("trainee")
    trainee_id = app.session_state[_keys.OFFICER].id
    caseload_before = views.caseload(trainee_id)
    app.switch_page("pages/practice.py")
    app.run()
    assert app.title[0].value == "Practice cases"
    app.selectbox(key="practice_topic").select("priority_need")
    app.selectbox(key="practice_difficulty").select(1)
    app.run()
    app.selectbox(key="practice_pick").select("TR02")
    app.run()
    assert not app.exception, _errors(app)
    assert "slept in the car" in _markdown(app)
    assert "Household member" not in _markdown(app)

    app.button(key="practice_ask_2").click()  # the children
    app.run()
    app.button(key="practice_ask_3").click()  # can he go back to his sister's?
    app.run()
    sheet = _markdown(app)
    assert "Household member 1: child" in sheet and "aged 9" in sheet
    assert "Has accommodation they are entitled to occupy:** no" in sheet
    assert "Seren is 9" in sheet  # the answer shows in the interview transcript

    answers = {"eligible": True, "homelessness": "homeless", "priority_need": True,
               "interim_accommodation_duty": True, "duty": "prevention",  # wrong: he is homeless
               "intentionally_homeless": False, "local_connection": True,
               "referral_possible": False, "band": "C"}
    for field, value in answers.items():
        app.selectbox(key=P + field).select(value)
    app.multiselect(key=P + "priority_need_grounds").select("dependent_children")
    app.multiselect(key=P + "reasonable_preference").select("homeless")
    app.number_input(key=P + "bedroom_need").set_value(2)
    app.button(key="FormSubmitter:practice_answers-Submit for marking").click()
    app.run()
    assert not app.exception, _errors(app)

    assert app.success[0].value.startswith("Marked: 92%")
    assert app.metric[0].value == "92%"
    assert app.metric[1].value == "11 of 12"
    wrong = [e for e in app.expander if "the law gives" in e.label]
    assert [e.label for e in wrong] == [
        "Duty owed: you said **prevention duty**; the law gives **relief duty**"]
    assert "Rule broken: Housing Act 1996 s.189B(2)" in _markdown(app)
    assert any("Model answer" in e.label for e in app.expander)
    assert "Assessment notes: TR02" in app.code[0].value

    attempts = views_training.attempts_of(trainee_id)
    assert list(attempts["practice_case_id"]) == ["TR02"]
    assert json.loads(attempts["questions_asked"][0]) == [2, 3]
    assert views.caseload(trainee_id).equals(caseload_before)

    app.switch_page("pages/training_progress.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value == "Training progress"
    assert app.metric[0].value == "1"
    # TR02 is a relief case for an adult: neither prevention nor the young people's questions
    assert app.info[0].value == "Not practised yet: Prevention, Young people aged 16 or 17"
    assert app.warning[0].value.startswith("Still weak: Relief (67% over 1 attempt)")


def test_a_manager_follows_a_trainees_practice(demo_store):
    trainee = signed_in_app("trainee")
    trainee.switch_page("pages/practice.py")
    trainee.run()
    trainee.selectbox(key="practice_pick").select("TR12")
    trainee.run()
    trainee.selectbox(key=P + "eligible").select(True)
    trainee.button(key="FormSubmitter:practice_answers-Submit for marking").click()
    trainee.run()
    assert not trainee.exception, _errors(trainee)
    trainee_id = trainee.session_state[_keys.OFFICER].id

    manager = signed_in_app("manager")
    manager.switch_page("pages/training_progress.py")
    manager.run()
    manager.selectbox(key="progress_officer").select(trainee_id)
    manager.run()
    assert not manager.exception, _errors(manager)
    assert manager.metric[0].value == "1"
    assert manager.get("plotly_chart")
    team = manager.dataframe[-1].value  # the team's practice, last on the page
    assert "Tara Okafor" in set(team["officer"])
    manager.selectbox(key="progress_review").select(manager.selectbox(key="progress_review").options[0])
    manager.run()
    assert not manager.exception, _errors(manager)
    assert any("Eligible for assistance: you said **yes**" in e.label for e in manager.expander)


def test_a_trainee_on_gareths_day_22_review_letter_answers_the_review_questions_and_is_marked(
        demo_store):
    app = signed_in_app("trainee")
    app.switch_page("pages/practice.py")
    app.run()
    app.selectbox(key="practice_pick").select("TR42")
    app.run()
    assert not app.exception, _errors(app)
    labels = [w.label for w in app.selectbox] + [w.label for w in app.date_input]
    assert "Review asked for in time?" in labels
    assert "Last day to ask for a review (s.202)" in labels
    assert "Refer to children's services first?" not in labels  # Gareth is 47

    answers = {"eligible": True, "homelessness": "homeless", "priority_need": False,
               "interim_accommodation_duty": False, "duty": "advice_only",
               "intentionally_homeless": False, "local_connection": True,
               "referral_possible": False, "band": "C",
               "review_in_time": True}  # wrong: day 22 is one day late
    for field, value in answers.items():
        app.selectbox(key=P + field).select(value)
    app.multiselect(key=P + "reasonable_preference").select("homeless")
    app.number_input(key=P + "bedroom_need").set_value(1)
    app.date_input(key=P + "review_request_by").set_value(date(2026, 10, 21))
    app.button(key="FormSubmitter:practice_answers-Submit for marking").click()
    app.run()
    assert not app.exception, _errors(app)

    assert app.metric[1].value == "13 of 14"
    wrong = [e.label for e in app.expander if "the law gives" in e.label]
    assert wrong == ["Review asked for in time (s.202): you said **yes**; the law gives **no**"]
    assert any(e.label == "Last day to ask for a review (s.202): you said **21 Oct 2026**"
               for e in app.expander)
    shown = _markdown(app)
    assert "Rule broken: Housing Act 1996 s.202(3)" in shown
    assert "day 22, after the last day, 21 October 2026" in shown


def test_a_version_1_case_does_not_ask_the_review_question(demo_store):
    app = signed_in_app("trainee")
    app.switch_page("pages/practice.py")
    app.run()
    app.selectbox(key="practice_pick").select("TR02")
    app.run()
    assert not app.exception, _errors(app)
    labels = [w.label for w in app.selectbox] + [w.label for w in app.date_input]
    assert "Eligible for assistance?" in labels
    assert not [label for label in labels if "review" in label.lower()
                or "children's services" in label]


def test_a_trainee_who_keeps_jayden_from_childrens_services_sees_the_southwark_reasons(demo_store):
    app = signed_in_app("trainee")
    app.switch_page("pages/practice.py")
    app.run()
    app.selectbox(key="practice_topic").select("young_people")
    app.run()
    app.selectbox(key="practice_pick").select("TR37")
    app.run()
    app.selectbox(key=P + "refer_to_childrens_services").select(False)
    app.button(key="FormSubmitter:practice_answers-Submit for marking").click()
    app.run()
    assert not app.exception, _errors(app)
    assert ("Refer to children's services first: you said **no**; the law gives **yes**"
            in [e.label for e in app.expander])
    shown = _markdown(app)
    assert "Rule broken: Children Act 1989 s.23B(8)" in shown
    assert "R (G) v Southwark" in shown
