"""The demo data is synthetic, reproducible from its seed number, and spans every stage."""

from __future__ import annotations

import json
import shutil
from datetime import date

import sqlalchemy as sa

from logic.db import engine_for
from logic.seed import DEMO_ACCOUNTS, seed_demo


def _names_and_stages(url: str) -> tuple[list, list]:
    with engine_for(url).connect() as connection:
        names = connection.execute(sa.text(
            "SELECT given_name, family_name, dob FROM person ORDER BY id")).all()
        stages = connection.execute(sa.text(
            "SELECT case_type, stage, status FROM cases ORDER BY id")).all()
    return names, stages


def test_the_same_seed_gives_the_same_households(tmp_path, migrated_duckdb_template):
    urls = []
    for i in range(2):
        path = tmp_path / f"demo{i}.duckdb"
        shutil.copyfile(migrated_duckdb_template, path)
        urls.append(f"duckdb:///{path}")
        seed_demo(engine=engine_for(urls[-1]), seed=42, today=date(2026, 11, 23), households=40)
    assert _names_and_stages(urls[0]) == _names_and_stages(urls[1])


def test_the_demo_team_has_every_role_and_cases_at_every_stage(store):
    seed_demo(seed=1, today=date(2026, 11, 23))
    with engine_for().connect() as connection:
        roles = dict(connection.execute(sa.text("SELECT role, count(*) FROM officer GROUP BY role")).all())
        stages = {tuple(r) for r in connection.execute(sa.text("SELECT DISTINCT case_type, stage FROM cases")).all()}
        usernames = {r[0] for r in connection.execute(sa.text("SELECT username FROM officer")).all()}
        trainee_stages = {r[0] for r in connection.execute(sa.text(
            "SELECT DISTINCT c.stage FROM cases c JOIN officer o ON o.id = c.assigned_officer_id "
            "WHERE o.username = 'tara.trainee'")).all()}
    assert roles == {"trainee": 2, "officer": 7, "senior": 2, "manager": 1, "admin": 1}
    assert {("homelessness", s) for s in ("prevention", "relief", "main_duty_decision", "main_duty")} <= stages
    assert {("register", "active"), ("advice", "advice")} <= stages
    assert {username for username, _ in DEMO_ACCOUNTS.values()} <= usernames
    # a trainee at the prevention level holds no relief or main-duty work
    assert trainee_stages <= {"assessment", "prevention"}


def test_the_demo_records_the_hclic_categories_where_the_work_recorded_them(store):
    # issue 16: the quarter's figures read these; the demo's must be there and agree
    from logic.common import codes

    seed_demo(seed=5, today=date(2026, 11, 23), households=80)
    with engine_for().connect() as connection:
        assessments = connection.execute(sa.text(
            "SELECT accommodation_at_application, last_settled_accommodation, reason_for_loss, employment, "
            "support_need_codes FROM homelessness_assessment")).all()
        endings = connection.execute(sa.text(
            "SELECT end_reason, main_activity, accommodation_secured FROM homelessness_duty "
            "WHERE ended_on IS NOT NULL AND duty IN ('prevention', 'relief')")).all()
        sources = connection.execute(sa.text(
            "SELECT t.referral_source, r.body_type FROM triage_record t "
            "LEFT JOIN referral_received r ON r.household_id = t.household_id")).all()
    assert assessments and endings and sources
    for at_application, settled, reason, employment, needs in assessments:
        assert at_application in codes.ACCOMMODATION_TYPES and settled in codes.ACCOMMODATION_TYPES
        assert reason in codes.LOSS_REASONS and employment in codes.EMPLOYMENT_STATUSES
        assert json.loads(needs) and set(json.loads(needs)) <= set(codes.SUPPORT_NEEDS.codes())
    for end_reason, activity, secured in endings:
        assert activity in codes.MAIN_ACTIVITIES
        assert (secured in codes.ACCOMMODATION_SECURED) == (end_reason == "accommodation_secured")
    for source, referred_by in sources:
        assert source == (referred_by or source) and source in codes.REFERRAL_SOURCES
