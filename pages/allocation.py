"""Allocate new cases to the right officer, and move an absent officer's cases."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from logic import clock
from logic.common import codes
from logic.workload import allocation
from logic.workload import views as views_workload
from logic.workload.policy import workload_policy_as_at
from logic.workload.rules import trainee_months_for_stage
from pages import _keys, _ui

officer = _ui.require_page("allocation")
st.title("Allocation")
_ui.show_flash()
today = clock.today()

new_tab, bulk_tab = st.tabs(["Unallocated cases", "Reallocate an absent officer's cases"])

with new_tab:
    waiting = views_workload.unallocated_cases()
    if waiting.empty:
        st.info("Every open case has an officer.")
    else:
        st.dataframe(_ui.with_case_labels(waiting[["reference", "applicant", "case_type", "stage", "opened_at"]]),
                     hide_index=True, key="allocation_waiting", column_config=_ui.CASE_COLUMNS)
        labels = {int(r.case_id): f"{r.reference} · {r.applicant or 'no applicant'} · "
                                  f"{_ui.case_stage(r.case_type, r.stage)}" for r in waiting.itertuples()}
        case_id = st.selectbox("Case to allocate", list(labels), format_func=labels.get,
                               key="allocation_case")
        row = waiting[waiting["case_id"] == case_id].iloc[0]
        expected = None
        if row["case_type"] == "homelessness" and row["stage"] == "assessment":
            gates = workload_policy_as_at(today)
            months = {s: trainee_months_for_stage(s, gates) for s in ("prevention", "relief")}
            choice = st.radio("Duty triage expects", [None, "prevention", "relief"],
                              horizontal=True, key="allocation_expected",
                              format_func=lambda s: "Not known yet" if s is None
                              else codes.HOMELESSNESS_STAGES.label(s),
                              help=f"Trainees may take prevention (or relief) work from "
                                   f"{months['prevention']} (or {months['relief']}) months; a case "
                                   "whose duty is not known yet needs full casework.")
            expected = choice
        proposal = _ui.run_service(lambda: allocation.suggest_officers(
            actor_id=officer.id, case_id=int(case_id), today=today, expected_stage=expected))
        if proposal is not None:
            seen = _ui.version_seen(proposal.case_id, proposal.version)
            st.caption(" ".join(proposal.weight_reasons))
            ranking = pd.DataFrame([
                {"Rank": str(s.rank) if s.rank else "–", "Officer": s.full_name, "Can take it": "Yes" if s.eligible else "No",
                 "Points per available FTE": None if s.score is None else round(s.score, 2),
                 "Load": round(s.weighted_load, 1), "Capacity": round(s.capacity, 1),
                 "Present": f"{s.available_share:.0%}", "Why": s.explanation}
                for s in proposal.suggestions])
            st.dataframe(ranking, hide_index=True, key="allocation_ranking", width="stretch",
                         column_config={"Why": st.column_config.TextColumn("Why", width="large")})
            eligible = [s for s in proposal.suggestions if s.eligible]
            if not eligible:
                st.warning("Nobody can take this case now; see the reasons above.")
            else:
                names = {s.officer_id: f"{s.rank}. {s.full_name}" for s in eligible}
                with st.form("allocate_form"):
                    to_officer = st.selectbox("Allocate to", list(names), format_func=names.get,
                                              key="allocate_to")
                    reason = st.text_input("Reason (needed if you choose anyone but the first)",
                                           key=_keys.ALLOCATION_REASON)
                    if st.form_submit_button("Allocate", type="primary"):
                        _ui.run_service(
                            lambda: allocation.allocate_case(
                                actor_id=officer.id, case_id=proposal.case_id, expected_version=seen,
                                to_officer_id=int(to_officer), reason=reason, today=today,
                                expected_stage=expected),
                            success=f"{proposal.reference} allocated.", rerun=True,
                            clear_keys=(_keys.ALLOCATION_REASON,))
            _ui.remember_version_seen(proposal.case_id, proposal.version)

with bulk_tab:
    staff = views_workload.officers()
    names = dict(zip(staff["officer_id"], staff["officer"], strict=True))
    with st.form("reallocation_propose_form"):
        cols = st.columns(3)
        absent_id = cols[0].selectbox("Officer away", list(names), format_func=names.get,
                                      key="reallocate_officer")
        starts_on = cols[1].date_input("From", value=today, key="reallocate_from", format="DD/MM/YYYY")
        ends_on = cols[2].date_input("To (last day away)", value=today + timedelta(days=13),
                                     key="reallocate_to", format="DD/MM/YYYY")
        if st.form_submit_button("Propose moves"):
            moves = _ui.run_service(lambda: allocation.propose_reallocation(
                actor_id=officer.id, from_officer_id=int(absent_id), starts_on=starts_on,
                ends_on=ends_on))
            if moves is not None:
                st.session_state[_keys.REALLOCATION_PLAN] = {
                    "officer_id": int(absent_id), "starts_on": starts_on, "ends_on": ends_on,
                    "moves": moves}
    plan = st.session_state.get(_keys.REALLOCATION_PLAN)
    if plan:
        moves = plan["moves"]
        st.write(f"**{_ui.plain(names.get(plan['officer_id'], '?'))}** away {_ui.format_date(plan['starts_on'])} "
                 f"to {_ui.format_date(plan['ends_on'])}: {len(moves)} open cases.")
        if not moves:
            st.info("This officer holds no open cases.")
        else:
            st.dataframe(pd.DataFrame([
                {"Case": m.reference, "Stage": codes.stage_label(m.case_type, m.stage), "Points": m.weight,
                 "Moves to": m.to_officer or "Stays (nobody eligible)", "Why": m.reason}
                for m in moves]), hide_index=True, key="reallocation_plan_table", width="stretch")
            movable = [(m.case_id, m.version, m.to_officer_id) for m in moves if m.to_officer_id]
            with st.form("reallocation_confirm_form"):
                reason = st.text_input("Reason for moving the cases", key=_keys.REALLOCATION_REASON)
                if st.form_submit_button(f"Move {len(movable)} cases", type="primary"):
                    done = _ui.run_service(lambda: allocation.reallocate_cases(
                        actor_id=officer.id, from_officer_id=plan["officer_id"],
                        starts_on=plan["starts_on"], ends_on=plan["ends_on"], reason=reason,
                        moves=movable), writes=True)
                    if done is not None:
                        st.session_state.pop(_keys.REALLOCATION_PLAN, None)
                        st.session_state.pop(_keys.REALLOCATION_REASON, None)
                        st.session_state[_keys.FLASH] = f"{done} cases moved; each case records why."
                        st.rerun()
