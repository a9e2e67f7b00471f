"""A person's own summary, by the one-time link they were given (query: ref and token).

The link is spent only when they ask to see it (a mail scanner opening the link spends
nothing), and then works no more."""

import streamlit as st

from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

st.title("Your summary")
shown = st.session_state.get(_keys.SHOWN_SUMMARY)
if shown is None:
    reference = st.query_params.get("ref", "")
    token = st.query_params.get("token", "")
    st.write("This link works once. When you open your summary, download it if you want to keep it.")
    if st.button("Show my summary", type="primary", key="public_show_summary"):
        shown = ui.run(lambda: submit.summary_by_link(reference, token))
        if shown is not None:
            st.session_state[_keys.SHOWN_SUMMARY] = shown
            st.query_params.clear()
if shown is not None:
    st.caption(f"Reference {ui.plain(shown.reference)} · sent {ui.plain(shown.submitted_on)}")
    if shown.reading is not None:
        ui.reading(shown.reading)
    st.subheader("What you told us")
    ui.summary_lines(shown.lines)
    st.download_button("Download this summary (PDF)", submit.summary_pdf(shown),
                       file_name=f"{shown.reference}.pdf", mime="application/pdf",
                       key="public_summary_download")
