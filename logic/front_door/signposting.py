"""The signposting directory (``data/services/directory.toml``): load, check, and write it up.

The directory is data the team keeps up to date. Every load checks the whole file and refuses a
malformed one with :class:`DirectoryError` naming the key (``directory.toml: service[3].phone:
must be text``), so a typo shows when the page opens, not as a wrong number read to a caller.

:func:`advice_text` makes the plain text an officer can paste into an email to the household.
Pure except for reading the file; no database.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from logic.common.policy_file import PolicyError

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "services" / "directory.toml"

SERVICE_KEYS = ("id", "category", "name", "what", "phone", "email", "web", "hours",
                "eligibility", "national", "languages")
REQUIRED_SERVICE_KEYS = ("id", "category", "name", "what", "hours", "eligibility", "national")
CONTACT_KEYS = ("phone", "email", "web")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_PHONE = re.compile(r"^[0-9 ]{3,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DirectoryError(PolicyError):
    """The directory file cannot be used; the message names the file and the key.
    A PolicyError, so the start-up check refuses a broken directory like a broken policy."""


@dataclass(frozen=True)
class Category:
    code: str
    label: str


@dataclass(frozen=True)
class Service:
    id: str
    category: str
    name: str
    what: str
    hours: str
    eligibility: str
    national: bool
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    languages: str | None = None

    def contact_line(self) -> str:
        return " · ".join(x for x in (self.phone, self.email, self.web) if x)


@dataclass(frozen=True)
class Directory:
    name: str
    reviewed_on: date
    categories: tuple[Category, ...]
    services: tuple[Service, ...]

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def in_category(self, code: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == code)

    def label(self, code: str) -> str:
        return next((c.label for c in self.categories if c.code == code), code)


def _fail(label: str, key: str, message: str) -> DirectoryError:
    return DirectoryError(f"{label}: {key}: {message}")


def _text(entry: dict[str, Any], key: str, where: str, label: str, required: bool) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise _fail(label, f"{where}.{key}", "missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(label, f"{where}.{key}", f"must be text, not {value!r}")
    return value.strip()


def parse_directory(data: dict[str, Any], label: str = "directory.toml") -> Directory:
    """Check a parsed directory and build it; raise :class:`DirectoryError` naming the key."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise _fail(label, "meta", "missing")
    name = _text(meta, "name", "meta", label, required=True)
    reviewed_on = meta.get("reviewed_on")
    if not isinstance(reviewed_on, date):
        raise _fail(label, "meta.reviewed_on", "must be a date written YYYY-MM-DD")
    unknown = set(data) - {"meta", "category", "service"}
    if unknown:
        raise _fail(label, sorted(unknown)[0], "unknown table (only meta, category, service)")

    raw_categories = data.get("category")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise _fail(label, "category", "missing (at least one [[category]])")
    categories: list[Category] = []
    for i, entry in enumerate(raw_categories):
        where = f"category[{i}]"
        if not isinstance(entry, dict):
            raise _fail(label, where, "must be a table")
        extra = set(entry) - {"code", "label"}
        if extra:
            raise _fail(label, f"{where}.{sorted(extra)[0]}", "unknown key (only code and label)")
        code = _text(entry, "code", where, label, required=True)
        if not _CODE.match(code):
            raise _fail(label, f"{where}.code", f"{code!r} must be snake_case")
        if any(c.code == code for c in categories):
            raise _fail(label, f"{where}.code", f"{code!r} is listed twice")
        categories.append(Category(code, _text(entry, "label", where, label, required=True)))
    codes = tuple(c.code for c in categories)

    raw_services = data.get("service")
    if not isinstance(raw_services, list) or not raw_services:
        raise _fail(label, "service", "missing (at least one [[service]])")
    services: list[Service] = []
    for i, entry in enumerate(raw_services):
        where = f"service[{i}]"
        if not isinstance(entry, dict):
            raise _fail(label, where, "must be a table")
        for key in entry:
            if key not in SERVICE_KEYS:
                hint = difflib.get_close_matches(key, SERVICE_KEYS, n=1)
                more = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise _fail(label, f"{where}.{key}", f"unknown key{more}")
        values = {k: _text(entry, k, where, label, k in REQUIRED_SERVICE_KEYS)
                  for k in SERVICE_KEYS if k != "national"}
        if not _CODE.match(values["id"]):
            raise _fail(label, f"{where}.id", f"{values['id']!r} must be snake_case")
        if any(s.id == values["id"] for s in services):
            raise _fail(label, f"{where}.id", f"{values['id']!r} is listed twice")
        if values["category"] not in codes:
            raise _fail(label, f"{where}.category",
                        f"unknown category {values['category']!r}; known: {', '.join(codes)}")
        if not any(values[k] for k in CONTACT_KEYS):
            raise _fail(label, f"{where}.phone", "give at least one of phone, email or web")
        if values["phone"] and not _PHONE.match(values["phone"]):
            raise _fail(label, f"{where}.phone", f"{values['phone']!r} is not a phone number")
        if values["email"] and not _EMAIL.match(values["email"]):
            raise _fail(label, f"{where}.email", f"{values['email']!r} is not an email address")
        if values["web"] and not values["web"].startswith("https://"):
            raise _fail(label, f"{where}.web", "must start with https://")
        national = entry.get("national")
        if not isinstance(national, bool):
            raise _fail(label, f"{where}.national", "must be true or false")
        services.append(Service(national=national, **values))
    return Directory(name=name, reviewed_on=reviewed_on, categories=tuple(categories),
                     services=tuple(services))


def load_directory(path: str | Path | None = None) -> Directory:
    path = Path(path) if path else DEFAULT_FILE
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise DirectoryError(f"{path.name}: file not found at {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise DirectoryError(f"{path.name}: not valid TOML: {error}") from None
    return parse_directory(data, path.name)


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The council's directory, read once a process (restart the app after editing the file)."""
    return load_directory()


def advice_text(*, directory: Directory, service_ids: list[str], applicant_name: str,
                officer_name: str, council_name: str, advice_note: str = "") -> str:
    """Plain text for an email to the household: the advice and each service's details."""
    lines = [f"Dear {applicant_name},", "",
             f"Thank you for contacting {council_name}'s housing options team today."]
    if advice_note.strip():
        lines += ["", advice_note.strip()]
    if service_ids:
        lines += ["", "These services can help you:"]
        for service_id in service_ids:
            s = directory.service(service_id)
            lines += ["", f"{s.name} ({directory.label(s.category)})", f"  {s.what}"]
            for label, value in (("Phone", s.phone), ("Email", s.email), ("Web", s.web),
                                 ("Opening hours", s.hours), ("Who can use it", s.eligibility)):
                if value:
                    lines.append(f"  {label}: {value}")
    lines += ["", "If your situation changes, or you are given notice or told you must leave your "
              "home, please contact us again straight away.", "",
              "Yours sincerely,", officer_name, f"Housing options, {council_name}"]
    return "\n".join(lines)
