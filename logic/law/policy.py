"""The council's allocation and casework policy, and the statutory numbers, as at a date.

Two TOML files in ``data/policy/`` (or any folder passed to :func:`load_policy`):

* ``statutory.toml`` -- numbers that are the law (56 days, 21 days, the Priority Need
  Order's ages, the B&B six weeks), dated by commencement;
* ``allocation.toml`` -- the council's choices (local connection figures, bedroom standard,
  unborn-child rule, qualification, bands, review periods, service standards).

Each file is a list of ``[[version]]`` tables with an ``effective_from`` date. A version
changes only the keys it gives; :meth:`PolicyBook.as_at` merges the versions in force on a
date into one :class:`Policy`. Every version of both files is checked when the book is
loaded, and a bad file is refused with :class:`PolicyError` naming the key, e.g.
``allocation.toml: version[0].bands[2].name: missing``. The reading, merging and checking
are ``logic.common.policy_file``'s, as for every other policy file; this module says what the
two files hold.

This and ``__main__`` are the only modules of ``logic.law`` that read files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.common import codes
from logic.common.policy_file import (
    POLICY_DIR,
    Cited,
    PolicyError,  # noqa: F401  (logic.law.PolicyError is this one error)
    PolicyFile,
    Reader,
    cached_default,
    read_policy_file,
)
from logic.law.core import long_date

DEFAULT_DIR = POLICY_DIR
STATUTORY_FILE = "statutory.toml"
ALLOCATION_FILE = "allocation.toml"

BEDROOM_STANDARDS = ("size_criteria", "bedroom_standard")
PREFERENCE_CODES = codes.REASONABLE_PREFERENCES.codes()
CONDITION_CODES = PREFERENCE_CODES + (
    "main_duty", "prevention_duty", "relief_duty", "intentional_priority", "priority_need",
)
EFFECTIVE_DATE_RULES = ("assessment_date", "application_date")


@dataclass(frozen=True)
class SharingRules:
    """Who may share a bedroom under a bedroom standard."""

    own_room_from_age: int
    same_sex_share_under: int
    any_sex_share_under: int


@dataclass(frozen=True)
class BandCondition:
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    min_categories: int = 0


@dataclass(frozen=True)
class Band:
    name: str
    label: str
    ref: str
    effective_date: str
    when: tuple[BandCondition, ...] = ()


@dataclass(frozen=True)
class Policy(Cited):
    """The statutory numbers and council policy in force on one date."""

    name: str
    effective_from: date
    statutory_from: date
    # statutory
    threatened_within_days: int
    prevention_days: int
    relief_days: int
    possession_notice: str
    domestic_abuse_priority_need: bool
    young_person_from: int
    young_person_to: int
    care_leaver_under: int
    former_care_from: int
    dependent_child_under: int
    s202_request_days: int
    bnb_family_max_weeks: int
    # council
    lc_months_in_last_12: int
    lc_years_in_last_5: int
    lc_family_years: int
    bedroom_standard: str
    count_unborn_child: bool
    sharing: dict[str, SharingRules]
    residence_years: int
    residence_exempt_when: tuple[str, ...]
    income_threshold: int
    savings_threshold: int
    arrears_threshold: int
    arrears_plan_qualifies: bool
    exclude_unacceptable_behaviour: bool
    exclude_home_owners: bool
    bands: tuple[Band, ...]
    decision_target_working_days: int
    bnb_family_limit_weeks: int
    allocation_review_days: int
    php_review_days: int
    register_renewal_months: int
    register_renewal_grace_days: int
    bank_holidays: frozenset[date]
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sharing_rules(self) -> SharingRules:
        return self.sharing[self.bedroom_standard]

    def describe(self) -> str:
        return (
            f"{self.name}, version in force from {long_date(self.effective_from)}; "
            f"statutory parameters from {long_date(self.statutory_from)}"
        )


# --- reading and checking -------------------------------------------------------------


STAT_SECTIONS = {
    "homelessness": ("threatened_within_days", "prevention_days", "relief_days",
                     "possession_notice", "domestic_abuse_priority_need"),
    "ages": ("young_person_from", "young_person_to", "care_leaver_under", "former_care_from",
             "dependent_child_under"),
    "reviews": ("s202_request_days",),
    "suitability": ("bnb_family_max_weeks",),
}
ALLOC_SECTIONS = {
    "local_connection": ("months_in_last_12", "years_in_last_5", "family_years"),
    "bedrooms": ("standard", "count_unborn_child") + BEDROOM_STANDARDS,
    "qualification": ("residence_years", "residence_exempt_when", "income_threshold",
                      "savings_threshold", "arrears_threshold", "arrears_plan_qualifies",
                      "exclude_unacceptable_behaviour", "exclude_home_owners"),
    "deadlines": ("decision_target_working_days", "bnb_family_limit_weeks",
                  "allocation_review_days", "php_review_days", "register_renewal_months",
                  "register_renewal_grace_days", "bank_holidays"),
}


def _threshold(r: Reader, key: str) -> int:
    """A money threshold in pounds; -1 switches the test off."""
    return r.int(key, low=-1)


def _bands(r: Reader) -> tuple[Band, ...]:
    raw = r.data.get("bands")
    if not isinstance(raw, list) or not raw:
        raise r.fail("bands", "missing (at least one [[version.bands]] is needed)")
    bands: list[Band] = []
    for i, item in enumerate(raw):
        p = f"bands[{i}]"
        if not isinstance(item, dict):
            raise r.fail(p, "must be a table")
        for key in item:
            if key not in ("name", "label", "ref", "effective_date", "when"):
                raise r.fail(f"{p}.{key}", "unknown key")
        for key in ("name", "label", "effective_date"):
            if key not in item:
                raise r.fail(f"{p}.{key}", "missing")
            if not isinstance(item[key], str) or not item[key].strip():
                raise r.fail(f"{p}.{key}", "must be a non-empty string")
        if item["effective_date"] not in EFFECTIVE_DATE_RULES:
            raise r.fail(f"{p}.effective_date",
                         f"unknown value {item['effective_date']!r}; allowed: {', '.join(EFFECTIVE_DATE_RULES)}")
        if item["name"] in {b.name for b in bands}:
            raise r.fail(f"{p}.name", f"band {item['name']!r} is defined twice")
        when_raw = item.get("when", [])
        if not isinstance(when_raw, list):
            raise r.fail(f"{p}.when", "must be a list of conditions")
        conditions = []
        for j, cond in enumerate(when_raw):
            cp = f"{p}.when[{j}]"
            if not isinstance(cond, dict) or not cond:
                raise r.fail(cp, "must be a non-empty table such as { all = [\"main_duty\"] }")
            for key in cond:
                if key not in ("all", "any", "min_categories"):
                    raise r.fail(f"{cp}.{key}", "unknown key; use all, any or min_categories")
            minimum = cond.get("min_categories", 0)
            if isinstance(minimum, bool) or not isinstance(minimum, int) or not 0 <= minimum <= 5:
                raise r.fail(f"{cp}.min_categories", "must be a whole number from 0 to 5")
            conditions.append(BandCondition(
                all=r.codes(f"{cp}.all", CONDITION_CODES, cond.get("all", [])) if "all" in cond else (),
                any=r.codes(f"{cp}.any", CONDITION_CODES, cond.get("any", [])) if "any" in cond else (),
                min_categories=minimum,
            ))
        bands.append(Band(name=item["name"], label=item["label"], ref=item.get("ref", ""),
                          effective_date=item["effective_date"], when=tuple(conditions)))
    if bands[-1].when:
        raise r.fail(f"bands[{len(bands) - 1}].when",
                     "the last band must have no conditions, so that every qualifying case has a band")
    for i, band in enumerate(bands[:-1]):
        if not band.when:
            raise r.fail(f"bands[{i}].when", "missing (only the last band may have no conditions)")
    return tuple(bands)


def _build(stat: Reader, alloc: Reader, name: str, effective_from: date,
           statutory_from: date) -> Policy:
    stat.sections(STAT_SECTIONS)
    alloc.sections(ALLOC_SECTIONS, optional=("bands",))
    sharing = {}
    for std in BEDROOM_STANDARDS:
        node = alloc.raw(f"bedrooms.{std}")
        if not isinstance(node, dict):
            raise alloc.fail(f"bedrooms.{std}", "must be a table")
        for key in node:
            if key not in ("own_room_from_age", "same_sex_share_under", "any_sex_share_under"):
                raise alloc.fail(f"bedrooms.{std}.{key}", "unknown key")
        rules = SharingRules(
            own_room_from_age=alloc.int(f"bedrooms.{std}.own_room_from_age", 1),
            same_sex_share_under=alloc.int(f"bedrooms.{std}.same_sex_share_under", 1),
            any_sex_share_under=alloc.int(f"bedrooms.{std}.any_sex_share_under", 1),
        )
        if rules.any_sex_share_under > rules.same_sex_share_under:
            raise alloc.fail(f"bedrooms.{std}.any_sex_share_under",
                             "must not be above same_sex_share_under")
        if rules.same_sex_share_under > rules.own_room_from_age:
            raise alloc.fail(f"bedrooms.{std}.same_sex_share_under",
                             "must not be above own_room_from_age")
        sharing[std] = rules
    bnb_statutory = stat.int("suitability.bnb_family_max_weeks", 1)
    bnb_council = alloc.int("deadlines.bnb_family_limit_weeks", 1)
    if bnb_council > bnb_statutory:
        raise alloc.fail("deadlines.bnb_family_limit_weeks",
                         f"{bnb_council} weeks is longer than the {bnb_statutory} weeks the "
                         "Suitability Order allows")
    refs = {f"statutory.{k}": v for k, v in stat.refs.items()}
    policy = Policy(
        name=name,
        effective_from=effective_from,
        statutory_from=statutory_from,
        threatened_within_days=stat.int("homelessness.threatened_within_days", 1),
        prevention_days=stat.int("homelessness.prevention_days", 1),
        relief_days=stat.int("homelessness.relief_days", 1),
        possession_notice=stat.str("homelessness.possession_notice"),
        domestic_abuse_priority_need=stat.bool("homelessness.domestic_abuse_priority_need"),
        young_person_from=stat.int("ages.young_person_from", 1),
        young_person_to=stat.int("ages.young_person_to", 1),
        care_leaver_under=stat.int("ages.care_leaver_under", 1),
        former_care_from=stat.int("ages.former_care_from", 1),
        dependent_child_under=stat.int("ages.dependent_child_under", 1),
        s202_request_days=stat.int("reviews.s202_request_days", 1),
        bnb_family_max_weeks=bnb_statutory,
        lc_months_in_last_12=alloc.int("local_connection.months_in_last_12", 1),
        lc_years_in_last_5=alloc.int("local_connection.years_in_last_5", 1),
        lc_family_years=alloc.int("local_connection.family_years", 1),
        bedroom_standard=alloc.str("bedrooms.standard", BEDROOM_STANDARDS),
        count_unborn_child=alloc.bool("bedrooms.count_unborn_child"),
        sharing=sharing,
        residence_years=alloc.int("qualification.residence_years", 0),
        residence_exempt_when=alloc.codes("qualification.residence_exempt_when", CONDITION_CODES),
        income_threshold=_threshold(alloc, "qualification.income_threshold"),
        savings_threshold=_threshold(alloc, "qualification.savings_threshold"),
        arrears_threshold=_threshold(alloc, "qualification.arrears_threshold"),
        arrears_plan_qualifies=alloc.bool("qualification.arrears_plan_qualifies"),
        exclude_unacceptable_behaviour=alloc.bool("qualification.exclude_unacceptable_behaviour"),
        exclude_home_owners=alloc.bool("qualification.exclude_home_owners"),
        bands=_bands(alloc),
        decision_target_working_days=alloc.int("deadlines.decision_target_working_days", 1),
        bnb_family_limit_weeks=bnb_council,
        allocation_review_days=alloc.int("deadlines.allocation_review_days", 1),
        php_review_days=alloc.int("deadlines.php_review_days", 1),
        register_renewal_months=alloc.int("deadlines.register_renewal_months", 1),
        register_renewal_grace_days=alloc.int("deadlines.register_renewal_grace_days", 0),
        bank_holidays=alloc.dates("deadlines.bank_holidays"),
        refs=refs | alloc.refs,
    )
    if policy.young_person_from > policy.young_person_to:
        raise stat.fail("ages.young_person_to", "must not be below young_person_from")
    return policy


class PolicyBook:
    """Both policy files, every version checked; :meth:`as_at` gives the policy on a date."""

    def __init__(self, statutory: PolicyFile, allocation: PolicyFile) -> None:
        self.statutory = statutory
        self.allocation = allocation
        self._cache: dict[tuple[int, int], Policy] = {}
        # Check every combination of versions that can be in force together.
        first = max(statutory.versions[0][0], allocation.versions[0][0])
        dates = sorted({d for d, _ in statutory.versions} | {d for d, _ in allocation.versions})
        for on in dates:
            if on >= first:
                self.as_at(on)

    @property
    def earliest(self) -> date:
        return max(self.statutory.versions[0][0], self.allocation.versions[0][0])

    def as_at(self, on: date) -> Policy:
        # Hearth applies the law from the Homelessness Reduction Act 2017: statutory.toml's
        # first version; an assessment before it is refused, not decided on the wrong law.
        s = self.statutory.version_at(on)
        a = self.allocation.version_at(on)
        key = (s[0], a[0])
        if key not in self._cache:
            self._cache[key] = _build(
                self.statutory.reader(s[0], plain_allowed=True),
                self.allocation.reader(a[0], plain_allowed=True),
                name=self.allocation.name, effective_from=a[1], statutory_from=s[1],
            )
        return self._cache[key]


def load_policy(path: str | Path | None = None) -> PolicyBook:
    """Load and check ``statutory.toml`` and ``allocation.toml`` from a folder (default:
    the project's ``data/policy``). Raises :class:`PolicyError` naming the bad key."""
    folder = Path(path) if path is not None else DEFAULT_DIR
    return PolicyBook(read_policy_file(folder / STATUTORY_FILE),
                      read_policy_file(folder / ALLOCATION_FILE))


def default_policy() -> PolicyBook:
    """The project's own policy book, loaded and checked once a process."""
    return cached_default(PolicyBook, load_policy)


def policy_as_at(on: date, book: PolicyBook | None = None) -> Policy:
    """The policy in force on ``on`` (the default book unless one is given)."""
    return (book or default_policy()).as_at(on)
