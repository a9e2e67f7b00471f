"""Write a letter on a case: choose the type, give the details, preview it, issue it.

Issued letters are listed with their exact PDF to download again. Opened with ?ref=<case>."""

import json

import streamlit as st

from logic.cases import service as cases
from logic.common import codes
from logic.letters import LETTER_TYPES
from logic.letters import service as letters
from pages import _keys, _ui
from pages._sections import letters as _letters

officer = _ui.require_page("letters")
st.title("Letters")
_ui.show_flash()

if _keys.LETTER_REFERENCE not in st.session_state and st.query_params.get("ref"):
    st.session_state[_keys.LETTER_REFERENCE] = st.query_params.get("ref")
reference = st.text_input("Case reference", key=_keys.LETTER_REFERENCE, placeholder="HL-000123").strip()
if not reference:
    st.info("Give a case reference, or open this screen from a case record.")
    st.stop()

case_id = _ui.run_service(lambda: cases.case_id_for_reference(reference))
record = _ui.run_service(lambda: cases.open_case_record(case_id=case_id, viewer_id=officer.id, opening=_ui.opening())) if case_id else None
if record is None:
    st.stop()
seen_version = _ui.version_seen(record.id, record.version)
st.caption(f"{record.reference} · {_ui.plain(record.applicant.name)} · "
           f"{_ui.case_stage(record.case_type, record.stage)} · {_ui.plain(record.address)}")

choices = _ui.run_service(lambda: letters.letters_offered(case_id=record.id, viewer_id=officer.id)) or []
available = {c.code: c for c in choices if c.offered}
write_tab, issued_tab = st.tabs(["Write a letter", "Issued letters"])

with write_tab:
    held_back = [c for c in choices if not c.offered]
    if held_back:
        with st.expander(f"Letters not offered on this case now ({len(held_back)})"):
            for choice in held_back:
                st.markdown(f"**{choice.label}**: {choice.why_not}")
    if not available:
        st.info("No letter can be sent on this case as it stands."
                if choices else f"No statutory letters are sent on {codes.CASE_TYPES.words(record.case_type)} cases.")
    else:
        code = st.selectbox("Letter", list(available), key=_keys.LETTER_TYPE,
                            format_func=lambda c: f"{available[c].label} ({LETTER_TYPES[c].citation})")
        kind = LETTER_TYPES[code]
        if available[code].from_case:
            st.caption("Taken from the case record (correct the case, not the letter): "
                       + ", ".join(kind.option(name).label for name in available[code].from_case) + ".")
        issued_before = _ui.run_service(
            lambda: letters.letters_for_case(case_id=record.id, viewer_id=officer.id)) or []
        with st.form(_keys.LETTER_FORM):
            options = _letters.option_widgets(kind, _keys.LETTER_OPTION_PREFIX, available[code].from_case)
            notified_on = st.date_input("Date of the letter (the day it is given or sent)",
                                        value=_letters.today(), key=_keys.LETTER_NOTIFIED_ON,
                                        format="DD/MM/YYYY")
            corrects = None
            if issued_before:
                choices = {0: "No: a new letter"} | {
                    item.id: f"Yes: corrects {item.number} ({item.label}, "
                             f"{_ui.format_date(item.notified_on)})" for item in issued_before}
                corrects = st.selectbox("Does this letter correct one already issued?",
                                        list(choices), key=_keys.LETTER_CORRECTS,
                                        format_func=lambda i: choices[i]) or None
                correction_reason = st.text_input("What was wrong with it (printed in the new letter)",
                                                  key=_keys.LETTER_CORRECTION_REASON)
            else:
                correction_reason = ""
            preview_clicked = st.form_submit_button("Preview")
            issue_clicked = st.form_submit_button("Issue letter", type="primary")

        signature = json.dumps([record.id, code, notified_on, options, corrects, correction_reason],
                               default=str, sort_keys=True)
        if preview_clicked:
            rendered = _ui.run_service(lambda: letters.preview_letter(
                case_id=record.id, letter_type_code=code, officer_id=officer.id,
                options=options, letter_date=notified_on))
            if rendered:
                st.session_state[_keys.LETTER_PREVIEW] = (signature, rendered)
        if issue_clicked:
            previewed = st.session_state.get(_keys.LETTER_PREVIEW)
            if not previewed or previewed[0] != signature:
                st.warning("Preview the letter first: the details have changed since the last "
                           "preview (or there is none), and an officer reads a letter before it "
                           "is sent.")
            else:
                issued = _ui.run_service(lambda: letters.issue_letter(
                    case_id=record.id, expected_version=seen_version, letter_type_code=code,
                    officer_id=officer.id, options=options, notified_on=notified_on,
                    corrects_letter_id=corrects, correction_reason=correction_reason or None), writes=True)
                if issued:
                    _ui.remember_version_seen(record.id, issued.new_case_version)
                    st.session_state.pop(_keys.LETTER_PREVIEW, None)
                    deadline = (f"; a review must be requested by "
                                f"{_ui.format_date(issued.review_request_by)}"
                                if issued.review_request_by else "")
                    st.session_state[_keys.FLASH] = (f"Letter {issued.number} issued and recorded on "
                                                   f"the case{deadline}.")
                    st.rerun()
        previewed = st.session_state.get(_keys.LETTER_PREVIEW)
        if previewed and previewed[0] == signature:
            _letters.show_preview(previewed[1], key="letters_preview")

with issued_tab:
    issued = _ui.run_service(lambda: letters.letters_for_case(case_id=record.id,
                                                              viewer_id=officer.id))
    if issued:
        _letters.issued_letters_table(issued)
        _letters.download_picker(issued, officer, key=_keys.LETTER_ISSUED_PICK)
    elif issued is not None:
        st.info("No letters have been issued on this case.")
