"""The signed-in officer's own account."""

import streamlit as st

from logic import clock
from logic.accounts import service as accounts
from logic.config import settings
from logic.workload.policy import workload_policy_as_at
from pages import _ui

officer = _ui.require_page("my-account")
st.title("My account")
st.write(f"**{_ui.plain(officer.full_name)}** ({_ui.plain(officer.username)}) · {_ui.role_label(officer.role)} · {_ui.plain(officer.team)}")
if officer.competency_level:
    level = workload_policy_as_at(clock.today()).level(officer.competency_level)
    st.write(f"Competency level: **{level.label}**")
if settings().auth_mode == "local":
    with st.form("change_password_form", clear_on_submit=True):
        current = st.text_input("Current password", type="password", key="current_password")
        new = st.text_input("New password", type="password", key="new_password",
                            help=f"At least {accounts.MIN_PASSWORD_LENGTH} characters.")
        if st.form_submit_button("Change password"):
            _ui.run_service(
                lambda: accounts.change_own_password(officer_id=officer.id, current_password=current, new_password=new),
                success="Password changed.",
            )
else:
    st.info("Your password is managed by the council's single sign-on.")
