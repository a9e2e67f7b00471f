"""The public front door's inbox: how the public app hands what people send to the staff app
without ever opening the council's store.

Why a folder and not the store: the public app faces the internet, so it holds no database
credentials and can read no case (a bug or an attacker in it finds nothing to read); and the
embedded DuckDB store is a file one process opens at a time, so a second app beside the staff
app could not open it anyway. The folder is the only thing the two apps share:

- ``submissions/ON-XXXXXXXX.json``: one a form sent, waiting for the staff app to take it into
  the store (:func:`Inbox.waiting`, then :func:`Inbox.taken_in` once its row is committed).
- ``receipts/ON-XXXXXXXX.json``: what the person's one-time link shows, with the SHA-256 of its
  token; spent (deleted) on its one use, forgotten after the policy's days.
- ``senders/<salted hash>``: when each form from one connection was sent, for the rate limit;
  only the counting window is kept.

Every file is written to a temporary name in the same folder, flushed to disk and renamed, so a
reader sees a whole file or none; files are readable by the service's account only (0600), as
the special-category data they hold requires.
"""

from __future__ import annotations

import contextlib
import fcntl
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from logic.config import settings

# No 0/O, 1/I/L, 5/S or 8/B: a reference read out on the phone is not mistaken.
_REFERENCE_LETTERS = "2345679ACDEFGHJKMNPQRTUVWXYZ"
_REFERENCE_LENGTH = 8
log = logging.getLogger(__name__)
REFERENCE_PREFIX = "ON-"


def is_reference(text: str) -> bool:
    """Whether ``text`` has the shape of an online reference (so nothing else names a file)."""
    body = text[len(REFERENCE_PREFIX):]
    return (text.startswith(REFERENCE_PREFIX) and len(body) == _REFERENCE_LENGTH
            and all(c in _REFERENCE_LETTERS for c in body))


@dataclass(frozen=True)
class Delivered:
    """A form waiting in the inbox: its reference and what was sent, as written."""

    reference: str
    record: dict[str, Any]


class Inbox:
    """One inbox folder (HEARTH_PUBLIC_INBOX; both apps must name the same one)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    # --- the folders -------------------------------------------------------------------------

    def _dir(self, name: str) -> Path:
        path = self.folder / name
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path

    def _write(self, path: Path, content: dict[str, Any]) -> None:
        data = json.dumps(content, ensure_ascii=False, sort_keys=True).encode()
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    # --- sending (the public app) -----------------------------------------------------------

    def new_reference(self) -> str:
        """A reference no form in the inbox or a receipt has: random, so it tells nothing of how
        many people have written (a counter would)."""
        while True:
            reference = REFERENCE_PREFIX + "".join(
                secrets.choice(_REFERENCE_LETTERS) for _ in range(_REFERENCE_LENGTH))
            if not (self._dir("submissions") / f"{reference}.json").exists() and \
                    not (self._dir("receipts") / f"{reference}.json").exists():
                return reference

    def deliver(self, reference: str, record: dict[str, Any], receipt: dict[str, Any],
                token_hash: str) -> None:
        """Hand over a form: the receipt first, so a link never points at nothing once the form
        is visible to the staff app."""
        if not is_reference(reference):
            raise ValueError(f"not an online reference: {reference!r}")
        self._write(self._dir("receipts") / f"{reference}.json",
                    {"token_hash": token_hash, "receipt": receipt})
        self._write(self._dir("submissions") / f"{reference}.json", record)

    @contextlib.contextmanager
    def _sender(self, sender: str) -> Iterator[tuple[list[datetime], Any]]:
        if not sender or not all(c in "0123456789abcdef" for c in sender):
            raise ValueError("the sender is a hex digest of the connection, never its address")
        path = self._dir("senders") / sender
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            times = [datetime.fromisoformat(line) for line in f.read().split()]
            yield times, f

    def admit(self, sender: str, now: datetime, window: timedelta, limit: int) -> datetime | None:
        """Count a form from this connection if it is within ``limit`` forms a ``window``:
        None when admitted (and counted), otherwise when the oldest counted form leaves the
        window (so the refusal can say when to try again). Checked and counted under one lock,
        so two forms sent at once cannot both slip past the limit."""
        with self._sender(sender) as (times, f):
            recent = sorted(t for t in times if t > now - window)
            if len(recent) >= limit:
                return recent[0] + window
            recent.append(now)
            f.seek(0)
            f.truncate()
            f.write("\n".join(t.isoformat() for t in recent))
            f.flush()
            os.fsync(f.fileno())
            return None

    def spend_receipt(self, reference: str, token_hash: str) -> dict[str, Any] | None:
        """The receipt behind a one-time link, once: the right token spends it (the file is
        renamed away, which only one reader can do, then deleted); a wrong token spends nothing.
        None for a spent, unknown or wrong link alike."""
        if not is_reference(reference):
            return None
        path = self._dir("receipts") / f"{reference}.json"
        try:
            kept = json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            return None
        if not hmac.compare_digest(str(kept.get("token_hash", "")), token_hash):
            return None
        spent = path.with_name(f".{reference}.{secrets.token_hex(4)}.spent")
        try:
            os.rename(path, spent)
        except FileNotFoundError:
            return None  # another reader spent it a moment ago
        spent.unlink()
        return kept["receipt"]

    # --- taking in (the staff app) ------------------------------------------------------------

    def waiting(self) -> list[Delivered]:
        """The forms not yet taken into the store, oldest reference file first."""
        found = []
        for path in sorted(self._dir("submissions").glob(f"{REFERENCE_PREFIX}*.json"),
                           key=lambda p: p.stat().st_mtime_ns):
            reference = path.stem
            if not is_reference(reference):
                continue
            try:
                record = json.loads(path.read_text())
            except FileNotFoundError:
                continue  # taken by another staff process meanwhile
            except ValueError:
                self.set_aside(reference, "not readable as JSON")
                continue
            if not isinstance(record, dict):
                self.set_aside(reference, "not a form's record")
                continue
            found.append(Delivered(reference, record))
        return found

    def set_aside(self, reference: str, why: str) -> None:
        """A form the staff app cannot take in goes to ``rejected/`` (kept for a person to look
        at, never shown as waiting), with a log line saying why."""
        if not is_reference(reference):
            return
        try:
            os.replace(self._dir("submissions") / f"{reference}.json",
                       self._dir("rejected") / f"{reference}.json")
        except FileNotFoundError:
            return
        log.warning("public inbox: form %s set aside in %s: %s", reference,
                    self._dir("rejected"), why)

    def taken_in(self, reference: str) -> None:
        """The form's row is committed in the store: the inbox copy goes."""
        if is_reference(reference):
            (self._dir("submissions") / f"{reference}.json").unlink(missing_ok=True)

    # --- keeping no more than needed ----------------------------------------------------------

    def _old(self, moment: datetime) -> list[Path]:
        cutoff = moment.timestamp()
        return [path for name in ("receipts", "senders") for path in self._dir(name).iterdir()
                if path.stat().st_mtime < cutoff]

    def count_before(self, moment: datetime) -> int:
        """How many files :func:`forget_before` would remove (the retention run's dry run)."""
        return len(self._old(moment))

    def forget_before(self, moment: datetime) -> int:
        """Receipts never used, and counts of senders, older than ``moment`` go (data
        minimisation, UK GDPR art.5(1)(c)); how many files went."""
        gone = 0
        cutoff = moment.timestamp()
        for name in ("receipts", "senders"):
            for path in self._dir(name).iterdir():
                if path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    gone += 1
        return gone


def public_inbox() -> Inbox:
    """The inbox both apps share, as configured (HEARTH_PUBLIC_INBOX; logic/config.py)."""
    return Inbox(settings().public_inbox)
