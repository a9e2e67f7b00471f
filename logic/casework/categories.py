"""The H-CLIC categories casework records with the step that produces them (issue 16).

The quarterly return (H-CLIC) counts what the s.189A assessment found about where the household
lived, why it lost its last settled home, its support needs and the applicant's employment, and
how each prevention or relief duty ended: the council's main activity and, where accommodation
was secured, its kind. Hearth records them as its own categories (logic.common.codes) at the
assessment and at the duty's end; data/hclic/ maps them to the return's codes.

Pure: no database, no clock. The services (logic.casework.service) call these checks and store
what they return in the same transaction as the step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from logic.common import codes
from logic.common.errors import FieldError

# the assessment form's labels (pages/assessment.py), so a refusal names the question asked
ASSESSMENT_LABELS: dict[str, str] = {
    "categories.accommodation_at_application": "Accommodation at application (where they live now)",
    "categories.last_settled_accommodation": "Accommodation when last settled",
    "categories.reason_for_loss": "Reason for loss (or threat of loss) of the last settled home",
    "categories.support_needs": "Support needs of the household (H-CLIC categories)",
    "categories.employment": "Applicant's employment",
}
# the duty ending's labels (pages/_sections/casework.py)
ENDING_LABELS: dict[str, str] = {
    "main_activity": "Main activity during the duty",
    "accommodation_secured": "Accommodation secured",
}

# the duties whose ending the return counts by main activity (P1-P3, R1-R3)
COUNTED_DUTIES = ("prevention", "relief")
# the end reason (logic.casework.stages.END_REASONS) that says accommodation was secured
ACCOMMODATION_SECURED_REASON = "accommodation_secured"


@dataclass(frozen=True)
class AssessmentCategories:
    """What the s.189A assessment records for the return (each a code of logic.common.codes)."""

    accommodation_at_application: str | None = None  # ACCOMMODATION_TYPES
    last_settled_accommodation: str | None = None  # ACCOMMODATION_TYPES
    reason_for_loss: str | None = None  # LOSS_REASONS (a sub-reason where it has one)
    support_needs: tuple[str, ...] = ()  # SUPPORT_NEEDS, each once; or none / not known alone
    employment: str | None = None  # EMPLOYMENT_STATUSES

    def support_needs_json(self) -> str:
        return json.dumps(list(self.support_needs))


def _one_of(value: str | None, vocabulary: codes.Vocabulary, field: str, what: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError(f"categories.{field}", f"choose {what}", ASSESSMENT_LABELS)
    if value not in vocabulary:
        raise FieldError(f"categories.{field}", f"{value!r} is not on the list; choose {what}",
                         ASSESSMENT_LABELS)
    return value


def check_assessment(categories: AssessmentCategories | None) -> AssessmentCategories:
    """Every category answered from its list; support needs each once, with "none" or "not
    known" standing alone. A refusal names the form's question."""
    c = categories or AssessmentCategories()
    at_application = _one_of(c.accommodation_at_application, codes.ACCOMMODATION_TYPES,
                             "accommodation_at_application", "where the household lives now")
    last_settled = _one_of(c.last_settled_accommodation, codes.ACCOMMODATION_TYPES,
                           "last_settled_accommodation", "the household's last settled home")
    reason = _one_of(c.reason_for_loss, codes.LOSS_REASONS, "reason_for_loss",
                     "why the last settled home was lost or is at risk")
    employment = _one_of(c.employment, codes.EMPLOYMENT_STATUSES, "employment",
                         "the applicant's employment, or not known")
    return AssessmentCategories(at_application, last_settled, reason,
                                check_support_needs(c.support_needs), employment)


def check_support_needs(needs: Iterable[str]) -> tuple[str, ...]:
    needs = tuple(needs or ())
    field = "categories.support_needs"
    if not needs:
        raise FieldError(field, "choose every support need that applies, or 'No support needs', "
                                "or 'Not known'", ASSESSMENT_LABELS)
    for need in needs:
        if need not in codes.SUPPORT_NEEDS:
            raise FieldError(field, f"{need!r} is not on the list", ASSESSMENT_LABELS)
    twice = sorted({n for n in needs if needs.count(n) > 1})
    if twice:
        raise FieldError(field, f"{codes.SUPPORT_NEEDS.label(twice[0])} is chosen twice: choose each "
                                "need once", ASSESSMENT_LABELS)
    alone = [n for n in needs if n in (codes.SUPPORT_NEEDS_NONE, codes.SUPPORT_NEEDS_NOT_KNOWN)]
    if alone and len(needs) > 1:
        raise FieldError(field, f"'{codes.SUPPORT_NEEDS.label(alone[0])}' cannot be chosen with "
                                "other answers", ASSESSMENT_LABELS)
    # kept in the vocabulary's order, so the same needs read (and compare) the same
    order = {code: i for i, code in enumerate(codes.SUPPORT_NEEDS.codes())}
    return tuple(sorted(needs, key=order.__getitem__))


def read_support_needs(stored: str | None) -> tuple[str, ...]:
    """The support needs an assessment recorded (none on assessments from before 0012)."""
    return tuple(json.loads(stored)) if stored else ()


def stored_categories(row) -> AssessmentCategories | None:
    """What an assessment row recorded, or None for one recorded before the categories were."""
    if row is None or all(getattr(row, name) is None for name in (
            "accommodation_at_application", "last_settled_accommodation", "reason_for_loss",
            "employment", "support_need_codes")):
        return None
    return AssessmentCategories(row.accommodation_at_application, row.last_settled_accommodation,
                                row.reason_for_loss, read_support_needs(row.support_need_codes),
                                row.employment)


def in_words(categories: AssessmentCategories | None) -> list[tuple[str, str]]:
    """(question, answer) in the officer's words; "Not recorded" where an old assessment has none."""
    c = categories or AssessmentCategories()
    missing = "Not recorded"
    return [
        (ASSESSMENT_LABELS["categories.accommodation_at_application"],
         codes.ACCOMMODATION_TYPES.get(c.accommodation_at_application, missing)),
        (ASSESSMENT_LABELS["categories.last_settled_accommodation"],
         codes.ACCOMMODATION_TYPES.get(c.last_settled_accommodation, missing)),
        (ASSESSMENT_LABELS["categories.reason_for_loss"],
         codes.LOSS_REASONS.get(c.reason_for_loss, missing)),
        (ASSESSMENT_LABELS["categories.support_needs"],
         "; ".join(codes.SUPPORT_NEEDS.get(n, n) for n in c.support_needs) or missing),
        (ASSESSMENT_LABELS["categories.employment"], codes.EMPLOYMENT_STATUSES.get(c.employment, missing)),
    ]


# --- the end of a prevention or relief duty -------------------------------------------------


@dataclass(frozen=True)
class DutyEnding:
    """What the return records of how a prevention or relief duty ended."""

    main_activity: str | None = None  # MAIN_ACTIVITIES
    accommodation_secured: str | None = None  # ACCOMMODATION_SECURED


def check_duty_ending(duty: str, end_reason: str | None, ending: DutyEnding | None) -> DutyEnding:
    """A prevention or relief duty's ending names the main activity; an ending with accommodation
    secured names its kind too. Other duties, and other reasons' accommodation, record nothing."""
    e = ending or DutyEnding()
    if duty not in COUNTED_DUTIES:
        return DutyEnding()
    if not e.main_activity:
        raise FieldError("main_activity", f"choose what the council mainly did during the "
                                          f"{codes.CASEWORK_DUTIES.words(duty)}", ENDING_LABELS)
    if e.main_activity not in codes.MAIN_ACTIVITIES:
        raise FieldError("main_activity", f"{e.main_activity!r} is not on the list", ENDING_LABELS)
    if end_reason != ACCOMMODATION_SECURED_REASON:
        return DutyEnding(e.main_activity, None)
    if not e.accommodation_secured:
        raise FieldError("accommodation_secured", "the duty ends with accommodation secured: choose "
                                                  "the kind of accommodation", ENDING_LABELS)
    if e.accommodation_secured not in codes.ACCOMMODATION_SECURED:
        raise FieldError("accommodation_secured", f"{e.accommodation_secured!r} is not on the list",
                         ENDING_LABELS)
    return e
