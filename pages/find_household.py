"""Find a household by name, any reference (household, case, letter), phone, postcode or date of
birth; choosing a result opens its household record."""

from datetime import date

import streamlit as st

from logic.front_door import households
from pages import _keys, _ui

officer = _ui.require_page("find-household")
st.title("Find a household")
with st.form("find_household_form"):
    text = st.text_input("Name, reference, phone or postcode", key="find_household_text",
                         help="Any reference finds the household: its own (HH-), a case's as printed on "
                              "letters (HL- homelessness, HR- register, AD- advice) or a letter's (L-).")
    use_dob = st.checkbox("Narrow by date of birth", key="find_household_use_dob")
    dob = st.date_input("Date of birth", value=None, key="find_household_dob", format="DD/MM/YYYY",
                        min_value=date(1900, 1, 1))
    searched = st.form_submit_button("Search", type="primary")
if searched:
    matches = _ui.run_service(
        lambda: households.find_households(actor_id=officer.id, text=text, dob=dob if use_dob else None)
    )
    if matches is not None:
        st.session_state.pop(_keys.FIND_HOUSEHOLD_RESULTS, None)
        if not matches:
            st.info("No household matches. Check the spelling, or search by date of birth or postcode.")
        else:
            st.session_state[_keys.FIND_HOUSEHOLD_RESULTS] = matches
matches = st.session_state.get(_keys.FIND_HOUSEHOLD_RESULTS)
for match in matches or []:
    # kept between reruns, so the button's own rerun still has the results to open
    cols = st.columns([5, 1])
    cols[0].write(f"**{match.reference}** · {_ui.plain(match.applicant_name)} · born {_ui.format_date(match.applicant_dob)}"
                  f" · {_ui.plain(match.postcode or 'no postcode')} · {_ui.plain(match.phone or 'no phone')}")
    if cols[1].button("Open", key=_keys.find_household_open(match.household_id)):
        _ui.open_household(match.reference)
