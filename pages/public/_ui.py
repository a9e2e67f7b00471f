"""The public app's own small helpers: the plain look, showing a refusal, dates, contacts.

Imports no staff module (pages._ui, pages._keys, logic.cases ...): the shared helpers are
``pages._client`` (the connection's address) and ``pages._plain`` (words made safe to show).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import streamlit as st

from logic.common.errors import HearthError
from logic.public import submit
from pages._client import client_address  # noqa: F401  (the rate limit counts per address)
from pages._plain import plain
from pages.public import _keys

T = TypeVar("T")

START = "pages/public/start.py"
QUESTIONS = "pages/public/self_assessment.py"
CHECK = "pages/public/check_answers.py"
RESULT = "pages/public/result.py"
CONTACT = "pages/public/contact.py"
CONFIRMATION = "pages/public/confirmation.py"
REFER = "pages/public/refer.py"
SUMMARY = "pages/public/summary.py"


def run(action: Callable[[], T]) -> T | None:
    """Call the public service; show its refusal (in the public's words) and return None."""
    try:
        return action()
    except HearthError as error:
        st.error(plain(error.message))
        return None


def show_error_kept() -> None:
    """A refusal kept over a page change (a change of page reruns the app)."""
    message = st.session_state.pop(_keys.ERROR, None)
    if message:
        st.error(plain(message))


def short_date(d: date | None) -> str:
    return submit.short_date(d) if d else "Not given"


def emergency_box(contacts) -> None:
    """Who to call first, before anything else on the page."""
    if not contacts:
        return
    lines = [f"**{plain(c.name)}: {plain(c.phone)}**  \n{plain(c.when)}" for c in contacts]
    st.error("#### If you need help now\n\n" + "\n\n".join(lines), icon=":material/call:")


def reading(r) -> None:
    emergency_box(r.emergency_contacts)
    st.subheader(plain(r.headline))
    for line in r.explanation:
        st.write(plain(line))
    st.warning(plain(r.not_a_decision), icon=":material/info:")


def summary_lines(lines) -> None:
    for question, answer in lines:
        st.markdown(f"**{plain(question)}**")
        st.text(answer)


def summary_link(reference: str, token: str) -> str:
    """The one-time link to the summary page, whole when the browser's address is known."""
    from urllib.parse import urlencode, urlsplit

    url = st.context.url or ""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""
    return f"{base}summary?{urlencode({'ref': reference, 'token': token})}"


def back_button(key: str, to: str | None = None, action: Callable[[], None] | None = None) -> None:
    if st.button("Back", key=key, icon=":material/arrow_back:"):
        if action is not None:
            action()
        if to is not None:
            st.switch_page(to)
        st.rerun()


def self_assessment(answers: dict, people: list) -> submit.SelfAssessment:
    """The answers given so far as the service takes them (a missing answer is refused there)."""
    disaster = answers.get("disaster")
    return submit.SelfAssessment(
        person=submit.PersonAnswer(answers.get("given_name", ""), answers.get("family_name", ""),
                                   answers.get("dob"), answers.get("sex", ""),
                                   pregnant=bool(answers.get("pregnant"))),
        members=tuple(submit.PersonAnswer(p["given_name"], p["family_name"], p["dob"], p["sex"],
                                          relation=p["relation"], pregnant=p["pregnant"])
                      for p in people),
        immigration_status=answers.get("immigration_status", ""),
        accommodation_tonight=bool(answers.get("accommodation_tonight", True)),
        current_accommodation=answers.get("current_accommodation"),
        likely_to_lose_home_on=answers.get("likely_to_lose_home_on"),
        section_21_served=bool(answers.get("section_21_served")),
        section_21_expires_on=answers.get("section_21_expires_on"),
        domestic_abuse=bool(answers.get("domestic_abuse")),
        disaster=None if disaster in (None, "none") else disaster,
        safeguarding_concern=bool(answers.get("safeguarding_concern")),
        wants_to_move=bool(answers.get("wants_to_move")),
        story=answers.get("story", ""),
    )


# The self-assessment's questions, in order, by code (pages/public/self_assessment.py asks them)
STEP_CODES = ("name", "dob", "sex", "pregnant", "tonight", "where", "notice", "leave", "abuse",
              "disaster", "worry", "status", "people", "move", "story")


def steps_for(answers: dict) -> list[str]:
    """The questions that apply: pregnancy is not asked of a man."""
    return [c for c in STEP_CODES if not (c == "pregnant" and answers.get("sex") == "M")]


def step_of(code: str, answers: dict) -> int:
    steps = steps_for(answers)
    return steps.index(code) if code in steps else 0
