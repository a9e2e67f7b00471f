"""What the answers suggest: emergency contacts first, then the reading, never a decision."""

import streamlit as st

from pages.public import _keys
from pages.public import _ui as ui

reading = st.session_state.get(_keys.READING)
if reading is None:
    st.switch_page(ui.START)

ui.back_button("public_result_back", to=ui.CHECK)
st.title("What your answers suggest")
ui.reading(reading)
st.write("To get help, send your answers to the council's housing options team. You will need "
         "to give a phone number or email address so that an officer can contact you.")
if st.button("Continue to send your answers", type="primary", key="public_result_continue",
             icon=":material/arrow_forward:"):
    st.switch_page(ui.CONTACT)
