"""A senior officer opens the Reviews register: which reviews are open, which are late and whose
they are, and how reviews have been decided over time (chart, table and CSV), in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from logic import db
from logic.models import HousingCase, Officer
from logic.models.casework import Part7Review, Part7ReviewDecision, Part7ReviewReviewer
from logic.navigation import pages_for
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _reviews_on_the_demo_store() -> None:
    """Three reviews on demo cases: one 60 days old with Inês Carvalho (8 weeks ran out 5 days ago),
    one asked last week with nobody assigned, and one decided (overturned) in October."""
    with Session(db.engine_for()) as session:
        officers = {o.username: o.id for o in session.exec(select(Officer)).all()}
        case_ids = session.exec(select(HousingCase.id).where(HousingCase.case_type == "homelessness")
                                .order_by(HousingCase.id).limit(3)).all()
        asked = (DEMO_DAY - timedelta(days=60), DEMO_DAY - timedelta(days=7), date(2026, 9, 28))
        rows = []
        for case_id, on in zip(case_ids, asked, strict=True):
            review = Part7Review(case_id=case_id, decision_type="s184_not_priority_need", decision_on=on,
                                 decision_summary="Not in priority need", ground="b", requested_on=on,
                                 notified_on=on, request_deadline=on + timedelta(days=20), in_time=True,
                                 requested_by_id=officers["olu.officer"])
            session.add(review)
            session.flush()
            rows.append(review.id)
        session.add(Part7ReviewReviewer(review_id=rows[0], reviewer_id=officers["ines.senior"],
                                        assigned_on=asked[0], assigned_by_id=officers["maya.manager"]))
        session.add(Part7ReviewDecision(review_id=rows[2], outcome="overturned", reasons="Vulnerable after all.",
                                        decided_on=date(2026, 10, 20), notified_on=date(2026, 10, 20),
                                        decided_by_id=officers["sam.senior"]))
        session.commit()


def test_only_seniors_and_managers_are_given_the_reviews_register():
    given = {role for role in ("trainee", "officer", "senior", "manager", "admin")
             if "reviews" in {p.url_path for p in pages_for(role)}}
    assert given == {"senior", "manager"}


def test_a_senior_sees_the_late_review_first_with_its_reviewer_and_the_outcomes_in_words():
    _reviews_on_the_demo_store()
    app = signed_in_app("senior")
    app.switch_page("pages/reviews.py")
    app.run()
    assert app.title[0].value == "Reviews", [e.value for e in app.exception]
    assert not app.exception

    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Open reviews": "2", "Decision late": "1", "No reviewer assigned": "1"}
    open_table = app.dataframe[0].value
    assert list(open_table["reviewer"]) == ["Inês Carvalho", "Not assigned"]
    assert list(open_table["status"]) == ["Late by 5 days", "Due in 48 days"]
    assert list(open_table["due_on"]) == ["18 Nov 2026", "10 Jan 2027"]  # dates as officers write them
    assert list(open_table["ground"]) == ["What duty (if any) is owed"] * 2

    # the reviewer's own list
    app.selectbox(key="reviews_reviewer").set_value("Inês Carvalho")
    app.run()
    assert list(app.dataframe[0].value["status"]) == ["Late by 5 days"]

    outcomes = app.dataframe[1].value
    assert list(outcomes["Quarter"]) == ["Q4 2026"]
    assert list(outcomes["Decision reviewed"]) == ["Section 184 decision: not in priority need"]
    assert (outcomes["Overturned (%)"].iloc[0], outcomes["Decided"].iloc[0]) == (100.0, 1)
    assert len(app.get("plotly_chart")) == 1
    assert len(app.get("download_button")) == 1

    app.radio(key="reviews_period").set_value("month")
    app.run()
    assert list(app.dataframe[1].value["Month"]) == ["Oct 2026"]


def test_with_no_review_recorded_the_register_says_so():
    app = signed_in_app("manager")
    app.switch_page("pages/reviews.py")
    app.run()
    assert not app.exception
    assert "No review is open." in [s.value for s in app.success]
    assert "No review was decided in this period." in [i.value for i in app.info]
