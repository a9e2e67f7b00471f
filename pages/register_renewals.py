"""Annual renewal of register applications: the queue, renewals, lapses after the grace period,
and (for managers) the housekeeping recalculation of bedroom need."""

import streamlit as st

from logic import clock
from logic.register import service as register
from logic.register.housekeeping import may_run_housekeeping, recalculate_bedroom_need
from pages import _keys, _ui
from pages._sections import register as _register

renewal_queue = _ui.cached_view(register.renewal_queue)  # keyed by viewer, day and the toggle
SCREEN = "register_renewals"  # the paged list's name (case_list_offset, page_buttons)

officer = _ui.require_page("register-renewals")
st.title("Register renewals")
_ui.show_flash()
today = clock.today()

STATES = {"past_grace": "Past grace: lapses", "overdue": "Overdue (in grace)",
          "due_soon": "Due soon", "not_due": "Not due"}
cols = st.columns([1, 2])
show_all = cols[0].toggle("Include applications not yet due", key="register_renewals_all",
                          on_change=_ui.first_page, args=(SCREEN,))
words = cols[1].text_input("Reference or applicant's name", key="register_renewals_search",
                           on_change=_ui.first_page, args=(SCREEN,))
# a read, not through run_service (which clears the cached views after every call it makes)
queue = renewal_queue(viewer_id=officer.id, today=today, include_not_due=show_all)
found = register.renewals_matching(queue, words)
st.caption(f"{len(queue)} application(s) in the queue on {_ui.format_date(today)}.")
offset = st.session_state.get(_keys.case_list_offset(SCREEN), 0)
if found and offset >= len(found):  # fewer applications than when the page was chosen
    offset = (len(found) - 1) // _ui.ROWS_A_PAGE * _ui.ROWS_A_PAGE
    st.session_state[_keys.case_list_offset(SCREEN)] = offset
shown = found[offset:offset + _ui.ROWS_A_PAGE]
if shown:
    st.caption(f"Applications {offset + 1}–{offset + len(shown)} of {len(found)}.")
    picked = st.dataframe(
        [{"Reference": r.reference, "Applicant": r.applicant, "Band": r.band or "",
          "Registered or renewed": r.registered_on, "Due": r.due_on, "Grace ends": r.grace_ends_on,
          "State": STATES[r.state], "Why": r.explanation} for r in shown],
        hide_index=True, key=f"register_renewals_table_{offset}", on_select="rerun",
        selection_mode="single-row",
        column_config={"Registered or renewed": st.column_config.DateColumn(format="D MMM YYYY"),
                       "Due": st.column_config.DateColumn(format="D MMM YYYY"),
                       "Grace ends": st.column_config.DateColumn(format="D MMM YYYY")})
    rows = picked.selection.rows if picked else []
    if rows:
        _register.open_register_case(shown[rows[0]].reference)
    st.caption("Choose a row to open the application.")
elif queue:
    st.info("No application in the queue matches.")
_ui.page_buttons(SCREEN, len(found))

renewable = [r for r in shown if r.may_renew]  # the page's: find another by its name or reference
st.subheader("Record a renewal")
if not renewable:
    st.info("No application listed above is open for renewal.")
else:
    by_ref = {r.reference: r for r in renewable}
    with st.form("register_renew_form"):
        ref = st.selectbox("Application", list(by_ref), key="register_renew_case",
                           format_func=lambda x: f"{x} · {by_ref[x].applicant} · due "
                                                 f"{_ui.format_date(by_ref[x].due_on)}")
        renewed_on = st.date_input("Renewed on", value=today, max_value=today, format="DD/MM/YYYY",
                                   key="register_renew_on")
        changed = st.checkbox("Circumstances have changed (the case goes back for assessment)",
                              key="register_renew_changed")
        note = st.text_area("What the applicant confirmed or told us", key=_keys.REGISTER_RENEW_NOTE)
        renewed = st.form_submit_button("Record the renewal", type="primary")
    if renewed:
        row = by_ref[ref]
        _ui.run_service(lambda: register.renew_application(
            case_id=row.case_id, expected_version=_ui.version_seen(row.case_id, row.version),
            actor_id=officer.id, renewed_on=renewed_on, circumstances_changed=changed, note=note),
            success=f"{ref} renewed.", rerun=True, clear_keys=(_keys.REGISTER_RENEW_NOTE,))

if register.may_lapse_applications(officer):
    st.subheader("Lapse applications past their grace period")
    past = [r for r in queue if r.may_lapse]
    st.write(f"{len(past)} application(s) have passed the grace period without a renewal.")
    if st.button("Lapse them", key="register_lapse", disabled=not past):
        lapsed = _ui.run_service(lambda: register.lapse_overdue(actor_id=officer.id, today=today), writes=True)
        if lapsed is not None:
            st.session_state[_keys.FLASH] = f"Lapsed: {', '.join(lapsed) or 'none'}."
            st.rerun()

if may_run_housekeeping(officer):
    st.subheader("Housekeeping: recalculate bedroom need")
    st.caption("Gives every open register case's household, as it is today, to the decision "
               "engine again, and records each bedroom need that has changed (a child reaching a "
               "sharing age, a birth or pregnancy, someone joining or leaving) with the reason. "
               "Also available as `python -m logic.register.housekeeping`.")
    if st.button("Run housekeeping now", key="register_housekeeping_run", type="primary"):
        report = _ui.run_service(lambda: recalculate_bedroom_need(actor_id=officer.id, on=today), writes=True)
        if report is not None:
            st.success(report.summary())
            if report.changed:
                st.dataframe(
                    [{"Reference": c.reference, "Bedrooms before": c.before,
                      "Bedrooms now": c.after, "Band before": c.band_before or "",
                      "Band now": c.band_after or "", "Reason": c.reason}
                     for c in report.changed],
                    hide_index=True, key="register_housekeeping_result")
            for why in report.skipped:
                st.warning(why)

for r in shown:
    _ui.remember_version_seen(r.case_id, r.version)
