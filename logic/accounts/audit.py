"""The audit trail as its readers see it, and the openings and refusals it records.

Who may read the audit log at all is logic/navigation.py's business (a manager, an
administrator). What each may read of it is decided here: an administrator manages accounts and
may not see case data, so the words an officer searched for (a person's name, a date of birth, a
phone number) are withheld from them (`may_read_search_terms`).

Reading the audit log, and exporting it, is itself recorded: the log holds who opened which
record, so reading it is access to personal data too.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session

from logic.cases import views
from logic.common import codes
from logic.common.errors import PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit, record_view
from logic.db import session_scope
from logic.models import Officer
from logic.navigation import PAGES, PageSpec

# who reads the audit log: the roles logic/navigation.py opens its screen to
AUDIT_LOG_ROLES = next(p for p in PAGES if p.url_path == "audit-log").roles

# Why a screen was refused (record_page_refused)
NOT_SIGNED_IN = "not signed in"
NOT_FOR_ROLE = "not open to the officer's role"

# What an administrator reads in place of the words an officer searched for.
SEARCH_TERMS_WITHHELD = "search terms withheld"


def may_read_search_terms(officer: Actor) -> Permission:
    """The words searched for (a name, a date of birth, a phone number) are personal data about
    the person looked up. Data minimisation (UK GDPR art.5(1)(c)): only a role that may see case
    data (and so the person's record itself) reads them, as a manager does when asking whether
    an officer looked up someone they had no case for; an administrator, who manages accounts
    and may not see case data, reads that a search was made, by whom and when, not its terms."""
    if officer.role in codes.CASEWORK_ROLES:
        return allowed("A role that may see case data reads what was searched for.")
    return refused("An administrator does not see case data, so not the terms of a search either.")


def _reader(session: Session, viewer_id: int) -> Officer:
    viewer = session.get(Officer, viewer_id)
    if viewer is None or not viewer.active or viewer.role not in AUDIT_LOG_ROLES:
        raise PermissionDenied("Only a manager or an administrator reads the audit log.")
    return viewer


def _as_read_by(viewer: Officer, trail: pd.DataFrame) -> pd.DataFrame:
    if may_read_search_terms(viewer) or trail.empty:
        return trail
    shown = trail.copy()
    searches = shown["action"] == "search"
    shown.loc[searches, "detail"] = SEARCH_TERMS_WITHHELD
    return shown


def audit_trail(*, viewer_id: int, opening: str | None = None, since: date | None = None,
                until: date | None = None, officer_id: int | None = None, action: str | None = None,
                limit: int = views.AUDIT_ROWS_A_PAGE, offset: int = 0) -> pd.DataFrame:
    """A page of the audit log (logic/cases/views.py audit_trail) as this reader may read it.
    Opening the audit log is recorded once an opening of the screen, whatever period and pages
    are then read on it."""
    with session_scope() as session:
        viewer = _reader(session, viewer_id)
        record_view(session, actor_id=viewer_id, entity="audit_log", opening=opening)
    trail = views.audit_trail(since=since, until=until, officer_id=officer_id, action=action,
                              limit=limit, offset=offset)
    return _as_read_by(viewer, trail)


def audit_export(*, viewer_id: int, since: date | None = None, until: date | None = None,
                 officer_id: int | None = None, action: str | None = None) -> pd.DataFrame:
    """The period's entries for a file (up to views.AUDIT_CSV_ROWS), as this reader may read
    them; every export is recorded, as it is produced."""
    with session_scope() as session:
        viewer = _reader(session, viewer_id)
        record_audit(session, actor_id=viewer_id, action="export", entity="audit_log",
                     detail=_period(since, until))
    trail = views.audit_trail(since=since, until=until, officer_id=officer_id, action=action,
                              limit=views.AUDIT_CSV_ROWS)
    return _as_read_by(viewer, trail)


def _period(since: date | None, until: date | None) -> str:
    return f"{since.isoformat() if since else 'start'} to {until.isoformat() if until else 'today'}"


def record_if_refused(officer: Actor, page: PageSpec) -> bool:
    """A signed-in officer asked for a screen (by its address or a link): when their role does
    not open it (logic/navigation.py), the refusal is recorded. Returns whether it was refused."""
    if officer.role in page.roles:
        return False
    record_page_refused(actor_id=officer.id, page=page.title, reason=NOT_FOR_ROLE)
    return True


def record_page_refused(*, actor_id: int | None, page: str, reason: str) -> None:
    """A screen the officer may not open was asked for (by its address, a bookmark, a link): the
    refusal is recorded, with no officer when nobody was signed in. The screen is not shown."""
    with session_scope() as session:
        record_audit(session, actor_id=actor_id, action="view_refused", entity="page",
                     detail=f"{page}: {reason}")
