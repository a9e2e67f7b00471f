"""The intake screen's "Online approaches waiting" (issue 18): the self-assessments and s.213B
referrals the public sent, a page at a time; one opened fills in the intake's widgets from what
it says (nothing typed again), shown as said by the applicant or the referrer, not yet checked.

The list, the opening, the taking and the closing are asked of ``logic.public.service``; this
module only draws them and puts the submission's answers into the intake's session-state keys
before the intake's widgets are drawn.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from logic import clock
from logic.common import codes
from logic.public import service as online
from pages import _keys, _ui

PER_PAGE = 10
CLOSE_REASONS = {"duplicate": "A duplicate (already sent, or already known to us)",
                 "withdrawn": "Withdrawn by the person or the referrer"}


def may_see(officer) -> bool:
    return bool(online.may_take_submissions(officer))


def carried_on() -> online.SubmissionForIntake | None:
    return st.session_state.get(_keys.INTAKE_ONLINE)


def _when(moment) -> str:
    return _ui.format_moment(moment.astimezone(clock.LONDON))


def render_waiting(officer) -> None:
    """The list, oldest first after the emergencies, ``PER_PAGE`` a page (paged in the query)."""
    page = st.session_state.get(_keys.INTAKE_ONLINE_PAGE, 1)
    waiting = _ui.run_service(lambda: online.waiting_submissions(officer.id, page=page, per_page=PER_PAGE,
                                                                  opening=_ui.opening()))
    if waiting is None:
        return
    with st.expander(f"Online approaches waiting ({len(waiting)}{'+' if len(waiting) == PER_PAGE else ''}"
                     f"{f', page {page}' if page > 1 else ''})", expanded=bool(waiting)):
        st.caption("Self-assessments and duty-to-refer (s.213B) referrals sent online, emergencies first, "
                   "then the oldest. What they say was said by the applicant or the referrer and is "
                   "not yet checked.")
        if not waiting:
            st.write("Nothing is waiting." if page == 1 else "No more on this page.")
        for item in waiting:
            cols = st.columns([5, 1])
            marker = ":red[**Emergency**] · " if item.emergency else ""
            by = f" · {_ui.plain(item.referred_by)}" if item.referred_by else ""
            cols[0].markdown(f"{marker}**{item.reference}** · {item.kind_label} · {_ui.plain(item.name)}"
                             f"{by} · sent {_when(item.submitted_at)}")
            if cols[1].button("Open", key=_keys.intake_online_open(item.id)):
                _open(officer, item.id)
        cols = st.columns(2)
        if page > 1 and cols[0].button("Previous page", key="intake_online_previous"):
            st.session_state[_keys.INTAKE_ONLINE_PAGE] = page - 1
            st.rerun()
        if len(waiting) == PER_PAGE and cols[1].button("Next page", key="intake_online_next"):
            st.session_state[_keys.INTAKE_ONLINE_PAGE] = page + 1
            st.rerun()


def _open(officer, submission_id: int) -> None:
    opened = _ui.run_service(lambda: online.submission_for_intake(officer.id, submission_id,
                                                                  opening=_ui.opening()))
    if opened is None:
        return
    for key in _keys.intake_keys(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[_keys.INTAKE_ONLINE] = opened
    st.session_state.update(prefilled(opened))
    st.rerun()


def prefilled(opened: online.SubmissionForIntake) -> dict[str, object]:
    """The intake's widget values, as the submission says them (set before the widgets are drawn)."""
    answers, household, contact = opened.answers, opened.new_household, opened.contact
    applicant = household.people[0]
    sent = contact.occurred_at.astimezone(clock.LONDON)
    address = ", ".join(x for x in (household.address_line1, household.address_line2) if x)
    values: dict[str, object] = {
        _keys.INTAKE_CHANNEL: contact.channel,
        _keys.INTAKE_DAY: sent.date(),
        _keys.INTAKE_TIME: sent.time().replace(second=0, microsecond=0),
        _keys.INTAKE_IS_REFERRAL: opened.referral is not None,
        _keys.INTAKE_NEW_GIVEN: applicant.given_name,
        _keys.INTAKE_NEW_FAMILY: applicant.family_name,
        _keys.INTAKE_NEW_DOB: applicant.dob,
        _keys.INTAKE_NEW_SEX: applicant.sex,
        _keys.INTAKE_NEW_PHONE: household.phone or "",
        _keys.INTAKE_NEW_EMAIL: household.email or "",
        _keys.INTAKE_NEW_ADDRESS: address,
        _keys.INTAKE_NEW_TOWN: household.town or "",
        _keys.INTAKE_NEW_POSTCODE: household.postcode or "",
        _keys.INTAKE_TONIGHT: "Yes" if answers.accommodation_tonight else "No",
        _keys.INTAKE_DA: answers.domestic_abuse,
        _keys.INTAKE_DISASTER: answers.disaster,
        _keys.INTAKE_SAFEGUARDING: answers.safeguarding_concern,
        _keys.INTAKE_LOSING: answers.likely_to_lose_home_on is not None,
        _keys.INTAKE_S21: answers.section_21_served,
        _keys.INTAKE_STATUS: answers.immigration_status,
        _keys.INTAKE_PREGNANT: answers.applicant_pregnant,
        _keys.INTAKE_MOVE: answers.wants_to_move,
        _keys.INTAKE_CURRENT_ACCOMMODATION: answers.current_accommodation,
        _keys.INTAKE_SUMMARY: contact.summary,
    }
    if answers.likely_to_lose_home_on is not None:
        values[_keys.INTAKE_LOSING_ON] = answers.likely_to_lose_home_on
    if answers.section_21_expires_on is not None:
        values[_keys.INTAKE_S21_ON] = answers.section_21_expires_on
    if opened.referral is not None:
        values.update({
            _keys.INTAKE_BODY_TYPE: opened.referral.body_type,
            _keys.INTAKE_BODY_NAME: opened.referral.body_name or "",
            _keys.INTAKE_REFERRER_NAME: opened.referral.referrer_name or "",
            _keys.INTAKE_REFERRER_CONTACT: opened.referral.referrer_contact or "",
            _keys.INTAKE_CONSENT: opened.referral.consent_given,
        })
    return values


def members(opened: online.SubmissionForIntake, columns: list[str]) -> pd.DataFrame:
    """Who the submission says lives with the applicant, as the intake's members table."""
    rows = [{"relation": p.relation, "given_name": p.given_name, "family_name": p.family_name, "dob": p.dob,
             "sex": p.sex, "dependent": said.dependent, "pregnant": p.pregnant}
            for p, said in zip(opened.new_household.people[1:], opened.answers.members, strict=False)]
    return pd.DataFrame(rows, columns=columns)


def render_carried_on(officer, opened: online.SubmissionForIntake) -> None:
    """What the submission says, each answer as said and not yet checked; stop or close it."""
    with st.container(border=True):
        marker = ":red[**Emergency**] · " if opened.emergency else ""
        st.markdown(f"{marker}**Carrying on {opened.kind_label.lower()} {opened.reference}** · sent "
                    f"{_when(opened.submitted_at)}")
        st.caption(f"{opened.said_by}: the answers below were filled in from what was sent online. "
                   "Check each one with them before you save; change any that is wrong.")
        said = pd.DataFrame([{"Question": q, "Answer": a, "Source": opened.said_by} for q, a in opened.said])
        st.dataframe(said, hide_index=True, width="stretch")
        if opened.reading_headline:
            st.caption(f"They were told (not a decision): {_ui.plain(opened.reading_headline)}")
        if opened.best_way:
            st.caption(f"Best way to contact them: {_ui.plain(opened.best_way)}")
        cols = st.columns(2)
        if cols[0].button("Put it back in the list", key="intake_online_put_back"):
            for key in _keys.intake_keys(st.session_state.keys()):
                del st.session_state[key]
            st.rerun()
        with cols[1].expander("Close it: a duplicate or withdrawn"), st.form("intake_online_close_form"):
            reason = st.radio("Why it is closed", list(CLOSE_REASONS), key=_keys.INTAKE_ONLINE_CLOSE_REASON,
                              format_func=CLOSE_REASONS.get)
            note = st.text_input("Note (e.g. the reference it duplicates)", key=_keys.INTAKE_ONLINE_CLOSE_NOTE)
            if st.form_submit_button("Close it"):
                done = _ui.run_service(
                    lambda: online.close_submission(officer.id, opened.id, reason, note) or True, writes=True)
                if done:
                    for key in _keys.intake_keys(st.session_state.keys()):
                        del st.session_state[key]
                    st.session_state[_keys.FLASH] = (
                        f"{opened.reference}: {codes.PUBLIC_SUBMISSION_STATUSES.label(f'closed_{reason}')}.")
                    st.rerun()
