"""The intake screen's first answer to "is this child dependent?", from the law as at the call."""

from __future__ import annotations

from datetime import date

from logic.front_door.service import MemberView


def _child(dob: date, relation: str = "child") -> MemberView:
    return MemberView(id=1, relation=relation, given_name="Ama", family_name="Mensah", dob=dob,
                      sex="F", pregnant=False)


def test_a_child_a_few_days_short_of_19_is_still_a_dependent_child():
    # 19 x 365 days had passed by 27 May 2026 (five leap days since 2007): she is 18 until 1 June
    ama = _child(date(2007, 6, 1))
    assert ama.presumed_dependent(date(2026, 5, 29))
    assert not ama.presumed_dependent(date(2026, 6, 1))


def test_a_child_born_on_29_february_comes_of_age_on_1_march_in_a_common_year():
    leap = _child(date(2008, 2, 29))
    assert leap.presumed_dependent(date(2027, 2, 28))
    assert not leap.presumed_dependent(date(2027, 3, 1))


def test_a_partner_or_a_parent_is_never_presumed_a_dependent_child():
    assert not _child(date(2010, 1, 1), relation="partner").presumed_dependent(date(2026, 1, 1))
    assert not _child(date(2010, 1, 1), relation="sibling").presumed_dependent(date(2026, 1, 1))
