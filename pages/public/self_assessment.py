"""The self-assessment: one question a page, a progress bar and a way back (GOV.UK style).

Answers are kept in the session (pages/public/_keys.py ANSWERS) until the check page; nothing
is sent until the person gives their contact details and agrees. One column throughout, so it
reads at a phone's width.
"""

from datetime import date

import streamlit as st

from logic import clock
from logic.common import codes
from logic.public import submit
from pages.public import _keys
from pages.public import _ui as ui

YES_NO = {True: "Yes", False: "No"}
DISASTERS = {"none": "No", **codes.EMERGENCIES.options()}
L = submit.FIELD_LABELS

answers: dict = st.session_state.setdefault(_keys.ANSWERS, {})
people: list = st.session_state.setdefault(_keys.PEOPLE, [])
today = clock.today()


def _radio(code: str, label: str, options: dict, help: str | None = None):
    keys = list(options)
    current = answers.get(code)
    return st.radio(label, keys, format_func=options.get, key=_keys.question(code), help=help,
                    index=keys.index(current) if current in keys else None)


def _date(code: str, label: str, help: str | None = None, *, past: bool = False):
    return st.date_input(label, value=answers.get(code), key=_keys.question(code), help=help,
                         format="DD/MM/YYYY", min_value=date(1900, 1, 1) if past else today.replace(year=today.year - 1),
                         max_value=today if past else today.replace(year=today.year + 5))


def ask_name():
    given = st.text_input(L["person.given_name"], value=answers.get("given_name", ""),
                          key=_keys.question("given_name"), max_chars=100, autocomplete="given-name")
    family = st.text_input(L["person.family_name"], value=answers.get("family_name", ""),
                           key=_keys.question("family_name"), max_chars=100, autocomplete="family-name")
    return {"given_name": given.strip(), "family_name": family.strip()} if given.strip() and family.strip() else None


def ask_dob():
    value = _date("dob", L["person.dob"], "For example, 27/03/1990", past=True)
    return {"dob": value} if value else None


def ask_sex():
    value = _radio("sex", L["person.sex"], codes.SEXES.options())
    return {"sex": value} if value else None


def ask_pregnant():
    value = _radio("pregnant", L["person.pregnant"], YES_NO)
    return {"pregnant": value} if value is not None else None


def ask_tonight():
    value = _radio("accommodation_tonight", L["accommodation_tonight"], YES_NO,
                   "Somewhere you can stay tonight without being at risk of harm.")
    return {"accommodation_tonight": value} if value is not None else None


def ask_where():
    keys = list(codes.ACCOMMODATION_TYPES.codes())
    current = answers.get("current_accommodation")
    value = st.selectbox(L["current_accommodation"], keys, format_func=codes.ACCOMMODATION_TYPES.label,
                         key=_keys.question("current_accommodation"),
                         index=keys.index(current) if current in keys else None,
                         placeholder="Choose where you live now")
    return {"current_accommodation": value} if value else None


def ask_notice():
    served = _radio("section_21_served", L["section_21_served"], YES_NO,
                    "A letter from your landlord saying you must leave by a date (for example a "
                    "section 21 or section 8 notice).")
    if served:
        expires = _date("section_21_expires_on", L["section_21_expires_on"])
        return {"section_21_served": True, "section_21_expires_on": expires} if expires else None
    return {"section_21_served": False, "section_21_expires_on": None} if served is False else None


def ask_leave():
    known = _radio("leave_known", "Do you know when you will have to leave where you live now?",
                   {True: "Yes", False: "No, or I have already left"})
    if known:
        on = _date("likely_to_lose_home_on", L["likely_to_lose_home_on"])
        return {"leave_known": True, "likely_to_lose_home_on": on} if on else None
    return {"leave_known": False, "likely_to_lose_home_on": None} if known is False else None


def ask_abuse():
    value = _radio("domestic_abuse", L["domestic_abuse"], YES_NO,
                   "Abuse from a partner, ex-partner or family member: physical, emotional, "
                   "sexual, financial or controlling behaviour. What you tell us is kept safe.")
    return {"domestic_abuse": value} if value is not None else None


def ask_disaster():
    value = _radio("disaster", L["disaster"], DISASTERS)
    return {"disaster": value} if value else None


def ask_worry():
    value = _radio("safeguarding_concern", L["safeguarding_concern"], YES_NO)
    return {"safeguarding_concern": value} if value is not None else None


def ask_status():
    keys = list(codes.IMMIGRATION_ANSWERS.codes())
    current = answers.get("immigration_status")
    value = st.selectbox(L["immigration_status"], keys, format_func=codes.IMMIGRATION_ANSWERS.label,
                         key=_keys.question("immigration_status"),
                         index=keys.index(current) if current in keys else None,
                         placeholder="Choose your status, or 'Not known yet'",
                         help="If you are not sure, choose 'Not known yet'. An officer will ask.")
    return {"immigration_status": value} if value else None


def ask_people():
    st.write("Tell us about everyone who lives with you, or would if you had a home. Add no one "
             "if you live alone.")
    for i, p in enumerate(people):
        st.text(f"{p['given_name']} {p['family_name']}, "
                f"{codes.HOUSEHOLD_RELATIONS.label(p['relation']).lower()}, born {ui.short_date(p['dob'])}")
        if st.button("Remove", key=f"public_remove_person_{i}"):
            people.pop(i)
            st.rerun()
    with st.form("public_add_person", clear_on_submit=True):
        st.markdown("**Add someone who lives with you**")
        given = st.text_input("Their first name", max_chars=100, key="public_person_given")
        family = st.text_input("Their last name", max_chars=100, key="public_person_family")
        relations = list(codes.MEMBER_RELATIONS.codes())
        relation = st.selectbox("How are they related to you?", relations,
                                format_func=codes.MEMBER_RELATIONS.label, key="public_person_relation")
        dob = st.date_input("Their date of birth", value=None, min_value=date(1900, 1, 1),
                            max_value=today, format="DD/MM/YYYY", key="public_person_dob")
        sex = st.radio("Their sex", list(codes.SEXES.codes()), format_func=codes.SEXES.label,
                       key="public_person_sex")
        pregnant = st.checkbox("They are pregnant", key="public_person_pregnant")
        if st.form_submit_button("Add this person"):
            if given.strip() and family.strip() and dob:
                people.append({"given_name": given.strip(), "family_name": family.strip(),
                               "relation": relation, "dob": dob, "sex": sex, "pregnant": pregnant})
                st.rerun()
            st.error("Please give their first name, last name and date of birth.")
    return {"people": len(people)}


def ask_move():
    value = _radio("wants_to_move", L["wants_to_move"], YES_NO)
    return {"wants_to_move": value} if value is not None else None


def ask_story():
    value = st.text_area(L["story"] + " (optional)", value=answers.get("story", ""),
                         key=_keys.question("story"), max_chars=submit.STORY_LIMIT,
                         help="For example, why you are losing your home, or any health needs.")
    return {"story": value}


QUESTIONS = {
    "name": ("What is your name?", ask_name),
    "dob": ("What is your date of birth?", ask_dob),
    "sex": ("What is your sex?", ask_sex),
    "pregnant": ("Are you pregnant?", ask_pregnant),
    "tonight": ("Do you have somewhere safe to stay tonight?", ask_tonight),
    "where": ("Where are you living now?", ask_where),
    "notice": ("Has your landlord given you a notice to leave?", ask_notice),
    "leave": ("When will you have to leave?", ask_leave),
    "abuse": ("Are you at risk of abuse?", ask_abuse),
    "disaster": ("Has your home been damaged?", ask_disaster),
    "worry": ("Is anyone with you at risk of harm?", ask_worry),
    "status": ("What is your immigration status?", ask_status),
    "people": ("Who lives with you?", ask_people),
    "move": ("Do you want to move?", ask_move),
    "story": ("Anything else?", ask_story),
}

steps = ui.steps_for(answers)
step = min(st.session_state.get(_keys.STEP, 0), len(steps) - 1)
code = steps[step]
title, ask = QUESTIONS[code]
st.progress((step + 1) / (len(steps) + 1), text=f"Question {step + 1} of {len(steps)}")
ui.back_button("public_back", to=ui.START if step == 0 else None,
               action=lambda: st.session_state.__setitem__(_keys.STEP, max(step - 1, 0)))
st.title(title)  # the question is the page's heading (h1), as GOV.UK asks it
if code in ("tonight", "abuse"):
    st.caption("If you are in danger now, call 999.")
given = ask()
if st.button("Continue", type="primary", key="public_continue", icon=":material/arrow_forward:"):
    if given is None:
        st.error("Please answer this question to continue.")
    else:
        answers = {**answers, **given}
        if code == "sex" and given["sex"] == "M":
            answers.pop("pregnant", None)
        st.session_state[_keys.ANSWERS] = answers
        if st.session_state.pop(_keys.BACK_TO_CHECK, False) or step + 1 >= len(steps):
            st.switch_page(ui.CHECK)
        st.session_state[_keys.STEP] = step + 1
        st.rerun()
