"""The register band reads the household's homelessness duty (s.166A(3)(b)), both backends.

The family of tests/register/test_applications.py (a son of 12 and a daughter of 7 in a
two-bedroom flat) is overcrowded: one reasonable preference group, band C (allocation.toml para
6.4). Owed the prevention duty (s.195(2)) on its homelessness case it is in a second group, so
band B (para 6.3: two groups or more).
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from logic.cases import service as cases
from logic.common.errors import Refused
from logic.db import engine_for, session_scope
from logic.register import service as register
from tests.casework.helpers import assess as assess_homelessness
from tests.casework.helpers import move, threatened_housing
from tests.register.helpers import TODAY, apply, assess, new_household, person


def _days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def _family(team) -> int:
    return new_household(team, person("child", "Tomi", date(2014, 5, 1), "M"),
                         person("child", "Bisi", date(2019, 2, 2), "F"))


def _homelessness_case(team, household_id: int) -> tuple[int, str]:
    with session_scope() as session:
        case = cases.open_case(session, actor_id=team.officer, household_id=household_id,
                               case_type="homelessness", reason="Section 21 notice",
                               assigned_officer_id=team.officer)
        return case.id, case.reference


def _owed_prevention(team, household_id: int, on: date) -> tuple[int, str]:
    case_id, reference = _homelessness_case(team, household_id)
    assess_homelessness(case_id, team.officer, on=on, housing=threatened_housing(on))
    move(case_id, team.officer, "prevention", on=on, reason="Threatened: s.21 notice expires in 30 days")
    return case_id, reference


def _band(team, case_id: int) -> tuple[str | None, date | None]:
    current = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY).current
    return current.band, current.band_effective_date


def _events(case_id: int, kind: str) -> list[tuple[str, str | None]]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT summary, reason FROM case_event WHERE case_id = :c AND kind = :k ORDER BY id"),
            {"c": case_id, "k": kind})]


def test_a_household_owed_the_prevention_duty_is_in_band_b_not_c(team):
    household = _family(team)
    _owed_prevention(team, household, _days_ago(5))
    case_id = apply(team, household)
    preview = register.preview_assessment(case_id=case_id, viewer_id=team.officer, assessed_on=TODAY)
    assert preview.determination.reasonable_preference == ("owed_duty", "unsatisfactory_housing")
    assert any("prevention duty (s.195(2))" in r.text
               for r in preview.determination.reasons_for("reasonable_preference"))
    assess(team, case_id)
    assert _band(team, case_id)[0] == "B"


def test_without_a_duty_the_overcrowded_family_stays_in_band_c(team):
    household = _family(team)
    _homelessness_case(team, household)  # opened, not yet assessed: no duty owed
    case_id = apply(team, household)
    assess(team, case_id)
    assert _band(team, case_id)[0] == "C"


def test_the_band_follows_the_duty_as_it_starts_and_ends_with_an_event_saying_why(team):
    household = _family(team)
    case_id = apply(team, household)
    assess(team, case_id, on=_days_ago(12))
    assert _band(team, case_id)[0] == "C"

    homeless_case, reference = _owed_prevention(team, household, _days_ago(10))
    assert _band(team, case_id) == ("B", _days_ago(10))
    started = _events(case_id, "register_duty_change")
    assert len(started) == 1
    summary, reason = started[0]
    assert summary.startswith(f"Band B from {_days_ago(10).strftime('%d %b %Y')}")
    assert f"owed the prevention duty (s.195(2)) on {reference} from" in summary
    assert reason and "band B" in reason

    move(homeless_case, team.officer, "duty_ended", on=TODAY, end_reason="accommodation_secured",
         reason="Moved to a private let found with the council's help")
    assert _band(team, case_id)[0] == "C"
    ended = _events(case_id, "register_duty_change")
    assert len(ended) == 2
    assert ended[1][0].startswith("Band C from")
    assert f"the prevention duty (s.195(2)) on {reference} ended on {TODAY.strftime('%d %b %Y')}" in ended[1][0]
    history = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY).assessments
    assert [a.kind for a in history][:2] == ["duty_change", "duty_change"]


def test_an_officers_override_is_kept_and_flagged_for_review_when_the_duty_starts(team):
    household = _family(team)
    case_id = apply(team, household)
    assess(team, case_id, on=_days_ago(12), decision="override", override_band="D",
           override_reason="Overcrowding is by choice: a room is let to a lodger.")
    _owed_prevention(team, household, _days_ago(10))
    assert _band(team, case_id)[0] == "D"
    (summary, _reason), = _events(case_id, "register_duty_change")
    assert "The engine now finds band B" in summary
    assert "review the override" in summary


def test_closing_a_case_while_its_duty_is_owed_is_refused_and_the_band_stays(team):
    household = _family(team)
    case_id = apply(team, household)
    assess(team, case_id, on=_days_ago(12))
    homeless_case, _reference = _owed_prevention(team, household, _days_ago(10))
    record = cases.open_case_record(case_id=homeless_case, viewer_id=team.officer)
    try:
        cases.close_case(case_id=homeless_case, expected_version=record.version,
                         actor_id=team.officer, reason="She has moved in with her sister")
    except Refused as refusal:
        assert "prevention duty (s.195(2)) is still owed" in str(refusal)
        assert "s.195(5)" in refusal.citation
    else:
        raise AssertionError("a case with a duty owed was closed")
    assert cases.open_case_record(case_id=homeless_case, viewer_id=team.officer).status == "open"
    assert _band(team, case_id)[0] == "B"


def test_a_withdrawn_application_ends_the_duty_then_the_case_closes_and_the_band_follows(team):
    household = _family(team)
    case_id = apply(team, household)
    assess(team, case_id, on=_days_ago(12))
    homeless_case, reference = _owed_prevention(team, household, _days_ago(10))
    move(homeless_case, team.officer, "duty_ended", on=TODAY, end_reason="withdrew",
         reason="She withdrew her application: moved in with her sister")
    assert _band(team, case_id)[0] == "C"
    record = cases.open_case_record(case_id=homeless_case, viewer_id=team.officer)
    cases.close_case(case_id=homeless_case, expected_version=record.version,
                     actor_id=team.officer, reason="Application withdrawn")
    assert cases.open_case_record(case_id=homeless_case, viewer_id=team.officer).status == "closed"
    assert _band(team, case_id)[0] == "C"


def test_a_family_moved_to_the_s193c_duty_after_a_notice_keeps_a_band_the_register_can_work_out(team):
    # relief ended by a s.193B(2) notice; the family in priority need is owed accommodation
    # under s.193C(4), a duty the register's engine does not name: the band is worked out
    # without it (the family is no longer owed the relief duty) rather than failing
    from logic.casework import service as cw
    from tests.casework.helpers import HOMELESS
    from tests.casework.helpers import version as case_version

    household = _family(team)
    case_id = apply(team, household)
    assess(team, case_id, on=_days_ago(40))
    homeless_case, _ = _homelessness_case(team, household)
    assess_homelessness(homeless_case, team.officer, on=_days_ago(30), housing=HOMELESS)
    move(homeless_case, team.officer, "relief", on=_days_ago(30))
    cw.give_cooperation_warning(case_id=homeless_case, expected_version=case_version(homeless_case, team.officer),
                                officer_id=team.officer, warned_on=_days_ago(20),
                                steps_refused="Did not attend the viewings arranged.")
    move(homeless_case, team.senior, "non_cooperation_duty", on=TODAY, reason="Notice under s.193B(2)")
    assert _band(team, case_id)[0] == "C"
