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


def test_a_page_of_the_accommodation_in_use_is_the_same_rows_as_the_whole_list(demo_store):  # noqa: F811
    """The TA team reads the list a page at a time, by type and by officer: each page holds
    exactly the rows (and B&B limits) the whole list gives, and the count is the whole list's."""
    every = views_casework.placements_in_use(today=DEMO_DAY)
    assert len(every) > 6
    page = views_casework.placements_in_use(today=DEMO_DAY, limit=3, offset=3)
    pd.testing.assert_frame_equal(page.reset_index(drop=True), every.iloc[3:6].reset_index(drop=True),
                                  check_dtype=False)
    assert views_casework.placements_in_use_count(today=DEMO_DAY) == len(every)

    bnb = views_casework.placements_in_use(today=DEMO_DAY, placement_type="bed_and_breakfast")
    expected = every[every["type"] == PLACEMENT_TYPES["bed_and_breakfast"]]
    pd.testing.assert_frame_equal(bnb.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    assert views_casework.placements_in_use_count(today=DEMO_DAY, placement_type="bed_and_breakfast") == len(bnb)

    with Session(engine_for()) as session:
        officer = session.exec(select(Officer).where(Officer.full_name == every["officer"].mode()[0])).one()
    theirs = views_casework.placements_in_use(today=DEMO_DAY, officer_id=officer.id)
    assert len(theirs) and set(theirs["officer"]) == {officer.full_name}
    assert len(theirs) == (every["officer"] == officer.full_name).sum()


def test_the_ta_screen_lists_a_type_a_page_at_a_time_and_still_warns_of_every_family_in_bnb(demo_store):  # noqa: F811
    from tests.pages.conftest import signed_in_app

    every = views_casework.placements_in_use(today=DEMO_DAY)
    bnb = every[every["type"] == PLACEMENT_TYPES["bed_and_breakfast"]]
    near = bnb[bnb["bnb_status"].isin(["over the limit", "warning"])]
    app = signed_in_app("senior")
    app.switch_page("pages/temporary_accommodation.py")
    app.run()
    assert not app.exception
    assert any(f"{len(near)} family placement(s) in B&B" in e.value for e in app.error)
    assert any(c.value == f"Placements 1–{len(every)} of {len(every)}." for c in app.caption)

    app.selectbox(key="ta_in_use_type").set_value("nightly_let")
    app.run()
    listed = next(d.value for d in app.dataframe if "bnb_status" in d.value.columns)
    assert set(listed["type"]) == {PLACEMENT_TYPES["nightly_let"]}
    assert len(listed) == (every["type"] == PLACEMENT_TYPES["nightly_let"]).sum()
    # the warning is about every family in B&B, whatever the list shows
    assert any(f"{len(near)} family placement(s) in B&B" in e.value for e in app.error)
