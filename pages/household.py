"""One household over time: its people, every case, contacts, letters and flags. Opening it is audited."""

import streamlit as st

from logic.front_door import household_record
from pages import _ui
from pages._sections.front_door import render_household_flags

officer = _ui.require_page("household")
reference = st.query_params.get("ref")
if not reference:
    st.title("Household record")
    st.info("Open a household from Find a household, from intake or from a case record.")
    st.stop()

household_id = _ui.run_service(lambda: household_record.household_id_for_reference(reference))
record = _ui.run_service(
    lambda: household_record.open_household_record(household_id=household_id, viewer_id=officer.id, opening=_ui.opening())
) if household_id else None
if record is None:
    st.stop()

applicant = next((p.name for p in record.people if p.relation == "Applicant"), "")
st.title(f"{record.reference} · {_ui.plain(applicant)}")
st.write(_ui.plain(record.address))
st.write(_ui.plain(" · ".join(x for x in (record.phone, record.email) if x)) or "No contact details recorded")
render_household_flags(record.id, officer)

people_tab, cases_tab, contacts_tab, letters_tab, flags_tab = st.tabs(
    ["People", "Cases", "Contacts", "Letters", "Safeguarding flags"]
)
with people_tab:
    st.dataframe(
        [{"Relation": p.relation, "Name": p.name, "Date of birth": _ui.format_date(p.dob),
          "Joined": _ui.format_date(p.joined_on), "Left": _ui.format_date(p.left_on)} for p in record.people],
        hide_index=True, key="household_people",
    )
with cases_tab:
    if not record.cases:
        st.info("No cases yet.")
    for case in record.cases:
        cols = st.columns([1, 3])
        if cols[0].button(case.reference, key=f"household_case_{case.reference}"):
            _ui.open_case(case.reference)
        cols[1].write(f"{case.case_type} · {case.stage} · {case.status} · {_ui.plain(case.officer)} · "
                      f"opened {_ui.format_date(case.opened_at)}")
with contacts_tab:
    if not record.contacts:
        st.info("No contacts recorded.")
    for contact in record.contacts:
        on_case = f" · {contact.case_reference}" if contact.case_reference else ""
        route = f"  \nRoute: {_ui.plain(contact.route)}" if contact.route else ""
        signposted = f"  \nSignposted to: {_ui.plain(contact.signposted_to)}" if contact.signposted_to else ""
        st.markdown(f"**{_ui.format_moment(contact.occurred_at)}** · {contact.channel} · "
                    f"{_ui.plain(contact.taken_by)}{on_case}  \n{_ui.plain(contact.summary)}{route}{signposted}")
with letters_tab:
    if not record.letters:
        st.info("No letters issued.")
    else:
        st.dataframe(
            [{"Letter": letter.number, "Case": letter.case_reference, "Title": letter.title,
              "Issued": _ui.format_date(letter.issued_at), "Issued by": letter.issued_by}
             for letter in record.letters],
            hide_index=True, key="household_letters",
        )
with flags_tab:
    if not record.flags:
        st.info("No safeguarding flags raised.")
    for flag in record.flags:
        status = "active" if flag.active else f"ended {_ui.format_date(flag.ended_at)}: {_ui.plain(flag.end_reason)}"
        who = f" · {_ui.plain(flag.person_name)}" if flag.person_name else ""
        st.markdown(f"**{flag.kind_label}{who}** ({status})  \n{_ui.plain(flag.details)}  \n"
                    f"Raised {_ui.format_date(flag.raised_at)} by {_ui.plain(flag.raised_by)}")
