"""The manager's data protection screen: records an erasure request and its refusal under
art.17(3)(b), a legal hold on a closed case, and shows what today's retention dry run lists
(the held case kept, with the hold's words). Officers' words are shown as typed, never as
markdown. Only a manager opens it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from logic.db import engine_for
from logic.navigation import pages_for
from pages import _keys
from tests.letters.helpers import TODAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)
from tests.privacy.test_retention import SEVEN_YEARS_AGO, _closed_on

pytestmark = pytest.mark.usefixtures("demo_store")
IMAGE = "![x](https://tracker.example/pixel.png)"


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _screen():
    app = signed_in_app("manager")
    app.switch_page("pages/data_requests.py")
    app.run()
    assert not app.exception, _errors(app)
    return app


def _a_case() -> tuple[int, str, str]:
    with engine_for().connect() as c:
        case_id, household = c.execute(sa.text(
            "SELECT c.id, h.reference FROM cases c JOIN household h ON h.id = c.household_id "
            "WHERE c.case_type = 'homelessness' ORDER BY c.id LIMIT 1")).one()
    return case_id, _closed_on(case_id, SEVEN_YEARS_AGO), household


def _texts(app) -> str:
    return "\n".join(t.value for t in app.text)


def test_a_manager_records_a_hold_and_sees_the_dry_run_keep_the_case():
    case_id, reference, _ = _a_case()
    app = _screen()
    retention_lines = [s.value for s in app.subheader]
    assert any(line.startswith("Due on 23 Nov 2026: ") for line in retention_lines), retention_lines
    app.text_input(key=_keys.DATA_HOLD_CASE).input(reference.lower())
    app.selectbox(key=_keys.DATA_HOLD_KIND).set_value("legal")
    app.text_area(key=_keys.DATA_HOLD_REASON).input(f"Disrepair claim {IMAGE}")
    app.date_input(key=_keys.DATA_HOLD_ENDS).set_value(TODAY + timedelta(days=90))
    app.button(key=f"FormSubmitter:{_keys.DATA_HOLD_FORM}-Record the hold").click()
    app.run()
    assert not app.exception and not app.error, _errors(app)
    assert "The hold is recorded." in [s.value for s in app.success]
    holds = next(d.value for d in app.dataframe if "Hold" in d.value.columns)
    assert holds.iloc[0].to_dict() == {"Case": reference, "Hold": "Legal hold", "Until": "21 Feb 2027",
                                       "Why": f"Disrepair claim {IMAGE}", "Recorded by": "Maya Chaudhry"}
    due = next(d.value for d in app.dataframe if "Kept because" in d.value.columns)
    row = due[due["Record"] == reference].iloc[0]
    assert row["Kept because"] == f"Legal hold until 21 Feb 2027: Disrepair claim {IMAGE}"
    assert row["Closed"] == SEVEN_YEARS_AGO.strftime("%-d %b %Y")
    assert all(IMAGE not in m.value for m in app.markdown)


def test_a_manager_records_an_erasure_request_and_refuses_it_under_art_17_3_b():
    _, reference, household = _a_case()
    app = _screen()
    app.selectbox(key=_keys.DATA_REQUEST_KIND).set_value("erasure")
    app.text_input(key=_keys.DATA_REQUEST_BY).input("The applicant, by email")
    app.text_input(key=_keys.DATA_REQUEST_HOUSEHOLD).input(household)
    app.text_input(key=_keys.DATA_REQUEST_CASE).input(reference)
    app.text_area(key=_keys.DATA_REQUEST_WHAT).input(f"Delete everything about me {IMAGE}")
    app.button(key=f"FormSubmitter:{_keys.DATA_REQUEST_FORM}-Record the request").click()
    app.run()
    assert not app.exception and not app.error, _errors(app)
    assert "The request is recorded." in [s.value for s in app.success]
    assert f"What they ask: Delete everything about me {IMAGE}" in _texts(app)
    [box] = [e for e in app.expander if e.label.startswith("Request ")]
    assert box.label.endswith(f"Erasure (remove the record), household {household}, received 23 Nov 2026: "
                              "to decide")
    request_id = int(box.label.split()[1].rstrip(":"))
    # refused without a ground: the field is named, nothing saved
    app.selectbox(key=_keys.data_request_widget(request_id, "decision")).set_value("refused")
    app.text_area(key=_keys.data_request_widget(request_id, "reason")).input(
        "The council must keep its Part 7 decisions for six years after closure.")
    app.button(key=f"FormSubmitter:{_keys.data_request_widget(request_id, 'form')}-Record the decision").click()
    app.run()
    assert [e.value for e in app.error][0].startswith("Ground for refusing: choose the ground")
    app.selectbox(key=_keys.data_request_widget(request_id, "ground")).set_value("legal_obligation")
    app.button(key=f"FormSubmitter:{_keys.data_request_widget(request_id, 'form')}-Record the decision").click()
    app.run()
    assert not app.exception and not app.error, _errors(app)
    assert any(s.value.startswith("Decision recorded. Write to the person") for s in app.success)
    shown = _texts(app)
    assert ("Ground for refusing: Kept to comply with a legal obligation (the council's housing duties) "
            "(UK GDPR art.17(3)(b))") in shown
    assert "Decision: Refused by Maya Chaudhry on 23 Nov 2026" in shown
    assert "Reason for the decision: The council must keep its Part 7 decisions" in shown


def test_only_a_manager_opens_the_data_protection_screen():
    assert [r for r in ("trainee", "officer", "senior", "manager", "admin")
            if "data-requests" in {p.url_path for p in pages_for(r)}] == ["manager"]
