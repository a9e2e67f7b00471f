"""Which screens exist, where they sit in the menu, and which roles may open them.

app.py builds Streamlit's navigation from this list for the signed-in officer's role only, so a
screen refused to a role is neither listed nor reachable by its URL. Kept free of Streamlit so
tests can check the role walls directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from logic.models import Role

EVERYONE = frozenset(r.value for r in Role)
CASEWORK = frozenset({Role.trainee, Role.officer, Role.senior, Role.manager})
OFFICERS = frozenset({Role.officer, Role.senior, Role.manager})
TEAM_LEADS = frozenset({Role.senior, Role.manager})
ADMINS = frozenset({Role.admin})


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    group: str
    url_path: str
    roles: frozenset[str]
    icon: str = ""
    listed: bool = True  # a page opened from another (a case record) is reachable but not listed


PAGES: list[PageSpec] = [
    PageSpec("pages/find_household.py", "Find a household", "Front door", "find-household", OFFICERS, ":material/search:"),
    PageSpec("pages/my_cases.py", "My caseload", "My cases", "my-cases", CASEWORK, ":material/folder_open:"),
    PageSpec("pages/case_record.py", "Case record", "My cases", "case", CASEWORK, ":material/description:", listed=False),
    PageSpec("pages/open_cases.py", "All open cases", "Team", "open-cases", OFFICERS, ":material/list:"),
    PageSpec("pages/team_caseload.py", "Team caseload", "Team", "team-caseload", TEAM_LEADS, ":material/groups:"),
    PageSpec("pages/officers.py", "Officers", "Admin", "officers", ADMINS, ":material/badge:"),
    PageSpec("pages/audit_log.py", "Audit log", "Admin", "audit-log", frozenset({Role.admin, Role.manager}), ":material/policy:"),
    PageSpec("pages/my_account.py", "My account", "Account", "my-account", EVERYONE, ":material/person:"),
]


def pages_for(role: str) -> list[PageSpec]:
    return [page for page in PAGES if role in page.roles]


def home_for(role: str) -> PageSpec:
    """Where an officer lands after signing in: their own work first."""
    preferred = {"admin": "officers"}.get(role, "my-cases")
    allowed = pages_for(role)
    return next((p for p in allowed if p.url_path == preferred), allowed[0])
