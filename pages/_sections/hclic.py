"""The case's H-CLIC problems on its record: "H-CLIC: N to fix", each in words with where to fix
it, as the checks found them at the case's last save (logic/statistics)."""

from __future__ import annotations

import streamlit as st

from logic.common import codes
from logic.statistics import views


def render_hclic_section(record) -> None:
    if record.case_type != "homelessness":
        return
    problems = views.case_problems(record.id)
    if not problems:
        st.caption("H-CLIC: nothing to fix.")
        return
    with st.expander(f"H-CLIC: {len(problems)} to fix", icon=":material/rule:"):
        for p in problems:
            st.markdown(f"- {p.message}  \n  _{codes.HCLIC_SECTIONS.label(p.section)} · fix at: {p.fix_where}_")
