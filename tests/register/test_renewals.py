"""Annual renewal on a rolling 12 months, and lapse after the grace period (both backends).

allocation.toml: renewal 12 months after registration or the last renewal (para 4.1), then 28
days' grace (para 4.2); register.toml: the queue opens 42 days before renewal is due.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from logic.common.errors import FieldError, PermissionDenied
from logic.db import session_scope
from logic.law import policy_as_at
from logic.models import HousingCase, Officer, Person
from logic.register import service as register
from logic.register.policy import register_policy_as_at
from logic.register.rules import renewal_position
from tests.register.helpers import TODAY, apply, assess, new_household, statements_run, version


def _registered_on(team, on: date) -> int:
    case_id = apply(team, new_household(team), application_date=date(2025, 9, 1))
    assess(team, case_id, on=on)
    return case_id


def test_the_queue_shows_what_is_due_overdue_and_past_grace(team):
    overdue = _registered_on(team, date(2025, 11, 1))   # due 1 Nov 2026, grace to 29 Nov 2026
    lapsing = _registered_on(team, date(2025, 10, 1))   # due 1 Oct 2026, grace ended 29 Oct
    due_soon = _registered_on(team, date(2025, 12, 20))  # due 20 Dec 2026, within 42 days
    _registered_on(team, date(2026, 6, 1))              # due June 2027: not in the queue
    queue = register.renewal_queue(viewer_id=team.officer, today=TODAY)
    assert [(r.case_id, r.state) for r in queue] == [
        (lapsing, "past_grace"), (overdue, "overdue"), (due_soon, "due_soon")]
    assert queue[1].grace_ends_on == date(2026, 11, 29)
    # renewal is offered while due or overdue; past the grace period only lapsing is
    assert [(r.may_renew, r.may_lapse) for r in queue] == [(False, True), (True, False), (True, False)]


def test_a_renewal_confirming_circumstances_starts_a_new_year(team):
    case_id = _registered_on(team, date(2025, 11, 1))
    register.renew_application(case_id=case_id, expected_version=version(case_id, team),
                               actor_id=team.officer, renewed_on=TODAY,
                               circumstances_changed=False, today=TODAY)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    assert record.stage == "active" and record.renewals[0].outcome == "renewed"
    assert record.renewal.due_on == date(2027, 11, 23) and record.renewal.state == "not_due"


def test_a_renewal_with_changed_circumstances_goes_back_for_assessment(team):
    case_id = _registered_on(team, date(2025, 11, 1))
    with pytest.raises(FieldError) as refused:
        register.renew_application(case_id=case_id, expected_version=version(case_id, team),
                                   actor_id=team.officer, renewed_on=TODAY,
                                   circumstances_changed=True, today=TODAY)
    assert refused.value.field == "note"
    register.renew_application(case_id=case_id, expected_version=version(case_id, team),
                               actor_id=team.officer, renewed_on=TODAY, circumstances_changed=True,
                               note="Partner moved in; now working 20 hours.", today=TODAY)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    assert record.stage == "assessment" and record.renewals[0].outcome == "renewed_with_changes"


def test_a_renewal_too_early_or_too_late_is_refused_with_the_dates(team):
    early = _registered_on(team, date(2026, 6, 1))
    with pytest.raises(FieldError, match="1 June 2027"):
        register.renew_application(case_id=early, expected_version=version(early, team),
                                   actor_id=team.officer, renewed_on=TODAY,
                                   circumstances_changed=False, today=TODAY)
    late = _registered_on(team, date(2025, 10, 1))
    with pytest.raises(FieldError, match="grace period ended on 29 October 2026"):
        register.renew_application(case_id=late, expected_version=version(late, team),
                                   actor_id=team.officer, renewed_on=TODAY,
                                   circumstances_changed=False, today=TODAY)


def test_applications_past_their_grace_period_lapse_and_close(team):
    lapsing = _registered_on(team, date(2025, 10, 1))
    keeping = _registered_on(team, date(2025, 11, 1))
    with pytest.raises(PermissionDenied):
        register.lapse_overdue(actor_id=team.officer, today=TODAY)
    assert register.lapse_overdue(actor_id=team.senior, today=TODAY) == [f"HR-{lapsing:06d}"]
    lapsed = register.open_register_record(case_id=lapsing, viewer_id=team.officer, today=TODAY)
    assert (lapsed.stage, lapsed.status, lapsed.renewals[0].outcome) == ("lapsed", "closed", "lapsed")
    assert register.open_register_record(case_id=keeping, viewer_id=team.officer).stage == "active"


def test_the_queue_costs_the_same_few_statements_for_a_long_register_as_for_a_short_one(team):
    """A council with thousands of applications on the register opens Register renewals as
    quickly as one with a handful: the queue is read in one go, not case by case."""
    _registered_on(team, date(2025, 11, 1))
    with statements_run() as one:
        register.renewal_queue(viewer_id=team.officer, today=TODAY)
    renewed = _registered_on(team, date(2025, 11, 20))
    register.renew_application(case_id=renewed, expected_version=version(renewed, team),
                               actor_id=team.officer, renewed_on=TODAY,
                               circumstances_changed=False, today=TODAY)
    for on in (date(2025, 10, 1), date(2025, 12, 20), date(2026, 6, 1)):
        _registered_on(team, on)
    with statements_run() as five:
        queue = register.renewal_queue(viewer_id=team.officer, today=TODAY, include_not_due=True)
    assert len(queue) == 5
    assert len(five) == len(one) <= 3, five


def _one_case_at_a_time(viewer_id: int, today: date) -> list[tuple]:
    """The queue as the rules read one case: its renewal base, position and current band."""
    out = []
    with session_scope() as session:
        cases = session.exec(select(HousingCase).where(
            HousingCase.case_type == "register", HousingCase.stage == "active",
            HousingCase.status == "open")).all()
        for case in cases:
            application = register._application(session, case.id)
            if application is None:
                continue
            base = register._renewal_base(session, case.id, application)
            if base is None:
                continue
            position = renewal_position(base, today, policy_as_at(today), register_policy_as_at(today))
            current = register.current_assessment(session, case.id)
            person = session.exec(select(Person).where(Person.household_id == case.household_id,
                                                       Person.relation == "applicant")).one()
            out.append((case.id, case.reference, case.version, f"{person.given_name} {person.family_name}",
                        current.band if current else None, base, position.due_on,
                        position.grace_ends_on, position.state, position.reason.text))
    return sorted(out, key=lambda r: (r[6], r[1]))


@pytest.mark.parametrize("day", [date(2026, 9, 24), TODAY, date(2026, 12, 23), date(2027, 1, 22)])
def test_the_queue_is_the_rules_applied_to_every_active_application_of_the_demo(demo_store, day):
    with session_scope() as session:
        viewer = session.exec(select(Officer.id).where(Officer.username == "olu.officer")).one()
    expected = _one_case_at_a_time(viewer, day)
    assert expected  # every active application, due or not
    queue = register.renewal_queue(viewer_id=viewer, today=day, include_not_due=True)
    assert [tuple(vars(r).values()) for r in queue] == expected
    assert [r.case_id for r in register.renewal_queue(viewer_id=viewer, today=day)] == [
        r[0] for r in expected if r[8] != "not_due"]
