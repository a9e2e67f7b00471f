"""A manager looks through the team's open cases and the audit log, and takes the week's audit
log away as a file: each screen's opening is one entry in the audit log, however many filters
and pages are clicked through, and the file is an entry of its own, made when it is asked for.

An officer searches for a person by name; the administrator, who manages accounts and may not
see case data, reads that a search was made, never the name searched for, on screen or in the
file. The manager reads it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from logic.db import session_scope
from logic.models.core import AuditLog
from pages import _keys
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _entries(actor_id: int, action: str, entity: str) -> list[AuditLog]:
    with session_scope() as session:
        return list(session.exec(select(AuditLog).where(
            AuditLog.actor_id == actor_id, AuditLog.action == action, AuditLog.entity == entity)).all())


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _shown(app):
    return next(d.value for d in app.dataframe if "entity_id" in d.value.columns)


def test_the_open_cases_list_is_recorded_once_an_opening_whatever_filters_are_clicked():
    app = signed_in_app("manager")
    manager = app.session_state[_keys.OFFICER]
    app.switch_page("pages/open_cases.py")
    app.run()
    assert not _problems(app), _problems(app)
    assert len(_entries(manager.id, "view", "open_cases")) == 1
    for case_type in ("homelessness", "register", None):
        app.selectbox(key="open_cases_type").set_value(case_type)
        app.run()
    assert not _problems(app), _problems(app)
    assert len(_entries(manager.id, "view", "open_cases")) == 1

    app.switch_page("pages/my_cases.py")
    app.run()
    app.switch_page("pages/open_cases.py")
    app.run()
    assert len(_entries(manager.id, "view", "open_cases")) == 2


def test_reading_the_audit_log_is_recorded_once_and_each_file_made_from_it_is_recorded():
    app = signed_in_app("manager")
    manager = app.session_state[_keys.OFFICER]
    app.switch_page("pages/audit_log.py")
    app.run()
    assert not _problems(app), _problems(app)
    app.date_input(key="audit_since").set_value(DEMO_DAY - timedelta(days=30))
    app.run()
    app.selectbox(key="audit_action").set_value("sign_in")
    app.run()
    assert len(_entries(manager.id, "view", "audit_log")) == 1
    assert _entries(manager.id, "export", "audit_log") == []  # nothing made until asked for

    app.button(key="audit_csv_prepare").click()
    app.run()
    assert not _problems(app), _problems(app)
    exports = _entries(manager.id, "export", "audit_log")
    assert len(exports) == 1
    assert exports[0].detail == f"{DEMO_DAY - timedelta(days=30)} to {DEMO_DAY}"
    csv = app.session_state[_keys.AUDIT_EXPORT][1]
    assert csv.splitlines()[0] == "occurred_at,officer,action,entity,entity_id,detail"
    assert "Signed in" in csv
    app.run()  # a rerun makes no second file
    assert len(_entries(manager.id, "export", "audit_log")) == 1
    assert len(_entries(manager.id, "view", "audit_log")) == 1


def _officer_searches_for(name: str) -> None:
    app = signed_in_app("officer")
    app.switch_page("pages/find_household.py")
    app.run()
    app.text_input(key="find_household_text").input(name)
    app.button(key="FormSubmitter:find_household_form-Search").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]


def test_an_administrator_reads_that_a_search_was_made_but_not_the_name_searched_for():
    _officer_searches_for("Mensah")
    with session_scope() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == "search",
                                                   AuditLog.detail.contains("Mensah"))).first()

    admin = signed_in_app("admin")
    admin.switch_page("pages/audit_log.py")
    admin.run()
    assert not _problems(admin), _problems(admin)
    shown = _shown(admin)
    searches = shown[shown["action"] == "Searched"]
    assert len(searches) == 1
    assert list(searches["detail"]) == ["search terms withheld"]
    assert "Mensah" not in shown.to_csv()
    admin.button(key="audit_csv_prepare").click()
    admin.run()
    assert "Mensah" not in admin.session_state[_keys.AUDIT_EXPORT][1]

    manager = signed_in_app("manager")
    manager.switch_page("pages/audit_log.py")
    manager.run()
    shown = _shown(manager)
    assert "Mensah" in " ".join(shown[shown["action"] == "Searched"]["detail"])
