"""The inbox between the public app and the staff app: a form handed over whole or not at all,
a one-time link that works once, and a rate limit that holds when forms arrive together."""

from __future__ import annotations

import os
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from logic.public.inbox import Inbox, is_reference

NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SENDER = "ab" * 32


def _hand_over(inbox: Inbox, name: str = "Amira Begum") -> str:
    reference = inbox.new_reference()
    inbox.deliver(reference, {"person": {"given_name": name}}, {"lines": [["Name", name]]},
                  token_hash="f" * 64)
    return reference


def test_a_form_sent_waits_for_the_staff_app_and_goes_once_taken_in(tmp_path: Path):
    inbox = Inbox(tmp_path)
    first = _hand_over(inbox, "Amira Begum")
    second = _hand_over(inbox, "Tom Price")
    assert first != second and is_reference(first)
    assert [(d.reference, d.record["person"]["given_name"]) for d in inbox.waiting()] == [
        (first, "Amira Begum"), (second, "Tom Price")]
    inbox.taken_in(first)
    assert [d.reference for d in inbox.waiting()] == [second]


def test_what_people_send_is_readable_by_the_service_alone_and_no_half_file_is_left(tmp_path: Path):
    inbox = Inbox(tmp_path)
    reference = _hand_over(inbox)
    for path in (tmp_path / "submissions" / f"{reference}.json", tmp_path / "receipts" / f"{reference}.json"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_one_time_link_shows_the_summary_once_and_a_wrong_token_spends_nothing(tmp_path: Path):
    inbox = Inbox(tmp_path)
    reference = inbox.new_reference()
    inbox.deliver(reference, {}, {"lines": [["Name", "Amira Begum"]]}, token_hash="a" * 64)
    assert inbox.spend_receipt(reference, "b" * 64) is None
    assert inbox.spend_receipt(reference, "a" * 64) == {"lines": [["Name", "Amira Begum"]]}
    assert inbox.spend_receipt(reference, "a" * 64) is None
    assert inbox.spend_receipt("../../etc/passwd", "a" * 64) is None


def test_two_readers_of_one_link_at_the_same_moment_get_it_once(tmp_path: Path):
    inbox = Inbox(tmp_path)
    reference = inbox.new_reference()
    inbox.deliver(reference, {}, {"lines": []}, token_hash="a" * 64)
    got, start = [], threading.Barrier(8)

    def read() -> None:
        start.wait()
        got.append(inbox.spend_receipt(reference, "a" * 64))

    readers = [threading.Thread(target=read) for _ in range(8)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert sum(g is not None for g in got) == 1


def test_a_connection_sending_too_many_forms_is_told_when_to_try_again(tmp_path: Path):
    inbox = Inbox(tmp_path)
    hour = timedelta(hours=1)
    for minute in range(5):
        assert inbox.admit(SENDER, NOON + timedelta(minutes=minute), hour, 5) is None
    assert inbox.admit(SENDER, NOON + timedelta(minutes=30), hour, 5) == NOON + hour
    # another connection is not held up, and the first is let in again once the hour has passed
    assert inbox.admit("cd" * 32, NOON + timedelta(minutes=30), hour, 5) is None
    assert inbox.admit(SENDER, NOON + hour + timedelta(seconds=1), hour, 5) is None


def test_forms_sent_together_cannot_slip_past_the_limit(tmp_path: Path):
    inbox = Inbox(tmp_path)
    admitted, start = [], threading.Barrier(12)

    def send() -> None:
        start.wait()
        admitted.append(inbox.admit(SENDER, NOON, timedelta(hours=1), 5) is None)

    senders = [threading.Thread(target=send) for _ in range(12)]
    for s in senders:
        s.start()
    for s in senders:
        s.join()
    assert sum(admitted) == 5


def test_old_receipts_and_counts_are_not_kept(tmp_path: Path):
    inbox = Inbox(tmp_path)
    reference = _hand_over(inbox)
    inbox.admit(SENDER, NOON, timedelta(hours=1), 5)
    week_ago = (datetime.now(UTC) - timedelta(days=8)).timestamp()
    for path in (tmp_path / "receipts" / f"{reference}.json", tmp_path / "senders" / SENDER):
        os.utime(path, (week_ago, week_ago))
    assert inbox.forget_before(datetime.now(UTC) - timedelta(days=7)) == 2
    assert inbox.spend_receipt(reference, "f" * 64) is None
    # the form itself waits for the staff app whatever its age
    assert [d.reference for d in inbox.waiting()] == [reference]
