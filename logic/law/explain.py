"""A determination as an officer's assessment notes: one heading a question, each answer
followed by the reasons for it and what they cite.

Every reason appears once, under the first question it explains, in the order the engine
reached it. The same text is what pages show next to each answer and letters quote.
"""

from __future__ import annotations

import textwrap

from logic.common import codes

from .core import Determination, long_date

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Eligibility", ("eligible",)),
    ("Homelessness", ("homelessness",)),
    ("Priority need", ("priority_need", "priority_need_grounds")),
    ("Intentional homelessness", ("intentionally_homeless",)),
    ("Duty owed", ("duty", "relief_duty_day")),
    ("Interim accommodation", ("interim_accommodation_duty",)),
    ("Local connection and referral", ("local_connection", "referral_possible")),
    ("Bedroom need", ("bedroom_need",)),
    ("Reasonable preference", ("reasonable_preference",)),
    ("Housing register", ("qualifies", "band", "band_effective_date")),
    ("Key dates", ("deadlines", "prevention_duty_ends_on", "prevention_56_day_end_allowed",
                   "review_request_by", "review_in_time")),
    ("Basis of this assessment", ("applicant_age", "policy", "refer_to_childrens_services")),
)

_DUTY = {code: codes.ENGINE_DUTIES.phrase(code) for code in codes.ENGINE_DUTIES.codes()}


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _list(values: tuple[str, ...]) -> str:
    return ", ".join(v.replace("_", " ") for v in values) if values else "none"


def _answer(d: Determination, title: str) -> str:
    answers = {
        "Eligibility": "eligible" if d.eligible else "not eligible",
        "Homelessness": codes.HOMELESSNESS.label(d.homelessness).lower(),
        "Priority need": (f"yes ({_list(d.priority_need_grounds)})" if d.priority_need else "no"),
        "Intentional homelessness": _yes(d.intentionally_homeless),
        "Duty owed": _DUTY[d.duty] + (f", day {d.relief_duty_day} of the relief period"
                                      if d.relief_duty_day and d.duty == "relief" else "")
        + ("; refer to children's services first" if d.refer_to_childrens_services else ""),
        "Interim accommodation": _yes(d.interim_accommodation_duty),
        "Local connection and referral": (f"local connection {_yes(d.local_connection)}; "
                                          f"referral possible {_yes(d.referral_possible)}"),
        "Bedroom need": str(d.bedroom_need),
        "Reasonable preference": _list(d.reasonable_preference),
        "Housing register": (f"qualifies, band {d.band} from {long_date(d.band_effective_date)}"
                             if d.qualifies and d.band and d.band_effective_date
                             else "does not qualify"),
        "Key dates": (f"{len(d.deadlines)} dates" if d.deadlines else "none") + (
            "" if d.review_in_time is None
            else "; review requested in time" if d.review_in_time
            else "; review requested late"),
        "Basis of this assessment": f"applicant aged {d.applicant_age}",
    }
    return answers[title]


def explain(d: Determination, title: str | None = None, width: int = 92) -> str:
    """The readable trace of a determination."""
    lines: list[str] = []
    head = "Assessment notes" + (f": {title}" if title else "")
    lines += [head, "=" * len(head),
              f"Assessed on {long_date(d.assessment_date)}. {d.policy}.", ""]
    shown: set[int] = set()
    wrap = textwrap.TextWrapper(width=width, initial_indent="  - ", subsequent_indent="    ")
    cite_wrap = textwrap.TextWrapper(width=width, initial_indent="    [", subsequent_indent="     ")
    for n, (title_, fields) in enumerate(SECTIONS, start=1):
        lines.append(f"{n}. {title_}: {_answer(d, title_)}")
        for i, r in enumerate(d.reasons):
            if i in shown or not set(r.concerns) & set(fields):
                continue
            shown.add(i)
            lines += wrap.wrap(r.text)
            lines += cite_wrap.wrap(f"{r.citation}]  ({r.rule})")
        lines.append("")
    lines.append("Outcome: " + _DUTY[d.duty]
                 + f"; interim accommodation {_yes(d.interim_accommodation_duty)}"
                 + f"; {d.bedroom_need}-bedroom need"
                 + f"; reasonable preference: {_list(d.reasonable_preference)}.")
    return "\n".join(lines) + "\n"
