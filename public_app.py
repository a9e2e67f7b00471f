"""Hearth's public front door: the router of the public app (issue 18), served on its own port.

Anyone may use it, without signing in: a self-assessment ("Get help if you are homeless or
about to lose your home"), the duty-to-refer form for public bodies (Housing Act 1996
s.213B), and a person's own summary by its one-time link. The navigation lists ONLY the public
pages below, so no staff screen is reachable by its address here; nothing here imports a staff
page or a staff service (tests/public/test_isolation.py).
"""

from __future__ import annotations

import streamlit as st

from logic import clock
from logic.public.policy import public_policy

st.set_page_config(page_title="Get help with housing", page_icon=":material/home:",
                   layout="centered", initial_sidebar_state="collapsed",
                   menu_items={"Get help": None, "Report a bug": None, "About": None})


@st.cache_resource(show_spinner=False)
def _policy_ready() -> bool:
    public_policy(clock.today())  # a malformed public.toml stops the app at once, naming the key
    return True


_policy_ready()

PUBLIC_PAGES = [
    st.Page("pages/public/start.py", title="Get help with housing", url_path="start", default=True),
    st.Page("pages/public/self_assessment.py", title="Your situation", url_path="self-assessment"),
    st.Page("pages/public/check_answers.py", title="Check your answers", url_path="check-answers"),
    st.Page("pages/public/result.py", title="What your answers suggest", url_path="result"),
    st.Page("pages/public/contact.py", title="Your contact details", url_path="contact-details"),
    st.Page("pages/public/confirmation.py", title="Sent", url_path="sent"),
    st.Page("pages/public/refer.py", title="Duty to refer", url_path="refer"),
    st.Page("pages/public/summary.py", title="Your summary", url_path="summary"),
]

st.navigation(PUBLIC_PAGES, position="hidden").run()
