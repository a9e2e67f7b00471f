"""The demo data is synthetic, reproducible from its seed number, and spans every stage."""

from __future__ import annotations

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
