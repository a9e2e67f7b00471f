"""Every screen declares who may open it; the walls match the officers' jobs."""

from __future__ import annotations

from pathlib import Path

from logic.navigation import PAGES, home_for, main_work_for, pages_for

ROOT = Path(__file__).resolve().parents[1]


def test_every_declared_screen_exists_and_has_a_unique_address():
    assert all((ROOT / p.path).is_file() for p in PAGES)
    assert len({p.url_path for p in PAGES}) == len(PAGES)


def test_trainees_get_their_own_work_and_no_team_or_admin_screens():
    urls = {p.url_path for p in pages_for("trainee")}
    assert {"my-cases", "case", "my-account"} <= urls
    assert not urls & {"officers", "audit-log", "team-caseload", "open-cases", "find-household"}


def test_only_administrators_manage_accounts_and_only_leads_see_the_team_caseload():
    assert [r for r in ("trainee", "officer", "senior", "manager", "admin")
            if "officers" in {p.url_path for p in pages_for(r)}] == ["admin"]
    assert [r for r in ("trainee", "officer", "senior", "manager", "admin")
            if "team-caseload" in {p.url_path for p in pages_for(r)}] == ["senior", "manager"]


def test_every_role_lands_on_home_and_is_offered_a_screen_it_may_open():
    for role in ("trainee", "officer", "senior", "manager", "admin"):
        assert home_for(role).url_path == "" and home_for(role) in pages_for(role)
        assert main_work_for(role) in pages_for(role)
