"""Temporary accommodation in use: read for the placements in use only, with the same answers
the case-by-case rules give (the B&B limit for families, Suitability Order 2003 art.4)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from sqlmodel import Session, select

from logic.casework import stages
from logic.casework import views as views_casework
from logic.casework.placements import PLACEMENT_TYPES
from logic.casework.service import policies, snapshots
from logic.db import engine_for
from logic.models import HousingCase, Officer, Person
from logic.models.casework import Placement
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store  # noqa: F401,F811  (a fixture, shared)
from tests.register.helpers import statements_run


def _case_by_case(today: date) -> pd.DataFrame:
    """Every approved placement, each case's full snapshot, as the screen first read them."""
    law, casework = policies(today)
    rows = []
    with Session(engine_for()) as session:
        placements = [p for p in session.exec(select(Placement).where(Placement.status == "approved")).all()
                      if p.starts_on <= today and (p.ended_on is None or p.ended_on >= today)]
        cases = {c.id: c for c in session.exec(select(HousingCase).where(
            HousingCase.id.in_({p.case_id for p in placements}))).all()}
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        applicants = {p.household_id: f"{p.given_name} {p.family_name}" for p in session.exec(
            select(Person).where(Person.relation == "applicant")).all()}
        snaps = snapshots(session, list(cases.values()), today)
        for p in sorted(placements, key=lambda p: p.id):
            case, snap = cases[p.case_id], snaps[p.case_id]
            limit = None
            if p.placement_type == "bed_and_breakfast" and snap.family:
                limit = stages.bnb_limit_for(snap, next(s for s in snap.placements if s.id == p.id), law).on
            rows.append({
                "reference": case.reference, "applicant": applicants.get(case.household_id, ""),
                "officer": names.get(case.assigned_officer_id, "Unallocated"),
                "type": PLACEMENT_TYPES.get(p.placement_type, p.placement_type), "address": p.address,
                "since": p.starts_on, "nights": (today - p.starts_on).days,
                "cost_per_night": p.cost_per_night_pence / 100, "family": snap.family, "bnb_limit": limit,
                "bnb_status": "" if limit is None else (
                    "over the limit" if limit < today else
                    "warning" if (limit - today).days <= casework.bnb_warning_days else "within the limit"),
            })
    return pd.DataFrame(rows, columns=list(views_casework.placements_in_use(today=today).columns))


@pytest.mark.parametrize("days", [0, -20, 14, 40])
def test_accommodation_in_use_is_what_the_rules_give_on_every_demo_placement(demo_store, days):  # noqa: F811
    today = DEMO_DAY + timedelta(days=days)
    expected = _case_by_case(today)
    shown = views_casework.placements_in_use(today=today)
    assert len(shown) and len(shown) == len(expected)
    pd.testing.assert_frame_equal(shown.reset_index(drop=True), expected, check_dtype=False)


def test_the_in_use_list_reads_the_store_in_a_few_statements_however_many_placements(demo_store):  # noqa: F811
    """A council with hundreds of families in B&B opens the list as quickly as one with a few:
    the cases behind the placements are never read one at a time, nor all of them."""
    with statements_run() as sent:
        shown = views_casework.placements_in_use(today=DEMO_DAY)
    assert len(shown) and len(sent) <= 4, sent
    assert not any("FROM cases" in s and "placement" not in s for s in sent)  # no list of every case
