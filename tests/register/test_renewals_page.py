"""A register officer works a long renewals queue: fifty applications a page, earliest due
first; a name or reference finds one application, and the renewal is recorded for it."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from logic.register import service as register
from pages import _keys
from tests.pages.conftest import signed_in_app
from tests.register.helpers import TODAY, apply, assess, new_household


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _queue_table(app):
    return next(d.value for d in app.dataframe if "Grace ends" in d.value.columns)


def test_the_renewals_queue_pages_and_an_application_is_found_by_name_and_renewed(demo_store):
    app = signed_in_app("officer")
    team = SimpleNamespace(officer=app.session_state[_keys.OFFICER].id)
    for _ in range(55):  # registered on 1 Nov 2025: renewal due 1 Nov 2026, in grace today
        assess(team, apply(team, new_household(team), application_date=date(2025, 9, 1)), on=date(2025, 11, 1))
    wanted = apply(team, new_household(team), application_date=date(2025, 9, 1))
    assess(team, wanted, on=date(2025, 11, 2))
    queue = register.renewal_queue(viewer_id=team.officer, today=TODAY)
    assert len(queue) > 56
    reference = next(r.reference for r in queue if r.case_id == wanted)

    app.switch_page("pages/register_renewals.py")
    app.run()
    assert not app.exception, _problems(app)
    first = _queue_table(app)
    assert len(first) == 50
    assert any(c.value == f"Applications 1–50 of {len(queue)}." for c in app.caption)
    assert len(app.selectbox(key="register_renew_case").options) <= 50  # the page's, not the queue's
    app.button(key="register_renewals_next").click()
    app.run()
    assert len(_queue_table(app)) == len(queue) - 50

    app.text_input(key="register_renewals_search").input(reference.lower())
    app.run()
    assert list(_queue_table(app)["Reference"]) == [reference]
    chooser = app.selectbox(key="register_renew_case")
    assert chooser.value == reference and len(chooser.options) == 1
    app.text_area(key=_keys.REGISTER_RENEW_NOTE).input("Confirmed by phone: nothing has changed")
    app.button(key="FormSubmitter:register_renew_form-Record the renewal").click()
    app.run()
    assert not app.exception, _problems(app)
    assert app.success and app.success[0].value == f"{reference} renewed.", _problems(app)
