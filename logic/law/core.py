"""The vocabulary of the decision engine: citations, reasons, findings, the determination.

Every rule in ``logic.law`` returns a :class:`Finding` -- a value with the reasons for
it -- and the engine gathers them into a :class:`Determination`. A reason names the
rule (a stable snake_case name that tests, letters and training marks can key on),
cites the provision it rests on, and says in one plain-English sentence what the rule
means for *this* household, so that it can be pasted into a decision letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LEGISLATION = "https://www.legislation.gov.uk"
HA1996 = "Housing Act 1996"
PNO2002 = "Homelessness (Priority Need for Accommodation) (England) Order 2002"
ELIG2006 = "Allocation of Housing and Homelessness (Eligibility) (England) Regulations 2006"
SUIT2003 = "Homelessness (Suitability of Accommodation) (England) Order 2003"


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from: an instrument, a provision in it, and a link to it."""

    instrument: str
    provision: str
    url: str = ""

    def __str__(self) -> str:
        return f"{self.instrument} {self.provision}".strip()


def ha1996(provision: str, section: str) -> Citation:
    """A citation of the Housing Act 1996; ``section`` is the legislation.gov.uk path part."""
    return Citation(HA1996, provision, f"{LEGISLATION}/ukpga/1996/52/section/{section}")


def pno2002(article: int) -> Citation:
    return Citation(PNO2002, f"art.{article}", f"{LEGISLATION}/uksi/2002/2051/article/{article}")


def elig2006(provision: str, regulation: int) -> Citation:
    return Citation(ELIG2006, provision, f"{LEGISLATION}/uksi/2006/1294/regulation/{regulation}")


def council_policy(provision: str, name: str = "Allocation and casework policy") -> Citation:
    """A citation of the council's own policy file, for choices the statute leaves open."""
    return Citation(name, provision, "")


@dataclass(frozen=True)
class Reason:
    """One step of reasoning: the rule applied, its citation, and what it means here."""

    rule: str
    citation: Citation
    text: str
    concerns: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "citation": str(self.citation), "text": self.text}


@dataclass(frozen=True)
class Finding(Generic[T]):
    """A rule's answer and the reasons for it."""

    value: T
    reasons: tuple[Reason, ...] = ()


def reason(rule: str, citation: Citation, text: str, *concerns: str) -> Reason:
    """Shorthand used by the rule modules."""
    return Reason(rule=rule, citation=citation, text=text, concerns=tuple(concerns))


def long_date(d: date) -> str:
    """A date as a letter writes it: ``10 January 2027``."""
    return f"{d.day} {d.strftime('%B')} {d.year}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def join_words(items: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# The spec's determination, in the spec's order; these keys may never be renamed.
SPEC_FIELDS: tuple[str, ...] = (
    "eligible",
    "homelessness",
    "priority_need",
    "priority_need_grounds",
    "interim_accommodation_duty",
    "duty",
    "intentionally_homeless",
    "local_connection",
    "referral_possible",
    "bedroom_need",
    "reasonable_preference",
    # version 2 of the format: always present, None where they do not apply
    "prevention_duty_ends_on",
    "prevention_56_day_end_allowed",
    "review_request_by",
    "review_in_time",
    "refer_to_childrens_services",
)

# Keys Hearth adds after the spec's; each is explained by reasons like the spec's own.
EXTRA_FIELDS: tuple[str, ...] = (
    "applicant_age",
    "relief_duty_day",
    "deadlines",
    "qualifies",
    "band",
    "band_effective_date",
    "policy",
)


@dataclass(frozen=True)
class Determination:
    """Everything the engine decides about one household on one date, with the reasons."""

    assessment_date: date
    eligible: bool
    homelessness: str
    priority_need: bool
    priority_need_grounds: tuple[str, ...]
    interim_accommodation_duty: bool
    duty: str
    intentionally_homeless: bool
    local_connection: bool
    referral_possible: bool
    bedroom_need: int
    reasonable_preference: tuple[str, ...]
    applicant_age: int
    relief_duty_day: int | None
    deadlines: dict[str, date] = field(default_factory=dict)
    qualifies: bool = False
    band: str | None = None
    band_effective_date: date | None = None
    policy: str = ""
    reasons: tuple[Reason, ...] = ()
    # version 2 of the format
    prevention_duty_ends_on: date | None = None
    prevention_56_day_end_allowed: bool | None = None
    review_request_by: date | None = None
    review_in_time: bool | None = None
    refer_to_childrens_services: bool = False

    def reasons_for(self, field_name: str) -> tuple[Reason, ...]:
        """The reasons that explain one field (what a page shows next to the answer)."""
        return tuple(r for r in self.reasons if field_name in r.concerns)

    def value_of(self, field_name: str) -> Any:
        return getattr(self, field_name)

    def to_json_dict(self) -> dict[str, Any]:
        """The spec's output shape, then Hearth's extra keys."""
        out: dict[str, Any] = {}
        for name in SPEC_FIELDS:
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, date):
                value = value.isoformat()
            out[name] = value
        out["reasons"] = [r.to_json_dict() for r in self.reasons]
        out["applicant_age"] = self.applicant_age
        out["relief_duty_day"] = self.relief_duty_day
        out["deadlines"] = {k: v.isoformat() for k, v in self.deadlines.items()}
        out["qualifies"] = self.qualifies
        out["band"] = self.band
        out["band_effective_date"] = (
            self.band_effective_date.isoformat() if self.band_effective_date else None
        )
        out["policy"] = self.policy
        out["field_reasons"] = {
            name: [i for i, r in enumerate(self.reasons) if name in r.concerns]
            for name in SPEC_FIELDS + EXTRA_FIELDS
        }
        return out
