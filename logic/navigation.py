"""Which screens exist, where they sit in the menu, and which roles may open them.

app.py builds Streamlit's navigation from this list for the signed-in officer's role only, so a
screen refused to a role is neither listed nor reachable by its URL. Kept free of Streamlit so
tests can check the role walls directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from logic.common import codes
from logic.models import Role

EVERYONE = frozenset(codes.ROLES.codes())
CASEWORK = frozenset(codes.CASEWORK_ROLES)
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
    # the landing screen: Streamlit serves the navigation's default page at the root URL only,
    # so it is a page of its own and every work screen keeps an address that can be bookmarked
    PageSpec("pages/home.py", "Home", "Home", "", EVERYONE, ":material/home:"),
    PageSpec("pages/intake.py", "Intake", "Front door", "intake", OFFICERS, ":material/call:"),
    PageSpec("pages/find_household.py", "Find a household", "Front door", "find-household", OFFICERS, ":material/search:"),
    PageSpec("pages/household.py", "Household record", "Front door", "household", OFFICERS, ":material/family_restroom:", listed=False),
    PageSpec("pages/my_cases.py", "My caseload", "My cases", "my-cases", CASEWORK, ":material/folder_open:"),
    PageSpec("pages/case_record.py", "Case record", "My cases", "case", CASEWORK, ":material/description:", listed=False),
    PageSpec("pages/assessment.py", "Assessment", "My cases", "assessment", CASEWORK, ":material/fact_check:", listed=False),
    PageSpec("pages/deadlines.py", "Dates due", "My cases", "deadlines", CASEWORK, ":material/event:"),
    PageSpec("pages/compliance.py", "Compliance", "Team", "compliance", TEAM_LEADS, ":material/gpp_maybe:"),
    PageSpec("pages/reviews.py", "Reviews", "Team", "reviews", TEAM_LEADS, ":material/gavel:"),
    PageSpec("pages/temporary_accommodation.py", "Temporary accommodation", "Team", "temporary-accommodation", TEAM_LEADS, ":material/hotel:"),
    PageSpec("pages/letters.py", "Letters", "My cases", "letters", OFFICERS, ":material/mail:"),
    PageSpec("pages/letters_batch.py", "Letters in a batch", "Team", "letters-batch", TEAM_LEADS, ":material/forward_to_inbox:"),
    PageSpec("pages/open_cases.py", "All open cases", "Team", "open-cases", OFFICERS, ":material/list:"),
    PageSpec("pages/team_caseload.py", "Team caseload", "Team", "team-caseload", TEAM_LEADS, ":material/groups:"),
    PageSpec("pages/workload_dashboard.py", "Workload dashboard", "Team", "workload", TEAM_LEADS, ":material/monitoring:"),
    PageSpec("pages/allocation.py", "Allocation", "Team", "allocation", TEAM_LEADS, ":material/assignment_ind:"),
    PageSpec("pages/hclic_problems.py", "H-CLIC to fix", "Team", "hclic-to-fix", TEAM_LEADS, ":material/rule:"),
    PageSpec("pages/hclic.py", "H-CLIC return", "Team", "hclic-return", frozenset({Role.manager}), ":material/upload_file:"),
    PageSpec("pages/officer_profile.py", "Officer profile", "Account", "officer-profile", CASEWORK, ":material/event_busy:"),
    PageSpec("pages/officers.py", "Officers", "Admin", "officers", ADMINS, ":material/badge:"),
    PageSpec("pages/data_requests.py", "Data protection", "Admin", "data-requests", frozenset({Role.manager}), ":material/shield_person:"),
    PageSpec("pages/subject_access.py", "Subject access", "Admin", "subject-access", frozenset({Role.manager}), ":material/folder_zip:"),
    PageSpec("pages/audit_log.py", "Audit log", "Admin", "audit-log", frozenset({Role.admin, Role.manager}), ":material/policy:"),
    PageSpec("pages/practice.py", "Practice cases", "Training", "practice", CASEWORK, ":material/school:"),
    PageSpec("pages/training_progress.py", "Training progress", "Training", "training-progress", CASEWORK, ":material/insights:"),
    PageSpec("pages/register_application.py", "Register application", "Register", "register-application", OFFICERS, ":material/how_to_reg:"),
    PageSpec("pages/register_renewals.py", "Register renewals", "Register", "register-renewals", OFFICERS, ":material/autorenew:"),
    PageSpec("pages/lettings.py", "Lettings", "Register", "lettings", OFFICERS, ":material/real_estate_agent:"),
    PageSpec("pages/my_account.py", "My account", "Account", "my-account", EVERYONE, ":material/person:"),
]


def pages_for(role: str) -> list[PageSpec]:
    return [page for page in PAGES if role in page.roles]


def home_for(role: str) -> PageSpec:
    """Where an officer lands after signing in (the root URL)."""
    return next(p for p in pages_for(role) if p.url_path == "")


def main_work_for(role: str) -> PageSpec:
    """The screen the home page offers first: an officer's own work, an admin's accounts."""
    preferred = {"admin": "officers"}.get(role, "my-cases")
    return next(p for p in pages_for(role) if p.url_path == preferred)
