"""Housekeeping keeps bedroom need right as households change (both backends)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from logic.common.errors import PermissionDenied
from logic.db import engine_for
from logic.register import service as register
from logic.register.housekeeping import main, recalculate_bedroom_need
from tests.register.helpers import TODAY, apply, assess, new_household, person

BIRTHDAY = date(2026, 12, 1)


def _tomi_and_bisi(team) -> int:
    # Tomi is 9 until 1 December 2026 and Bisi is 8: two children under 10 share a room
    # (allocation.toml size criteria), so with their mother they need 2 bedrooms - the 2 they have
    household_id = new_household(team, person("child", "Tomi", date(2016, 12, 1), "M"),
                                 person("child", "Bisi", date(2018, 6, 1), "F"))
    case_id = apply(team, household_id)
    assess(team, case_id)
    return case_id


def test_a_child_s_tenth_birthday_raises_the_bedroom_need_and_the_change_is_recorded(team):
    case_id = _tomi_and_bisi(team)
    before = register.open_register_record(case_id=case_id, viewer_id=team.officer).current
    assert (before.bedroom_need, before.band) == (2, "D")

    # the day before the birthday nothing has changed
    assert recalculate_bedroom_need(actor_id=team.manager, on=date(2026, 11, 30)).changed == ()

    report = recalculate_bedroom_need(actor_id=team.manager, on=BIRTHDAY)
    [change] = report.changed
    assert (change.before, change.after) == (2, 3)
    # a boy of 10 may not share with his sister, so 3 bedrooms; the flat has 2, so the family is
    # now overcrowded (s.166A(3)(c)) and moves up from band D to band C, dated from today
    assert (change.band_before, change.band_after) == ("D", "C")
    assert "Tomi turned 10 on 1 December 2026" in change.reason

    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=BIRTHDAY)
    current = record.current
    assert (current.kind, current.decision, current.bedroom_need) == ("housekeeping", "recalculated", 3)
    assert (current.band, current.band_effective_date) == ("C", BIRTHDAY)
    with engine_for().connect() as c:
        kind, summary, reason = c.execute(sa.text(
            "SELECT kind, summary, reason FROM case_event WHERE case_id = :c ORDER BY id DESC LIMIT 1"),
            {"c": case_id}).one()
    assert kind == "register_housekeeping"
    assert summary == "Bedroom need recalculated: 2 to 3; band D to C"
    assert "no longer shares with a child of the other sex" in reason

    # running again finds nothing new
    assert recalculate_bedroom_need(actor_id=team.manager, on=BIRTHDAY).changed == ()


def test_an_officer_s_override_survives_housekeeping_and_is_flagged_for_review(team):
    case_id = _tomi_and_bisi(team)
    assess(team, case_id, decision="override", override_band="B",
           override_reason="Social services letter: Bisi needs to move nearer her school.")
    [change] = recalculate_bedroom_need(actor_id=team.manager, on=BIRTHDAY).changed
    assert change.band_after == "B" and "review the override" in change.reason
    current = register.open_register_record(case_id=case_id, viewer_id=team.officer).current
    assert (current.band, current.bedroom_need, current.decision) == ("B", 2, "overridden")
    assert current.engine_bedroom_need == 3


def test_only_a_manager_runs_housekeeping(team):
    with pytest.raises(PermissionDenied):
        recalculate_bedroom_need(actor_id=team.officer, on=TODAY)


def test_the_command_reports_what_changed(team, capsys):
    case_id = _tomi_and_bisi(team)
    assert main(["--actor", "mo.manager", "--on", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "1 bedroom need(s) changed" in out and f"HR-{case_id:06d}: 2 -> 3" in out
    assert main(["--actor", "nobody"]) == 2
