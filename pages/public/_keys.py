"""Every session-state key of the public app (the staff app's are pages/_keys.py; the public
app never reads them)."""

from __future__ import annotations

STEP = "public_step"  # the self-assessment's question being asked (its index)
ANSWERS = "public_answers"  # question code -> answer, as given so far
PEOPLE = "public_people"  # the people who live with them, as dicts
READING = "public_reading"  # the PublicReading shown on the result page
RECEIPT = "public_receipt"  # the Receipt of what was sent (self-assessment or referral)
PDF = "public_pdf"  # the summary's PDF bytes, made once
SHOWN_SUMMARY = "public_shown_summary"  # the Summary read by the one-time link
BACK_TO_CHECK = "public_back_to_check"  # a change asked from the check page returns there
ERROR = "public_error"  # a refusal to show after a rerun


def question(code: str) -> str:
    """The widget key of one question's answer box."""
    return f"public_q_{code}"


def forget_all(state) -> None:
    """Start again: every public key (a new person at the same screen starts empty)."""
    for key in [k for k in state if isinstance(k, str) and k.startswith("public_")]:
        del state[key]
