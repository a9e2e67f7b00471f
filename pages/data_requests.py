"""Data protection, for the manager: rectification and erasure requests with their decisions,
holds that keep a record past its retention period, and what the retention schedule makes due
today (the dry run) with the records removed so far."""

from functools import partial

import streamlit as st

from logic import clock
from logic.common import codes
from logic.privacy import requests, retention
from pages import _keys, _ui

officer = _ui.require_page("data-requests")
st.title("Data protection")
_ui.show_flash()
labels = requests.FIELD_LABELS
requests_tab, holds_tab, retention_tab = st.tabs(["Requests", "Holds", "Retention"])

with requests_tab:
    st.caption("A request to correct (UK GDPR art.16) or erase (art.17) what the council holds about a "
               "person. An agreed erasure of a closed case removes it and leaves a tombstone; an agreed "
               "correction is made through the case's own screens.")
    with st.form(_keys.DATA_REQUEST_FORM):
        kind = st.selectbox(labels["kind"], codes.DATA_REQUEST_KINDS.codes(), key=_keys.DATA_REQUEST_KIND,
                            format_func=codes.DATA_REQUEST_KINDS.cited)
        requested_by = st.text_input(labels["requested_by"], key=_keys.DATA_REQUEST_BY)
        household = st.text_input(labels["household_reference"], key=_keys.DATA_REQUEST_HOUSEHOLD)
        case_reference = st.text_input(f"{labels['case_reference']} (an erasure names the case)",
                                       key=_keys.DATA_REQUEST_CASE)
        person = st.text_input(f"{labels['person']} (which member)", key=_keys.DATA_REQUEST_PERSON)
        what = st.text_area(labels["what"], key=_keys.DATA_REQUEST_WHAT, height=80)
        received_on = st.date_input(labels["received_on"], value=clock.today(), format="DD/MM/YYYY",
                                    key=_keys.DATA_REQUEST_RECEIVED)
        record = st.form_submit_button("Record the request", type="primary")
    if record:
        _ui.run_service(lambda: requests.record_request(
            kind=kind, requested_by=requested_by, household_reference=household, what=what,
            received_on=received_on, actor_id=officer.id, case_reference=case_reference, person=person),
            success="The request is recorded.", rerun=True, clear_keys=_keys.DATA_REQUEST_BOXES)

    for row in requests.requests(officer.id):
        state = (codes.DATA_REQUEST_DECISIONS.label(row.decision) if row.decision else "to decide")
        with st.expander(f"Request {row.id}: {codes.DATA_REQUEST_KINDS.label(row.kind)}, household "
                         f"{row.household}, received {_ui.format_date(row.received_on)}: {state}",
                         expanded=row.decision is None):
            st.text(f"{labels['requested_by']}: {row.requested_by}")
            if row.person:
                st.text(f"{labels['person']}: {row.person}")
            if row.case_reference:
                st.text(f"{labels['case_reference']}: {row.case_reference}")
            st.text(f"{labels['what']}: {row.what}")
            if row.decision is not None:
                st.text(f"{labels['decision']}: {codes.DATA_REQUEST_DECISIONS.label(row.decision)} by "
                        f"{row.decided_by} on {_ui.format_date(row.decided_on)}")
                if row.refusal_ground:
                    st.text(f"{labels['refusal_ground']}: "
                            f"{codes.DATA_REQUEST_REFUSAL_GROUNDS.cited(row.refusal_ground)}")
                st.text(f"{labels['reason']}: {row.reason}")
                continue
            grounds = (codes.ERASURE_REFUSAL_GROUNDS if row.kind == "erasure"
                       else codes.RECTIFICATION_REFUSAL_GROUNDS)
            with st.form(_keys.data_request_widget(row.id, "form")):
                decision = st.selectbox(labels["decision"], codes.DATA_REQUEST_DECISIONS.codes(),
                                        format_func=codes.DATA_REQUEST_DECISIONS.label,
                                        key=_keys.data_request_widget(row.id, "decision"))
                ground = st.selectbox(f"{labels['refusal_ground']} (if refused or partly agreed)",
                                      grounds.codes(), index=None, format_func=grounds.cited,
                                      key=_keys.data_request_widget(row.id, "ground"))
                reason = st.text_area(labels["reason"], height=80,
                                      key=_keys.data_request_widget(row.id, "reason"))
                decide = st.form_submit_button("Record the decision")
            if decide:
                decided = _ui.run_service(partial(
                    requests.decide_request, request_id=row.id, decision=decision,
                    refusal_ground=ground, reason=reason, actor_id=officer.id), writes=True)
                if decided is not None:
                    st.session_state[_keys.FLASH] = f"Decision recorded. {decided.next_step}"
                    st.rerun()

with holds_tab:
    st.caption("A legal hold or a complaint keeps a case, and everything in it, past its retention period "
               "until the hold's end date. A review or an appeal not yet decided holds a case by itself.")
    with st.form(_keys.DATA_HOLD_FORM):
        hold_case = st.text_input(retention.FIELD_LABELS["case_reference"], key=_keys.DATA_HOLD_CASE)
        hold_kind = st.selectbox(retention.FIELD_LABELS["kind"], codes.RECORDED_HOLDS.codes(),
                                 format_func=codes.RECORDED_HOLDS.label, key=_keys.DATA_HOLD_KIND)
        hold_reason = st.text_area(retention.FIELD_LABELS["reason"], height=80, key=_keys.DATA_HOLD_REASON)
        hold_ends = st.date_input(retention.FIELD_LABELS["ends_on"], value=None, format="DD/MM/YYYY",
                                  key=_keys.DATA_HOLD_ENDS)
        hold = st.form_submit_button("Record the hold", type="primary")
    if hold:
        _ui.run_service(lambda: retention.record_hold(
            case_reference=hold_case, kind=hold_kind, reason=hold_reason, ends_on=hold_ends,
            actor_id=officer.id), success="The hold is recorded.", rerun=True,
            clear_keys=_keys.DATA_HOLD_BOXES)
    held = requests.holds(officer.id)
    if held:
        st.dataframe([{"Case": h.case_reference, "Hold": codes.RETENTION_HOLDS.label(h.kind),
                       "Until": _ui.format_date(h.ends_on), "Why": h.reason, "Recorded by": h.recorded_by}
                      for h in held], hide_index=True)
    else:
        st.caption("No hold is in force.")

with retention_tab:
    run = retention.dry_run()
    st.subheader(f"Due on {_ui.format_date(run.on)}: {len(run.due)} to remove, {len(run.held)} kept")
    st.caption("What the retention schedule (data/policy/retention.toml) makes due today: a dry run, "
               "nothing is removed here. A manager or an administrator removes them with "
               "`python -m logic.privacy retention --apply`.")
    if run.records:
        st.dataframe([{
            "Record": r.reference, "Rule": codes.RETENTION_RULES.label(r.rule),
            "Closed": _ui.format_date(r.closed_on) if r.record_id else "",
            "Due": _ui.format_date(r.due_on),
            "Kept because": "; ".join(h.words for h in r.holds), "Schedule": r.rule_ref}
            for r in run.records], hide_index=True)
    removed = requests.tombstones(officer.id)
    st.subheader("Removed")
    if removed:
        st.dataframe([{
            "Record": t.reference, "Rule": codes.RETENTION_RULES.label(t.rule),
            "Opened": _ui.format_date(t.opened_on), "Closed": _ui.format_date(t.closed_on),
            "Removed": _ui.format_moment(t.removed_at),
            "Finished": "yes" if t.finished_at else "not yet: the next run finishes it"}
            for t in removed], hide_index=True)
    else:
        st.caption("Nothing has been removed yet.")
