"""The duty to refer (Housing Act 1996 s.213B): a public body refers someone who may be
homeless or threatened with homelessness within 56 days, with their agreement."""

from datetime import date

import streamlit as st

from logic import clock
from logic.common import codes
from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

L = submit.FIELD_LABELS
today = clock.today()

ui.back_button("public_refer_back", to=ui.START)
st.title("Refer someone to the housing options team")
st.write("For prisons, young offender institutions, probation, youth offending teams, hospitals, "
         "Jobcentre Plus, social services and the armed forces (Housing Act 1996 s.213B). You "
         "may refer someone only if they agree.")
with st.form("public_referral"):
    st.subheader("About you")
    body_type = st.selectbox(L["referral.body_type"], list(codes.REFERRING_BODIES.codes()),
                             format_func=codes.REFERRING_BODIES.label, index=None,
                             placeholder="Choose your kind of organisation", key="public_ref_body_type")
    body_name = st.text_input(L["referral.body_name"], max_chars=200, key="public_ref_body_name")
    referrer_name = st.text_input(L["referral.referrer_name"], max_chars=120, key="public_ref_referrer")
    referrer_contact = st.text_input(L["referral.referrer_contact"], max_chars=200,
                                     key="public_ref_referrer_contact")
    st.subheader("The person you are referring")
    given = st.text_input("Their first name", max_chars=100, key="public_ref_given")
    family = st.text_input("Their last name", max_chars=100, key="public_ref_family")
    dob = st.date_input("Their date of birth", value=None, min_value=date(1900, 1, 1), max_value=today,
                        format="DD/MM/YYYY", key="public_ref_dob")
    sex = st.radio("Their sex", list(codes.SEXES.codes()), format_func=codes.SEXES.label,
                   key="public_ref_sex", index=None)
    phone = st.text_input("Their phone number", max_chars=30, key="public_ref_phone")
    email = st.text_input("Their email address", max_chars=200, key="public_ref_email")
    line1 = st.text_input("Their address line 1 (if they have one)", max_chars=200, key="public_ref_line1")
    town = st.text_input("Town or city", max_chars=100, key="public_ref_town")
    postcode = st.text_input("Postcode", max_chars=10, key="public_ref_postcode")
    st.subheader("Their situation")
    tonight = st.radio("Do they have somewhere safe to stay tonight?", [True, False],
                       format_func={True: "Yes", False: "No"}.get, key="public_ref_tonight", index=None)
    leaving_on = st.date_input(L["referral.leaving_on"], value=None, format="DD/MM/YYYY",
                               min_value=today.replace(year=today.year - 1),
                               max_value=today.replace(year=today.year + 2), key="public_ref_leaving")
    abuse = st.checkbox("They are at risk of domestic abuse", key="public_ref_abuse")
    reason = st.text_area(L["referral.reason"], max_chars=submit.STORY_LIMIT, key="public_ref_reason")
    st.markdown(f"**{ui.plain(L['referral.consent'])}**")
    st.text(submit.REFERRAL_CONSENT_TEXT)
    consent = st.checkbox("They agree to this referral", key="public_ref_consent")
    sent = st.form_submit_button("Send the referral", type="primary")
if sent:
    if dob is None or sex is None or tonight is None:
        st.error("Please give their date of birth and sex, and say whether they have somewhere "
                 "safe to stay tonight.")
    else:
        form = submit.ReferralForm(
            person=submit.PersonAnswer(given, family, dob, sex),
            contact=submit.ContactAnswer(phone=phone, email=email, address_line1=line1, town=town,
                                         postcode=postcode, best_way="phone" if phone.strip() else "email"),
            body_type=body_type or "", body_name=body_name, referrer_name=referrer_name,
            referrer_contact=referrer_contact, reason=reason, accommodation_tonight=tonight,
            consent=consent, leaving_on=leaving_on, domestic_abuse=abuse)
        receipt = ui.run(lambda: submit.submit_referral(form, ui.client_address()))
        if receipt is not None:
            st.session_state[_keys.RECEIPT] = receipt
            st.switch_page(ui.CONFIRMATION)
