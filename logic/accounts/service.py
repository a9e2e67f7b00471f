"""Officers' accounts: passwords, sign-in, sessions that survive a reload and time out.

The browser keeps a random session token in a cookie; the store keeps only its SHA-256, so a
copy of the database cannot be used to sign in. A session ends when the officer signs out, after
`HEARTH_SESSION_IDLE_MINUTES` without activity, or `HEARTH_SESSION_MAX_HOURS` after sign-in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, select

from logic.common.errors import FieldError, NotFound, PermissionDenied, SignInFailed
from logic.common.recording import record_audit
from logic.config import settings
from logic.db import session_scope
from logic.models import LoginSession, Officer, Role, utc_now

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


def sign_in(*, username: str, password: str) -> SignIn:
    """Check a local password and open a session. Failed attempts are audited too."""
    if settings().auth_mode != "local":
        raise SignInFailed("This council signs in through single sign-on, not Hearth passwords.")
    username = username.strip().lower()
    if not username:
        raise FieldError("username", "is required", FIELD_LABELS)
    if not password:
        raise FieldError("password", "is required", FIELD_LABELS)
    failure: str | None = None
    with session_scope() as session:
        officer = session.exec(select(Officer).where(Officer.username == username)).first()
        if not _password_matches(officer.password_hash if officer else None, password):
            failure = "wrong username or password"
        elif not officer.active:
            failure = "account deactivated"
        if failure:
            record_audit(
                session, actor_id=officer.id if officer else None, action="sign_in_failed",
                entity="officer", entity_id=officer.id if officer else None,
                detail=f"{failure} for username {username!r}",
            )
        else:
            if _hasher.check_needs_rehash(officer.password_hash):
                officer.password_hash = hash_password(password)
            signed_in = _open_session(session, officer)
            record_audit(session, actor_id=officer.id, action="sign_in", entity="officer", entity_id=officer.id)
    if failure:
        # One message for both, so the form does not reveal which usernames exist.
        raise SignInFailed("The username or password is not right, or the account is not active.")
    return signed_in


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
