"""Choice-based lettings through the services: adverts, bids, the shortlist, nominations."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from logic.common.errors import FieldError
from logic.db import engine_for
from logic.register import lettings
from logic.register import service as register
from tests.register.helpers import TODAY, apply, assess, new_household, person


def _advert(team, bedrooms: int = 2, **kw) -> int:
    values = dict(address="Flat 4, Elm Court, AB1 3EF", bedrooms=bedrooms, property_type="flat",
                  accessibility="general_needs", landlord="Riverside Homes",
                  landlord_kind="housing_association", weekly_rent=128.5,
                  opens_on=date(2026, 11, 19), closes_on=date(2026, 11, 25)) | kw
    return lettings.create_advert(actor_id=team.officer, details=lettings.AdvertDetails(**values))


def _parent_and_child(team, assessed_on: date, **changes) -> int:
    # a parent and a child of 5 need 2 bedrooms
    case_id = apply(team, new_household(team, person("child", "Kemi", date(2021, 4, 4))),
                    application_date=date(2025, 1, 6), **changes)
    assess(team, case_id, on=assessed_on)
    return case_id


@pytest.fixture
def bidders(team):
    return {
        # band B: a medical need to move (allocation.toml para 6.3), from 1 June 2026
        "b": _parent_and_child(team, date(2026, 6, 1), medical_welfare_need=True,
                               medical_welfare_detail="Stairs: arthritis"),
        # band C: overcrowded in a one-bedroom flat (para 6.4), from 1 May 2026
        "c": _parent_and_child(team, date(2026, 5, 1), current_bedrooms=1),
        # band D: no preference (para 6.5), dated from the application, 6 January 2025
        "d": _parent_and_child(team, date(2026, 2, 1)),
    }


def test_a_household_may_bid_only_for_a_home_of_its_size(team, bidders):
    big = _advert(team, bedrooms=3)
    with pytest.raises(FieldError, match="needs 2") as refused:
        lettings.place_bid(advert_id=big, case_id=bidders["b"], actor_id=team.officer, on=TODAY)
    assert refused.value.field == "advert"


def test_bids_are_limited_to_three_live_at_a_time(team, bidders):
    for _ in range(3):
        lettings.place_bid(advert_id=_advert(team), case_id=bidders["d"], actor_id=team.officer, on=TODAY)
    with pytest.raises(FieldError, match="3 live bids"):
        lettings.place_bid(advert_id=_advert(team), case_id=bidders["d"], actor_id=team.officer, on=TODAY)


def test_the_shortlist_a_nomination_with_a_bypass_reason_and_a_letting(team, bidders):
    advert = _advert(team)
    for key in ("d", "c", "b"):
        lettings.place_bid(advert_id=advert, case_id=bidders[key], actor_id=team.officer, on=TODAY)
    with pytest.raises(FieldError, match="already bid"):
        lettings.place_bid(advert_id=advert, case_id=bidders["b"], actor_id=team.officer, on=TODAY)

    live = lettings.shortlist(advert_id=advert, viewer_id=team.officer, on=TODAY)
    assert [p.bidder.case_id for p in live.placed] == [bidders["b"], bidders["c"], bidders["d"]]

    open_view = lettings.open_advert(advert_id=advert, viewer_id=team.officer)
    assert open_view.takes_bids and open_view.may_close and not open_view.shows_nominations

    drawn = lettings.close_advert(advert_id=advert, actor_id=team.officer, on=TODAY)
    assert [p["case_id"] for p in drawn["placed"]] == [bidders["b"], bidders["c"], bidders["d"]]
    closed = lettings.open_advert(advert_id=advert, viewer_id=team.officer)
    assert not closed.takes_bids and not closed.may_close
    assert closed.shows_nominations and closed.may_nominate and closed.pending_nomination is None

    # passing over position 1 needs a reason
    with pytest.raises(FieldError) as refused:
        lettings.nominate(advert_id=advert, case_id=bidders["c"], actor_id=team.officer,
                          nominated_on=TODAY)
    assert refused.value.field == "bypass_reason" and "position 1" in refused.value.problem
    first = lettings.nominate(advert_id=advert, case_id=bidders["b"], actor_id=team.officer,
                              nominated_on=TODAY)
    waiting = lettings.open_advert(advert_id=advert, viewer_id=team.officer)
    # while position 1 decides, the screen offers their outcome, not another nomination
    assert waiting.pending_nomination["id"] == first and not waiting.may_nominate
    lettings.record_nomination_outcome(nomination_id=first, actor_id=team.officer,
                                       outcome="refused_by_applicant", outcome_on=TODAY,
                                       reason="Too far from the children's school.")
    # position 1 has refused, so position 2 is next without a bypass reason
    second = lettings.nominate(advert_id=advert, case_id=bidders["c"], actor_id=team.officer,
                               nominated_on=TODAY)
    lettings.record_nomination_outcome(nomination_id=second, actor_id=team.officer,
                                       outcome="accepted", outcome_on=TODAY)

    view = lettings.open_advert(advert_id=advert, viewer_id=team.officer)
    assert view.status == "let" and view.pending_nomination is None and not view.may_nominate
    assert [(n["position"], n["outcome"]) for n in view.nominations] == [
        (1, "refused_by_applicant"), (2, "accepted")]
    housed = register.open_register_record(case_id=bidders["c"], viewer_id=team.officer)
    assert housed.status == "closed"
    with engine_for().connect() as c:
        summaries = [r[0] for r in c.execute(sa.text(
            "SELECT summary FROM case_event WHERE case_id = :c ORDER BY id"), {"c": bidders["c"]})]
    assert "Position 2 on the shortlist for AD-" in " ".join(summaries)
    assert any(s.startswith("Nominated to Riverside Homes") for s in summaries)


def test_an_advert_needs_sensible_details(team):
    with pytest.raises(FieldError) as refused:
        _advert(team, closes_on=date(2026, 11, 1))
    assert refused.value.field == "closes_on"
    with pytest.raises(FieldError) as refused:
        _advert(team, property_type="castle")
    assert refused.value.field == "property_type"
