"""The one reader of the council's dated policy files (``data/policy/*.toml``).

Every policy file has the same shape:

* ``[meta]`` with the policy's ``name`` (what a reason cites);
* a list of ``[[version]]`` tables, in date order, each with an ``effective_from`` date. A
  version changes only the keys it gives: tables merge key by key, anything else (a value, a
  list such as the allocation scheme's bands) is replaced whole;
* values written ``{ value = ..., ref = "..." }``, the ref (a section, a paragraph of the
  council's scheme) being what a reason cites; a ref may not be left empty.

Every version is checked when the file is loaded, so a broken file is refused at start-up, not
in the middle of a case. A refusal is a :class:`PolicyError` naming the file, the version and
the key, e.g. ``casework.toml: version[1].notification.notify_duty_within_days: missing``, and
an unknown key comes with the nearest known one ("did you mean ...?").

A decision dated before a file's first version is refused: a decision made before any policy
existed must not silently be made under a later one.

Each domain's ``policy.py`` keeps only what is its own: the frozen dataclass of one version
(with :class:`Cited` for its references) and a ``_build`` turning a :class:`Reader` over the
merged version into it.
"""

from __future__ import annotations

import copy
import difflib
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

POLICY_DIR = Path(__file__).resolve().parents[2] / "data" / "policy"

T = TypeVar("T")
B = TypeVar("B")


class PolicyError(ValueError):
    """A policy file that cannot be used, or no version in force on a date.

    The message names the file and the key (``register.toml: version[0].lettings.
    max_active_bids: must be a whole number, not '3'``).
    """


class _HasRef(Protocol):
    @property
    def ref(self) -> str: ...


class Cited:
    """How every policy version answers for its values: :meth:`ref` and :meth:`cite`.

    A subclass (a frozen dataclass) has ``name`` (the file's ``meta.name``) and ``refs`` (the
    reference recorded for each dotted key read, e.g. ``cooperation.warning_period_days``).
    """

    name: str
    refs: dict[str, str]

    def ref(self, key: str, default: str | None = None) -> str:
        """The reference the file gives for ``key``; ``default`` if it gives none (a plain
        value), else :class:`KeyError` (a key the code asks for that the file never had)."""
        found = self.refs.get(key)
        if found is not None:
            return found
        if default is not None:
            return default
        raise KeyError(f"{self.name}: {key}: no value with a reference")

    def cite(self, what: str | _HasRef) -> str:
        """``<policy name> <ref>``, as a reason quotes it (the same words as the engine's
        ``council_policy`` citation): for a dotted key, or a value that carries its own ref."""
        ref = self.ref(what) if isinstance(what, str) else what.ref
        return f"{self.name} {ref}"


class Reader:
    """Reads typed values out of one merged version, recording references, naming keys.

    ``plain_allowed``: the engine's own files may give a value plainly where nothing needs
    citing (the bedroom sharing ages, bank holidays); every other file writes each value with
    its reference.
    """

    def __init__(self, label: str, data: dict[str, Any], *, name: str = "",
                 effective_from: date | None = None, plain_allowed: bool = False) -> None:
        self.label = label
        self.data = data
        self.name = name
        self.effective_from = effective_from
        self.plain_allowed = plain_allowed
        self.refs: dict[str, str] = {}

    def fail(self, key: str, message: str) -> PolicyError:
        return PolicyError(f"{self.label}.{key}: {message}")

    def _node(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise self.fail(key, "missing")
            node = node[part]
        return node

    def cited(self, key: str, node: Any = None) -> tuple[Any, str]:
        """The value and its reference; the value must be written ``{ value, ref }``.
        ``node`` reads an item already in hand (a table in a list) under the name ``key``."""
        node = self._node(key) if node is None else node
        if not isinstance(node, dict) or "value" not in node:
            raise self.fail(key, 'must be written { value = ..., ref = "..." }')
        extra = set(node) - {"value", "ref"}
        if extra:
            raise self.fail(f"{key}.{sorted(extra)[0]}", "unknown key (only value and ref)")
        if "ref" not in node:
            raise self.fail(f"{key}.ref", "missing (every value names the reference it rests on)")
        ref = node["ref"]
        if not isinstance(ref, str) or not ref.strip():
            raise self.fail(f"{key}.ref", "must be a non-empty string")
        self.refs[key] = ref.strip()
        return node["value"], ref.strip()

    def raw(self, key: str) -> Any:
        node = self._node(key)
        if isinstance(node, dict) and "value" in node:
            return self.cited(key, node)[0]
        if not self.plain_allowed:
            raise self.fail(key, 'must be written { value = ..., ref = "..." }')
        return node

    def int(self, key: str, low: int = 0, high: int | None = None) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"must be a whole number, not {value!r}")
        if high is not None and not low <= value <= high:
            raise self.fail(key, f"must be from {low} to {high}, not {value}")
        if value < low:
            raise self.fail(key, f"must be {low} or more, not {value}")
        return value

    def bool(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {value!r}")
        return value

    def str(self, key: str, allowed: tuple[str, ...] | None = None) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string, not {value!r}")
        if allowed is not None and value not in allowed:
            raise self.fail(key, f"unknown value {value!r}; allowed: {', '.join(allowed)}")
        return value

    def codes(self, key: str, allowed: tuple[str, ...], raw: Any = None, *,
              non_empty: bool = False) -> tuple[str, ...]:
        value = self.raw(key) if raw is None else raw
        if not isinstance(value, list) or (non_empty and not value):
            raise self.fail(key, f"must be a {'non-empty ' if non_empty else ''}list, not {value!r}")
        for i, item in enumerate(value):
            if item not in allowed:
                raise self.fail(f"{key}[{i}]", f"unknown code {item!r}; allowed: {', '.join(allowed)}")
        return tuple(value)

    def dates(self, key: str) -> frozenset[date]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.fail(key, "must be a list of dates")
        for i, item in enumerate(value):
            if not isinstance(item, date):
                raise self.fail(f"{key}[{i}]", f"must be a date (YYYY-MM-DD), not {item!r}")
        return frozenset(value)

    def table(self, section: str) -> dict[str, Any]:
        node = self.data.get(section)
        if not isinstance(node, dict):
            raise self.fail(section, "missing" if node is None else "must be a table")
        return node

    def known(self, section: str, keys: Iterable[str] | None) -> dict[str, Any]:
        """Refuse keys the code does not know: a typo must not silently fall back.
        ``keys`` None: the names are the council's to choose (e.g. complexity markers)."""
        node = self.table(section)
        if keys is not None:
            keys = tuple(keys)
            for key in node:
                if key not in keys:
                    raise self.fail(f"{section}.{key}", f"unknown key{_did_you_mean(key, keys)}")
        return node

    def sections(self, known: dict[str, Iterable[str] | None],
                 optional: Iterable[str] = ()) -> None:
        """Check every section the file must have, and refuse one it should not."""
        for section, keys in known.items():
            self.known(section, keys)
        allowed = tuple(known) + tuple(optional)
        for section in self.data:
            if section not in allowed:
                raise self.fail(section, f"unknown section{_did_you_mean(section, allowed)}")


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    hint = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (lists such as bands, values) is replaced."""
    out = copy.deepcopy(base)
    for key, value in change.items():
        if (isinstance(value, dict) and "value" not in value and isinstance(out.get(key), dict)
                and "value" not in out[key]):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@dataclass(frozen=True)
class PolicyFile:
    """One file read and merged: each version holds everything in force from its date."""

    label: str  # the file name, as messages give it
    name: str  # meta.name
    versions: tuple[tuple[date, dict[str, Any]], ...]  # in date order, cumulative

    def version_at(self, on: date) -> tuple[int, date, dict[str, Any]]:
        """The version in force on ``on``; refused before the first version."""
        found = None
        for i, (start, data) in enumerate(self.versions):
            if start <= on:
                found = (i, start, data)
        if found is None:
            raise PolicyError(
                f"no policy in force on {on.isoformat()}: {self.label} starts on "
                f"{self.versions[0][0].isoformat()}, and a decision dated before any version of "
                "the policy is not made under a later one")
        return found

    def reader(self, index: int, *, plain_allowed: bool = False) -> Reader:
        start, data = self.versions[index]
        return Reader(f"{self.label}: version[{index}]", data, name=self.name,
                      effective_from=start, plain_allowed=plain_allowed)

    def describe(self) -> str:
        """One line for the start-up check: the policy, its versions and their dates."""
        dates = [start.isoformat() for start, _ in self.versions]
        count = f"{len(dates)} version{'s' if len(dates) > 1 else ''}"
        return f"{self.name}: {count}, in force from {', '.join(dates)}"


def read_policy_file(path: Path) -> PolicyFile:
    """Read a dated policy file and check its shape (meta, versions in date order)."""
    label = path.name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise PolicyError(f"{label}: file not found at {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: not valid TOML: {exc}") from None
    for key in data:
        if key not in ("meta", "version"):
            raise PolicyError(f"{label}: {key}: unknown top-level key (use [meta] and [[version]])")
    meta = data.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("name"), str) or not meta["name"].strip():
        raise PolicyError(f"{label}: meta.name: missing")
    raw_versions = data.get("version")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise PolicyError(f"{label}: version: missing (at least one [[version]] is needed)")
    versions: list[tuple[date, dict[str, Any]]] = []
    merged: dict[str, Any] = {}
    previous: date | None = None
    for i, version in enumerate(raw_versions):
        start = version.get("effective_from")
        if start is None:
            raise PolicyError(f"{label}: version[{i}].effective_from: missing")
        if not isinstance(start, date) or hasattr(start, "hour"):
            raise PolicyError(f"{label}: version[{i}].effective_from: must be a date (YYYY-MM-DD)")
        if previous is not None and start <= previous:
            raise PolicyError(f"{label}: version[{i}].effective_from: versions must be in date "
                              f"order ({start.isoformat()} is not after {previous.isoformat()})")
        previous = start
        change = {k: v for k, v in version.items() if k not in ("effective_from", "note")}
        merged = _merge(merged, change)
        versions.append((start, merged))
    return PolicyFile(label=label, name=meta["name"].strip(), versions=tuple(versions))


class DatedBook(Generic[T]):
    """Every version of one dated policy file, each checked and built when the file is loaded.

    A domain names its file and its ``build`` (a :class:`Reader` over one merged version ->
    the domain's frozen dataclass); :meth:`as_at` gives the version in force on a date.
    """

    file_name: ClassVar[str]  # in data/policy
    build: ClassVar[Callable[[Reader], Any]]

    def __init__(self, path: str | Path | None = None) -> None:
        self.file = read_policy_file(Path(path) if path is not None else POLICY_DIR / self.file_name)
        self.versions: tuple[T, ...] = tuple(
            type(self).build(self.file.reader(i)) for i in range(len(self.file.versions)))

    @property
    def name(self) -> str:
        return self.file.name

    def as_at(self, on: date) -> T:
        return self.versions[self.file.version_at(on)[0]]

    def describe(self) -> str:
        return self.file.describe()

    @classmethod
    def default(cls: type[B]) -> B:
        """The project's own file, loaded and checked once a process."""
        return cached_default(cls, cls)  # type: ignore[arg-type]


_defaults: dict[Any, Any] = {}
_defaults_lock = threading.RLock()


def cached_default(key: Any, load: Callable[[], B]) -> B:
    """One cached default book per file, shared by every caller in the process (restart the
    app after editing a policy file)."""
    with _defaults_lock:
        if key not in _defaults:
            _defaults[key] = load()
        return _defaults[key]


def forget_defaults() -> None:
    """Drop the cached default books, so the next use reads the files again."""
    with _defaults_lock:
        _defaults.clear()
