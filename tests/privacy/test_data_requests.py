"""A person asks the council to correct (UK GDPR art.16) or erase (art.17) what it holds about
them. The manager records the request and the decision: an erasure refused because the council
must keep the homelessness record (art.17(3)(b)) keeps the ground and the reasons; an agreed
erasure of a closed case removes it as the retention schedule would, with a tombstone naming
the request; an agreed correction is made through the case's own screens."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from logic.common.errors import FieldError, PermissionDenied, Refused
from logic.db import engine_for
from logic.models import AuditLog, HousingCase
from logic.models.privacy import DataRequest, RetentionTombstone
from logic.privacy import requests, retention
from tests.letters.helpers import TODAY, case_under_review, new_case
from tests.privacy.test_retention import TWO_YEARS_AGO, _closed_on


def _household_of(case_id: int) -> str:
    with engine_for().connect() as c:
        return c.execute(sa.text("SELECT h.reference FROM household h JOIN cases c ON c.household_id = h.id "
                                 "WHERE c.id = :c"), {"c": case_id}).scalar()


def _ask(team, case_id: int, kind: str = "erasure", **kw) -> int:
    return requests.record_request(
        kind=kind, requested_by=kw.pop("requested_by", "Zoë Łukasik (by email)"),
        household_reference=_household_of(case_id), what=kw.pop("what", "Delete my homelessness file."),
        received_on=kw.pop("received_on", TODAY - timedelta(days=3)), actor_id=team.manager, **kw)


def test_an_erasure_refused_to_keep_the_homelessness_record_records_the_ground_and_reasons(team):
    case_id = new_case(team)
    request_id = _ask(team, case_id, person="Zoë Łukasik (applicant)")
    decided = requests.decide_request(
        request_id=request_id, decision="refused", refusal_ground="legal_obligation",
        reason="The council must keep the record of its Part 7 decisions for six years after the case "
               "closes (retention schedule 4.1).", actor_id=team.manager)
    assert decided.decision == "refused" and "right to complain to the ICO" in decided.next_step
    with Session(engine_for()) as session:
        stored = session.get(DataRequest, request_id)
        assert session.get(HousingCase, case_id) is not None
        audit = session.exec(select(AuditLog).where(AuditLog.action == "data_request_decided")).one()
    assert (stored.decision, stored.refusal_ground, stored.decided_by_id, stored.decided_on) == (
        "refused", "legal_obligation", team.manager, TODAY)
    assert stored.decision_reason.startswith("The council must keep the record")
    assert "Refused (Kept to comply with a legal obligation" in audit.detail
    assert "UK GDPR art.17(3)(b)" in audit.detail
    [row] = requests.requests(team.manager)
    assert (row.decision, row.refusal_ground, row.person) == ("refused", "legal_obligation",
                                                             "Zoë Łukasik (applicant)")
    with pytest.raises(Refused, match="This request was decided on 23 Nov 2026"):
        requests.decide_request(request_id=request_id, decision="agreed", reason="Changed mind",
                                actor_id=team.manager)


def test_a_refusal_must_name_its_ground(team):
    request_id = _ask(team, new_case(team))
    with pytest.raises(FieldError, match=r"^Ground for refusing: choose the ground .*art\.17\(3\)\(b\)"):
        requests.decide_request(request_id=request_id, decision="refused", reason="We keep it",
                                actor_id=team.manager)
    with pytest.raises(FieldError, match="^Reason for the decision: give the reasons"):
        requests.decide_request(request_id=request_id, decision="refused", refusal_ground="legal_claims",
                                reason="  ", actor_id=team.manager)


def test_an_agreed_erasure_of_a_closed_case_removes_it_with_a_tombstone_naming_the_request(team):
    case_id = case_under_review(team, step="decided")
    reference = _closed_on(case_id, TWO_YEARS_AGO)
    request_id = _ask(team, case_id, case_reference=reference.lower())
    decided = requests.decide_request(request_id=request_id, decision="agreed", actor_id=team.manager,
                                      reason="Advice given in error; no duty decision rests on it.")
    assert decided.tombstone_id is not None
    with Session(engine_for()) as session:
        assert session.get(HousingCase, case_id) is None
        stone = session.get(RetentionTombstone, decided.tombstone_id)
        stored = session.get(DataRequest, request_id)
    assert (stone.reference, stone.rule, stone.data_request_id) == (reference, "erasure", request_id)
    assert stone.rule_ref == "UK GDPR art.17(1)" and stone.finished_at is not None
    assert "part7_review_decision" in json.loads(stone.rows_removed)
    assert stored.decision == "agreed"


def test_an_erasure_is_refused_while_the_case_is_open_or_held(team):
    open_case = new_case(team)
    request_id = _ask(team, open_case, case_reference=_closed_ref(open_case))
    with pytest.raises(Refused, match="is open: close it before it is erased"):
        requests.decide_request(request_id=request_id, decision="agreed", reason="Agreed",
                                actor_id=team.manager)
    held = new_case(team)
    reference = _closed_on(held, TWO_YEARS_AGO)
    retention.record_hold(case_reference=reference, kind="complaint", reason="Ombudsman complaint open",
                          ends_on=TODAY + timedelta(days=100), actor_id=team.manager)
    request_id = _ask(team, held, case_reference=reference)
    with pytest.raises(Refused, match="held: Complaint until 3 Mar 2027: Ombudsman complaint open"):
        requests.decide_request(request_id=request_id, decision="agreed", reason="Agreed",
                                actor_id=team.manager)
    with Session(engine_for()) as session:
        assert session.get(DataRequest, request_id).decision is None
        assert session.get(HousingCase, held) is not None


def _closed_ref(case_id: int) -> str:
    with engine_for().connect() as c:
        return c.execute(sa.text("SELECT reference FROM cases WHERE id = :c"), {"c": case_id}).scalar()


def test_an_agreed_rectification_points_to_the_case_screens(team):
    case_id = new_case(team)
    request_id = _ask(team, case_id, kind="rectification", what="My date of birth is 14 March, not 3 April.")
    decided = requests.decide_request(request_id=request_id, decision="agreed", actor_id=team.manager,
                                      reason="Birth certificate seen.")
    assert decided.next_step == requests.RECTIFY_THROUGH_SCREENS
    with Session(engine_for()) as session:
        assert session.get(HousingCase, case_id) is not None


def test_a_request_is_recorded_in_the_officers_words_and_only_by_a_manager(team):
    case_id = new_case(team)
    with pytest.raises(FieldError, match="^Who asked: say who asked"):
        _ask(team, case_id, requested_by=" ")
    with pytest.raises(FieldError, match="^Received on: cannot be after today"):
        _ask(team, case_id, received_on=TODAY + timedelta(days=1))
    with pytest.raises(FieldError, match="^Household reference: no household has the reference HH-NOPE"):
        requests.record_request(kind="erasure", requested_by="A", household_reference="hh-nope",
                                what="x", received_on=TODAY, actor_id=team.manager)
    with pytest.raises(FieldError, match="^Case reference: no case has the reference"):
        _ask(team, case_id, case_reference="HL-999999")
    with pytest.raises(PermissionDenied, match="Only a manager"):
        requests.record_request(kind="erasure", requested_by="A", household_reference=_household_of(case_id),
                                what="x", received_on=TODAY, actor_id=team.senior)
