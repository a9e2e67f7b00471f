"""An officer's profile: hours, absences and (for trainees) competency level."""

import pandas as pd
import streamlit as st

from logic import clock
from logic.common import codes
from logic.workload import profiles as officer_profiles
from logic.workload import views as views_workload
from logic.workload.policy import workload_policy_as_at
from logic.workload.rules import ABSENCE_KINDS
from pages import _keys, _ui

officer = _ui.require_page("officer-profile")
today = clock.today()
st.title("Officer profile")

subject_id = officer.id
if officer_profiles.may_open_others_profiles(officer):
    staff = views_workload.officers()
    names = dict(zip(staff["officer_id"], staff["officer"], strict=True))
    ids = list(names)
    default = ids.index(st.session_state.get(_keys.PROFILE_OFFICER, officer.id)) if \
        st.session_state.get(_keys.PROFILE_OFFICER, officer.id) in ids else 0
    subject_id = int(st.selectbox("Officer", ids, index=default, format_func=names.get,
                                  key="profile_officer_pick"))
    st.session_state[_keys.PROFILE_OFFICER] = subject_id

profile = _ui.run_service(lambda: officer_profiles.officer_profile(
    viewer_id=officer.id, officer_id=subject_id, today=today))
if profile is None:
    st.stop()
st.header(f"{_ui.plain(profile.full_name)} · {_ui.plain(profile.team)}")
_ui.show_flash()
cols = st.columns(4)
cols[0].metric("Role", _ui.role_label(profile.role))
cols[1].metric("Hours a week", f"{profile.hours_per_week:g}", f"{profile.fte:.2f} FTE", delta_color="off")
cols[2].metric("Capacity", f"{profile.capacity:g} points")
cols[3].metric("Started", _ui.format_date(profile.started_on) or "Not recorded")
if profile.has_competency_level:
    st.info(f"**Competency: {profile.competency.level.label}.** {profile.competency.reason}")
may_edit = officer_profiles.may_record_absences(officer, profile.officer_id)

st.subheader("Absences")
absences = pd.DataFrame([
    {"Kind": codes.ABSENCE_KINDS.get(a.kind, a.kind), "From": _ui.format_date(a.starts_on),
     "To": _ui.format_date(a.ends_on), "Note": a.note or "",
     "Status": "Cancelled: " + (a.cancel_reason or "") if a.cancelled else "Booked"}
    for a in profile.absences])
if absences.empty:
    st.caption("No absences recorded.")
else:
    st.dataframe(absences, hide_index=True, key="profile_absences", width="stretch")

if may_edit:
    add_col, cancel_col = st.columns(2)
    with add_col, st.form("absence_add_form", clear_on_submit=False):
        st.markdown("**Book an absence**")
        kind = st.selectbox("Kind", ABSENCE_KINDS, format_func=codes.ABSENCE_KINDS.label, key="absence_kind")
        starts_on = st.date_input("First day away", value=today, key="absence_from", format="DD/MM/YYYY")
        ends_on = st.date_input("Last day away", value=today, key="absence_to", format="DD/MM/YYYY")
        note = st.text_input("Note (optional)", key=_keys.ABSENCE_NOTE)
        if st.form_submit_button("Book absence", type="primary"):
            _ui.run_service(lambda: officer_profiles.record_absence(
                actor_id=officer.id, officer_id=profile.officer_id, kind=kind, starts_on=starts_on,
                ends_on=ends_on, note=note), success="Absence booked.", rerun=True,
                clear_keys=(_keys.ABSENCE_NOTE,))
    booked = [a for a in profile.absences if not a.cancelled and a.ends_on >= today]
    with cancel_col:
        if booked:
            with st.form("absence_cancel_form"):
                st.markdown("**Cancel an absence**")
                labels = {a.id: f"{codes.ABSENCE_KINDS.get(a.kind, a.kind)} {_ui.format_date(a.starts_on)} to "
                                f"{_ui.format_date(a.ends_on)}" for a in booked}
                absence_id = st.selectbox("Absence", list(labels), format_func=labels.get,
                                          key="absence_cancel_pick")
                reason = st.text_input("Reason", key=_keys.ABSENCE_CANCEL_REASON)
                if st.form_submit_button("Cancel absence"):
                    _ui.run_service(lambda: officer_profiles.cancel_absence(
                        actor_id=officer.id, absence_id=int(absence_id), reason=reason),
                        success="Absence cancelled.", rerun=True, clear_keys=(_keys.ABSENCE_CANCEL_REASON,))

if officer_profiles.may_change_hours(officer):
    st.subheader("Manager's changes")
    hours_col, level_col = st.columns(2)
    with hours_col, st.form("profile_hours_form"):
        st.markdown("**Contracted hours**")
        hours = st.number_input("Hours a week", min_value=1.0, max_value=48.0,
                                value=float(profile.hours_per_week), step=0.5, key="profile_hours")
        reason = st.text_input("Reason", key=_keys.PROFILE_HOURS_REASON)
        if st.form_submit_button("Save hours"):
            _ui.run_service(lambda: officer_profiles.set_hours(
                actor_id=officer.id, officer_id=profile.officer_id, hours_per_week=hours, reason=reason),
                success="Hours saved.", rerun=True, clear_keys=(_keys.PROFILE_HOURS_REASON,))
    if officer_profiles.may_set_competency(officer, profile.role):
        levels = workload_policy_as_at(today).levels
        with level_col, st.form("profile_competency_form"):
            st.markdown("**Competency level**")
            level_codes = [lv.code for lv in levels]
            labels = {lv.code: f"{lv.label} (from {lv.min_months} months)" for lv in levels}
            current = (level_codes.index(profile.recorded_level)
                       if profile.recorded_level in level_codes else 0)
            level = st.selectbox("Level", level_codes, index=current, format_func=labels.get,
                                 key="profile_level")
            since = st.date_input("Since", value=today, key="profile_level_since", format="DD/MM/YYYY")
            reason = st.text_input("What it rests on", key=_keys.PROFILE_LEVEL_REASON)
            if st.form_submit_button("Save level"):
                _ui.run_service(lambda: officer_profiles.set_competency(
                    actor_id=officer.id, officer_id=profile.officer_id, level=level, since=since,
                    reason=reason, today=today), success="Competency level saved.", rerun=True,
                    clear_keys=(_keys.PROFILE_LEVEL_REASON,))
        if profile.competency_history:
            st.dataframe(pd.DataFrame([
                {"Level": c.level, "Since": c.since, "Recorded by": c.recorded_by, "Reason": c.reason}
                for c in profile.competency_history]), hide_index=True, key="profile_competency_history")
