"""Sent: the reference, the summary to download, and the one-time link to read it again."""

import streamlit as st

from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

receipt = st.session_state.get(_keys.RECEIPT)
if receipt is None:
    st.switch_page(ui.START)

st.title("Your answers have been sent" if receipt.reading is not None else "Your referral has been sent")
st.success(f"Your reference is {ui.plain(receipt.reference)}", icon=":material/check_circle:")
if receipt.reading is not None:
    ui.emergency_box(receipt.reading.emergency_contacts)
    st.write("An officer from the housing options team will contact you. Keep your reference: "
             "give it when you call us.")
else:
    st.write("An officer from the housing options team will contact the person you referred, "
             "and you if they need to.")
if _keys.PDF not in st.session_state:
    st.session_state[_keys.PDF] = submit.summary_pdf(receipt.summary)
st.download_button("Download a summary (PDF)", st.session_state[_keys.PDF],
                   file_name=f"{receipt.reference}.pdf", mime="application/pdf",
                   key="public_download", icon=":material/download:")
st.subheader("Read your summary again later")
st.write("This link shows your summary once. Keep it private: anyone with it can read your answers.")
st.code(ui.summary_link(receipt.reference, receipt.one_time_link_token), language=None, wrap_lines=True)
if st.button("Finish", key="public_finish"):
    _keys.forget_all(st.session_state)
    st.switch_page(ui.START)
