"""Front-door widgets other screens show: the household's safeguarding flags (on every screen
that shows a household) and the front-door section of the case record (contacts, triage,
signposting, flags with their referrals).

`render_household_flags(household_id, officer)` goes near the top of any screen showing a
household, `render_front_door_section(record, officer)` in the case record's front-door tab.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from logic import clock
from logic.common import codes
from logic.front_door import safeguarding, triage
from logic.front_door import views as views_front_door
from pages import _keys, _ui


def _flag_line(flag: safeguarding.FlagView) -> str:
    who = f" · {_ui.plain(flag.person_name)}" if flag.person_name else ""
    line = (f"**Safeguarding: {flag.kind_label}{who}** · {_ui.plain(flag.details)}  \n"
            f"Raised {_ui.format_moment(flag.raised_at)} by {_ui.plain(flag.raised_by)}.")
    if flag.referrals:
        line += " Referred to " + "; ".join(
            f"{_ui.plain(r.referred_to)} on {_ui.format_moment(r.referred_at)}"
            + (f" (ref {_ui.plain(r.reference)})" if r.reference else "") for r in flag.referrals) + "."
    else:
        line += " No referral recorded yet."
    return line


def render_household_flags(household_id: int, officer=None) -> None:
    """Active safeguarding flags, as a red banner; those who may end one (seniors and managers,
    safeguarding.may_end_flag) can, saying why."""
    flags = safeguarding.household_flags(household_id)
    may_end = officer is not None and safeguarding.may_end_flag(officer)
    for flag in flags:
        st.error(_flag_line(flag), icon=":material/shield:")
        if may_end:
            with st.expander("End this flag", icon=":material/flag:"), \
                    st.form(_keys.end_flag_form(flag.id)):
                reason = st.text_input("Why does the flag no longer apply?",
                                       key=_keys.end_flag_reason(flag.id))
                if st.form_submit_button("End the flag"):
                    _ui.run_service(
                        lambda f=flag, r=reason: safeguarding.end_flag(
                            actor_id=officer.id, flag_id=f.id, expected_version=f.version, reason=r),
                        success="Flag ended.", rerun=True,
                    )


def render_front_door_section(record, officer) -> None:
    """For the case record: flags (raise one, record a referral) and the household's contacts."""
    render_household_flags(record.household_id, officer)
    with st.expander("Raise a safeguarding flag", icon=":material/shield:"), st.form("raise_flag_form"):
        kind = st.selectbox("Kind", list(safeguarding.KIND_LABELS), key="raise_flag_kind",
                            format_func=lambda k: safeguarding.KIND_LABELS[k])
        people = {p.id: p.name for p in record.people}
        person = st.selectbox("Who is at risk", [None, *people], key="raise_flag_person",
                              format_func=lambda i: "The household" if i is None else people[i])
        details = st.text_area("What is the concern?", key=_keys.FLAG_DETAILS)
        referred_to = st.text_input("Referral made to (if made)", key=_keys.FLAG_REFERRED_TO)
        if st.form_submit_button("Raise the flag", type="primary"):
            _ui.run_service(
                lambda: safeguarding.raise_flag(
                    actor_id=officer.id, household_id=record.household_id, kind=kind,
                    details=details, person_id=person, referral_to=referred_to or None,
                    referral_made_at=clock.now() if referred_to.strip() else None),
                success="Safeguarding flag raised.", rerun=True,
                clear_keys=(_keys.FLAG_DETAILS, _keys.FLAG_REFERRED_TO),
            )
    flags = safeguarding.household_flags(record.household_id, include_ended=True)
    active = [f for f in flags if f.active]
    if active:
        with st.expander("Record a referral made", icon=":material/forward_to_inbox:"), \
            st.form("record_referral_form"):
            flag_id = st.selectbox("About the flag", [f.id for f in active], key="referral_flag",
                                   format_func=lambda i: next(f.kind_label + ": " + f.details[:60]
                                                              for f in active if f.id == i))
            to = st.text_input("Referred to", key="referral_to")
            when_day = st.date_input("On", key="referral_day", format="DD/MM/YYYY")
            when_time = st.time_input("At", key="referral_time")
            reference = st.text_input("Their reference (optional)", key="referral_reference")
            if st.form_submit_button("Record the referral"):
                _ui.run_service(
                    lambda: safeguarding.record_referral(
                        actor_id=officer.id, flag_id=flag_id, referred_to=to,
                        referred_at=datetime.combine(when_day, when_time, tzinfo=clock.LONDON),
                        reference=reference),
                    success="Referral recorded.", rerun=True,
                )
    for flag in (f for f in flags if not f.active):
        st.caption(f"Ended flag · {flag.kind_label}: {_ui.plain(flag.details)} · ended "
                   f"{_ui.format_moment(flag.ended_at)} by {_ui.plain(flag.ended_by)}: {_ui.plain(flag.end_reason)}")
    contacts = views_front_door.household_contacts(record.household_id)
    st.subheader("Contacts with the household")
    if contacts.empty:
        st.info("No contacts recorded.")
    else:
        st.dataframe(
            contacts.assign(
                channel=contacts["channel"].map(lambda c: codes.CONTACT_CHANNELS.get(c, c)),
                chosen_route=contacts["chosen_route"].map(lambda r: triage.ROUTE_LABELS.get(r, "") if r else ""),
                referral_source=contacts["referral_source"].map(lambda s: codes.REFERRAL_SOURCES.get(s, "")))[
                ["occurred_at", "channel", "summary", "referral_from", "referral_source", "chosen_route",
                      "signposted_to", "taken_by", "case_reference"]],
            hide_index=True, key="front_door_contacts",
            column_config={
                "occurred_at": st.column_config.DatetimeColumn("When", format="D MMM YYYY HH:mm"),
                "channel": "Channel", "summary": "Summary", "referral_from": "Referred by",
                "referral_source": "Who referred them (triage)",
                "chosen_route": "Route", "signposted_to": "Signposted to", "taken_by": "Taken by",
                "case_reference": "Case",
            },
        )
