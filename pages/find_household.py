"""Find a household before creating a new one: by name, reference, phone, postcode or date of birth."""

from datetime import date

import streamlit as st

from logic.front_door import households
from pages import _ui

officer = _ui.require_page("find-household")
st.title("Find a household")
with st.form("find_household_form"):
    text = st.text_input("Name, reference, phone or postcode", key="find_household_text")
    use_dob = st.checkbox("Narrow by date of birth", key="find_household_use_dob")
    dob = st.date_input("Date of birth", value=None, key="find_household_dob", format="DD/MM/YYYY",
                        min_value=date(1900, 1, 1))
    searched = st.form_submit_button("Search", type="primary")
if searched:
    matches = _ui.run_service(
        lambda: households.find_households(actor_id=officer.id, text=text, dob=dob if use_dob else None)
    )
    if matches is not None:
        if not matches:
            st.info("No household matches. Check the spelling, or search by date of birth or postcode.")
        else:
            st.dataframe(
                [
                    {"Reference": m.reference, "Applicant": m.applicant_name,
                     "Date of birth": _ui.format_date(m.applicant_dob), "Postcode": m.postcode, "Phone": m.phone}
                    for m in matches
                ],
                hide_index=True, key="find_household_results",
            )
