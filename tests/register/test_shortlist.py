"""The shortlist for an advert, ranked by hand.

The home: AD-00001, a 2-bedroom general-needs flat. register.toml para 7.5 ranks bidders by
band (A, B, C, D: allocation.toml's order), then band date (earlier first), then date of
registration (earlier first), then the earlier bid. Who may be considered at all: an active
application that qualifies, needing 2 bedrooms (para 7.2), whose bid stands.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from logic.law import policy_as_at
from logic.register.policy import register_policy_as_at
from logic.register.rules import Bidder, rank_shortlist

ON = date(2026, 11, 23)


def bidder(n: int, band: str | None, band_date: date | None, registered: date, *, need: int = 2,
           bid_hour: int = 9, bid_status: str = "active", stage: str = "active",
           status: str = "open") -> Bidder:
    return Bidder(
        bid_id=n, case_id=n, case_reference=f"HR-{n:06d}", applicant=f"Applicant {n}",
        bid_status=bid_status, bid_placed_at=datetime(2026, 11, 20, bid_hour, tzinfo=UTC),
        case_status=status, case_stage=stage, qualifies=band is not None, band=band,
        band_effective_date=band_date, registration_date=registered, bedroom_need=need,
        household_income=20000.0)


BIDDERS = [
    bidder(11, "B", date(2026, 3, 1), date(2025, 6, 1)),
    bidder(12, "A", date(2026, 9, 15), date(2026, 8, 1)),
    bidder(13, "B", date(2026, 3, 1), date(2024, 11, 20)),
    bidder(14, "B", date(2026, 1, 10), date(2026, 1, 2)),
    bidder(15, "C", date(2025, 1, 1), date(2020, 1, 1)),
    bidder(16, "A", date(2026, 2, 1), date(2026, 1, 1), need=3),
    bidder(17, "B", date(2025, 5, 1), date(2025, 5, 1), bid_status="withdrawn"),
    bidder(18, "B", date(2025, 5, 1), date(2025, 5, 1), stage="lapsed", status="closed"),
    bidder(19, "D", date(2024, 4, 4), date(2024, 4, 4), bid_hour=11),
    bidder(20, "D", date(2024, 4, 4), date(2024, 4, 4), bid_hour=10),
]


def draw():
    return rank_shortlist(BIDDERS, advert_bedrooms=2, advert_accessibility="general_needs", on=ON,
                          policy=policy_as_at(ON), rules=register_policy_as_at(ON),
                          weekly_rent=120.0)


def test_the_shortlist_is_ranked_by_band_then_band_date_then_registration_then_bid_time():
    expected = [
        12,  # the only band A who fits (16 is also band A but needs 3 bedrooms)
        14,  # band B with the earliest band date, 10 Jan 2026, though registered latest of the Bs
        13,  # band B from 1 Mar 2026, like 11, but registered earlier (20 Nov 2024)
        11,  # band B from 1 Mar 2026, registered 1 Jun 2025
        15,  # band C: below every B however long it has waited (registered 2020)
        20,  # band D, same band date and registration as 19, but bid at 10:00
        19,  # band D, bid at 11:00
    ]
    assert [p.bidder.case_id for p in draw().placed] == expected
    assert [p.position for p in draw().placed] == [1, 2, 3, 4, 5, 6, 7]


def test_each_place_says_why_it_is_above_and_below_its_neighbours():
    placed = {p.bidder.case_id: p.why for p in draw().placed}
    assert "First" in placed[12]
    assert "Above HR-000014 (position 2) because band A (Urgent need) comes before band B" in placed[12]
    assert ("Below HR-000012 (position 1) because band A (Urgent need) comes before band B"
            in placed[14])
    assert "band date (10 January 2026) is earlier than 1 March 2026" in placed[14]
    assert "HR-000013 registered earlier (20 November 2024 against 1 June 2025)" in placed[11]
    assert "so the earlier bid ranks first" in placed[19]


def test_those_left_out_are_listed_with_the_reason_and_its_citation():
    excluded = {e.bidder.case_id: e.reason for e in draw().excluded}
    assert set(excluded) == {16, 17, 18}
    assert excluded[16].rule == "wrong_size" and "needs 3" in excluded[16].text
    assert str(excluded[16].citation).endswith("para 7.2: homes are let at the household's bedroom need")
    assert excluded[17].rule == "bid_withdrawn"
    assert excluded[18].rule == "not_on_register" and "closed" in excluded[18].text


def test_a_lone_bidder_is_told_so_and_affordability_is_shown_without_excluding():
    [only] = rank_shortlist([BIDDERS[0]], advert_bedrooms=2, advert_accessibility="general_needs",
                            on=ON, policy=policy_as_at(ON), rules=register_policy_as_at(ON),
                            weekly_rent=200.0).placed
    assert "The only bidder" in only.why
    # £200 a week = £866.67 a month = 52% of £20,000: flagged, still placed
    assert only.affordability.rule == "rent_unaffordable"
