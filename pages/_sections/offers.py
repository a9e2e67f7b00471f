"""The Offers part of a homelessness case record: the offers of accommodation made under the
duty, their suitability, the applicant's answers and whether the consequences were given in
writing; a form to record an offer and one to record the answer.

`render_offers(record, officer, seen)` is called from the casework section's "Offers" tab. Each
form calls one service (logic.casework.offers) and shows its refusal as a message; whether a
refusal ends the duty is decided when the officer ends it under "Duty and stage".
"""

from __future__ import annotations

import streamlit as st

from logic import clock
from logic.casework import offers
from logic.common import codes
from pages import _keys, _ui


def render_offers(record, officer, seen) -> None:
    summary = _ui.run_service(lambda: offers.offers_summary(case_id=record.id, viewer_id=officer.id))
    if summary is None:
        return
    if summary.offers:
        st.dataframe([_row(o) for o in summary.offers], hide_index=True, key="offers_table")
        for o in summary.offers:
            if o.answer == "refused":
                told = (f"told in writing of the consequences on {_ui.format_date(o.consequences_notified_on)} "
                        f"(letter {o.notice_letter})" if o.consequences_notified_on else
                        "not told in writing of the consequences of refusing it")
                st.markdown(f"**Refused** {_ui.format_date(o.answered_on)}: {_ui.plain(o.address)} "
                            f"({o.kind_label}, {'assessed suitable' if o.suitable else 'assessed not suitable'}; "
                            f"{told}). The applicant's reasons: {_ui.plain(o.answer_reasons)}")
    else:
        st.info("No offer of accommodation recorded on this case.")
    if not summary.may_record:
        if summary.duty is None:
            st.caption("An offer is recorded under an open prevention, relief, main or s.193C(4) duty.")
        return
    with st.form("offers_offer_form"):
        st.markdown(f"**Record an offer** under the {summary.duty_label}")
        kind = st.selectbox("Kind of offer", list(summary.kinds), key=_keys.OFFER_KIND,
                            format_func=codes.OFFER_KINDS.cited)
        address = st.text_input("Address of the accommodation", key=_keys.OFFER_ADDRESS)
        offered_on = st.date_input("Offered on", value=clock.today(), key=_keys.OFFER_ON, format="DD/MM/YYYY")
        respond_by = st.date_input("Answer needed by", value=None, key=_keys.OFFER_RESPOND_BY, format="DD/MM/YYYY")
        suitable = st.radio("Is it suitable for the household?", [True, False], key=_keys.OFFER_SUITABLE,
                            horizontal=True, format_func=lambda v: "Suitable" if v else "Not suitable")
        why = st.text_area("Why it is (or is not) suitable: size, condition, needs (s.206)",
                           key=_keys.OFFER_SUITABILITY, height=80)
        where = st.text_area("Its location: distance from the district, work, schools, care and support "
                             "(Suitability Order 2012 art.2)", key=_keys.OFFER_LOCATION, height=80)
        rent = st.number_input("Rent a month (£)", min_value=0.0, step=10.0, value=None, key=_keys.OFFER_RENT)
        income = st.number_input("Household income a month, benefits included (£)", min_value=0.0, step=10.0,
                                 value=None, key=_keys.OFFER_INCOME)
        if st.form_submit_button("Record the offer", type="primary"):
            _ui.run_service(lambda: offers.record_offer(
                case_id=record.id, expected_version=seen, officer_id=officer.id, kind=kind, address=address,
                offered_on=offered_on, respond_by=respond_by, suitable=suitable, suitability_reasons=why,
                location_reasons=where, monthly_rent=rent, monthly_income=income),
                success="Offer recorded. Send the offer letter, or the final-offer letter if refusing it "
                        "is to end the duty, from the Letters tab.", rerun=True,
                clear_keys=(_keys.OFFER_ADDRESS, _keys.OFFER_SUITABILITY, _keys.OFFER_LOCATION))
    waiting = [o for o in summary.offers if o.answer in (None, "no_reply")]
    if waiting:
        with st.form("offers_answer_form"):
            st.markdown("**Record the applicant's answer**")
            chosen = {o.id: o for o in waiting}
            offer_id = st.selectbox("Offer", list(chosen), key=_keys.OFFER_ANSWER_PICK,
                                    format_func=lambda i: f"{chosen[i].address} ({chosen[i].kind_label}, "
                                                          f"{_ui.format_date(chosen[i].offered_on)})")
            answer = st.selectbox("Applicant's answer", list(codes.OFFER_ANSWERS.codes()), key=_keys.OFFER_ANSWER,
                                  format_func=codes.OFFER_ANSWERS.label)
            answered_on = st.date_input("Answered on", value=clock.today(), key=_keys.OFFER_ANSWERED_ON,
                                        format="DD/MM/YYYY")
            reasons = st.text_area("The applicant's reasons (if refused)", key=_keys.OFFER_ANSWER_REASONS, height=80)
            review_on = st.date_input("Review of suitability asked for on (if accepted and asked)", value=None,
                                      key=_keys.OFFER_REVIEW_ON, format="DD/MM/YYYY")
            if st.form_submit_button("Record the answer"):
                _ui.run_service(lambda: offers.record_offer_answer(
                    offer_id=offer_id, expected_version=seen, officer_id=officer.id, answer=answer,
                    answered_on=answered_on, reasons=reasons,
                    review_requested_on=review_on if answer == "accepted_review" else None),
                    success="Answer recorded.", rerun=True, clear_keys=(_keys.OFFER_ANSWER_REASONS,))


def _row(o) -> dict:
    return {"Offered": _ui.format_date(o.offered_on), "Offer": o.kind_label, "Under": o.duty,
            "Address": o.address, "Suitable": "Yes" if o.suitable else "No", "Why": o.suitability_reasons,
            "Affordability": o.affordability, "Answer by": _ui.format_date(o.respond_by),
            "Answer": o.answer_label, "Answered": _ui.format_date(o.answered_on),
            "Consequences told in writing": (f"{_ui.format_date(o.consequences_notified_on)} ({o.notice_letter})"
                                             if o.consequences_notified_on else "No")}
