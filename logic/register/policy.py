"""The council's register and lettings choices, as at a date, from ``data/policy/register.toml``.

The decision engine's policy (``allocation.toml``) holds qualification, bands, bedroom need and
the renewal period; this file holds what the register and lettings screens add on top:
affordability, how band dates carry over a re-assessment, the renewal queue window, who may
decide a review, and the bidding rules. Like the engine's files it is versioned by
``effective_from`` and each value carries the paragraph of the scheme a reason cites. A bad
file is refused with :class:`RegisterPolicyError` naming the key.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "policy" / "register.toml"
DATE_RULES = ("keep", "reset")
REVIEWER_ROLES = ("officer", "senior", "manager")
TIE_BREAKS = ("bid_time", "case_reference")

SECTIONS: dict[str, tuple[str, ...]] = {
    "affordability": ("housing_cost_share_limit_percent",),
    "band_dates": ("same_band", "lower_band"),
    "renewals": ("queue_window_days",),
    "reviews": ("reviewer_roles",),
    "lettings": ("bedrooms_below_need", "bedrooms_above_need", "max_active_bids",
                 "adapted_homes_reserved", "final_tie_break"),
}


class RegisterPolicyError(ValueError):
    """The register policy file cannot be used; the message names the key."""


@dataclass(frozen=True)
class RegisterPolicy:
    name: str
    effective_from: date
    housing_cost_share_limit_percent: int
    same_band_date: str
    lower_band_date: str
    queue_window_days: int
    reviewer_roles: tuple[str, ...]
    bedrooms_below_need: int
    bedrooms_above_need: int
    max_active_bids: int
    adapted_homes_reserved: bool
    final_tie_break: str
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def ref(self, key: str) -> str:
        """The paragraph recorded for ``section.key`` (what a reason cites)."""
        return self.refs.get(key, key)


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and "value" not in value and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _build(label: str, name: str, start: date, data: dict[str, Any]) -> RegisterPolicy:
    refs: dict[str, str] = {}

    def fail(key: str, message: str) -> RegisterPolicyError:
        return RegisterPolicyError(f"{label}.{key}: {message}")

    for section, keys in SECTIONS.items():
        node = data.get(section)
        if not isinstance(node, dict):
            raise fail(section, "missing" if node is None else "must be a table")
        for key in node:
            if key not in keys:
                raise fail(f"{section}.{key}", "unknown key")
    for section in data:
        if section not in SECTIONS:
            raise fail(section, "unknown section")

    def raw(key: str) -> Any:
        section, name_ = key.split(".")
        if name_ not in data[section]:
            raise fail(key, "missing")
        node = data[section][name_]
        if not isinstance(node, dict) or "value" not in node:
            raise fail(key, "must be { value = ..., ref = \"...\" }")
        ref = node.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            raise fail(f"{key}.ref", "must be a non-empty string (the paragraph of your scheme)")
        refs[key] = ref
        return node["value"]

    def whole(key: str, low: int, high: int | None = None) -> int:
        value = raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(key, f"must be a whole number, not {value!r}")
        if value < low or (high is not None and value > high):
            raise fail(key, f"must be from {low}{f' to {high}' if high is not None else ''}, not {value}")
        return value

    def choice(key: str, allowed: tuple[str, ...]) -> str:
        value = raw(key)
        if value not in allowed:
            raise fail(key, f"unknown value {value!r}; allowed: {', '.join(allowed)}")
        return value

    roles = raw("reviews.reviewer_roles")
    if not isinstance(roles, list) or not roles:
        raise fail("reviews.reviewer_roles", "must be a non-empty list of roles")
    for i, role in enumerate(roles):
        if role not in REVIEWER_ROLES:
            raise fail(f"reviews.reviewer_roles[{i}]",
                       f"unknown role {role!r}; allowed: {', '.join(REVIEWER_ROLES)}")
    reserved = raw("lettings.adapted_homes_reserved")
    if not isinstance(reserved, bool):
        raise fail("lettings.adapted_homes_reserved", f"must be true or false, not {reserved!r}")
    return RegisterPolicy(
        name=name,
        effective_from=start,
        housing_cost_share_limit_percent=whole("affordability.housing_cost_share_limit_percent", 1, 100),
        same_band_date=choice("band_dates.same_band", DATE_RULES),
        lower_band_date=choice("band_dates.lower_band", DATE_RULES),
        queue_window_days=whole("renewals.queue_window_days", 0, 365),
        reviewer_roles=tuple(roles),
        bedrooms_below_need=whole("lettings.bedrooms_below_need", 0, 5),
        bedrooms_above_need=whole("lettings.bedrooms_above_need", 0, 5),
        max_active_bids=whole("lettings.max_active_bids", 1, 50),
        adapted_homes_reserved=reserved,
        final_tie_break=choice("lettings.final_tie_break", TIE_BREAKS),
        refs=refs,
    )


class RegisterPolicyBook:
    """Every version of the file, checked when loaded; :meth:`as_at` gives one date's rules."""

    def __init__(self, path: Path) -> None:
        label = path.name
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise RegisterPolicyError(f"{label}: file not found at {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise RegisterPolicyError(f"{label}: not valid TOML: {exc}") from None
        meta = data.get("meta")
        if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
            raise RegisterPolicyError(f"{label}: meta.name: missing")
        versions = data.get("version")
        if not isinstance(versions, list) or not versions:
            raise RegisterPolicyError(f"{label}: version: missing (at least one [[version]])")
        merged: dict[str, Any] = {}
        self.versions: list[RegisterPolicy] = []
        previous: date | None = None
        for i, version in enumerate(versions):
            start = version.get("effective_from")
            if not isinstance(start, date) or hasattr(start, "hour"):
                raise RegisterPolicyError(f"{label}: version[{i}].effective_from: must be a date")
            if previous is not None and start <= previous:
                raise RegisterPolicyError(
                    f"{label}: version[{i}].effective_from: versions must be in date order")
            previous = start
            merged = _merge(merged, {k: v for k, v in version.items()
                                     if k not in ("effective_from", "note")})
            self.versions.append(_build(f"{label}: version[{i}]", meta["name"], start, merged))

    def as_at(self, on: date) -> RegisterPolicy:
        found = [v for v in self.versions if v.effective_from <= on]
        if not found:
            raise RegisterPolicyError(
                f"no register policy in force on {on.isoformat()} (the earliest version is from "
                f"{self.versions[0].effective_from.isoformat()})")
        return found[-1]


def load_register_policy(path: str | Path | None = None) -> RegisterPolicyBook:
    return RegisterPolicyBook(Path(path) if path is not None else DEFAULT_FILE)


@lru_cache(maxsize=1)
def _default_book() -> RegisterPolicyBook:
    return load_register_policy()


def register_policy_as_at(on: date, book: RegisterPolicyBook | None = None) -> RegisterPolicy:
    """The register and lettings rules in force on ``on``."""
    return (book or _default_book()).as_at(on)
