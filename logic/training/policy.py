"""The council's training standard (``data/policy/training.toml``): when a topic is learned.

Read and checked by ``logic.common.policy_file`` like every policy file: dated versions, each
value ``{ value, ref }``, and a malformed file is refused with a message naming the key
(``training.toml: version[0].readiness.pass_mark: must be from 0 to 100, not 120``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from logic.common.policy_file import POLICY_DIR, Cited, DatedBook, Reader

DEFAULT_FILE = POLICY_DIR / "training.toml"

# key -> (lowest, highest) allowed
_KEYS: dict[str, tuple[int, int]] = {
    "pass_mark": (0, 100),
    "recent_attempts": (1, 100),
    "min_attempts": (1, 100),
}


@dataclass(frozen=True)
class TrainingStandard(Cited):
    name: str
    effective_from: date
    pass_mark: int
    recent_attempts: int
    min_attempts: int
    refs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def _build(r: Reader) -> TrainingStandard:
    r.sections({"readiness": tuple(_KEYS)})
    values = {key: r.int(f"readiness.{key}", low, high) for key, (low, high) in _KEYS.items()}
    return TrainingStandard(name=r.name, effective_from=r.effective_from, **values, refs=r.refs)


class TrainingStandardBook(DatedBook[TrainingStandard]):
    file_name = "training.toml"
    build = staticmethod(_build)


def load_training_standard(on: date, path: Path | None = None) -> TrainingStandard:
    """The standard in force on ``on`` (the project's file unless ``path`` is given)."""
    book = TrainingStandardBook(path) if path is not None else TrainingStandardBook.default()
    return book.as_at(on)
