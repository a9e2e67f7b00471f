"""Words an officer or an applicant typed are shown as words: a markdown image, a link or an
HTML tag in a note, an address, a reason or a name makes no viewer's browser fetch or follow
anything (issue 17)."""

from __future__ import annotations

import re
from datetime import date

from streamlit.testing.v1 import AppTest

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door import safeguarding
from logic.front_door.households import PersonDetails, add_household
from pages import _keys
from pages._ui import plain
from tests.pages.conftest import signed_in_app

TODAY = date(2026, 11, 30)
TRAP = ('![x](https://evil.example/p.png) [click](javascript:alert(1)) '
        '<img src="https://evil.example/q.png"> **loud** :red[red] www.evil.example')
# what a browser would fetch or follow, were the words rendered as markdown or HTML
UNSAFE = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(|(?<!\\)<img|https://|javascript:|(?<!\\)\*\*loud|www\.evil",
                    re.IGNORECASE)
RENDERED_AS_MARKDOWN = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success",
                        "error", "toast")


def _rendered(app: AppTest) -> list[str]:
    texts = [str(e.value) for kind in RENDERED_AS_MARKDOWN for e in app.get(kind)]
    texts += [e.label for kind in ("expander", "tab", "status") for e in app.get(kind)]
    texts += [o for r in app.radio for o in r.options]
    return texts


def _errors(app: AppTest) -> list[str]:
    return [str(e.value) for e in app.exception]  # (a flag's banner is an st.error)


def _unsafe(app: AppTest) -> list[str]:
    return [t for t in _rendered(app) if UNSAFE.search(t)]


def _a_household_with_a_trap_in_every_box(officer_id: int) -> tuple[str, str]:
    with session_scope() as session:
        household = add_household(
            session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", address_line1=f"Flat 1 {TRAP}",
            people=[PersonDetails("applicant", "Joel", "Mensah", date(1988, 1, 9), "M"),
                    PersonDetails("child", "Ama", "Mensah ![x](https://evil.example/n.png)", date(2019, 4, 2), "F")])
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason=f"Asked to leave {TRAP}", assigned_officer_id=officer_id)
        reference, household_id, household_reference = case.reference, household.id, household.reference
        case_id, version = case.id, case.version
    cases.add_note(case_id=case_id, expected_version=version, author_id=officer_id, body=f"Rang landlord.\n{TRAP}")
    safeguarding.raise_flag(actor_id=officer_id, household_id=household_id, kind="adult_at_risk",
                            details=f"Told us of threats {TRAP}")
    return reference, household_reference


def test_a_note_address_reason_and_name_holding_an_image_and_a_link_show_as_typed_on_every_screen(demo_store):
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, household_reference = _a_household_with_a_trap_in_every_box(officer.id)

    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not _errors(app), _errors(app)
    shown = _rendered(app)
    assert any(plain(f"Rang landlord.\n{TRAP}") in t for t in shown), "the note is shown, as typed"
    assert any(plain(f"Asked to leave {TRAP}") in t for t in shown), "the event's reason is shown, as typed"
    assert any(plain(f"Flat 1 {TRAP}") in t for t in shown), "the address is shown, as typed"
    assert _unsafe(app) == []

    app.query_params["ref"] = household_reference
    app.switch_page("pages/household.py")
    app.run()
    assert not _errors(app), _errors(app)
    assert any(plain(f"Told us of threats {TRAP}") in t for t in _rendered(app))
    assert _unsafe(app) == []

    for screen in ("pages/assessment.py", "pages/letters.py"):
        app.query_params["ref"] = reference
        app.switch_page(screen)
        app.run()
        assert not _errors(app), (screen, _errors(app))
        assert _unsafe(app) == [], screen

    manager = signed_in_app("manager")  # the audit log: the openings above, in a table of words
    manager.switch_page("pages/audit_log.py")
    manager.run()
    assert not _errors(manager), _errors(manager)
    assert manager.dataframe and _unsafe(manager) == []


def test_the_escaped_words_read_back_as_the_officer_typed_them():
    typed = f"Smith-Jones O'Brien, 12 High St.\n# not a heading\n- not a list\n1. not a list {TRAP}"
    escaped = plain(typed)
    assert re.sub(r"\\(.)", r"\1", escaped).replace("  \n", "\n") == typed
    assert "Smith-Jones O'Brien" in escaped
    assert not UNSAFE.search(escaped)
