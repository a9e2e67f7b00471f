"""Administrators manage officers' accounts: add, deactivate, reset a password, and unlock a
sign-in locked after repeated wrong passwords."""

import streamlit as st

from logic import clock
from logic.accounts import service as accounts
from logic.cases import views
from logic.common import codes
from pages import _ui

admin = _ui.require_page("officers")
st.title("Officers")
_ui.show_flash()
people = views.officers()
st.dataframe(people, hide_index=True, key="officers_table")

locked = accounts.locked_sign_ins()
add_tab, status_tab, password_tab, locked_tab = st.tabs(
    ["Add an officer", "Activate or deactivate", "Reset a password",
     f"Locked sign-ins ({len(locked)})" if locked else "Locked sign-ins"])
with add_tab, st.form("add_officer_form", clear_on_submit=False):
    cols = st.columns(2)
    username = cols[0].text_input("Username", key="add_officer_username")
    full_name = cols[1].text_input("Full name", key="add_officer_full_name")
    email = cols[0].text_input("E-mail (for single sign-on)", key="add_officer_email")
    role = cols[1].selectbox("Role", codes.ROLES.codes(), key="add_officer_role", format_func=codes.ROLES.label)
    hours = cols[0].number_input("Hours a week", min_value=1.0, max_value=48.0, value=37.0, step=0.5, key="add_officer_hours")
    started_on = cols[1].date_input("Started on", value=clock.today(), key="add_officer_started", format="DD/MM/YYYY")
    password = st.text_input("First password", type="password", key="add_officer_password",
                             help=f"At least {accounts.MIN_PASSWORD_LENGTH} characters; the officer changes it on My account.")
    if st.form_submit_button("Add officer", type="primary"):
        _ui.run_service(
            lambda: accounts.create_officer(
                actor_id=admin.id, username=username, full_name=full_name, role=role, email=email,
                password=password, hours_per_week=hours, started_on=started_on,
            ),
            success="Officer added.", rerun=True,
        )

names = people.set_index("id")["full_name"]
with status_tab, st.form("officer_status_form"):
    who = st.selectbox("Officer", people["id"].tolist(), key="status_officer", format_func=lambda i: names.loc[i])
    active = st.radio("Account", ["Active", "Deactivated"], key="status_active", horizontal=True)
    reason = st.text_input("Reason", key="status_reason")
    if st.form_submit_button("Save"):
        _ui.run_service(
            lambda: accounts.set_officer_active(actor_id=admin.id, officer_id=int(who), active=active == "Active", reason=reason),
            success="Account updated.", rerun=True,
        )

with password_tab, st.form("reset_password_form", clear_on_submit=True):
    who = st.selectbox("Officer", people["id"].tolist(), key="reset_officer", format_func=lambda i: names.loc[i])
    new_password = st.text_input("New password", type="password", key="reset_new_password")
    if st.form_submit_button("Reset password"):
        _ui.run_service(
            lambda: accounts.reset_password(actor_id=admin.id, officer_id=int(who), new_password=new_password),
            success="Password reset; the officer's open sessions were ended.",
        )

with locked_tab:
    if not locked:
        st.write("No username or network address is locked.")
    else:
        st.dataframe(
            [{"Locked": codes.SIGN_IN_COUNTERS.label(lock.counter),
              "Username or address": lock.subject,
              "An officer's username": ("Yes" if lock.is_account else "No")
              if lock.counter == "account" else "",
              "After failed attempts": lock.failures,
              "Opens again at": _ui.format_moment(lock.until.astimezone(clock.LONDON))}
             for lock in locked],
            hide_index=True, key="locked_sign_ins_table")
        with st.form("unlock_sign_in_form", clear_on_submit=True):
            chosen = st.selectbox(
                "Locked sign-in", [(lock.counter, lock.subject) for lock in locked],
                key="unlock_sign_in_which",
                format_func=lambda pair: f"{codes.SIGN_IN_COUNTERS.label(pair[0])}: {pair[1]}")
            unlock_reason = st.text_input("Reason", key="unlock_sign_in_reason",
                                          help="e.g. the officer rang and was identified")
            if st.form_submit_button("Unlock"):
                _ui.run_service(
                    lambda: accounts.unlock_sign_in(
                        actor_id=admin.id, counter=chosen[0], subject=chosen[1],
                        reason=unlock_reason),
                    success="Unlocked: the count of failed attempts starts again.", rerun=True,
                )
