"""The council's workload policy (``data/policy/workload.toml``) as at a date.

Read and checked by ``logic.common.policy_file`` like every policy file: a list of
``[[version]]`` tables with an ``effective_from`` date; a version changes only the keys it
gives (tables merge, lists are replaced whole). Every version is checked when the file is
loaded and a bad file is refused with a ``PolicyError`` naming the key, e.g.
``workload.toml: version[0].capacity.points_per_fte.value: must be a number more than 0``.

Each value is ``{ value = ..., ref = "..." }``; the ref is kept so that every weight, gate and
limit a suggestion uses can be quoted with the paragraph of the council's agreement it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from logic.common import codes
from logic.common.policy_file import POLICY_DIR, Cited, DatedBook, Reader

DEFAULT_FILE = POLICY_DIR / "workload.toml"
CASE_TYPES = codes.CASE_TYPES.codes()
ROLES = codes.CASEWORK_ROLES
SECTIONS = {
    "hours": ("standard_week",),
    "capacity": ("points_per_fte",),
    "stage_weights": CASE_TYPES,
    "complexity": None,  # marker names are the council's to choose
    "complexity_thresholds": ("large_household_people",),
    "absence": ("look_ahead_days", "min_available_share"),
    "continuity": ("max_load_share",),
    "allocation": ("roles_holding_cases", "score_tolerance"),
    "competency": ("levels",),
    "fairness": ("alert_cv",),
}
LEVEL_KEYS = ("code", "label", "min_months", "homelessness_stages", "advice", "register",
              "intentionality", "all_cases")


@dataclass(frozen=True)
class Valued:
    """A number from the policy file with the reference it rests on."""

    value: float
    ref: str


@dataclass(frozen=True)
class CompetencyLevel:
    code: str
    label: str
    min_months: int
    ref: str
    homelessness_stages: tuple[str, ...]
    advice: bool
    register: bool
    intentionality: bool
    all_cases: bool

    def allows(self, case_type: str, stage: str, markers: frozenset[str]) -> bool:
        """May a trainee at this level hold a case of this type, stage and markers?"""
        if self.all_cases:
            return True
        if "intentionality_inquiry" in markers and not self.intentionality:
            return False
        if case_type == "homelessness":
            return stage in self.homelessness_stages
        return {"advice": self.advice, "register": self.register}.get(case_type, False)

    def describe(self) -> str:
        if self.all_cases:
            return "any case, including intentionality inquiries"
        parts = [f"{codes.HOMELESSNESS_STAGES.words(s)} cases" for s in self.homelessness_stages]
        parts += [name + " cases" for name in ("advice", "register") if getattr(self, name)]
        return " and ".join(parts) + " only" if parts else "no cases yet"


@dataclass(frozen=True)
class WorkloadPolicy(Cited):
    name: str
    effective_from: date
    standard_week: Valued
    points_per_fte: Valued
    stage_weights: dict[tuple[str, str], Valued]
    complexity: dict[str, Valued]
    large_household_people: Valued
    look_ahead_days: Valued
    min_available_share: Valued
    continuity_max_load_share: Valued
    roles_holding_cases: tuple[str, ...]
    roles_ref: str
    score_tolerance: Valued
    levels: tuple[CompetencyLevel, ...]  # in ascending order of min_months
    alert_cv: Valued
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def level(self, code: str) -> CompetencyLevel:
        for level in self.levels:
            if level.code == code:
                return level
        raise KeyError(code)

    def stage_weight(self, case_type: str, stage: str) -> Valued | None:
        return self.stage_weights.get((case_type, stage))


def _valued(r: Reader, key: str, node: Any = None, *, positive: bool = False,
            whole: bool = False, at_most: float | None = None) -> Valued:
    """A figure with its reference; a bad figure is named at ``<key>.value``."""
    value, ref = r.cited(key, node)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise r.fail(f"{key}.value", f"must be a number, not {value!r}")
    if whole and not isinstance(value, int):
        raise r.fail(f"{key}.value", f"must be a whole number, not {value!r}")
    if value < 0 or (positive and value == 0):
        raise r.fail(f"{key}.value", f"must be a number {'more than' if positive else 'of'} 0"
                     f"{'' if positive else ' or more'}, not {value!r}")
    if at_most is not None and value > at_most:
        raise r.fail(f"{key}.value", f"must be at most {at_most}, not {value!r}")
    return Valued(value, ref)


def _flag(r: Reader, key: str, node: dict[str, Any], name: str) -> bool:
    if name not in node:
        raise r.fail(f"{key}.{name}", "missing")
    if not isinstance(node[name], bool):
        raise r.fail(f"{key}.{name}", f"must be true or false, not {node[name]!r}")
    return node[name]


def _levels(r: Reader, stages: set[str]) -> tuple[CompetencyLevel, ...]:
    raw = r.known("competency", SECTIONS["competency"]).get("levels")
    if not isinstance(raw, list) or not raw:
        raise r.fail("competency.levels", "missing (at least one [[version.competency.levels]])")
    levels: list[CompetencyLevel] = []
    for i, item in enumerate(raw):
        key = f"competency.levels[{i}]"
        if not isinstance(item, dict):
            raise r.fail(key, "must be a table")
        for name in item:
            if name not in LEVEL_KEYS:
                raise r.fail(f"{key}.{name}", "unknown key")
        for name in ("code", "label"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                raise r.fail(f"{key}.{name}", "missing" if name not in item else "must be a non-empty string")
        if item["code"] in {level.code for level in levels}:
            raise r.fail(f"{key}.code", f"level {item['code']!r} is defined twice")
        months = _valued(r, f"{key}.min_months", item.get("min_months", {}), whole=True)
        if levels and months.value <= levels[-1].min_months:
            raise r.fail(f"{key}.min_months", "levels must be listed with rising min_months")
        listed = item.get("homelessness_stages")
        if not isinstance(listed, list):
            raise r.fail(f"{key}.homelessness_stages", "must be a list of stage codes")
        for j, stage in enumerate(listed):
            if stage not in stages:
                raise r.fail(f"{key}.homelessness_stages[{j}]",
                             f"unknown stage {stage!r}; known: {', '.join(sorted(stages))}")
        levels.append(CompetencyLevel(
            code=item["code"], label=item["label"], min_months=int(months.value), ref=months.ref,
            homelessness_stages=tuple(listed), advice=_flag(r, key, item, "advice"),
            register=_flag(r, key, item, "register"),
            intentionality=_flag(r, key, item, "intentionality"),
            all_cases=_flag(r, key, item, "all_cases"),
        ))
    if levels[0].min_months != 0:
        raise r.fail("competency.levels[0].min_months", "the first level must start at 0 months")
    return tuple(levels)


def _build(r: Reader) -> WorkloadPolicy:
    r.sections(SECTIONS)
    weights: dict[tuple[str, str], Valued] = {}
    for case_type, stages in r.table("stage_weights").items():
        if not isinstance(stages, dict) or not stages:
            raise r.fail(f"stage_weights.{case_type}", "must be a table of stage = { value, ref }")
        for stage, node in stages.items():
            weights[(case_type, stage)] = _valued(r, f"stage_weights.{case_type}.{stage}", node)
    complexity = {
        marker: _valued(r, f"complexity.{marker}", node)
        for marker, node in r.table("complexity").items()
    }
    roles = r.codes("allocation.roles_holding_cases", ROLES)
    homelessness_stages = {stage for (case_type, stage) in weights if case_type == "homelessness"}
    return WorkloadPolicy(
        name=r.name, effective_from=r.effective_from,
        standard_week=_valued(r, "hours.standard_week", positive=True, at_most=60),
        points_per_fte=_valued(r, "capacity.points_per_fte", positive=True),
        stage_weights=weights, complexity=complexity,
        large_household_people=_valued(r, "complexity_thresholds.large_household_people",
                                       positive=True, whole=True),
        look_ahead_days=_valued(r, "absence.look_ahead_days", positive=True, whole=True,
                                at_most=366),
        min_available_share=_valued(r, "absence.min_available_share", at_most=1),
        continuity_max_load_share=_valued(r, "continuity.max_load_share", positive=True),
        roles_holding_cases=roles, roles_ref=r.refs["allocation.roles_holding_cases"],
        score_tolerance=_valued(r, "allocation.score_tolerance"),
        levels=_levels(r, homelessness_stages),
        alert_cv=_valued(r, "fairness.alert_cv", positive=True),
        refs=r.refs,
    )


class WorkloadPolicyBook(DatedBook[WorkloadPolicy]):
    """Every version of the file, checked; :meth:`as_at` gives the one in force on a date."""

    file_name = "workload.toml"
    build = staticmethod(_build)


def load_workload_policy(path: str | None = None) -> WorkloadPolicyBook:
    return WorkloadPolicyBook(path) if path else WorkloadPolicyBook.default()


def workload_policy_as_at(on: date, book: WorkloadPolicyBook | None = None) -> WorkloadPolicy:
    return (book or WorkloadPolicyBook.default()).as_at(on)
