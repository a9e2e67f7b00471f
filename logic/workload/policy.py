"""The council's workload policy (``data/policy/workload.toml``) as at a date.

The file is a list of ``[[version]]`` tables with an ``effective_from`` date; a version changes
only the keys it gives (tables merge, lists are replaced whole). Every version is checked when
the file is loaded and a bad file is refused with :class:`WorkloadPolicyError` naming the key,
e.g. ``workload.toml: version[0].capacity.points_per_fte: must be a number more than 0``.

Each value is ``{ value = ..., ref = "..." }``; the ref is kept so that every weight, gate and
limit a suggestion uses can be quoted with the paragraph of the council's agreement it rests on.
"""

from __future__ import annotations

import copy
import difflib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "policy" / "workload.toml"
CASE_TYPES = ("advice", "homelessness", "register")
ROLES = ("trainee", "officer", "senior", "manager")
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


class WorkloadPolicyError(ValueError):
    """A workload policy file that cannot be used; the message names the file and key."""


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
        parts = [f"{s.replace('_', ' ')} cases" for s in self.homelessness_stages]
        parts += [name + " cases" for name in ("advice", "register") if getattr(self, name)]
        return " and ".join(parts) + " only" if parts else "no cases yet"


@dataclass(frozen=True)
class WorkloadPolicy:
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

    def cite(self, ref: str) -> str:
        """How a reason quotes a paragraph: "Hearth default workload policy para 3.3 (...)"."""
        return f"{self.name} {ref}"

    def level(self, code: str) -> CompetencyLevel:
        for level in self.levels:
            if level.code == code:
                return level
        raise KeyError(code)

    def stage_weight(self, case_type: str, stage: str) -> Valued | None:
        return self.stage_weights.get((case_type, stage))


class _Reader:
    def __init__(self, label: str, data: dict[str, Any]) -> None:
        self.label = label
        self.data = data

    def fail(self, key: str, message: str) -> WorkloadPolicyError:
        return WorkloadPolicyError(f"{self.label}.{key}: {message}")

    def valued(self, key: str, node: Any = None, *, positive: bool = False, whole: bool = False,
               at_most: float | None = None) -> Valued:
        if node is None:
            node = self.data
            for part in key.split("."):
                if not isinstance(node, dict) or part not in node:
                    raise self.fail(key, "missing")
                node = node[part]
        if not isinstance(node, dict) or "value" not in node:
            raise self.fail(key, "must be { value = ..., ref = \"...\" }")
        extra = set(node) - {"value", "ref"}
        if extra:
            raise self.fail(f"{key}.{sorted(extra)[0]}", "unknown key (only value and ref)")
        ref = node.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            raise self.fail(f"{key}.ref", "missing: every figure names the paragraph it rests on")
        value = node["value"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{key}.value", f"must be a number, not {value!r}")
        if whole and not isinstance(value, int):
            raise self.fail(f"{key}.value", f"must be a whole number, not {value!r}")
        if value < 0 or (positive and value == 0):
            raise self.fail(f"{key}.value", f"must be a number {'more than' if positive else 'of'} 0"
                            f"{'' if positive else ' or more'}, not {value!r}")
        if at_most is not None and value > at_most:
            raise self.fail(f"{key}.value", f"must be at most {at_most}, not {value!r}")
        return Valued(value, ref.strip())

    def table(self, key: str) -> dict[str, Any]:
        node = self.data.get(key)
        if not isinstance(node, dict):
            raise self.fail(key, "missing" if node is None else "must be a table")
        allowed = SECTIONS.get(key)
        if allowed is not None:
            for name in node:
                if name not in allowed:
                    hint = difflib.get_close_matches(name, allowed, n=1)
                    more = f" (did you mean {hint[0]!r}?)" if hint else ""
                    raise self.fail(f"{key}.{name}", f"unknown key{more}")
        return node


def _flag(r: _Reader, key: str, node: dict[str, Any], name: str) -> bool:
    if name not in node:
        raise r.fail(f"{key}.{name}", "missing")
    if not isinstance(node[name], bool):
        raise r.fail(f"{key}.{name}", f"must be true or false, not {node[name]!r}")
    return node[name]


def _levels(r: _Reader, stages: set[str]) -> tuple[CompetencyLevel, ...]:
    raw = r.table("competency").get("levels")
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
        months = r.valued(f"{key}.min_months", item.get("min_months", {}), whole=True)
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


def _build(r: _Reader, name: str, effective_from: date) -> WorkloadPolicy:
    for section in SECTIONS:
        r.table(section)
    for section in r.data:
        if section not in SECTIONS and section not in ("effective_from", "note"):
            raise r.fail(section, "unknown section")
    weights: dict[tuple[str, str], Valued] = {}
    for case_type, stages in r.table("stage_weights").items():
        if not isinstance(stages, dict) or not stages:
            raise r.fail(f"stage_weights.{case_type}", "must be a table of stage = { value, ref }")
        for stage, node in stages.items():
            weights[(case_type, stage)] = r.valued(f"stage_weights.{case_type}.{stage}", node)
    complexity = {
        marker: r.valued(f"complexity.{marker}", node) for marker, node in r.table("complexity").items()
    }
    roles_node = r.table("allocation").get("roles_holding_cases")
    if not isinstance(roles_node, dict) or not isinstance(roles_node.get("value"), list):
        raise r.fail("allocation.roles_holding_cases", "must be { value = [roles], ref = \"...\" }")
    if not isinstance(roles_node.get("ref"), str) or not roles_node["ref"].strip():
        raise r.fail("allocation.roles_holding_cases.ref", "missing")
    for i, role in enumerate(roles_node["value"]):
        if role not in ROLES:
            raise r.fail(f"allocation.roles_holding_cases.value[{i}]",
                         f"unknown role {role!r}; allowed: {', '.join(ROLES)}")
    homelessness_stages = {stage for (case_type, stage) in weights if case_type == "homelessness"}
    return WorkloadPolicy(
        name=name, effective_from=effective_from,
        standard_week=r.valued("hours.standard_week", positive=True, at_most=60),
        points_per_fte=r.valued("capacity.points_per_fte", positive=True),
        stage_weights=weights, complexity=complexity,
        large_household_people=r.valued("complexity_thresholds.large_household_people",
                                        positive=True, whole=True),
        look_ahead_days=r.valued("absence.look_ahead_days", positive=True, whole=True, at_most=366),
        min_available_share=r.valued("absence.min_available_share", at_most=1),
        continuity_max_load_share=r.valued("continuity.max_load_share", positive=True),
        roles_holding_cases=tuple(roles_node["value"]), roles_ref=roles_node["ref"],
        score_tolerance=r.valued("allocation.score_tolerance"),
        levels=_levels(r, homelessness_stages),
        alert_cv=r.valued("fairness.alert_cv", positive=True),
    )


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and "value" not in value:
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


class WorkloadPolicyBook:
    """Every version of the file, checked; :meth:`as_at` gives the one in force on a date."""

    def __init__(self, path: Path) -> None:
        label = path.name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise WorkloadPolicyError(f"{label}: file not found at {path}") from None
        except tomllib.TOMLDecodeError as error:
            raise WorkloadPolicyError(f"{label}: not valid TOML ({error})") from None
        meta = data.get("meta")
        if not isinstance(meta, dict) or not isinstance(meta.get("name"), str) or not meta["name"].strip():
            raise WorkloadPolicyError(f"{label}: meta.name: missing")
        versions = data.get("version")
        if not isinstance(versions, list) or not versions:
            raise WorkloadPolicyError(f"{label}: version: missing (at least one [[version]])")
        self.name = meta["name"].strip()
        self._versions: list[tuple[date, WorkloadPolicy]] = []
        merged: dict[str, Any] = {}
        previous: date | None = None
        for i, version in enumerate(versions):
            start = version.get("effective_from") if isinstance(version, dict) else None
            if not isinstance(start, date):
                raise WorkloadPolicyError(f"{label}: version[{i}].effective_from: missing or not a date")
            if previous is not None and start <= previous:
                raise WorkloadPolicyError(
                    f"{label}: version[{i}].effective_from: versions must be in date order")
            merged = _merge(merged, version)
            policy = _build(_Reader(f"{label}: version[{i}]", merged), self.name, start)
            self._versions.append((start, policy))
            previous = start

    def as_at(self, on: date) -> WorkloadPolicy:
        in_force = [policy for start, policy in self._versions if start <= on]
        # before the first version, the first version applies: the workload policy has no
        # legal effect of its own, and a dashboard of an earlier period still needs weights
        return in_force[-1] if in_force else self._versions[0][1]


@lru_cache(maxsize=4)
def load_workload_policy(path: str | None = None) -> WorkloadPolicyBook:
    return WorkloadPolicyBook(Path(path) if path else DEFAULT_FILE)


def workload_policy_as_at(on: date, book: WorkloadPolicyBook | None = None) -> WorkloadPolicy:
    return (book or load_workload_policy()).as_at(on)
