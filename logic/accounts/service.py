"""Officers' accounts: passwords, sign-in, sessions that survive a reload and time out.

The browser keeps a random session token in a cookie; the store keeps only its SHA-256, so a
copy of the database cannot be used to sign in. A session ends when the officer signs out, after
`HEARTH_SESSION_IDLE_MINUTES` without activity, or `HEARTH_SESSION_MAX_HOURS` after sign-in.

Repeated wrong passwords are slowed down and then locked out, per username (known or not, so
the messages never reveal which usernames exist) and per network address, by the council's
figures in ``data/policy/accounts.toml`` (``policy.py``, ``rules.py``). The failures are rows
of ``sign_in_attempt``, so the counts hold across restarts and across app servers; each
failure, lock, refused attempt and unlock is audited (never the password).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, select

from logic import clock
from logic.accounts import rules
from logic.accounts.policy import Limits, SignInPolicy, sign_in_policy
from logic.common.errors import (
    FieldError,
    NotFound,
    PermissionDenied,
    SignInFailed,
    SignInLocked,
)
from logic.common.recording import record_audit
from logic.config import settings
from logic.db import session_scope
from logic.models import LoginSession, Officer, Role, utc_now
from logic.models.accounts import FAILED, LOCKED, SUCCEEDED, UNLOCKED, SignInAttempt

# The form's labels, so a refused answer is named as the officer saw it:
# pages/officers.py, pages/my_account.py.
FIELD_LABELS: dict[str, str] = {
    "username": "Username",
    "full_name": "Full name",
    "hours_per_week": "Hours a week",
    "started_on": "Started on",
    "reason": "Reason",
    "password": "Password",
    "new_password": "New password",
    "current_password": "Current password",
    "role": "Role",
    "active": "Account",
    "locked": "Locked sign-in",
}

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()
# Verifying against a throwaway hash when the username is unknown takes the same time as a real
# check, so response time does not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
# Writing last_seen on every page rerun would be a write a click; a minute's precision is enough.
_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class SignedInOfficer:
    id: int
    username: str
    full_name: str
    role: str
    team: str
    competency_level: str | None


@dataclass(frozen=True)
class SignIn:
    token: str
    officer: SignedInOfficer
    expires_at: datetime


def _identity(officer: Officer) -> SignedInOfficer:
    return SignedInOfficer(
        id=officer.id,
        username=officer.username,
        full_name=officer.full_name,
        role=officer.role,
        team=officer.team,
        competency_level=officer.competency_level,
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise FieldError(field, f"must be at least {MIN_PASSWORD_LENGTH} characters long",
                         FIELD_LABELS)
    if password.strip() != password:
        raise FieldError(field, "must not start or end with a space", FIELD_LABELS)


def _check_role(role: str) -> str:
    try:
        return Role(role).value
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise FieldError("role", f"unknown role {role!r}; choose one of {allowed}",
                         FIELD_LABELS) from None


def _require_admin(session: Session, actor_id: int) -> Officer:
    actor = session.get(Officer, actor_id)
    if actor is None or not actor.active or actor.role != Role.admin:
        raise PermissionDenied("Only an administrator can manage officers' accounts.")
    return actor


def create_officer(
    *,
    actor_id: int,
    username: str,
    full_name: str,
    role: str,
    password: str | None,
    email: str | None = None,
    team: str = "Housing options",
    hours_per_week: float = 37.0,
    started_on: date | None = None,
    competency_level: str | None = None,
    competency_since: date | None = None,
) -> int:
    """An administrator adds an officer. Returns the new officer's id."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise FieldError(
            "username", "use 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter", FIELD_LABELS
        )
    if not full_name.strip():
        raise FieldError("full_name", "is required", FIELD_LABELS)
    role = _check_role(role)
    if not 0 < hours_per_week <= 48:
        raise FieldError("hours_per_week", "must be more than 0 and at most 48", FIELD_LABELS)
    if password is not None:
        check_new_password(password)
    if role == Role.trainee and started_on is None:
        raise FieldError("started_on", "is required for a trainee: it sets their competency gates",
                         FIELD_LABELS)
    with session_scope() as session:
        _require_admin(session, actor_id)
        taken = session.exec(
            select(func.count()).select_from(Officer).where(Officer.username == username)
        ).one()
        if taken:
            raise FieldError("username", f"{username!r} is already in use", FIELD_LABELS)
        officer = Officer(
            username=username,
            full_name=full_name.strip(),
            email=(email or "").strip() or None,
            role=role,
            team=team.strip() or "Housing options",
            password_hash=hash_password(password) if password is not None else None,
            hours_per_week=hours_per_week,
            started_on=started_on,
            competency_level=competency_level,
            competency_since=competency_since,
        )
        session.add(officer)
        session.flush()
        record_audit(
            session, actor_id=actor_id, action="create", entity="officer", entity_id=officer.id,
            detail=f"created {username} as {role}",
        )
        return officer.id


def set_officer_active(*, actor_id: int, officer_id: int, active: bool, reason: str) -> None:
    """Deactivating ends every session of that officer at once; accounts are never deleted."""
    if not reason.strip():
        raise FieldError("reason", "say why the account is being changed", FIELD_LABELS)
    with session_scope() as session:
        _require_admin(session, actor_id)
        officer = session.get(Officer, officer_id)
        if officer is None:
            raise NotFound(f"Officer {officer_id} does not exist.")
        if officer_id == actor_id and not active:
            raise FieldError("active", "you cannot deactivate your own account", FIELD_LABELS)
        officer.active = active
        officer.version += 1
        if not active:
            _end_sessions(session, officer_id, "deactivated")
        record_audit(
            session, actor_id=actor_id, action="activate" if active else "deactivate",
            entity="officer", entity_id=officer_id, detail=reason.strip(),
        )


def reset_password(*, actor_id: int, officer_id: int, new_password: str) -> None:
    check_new_password(new_password, "new_password")
    with session_scope() as session:
        _require_admin(session, actor_id)
        officer = session.get(Officer, officer_id)
        if officer is None:
            raise NotFound(f"Officer {officer_id} does not exist.")
        officer.password_hash = hash_password(new_password)
        officer.version += 1
        _end_sessions(session, officer_id, "password_reset")
        record_audit(
            session, actor_id=actor_id, action="reset_password", entity="officer", entity_id=officer_id
        )


def change_own_password(*, officer_id: int, current_password: str, new_password: str) -> None:
    check_new_password(new_password, "new_password")
    with session_scope() as session:
        officer = session.get(Officer, officer_id)
        if officer is None or not _password_matches(officer.password_hash, current_password):
            raise FieldError("current_password", "is not right", FIELD_LABELS)
        officer.password_hash = hash_password(new_password)
        officer.version += 1
        record_audit(session, actor_id=officer_id, action="change_password", entity="officer", entity_id=officer_id)


def _password_matches(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _end_sessions(session: Session, officer_id: int, reason: str) -> None:
    open_sessions = session.exec(
        select(LoginSession).where(LoginSession.officer_id == officer_id, LoginSession.ended_at.is_(None))
    ).all()
    for login in open_sessions:
        login.ended_at = utc_now()
        login.end_reason = reason


WRONG_PASSWORD = "The username or password is not right, or the account is not active."
_SUBJECT_LENGTH = 100  # sign_in_attempt.subject


def _wait_words(seconds: int) -> str:
    return f"Too many attempts: try again in {seconds} second{'' if seconds == 1 else 's'}."


def _until_words(until: datetime) -> str:
    """"11:05", or "11:05 on 1 Dec 2026" when that is not today, on the office wall."""
    local = until.astimezone(clock.LONDON)
    if local.date() == clock.today():
        return f"{local:%H:%M}"
    return f"{local:%H:%M} on {local.day} {local:%b %Y}"


def _locked_words(limits: Limits, until: datetime) -> str:
    if limits.counter == "account":
        return (f"This account is locked after {limits.lock_after} failed sign-in attempts. "
                f"Ask an administrator to unlock it, or wait until {_until_words(until)}.")
    return (f"Sign-in from this network address is paused after {limits.lock_after} failed "
            f"attempts. Ask an administrator to unlock it, or wait until {_until_words(until)}.")


def _refusal(verdict: rules.Verdict, now: datetime) -> SignInFailed:
    if verdict.state == "locked":
        return SignInLocked(_locked_words(verdict.limits, verdict.until), until=verdict.until)
    return SignInLocked(_wait_words(verdict.seconds_left(now)), until=verdict.until)


# One statement a counter: the latest marker (a success, an unlock, a lock) within the longest
# period that matters, whether that marker is a lock, and the failures since it and within the
# counting period. Ordered by id (a row written later has a larger id), timed by attempted_at;
# the index on (counter, subject, attempted_at) finds the rows.
_TALLY = sa.text("""
WITH recent AS (
    SELECT id, outcome, attempted_at FROM sign_in_attempt
    WHERE counter = :counter AND subject = :subject AND attempted_at >= :since
), marks AS (
    SELECT max(CASE WHEN outcome <> :failed THEN id END) AS mark_id,
           max(CASE WHEN outcome = :locked THEN id END) AS lock_id,
           max(CASE WHEN outcome = :locked THEN attempted_at END) AS locked_at
    FROM recent
)
SELECT marks.mark_id, marks.lock_id, marks.locked_at, count(f.id) AS failures,
       max(f.attempted_at) AS last_failure_at
FROM marks LEFT JOIN recent f
    ON f.outcome = :failed AND f.attempted_at >= :counted_since
   AND f.id > COALESCE(marks.mark_id, 0)
GROUP BY marks.mark_id, marks.lock_id, marks.locked_at
""")


def _tally(session: Session, limits: Limits, subject: str, now: datetime,
           policy: SignInPolicy) -> rules.Tally:
    since = now - max(policy.counted_over, limits.lock_period)
    row = session.connection().execute(_TALLY, {
        "counter": limits.counter, "subject": subject, "since": since,
        "counted_since": now - policy.counted_over, "failed": FAILED, "locked": LOCKED,
    }).one()
    locked = row.lock_id is not None and row.lock_id == row.mark_id
    return rules.Tally(failures=row.failures, last_failure_at=_aware(row.last_failure_at),
                       locked_at=_aware(row.locked_at) if locked else None)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=clock.now().tzinfo)


def _mark(session: Session, limits: Limits, subject: str, outcome: str, now: datetime) -> None:
    session.add(SignInAttempt(counter=limits.counter, subject=subject, outcome=outcome,
                              attempted_at=now))


def _audit_subject(limits: Limits, subject: str) -> str:
    return f"username {subject!r}" if limits.counter == "account" else f"address {subject}"


def sign_in(*, username: str, password: str, source: str | None = None) -> SignIn:
    """Check a local password and open a session. Failed attempts are audited too.

    ``source`` is the network address the attempt came from (the page reads it), or None when
    it is not known (the app reached on the same machine). Within the council's figures a
    wrong password is refused plainly; past them the next attempt waits, and then the username
    (or the address) is locked until an administrator unlocks it or the lock period ends.
    """
    if settings().auth_mode != "local":
        raise SignInFailed("This council signs in through single sign-on, not Hearth passwords.")
    username = username.strip().lower()
    if not username:
        raise FieldError("username", "is required", FIELD_LABELS)
    if not password:
        raise FieldError("password", "is required", FIELD_LABELS)
    source = (source or "").strip()[:_SUBJECT_LENGTH] or None
    subject = username[:_SUBJECT_LENGTH]
    now = clock.now()
    policy = sign_in_policy(clock.today())
    counters = [(policy.account, subject)] + ([(policy.source, source)] if source else [])
    from_where = f" from {source}" if source else ""
    refusal: SignInFailed | None = None
    with session_scope() as session:
        tallies = [_tally(session, limits, key, now, policy) for limits, key in counters]
        officer = session.exec(select(Officer).where(Officer.username == username)).first()
        officer_id = officer.id if officer else None
        held = rules.strictest(*(rules.verdict(t, limits, now)
                                 for t, (limits, _) in zip(tallies, counters, strict=True)))
        if held.state != "open":
            # the password is not even checked: a right one is refused the same way
            refusal = _refusal(held, now)
            record_audit(session, actor_id=officer_id, action="sign_in_refused", entity="officer",
                         entity_id=officer_id,
                         detail=f"{held.state} until {held.until.isoformat()} for username "
                                f"{username!r}{from_where}")
        else:
            failure = None
            if not _password_matches(officer.password_hash if officer else None, password):
                failure = "wrong username or password"
            elif not officer.active:
                failure = "account deactivated"
            if failure:
                record_audit(
                    session, actor_id=officer_id, action="sign_in_failed",
                    entity="officer", entity_id=officer_id,
                    detail=f"{failure} for username {username!r}{from_where}",
                )
                refusal = _after_failure(session, counters, tallies, now, officer_id)
            else:
                if tallies[0].failures or tallies[0].locked_at:
                    _mark(session, policy.account, subject, SUCCEEDED, now)  # count starts again
                if _hasher.check_needs_rehash(officer.password_hash):
                    officer.password_hash = hash_password(password)
                signed_in = _open_session(session, officer)
                record_audit(session, actor_id=officer.id, action="sign_in", entity="officer",
                             entity_id=officer.id, detail=f"from {source}" if source else None)
    if refusal is not None:
        raise refusal
    return signed_in


def _after_failure(session: Session, counters: list[tuple[Limits, str]],
                   tallies: list[rules.Tally], now: datetime,
                   officer_id: int | None) -> SignInFailed:
    """Record a wrong password on each counter, lock those it takes to their limit, and say
    what comes next: the plain refusal, with the wait or the lock it starts."""
    verdicts = []
    for (limits, key), tally in zip(counters, tallies, strict=True):
        _mark(session, limits, key, FAILED, now)
        failures = tally.failures + 1
        if rules.locks_now(failures, limits):
            _mark(session, limits, key, LOCKED, now)
            until = now + limits.lock_period
            record_audit(session, actor_id=officer_id if limits.counter == "account" else None,
                         action="sign_in_locked",
                         entity="officer" if limits.counter == "account" else "network_address",
                         entity_id=officer_id if limits.counter == "account" else None,
                         detail=f"{_audit_subject(limits, key)} locked after {failures} failed "
                                f"attempts, until {until.isoformat()}")
            verdicts.append(rules.Verdict("locked", until, limits))
        else:
            wait = rules.wait_after(failures, limits)
            verdicts.append(rules.Verdict("wait", now + wait, limits) if wait else rules.OPEN)
    held = rules.strictest(*verdicts)
    if held.state == "open":
        return SignInFailed(WRONG_PASSWORD)
    follow = _refusal(held, now)
    return SignInLocked(f"{WRONG_PASSWORD} {follow.message}", until=held.until)


def unlock_sign_in(*, actor_id: int, counter: str, subject: str, reason: str) -> None:
    """An administrator lifts a lock (a username's, or a network address's) before its period
    ends, with the reason; the count starts again and the unlock is audited."""
    if not reason.strip():
        raise FieldError("reason", "say why the sign-in is being unlocked", FIELD_LABELS)
    if counter not in ("account", "source"):
        raise FieldError("locked", "choose a locked username or address", FIELD_LABELS)
    now = clock.now()
    policy = sign_in_policy(clock.today())
    limits = policy.account if counter == "account" else policy.source
    with session_scope() as session:
        _require_admin(session, actor_id)
        tally = _tally(session, limits, subject, now, policy)
        if rules.verdict(tally, limits, now).state == "open" and not tally.failures:
            raise FieldError("locked", f"{_audit_subject(limits, subject)} is not locked any more",
                             FIELD_LABELS)
        _mark(session, limits, subject, UNLOCKED, now)
        officer = (session.exec(select(Officer).where(Officer.username == subject)).first()
                   if counter == "account" else None)
        record_audit(session, actor_id=actor_id, action="sign_in_unlocked",
                     entity="officer" if counter == "account" else "network_address",
                     entity_id=officer.id if officer else None,
                     detail=f"{_audit_subject(limits, subject)}: {reason.strip()}")


@dataclass(frozen=True)
class LockedSignIn:
    counter: str  # account or source
    subject: str  # the username typed, or the address
    until: datetime
    failures: int  # the council's limit it reached
    is_account: bool  # for a username: whether an officer has it


def locked_sign_ins() -> list[LockedSignIn]:
    """The usernames and addresses locked now, for the administrator's unlock (latest first)."""
    now = clock.now()
    policy = sign_in_policy(clock.today())
    found: list[LockedSignIn] = []
    with session_scope() as session:
        for limits in (policy.account, policy.source):
            subjects = session.exec(
                select(SignInAttempt.subject).where(
                    SignInAttempt.counter == limits.counter, SignInAttempt.outcome == LOCKED,
                    SignInAttempt.attempted_at >= now - limits.lock_period).distinct()
            ).all()
            for subject in subjects:
                verdict = rules.verdict(_tally(session, limits, subject, now, policy), limits, now)
                if verdict.state != "locked":
                    continue
                known = limits.counter == "account" and session.exec(
                    select(func.count()).select_from(Officer).where(Officer.username == subject)
                ).one() > 0
                found.append(LockedSignIn(limits.counter, subject, verdict.until,
                                          limits.lock_after, known))
    return sorted(found, key=lambda f: f.until, reverse=True)


def sign_in_external(*, email: str) -> SignIn:
    """Single sign-on: the council's identity provider vouched for this e-mail address.

    Hearth still decides the role: the address must belong to an active officer account.
    """
    email = email.strip().lower()
    with session_scope() as session:
        officer = session.exec(select(Officer).where(func.lower(Officer.email) == email)).first()
        if officer is None or not officer.active:
            record_audit(session, actor_id=None, action="sign_in_failed", entity="officer",
                         detail=f"single sign-on for {email!r}: no active officer account")
            failed = True
        else:
            failed = False
            signed_in = _open_session(session, officer)
            record_audit(session, actor_id=officer.id, action="sign_in", entity="officer",
                         entity_id=officer.id, detail="single sign-on")
    if failed:
        raise SignInFailed(
            f"{email} signed in with the council's account, but Hearth has no active officer with "
            "that e-mail address. Ask an administrator to add you."
        )
    return signed_in


def _open_session(session: Session, officer: Officer) -> SignIn:
    token = secrets.token_urlsafe(32)
    now = utc_now()
    expires_at = now + timedelta(hours=settings().session_max_hours)
    session.add(
        LoginSession(token_hash=_token_hash(token), officer_id=officer.id, created_at=now,
                     last_seen_at=now, expires_at=expires_at)
    )
    return SignIn(token=token, officer=_identity(officer), expires_at=expires_at)


def resume_session(token: str | None, *, now: datetime | None = None) -> SignedInOfficer | None:
    """The officer a session token belongs to, or None when it is unknown, ended or timed out."""
    if not isinstance(token, str) or not token:
        return None
    now = now or utc_now()
    idle_limit = timedelta(minutes=settings().session_idle_minutes)
    with session_scope() as session:
        login = session.exec(
            select(LoginSession).where(LoginSession.token_hash == _token_hash(token))
        ).first()
        if login is None or login.ended_at is not None:
            return None
        officer = session.get(Officer, login.officer_id)
        ending = None
        if officer is None or not officer.active:
            ending = "deactivated"
        elif now >= login.expires_at:
            ending = "expired"
        elif now - login.last_seen_at >= idle_limit:
            ending = "idle_timeout"
        if ending:
            login.ended_at = now
            login.end_reason = ending
            record_audit(session, actor_id=login.officer_id, action="session_ended",
                         entity="officer", entity_id=login.officer_id, detail=ending)
            return None
        if now - login.last_seen_at >= _TOUCH_INTERVAL:
            login.last_seen_at = now
        return _identity(officer)


def sign_out(token: str | None) -> None:
    if not token:
        return
    with session_scope() as session:
        login = session.exec(
            select(LoginSession).where(LoginSession.token_hash == _token_hash(token))
        ).first()
        if login is not None and login.ended_at is None:
            login.ended_at = utc_now()
            login.end_reason = "signed_out"
            record_audit(session, actor_id=login.officer_id, action="sign_out",
                         entity="officer", entity_id=login.officer_id)
