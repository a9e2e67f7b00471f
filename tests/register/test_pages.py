"""The register screens as officers use them (AppTest over the real app and a seeded store)."""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from logic.navigation import pages_for
from logic.register import views as views_register
from tests.pages.conftest import signed_in_app


def _problems(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _table(app: AppTest, column: str):
    """The table with this column (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _open(app: AppTest, page: str, ref: str | None = None) -> AppTest:
    if ref:
        app.query_params["ref"] = ref
    app.switch_page(page)
    app.run()
    assert not app.exception, _problems(app)
    return app


def test_trainees_have_no_register_screens_and_officers_have_all_three():
    assert not {"register-application", "register-renewals", "lettings"} & {
        p.url_path for p in pages_for("trainee")}
    assert {"register-application", "register-renewals", "lettings"} <= {
        p.url_path for p in pages_for("officer")}


def test_an_officer_assesses_an_application_and_confirms_the_engine(demo_store):
    waiting = views_register.register_case_choices(stage="assessment", limit=10_000)
    ref = waiting[waiting["band"].isna()].iloc[0]["reference"]
    app = _open(signed_in_app("officer"), "pages/register_application.py", ref)
    assert app.title[0].value == "Register application"
    labels = [m.label for m in app.metric]
    assert {"Eligible (s.160ZA)", "Qualifies", "Bedroom need", "Band"} <= set(labels)
    engine_band = next(m.value for m in app.metric if m.label == "Engine's band")

    app.button(key="FormSubmitter:register_decision_form-Record the decision").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success[0].value == "Decision recorded."
    assert next(m.value for m in app.metric if m.label == "Band") == engine_band
    history = " ".join(e.label for e in app.expander)
    assert "Officer's assessment · Engine confirmed" in history


def test_an_override_without_a_reason_is_refused_naming_the_field(demo_store):
    waiting = views_register.register_case_choices(stage="assessment", limit=10_000)
    ref = waiting[waiting["band"].isna()].iloc[0]["reference"]
    app = _open(signed_in_app("senior"), "pages/register_application.py", ref)
    app.radio(key="register_decision").set_value("override")
    app.selectbox(key="register_override_band").set_value("A")
    app.button(key="FormSubmitter:register_decision_form-Record the decision").click()
    app.run()
    assert any(e.value.startswith("Reason for the override (recorded on the case): ")
               for e in app.error), _problems(app)
    assert not any("override_reason" in e.value for e in app.error)  # the label, never the code
    assert next(m.value for m in app.metric if m.label == "Stage") == "Assessment"


def test_an_officer_starts_a_new_application(demo_store):
    app = _open(signed_in_app("officer"), "pages/register_application.py")
    assert app.selectbox(key="register_case_choice_new").value is None
    app.number_input(key="register_new_years_resident_last_5").set_value(3)
    app.button(key="FormSubmitter:register_new_form-Open the application").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success and app.success[0].value.startswith("Application HR-")
    assert next(m.value for m in app.metric if m.label == "Stage") == "Assessment"


def test_the_shortlist_shows_each_place_with_its_reason_and_a_nomination_is_made(demo_store):
    adverts = views_register.adverts()
    closed = adverts[adverts["status"] == "closed"].iloc[0]
    app = _open(signed_in_app("officer"), "pages/lettings.py")
    assert app.title[0].value == "Lettings"
    app.selectbox(key="lettings_advert").set_value(int(closed["id"]))
    app.run()
    shortlist = _table(app, "Why here")
    assert list(shortlist["Position"]) == list(range(1, len(shortlist) + 1))
    assert shortlist["Why here"].str.contains("Band ").all()
    assert "Position 1" in " ".join(m.value for m in app.markdown)  # the seeded nomination


def test_bidding_closes_and_the_shortlist_is_kept_as_drawn(demo_store):
    adverts = views_register.adverts("open")
    with_bids = adverts[adverts["bids"] > 0].iloc[0]
    app = _open(signed_in_app("manager"), "pages/lettings.py")
    app.selectbox(key="lettings_advert").set_value(int(with_bids["id"]))
    app.run()
    live = _table(app, "Why here")
    app.button(key="lettings_close").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success[0].value == "Bidding closed; shortlist drawn."
    kept = _table(app, "Why here")
    assert list(kept["Case"]) == list(live["Case"])
    app.button(key="FormSubmitter:lettings_nominate_form-Record the nomination").click()
    app.run()
    assert app.success[0].value == "Nomination recorded.", _problems(app)


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_the_renewals_screen_shows_the_queue_and_only_managers_get_housekeeping(demo_store, role):
    app = _open(signed_in_app(role), "pages/register_renewals.py")
    assert app.title[0].value == "Register renewals"
    buttons = {b.key for b in app.button}
    assert ("register_housekeeping_run" in buttons) == (role == "manager")
    if role == "manager":
        app.button(key="register_housekeeping_run").click()
        app.run()
        assert not app.exception, _problems(app)
        assert app.success[0].value.startswith("Checked ")


class _HeldByTheBrowser(Selectbox):
    """A browser keeps the value it last held for a widget under the widget's id and sends it
    with the next rerun; AppTest redraws every widget from the server instead."""

    held: tuple[str, str]

    @property
    def _widget_state(self) -> WidgetState:
        if self.held[0] != self.id:
            return super()._widget_state
        return WidgetState(id=self.id, string_value=self.held[1])


def _as_the_browser_holds_it(widget: Selectbox, widget_id: str, value: str) -> None:
    widget.__class__ = _HeldByTheBrowser
    widget.held = (widget_id, value)


def test_a_decision_on_a_new_application_is_kept_and_shown(demo_store):
    """Start a new application, open it, go to the Assessment tab and record the decision: the
    officer sees the decision confirmed and the band, never "Start a new application"."""
    app = _open(signed_in_app("officer"), "pages/register_application.py")
    chooser = app.selectbox[0]  # "Register case", showing "Start a new application"
    held = (chooser.id, chooser.options[chooser.index or 0])
    app.number_input(key="register_new_years_resident_last_5").set_value(3)
    app.button(key="FormSubmitter:register_new_form-Open the application").click()
    app.run()
    assert not app.exception, _problems(app)
    ref = app.query_params["ref"]
    ref = ref[0] if isinstance(ref, list) else ref
    _as_the_browser_holds_it(app.selectbox[0], *held)
    engine_band = next(m.value for m in app.metric if m.label == "Engine's band")

    app.button(key="FormSubmitter:register_decision_form-Record the decision").click()
    app.run()
    assert not app.exception, _problems(app)
    assert not any(s.value == "Start a new application" for s in app.subheader)
    assert app.success and app.success[0].value == "Decision recorded.", _problems(app)
    assert app.selectbox[0].value == ref
    assert next(m.value for m in app.metric if m.label == "Band") == engine_band
    assert next(m.value for m in app.metric if m.label == "Stage") != "Assessment"
    recorded = views_register.register_case_choices(reference=ref, limit=0).set_index("reference")
    assert recorded.loc[ref, "band"] is not None


def test_an_officer_finds_a_register_case_by_the_applicants_name(demo_store):
    """The chooser searches instead of listing every application the council ever had."""
    every = views_register.register_case_choices(limit=10_000)
    wanted = every.iloc[len(every) // 2]
    app = _open(signed_in_app("officer"), "pages/register_application.py")
    app.text_input(key="register_case_search").input(wanted["applicant"].split()[-1].upper())
    app.run()
    chooser = app.selectbox[0]
    assert chooser.label == "Register case"
    listed = [o for o in chooser.options if o != "Start a new application"]
    assert any(o.startswith(f"{wanted['reference']} · {wanted['applicant']}") for o in listed), listed
    assert all(wanted["applicant"].split()[-1] in o for o in listed)
    assert len(listed) < len(every)


def test_a_new_application_is_started_for_a_household_found_by_name(demo_store):
    homes = views_register.households_without_register_application()
    last = homes.iloc[-1]
    app = _open(signed_in_app("officer"), "pages/register_application.py")
    app.text_input(key="register_new_search").input(last["reference"].lower())
    app.run()
    household = app.selectbox(key="register_new_household")
    assert household.options == [
        f"{last['reference']} · {last['applicant']} · {last['postcode'] or ''}"]
    app.number_input(key="register_new_years_resident_last_5").set_value(3)
    app.button(key="FormSubmitter:register_new_form-Open the application").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success[0].value.startswith("Application HR-")
    assert last["applicant"] in app.caption[0].value


def test_a_bid_is_placed_for_a_household_found_by_name_not_picked_from_every_case(demo_store):
    active = views_register.register_case_choices(stage="active", limit=10_000)
    wanted = active.iloc[-1]
    advert = views_register.adverts("open").iloc[0]
    app = _open(signed_in_app("officer"), "pages/lettings.py")
    app.selectbox(key="lettings_advert").set_value(int(advert["id"]))
    app.run()
    app.text_input(key="lettings_bid_search").input(wanted["reference"])
    app.run()
    assert not app.exception, _problems(app)
    assert app.selectbox(key="lettings_bid_case").options == [
        f"{wanted['reference']} · {wanted['applicant']} · band {wanted['band']} · "
        f"{wanted['bedroom_need']} bedroom(s)"]
