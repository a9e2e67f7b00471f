"""The demo's temporary accommodation reads as the TA team would see it on the day."""

from __future__ import annotations

import pytest

from logic.casework import views as views_casework
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def test_a_bed_and_breakfast_in_the_demo_is_typed_as_one_and_a_family_past_six_weeks_is_flagged():
    in_use = views_casework.placements_in_use(today=DEMO_DAY)
    # a B&B is typed as B&B (the six-week rule reads the type, not the address)
    named_bnb = in_use[in_use["address"].str.contains("B&B")]
    assert set(named_bnb["type"]) <= {"Bed and breakfast"}
    typed_bnb = in_use[in_use["type"] == "Bed and breakfast"]
    assert typed_bnb["address"].str.contains("B&B").all()
    # and the TA screen has a family past the Suitability Order's six weeks to show
    families_over = in_use[(in_use["type"] == "Bed and breakfast") & in_use["family"]
                           & (in_use["bnb_status"] == "over the limit")]
    assert not families_over.empty and (families_over["nights"] > 42).all()
