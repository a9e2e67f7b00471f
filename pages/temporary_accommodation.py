"""Temporary accommodation: placements and payments waiting for a senior officer's approval,
and the accommodation in use today with the B&B six-week limit for families."""

import streamlit as st

from logic import clock
from logic.cases import views as cases_views
from logic.casework import placements as ta
from logic.casework import views as views_casework
from logic.common import codes
from logic.law import policy_as_at
from pages import _keys, _ui

placements_in_use = _ui.cached_view(views_casework.placements_in_use)  # keyed by the day, filters and page
placements_counted = _ui.cached_view(views_casework.placements_in_use_count)
IN_USE = "ta_in_use"  # the paged list's name (case_list_offset, page_buttons)

officer = _ui.require_page("temporary-accommodation")
st.title("Temporary accommodation")
_ui.show_flash()
queue_tab, in_use_tab = st.tabs(["Waiting for approval", "In use today"])
with queue_tab:
    today = clock.today()
    queue = views_casework.approvals_queue(today=today)
    if queue.empty:
        st.success("Nothing is waiting for approval.")
    for row in queue.itertuples():
        label = "Placement" if row.kind == "placement" else "Financial assistance"
        with st.container(border=True):
            st.markdown(f"**{label}: {row.what}** · {row.amount}  \n{row.reference} · {_ui.plain(row.applicant)} · asked by "
                        f"{_ui.plain(row.requested_by)} on {_ui.format_moment(row.requested_at)}")
            st.caption(f"Why: {_ui.plain(row.reason)}")
            if row.kind == "placement":
                st.markdown(f"**Under:** {row.basis}")
                if row.basis_verdict == "supported":
                    st.success(row.basis_check)
                elif row.basis_verdict == "not supported":
                    st.error(row.basis_check + " To approve it anyway, say in the reason why the council "
                             "provides this accommodation.")
                else:
                    st.warning(row.basis_check)
            if row.check:
                (st.success if row.check_passed else st.warning)(row.check)
            may_decide = ta.may_decide_request(officer, kind=row.kind,
                                               requested_by_id=row.requested_by_id, on=today)
            if not may_decide:
                st.info(may_decide.reason)
                continue
            key = _keys.approval(row.kind, row.id)
            reason = st.text_input("Reason for the decision", key=f"{key}_reason")
            approve, refuse, _ = st.columns([1, 1, 4])
            decide = ta.decide_placement if row.kind == "placement" else ta.decide_financial_assistance
            id_arg = "placement_id" if row.kind == "placement" else "assistance_id"
            for column, verdict, word in ((approve, True, "Approve"), (refuse, False, "Refuse")):
                if column.button(word, key=f"{key}_{word.lower()}", type="primary" if verdict else "secondary"):
                    _ui.run_service(lambda verdict=verdict, row=row, reason=reason, decide=decide, id_arg=id_arg: decide(
                        **{id_arg: int(row.id)}, expected_version=int(row.case_version), approver_id=officer.id,
                        approve=verdict, reason=reason),
                        success=f"{label} {'approved' if verdict else 'refused'}.", rerun=True)
with in_use_tab:
    today = clock.today()
    # the warning is about every family in B&B, whatever the list below shows
    bnb = placements_in_use(today=today, placement_type="bed_and_breakfast")
    over = bnb[bnb["bnb_status"].isin(["over the limit", "warning"])]
    if not over.empty:
        weeks = _ui.in_words(policy_as_at(today).bnb_family_limit_weeks)
        st.error(f"{len(over)} family placement(s) in B&B near or past the {weeks}-week limit "
                 "(Suitability Order 2003 art.4). Choose the type Bed and breakfast to list them.")
    staff = cases_views.case_officers().set_index("id")["full_name"]
    c1, c2 = st.columns(2)
    kind = c1.selectbox("Type", [None, *codes.PLACEMENT_TYPES.codes()], key="ta_in_use_type",
                        format_func=lambda t: "Any type" if t is None else codes.PLACEMENT_TYPES.label(t),
                        on_change=_ui.first_page, args=(IN_USE,))
    held_by = c2.selectbox("Officer", [None, *staff.index.tolist()], key="ta_in_use_officer",
                           format_func=lambda i: "Anyone" if i is None else staff[i],
                           on_change=_ui.first_page, args=(IN_USE,))
    chosen = {"today": today, "placement_type": kind, "officer_id": held_by}
    total = placements_counted(**chosen)
    offset = st.session_state.get(_keys.case_list_offset(IN_USE), 0)
    if total and offset >= total:  # fewer placements than when the page was chosen
        offset = (total - 1) // _ui.ROWS_A_PAGE * _ui.ROWS_A_PAGE
        st.session_state[_keys.case_list_offset(IN_USE)] = offset
    in_use = placements_in_use(**chosen, limit=_ui.ROWS_A_PAGE, offset=offset)
    if in_use.empty:
        st.info("No temporary accommodation in use today." if kind is None and held_by is None
                else "No accommodation in use today matches these choices.")
    else:
        st.caption(f"Placements {offset + 1}–{offset + len(in_use)} of {total}.")
        shown = in_use.assign(bnb_status=in_use["bnb_status"].map(lambda s: codes.BNB_LIMIT_STATUSES.get(s, "")))
        st.dataframe(shown, hide_index=True, key="ta_in_use", column_config={
            "reference": "Case", "applicant": "Applicant", "officer": "Officer", "type": "Type",
            "address": "Address", "since": st.column_config.DateColumn("Since", format="D MMM YYYY"),
            "nights": "Nights", "cost_per_night": st.column_config.NumberColumn("£ a night", format="£%.2f"),
            "family": "Family", "bnb_limit": st.column_config.DateColumn("B&B limit", format="D MMM YYYY"),
            "bnb_status": "B&B status"})
    _ui.page_buttons(IN_USE, total)
