"""The Reviews section of the return (s.202): a review asked for and decided is in the case file
with its dates, what it was about and its outcome (placeholder codes, the Hearth code beside
them, until the council fills in the official ones); a decided review whose outcome or date is
missing is found by the checks, with where to put it right."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from logic.db import engine_for
from logic.statistics import hclic, rules, views
from logic.statistics.codes_map import PLACEHOLDER, hclic_codes_as_at
from logic.statistics.rules import Quarter, check_case
from tests.casework.helpers import TODAY
from tests.letters.helpers import OPTIONS, case_after_relief_day_57, version
from tests.statistics.builders import assessment, case, duty

APPLIED = date(2026, 8, 3)
Q4 = Quarter.parse("2026-Q4")


def a_reviewed_case(**review):
    """A single man's relief duty ran out; found not in priority need; he asked for a review."""
    decided = APPLIED + timedelta(days=57)
    base = dict(id=1, requested_on=decided + timedelta(days=10), ground="b", in_time=True)
    base.update(review)
    return case(APPLIED, assessments=[assessment(APPLIED, "relief"),
                                      assessment(decided, "advice_only", priority_need=False)],
                duties=[duty("relief", APPLIED, decided, "56_days_elapsed",
                             main_activity="other", accommodation_secured=None)],
                stage="no_further_duty", reviews=(rules.Review(**base),))


def test_a_review_asked_for_and_not_yet_decided_has_nothing_to_fix():
    assert [p for p in check_case(a_reviewed_case()) if p.section == "reviews"] == []


def test_a_review_decided_with_its_outcome_and_date_has_nothing_to_fix():
    decided = a_reviewed_case(decision_id=7, decided_on=APPLIED + timedelta(days=90), outcome="upheld")
    assert [p for p in check_case(decided) if p.section == "reviews"] == []


def test_a_review_decided_without_its_outcome_or_date_is_found_with_where_to_fix_it():
    asked = APPLIED + timedelta(days=67)
    found = [p for p in check_case(a_reviewed_case(decision_id=7, decided_on=None, outcome=None))
             if p.section == "reviews"]
    assert [p.rule for p in found] == ["complete: reviews", "complete: reviews"]
    said = " ".join(p.message for p in found)
    assert f"The review asked for on {asked.day} {asked:%b %Y} is decided, but the outcome is not recorded." in said
    assert "the date it was decided is not recorded" in said
    assert all(p.fix_where == "Case record > Homelessness casework > Reviews and appeals" for p in found)
    assert all("s.202" in p.citation for p in found)


def test_a_review_decided_in_the_quarter_is_in_the_case_file_the_same_bytes_each_time(team):
    """Olu's s.184 decision (not in priority need) is reviewed; Sade upholds it. The quarter's
    case file holds the review: asked, about what duty is owed (s.202(1)(b)), decided, upheld."""
    from logic.casework import reviews
    from logic.letters import service as letters

    case_id = case_after_relief_day_57(team, children=0, then="no_further_duty")
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="s184_not_priority_need", officer_id=team.officer,
                                  options=OPTIONS["s184_not_priority_need"])
    review_id = reviews.request_review(case_id=case_id, expected_version=version(case_id, team.officer),
                                       officer_id=team.officer, letter_id=letter.id, ground="b",
                                       requested_on=TODAY)
    reviews.assign_reviewer(review_id=review_id, expected_version=version(case_id, team.manager),
                            officer_id=team.manager, reviewer_id=team.senior, assigned_on=TODAY)
    reviews.decide_review(review_id=review_id, expected_version=version(case_id, team.senior),
                          officer_id=team.senior, outcome="upheld", decided_on=TODAY,
                          reasons="His GP's letter does not show he is vulnerable.")

    with engine_for().connect() as connection:
        read = views.load_cases(connection, [case_id])[case_id]
    assert [(r.requested_on, r.ground, r.in_time, r.decided_on, r.outcome) for r in read.reviews] == [
        (TODAY, "b", True, TODAY, "upheld")]
    assert not [p for p in check_case(read) if p.section == "reviews"]

    first, second = hclic.build_return(Q4), hclic.build_return(Q4)
    assert first.files == second.files and first.zip_bytes() == second.zip_bytes()
    m = hclic_codes_as_at(Q4.last_day)
    root = ET.fromstring(first.files[hclic.CASES_FILE.format(quarter=Q4)])
    ours = next(c for c in root.findall(m.element("case")) if c.findtext(m.element("case_ref")) == read.reference)
    section = ours.find(m.element("reviews"))
    assert section is not None, ET.tostring(ours).decode()
    review = section.find(m.element("review"))
    assert review.findtext(m.element("review_request_date")) == TODAY.isoformat()
    assert review.findtext(m.element("review_decision_date")) == TODAY.isoformat()
    ground, outcome = review.find(m.element("review_ground")), review.find(m.element("review_outcome"))
    # placeholders until the council fills in the official codes, the Hearth code beside them
    assert (ground.text, ground.get("hearth")) == (PLACEHOLDER, "b")
    assert (outcome.text, outcome.get("hearth")) == (PLACEHOLDER, "upheld")
