"""The shortlist reads every bidder's standing in one go: the same order and the same reasons
as reading each bid's case, assessment, application and applicant one at a time."""

from __future__ import annotations

from sqlmodel import select

from logic.db import session_scope
from logic.law import policy_as_at
from logic.models import HousingCase, Officer, Person
from logic.models.register import LettingAdvert, LettingBid
from logic.register import lettings
from logic.register.policy import register_policy_as_at
from logic.register.rules import Bidder, rank_shortlist
from tests.register.helpers import TODAY, statements_run


def _one_bid_at_a_time(session, advert_id: int) -> list[Bidder]:
    out = []
    for bid in session.exec(select(LettingBid).where(LettingBid.advert_id == advert_id)
                            .order_by(LettingBid.id)).all():
        case = session.get(HousingCase, bid.case_id)
        assessment, application = lettings._standing(session, case)
        person = session.exec(select(Person).where(Person.household_id == case.household_id,
                                                   Person.relation == "applicant")).first()
        out.append(Bidder(
            bid_id=bid.id, case_id=case.id, case_reference=case.reference,
            applicant=f"{person.given_name} {person.family_name}" if person else "?",
            bid_status=bid.status, bid_placed_at=bid.placed_at, case_status=case.status,
            case_stage=case.stage, qualifies=assessment.qualifies if assessment else None,
            band=assessment.band if assessment else None,
            band_effective_date=assessment.band_effective_date if assessment else None,
            registration_date=application.application_date if application else None,
            bedroom_need=assessment.bedroom_need if assessment else None,
            accessibility_need=application.accessibility_need if application else "none",
            household_income=application.household_income if application else None))
    return out


def _viewer() -> int:
    with session_scope() as session:
        return session.exec(select(Officer.id).where(Officer.username == "olu.officer")).one()


def test_every_demo_advert_ranks_its_bidders_as_the_bid_by_bid_reading_does(demo_store):
    viewer = _viewer()
    with session_scope() as session:
        adverts = session.exec(select(LettingAdvert).order_by(LettingAdvert.id)).all()
        expected = {a.id: rank_shortlist(
            _one_bid_at_a_time(session, a.id), advert_bedrooms=a.bedrooms,
            advert_accessibility=a.accessibility, on=TODAY, policy=policy_as_at(TODAY),
            rules=register_policy_as_at(TODAY), weekly_rent=a.weekly_rent).to_json() for a in adverts}
    assert any(e["placed"] for e in expected.values())
    for advert_id, drawn in expected.items():
        assert lettings.shortlist(advert_id=advert_id, viewer_id=viewer, on=TODAY).to_json() == drawn


def test_an_advert_with_many_bids_is_drawn_in_as_few_statements_as_one_with_one(demo_store):
    viewer = _viewer()
    with session_scope() as session:
        counts = session.exec(select(LettingBid.advert_id, LettingBid.id)).all()
    bids: dict[int, int] = {}
    for advert_id, _ in counts:
        bids[advert_id] = bids.get(advert_id, 0) + 1
    fewest, most = min(bids, key=bids.get), max(bids, key=bids.get)
    assert bids[most] > bids[fewest]
    sent = {}
    for advert_id in (fewest, most):
        with statements_run() as sent[advert_id]:
            lettings.shortlist(advert_id=advert_id, viewer_id=viewer, on=TODAY)
    assert len(sent[most]) == len(sent[fewest]) <= 5, sent[most]
