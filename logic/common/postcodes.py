"""A UK postcode, written the one way (``AB1 2CD``): pure, so the public app checks a postcode
without reaching the store's modules (logic.front_door.households re-exports it)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from logic.common.errors import FieldError

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_LABELS = {"postcode": "Postcode"}


def normalise_postcode(postcode: str | None, field: str = "postcode",
                       labels: Mapping[str, str] | None = None) -> str | None:
    if postcode is None or not postcode.strip():
        return None
    compact = re.sub(r"\s+", "", postcode.upper())
    formatted = f"{compact[:-3]} {compact[-3:]}"
    if not _POSTCODE.match(formatted):
        raise FieldError(field, f"{postcode!r} is not a UK postcode", dict(labels or _LABELS))
    return formatted
