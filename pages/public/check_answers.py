"""Check your answers before seeing what they suggest; change any of them."""

import streamlit as st

from logic.common import codes
from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

answers: dict = st.session_state.get(_keys.ANSWERS, {})
people: list = st.session_state.get(_keys.PEOPLE, [])
if not answers:
    st.switch_page(ui.START)

YES_NO = {True: "Yes", False: "No", None: "Not answered"}
L = submit.FIELD_LABELS
# (the question's step code in the self-assessment, the question, the answer given)
ROWS = [
    ("name", "Name", f"{answers.get('given_name', '')} {answers.get('family_name', '')}"),
    ("dob", L["person.dob"], ui.short_date(answers.get("dob"))),
    ("sex", L["person.sex"], codes.SEXES.get(answers.get("sex"), "Not answered")),
    ("tonight", L["accommodation_tonight"], YES_NO[answers.get("accommodation_tonight")]),
    ("where", L["current_accommodation"],
     codes.ACCOMMODATION_TYPES.get(answers.get("current_accommodation"), "Not answered")),
    ("notice", L["section_21_served"], YES_NO[answers.get("section_21_served")]
     + (f", must leave by {ui.short_date(answers.get('section_21_expires_on'))}"
        if answers.get("section_21_served") else "")),
    ("leave", L["likely_to_lose_home_on"],
     "No, or I have already left" if answers.get("leave_known") is False
     else ui.short_date(answers.get("likely_to_lose_home_on"))),
    ("abuse", L["domestic_abuse"], YES_NO[answers.get("domestic_abuse")]),
    ("disaster", L["disaster"], codes.EMERGENCIES.get(answers.get("disaster"), "No")),
    ("worry", L["safeguarding_concern"], YES_NO[answers.get("safeguarding_concern")]),
    ("status", L["immigration_status"],
     codes.IMMIGRATION_ANSWERS.get(answers.get("immigration_status"), "Not answered")),
    ("people", L["members"], "; ".join(f"{p['given_name']} {p['family_name']}" for p in people) or "No one"),
    ("move", L["wants_to_move"], YES_NO[answers.get("wants_to_move")]),
    ("story", L["story"], answers.get("story") or "Nothing"),
]

# what each Change button changes, in a few words
CHANGES = {
    "name": "your name", "dob": "your date of birth", "sex": "your sex",
    "tonight": "where you can stay tonight", "where": "where you live now",
    "notice": "the notice to leave", "leave": "when you must leave", "abuse": "the answer about abuse",
    "disaster": "the answer about fire or flood", "worry": "the worry about someone's safety",
    "status": "your immigration status", "people": "who lives with you",
    "move": "the answer about moving", "story": "what else you told us",
}

st.progress(1.0, text="Check your answers")
ui.back_button("public_check_back", to=ui.QUESTIONS)
st.title("Check your answers")
for step_code, question, answer in ROWS:
    st.markdown(f"**{ui.plain(question)}**")
    st.text(answer)
    # GOV.UK's "Change" link says what it changes to a screen reader; a button here has no
    # hidden text, so its words say it (WCAG 2.4.6: 14 buttons all called "Change" are not)
    if st.button(f"Change {CHANGES[step_code]}", key=f"public_change_{step_code}", help=f"Change: {question}"):
        st.session_state[_keys.STEP] = ui.step_of(step_code, answers)
        st.session_state[_keys.BACK_TO_CHECK] = True
        st.switch_page(ui.QUESTIONS)

if st.button("Continue", type="primary", key="public_check_continue", icon=":material/arrow_forward:"):
    reading = ui.run(lambda: submit.preview_reading(ui.self_assessment(answers, people)))
    if reading is not None:
        st.session_state[_keys.READING] = reading
        st.switch_page(ui.RESULT)
