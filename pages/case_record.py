"""One case: household, history, notes; add a note, reassign, close. Opening it is audited."""

import streamlit as st

from logic.cases import service as cases
from logic.cases import views
from logic.common import codes
from pages import _keys, _ui
from pages._sections.casework import render_casework_section
from pages._sections.front_door import render_front_door_section, render_household_flags
from pages._sections.hclic import render_hclic_section
from pages._sections.letters import render_letters_section
from pages._sections.register import render_register_section

officer = _ui.require_page("case")
reference = st.query_params.get("ref")
if not reference:
    st.title("Case record")
    st.info("Open a case from your caseload or the list of open cases.")
    st.stop()

case_id = _ui.run_service(lambda: cases.case_id_for_reference(reference))
record = _ui.run_service(lambda: cases.open_case_record(case_id=case_id, viewer_id=officer.id, opening=_ui.opening())) if case_id else None
if record is None:
    st.stop()

seen_version = _ui.version_seen(record.id, record.version)
_ui.show_flash()
st.title(f"{record.reference} · {_ui.plain(record.applicant.name)}")
cols = st.columns(4)
_ui.fact(cols[0], "Type", codes.CASE_TYPES.label(record.case_type))
_ui.fact(cols[1], "Stage", codes.stage_label(record.case_type, record.stage))
_ui.fact(cols[2], "Status", codes.CASE_STATUSES.label(record.status))
_ui.fact(cols[3], "Officer", record.assigned_officer or "Unallocated")
if record.closed_reason:
    st.caption(f"Closed {_ui.format_date(record.closed_at)}: {_ui.plain(record.closed_reason)}")

render_household_flags(record.household_id, officer)
render_hclic_section(record)
if record.case_type == "homelessness":
    render_casework_section(record, officer)
elif record.case_type == "register":
    render_register_section(record, officer)

household_tab, front_door_tab, letters_tab, history_tab, notes_tab, actions_tab = st.tabs(
    ["Household", "Front door", "Letters", "History", "Notes", "Actions"]
)
with letters_tab:
    render_letters_section(record, officer)
with front_door_tab:
    render_front_door_section(record, officer)
with household_tab:
    st.write(f"**{record.household_reference}** · {_ui.plain(record.address)}")
    _ui.household_link(record.household_reference, officer)
    st.write(_ui.plain(" · ".join(x for x in (record.phone, record.email) if x)) or "No contact details recorded")
    st.dataframe(
        [
            {"Relation": codes.HOUSEHOLD_RELATIONS.get(p.relation, p.relation), "Name": p.name, "Date of birth": _ui.format_date(p.dob),
             "Sex": codes.SEXES.get(p.sex, "") if p.sex else "", "Pregnant": "Yes" if p.pregnant else "", "Left": _ui.format_date(p.left_on)}
            for p in record.people
        ],
        hide_index=True, key="case_people",
    )
with history_tab:
    for event in record.events:
        st.markdown(
            f"**{_ui.format_moment(event.occurred_at)}** · {_ui.plain(event.actor)} · {_ui.plain(event.summary)}"
            + (f"  \n_Why:_ {_ui.plain(event.reason)}" if event.reason else "")
        )
with notes_tab:
    with st.form("add_note_form"):
        body = st.text_area("New note", key=_keys.NOTE_BODY, height=120)
        if st.form_submit_button("Save note", type="primary"):
            _ui.run_service(
                lambda: cases.add_note(case_id=record.id, expected_version=seen_version, author_id=officer.id, body=body),
                success="Note saved.", rerun=True, clear_keys=(_keys.NOTE_BODY,),
            )
    for note in record.notes:
        correction = f" (corrects note {note.corrects_note_id})" if note.corrects_note_id else ""
        st.markdown(f"**{_ui.format_moment(note.written_at)}** · {_ui.plain(note.author)}{correction}  \n{_ui.plain(note.body)}")
with actions_tab:
    if record.status != "open":
        st.info("This case is closed.")
    else:
        if cases.may_reassign(officer):
            team = views.case_officers()
            team = team[team["id"] != (record.assigned_officer_id or -1)]
            with st.form("reassign_form"):
                to_officer = st.selectbox(
                    "Reassign to", team["id"].tolist(), key="reassign_to",
                    format_func=lambda i: team.set_index("id").loc[i, "full_name"],
                )
                reason = st.text_input("Reason for reassigning", key="reassign_reason")
                if st.form_submit_button("Reassign"):
                    _ui.run_service(
                        lambda: cases.reassign_case(case_id=record.id, expected_version=seen_version,
                                                    actor_id=officer.id, to_officer_id=int(to_officer), reason=reason),
                        success="Case reassigned.", rerun=True,
                    )
        with st.form("close_case_form"):
            reason = st.text_input("Reason for closing", key="close_reason")
            if st.form_submit_button("Close case"):
                _ui.run_service(
                    lambda: cases.close_case(case_id=record.id, expected_version=seen_version,
                                             actor_id=officer.id, reason=reason),
                    success="Case closed.", rerun=True,
                )

_ui.remember_version_seen(record.id, record.version)
