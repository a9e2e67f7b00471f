"""Intake: the front door. Find or create the household, triage the contact, confirm the route.

One screen, top to bottom as the call goes: 1 the contact (and any s.213B referral), 2 who it is
(search, or a new household after the possible duplicates are shown), 3 the triage questions with
the engine's recommendation beside them, 4 the route confirmed with the summary, advice and
signposting, saved in one unit of work (intake.complete_intake).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from logic import clock
from logic.common import codes
from logic.front_door import households, safeguarding, triage
from logic.front_door import service as intake
from logic.front_door.households import PersonDetails
from logic.front_door.signposting import default_directory
from logic.law.facts import VULNERABILITIES
from logic.models import ContactChannel
from logic.models.front_door import ReferringBody
from pages import _keys, _ui
from pages._sections import front_door as _front_door
from pages._sections import online_approaches as _online

IMMIGRATION_LABELS = codes.IMMIGRATION_ANSWERS.options()
MEMBER_COLUMNS = ["relation", "given_name", "family_name", "dob", "sex", "dependent", "pregnant"]

officer = _ui.require_page("intake")
st.title("Intake")
st.caption("A call, email, letter, visit, webchat or an online form: find the household, triage, confirm the route.")
_ui.show_flash()
today = clock.today()

# --- the intake just saved ---------------------------------------------------------------
outcome: intake.IntakeOutcome | None = st.session_state.get(_keys.INTAKE_OUTCOME)
if outcome is not None:
    if outcome.case_reference:
        done = (f"{outcome.case_reference} opened" if outcome.case_opened
                else f"added to open case {outcome.case_reference}")
        st.success(f"Contact saved for {outcome.household_reference}; {done}.")
    else:
        st.success(f"Contact, advice and signposting saved for {outcome.household_reference}.")
    _ui.household_link(outcome.household_reference, officer)
    if outcome.actions_today:
        st.markdown("**Still to do today**\n" + "\n".join(f"- {a}" for a in outcome.actions_today))
    if outcome.email_text:
        st.markdown("**Email-ready advice** (copy with the button at the top right of the box)")
        st.code(outcome.email_text, language=None, wrap_lines=True)
    cols = st.columns(2)
    if outcome.case_reference and cols[0].button("Open the case record", key="intake_open_case", type="primary"):
        st.session_state.pop(_keys.INTAKE_OUTCOME, None)
        _ui.open_case(outcome.case_reference)
    if cols[1].button("Start the next contact", key="intake_next_contact"):
        st.session_state.pop(_keys.INTAKE_OUTCOME, None)
        st.rerun()
    st.stop()

# --- online approaches: what the public sent, or the one this intake carries on from -------
online = _online.carried_on()
if online is not None:
    _online.render_carried_on(officer, online)
elif _online.may_see(officer):
    _online.render_waiting(officer)

# --- 1 the contact -----------------------------------------------------------------------
st.subheader("1 · The contact")
cols = st.columns([1, 1, 1])
channel = cols[0].selectbox("How did they contact us", [c.value for c in ContactChannel],
                            key=_keys.INTAKE_CHANNEL, format_func=codes.CONTACT_CHANNELS.label)
contact_day = cols[1].date_input("Date", value=today, max_value=today, key=_keys.INTAKE_DAY, format="DD/MM/YYYY")
contact_time = cols[2].time_input("Time", value=clock.london_now().time().replace(second=0, microsecond=0),
                                  key=_keys.INTAKE_TIME)
is_referral = st.checkbox("This is a referral from a public body under the duty to refer (s.213B)",
                          key=_keys.INTAKE_IS_REFERRAL)
referral = None
if is_referral:
    cols = st.columns(2)
    body_type = cols[0].selectbox("Kind of body", [b.value for b in ReferringBody], key=_keys.INTAKE_BODY_TYPE,
                                  format_func=lambda b: intake.REFERRING_BODY_LABELS[b])
    body_name = cols[1].text_input("Name of the body", key=_keys.INTAKE_BODY_NAME,
                                   placeholder="e.g. Hearthshire Probation Delivery Unit")
    referrer_name = cols[0].text_input("Referrer's name", key=_keys.INTAKE_REFERRER_NAME)
    referrer_contact = cols[1].text_input("Referrer's phone or email", key=_keys.INTAKE_REFERRER_CONTACT)
    consent = st.checkbox("The person consented to the referral (s.213B(3))", key=_keys.INTAKE_CONSENT)
    referral = intake.ReferralDetails(body_type=body_type, body_name=body_name, consent_given=consent,
                                      referrer_name=referrer_name, referrer_contact=referrer_contact)

# --- 2 who it is -------------------------------------------------------------------------
st.subheader("2 · Who is it?")
household_id = st.session_state.get(_keys.INTAKE_HOUSEHOLD_ID)
new_household = st.session_state.get(_keys.INTAKE_NEW_HOUSEHOLD)
glance: intake.HouseholdGlance | None = None


def _choose(chosen_id: int) -> None:
    st.session_state[_keys.INTAKE_HOUSEHOLD_ID] = chosen_id
    st.session_state.pop(_keys.INTAKE_NEW_HOUSEHOLD, None)
    st.session_state.pop(_keys.INTAKE_DUPLICATES, None)
    st.session_state.pop(_keys.INTAKE_SEARCH_RESULTS, None)


if household_id is None and new_household is None:
    with st.form("intake_search_form"):
        cols = st.columns([3, 1])
        text = cols[0].text_input("Name, reference, phone or postcode", key="intake_search_text")
        dob = cols[1].date_input("Date of birth", value=None, key="intake_search_dob", format="DD/MM/YYYY",
                                 min_value=date(1900, 1, 1), max_value=today)
        if st.form_submit_button("Search", type="primary"):
            found = _ui.run_service(lambda: households.find_households(actor_id=officer.id, text=text, dob=dob))
            if found is not None:
                st.session_state[_keys.INTAKE_SEARCH_RESULTS] = found
    found = st.session_state.get(_keys.INTAKE_SEARCH_RESULTS)
    if found is not None:
        if not found:
            st.info("No household matches. Check the spelling, or enter them as a new household below.")
        for match in found[:15]:
            cols = st.columns([4, 1])
            cols[0].write(f"**{match.reference}** · {_ui.plain(match.applicant_name)} · born "
                          f"{_ui.format_date(match.applicant_dob)} · {_ui.plain(match.postcode or 'no postcode')}"
                          f" · {_ui.plain(match.phone or 'no phone')}")
            if cols[1].button("Use", key=_keys.intake_use_household(match.household_id)):
                _choose(match.household_id)
                st.rerun()

    with st.expander("Not known to us: enter a new household", expanded=found == [] or online is not None), \
            st.form("intake_new_household_form"):
        cols = st.columns(2)
        given = cols[0].text_input("First name", key=_keys.INTAKE_NEW_GIVEN)
        family = cols[1].text_input("Surname", key=_keys.INTAKE_NEW_FAMILY)
        new_dob = cols[0].date_input("Date of birth", value=None, key=_keys.INTAKE_NEW_DOB, format="DD/MM/YYYY",
                                     min_value=date(1900, 1, 1), max_value=today)
        sex = cols[1].selectbox("Sex", codes.SEXES.codes(), key=_keys.INTAKE_NEW_SEX, format_func=codes.SEXES.label)
        phone = cols[0].text_input("Phone", key=_keys.INTAKE_NEW_PHONE)
        email = cols[1].text_input("Email", key=_keys.INTAKE_NEW_EMAIL)
        address = cols[0].text_input("Address (where they are now)", key=_keys.INTAKE_NEW_ADDRESS)
        town = cols[1].text_input("Town", key=_keys.INTAKE_NEW_TOWN)
        postcode = cols[0].text_input("Postcode", key=_keys.INTAKE_NEW_POSTCODE)
        if st.form_submit_button("Check for duplicates"):
            if not given.strip() or not family.strip() or new_dob is None:
                st.error("Enter the first name, surname and date of birth first.")
            else:
                matches = _ui.run_service(lambda: intake.possible_duplicates(
                    actor_id=officer.id, given_name=given, family_name=family, dob=new_dob,
                    phone=phone, postcode=postcode, email=email))
                if matches is not None:
                    details = dict(given_name=given.strip(), family_name=family.strip(), dob=new_dob,
                                   sex=sex, phone=phone, email=email, address=address, town=town,
                                   postcode=postcode)
                    st.session_state[_keys.INTAKE_DUPLICATES] = (details, matches)
                    if not matches:
                        st.session_state[_keys.INTAKE_NEW_HOUSEHOLD] = details
                        st.session_state.pop(_keys.INTAKE_DUPLICATES, None)
                        st.rerun()
    checked = st.session_state.get(_keys.INTAKE_DUPLICATES)
    if checked:
        details, matches = checked
        st.warning(f"{len(matches)} household(s) may already be {_ui.plain(details['given_name'])} "
                   f"{_ui.plain(details['family_name'])}. Check them before creating a new one.")
        for match in matches:
            cols = st.columns([4, 1])
            cases_text = f" · open: {', '.join(match.open_cases)}" if match.open_cases else ""
            cols[0].write(f"**{match.reference}** · {_ui.plain(match.applicant_name)} · born "
                          f"{_ui.format_date(match.applicant_dob)} · {_ui.plain(match.postcode or '')}{cases_text}  \n"
                          f"_Matched on:_ {'; '.join(match.reasons)}")
            if cols[1].button("This is them", key=_keys.intake_duplicate(match.household_id)):
                _choose(match.household_id)
                st.rerun()
        if st.button("None of these: continue with a new household", key="intake_confirm_new"):
            st.session_state[_keys.INTAKE_NEW_HOUSEHOLD] = details
            st.session_state.pop(_keys.INTAKE_DUPLICATES, None)
            st.rerun()
    st.stop()

if household_id is not None:
    glance = _ui.run_service(lambda: intake.household_glance(actor_id=officer.id, household_id=household_id,
                                                              opening=_ui.opening()))
    if glance is None:
        st.stop()
    st.write(f"**{glance.reference}** · {_ui.plain(glance.applicant.name)} · {_ui.plain(glance.address)} · "
             + (_ui.plain(" · ".join(x for x in (glance.phone, glance.email) if x)) or "no contact details"))
    if glance.open_cases:
        st.caption("Open cases: " + ", ".join(f"{c.reference} ({_ui.case_stage(c.case_type, c.stage)})"
                                               for c in glance.open_cases))
    _ui.household_link(glance.reference, officer)
    _front_door.render_household_flags(glance.household_id, officer)
    applicant_dob, applicant_sex = glance.applicant.dob, glance.applicant.sex
    applicant_name = glance.applicant.name
    members = pd.DataFrame(
        [{"relation": p.relation, "given_name": p.given_name, "family_name": p.family_name, "dob": p.dob,
          "sex": p.sex, "dependent": p.presumed_dependent(today),
          "pregnant": p.pregnant} for p in glance.people if p.relation != "applicant"],
        columns=MEMBER_COLUMNS,
    )
else:
    st.write(f"**New household** · {_ui.plain(new_household['given_name'])} {_ui.plain(new_household['family_name'])} · born "
             f"{_ui.format_date(new_household['dob'])} · {_ui.plain(new_household['postcode'] or 'no postcode')}")
    applicant_dob, applicant_sex = new_household["dob"], new_household["sex"]
    applicant_name = f"{new_household['given_name']} {new_household['family_name']}"
    members = (_online.members(online, MEMBER_COLUMNS) if online is not None
               else pd.DataFrame(columns=MEMBER_COLUMNS))
if st.button("Change who this is", key="intake_change_household"):
    for key in (_keys.INTAKE_HOUSEHOLD_ID, _keys.INTAKE_NEW_HOUSEHOLD):
        st.session_state.pop(key, None)
    st.rerun()

# --- 3 triage ----------------------------------------------------------------------------
st.subheader("3 · Triage")
left, right = st.columns([1, 1], gap="large")
with left:
    tonight = st.radio("Do they have somewhere safe to stay tonight?", ["Yes", "No"], horizontal=True,
                       key=_keys.INTAKE_TONIGHT) == "Yes"
    domestic_abuse = st.checkbox("Would staying at home probably lead to domestic abuse?", key=_keys.INTAKE_DA)
    victim = "applicant"
    if domestic_abuse:
        victim = st.selectbox(triage.FIELD_LABELS["domestic_abuse_victim"], codes.DOMESTIC_ABUSE_VICTIMS.codes(),
                              key="intake_da_victim", format_func=codes.DOMESTIC_ABUSE_VICTIMS.label)
    disaster = st.selectbox("Has the home been lost to fire, flood or another disaster?",
                            [None, *codes.EMERGENCIES.codes()], key=_keys.INTAKE_DISASTER,
                            format_func=lambda d: "No" if d is None else codes.EMERGENCIES.label(d))
    concern = st.checkbox("Is anyone in the household at risk of harm (safeguarding concern)?",
                          key=_keys.INTAKE_SAFEGUARDING)
    concerns: list[safeguarding.Concern] = []
    if concern:
        people = {p.id: p.name for p in glance.people} if glance else {}
        kind = st.selectbox("Kind of risk", list(safeguarding.KIND_LABELS), key="intake_concern_kind",
                            format_func=lambda k: safeguarding.KIND_LABELS[k])
        person = st.selectbox("Who is at risk", [None, *people], key="intake_concern_person",
                              format_func=lambda i: "The household" if i is None else people[i])
        details = st.text_area("What is the concern?", key="intake_concern_details", height=80)
        referred_to = st.text_input("Referral made to (leave empty if not made yet)", key="intake_concern_to")
        referred_ref = st.text_input("Their reference (optional)", key="intake_concern_ref")
        concerns.append(safeguarding.Concern(
            kind=kind, details=details, person_id=person, referral_to=referred_to or None,
            referral_made_at=clock.now() if referred_to.strip() else None,
            referral_reference=referred_ref or None))
    losing = st.checkbox("Are they likely to lose their home?", key=_keys.INTAKE_LOSING)
    losing_on = st.date_input("When", value=None, key=_keys.INTAKE_LOSING_ON, format="DD/MM/YYYY") if losing else None
    s21 = st.checkbox("Have they been given a section 21 (no-fault) notice?", key=_keys.INTAKE_S21)
    s21_on, s21_valid = None, "not_checked"
    if s21:
        cols = st.columns(2)
        s21_on = cols[0].date_input("It expires on", value=None, key=_keys.INTAKE_S21_ON, format="DD/MM/YYYY")
        s21_valid = cols[1].radio("Is it valid?", ["not_checked", "yes", "no"], key="intake_s21_valid",
                                  format_func={"not_checked": "Not checked yet", "yes": "Yes", "no": "No"}.get)
with right:
    status = st.selectbox("Immigration status", list(IMMIGRATION_LABELS), key=_keys.INTAKE_STATUS,
                          format_func=IMMIGRATION_LABELS.get)
    pregnant = st.checkbox(f"{_ui.plain(applicant_name)} is pregnant", key=_keys.INTAKE_PREGNANT) if applicant_sex != "M" else False
    relevant_child = owed_s20 = False
    if triage.young_person(applicant_dob, today):
        relevant_child = st.checkbox(triage.FIELD_LABELS["relevant_child"], key="intake_relevant_child")
        owed_s20 = st.checkbox(triage.FIELD_LABELS["owed_s20_duty"], key="intake_owed_s20")
    vulnerability = st.multiselect(
        "Reason to believe they may be vulnerable (officer's view)", list(VULNERABILITIES),
        key="intake_vulnerability", format_func=codes.VULNERABILITIES.label)
    st.caption("Who lives with them (add a row for each person; an expected baby is a pregnancy above)")
    edited = st.data_editor(
        members, key="intake_members", num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "relation": st.column_config.SelectboxColumn("Relation", options=list(triage.MEMBER_RELATIONS),
                                                         required=True),
            "given_name": st.column_config.TextColumn("First name"),
            "family_name": st.column_config.TextColumn("Surname"),
            "dob": st.column_config.DateColumn("Date of birth", format="DD/MM/YYYY", required=True),
            "sex": st.column_config.SelectboxColumn("Sex", options=["F", "M", "X"], required=True),
            "dependent": st.column_config.CheckboxColumn("Dependent child"),
            "pregnant": st.column_config.CheckboxColumn("Pregnant"),
        },
    )
    wants_to_move = st.checkbox("Do they want to move to social housing (housing register)?", key=_keys.INTAKE_MOVE)
    conditions = st.checkbox("Is their home in poor condition (insanitary or unsatisfactory)?", key="intake_conditions")
    medical = st.checkbox("Do they need to move on medical or welfare grounds?", key="intake_medical")
    bedrooms = st.number_input("Bedrooms where they live now (if known)", min_value=0, max_value=20, value=None,
                               key="intake_bedrooms", step=1)
    current_accommodation = st.selectbox(
        triage.FIELD_LABELS["current_accommodation"], [None, *codes.ACCOMMODATION_TYPES.codes()],
        key=_keys.INTAKE_CURRENT_ACCOMMODATION,
        format_func=lambda c: "Not asked yet" if c is None else codes.ACCOMMODATION_TYPES.label(c))


def _members(frame: pd.DataFrame) -> tuple[list[triage.MemberAnswer], list[PersonDetails]]:
    answers_out, people_out = [], []
    for _, row in frame.iterrows():
        if pd.isna(row.get("dob")) or not row.get("relation"):
            continue
        dob = row["dob"] if isinstance(row["dob"], date) else pd.Timestamp(row["dob"]).date()
        sex = row.get("sex") or "X"
        answers_out.append(triage.MemberAnswer(row["relation"], dob, sex, bool(row.get("dependent")),
                                               bool(row.get("pregnant"))))
        people_out.append(PersonDetails(row["relation"], str(row.get("given_name") or ""),
                                        str(row.get("family_name") or ""), dob, sex, bool(row.get("pregnant"))))
    return answers_out, people_out


member_answers, member_people = _members(edited)
answers = triage.TriageAnswers(
    applicant_dob=applicant_dob, applicant_sex=applicant_sex, immigration_status=status,
    accommodation_tonight=tonight, domestic_abuse=domestic_abuse, domestic_abuse_victim=victim, disaster=disaster,
    safeguarding_concern=concern, likely_to_lose_home_on=losing_on, section_21_served=s21,
    section_21_expires_on=s21_on, section_21_valid=s21_valid, applicant_pregnant=pregnant,
    vulnerability=tuple(vulnerability), members=tuple(member_answers), wants_to_move=wants_to_move,
    unsatisfactory_conditions=conditions, medical_welfare_need=medical,
    current_bedrooms=int(bedrooms) if bedrooms is not None else None,
    relevant_child=relevant_child, owed_s20_duty=owed_s20, current_accommodation=current_accommodation,
)
recommendation = _ui.run_service(lambda: triage.recommend(answers, today))
if recommendation is None:
    st.stop()

show = {triage.EMERGENCY: st.error, triage.HOMELESSNESS: st.warning}.get(recommendation.route, st.info)
show(f"**Recommended: {recommendation.label}.** {recommendation.headline}", icon=":material/assistant:")
with st.container(border=True):
    st.markdown("**Why**")
    for reason in recommendation.reasons:
        cite = f"[{reason.citation}]({reason.url})" if reason.url else reason.citation
        st.markdown(f"- {reason.text} _({cite})_")
    for assumption in recommendation.assumptions:
        st.markdown(f"- :orange[Assumed:] {assumption.text} _({assumption.citation})_")
    if recommendation.actions_today:
        st.markdown("**Next steps**\n" + "\n".join(f"- {a}" for a in recommendation.actions_today))

if glance is not None and recommendation.case_type:
    joined = [c.reference for c in glance.open_cases if c.case_type == recommendation.case_type]
    if joined:
        st.caption(f"The household already has open case {joined[0]}: the contact and triage will be "
                   "added to it rather than opening another.")

# --- 4 confirm ---------------------------------------------------------------------------
st.subheader("4 · Confirm the route")
directory = default_directory()
suggested = [s.id for code in recommendation.suggested_categories for s in directory.in_category(code)]
with st.form("intake_confirm_form"):
    route = st.radio("Route", list(triage.ROUTES), index=triage.ROUTES.index(recommendation.route),
                     key=_keys.intake_route(recommendation.route), format_func=triage.ROUTE_LABELS.get,
                     horizontal=True)
    override = st.text_input("If you chose a different route, say why", key="intake_override")
    referral_source = None
    if referral is not None:
        st.caption(f"Referred by: {codes.REFERRAL_SOURCES.label(referral.body_type)} (s.213B referral above)")
    elif glance is not None and glance.referral_pending:
        st.caption(f"Referred by: {codes.REFERRAL_SOURCES.label(glance.referral_pending)} "
                   "(the s.213B referral received for this household)")
    else:
        referral_source = st.selectbox(intake.FIELD_LABELS["referral_source"], codes.REFERRAL_SOURCES.codes(),
                                       key="intake_referral_source", format_func=codes.REFERRAL_SOURCES.label)
    summary = st.text_area("Summary of the contact", key=_keys.INTAKE_SUMMARY, height=100,
                           placeholder="What they told us, in a sentence or two.")
    services = st.multiselect(
        "Signpost to", [s.id for s in directory.services], key="intake_signposting",
        format_func=lambda i: f"{directory.service(i).name} ({directory.label(directory.service(i).category)})"
        + (" · suggested" if i in suggested else ""),
    )
    advice_note = st.text_area("Advice given (goes on the contact and the email)", key="intake_advice", height=80)
    saved = st.form_submit_button("Save the contact and confirm the route", type="primary")

if saved:
    contact = intake.ContactDetails(
        channel=channel, summary=summary,
        occurred_at=datetime.combine(contact_day, contact_time, tzinfo=clock.LONDON).astimezone(UTC),
    )
    new = None
    if household_id is None:
        new = intake.NewHousehold(
            people=[PersonDetails("applicant", new_household["given_name"], new_household["family_name"],
                                  new_household["dob"], new_household["sex"], pregnant)] + member_people,
            address_line1=new_household["address"], town=new_household["town"],
            postcode=new_household["postcode"], phone=new_household["phone"], email=new_household["email"],
        )
    result = _ui.run_service(lambda: intake.complete_intake(
        actor_id=officer.id, today=today, contact=contact, answers=answers, chosen_route=route,
        household_id=household_id, new_household=new, override_reason=override,
        signposting=services, advice_note=advice_note, concerns=concerns, referral=referral,
        referral_source=referral_source, public_submission_id=online.id if online is not None else None,
    ), writes=True)
    if result is not None:
        for key in _keys.intake_keys(st.session_state.keys()):
            del st.session_state[key]
        st.session_state[_keys.INTAKE_OUTCOME] = result
        st.rerun()
