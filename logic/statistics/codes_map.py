"""The H-CLIC codes file (``data/hclic/codes.toml``): Hearth's categories -> the return's
element names and codes, dated and versioned like the policy files and read by the same one
loader (:mod:`logic.common.policy_file`).

The official names and codes are not public (../shared/spec/hclic.md): the file ships the
publicly confirmed element names and ``PLACEHOLDER`` for the rest, each with a ref saying where
the council finds the official value. A key the file gives that Hearth does not know (a typo, a
code that does not exist) is refused; a Hearth code the file does not list yet exports as a
placeholder, and the export screen counts the placeholders left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.casework import stages
from logic.common import codes
from logic.common.policy_file import Cited, DatedBook, Reader

HCLIC_DIR = Path(__file__).resolve().parents[2] / "data" / "hclic"
PLACEHOLDER = "PLACEHOLDER"

# The elements the export writes (Hearth's name for each; the file gives the return's name).
ELEMENTS: tuple[str, ...] = (
    "root", "personal_root", "case", "case_ref", "main", "people", "person", "support",
    "prevention", "relief", "final_duties", "assistance", "temporary_accommodation", "placement",
    "reviews", "application_date", "assess_date", "assessment_outcome", "current_accommodation",
    "last_settled_accommodation", "reason_for_loss", "employment", "referral_source",
    "person_ref", "relation", "age", "support_need", "duty_start", "duty_end", "end_reason",
    "main_activity", "prevention_accommodation", "relief_accommodation", "decision",
    "decision_date", "priority_need", "ta_entry_date", "ta_exit_date", "ta_type", "ta_duty",
    "closed_date", "name", "dob", "sex", "address", "postcode",
    "review", "review_request_date", "review_ground", "review_decision_date", "review_outcome",
)

# The initial assessment's outcomes and the decisions after relief (the live tables' A1, MD1)
ASSESSMENT_OUTCOMES = codes.ASSESSMENT_OUTCOMES.codes()
DECISIONS = codes.DECISIONS_AFTER_RELIEF.codes()


def _end_reasons() -> dict[str, tuple[str, ...]]:
    found = {duty: list(reasons) for duty, reasons in stages.END_REASONS.items()}
    for (ended, _next), (code, _label, _ref) in stages.IMPLIED_END.items():
        if code not in found[ended]:
            found[ended].append(code)
    return {duty: tuple(reasons) for duty, reasons in found.items()}


# list name -> the Hearth codes it maps (codes.py vocabularies; casework's END_REASONS)
CODE_LISTS: dict[str, tuple[str, ...]] = {
    "accommodation_types": codes.ACCOMMODATION_TYPES.codes(),
    "loss_reasons": codes.LOSS_REASONS.codes(),
    "support_needs": codes.SUPPORT_NEEDS.codes(),
    "employment_statuses": codes.EMPLOYMENT_STATUSES.codes(),
    "main_activities": codes.MAIN_ACTIVITIES.codes(),
    "accommodation_secured": codes.ACCOMMODATION_SECURED.codes(),
    "referral_sources": codes.REFERRAL_SOURCES.codes(),
    "placement_types": codes.PLACEMENT_TYPES.codes(),
    "ta_legal_bases": codes.TA_LEGAL_BASES.codes(),
    "duties": codes.CASEWORK_DUTIES.codes(),
    "assessment_outcomes": ASSESSMENT_OUTCOMES,
    "decisions": DECISIONS,
    "relations": codes.HOUSEHOLD_RELATIONS.codes(),
    "sexes": codes.SEXES.codes(),
    "review_grounds": codes.S202_GROUNDS.codes(),
    "review_outcomes": codes.PART7_REVIEW_OUTCOMES.codes(),
    **{f"end_reasons.{duty}": reasons for duty, reasons in _end_reasons().items()},
}


def is_placeholder(value: str | None) -> bool:
    return value is None or value.startswith(PLACEHOLDER)


@dataclass(frozen=True)
class HclicCodes(Cited):
    """One version of the codes file: element names and code lists, with their refs."""

    name: str
    effective_from: date
    specification: str
    elements: dict[str, str] = field(compare=False, hash=False)
    lists: dict[str, dict[str, str]] = field(compare=False, hash=False)
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def element(self, key: str) -> str:
        """The return's element name; a placeholder is written PLACEHOLDER_<HEARTH_NAME>."""
        value = self.elements.get(key, PLACEHOLDER)
        return f"{PLACEHOLDER}_{key.upper()}" if is_placeholder(value) else value

    def code(self, list_name: str, hearth_code: str | None) -> str | None:
        """The return's code for a Hearth code (PLACEHOLDER until the council fills it)."""
        if hearth_code is None:
            return None
        return self.lists.get(list_name, {}).get(hearth_code, PLACEHOLDER)

    def placeholders(self) -> tuple[int, int]:
        """(placeholders left, values in all): elements and every code Hearth can export."""
        values = list(self.elements.get(k) for k in ELEMENTS)
        for list_name, hearth_codes in CODE_LISTS.items():
            values.extend(self.lists.get(list_name, {}).get(c) for c in hearth_codes)
        return sum(1 for v in values if is_placeholder(v)), len(values)

    def confirmed_elements(self) -> dict[str, str]:
        return {k: v for k, v in self.elements.items() if not is_placeholder(v)}


def _build(r: Reader) -> HclicCodes:
    r.sections({"return": ("specification",), "elements": ELEMENTS, "codes": None})
    elements = {key: r.str(f"elements.{key}") for key in r.table("elements")}
    lists: dict[str, dict[str, str]] = {}
    for list_name, node in r.table("codes").items():
        if list_name == "end_reasons":
            children = {f"end_reasons.{duty}": sub for duty, sub in node.items()}
        else:
            children = {list_name: node}
        for name, table in children.items():
            if name not in CODE_LISTS:
                raise r.fail(f"codes.{name}", "unknown code list" + _hint(name, tuple(CODE_LISTS)))
            if not isinstance(table, dict):
                raise r.fail(f"codes.{name}", "must be a table")
            for code in table:
                if code not in CODE_LISTS[name]:
                    raise r.fail(f"codes.{name}.{code}",
                                 "not a Hearth code of this list" + _hint(code, CODE_LISTS[name]))
            lists[name] = {code: r.str(f"codes.{name}.{code}") for code in table}
    return HclicCodes(name=r.name, effective_from=r.effective_from,
                      specification=r.str("return.specification"), elements=elements, lists=lists,
                      refs=r.refs)


def _hint(word: str, choices: tuple[str, ...]) -> str:
    import difflib

    found = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {found[0]!r}?)" if found else ""


class HclicCodesBook(DatedBook[HclicCodes]):
    file_name = "codes.toml"
    build = staticmethod(_build)

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__(path if path is not None else HCLIC_DIR / self.file_name)

    def describe(self) -> str:
        left, total = self.versions[-1].placeholders()
        return f"{super().describe()}; {left} of {total} names and codes still placeholders"


def hclic_codes_as_at(on: date, book: HclicCodesBook | None = None) -> HclicCodes:
    return (book or HclicCodesBook.default()).as_at(on)
