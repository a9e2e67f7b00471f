"""The council's homelessness casework policy (``data/policy/casework.toml``) as at a date.

Like ``logic.law.policy``: a list of dated ``[[version]]`` tables, each value written
``{ value = ..., ref = "..." }``; a version changes only the keys it gives. Every version is
checked when the file is loaded, and a bad file is refused naming the key
(``casework.toml: version[0].cooperation.warning_period_days: missing``).
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "policy" / "casework.toml"
STAFF_ROLES = ("trainee", "officer", "senior", "manager")
STAGES_A_TRAINEE_MAY_HOLD = ("assessment", "prevention", "relief")

SECTIONS: dict[str, tuple[str, ...]] = {
    "cooperation": ("warning_period_days",),
    "notification": ("notify_duty_within_days",),
    "temporary_accommodation": ("bnb_warning_days", "placement_approval_roles"),
    "financial_assistance": ("affordable_up_to_percent", "refuse_above_percent", "approval_roles"),
    "competency": ("prevention", "relief"),
}


class CaseworkPolicyError(ValueError):
    """A casework policy file that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class CaseworkPolicy:
    name: str
    effective_from: date
    warning_period_days: int
    notify_duty_within_days: int
    bnb_warning_days: int
    placement_approval_roles: tuple[str, ...]
    affordable_up_to_percent: int
    refuse_above_percent: int
    financial_approval_roles: tuple[str, ...]
    competency_stages: dict[str, tuple[str, ...]]
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def cite(self, key: str) -> str:
        """``<policy name> <ref>`` for a key such as ``cooperation.warning_period_days``."""
        return f"{self.name}: {self.refs.get(key, key)}"


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and "value" not in value and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _build(label: str, name: str, effective_from: date, data: dict[str, Any]) -> CaseworkPolicy:
    refs: dict[str, str] = {}

    def fail(key: str, problem: str) -> CaseworkPolicyError:
        return CaseworkPolicyError(f"{label}.{key}: {problem}")

    for section, keys in SECTIONS.items():
        node = data.get(section)
        if not isinstance(node, dict):
            raise fail(section, "missing" if node is None else "must be a table")
        for key in node:
            if key not in keys:
                raise fail(f"{section}.{key}", f"unknown key; known: {', '.join(keys)}")
    for section in data:
        if section not in SECTIONS:
            raise fail(section, f"unknown table; known: {', '.join(SECTIONS)}")

    def raw(key: str) -> Any:
        section, name_ = key.split(".")
        node = data[section].get(name_)
        if node is None:
            raise fail(key, "missing")
        if not isinstance(node, dict) or "value" not in node or not isinstance(node.get("ref"), str) \
                or not node["ref"].strip():
            raise fail(key, 'must be written { value = ..., ref = "..." } with a reference')
        if set(node) - {"value", "ref"}:
            raise fail(key, "unknown key (only value and ref)")
        refs[key] = node["ref"]
        return node["value"]

    def whole(key: str, low: int, high: int | None = None) -> int:
        value = raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(key, f"must be a whole number, not {value!r}")
        if value < low or (high is not None and value > high):
            raise fail(key, f"must be from {low}" + (f" to {high}" if high else " up") + f", not {value}")
        return value

    def codes(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        value = raw(key)
        if not isinstance(value, list) or not value:
            raise fail(key, "must be a non-empty list")
        for i, item in enumerate(value):
            if item not in allowed:
                raise fail(f"{key}[{i}]", f"unknown value {item!r}; allowed: {', '.join(allowed)}")
        return tuple(value)

    affordable = whole("financial_assistance.affordable_up_to_percent", 1, 100)
    refuse_above = whole("financial_assistance.refuse_above_percent", 1, 100)
    if refuse_above < affordable:
        raise fail("financial_assistance.refuse_above_percent",
                   f"must not be below affordable_up_to_percent ({affordable})")
    approvers = ("senior", "manager")
    return CaseworkPolicy(
        name=name,
        effective_from=effective_from,
        warning_period_days=whole("cooperation.warning_period_days", 1),
        notify_duty_within_days=whole("notification.notify_duty_within_days", 0),
        bnb_warning_days=whole("temporary_accommodation.bnb_warning_days", 0, 41),
        placement_approval_roles=codes("temporary_accommodation.placement_approval_roles", approvers),
        affordable_up_to_percent=affordable,
        refuse_above_percent=refuse_above,
        financial_approval_roles=codes("financial_assistance.approval_roles", approvers),
        competency_stages={
            level: codes(f"competency.{level}", STAGES_A_TRAINEE_MAY_HOLD)
            for level in SECTIONS["competency"]
        },
        refs=refs,
    )


class CaseworkPolicyBook:
    def __init__(self, path: Path) -> None:
        label = path.name
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise CaseworkPolicyError(f"{label}: file not found at {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise CaseworkPolicyError(f"{label}: not valid TOML: {exc}") from None
        meta = data.get("meta")
        if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
            raise CaseworkPolicyError(f"{label}: meta.name: missing")
        versions = data.get("version")
        if not isinstance(versions, list) or not versions:
            raise CaseworkPolicyError(f"{label}: version: missing (at least one [[version]])")
        merged: dict[str, Any] = {}
        previous: date | None = None
        self.versions: list[CaseworkPolicy] = []
        for i, version in enumerate(versions):
            start = version.get("effective_from")
            if not isinstance(start, date) or hasattr(start, "hour"):
                raise CaseworkPolicyError(f"{label}: version[{i}].effective_from: must be a date (YYYY-MM-DD)")
            if previous is not None and start <= previous:
                raise CaseworkPolicyError(f"{label}: version[{i}].effective_from: versions must be in date order")
            previous = start
            merged = _merge(merged, {k: v for k, v in version.items() if k not in ("effective_from", "note")})
            self.versions.append(_build(f"{label}: version[{i}]", meta["name"], start, merged))

    def as_at(self, on: date) -> CaseworkPolicy:
        found = [v for v in self.versions if v.effective_from <= on]
        if not found:
            raise CaseworkPolicyError(
                f"no casework policy in force on {on.isoformat()} (the first version starts "
                f"{self.versions[0].effective_from.isoformat()})")
        return found[-1]


def load_casework_policy(path: str | Path | None = None) -> CaseworkPolicyBook:
    return CaseworkPolicyBook(Path(path) if path is not None else DEFAULT_FILE)


@lru_cache(maxsize=1)
def _default_book() -> CaseworkPolicyBook:
    return load_casework_policy()


def casework_policy_as_at(on: date, book: CaseworkPolicyBook | None = None) -> CaseworkPolicy:
    """The casework policy in force on ``on`` (the project's file unless a book is given)."""
    return (book or _default_book()).as_at(on)
