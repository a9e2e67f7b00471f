"""The council's training standard (``data/policy/training.toml``): when a topic is learned.

Read like the allocation policy: dated versions, each value ``{ value, ref }``, and a
malformed file is refused with a message naming the key
(``training.toml: version[0].readiness.pass_mark: must be a whole number from 0 to 100``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "policy" / "training.toml"

# key -> (lowest, highest) allowed
_KEYS: dict[str, tuple[int, int]] = {
    "pass_mark": (0, 100),
    "recent_attempts": (1, 100),
    "min_attempts": (1, 100),
}


class TrainingPolicyError(ValueError):
    """The training standard file cannot be used; the message names the key."""


@dataclass(frozen=True)
class TrainingStandard:
    name: str
    effective_from: date
    pass_mark: int
    recent_attempts: int
    min_attempts: int
    refs: dict[str, str]


def _read(path: Path) -> list[tuple[date, dict[str, Any], str]]:
    label = path.name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise TrainingPolicyError(f"{label}: file not found at {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise TrainingPolicyError(f"{label}: not valid TOML: {exc}") from None
    meta = data.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
        raise TrainingPolicyError(f"{label}: meta.name: missing")
    versions = data.get("version")
    if not isinstance(versions, list) or not versions:
        raise TrainingPolicyError(f"{label}: version: missing (at least one [[version]])")
    out: list[tuple[date, dict[str, Any], str]] = []
    merged: dict[str, Any] = {}
    previous: date | None = None
    for i, version in enumerate(versions):
        where = f"{label}: version[{i}]"
        start = version.get("effective_from")
        if not isinstance(start, date) or hasattr(start, "hour"):
            raise TrainingPolicyError(f"{where}.effective_from: must be a date (YYYY-MM-DD)")
        if previous is not None and start <= previous:
            raise TrainingPolicyError(f"{where}.effective_from: versions must be in date order")
        previous = start
        readiness = version.get("readiness", {})
        if not isinstance(readiness, dict):
            raise TrainingPolicyError(f"{where}.readiness: must be a table")
        for key, item in readiness.items():
            if key not in _KEYS:
                raise TrainingPolicyError(f"{where}.readiness.{key}: unknown key")
            if not isinstance(item, dict) or "value" not in item or "ref" not in item:
                raise TrainingPolicyError(
                    f"{where}.readiness.{key}: write it as {{ value = ..., ref = \"...\" }}")
            low, high = _KEYS[key]
            value = item["value"]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise TrainingPolicyError(
                    f"{where}.readiness.{key}: must be a whole number from {low} to {high}")
            merged = {**merged, key: (value, str(item["ref"]))}
        for key in _KEYS:
            if key not in merged:
                raise TrainingPolicyError(f"{where}.readiness.{key}: missing")
        out.append((start, dict(merged), meta["name"]))
    return out


def load_training_standard(on: date, path: Path | None = None) -> TrainingStandard:
    """The standard in force on ``on``; the earliest version if ``on`` is before them all."""
    versions = _versions(str(path or DEFAULT_FILE))
    chosen = versions[0]
    for version in versions:
        if version[0] <= on:
            chosen = version
    start, values, name = chosen
    return TrainingStandard(
        name=name, effective_from=start,
        pass_mark=values["pass_mark"][0], recent_attempts=values["recent_attempts"][0],
        min_attempts=values["min_attempts"][0],
        refs={key: ref for key, (_, ref) in values.items()},
    )


@lru_cache(maxsize=4)
def _versions(path: str) -> tuple[tuple[date, dict[str, Any], str], ...]:
    return tuple(_read(Path(path)))
