"""A manager reads the audit log of a large council a page at a time: it opens on the last
week's entries, newest first, fifty a page; an earlier period is reached by its dates, so a
million rows of ten years are never fetched or drawn to answer "who opened this case?"."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from logic.clock import LONDON
from logic.db import session_scope
from logic.models.core import AuditLog, Officer
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def _officer(username: str) -> tuple[int, str]:
    with session_scope() as session:
        return next((o.id, o.full_name) for o in session.query(Officer).filter_by(username=username))


def _rows(app):
    return next(d.value for d in app.dataframe if "entity_id" in d.value.columns)


def test_the_audit_log_opens_on_the_last_week_a_page_at_a_time_and_reaches_back_by_date(demo_store):  # noqa: F811
    olu, olus_name = _officer("olu.officer")
    month_ago = DEMO_DAY - timedelta(days=30)
    with session_scope() as session:
        # this morning Olu opened sixty cases, one a minute; a month ago, one household record
        for n in range(60):
            session.add(AuditLog(occurred_at=_at(DEMO_DAY, 9, n), actor_id=olu, action="view",
                                 entity="case", entity_id=1000 + n))
        session.add(AuditLog(occurred_at=_at(month_ago, 15), actor_id=olu, action="view",
                             entity="household", entity_id=77, detail="opened a month ago"))

    app = signed_in_app("manager")
    app.switch_page("pages/audit_log.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.date_input(key="audit_since").value == DEMO_DAY - timedelta(days=7)
    assert app.date_input(key="audit_until").value == DEMO_DAY
    first = _rows(app)
    assert len(first) == 50  # a page, not every entry
    assert "opened a month ago" not in set(first["detail"].dropna())
    opened = [int(i) for i in first["entity_id"].dropna() if i >= 1000]
    assert opened[:3] == [1059, 1058, 1057]  # newest first (after the manager's own sign-in)

    app.button(key="audit_log_next").click()
    app.run()
    second = _rows(app)
    assert 0 < len(second) < 50  # the rest of this week: the other cases and the sign-in
    assert not set(first["entity_id"].dropna()) & set(second["entity_id"].dropna())
    assert "opened a month ago" not in set(second["detail"].dropna())

    app.date_input(key="audit_since").set_value(month_ago)
    app.date_input(key="audit_until").set_value(month_ago)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    back_then = _rows(app)
    assert list(back_then["detail"]) == ["opened a month ago"]  # and the first page again
    assert list(back_then["officer"]) == [olus_name]
