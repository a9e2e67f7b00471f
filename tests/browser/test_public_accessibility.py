"""The public front door meets WCAG 2.2 AA (Public Sector Bodies Accessibility Regulations 2018),
on a desktop and on a phone (375 x 812), and works by keyboard alone.

A member of the public walks the whole self-assessment on the served public app
(public_app.py): the start page, every question page as it appears, check your answers, what
the answers suggest, contact details and the confirmation; then the duty-to-refer form, and the
summary page opened by the one-time link the confirmation gave (before and after it is shown)
and by a wrong link. Every page is audited with axe-core (tests/browser/accessibility.py): no
serious or critical violation apart from Streamlit's own (`STREAMLIT_OWN`). Each page's
findings are written to test-artifacts/a11y/public/<width>/<NN_page>.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.accessibility import describe, serious_violations, write_report
from tests.browser.helpers import (
    MAIN,
    TIMEOUT_MS,
    full_page_screenshot,
    goto,
    main_text,
    wait_settled,
)
from tests.browser.test_public_journey import PublicJourney
from tests.support import ARTIFACTS_DIR, REPO_ROOT, unavailable
from tests.support.served_app import BaseURL, serve_app

pytestmark = pytest.mark.browser

REPORTS = ARTIFACTS_DIR / "a11y" / "public"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="module")
def public_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseURL]:
    """The public front door served over a fresh demo store, one server for this module."""
    if not (REPO_ROOT / "public_app.py").exists():
        unavailable("public_app.py does not exist on this branch yet")
    store = tmp_path_factory.mktemp("public_a11y")
    # its own inbox (HEARTH_PUBLIC_INBOX, where the public app hands forms once it has one):
    # these forms never reach another test's, nor count towards its limit per sender
    with serve_app(store, script="public_app.py",
                   env={"HEARTH_PUBLIC_INBOX": str(store / "inbox")}) as base:
        yield base


class Audit(PublicJourney):
    """A journey that audits each page as it appears."""

    def __init__(self, page: Page, width: str) -> None:
        super().__init__(page)
        self.width = width
        self.found: dict[str, list] = {}

    def shot(self, name: str) -> None:
        full_page_screenshot(self.page, REPORTS / self.width / f"{self.n:02d}_{name}.png")

    def audit(self, name: str) -> None:
        wait_settled(self.page)
        self.n += 1
        step = f"{self.n:02d}_{name}"
        found = serious_violations(self.page)
        write_report(found, REPORTS / self.width / f"{step}.json")
        self.found[step] = found

    def answer(self, option: str) -> None:
        self.main.locator('[data-testid="stRadio"]').first.get_by_text(option, exact=True).click()
        wait_settled(self.page)

    def question(self, heading: str) -> None:
        expect(self.page.locator(MAIN).locator("h1").first).to_contain_text(heading,
                                                                             timeout=TIMEOUT_MS)
        self.audit(re.sub(r"[^a-z]+", "_", heading.lower()).strip("_"))

    def failures(self) -> str:
        return "\n".join(f"{step}:\n{describe(found)}" for step, found in self.found.items() if found)


def _self_assessment(a: Audit, base: str) -> str:
    """Every question page, in order, audited as it appears; then the pages after them. The
    one-time link to the summary, as the confirmation page gives it."""
    goto(a.page, base)
    a.see("Get help if you are homeless or about to lose your home")
    a.audit("start")
    a.click("Start now")
    a.question("What is your name?")
    a.type_in("Your first name", "Noor")
    a.type_in("Your last name", "Achterberg-Mensah")
    a.click("Continue")
    a.question("What is your date of birth?")
    a.date("Your date of birth", date(1990, 3, 27))
    a.click("Continue")
    a.question("What is your sex?")
    a.answer("Female")
    a.click("Continue")
    a.question("Are you pregnant?")
    a.answer("No")
    a.click("Continue")
    a.question("Do you have somewhere safe to stay tonight?")
    a.answer("Yes")
    a.click("Continue")
    a.question("Where are you living now?")
    a.choose("Where are you living now?", "Private rented: self-contained")
    a.click("Continue")
    a.question("Has your landlord given you a notice to leave?")
    a.answer("Yes")  # the expiry date appears under it: audited with it
    a.audit("notice_with_its_date")
    a.answer("No")
    a.click("Continue")
    a.question("When will you have to leave?")
    a.answer("No, or I have already left")
    a.click("Continue")
    a.question("Are you at risk of abuse?")
    a.answer("No")
    a.click("Continue")
    a.question("Has your home been damaged?")
    a.answer("No")
    a.click("Continue")
    a.question("Is anyone with you at risk of harm?")
    a.answer("No")
    a.click("Continue")
    a.question("What is your immigration status?")
    a.choose("Your immigration status", "British or Irish citizen")
    a.click("Continue")
    a.question("Who lives with you?")
    a.click("Continue")
    a.question("Do you want to move?")
    a.answer("No")
    a.click("Continue")
    a.question("Anything else?")
    a.click("Continue")
    a.see("Check your answers")
    a.audit("check_answers")
    a.click("Continue")
    a.see("What your answers suggest")
    a.audit("result")
    a.click("Continue to send your answers")
    a.see("Your contact details")
    a.audit("contact_details")
    a.fill("Phone number", "07700 900777")
    a.tick("I agree")
    a.click("Send my answers")
    a.see("Your answers have been sent")
    a.audit("confirmation")
    link = re.search(r"https?://\S+/summary\?\S+", main_text(a.page))
    assert link, main_text(a.page)[:2000]
    return link.group(0)


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_public_page_has_no_serious_accessibility_violation(
        public_app: BaseURL, browser, width: str) -> None:
    """Someone using a screen reader, a keyboard or a phone meets nothing on any page of the
    public front door that WCAG 2.2 AA calls serious or critical."""
    ctx = browser.new_context(viewport=VIEWPORTS[width], locale="en-GB", timezone_id="Europe/London")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        a = Audit(ctx.new_page(), width)
        link = _self_assessment(a, public_app)

        goto(a.page, link)
        a.see("This link works once")
        a.audit("summary_by_link")
        a.click("Show my summary")
        a.see("What you told us")
        a.audit("summary_shown")

        goto(a.page, f"{public_app}/summary?ref=ON-999999&token=not-the-token")
        a.click("Show my summary")
        expect(a.page.locator('[data-testid="stAlert"]').first).to_be_visible()
        a.audit("summary_wrong_link")

        goto(a.page, public_app)
        a.click("Make a referral")
        a.see("Refer someone to the housing options team")
        a.audit("duty_to_refer")
        a.click("Send the referral")  # nothing filled in: the form says what is missing
        expect(a.page.locator('[data-testid="stAlert"]').first).to_be_visible()
        a.audit("duty_to_refer_refused")
    finally:
        ctx.close()
    assert len(a.found) >= 22, sorted(a.found)
    assert not a.failures(), f"{width}: serious or critical WCAG 2.2 AA violations:\n{a.failures()}"


def _focused_is(locator) -> bool:
    return bool(locator.count()) and locator.first.evaluate("e => e === document.activeElement")


def _tab_to(page: Page, locator, presses: int = 25) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if _focused_is(locator):
            return
    raise AssertionError(f"Tab did not reach {locator} in {presses} presses")


def test_the_first_question_is_answered_and_left_by_keyboard_alone(
        public_app: BaseURL, browser) -> None:
    """No mouse: Tab reaches Start now (Enter), the first name and last name (typed), Continue
    (Space) moves to the second question; the Back control there is reached by Tab and Enter
    on it returns to the first question, with the name kept."""
    ctx = browser.new_context(viewport=VIEWPORTS["phone"], locale="en-GB", timezone_id="Europe/London")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = ctx.new_page()
        main = page.locator(MAIN)
        goto(page, public_app)
        _tab_to(page, main.get_by_role("button", name="Start now"))
        page.keyboard.press("Enter")
        expect(main.locator("h1").first).to_contain_text("What is your name?")
        wait_settled(page)

        for label, text in (("Your first name", "Ola"), ("Your last name", "Brandtzaeg")):
            field = main.get_by_label(label, exact=True)
            _tab_to(page, field)
            page.keyboard.type(text)
        _tab_to(page, main.get_by_role("button", name="Continue"))
        wait_settled(page)
        page.keyboard.press("Space")
        expect(main.locator("h1").first).to_contain_text("What is your date of birth?")
        wait_settled(page)
        expect(main).to_contain_text("Question 2 of")

        _tab_to(page, main.get_by_role("button", name="Back"))
        page.keyboard.press("Enter")
        expect(main.locator("h1").first).to_contain_text("What is your name?")
        wait_settled(page)
        expect(main.get_by_label("Your first name", exact=True)).to_have_value("Ola")
    finally:
        ctx.close()
