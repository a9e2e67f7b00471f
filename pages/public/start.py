"""The public front door's start page: who to call now, then the two ways in."""

import streamlit as st

from logic import clock
from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

st.title("Get help if you are homeless or about to lose your home")
ui.emergency_box(submit.front_door_contacts(clock.today()))
st.write("Answer some questions about your situation. It takes about 10 minutes. At the end we "
         "tell you what help the council may have to give you, and you can send your answers to "
         "the housing options team, who will contact you.")
st.write("What your answers suggest is not a decision: an officer checks it with you.")
if st.button("Start now", type="primary", key="public_start", icon=":material/arrow_forward:"):
    _keys.forget_all(st.session_state)
    st.switch_page(ui.QUESTIONS)

st.subheader("Referring someone from a public body?")
st.write("Prisons, probation, hospitals, Jobcentre Plus, social services and the armed forces "
         "must refer someone who may be homeless, with their agreement (Housing Act 1996 s.213B).")
if st.button("Make a referral", key="public_refer"):
    _keys.forget_all(st.session_state)
    st.switch_page(ui.REFER)
