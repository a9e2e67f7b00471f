"""Letters widgets shared by the letters screens and the case record's letters section."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from logic import clock
from logic.accounts.service import SignedInOfficer
from logic.common import codes
from logic.letters import LETTER_TYPES, LetterType, Option
from logic.letters import service as letters
from logic.pdf import page_images
from pages import _keys, _ui

STEP_OWNERS = codes.PLAN_STEP_OWNERS.options()


ADDED_WORDS = {"lines": "Your own words, added after what the case records (one a line)",
               "paragraph": "Your own words, added after what the case records"}


def option_widgets(kind: LetterType, prefix: str, from_case: tuple[str, ...] = ()) -> dict[str, Any]:
    """One widget an option (inside the caller's form); returns {option: value} as typed.

    Empty fields are left out, so a provider (casework, register) can fill them. What the case
    records (`from_case`) is not asked again: the officer may add words to its text, nothing
    more."""
    values: dict[str, Any] = {}
    for option in kind.options:
        if option.kind == "facts":
            continue  # the engine's input comes from the assessment (provider), not typing
        if option.name in from_case:
            if option.kind not in ADDED_WORDS:
                continue  # a recorded date, choice or list: printed as the case records it
            option = Option(option.name, option.kind, f"{option.label}: {ADDED_WORDS[option.kind]}",
                            required=False)
        value = _widget(option, f"{prefix}{kind.code}_{option.name}")
        if value is not None and value != "" and value != []:
            values[option.name] = value
    return values


def _label(option: Option) -> str:
    return option.label + ("" if option.required else " (optional)")


def _widget(option: Option, key: str) -> Any:
    if option.kind == "text":
        return st.text_input(_label(option), key=key).strip()
    if option.kind in ("paragraph", "lines"):
        return st.text_area(_label(option), key=key, height=100).strip()
    if option.kind == "date":
        return st.date_input(_label(option), value=None, key=key, format="DD/MM/YYYY")
    if option.kind == "choice":
        return st.selectbox(_label(option), list(option.choices), key=key,
                            format_func=lambda code: option.choices[code])
    if option.kind == "bool":
        answer = st.radio(_label(option), ["Yes", "No"], key=key, horizontal=True, index=None)
        return None if answer is None else answer == "Yes"
    if option.kind == "steps":
        st.caption(option.label)
        edited = st.data_editor(
            pd.DataFrame({"owner": pd.Series(dtype="str"), "description": pd.Series(dtype="str"),
                          "due_on": pd.Series(dtype="object")}),
            key=key, num_rows="dynamic", hide_index=True, width="stretch",
            column_config={
                "owner": st.column_config.SelectboxColumn("Whose step", options=list(STEP_OWNERS),
                                                          required=True),
                "description": st.column_config.TextColumn("Step", required=True, width="large"),
                "due_on": st.column_config.DateColumn("Due by (empty: ongoing)"),
            })
        steps = []
        for row in edited.to_dict("records"):
            if not any(v for v in row.values() if not _missing(v)):
                continue
            due = row.get("due_on")
            steps.append({"owner": None if _missing(row.get("owner")) else row["owner"],
                          "description": "" if _missing(row.get("description")) else row["description"],
                          "due_on": None if _missing(due) else due})
        return steps
    raise AssertionError(option.kind)  # pragma: no cover


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT


def show_preview(rendered: letters.RenderedLetter, key: str) -> None:
    """The letter as it would be issued: page images where poppler is installed, and the PDF."""
    deadline = (f" · review to be requested by {_ui.format_date(rendered.review_request_by)}"
                if rendered.review_request_by else "")
    st.caption(f"{rendered.label} · {rendered.pages} page(s) · template v"
               f"{rendered.template_version}{deadline}")
    st.download_button("Download the preview (PDF)", rendered.pdf, key=f"{key}_download",
                       file_name=f"preview_{rendered.letter_type}.pdf", mime="application/pdf")
    with st.spinner("Drawing the pages…"):
        images = page_images(rendered.pdf, dpi=100)
    if not images:
        st.info("Page images need poppler (pdftoppm); download the preview to read it.")
    columns = st.columns(2)
    for number, image in enumerate(images, start=1):
        columns[(number - 1) % 2].image(image, caption=f"Page {number}", width="stretch")


def issued_letters_table(issued: list[letters.IssuedLetterView]) -> None:
    st.dataframe(
        [{"Letter": item.number, "Type": item.label, "Notified": _ui.format_date(item.notified_on),
          "Review by": _ui.format_date(item.review_request_by), "Issued by": item.issued_by,
          "Issued at": _ui.format_moment(item.issued_at), "Template": f"v{item.template_version}",
          "Corrects": f"L-{item.corrects_letter_id:06d}" if item.corrects_letter_id else "",
          "SHA-256": item.sha256[:12]} for item in issued],
        hide_index=True, key=_keys.letters_issued_table(issued[0].case_id),
    )


def download_picker(issued: list[letters.IssuedLetterView], officer: SignedInOfficer,
                    key: str) -> None:
    """Choose an issued letter and fetch its exact bytes (checked against its hash; audited)."""
    by_id = {item.id: item for item in issued}
    chosen = st.selectbox("Issued letter", list(by_id), key=key,
                          format_func=lambda i: f"{by_id[i].number} · {by_id[i].label} · "
                                                f"{_ui.format_date(by_id[i].notified_on)}")
    if st.button("Get this letter", key=f"{key}_fetch"):
        fetched = _ui.run_service(lambda: letters.download_letter(letter_id=chosen,
                                                                  viewer_id=officer.id))
        if fetched:
            st.session_state[_keys.LETTER_FETCHED] = (chosen, *fetched)
    held = st.session_state.get(_keys.LETTER_FETCHED)
    if held and held[0] == chosen:
        st.download_button(f"Download {by_id[chosen].number} (PDF)", held[2], file_name=held[1],
                           mime="application/pdf", key=f"{key}_download")


def render_letters_section(record, officer: SignedInOfficer) -> None:
    """The case record's letters: what was sent and when, re-download, and a link to write one."""
    st.subheader("Letters")
    issued = _ui.run_service(lambda: letters.letters_for_case(case_id=record.id,
                                                              viewer_id=officer.id))
    if issued is None:
        return
    if not issued:
        st.info("No letters have been issued on this case.")
    else:
        issued_letters_table(issued)
        download_picker(issued, officer, key=_keys.letters_section_pick(record.id))
    may_write = letters.may_issue_letters(officer, record.case_type)
    if may_write and st.button("Write a letter", key=_keys.letters_section_write(record.id)):
        st.switch_page("pages/letters.py", query_params={"ref": record.reference})


def letter_label(code: str) -> str:
    return LETTER_TYPES[code].label


def today() -> date:
    return clock.today()
