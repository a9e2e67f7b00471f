"""The staff screens meet WCAG 2.2 AA (Public Sector Bodies Accessibility Regulations 2018).

Each screen is opened in a real browser over the demo store and audited with axe-core
(tests/browser/accessibility.py): no serious or critical violation, apart from the few that
Streamlit itself renders (listed, each with its rule, selector and reason, in
`accessibility.STREAMLIT_OWN`). Every screen's findings are written to
test-artifacts/a11y/<screen>.json, an empty list when it passes. An officer who works by
keyboard alone can sign in: Tab reaches the username, the password and the button, and Enter
signs in.

To audit more screens (the public app's, say), add a row to SCREENS or call
`serious_violations(page)` from another test.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from logic import clock
from tests.browser.accessibility import describe, serious_violations, write_report
from tests.browser.helpers import (
    MAIN,
    NAV_LINK,
    TIMEOUT_MS,
    goto,
    login_form_visible,
    main_text,
    sign_in,
    wait_settled,
)
from tests.support import ARTIFACTS_DIR

pytestmark = pytest.mark.browser

REPORTS = ARTIFACTS_DIR / "a11y"
# a manager opens every screen below (the audit log included); the sign-in form is signed out
WHO = ("maya.manager", "hearth-demo-2026")

# (screen, address under the app ({case}: a demo case's reference), the tab to open or None)
SCREENS = [
    ("sign-in", None, None),
    ("home", "", None),
    ("intake", "intake", None),
    ("find-household", "find-household", None),
    ("my-caseload", "my-cases", None),
    ("dates-due", "deadlines", None),
    ("case-record", "case?ref={case}", None),
    ("household", "household?ref=HH-000001", None),
    ("letters", "letters?ref={case}", None),
    ("register-application", "register-application", None),
    ("workload-dashboard", "workload", None),
    ("compliance", "compliance", None),
    ("data-protection-retention", "data-requests", "Retention"),
    ("audit-log", "audit-log", None),
]

_demo_case: dict[str, str] = {}


def demo_case_reference(page: Page, base_url: str) -> str:
    """The reference of the demo's first household's case, read from its household record."""
    if base_url not in _demo_case:
        goto(page, f"{base_url}/household?ref=HH-000001")
        page.get_by_role("tab", name="Cases").click()
        wait_settled(page)
        _demo_case[base_url] = re.search(r"\bH[LR]-\d{6}\b", main_text(page)).group(0)
    return _demo_case[base_url]


@pytest.mark.parametrize(("screen", "address", "tab"), SCREENS, ids=[s[0] for s in SCREENS])
def test_the_screen_has_no_serious_accessibility_violation(
    served_app: str, page: Page, screen: str, address: str | None, tab: str | None
) -> None:
    """An officer using a screen reader, a keyboard or a phone-sized magnifier meets nothing on
    this screen that WCAG 2.2 AA calls serious or critical."""
    if address is None:
        goto(page, served_app)
        assert login_form_visible(page)
    else:
        sign_in(page, served_app, *WHO)
        if "{case}" in address:
            address = address.format(case=demo_case_reference(page, served_app))
        goto(page, f"{served_app}/{address}")
        expect(page.locator(MAIN)).not_to_contain_text("Page not found")
        if tab is not None:
            page.locator(MAIN).get_by_role("tab", name=tab).click()
            wait_settled(page)
    found = serious_violations(page)
    write_report(found, REPORTS / f"{screen}.json")
    assert not found, f"{screen}: serious or critical WCAG 2.2 AA violations:\n{describe(found)}"


def test_intake_through_triage_to_the_saved_contact_has_no_serious_violation(
    served_app: str, page: Page
) -> None:
    """A phone call taken at the front door: the new household's details, triage's questions,
    the recommended route with the engine's assumptions, and the saved contact; audited at
    each step, because most of Hearth's own markup appears only once the officer has acted."""
    from tests.browser.test_journey import Journey

    j = Journey(page)
    sign_in(page, served_app, *WHO)
    goto(page, f"{served_app}/intake")
    j.main.get_by_text("Not known to us: enter a new household").click()
    wait_settled(page)
    j.fill("First name", "Ada")
    j.fill("Surname", "Okonkwo-Reyes")
    j.date("Date of birth", date(1994, 7, 3),
           within=j.main.locator('[data-testid="stForm"]', has_text="Check for duplicates"))
    j.fill("Phone", "07700 900456")
    j.fill("Address (where they are now)", "3 Mill Lane")
    j.fill("Town", "Hearthton")
    j.fill("Postcode", "HT2 5RS")
    steps = {"intake-new-household": serious_violations(page)}
    j.click("Check for duplicates")
    j.see("3 · Triage")
    expires = clock.today() + timedelta(days=40)  # the served app runs on today's date
    j.tick("Are they likely to lose their home?")
    j.date("When", expires)
    j.tick("Have they been given a section 21 (no-fault) notice?")
    j.date("It expires on", expires)
    j.radio("Is it valid?", "Yes")
    j.choose("Immigration status", "British or Irish citizen")
    j.choose("Where do they live now?", "Private rented: self-contained")
    j.see("Recommended:")
    steps["intake-triage-recommended"] = serious_violations(page)
    j.fill("Summary of the contact", "Section 21 notice served; she has nowhere to go.")
    j.click("Save the contact and confirm the route")
    j.see("opened")
    steps["intake-saved"] = serious_violations(page)

    for step, found in steps.items():
        write_report(found, REPORTS / f"{step}.json")
    failing = {step: describe(found) for step, found in steps.items() if found}
    assert not failing, "\n".join(f"{step}:\n{text}" for step, text in failing.items())


def test_an_officer_signs_in_by_keyboard_alone(served_app: str, page: Page) -> None:
    """No mouse: Tab from the top of the page reaches the username (typed), then the password
    (typed), then the Sign in button, in that order; Enter on the button signs in."""
    goto(page, served_app)
    fields = {"username": page.get_by_label("Username", exact=True),
              "password": page.get_by_label("Password", exact=True),
              "button": page.get_by_role("button", name="Sign in")}
    typed = {"username": WHO[0], "password": WHO[1]}

    reached: list[str] = []
    for _ in range(20):  # Streamlit's own controls come first; 20 presses are plenty
        page.keyboard.press("Tab")
        focused = next((name for name, field in fields.items()
                        if field.evaluate("e => e === document.activeElement")), None)
        if focused and focused not in reached:
            reached.append(focused)
            if focused in typed:
                page.keyboard.type(typed[focused])
        if focused == "button":
            break
    assert reached == ["username", "password", "button"], f"Tab reached {reached}"
    expect(fields["button"]).to_be_focused()

    page.keyboard.press("Enter")
    page.locator(NAV_LINK).first.wait_for(timeout=TIMEOUT_MS)
    wait_settled(page)
    assert not login_form_visible(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


_STREAMLIT_LIKE = """
<html lang="en"><head><title>allow-list check</title></head><body><main>
  <h1>Allow-list check</h1>
  <div data-testid="stSidebarNav"><ul data-testid="stSidebarNavItems">
    <div><header>Front door</header><li><a href="#intake">Intake</a></li></div>
  </ul></div>
  <div id="hearth-own"><ul><div><li><a href="#x">A list Hearth got wrong</a></li></div></ul></div>
  <p style="color:#aaaaaa">Grey text Hearth chose</p>
</main></body></html>
"""


def test_the_allow_list_hides_only_streamlits_own_elements(page: Page) -> None:
    """The allow-list is a rule on one of Streamlit's elements, never a whole rule: the same
    broken list markup in Hearth's own HTML, and faint text, are still reported."""
    page.set_content(_STREAMLIT_LIKE)
    found = {v["id"]: [n["target"] for n in v["nodes"]] for v in serious_violations(page)}
    assert [t.startswith("#hearth-own") for t in found.get("list", [])] == [True], found
    assert [t.startswith("#hearth-own") for t in found.get("listitem", [])] == [True], found
    assert "color-contrast" in found
    assert not any("stSidebarNav" in t for targets in found.values() for t in targets)
