"""Someone guessing passwords: repeated failures are slowed down, then locked out, per username
and per network address, and the officer is told plainly what to do (issue 17).

The council's figures are data/policy/accounts.toml: after 3 wrong passwords for a username the
next attempt waits (5 seconds, doubling, at most a minute); at 10 the username is locked for 30
minutes or until an administrator unlocks it. From one address: waits after 20, locked at 50.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from logic.accounts import service as accounts
from logic.accounts.policy import sign_in_policy
from logic.common.errors import FieldError, PermissionDenied, SignInFailed
from logic.db import engine_for
from tests.conftest import TEST_PASSWORD

MORNING = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # 10:00 in London (GMT in November)
OFFICE = "10.20.30.40"
ELSEWHERE = "203.0.113.9"


def _audit(action: str) -> list[str]:
    with engine_for().connect() as connection:
        return [r[0] or "" for r in connection.execute(
            sa.text("SELECT detail FROM audit_log WHERE action = :a ORDER BY id"), {"a": action})]


def _attempt(username: str, password: str, source: str | None = OFFICE) -> str:
    """The message the sign-in form would show ("" for a sign-in that worked)."""
    try:
        accounts.sign_in(username=username, password=password, source=source)
    except SignInFailed as refused:
        return refused.message
    return ""


def _wait_asked(message: str) -> int | None:
    found = re.search(r"try again in (\d+) seconds?", message)
    return int(found.group(1)) if found else None


class Guesser:
    """Someone at one keyboard, moving Hearth's clock on as they go."""

    def __init__(self, frozen_clock, start: datetime = MORNING) -> None:
        self.frozen_clock = frozen_clock
        self.now = start
        frozen_clock(start)

    def after(self, delta: timedelta) -> None:
        self.now += delta
        self.frozen_clock(self.now)

    def try_(self, username: str, password: str, source: str | None = OFFICE) -> str:
        return _attempt(username, password, source)

    def keep_trying(self, username: str, password: str, source: str | None = OFFICE) -> str:
        """Try, and when told to wait, wait exactly as long and try again."""
        message = self.try_(username, password, source)
        while (wait := _wait_asked(message)) is not None and "not right" not in message:
            self.after(timedelta(seconds=wait))
            message = self.try_(username, password, source)
        return message


def test_thirty_wrong_passwords_in_27_seconds_are_mostly_refused_unchecked(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    messages = []
    for _ in range(30):
        messages.append(guesser.try_("olga.officer", f"guess {len(messages)}"))
        guesser.after(timedelta(seconds=0.9))
    # the first three are plain refusals; the third says a wait has started
    assert messages[0] == messages[1] == accounts.WRONG_PASSWORD
    assert messages[2] == f"{accounts.WRONG_PASSWORD} Too many attempts: try again in 5 seconds."
    assert messages[3].startswith("Too many attempts: try again in")
    checked = len(_audit("sign_in_failed"))
    assert checked <= 5, "every guess was checked: no slowdown"
    assert len(_audit("sign_in_refused")) == 30 - checked
    assert all(TEST_PASSWORD not in d and "guess" not in d
               for action in ("sign_in_failed", "sign_in_refused") for d in _audit(action))


def test_after_ten_wrong_passwords_the_account_is_locked_even_against_the_right_one(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    policy = sign_in_policy(date(2026, 11, 30))
    assert policy.account.lock_after == 10 and policy.account.lock_minutes == 30
    for n in range(1, 10):
        assert "not right" in guesser.keep_trying("olga.officer", f"guess {n}")
    tenth = guesser.keep_trying("olga.officer", "guess 10")
    assert tenth.startswith(accounts.WRONG_PASSWORD)
    locked_at = guesser.now
    until = (locked_at + timedelta(minutes=30)).strftime("%H:%M")
    locked = (f"This account is locked after 10 failed sign-in attempts. Ask an administrator to "
              f"unlock it, or wait until {until}.")
    assert tenth.endswith(locked)
    for n in range(11, 31):  # twenty more guesses, a minute apart: none is checked
        guesser.after(timedelta(seconds=61))
        assert guesser.try_("olga.officer", f"guess {n}") == locked
    assert len(_audit("sign_in_failed")) == 10
    assert len(_audit("sign_in_locked")) == 1
    assert "username 'olga.officer' locked after 10 failed attempts" in _audit("sign_in_locked")[0]
    # the officer herself, with the right password, from another address
    assert guesser.try_("olga.officer", TEST_PASSWORD, source=ELSEWHERE) == locked
    assert sum(d.startswith("locked until") for d in _audit("sign_in_refused")) == 21
    # once the lock period has passed, the right password works
    guesser.after(locked_at + timedelta(minutes=30) - guesser.now)
    assert guesser.try_("olga.officer", TEST_PASSWORD, source=ELSEWHERE) == ""


def test_a_lock_into_the_next_day_says_the_day(team, frozen_clock):
    guesser = Guesser(frozen_clock, start=datetime(2026, 11, 30, 23, 40, tzinfo=UTC))
    for n in range(10):
        message = guesser.keep_trying("olga.officer", f"guess {n}")
    # locked at 23:44:15 after the waits (5, 10, 20, 40, 60, 60, 60 seconds)
    assert message.endswith("wait until 00:14 on 1 Dec 2026.")


def test_an_administrator_unlocks_an_account_with_a_reason_and_it_is_audited(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    for n in range(10):
        guesser.keep_trying("olga.officer", f"guess {n}")
    assert "is locked" in guesser.try_("olga.officer", TEST_PASSWORD)
    [locked] = accounts.locked_sign_ins()
    assert (locked.counter, locked.subject, locked.is_account) == ("account", "olga.officer", True)
    with pytest.raises(PermissionDenied):
        accounts.unlock_sign_in(actor_id=team.manager, counter="account", subject="olga.officer",
                                reason="She rang the service desk")
    with pytest.raises(FieldError) as no_reason:
        accounts.unlock_sign_in(actor_id=team.admin, counter="account", subject="olga.officer",
                                reason=" ")
    assert no_reason.value.message == "Reason: say why the sign-in is being unlocked"
    accounts.unlock_sign_in(actor_id=team.admin, counter="account", subject="olga.officer",
                            reason="She rang the service desk from her desk phone")
    assert _audit("sign_in_unlocked") == [
        "username 'olga.officer': She rang the service desk from her desk phone"]
    assert accounts.locked_sign_ins() == []
    assert guesser.try_("olga.officer", TEST_PASSWORD) == ""


def test_one_address_trying_many_usernames_is_slowed_and_then_paused(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    policy = sign_in_policy(date(2026, 11, 30)).source
    messages = []
    # one guess for each of many usernames, known or not: no account reaches its own limit
    for n in range(policy.lock_after):
        messages.append(guesser.keep_trying(f"user{n}.guess", "Winter2026!"))
    assert messages[0] == accounts.WRONG_PASSWORD
    assert messages[policy.free_failures - 1].endswith("Too many attempts: try again in 5 seconds.")
    assert messages[-1].endswith(
        f"Sign-in from this network address is paused after {policy.lock_after} failed attempts. "
        f"Ask an administrator to unlock it, or wait until "
        f"{(guesser.now + timedelta(minutes=30)):%H:%M}.")
    # from that address even an officer with the right password waits; elsewhere, she signs in
    assert "network address is paused" in guesser.try_("olga.officer", TEST_PASSWORD)
    assert guesser.try_("olga.officer", TEST_PASSWORD, source=ELSEWHERE) == ""
    [locked] = accounts.locked_sign_ins()
    assert (locked.counter, locked.subject) == ("source", OFFICE)
    accounts.unlock_sign_in(actor_id=team.admin, counter="source", subject=OFFICE,
                            reason="The training room's test script")
    assert guesser.try_("olga.officer", TEST_PASSWORD) == ""
    assert _audit("sign_in_unlocked") == [f"address {OFFICE}: The training room's test script"]


def test_an_unknown_username_gets_the_same_messages_as_a_known_one(team, frozen_clock):
    known = Guesser(frozen_clock)
    known_messages = [known.try_("olga.officer", f"guess {n}") for n in range(4)]
    known_messages += [known.keep_trying("olga.officer", f"guess {n}") for n in range(4, 11)]
    unknown = Guesser(frozen_clock, start=MORNING + timedelta(days=1))  # the same hour next day
    unknown_messages = [unknown.try_("nobody.here", f"guess {n}", ELSEWHERE) for n in range(4)]
    unknown_messages += [unknown.keep_trying("nobody.here", f"guess {n}", ELSEWHERE)
                         for n in range(4, 11)]
    assert known_messages == unknown_messages
    assert known_messages[3].startswith("Too many attempts: try again in")
    assert "is locked after 10 failed" in unknown_messages[-1]
    assert "is locked after 10 failed" in unknown.try_("nobody.here", "a right password?", ELSEWHERE)


def test_a_successful_sign_in_starts_the_count_again(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    for n in range(9):  # one short of the lock
        guesser.keep_trying("olga.officer", f"typo {n}")
    assert guesser.keep_trying("olga.officer", TEST_PASSWORD) == ""
    # nine more typos after signing in: plain refusals and waits, never the lock
    for n in range(9):
        assert "locked" not in guesser.keep_trying("olga.officer", f"typo again {n}")
    assert _audit("sign_in_locked") == []
    # the tenth since signing in locks it: the count started again, it did not stop
    assert "is locked after 10 failed" in guesser.keep_trying("olga.officer", "typo again 9")


def test_the_counts_are_kept_in_the_store_across_a_restart(team, frozen_clock):
    guesser = Guesser(frozen_clock)
    for n in range(10):
        guesser.keep_trying("olga.officer", f"guess {n}")
    from logic import db

    db.dispose_engines()  # a restarted app, or a second app server on the same store
    assert "is locked" in guesser.try_("olga.officer", TEST_PASSWORD)


def test_a_policy_whose_lock_the_waits_make_unreachable_is_refused(tmp_path):
    from logic.common.policy_file import PolicyError
    from logic.config import DATA_DIR

    path = tmp_path / "accounts.toml"
    text = (DATA_DIR / "policy" / "accounts.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("source_lock_after = { value = 50,",
                                 "source_lock_after = { value = 100,"), encoding="utf-8")
    with pytest.raises(PolicyError) as refused:
        sign_in_policy(date(2026, 11, 30), path)
    assert str(refused.value).startswith(
        "accounts.toml: version[0].sign_in.source_lock_after: cannot be reached within "
        "failures_counted_minutes (60)")
