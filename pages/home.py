"""The landing screen: the officer's own numbers first, then every screen their role opens."""

import streamlit as st

from logic.cases import service as cases
from logic.cases import views
from logic.navigation import main_work_for, pages_for
from pages import _ui

officer = _ui.require_page("")
st.title("Home")
st.write(f"Signed in as **{_ui.plain(officer.full_name)}**, {_ui.role_label(officer.role)}.")
if cases.may_hold_cases(officer):
    mine = views.caseload(officer.id)
    cols = st.columns(3)
    cols[0].metric("My open cases", len(mine))
    cols[1].metric("Homelessness", int((mine["case_type"] == "homelessness").sum()) if len(mine) else 0)
    cols[2].metric("Register", int((mine["case_type"] == "register").sum()) if len(mine) else 0)
main = main_work_for(officer.role)
st.page_link(main.path, label=f"Go to {main.title}", icon=main.icon or None)

groups: dict[str, list] = {}
for spec in pages_for(officer.role):
    if spec.listed and spec.url_path not in ("", main.url_path):
        groups.setdefault(spec.group, []).append(spec)
for group, specs in groups.items():
    st.subheader(group)
    for spec in specs:
        st.page_link(spec.path, label=spec.title, icon=spec.icon or None)
