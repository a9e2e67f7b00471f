"""Subject access (UK GDPR art.15), for the manager: find the person by a household, case or
letter reference, choose whose request it is, see what an export holds, and download it as a
zip (an index, the records as JSON, and every letter's PDF). Each export is audited."""

import streamlit as st

from logic.privacy import subject_access
from pages import _keys, _ui

officer = _ui.require_page("subject-access")
st.title("Subject access")
st.caption("Everything Hearth holds about one person, for a subject access request. Other people's data "
           "in the same records is listed for your redaction review, not removed.")
may_export = subject_access.may_export_subject_access(officer)
if not may_export:
    st.error(may_export.reason)
    st.stop()

with st.form(_keys.SUBJECT_ACCESS_FORM):
    typed = st.text_input("Household, case or letter reference", key=_keys.SUBJECT_ACCESS_REFERENCE,
                          help="HH-000123, a case's reference as on its letters (HL-, HR-, AD-), a letter's "
                               "number (L-), or a person's reference (HH-000123-P45).")
    found = st.form_submit_button("Find the household", type="primary")
if found:
    members = _ui.run_service(
        lambda: subject_access.household_members(household_reference=typed, actor_id=officer.id))
    st.session_state[_keys.SUBJECT_ACCESS_MEMBERS] = members or []
members = st.session_state.get(_keys.SUBJECT_ACCESS_MEMBERS) or []
if not members:
    st.stop()

by_reference = {m.reference: m for m in members}
# a select box, not radio buttons: its options are plain text, never markdown (names are typed by officers)
chosen = st.selectbox(
    "Whose request is it?", list(by_reference), key=_keys.SUBJECT_ACCESS_PERSON,
    format_func=lambda ref: (f"{by_reference[ref].name} · {by_reference[ref].relation} · born "
                             f"{_ui.format_date(by_reference[ref].dob)} · {ref}"
                             + (f" · left {_ui.format_date(by_reference[ref].left_on)}"
                                if by_reference[ref].left_on else "")))
summaries = st.session_state.setdefault(_keys.SUBJECT_ACCESS_SUMMARY, {})
if st.button("Show what the export holds", key="subject_access_summarise"):
    summary = _ui.run_service(lambda: subject_access.summarise(reference=chosen, actor_id=officer.id))
    if summary is not None:
        summaries[chosen] = summary
summary = summaries.get(chosen)
if summary is None:
    st.stop()

st.subheader("What the export holds")
st.text(f"{summary.subject.name} · born {_ui.format_date(summary.subject.dob)} · {summary.subject.reference}")
st.dataframe([{"Section": what, "Records": count} for what, count in summary.sections],
             hide_index=True, key="subject_access_sections")
st.text(f"{summary.letter_count} letters (each as its PDF) · {summary.view_count} views of these records · "
        f"{summary.redaction_count} items for redaction review")
exports = st.session_state.setdefault(_keys.SUBJECT_ACCESS_EXPORT, {})
if st.button("Prepare the export", key="subject_access_export", type="primary"):
    export = _ui.run_service(lambda: subject_access.export_subject_access(reference=chosen, actor_id=officer.id),
                             writes=True)
    if export is not None:
        exports[chosen] = (export.file_name, export.zip_bytes)
        st.success(f"Prepared: {export.record_count} records, {export.letter_count} letters. The export is "
                   "recorded in the audit log.")
if chosen in exports:
    name, content = exports[chosen]
    st.download_button("Download the export (zip)", content, file_name=name, mime="application/zip",
                       key="subject_access_download")
