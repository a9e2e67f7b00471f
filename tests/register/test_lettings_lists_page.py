"""A lettings officer at a council with thousands of adverts over the years: the Adverts tab
opens on the homes open for bids, a page at a time, and the shortlist's advert is found by its
reference or address instead of being picked from every advert ever made."""

from __future__ import annotations

from datetime import timedelta

from logic.register import lettings
from logic.register import views as views_register
from pages import _keys
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _adverts_table(app):
    return next(d.value for d in app.dataframe if "weekly_rent" in d.value.columns)


def test_the_adverts_open_for_bids_come_first_a_page_at_a_time_and_an_advert_is_found_by_address(demo_store):  # noqa: F811
    app = signed_in_app("officer")
    me = app.session_state[_keys.OFFICER].id
    for n in range(55):  # a busy month: fifty-five homes advertised
        lettings.create_advert(actor_id=me, details=lettings.AdvertDetails(
            address=f"{n + 1} Orchard Row", bedrooms=2, property_type="flat", accessibility="general_needs",
            landlord="Northgate Homes", landlord_kind="housing_association", weekly_rent=120.0,
            opens_on=DEMO_DAY, closes_on=DEMO_DAY + timedelta(days=7)))
    every = views_register.adverts()
    open_now = every[every["status"] == "open"]
    closed = every[every["status"] != "open"].iloc[0]

    app.switch_page("pages/lettings.py")
    app.run()
    assert not app.exception, _problems(app)
    assert app.selectbox(key="lettings_adverts_status").value == "open"
    first = _adverts_table(app)
    assert len(first) == 50 and set(first["status"]) == {"Open for bids"}
    assert any(c.value == f"Adverts 1–50 of {len(open_now)}." for c in app.caption)
    app.button(key="lettings_adverts_next").click()
    app.run()
    second = _adverts_table(app)
    assert len(second) == len(open_now) - 50
    assert not set(first["reference"]) & set(second["reference"])

    # the shortlist of a home whose bidding has closed, found by a word of its address
    street = closed["address"]
    app.text_input(key="lettings_advert_search").input(street.lower())
    app.run()
    assert not app.exception, _problems(app)
    picker = app.selectbox(key="lettings_advert")
    assert picker.options and all(street in o for o in picker.options), picker.options
    assert len(picker.options) < len(every)
    picker.set_value(int(closed["id"]))
    app.run()
    assert not app.exception, _problems(app)
    assert any(s.value.startswith("Shortlist") for s in app.subheader)
