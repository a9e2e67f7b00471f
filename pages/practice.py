"""Practice cases: read the contact, interview for the facts, decide, and be marked by the law."""

import streamlit as st

from logic.common import codes
from logic.models import utc_now
from logic.training import service as training
from logic.training.library import DIFFICULTIES, TOPIC_LABELS, TOPICS
from logic.training.marking import (
    DUTY_CODES,
    GROUNDS,
    HOMELESSNESS_CODES,
    PREFERENCES,
    answer_words,
)
from pages import _keys, _ui
from pages import _training as tw

officer = _ui.require_page("practice")
st.title("Practice cases")
st.caption("Sample cases only: nothing here is a real household, and practice never appears in "
           "caseloads, reports or returns.")
_ui.show_flash()


def _reset_case(case_id: str | None) -> None:
    st.session_state[_keys.PRACTICE_CASE] = case_id
    st.session_state[_keys.PRACTICE_ASKED] = []
    st.session_state[_keys.PRACTICE_STARTED_AT] = utc_now()
    st.session_state.pop(_keys.PRACTICE_RESULT, None)
    for name in list(st.session_state):
        if str(name).startswith(_keys.PRACTICE_ANSWER_PREFIX):
            del st.session_state[name]


left, right = st.columns(2)
topic = left.selectbox("Topic", [None, *TOPICS], key="practice_topic",
                       format_func=lambda t: "All topics" if t is None else TOPIC_LABELS[t])
difficulty = right.selectbox("Difficulty", [None, *DIFFICULTIES], key="practice_difficulty",
                             format_func=lambda d: "Any" if d is None else tw.DIFFICULTY_WORDS[d])
cases = _ui.run_service(lambda: training.list_practice_cases(topic=topic, difficulty=difficulty))
if not cases:
    st.info("No practice case matches; choose another topic or difficulty.")
    st.stop()
titles = {c.id: c for c in cases}
chosen = st.selectbox(
    "Practice case", list(titles), key="practice_pick", index=None,
    placeholder="Choose a case to practise on",
    format_func=lambda cid: f"{cid} · {titles[cid].title} (difficulty {titles[cid].difficulty})",
)
if chosen is None:
    st.stop()
if st.session_state.get(_keys.PRACTICE_CASE) != chosen:
    _reset_case(chosen)

sheet = _ui.run_service(lambda: training.practice_sheet(
    practice_case_id=chosen, asked=st.session_state.get(_keys.PRACTICE_ASKED, [])))
if sheet is None:
    st.stop()
case = sheet.case

st.subheader(case.title)
st.caption(f"{codes.CONTACT_CHANNELS.label(case.channel)} · difficulty {tw.DIFFICULTY_WORDS[case.difficulty]} · "
           f"practises {tw.topic_words(case.topics)}")
with st.container(border=True):
    st.markdown(f"{tw.CHANNEL_ICONS[case.channel]} **What the contact told us**")
    st.markdown(case.narrative.replace("\n", "  \n"))

story, sheet_column = st.columns([3, 2])
with story:
    st.markdown("#### Interview")
    for q in sheet.transcript:
        with st.chat_message("user", avatar=":material/support_agent:"):
            st.markdown(q.question)
        with st.chat_message("assistant", avatar=":material/person:"):
            st.markdown(q.answer)
    if sheet.remaining:
        st.caption("Ask what you need to know. Each question reveals facts on the fact sheet.")
        for q in sheet.remaining:
            if st.button(q.question, key=_keys.practice_question(q.index), icon=":material/help:"):
                asked = _ui.run_service(lambda q=q: training.ask_question(
                    practice_case_id=case.id, asked=sheet.asked, question_index=q.index), writes=True)
                if asked is not None:
                    st.session_state[_keys.PRACTICE_ASKED] = list(asked)
                    st.rerun()
    else:
        st.caption("You have asked every question there is for this case.")
with sheet_column:
    st.markdown("#### Fact sheet")
    with st.container(border=True):
        for line in sheet.facts:
            st.markdown(f"**{line.label}:** {line.value}")

result = st.session_state.get(_keys.PRACTICE_RESULT)
if result is not None and result.practice_case_id == case.id:
    st.divider()
    st.subheader("How the law marks your determinations")
    tw.render_marks(result, key="practice_result")
    if st.button("Try this case again", key="practice_again", icon=":material/replay:"):
        _reset_case(case.id)
        st.rerun()
    st.stop()

st.divider()
st.markdown("#### Your determinations")
st.caption("Leave a question blank if you cannot decide it; it is marked as not answered.")
P = _keys.PRACTICE_ANSWER_PREFIX
yes_no = {"options": [True, False], "index": None, "placeholder": "Choose",
          "format_func": answer_words}
with st.form(_keys.PRACTICE_ANSWERS_FORM):
    a, b, c = st.columns(3)
    answers = {
        "eligible": a.selectbox("Eligible for assistance?", key=P + "eligible", **yes_no),
        "homelessness": b.selectbox("Homeless, threatened or neither?", HOMELESSNESS_CODES,
                                    index=None, placeholder="Choose", key=P + "homelessness",
                                    format_func=answer_words),
        "priority_need": c.selectbox("Priority need?", key=P + "priority_need", **yes_no),
    }
    answers["priority_need_grounds"] = st.multiselect(
        "Priority need grounds (none if no priority need)", GROUNDS,
        key=P + "priority_need_grounds", format_func=answer_words)
    a, b, c = st.columns(3)
    answers["interim_accommodation_duty"] = a.selectbox(
        "Interim accommodation duty (s.188)?", key=P + "interim_accommodation_duty", **yes_no)
    answers["duty"] = b.selectbox("Duty owed", DUTY_CODES, index=None, placeholder="Choose",
                                  key=P + "duty", format_func=answer_words)
    answers["intentionally_homeless"] = c.selectbox(
        "Intentionally homeless?", key=P + "intentionally_homeless", **yes_no)
    a, b, c = st.columns(3)
    answers["local_connection"] = a.selectbox(
        "Local connection with this district?", key=P + "local_connection", **yes_no)
    answers["referral_possible"] = b.selectbox(
        "Referral to another district possible?", key=P + "referral_possible", **yes_no)
    answers["bedroom_need"] = c.number_input("Bedroom need", min_value=0, max_value=20, step=1,
                                             value=None, key=P + "bedroom_need")
    a, b = st.columns([2, 1])
    answers["reasonable_preference"] = a.multiselect(
        "Reasonable preference categories (none if none apply)", PREFERENCES,
        key=P + "reasonable_preference", format_func=answer_words)
    answers["band"] = b.selectbox("Housing register band", sheet.band_choices, index=None,
                                  placeholder="Choose", key=P + "band", format_func=answer_words)
    # asked only where the case raises them (the service says which: sheet.asks)
    a, b, c = st.columns(3)
    if "refer_to_childrens_services" in sheet.asks:
        answers["refer_to_childrens_services"] = a.selectbox(
            "Refer to children's services first?", key=P + "refer_to_childrens_services",
            help="A 16- or 17-year-old children's services owe help to: a relevant child, or "
                 "owed accommodation under section 20 of the Children Act 1989.", **yes_no)
    if "review_request_by" in sheet.asks:
        answers["review_request_by"] = b.date_input(
            "Last day to ask for a review (s.202)", value=None, format="DD/MM/YYYY",
            key=P + "review_request_by")
    if "review_in_time" in sheet.asks:
        answers["review_in_time"] = c.selectbox(
            "Review asked for in time?", key=P + "review_in_time", **yes_no)
    submitted = st.form_submit_button("Submit for marking", type="primary")

if submitted:
    if answers["bedroom_need"] is not None:
        answers["bedroom_need"] = int(answers["bedroom_need"])
    done = _ui.run_service(lambda: training.submit_attempt(
        officer_id=officer.id, practice_case_id=case.id, questions_asked=sheet.asked,
        answers=answers, started_at=st.session_state.get(_keys.PRACTICE_STARTED_AT)), writes=True)
    if done is not None:
        st.session_state[_keys.PRACTICE_RESULT] = done
        st.session_state[_keys.FLASH] = f"Marked: {done.marks.score:.0f}%. Your attempt is saved."
        st.rerun()
