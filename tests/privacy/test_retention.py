"""The council's retention schedule keeps a closed homelessness case six years after closure
(data/policy/retention.toml). A manager's run removes what is due, with every row of it, and
leaves a tombstone and an audit row; a case a review, an appeal, a complaint or a legal hold
keeps is not touched until the hold ends; a dry run changes nothing."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from logic import clock
from logic.cases import service as cases
from logic.common.errors import FieldError, PermissionDenied
from logic.db import engine_for
from logic.models import AuditLog, HousingCase
from logic.models.accounts import SignInAttempt
from logic.models.privacy import RetentionTombstone
from logic.privacy import retention
from tests.letters.helpers import TODAY, case_under_review, new_case, version

SEVEN_YEARS_AGO = TODAY.replace(year=TODAY.year - 7)
TWO_YEARS_AGO = TODAY.replace(year=TODAY.year - 2)


def _closed_on(case_id: int, day) -> str:
    """The case as it stands: opened a year before ``day``, closed on ``day`` (its history)."""
    closed = datetime.combine(day, time(15), clock.LONDON)
    with engine_for().begin() as c:
        c.execute(sa.text("UPDATE cases SET status = 'closed', closed_at = :closed, opened_at = :opened "
                          "WHERE id = :id"), {"closed": closed, "opened": closed - timedelta(days=365),
                                              "id": case_id})
        return c.execute(sa.text("SELECT reference FROM cases WHERE id = :id"), {"id": case_id}).scalar()


def _counts() -> dict[str, int]:
    with engine_for().connect() as c:
        return {name: c.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                for name, table in SQLModel.metadata.tables.items()}


def _rows_naming_case(case_id: int) -> dict[str, int]:
    found = {}
    with engine_for().connect() as c:
        for name, table in SQLModel.metadata.tables.items():
            if "case_id" in table.c and name not in ("retention_hold", "data_request"):
                n = c.execute(sa.select(sa.func.count()).select_from(table).where(
                    table.c.case_id == case_id)).scalar()
                if n:
                    found[name] = n
    return found


def _noted(team, case_id: int) -> None:
    first = cases.add_note(case_id=case_id, expected_version=version(case_id, team.officer),
                           author_id=team.officer, body="Rang the landlord: he will not extend.")
    cases.add_note(case_id=case_id, expected_version=version(case_id, team.officer),
                   author_id=team.officer, body="Correction: the agent, not the landlord.",
                   corrects_note_id=first)


def test_a_case_closed_seven_years_ago_goes_with_everything_in_it_while_recent_and_held_cases_stay(team):
    # decided on review, with letters, a reviewer, a decision and notes: all of it must go
    old = case_under_review(team, step="decided")
    _noted(team, old)
    recent = new_case(team)
    held = new_case(team)
    under_review = case_under_review(team, step="requested")
    old_ref = _closed_on(old, SEVEN_YEARS_AGO)
    recent_ref = _closed_on(recent, TWO_YEARS_AGO)
    held_ref = _closed_on(held, SEVEN_YEARS_AGO)
    review_ref = _closed_on(under_review, SEVEN_YEARS_AGO)
    retention.record_hold(case_reference=held_ref, kind="legal", ends_on=TODAY + timedelta(days=90),
                          reason="Disrepair claim against the council: solicitor's letter 3 Nov 2026",
                          actor_id=team.manager)
    listed = retention.dry_run()
    assert [r.reference for r in listed.due] == [old_ref]
    assert listed.due[0].rule == "homelessness_case" and "retention schedule 4.1" in listed.due[0].rule_ref
    kept = {r.reference: [h.words for h in r.holds] for r in listed.held}
    assert kept == {held_ref: ["Legal hold until 21 Feb 2027: Disrepair claim against the council: "
                               "solicitor's letter 3 Nov 2026"],
                    review_ref: ["Review not decided"]}
    assert recent_ref not in {r.reference for r in listed.records}

    before = _counts()
    assert _rows_naming_case(old)["part7_review"] == 1 and _rows_naming_case(old)["note"] == 2
    done = retention.apply(actor_id=team.manager)

    [tombstone] = done.removed
    assert _rows_naming_case(old) == {}
    with Session(engine_for()) as session:
        assert session.get(HousingCase, old) is None
        for kept_id in (recent, held, under_review):
            assert session.get(HousingCase, kept_id) is not None
        stone = session.get(RetentionTombstone, tombstone.id)
        audit = session.exec(select(AuditLog).where(AuditLog.action == "retention_remove")).all()
    assert (stone.reference, stone.rule, stone.case_type) == (old_ref, "homelessness_case", "homelessness")
    assert (stone.opened_on, stone.closed_on) == (SEVEN_YEARS_AGO - timedelta(days=365), SEVEN_YEARS_AGO)
    assert stone.removed_by_id == team.manager and stone.finished_at is not None
    assert "retention schedule 4.1" in stone.rule_ref
    # the tombstone says what went, and exactly that went (the reviews' decision, the letters...)
    removed = json.loads(stone.rows_removed)
    assert {"cases", "case_event", "note", "issued_letter", "part7_review", "part7_review_decision",
            "part7_review_reviewer", "homelessness_duty", "homelessness_assessment"} <= set(removed)
    after = _counts()
    for table, n in removed.items():
        assert before[table] - after[table] == n, table
    assert after["retention_tombstone"] == before["retention_tombstone"] + 1
    assert [(a.entity, a.entity_id, a.actor_id) for a in audit] == [("case", old, team.manager)]
    assert old_ref in audit[0].detail
    # what is left of the household: the household and its people are not the case's
    assert after["household"] == before["household"] and after["person"] == before["person"]


def test_a_hold_past_its_end_date_no_longer_keeps_the_case(team, frozen_clock):
    case_id = new_case(team)
    reference = _closed_on(case_id, SEVEN_YEARS_AGO)
    retention.record_hold(case_reference=reference, kind="complaint", ends_on=TODAY + timedelta(days=30),
                          reason="Stage 2 complaint about the handling of the case", actor_id=team.manager)
    assert [r.reference for r in retention.dry_run().held] == [reference]
    assert [r.reference for r in retention.dry_run(TODAY + timedelta(days=30)).held] == [reference]
    frozen_clock(TODAY + timedelta(days=31))
    assert [r.reference for r in retention.dry_run().due] == [reference]
    assert [t.reference for t in retention.apply(actor_id=team.manager).removed] == [reference]


def test_an_appeal_not_decided_keeps_the_case(team):
    from logic.casework import reviews

    case_id = case_under_review(team, step="decided")
    with engine_for().connect() as c:
        review_id = c.execute(sa.text("SELECT id FROM part7_review WHERE case_id = :c"), {"c": case_id}).scalar()
    reviews.record_appeal(review_id=review_id, expected_version=version(case_id, team.officer),
                          officer_id=team.officer, lodged_on=TODAY)
    reference = _closed_on(case_id, SEVEN_YEARS_AGO)
    [kept] = retention.dry_run().held
    assert (kept.reference, [h.kind for h in kept.holds]) == (reference, ["appeal"])
    assert retention.apply(actor_id=team.manager).removed == ()


def test_a_dry_run_changes_nothing(team):
    case_id = case_under_review(team, step="decided")
    _closed_on(case_id, SEVEN_YEARS_AGO)
    before = _counts()
    listed = retention.dry_run()
    assert len(listed.due) == 1
    assert _counts() == before


def test_audit_rows_older_than_the_schedule_go_with_a_tombstone_of_their_own(team):
    with Session(engine_for()) as session:
        session.add(AuditLog(actor_id=team.officer, action="view", entity="case", entity_id=1,
                             occurred_at=datetime.combine(SEVEN_YEARS_AGO - timedelta(days=400), time(9),
                                                          clock.LONDON)))
        session.add(AuditLog(actor_id=team.officer, action="view", entity="case", entity_id=2))
        session.commit()
    [due] = retention.dry_run().due
    assert (due.rule, due.count) == ("audit_row", 1)
    [stone] = retention.apply(actor_id=team.admin).removed
    assert json.loads(stone.rows_removed) == {"audit_log": 1}
    with Session(engine_for()) as session:
        actions = [a.action for a in session.exec(select(AuditLog).order_by(AuditLog.id))]
    assert actions == ["view", "retention_remove"]


def test_failed_sign_ins_are_kept_a_year_then_go_with_a_tombstone(team):
    """A wrong password typed two years ago no longer counts towards any lock and is removed;
    last week's stays for anyone looking into misuse of the account."""
    with Session(engine_for()) as session:
        session.add(SignInAttempt(counter="username", subject="olu.officer", outcome="failed",
                                  attempted_at=datetime.combine(TWO_YEARS_AGO, time(9), clock.LONDON)))
        session.add(SignInAttempt(counter="username", subject="olu.officer", outcome="failed",
                                  attempted_at=clock.now() - timedelta(days=7)))
        session.commit()
    [due] = retention.dry_run().due
    assert (due.rule, due.count) == ("sign_in_attempt", 1)
    [stone] = retention.apply(actor_id=team.admin).removed
    assert json.loads(stone.rows_removed) == {"sign_in_attempt": 1}
    with Session(engine_for()) as session:
        assert len(session.exec(select(SignInAttempt)).all()) == 1


def test_only_a_manager_or_an_administrator_removes_records(team):
    case_id = new_case(team)
    _closed_on(case_id, SEVEN_YEARS_AGO)
    with pytest.raises(PermissionDenied, match="Only a manager or an administrator"):
        retention.apply(actor_id=team.senior)
    assert len(retention.dry_run().due) == 1


def test_a_hold_needs_a_reason_and_an_end_date_in_the_officers_words(team):
    case_id = new_case(team)
    reference = _closed_on(case_id, SEVEN_YEARS_AGO)
    with pytest.raises(FieldError, match="^Why the record is held: say why"):
        retention.record_hold(case_reference=reference, kind="legal", reason=" ",
                              ends_on=TODAY + timedelta(days=1), actor_id=team.manager)
    with pytest.raises(FieldError, match="^Hold ends on: must be today or later"):
        retention.record_hold(case_reference=reference, kind="legal", reason="Claim",
                              ends_on=TODAY - timedelta(days=1), actor_id=team.manager)
    with pytest.raises(FieldError, match="^Case reference: no case has the reference HL-999999"):
        retention.record_hold(case_reference="hl-999999", kind="legal", reason="Claim",
                              ends_on=TODAY, actor_id=team.manager)
    with pytest.raises(PermissionDenied):
        retention.record_hold(case_reference=reference, kind="legal", reason="Claim",
                              ends_on=TODAY, actor_id=team.officer)


def test_on_postgresql_the_run_gets_past_an_append_only_audit_log_and_letters(team):
    if engine_for().dialect.name != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    case_id = case_under_review(team, step="decided")
    _closed_on(case_id, SEVEN_YEARS_AGO)
    with Session(engine_for()) as session:
        session.add(AuditLog(actor_id=team.officer, action="view", entity="case", entity_id=case_id,
                             occurred_at=datetime.combine(SEVEN_YEARS_AGO - timedelta(days=400), time(9),
                                                          clock.LONDON)))
        session.commit()
    # the migrated store's trigger (migration 0018) refuses a plain delete
    with pytest.raises(sa.exc.DBAPIError, match="audit_log rows are never changed or removed"), \
            engine_for().begin() as c:
        c.execute(sa.text("DELETE FROM audit_log"))
    removed = retention.apply(actor_id=team.manager).removed
    assert sorted(t.rule for t in removed) == ["audit_row", "homelessness_case"]
    with Session(engine_for()) as session:
        assert session.get(HousingCase, case_id) is None


def test_a_removal_cut_short_is_finished_by_the_next_run_and_never_half_recorded(team, monkeypatch):
    case_id = case_under_review(team, step="decided")
    reference = _closed_on(case_id, SEVEN_YEARS_AGO)
    real_delete = retention._delete
    calls = []

    def power_cut(session, layer):
        calls.append(layer)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        real_delete(session, layer)

    monkeypatch.setattr(retention, "_delete", power_cut)
    with pytest.raises(RuntimeError, match="power cut"):
        retention.apply(actor_id=team.manager)
    monkeypatch.setattr(retention, "_delete", real_delete)
    stones = retention.unfinished()
    if engine_for().dialect.name == "postgresql":
        # one transaction: nothing happened, not even the tombstone
        assert stones == [] and _rows_naming_case(case_id)["part7_review"] == 1
    else:
        # the tombstone and the first layer went together; the case is still being removed
        assert [s.reference for s in stones] == [reference]
    retention.apply(actor_id=team.manager)
    assert retention.unfinished() == [] and _rows_naming_case(case_id) == {}
    with Session(engine_for()) as session:
        assert session.get(HousingCase, case_id) is None
        assert len(session.exec(select(RetentionTombstone).where(
            RetentionTombstone.reference == reference)).all()) == 1
