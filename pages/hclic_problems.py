"""The team's cases with H-CLIC problems, the oldest case first, a page at a time (seniors and
managers): what the checks found at each case's last save."""

import streamlit as st

from logic.statistics import service, views
from pages import _keys, _ui

officer = _ui.require_page("hclic-to-fix")
st.title("H-CLIC to fix")
service.may_see_team_problems(officer).require()
st.caption("Each case's H-CLIC checks run every time it is saved. Fix a problem where it says, "
           "and the case leaves this list with that save.")
offset_key = _keys.case_list_offset(_keys.HCLIC_LIST)
offset = st.session_state.get(offset_key, 0)
page, total = views.cases_with_problems(offset=offset, size=_ui.ROWS_A_PAGE)
if not total:
    st.success("No case has anything to fix.")
    st.stop()
st.caption(f"Cases {offset + 1}–{offset + len(page)} of {total}, the oldest first.")
page["stage"] = [_ui.case_stage(t, s) for t, s in page["stage"]]
page["opened_on"] = [_ui.format_date(d) for d in page["opened_on"]]
selection = st.dataframe(
    page, key="hclic_problems_table", hide_index=True, on_select="rerun", selection_mode="single-row",
    column_config={"reference": "Reference", "opened_on": "Opened", "officer": "Officer", "stage": "Stage",
                   "problems": "To fix", "first_problem": "First problem", "fix_where": "Fix at"})
rows = selection.selection.rows if selection else []
if rows:
    _ui.open_case(page.iloc[rows[0]]["reference"])
cols = st.columns([1, 1, 6])
if cols[0].button("Previous", key="hclic_problems_previous", disabled=offset == 0, icon=":material/chevron_left:"):
    st.session_state[offset_key] = max(0, offset - _ui.ROWS_A_PAGE)
    st.rerun()
if cols[1].button("Next", key="hclic_problems_next", disabled=offset + _ui.ROWS_A_PAGE >= total,
                  icon=":material/chevron_right:"):
    st.session_state[offset_key] = offset + _ui.ROWS_A_PAGE
    st.rerun()
