"""`python -m logic.store generate`: a large council's ten years, written in bulk, that the
services read as their own rows (on DuckDB and on PostgreSQL)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import select

from logic.cases.service import add_note, open_case, open_case_record
from logic.casework.service import casework_summary, snapshots
from logic.casework.views import compliance_problems, due_and_overdue
from logic.db import engine_for, session_scope
from logic.models import HousingCase, Officer
from logic.register.service import renewal_queue
from logic.store import main as store_main
from logic.store_generate import StoreNotEmpty, generate_store

DAY = date(2026, 11, 23)
HOUSEHOLDS = 300


def _generate(seed: int = 3) -> None:
    generate_store(households=HOUSEHOLDS, seed=seed, today=DAY, progress=False)


def _officer(username: str) -> int:
    with session_scope() as session:
        return session.exec(select(Officer.id).where(Officer.username == username)).one()


def _scalar(sql: str) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql)).scalar()


def test_a_senior_opens_a_generated_case_record_with_its_history(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    senior = _officer("sam.senior")
    with session_scope() as session:
        case = session.exec(select(HousingCase).where(HousingCase.case_type == "homelessness",
                                                      HousingCase.status == "open",
                                                      HousingCase.stage == "main_duty")
                            .order_by(HousingCase.id)).first()
    record = open_case_record(case_id=case.id, viewer_id=senior)
    assert record.reference.startswith("HL-") and record.household_reference.startswith("HH-")
    assert [p.relation for p in record.people].count("applicant") == 1
    kinds = {e.kind for e in record.events}
    assert {"case_opened", "duty_started", "stage_changed", "assessment_recorded"} <= kinds


def test_the_casework_summary_of_an_open_relief_case_reads_its_relief_clock(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    senior = _officer("sam.senior")
    with session_scope() as session:
        relief = session.exec(select(HousingCase).where(HousingCase.stage == "relief",
                                                        HousingCase.status == "open")).all()
    assert relief, "no open relief case was generated"
    for case in relief[:5]:
        summary = casework_summary(case_id=case.id, viewer_id=senior, today=DAY)
        assert summary.clock is not None and summary.clock.duty == "relief"
        assert summary.clock.started_on <= DAY
        assert summary.assessments and summary.assessments[0].decisions["homelessness"] == "homeless"  # newest first


def test_every_open_homelessness_case_holds_the_rows_its_stage_needs(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    with session_scope() as session:
        cases = session.exec(select(HousingCase).where(HousingCase.case_type == "homelessness")).all()
        snaps = snapshots(session, list(cases), DAY)
    by_stage: dict[str, int] = {}
    for case in cases:
        snap = snaps[case.id]
        open_duty = snap.open_duty
        if case.status == "closed":
            assert open_duty is None, f"{case.reference} closed with a duty owed"
            continue
        by_stage[case.stage] = by_stage.get(case.stage, 0) + 1
        if case.stage == "assessment":
            assert open_duty is None and not snap.duties
            continue
        assert snap.assessment is not None and snap.assessment.assessed_on <= DAY
        expected = {"prevention": "prevention", "relief": "relief", "main_duty": "main_duty",
                    "main_duty_decision": None}[case.stage]
        assert (open_duty.duty if open_duty else None) == expected, case.reference
        if open_duty:
            assert open_duty.started_on <= DAY
        if case.stage in ("main_duty_decision", "main_duty"):
            assert snap.last_ended("relief") is not None, case.reference
    assert set(by_stage) >= {"prevention", "relief", "main_duty"}
    # the team's lists compute over them
    assert len(due_and_overdue(today=DAY)) > 0
    assert len(compliance_problems(today=DAY)) >= 0


def test_after_generating_the_services_add_rows_with_fresh_keys(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    officer = _officer("olu.officer")
    top_case = _scalar("SELECT max(id) FROM cases")
    top_event = _scalar("SELECT max(id) FROM case_event")
    with session_scope() as session:
        case = open_case(session, actor_id=officer, household_id=1, case_type="advice",
                         reason="Rang again about the rent arrears")
        case_id, version = case.id, case.version
    assert case_id == top_case + 1
    note_id = add_note(case_id=case_id, expected_version=version, author_id=officer,
                       body="Advised on a Discretionary Housing Payment.")
    assert note_id > 0
    assert _scalar("SELECT max(id) FROM case_event") > top_event
    assert _scalar(f"SELECT reference FROM cases WHERE id = {case_id}") == f"AD-{case_id:06d}"


def test_the_store_has_a_large_councils_proportions(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    count = {t: _scalar(f"SELECT count(*) FROM {t}") for t in (
        "household", "person", "cases", "case_event", "register_application", "officer",
        "letting_advert", "letting_bid", "placement", "issued_letter", "contact", "officer_absence")}
    open_homeless = _scalar("SELECT count(*) FROM cases WHERE case_type = 'homelessness' AND status = 'open'")
    open_register = _scalar("SELECT count(*) FROM cases WHERE case_type = 'register' AND status = 'open'")
    assert count["household"] == HOUSEHOLDS
    assert 2.2 <= count["person"] / HOUSEHOLDS <= 2.9  # 254k people for 100k households
    assert 1.0 <= count["cases"] / HOUSEHOLDS <= 1.12  # 105k cases
    assert 7 <= count["case_event"] / count["cases"] <= 13  # about a million events
    assert 0.22 <= count["register_application"] / HOUSEHOLDS <= 0.40  # 31k applications
    assert 0.02 <= open_homeless / HOUSEHOLDS <= 0.08  # 4.5k open homelessness cases
    assert 0.08 <= open_register / HOUSEHOLDS <= 0.20  # 13k open register cases
    assert count["letting_advert"] >= 4 and count["letting_bid"] >= count["letting_advert"]
    assert min(count["placement"], count["issued_letter"], count["contact"], count["officer_absence"]) > 0
    # most cases closed; references unique and in the house format
    assert _scalar("SELECT count(*) FROM cases WHERE status = 'closed'") > count["cases"] / 2
    assert _scalar("SELECT count(DISTINCT reference) FROM cases") == count["cases"]
    assert _scalar("SELECT count(*) FROM cases WHERE NOT (reference LIKE 'HL-%' OR reference LIKE "
                   "'HR-%' OR reference LIKE 'AD-%')") == 0
    assert _scalar("SELECT count(*) FROM household WHERE reference NOT LIKE 'HH-%'") == 0


def test_the_renewal_queue_reads_generated_registrations(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    rows = renewal_queue(viewer_id=_officer("sam.senior"), today=DAY, include_not_due=True)
    assert rows and all(r.reference.startswith("HR-") for r in rows)
    assert all(r.registered_on <= DAY for r in rows)


def test_a_store_that_holds_data_is_refused(store, frozen_clock, capsys):
    frozen_clock(DAY)
    _generate()
    households = _scalar("SELECT count(*) FROM household")
    with pytest.raises(StoreNotEmpty, match="already holds data"):
        _generate()
    assert store_main(["generate", "--households", "10", "--quiet"]) == 1
    assert "generate fills an empty store only" in capsys.readouterr().err
    assert _scalar("SELECT count(*) FROM household") == households


def test_the_same_seed_gives_the_same_store(tmp_path, migrated_duckdb_template, frozen_clock):
    frozen_clock(DAY)
    found = []
    for i in range(2):
        path = tmp_path / f"gen{i}.duckdb"
        shutil.copyfile(migrated_duckdb_template, path)
        engine = engine_for(f"duckdb:///{path}")
        generate_store(households=120, seed=9, today=DAY, engine=engine, progress=False)
        with engine.connect() as connection:
            found.append([connection.execute(sa.text(sql)).all() for sql in (
                "SELECT given_name, family_name, dob FROM person ORDER BY id",
                "SELECT reference, stage, status, opened_at FROM cases ORDER BY id",
                "SELECT case_id, kind, occurred_at FROM case_event ORDER BY id")])
        engine.dispose()
    assert found[0] == found[1]


def test_a_household_rehoused_from_the_register_renews_nothing_after_its_move(store, frozen_clock):
    frozen_clock(DAY)
    _generate()
    with engine_for().connect() as connection:
        let = connection.execute(sa.text(
            """SELECT v.reference, c.status, c.closed_reason FROM letting_advert v
               JOIN cases c ON c.id = v.let_case_id WHERE v.status = 'let'""")).all()
        after = connection.execute(sa.text(
            """SELECT count(*) FROM register_renewal r JOIN cases c ON c.id = r.case_id
               WHERE c.status = 'closed' AND r.renewed_on > CAST(c.closed_at AS DATE)""")).scalar()
    assert let and all(status == "closed" and reason.startswith(f"Rehoused: {ref}")
                       for ref, status, reason in let)
    assert after == 0


def test_a_generated_store_records_the_hclic_categories_for_the_quarters_figures(store, frozen_clock):
    # issue 16: every assessment and every ended prevention or relief duty carries them
    _generate()
    assert _scalar("SELECT count(*) FROM homelessness_assessment") > 0
    assert _scalar("SELECT count(*) FROM homelessness_assessment WHERE accommodation_at_application IS NULL "
                   "OR last_settled_accommodation IS NULL OR reason_for_loss IS NULL OR employment IS NULL "
                   "OR support_need_codes IS NULL") == 0
    assert _scalar("SELECT count(*) FROM homelessness_duty WHERE ended_on IS NOT NULL "
                   "AND duty IN ('prevention', 'relief') AND main_activity IS NULL") == 0
    assert _scalar("SELECT count(*) FROM homelessness_duty WHERE end_reason = 'accommodation_secured' "
                   "AND duty IN ('prevention', 'relief') AND accommodation_secured IS NULL") == 0
    assert _scalar("SELECT count(DISTINCT reason_for_loss) FROM homelessness_assessment") > 10
