"""Contact details and agreement, then the self-assessment is sent."""

import streamlit as st

from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

answers: dict = st.session_state.get(_keys.ANSWERS, {})
if _keys.READING not in st.session_state:
    st.switch_page(ui.START)
L = submit.FIELD_LABELS

ui.back_button("public_contact_back", to=ui.RESULT)
st.title("Your contact details")
with st.form("public_contact"):
    best_way = st.radio(L["contact.best_way"], list(submit.BEST_WAYS.codes()),
                        format_func=submit.BEST_WAYS.label, key="public_best_way")
    phone = st.text_input(L["contact.phone"], max_chars=30, key="public_phone", autocomplete="tel")
    email = st.text_input(L["contact.email"], max_chars=200, key="public_email", autocomplete="email")
    st.markdown("**Your address (if you have one)**")
    line1 = st.text_input(L["contact.address_line1"], max_chars=200, key="public_line1",
                          autocomplete="address-line1")
    line2 = st.text_input(L["contact.address_line2"], max_chars=200, key="public_line2",
                          autocomplete="address-line2")
    town = st.text_input(L["contact.town"], max_chars=100, key="public_town", autocomplete="address-level2")
    postcode = st.text_input(L["contact.postcode"], max_chars=10, key="public_postcode",
                             autocomplete="postal-code")
    st.markdown(f"**{ui.plain(L['consent'])}**")
    st.text(submit.CONSENT_TEXT)
    consent = st.checkbox("I agree", key="public_consent")
    sent = st.form_submit_button("Send my answers", type="primary")
if sent:
    contact = submit.ContactAnswer(phone=phone, email=email, address_line1=line1, address_line2=line2,
                                   town=town, postcode=postcode, best_way=best_way)
    receipt = ui.run(lambda: submit.submit_self_assessment(
        ui.self_assessment(answers, st.session_state.get(_keys.PEOPLE, [])), contact, consent,
        ui.client_address()))
    if receipt is not None:
        st.session_state.pop(_keys.ANSWERS, None)
        st.session_state.pop(_keys.PEOPLE, None)
        st.session_state[_keys.RECEIPT] = receipt
        st.switch_page(ui.CONFIRMATION)
