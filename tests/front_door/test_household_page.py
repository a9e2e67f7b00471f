"""An officer holding only a letter's reference finds the household, opens its record, and goes
on to the case; every case record links back to its household."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from logic.cases import views
from pages import _keys
from tests.pages.conftest import signed_in_app


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _a_homelessness_case() -> tuple[str, str]:
    case = views.open_cases("homelessness").iloc[0]
    return case["reference"], case["applicant"]


def test_the_reference_on_a_letter_finds_the_household_whose_record_opens_and_leads_to_the_case(demo_store):
    case_reference, applicant = _a_homelessness_case()
    app = signed_in_app("officer")
    app.switch_page("pages/find_household.py")
    app.run()
    app.text_input(key="find_household_text").input(case_reference)
    app.button(key="FormSubmitter:find_household_form-Search").click()
    app.run()
    assert not app.exception, _errors(app)
    found = [b for b in app.button if b.key.startswith("find_household_open_")]
    assert len(found) == 1, [m.value for m in app.markdown]

    found[0].click()
    app.run()
    assert not app.exception, _errors(app)
    household_reference = app.title[0].value.split(" · ")[0]
    assert household_reference.startswith("HH-") and app.title[0].value.endswith(applicant)
    assert any(b.label == case_reference for b in app.button)

    # AppTest stays on the page it was switched to, so open the record as a bookmark would
    app.query_params["ref"] = household_reference
    app.switch_page("pages/household.py")
    app.run()
    app.button(key=f"household_case_{case_reference}").click()
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value.startswith(case_reference)
    links = [link for link in app.get("page_link") if "Household record" in link.proto.label]
    assert links and links[0].proto.page.endswith("household")


def test_a_trainee_has_no_household_record_and_no_link_to_one(demo_store):
    app = signed_in_app("trainee")
    trainee_id = app.session_state[_keys.OFFICER].id
    reference = views.caseload(trainee_id).iloc[0]["reference"]
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value.startswith(reference)
    assert not [link for link in app.get("page_link") if "Household record" in link.proto.label]


def test_intake_links_the_chosen_household_to_its_record(demo_store):
    case_reference, applicant = _a_homelessness_case()
    app = signed_in_app("officer")
    app.switch_page("pages/intake.py")
    app.run()
    app.text_input(key="intake_search_text").input(case_reference)  # the caller reads it off a letter
    app.button(key="FormSubmitter:intake_search_form-Search").click()
    app.run()
    used = [b for b in app.button if b.key and b.key.startswith("intake_use_")]
    assert len(used) == 1
    used[0].click()
    app.run()
    assert not app.exception, _errors(app)
    links = [link for link in app.get("page_link") if "Household record HH-" in link.proto.label]
    assert len(links) == 1 and links[0].proto.page.endswith("household")


def test_the_household_record_lists_its_contacts_in_words(demo_store):
    from sqlmodel import select

    from logic.common import codes
    from logic.db import session_scope
    from logic.front_door import household_record
    from logic.models import Contact

    app = signed_in_app("officer")
    with session_scope() as session:
        household_id = session.exec(select(Contact.household_id).where(Contact.household_id.is_not(None))).first()
    record = household_record.open_household_record(household_id=household_id,
                                                    viewer_id=app.session_state[_keys.OFFICER].id)
    assert record.contacts, "the demo household has contacts"
    assert {c.channel for c in record.contacts} <= set(codes.CONTACT_CHANNELS.options().values())
