"""One household, end to end, in a real browser (issue 12, "Done when").

A phone call from a pregnant woman served with a section 21 notice: triage at the front door,
the s.189A assessment that starts from triage's facts (confirmed, typed nothing twice),
prevention with a plan (steps for both sides), the prevention letter (its PDF read: the
engine's reasons, the dates, the s.195(6) wording), the notification recorded by issuing it,
relief, relief day 57 and the s.184 decision letter, and the register application whose band
reflects the duty (band A: the scheme's band for a household owed the main housing duty).

The served app's clock is held at a day (tests/support/fixed_clock_app.py) and the server is
restarted on the same store at a later day to move the case on in time.

Screenshots of every step: test-artifacts/journey/NN_step.png
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    MAIN,
    TIMEOUT_MS,
    full_page_screenshot,
    goto,
    sign_in,
    wait_settled,
)
from tests.support import ARTIFACTS_DIR
from tests.support.served_app import serve_app

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS_DIR / "journey"
DAY_ONE = date(2026, 12, 1)  # the phone call
NOTICE_EXPIRES = DAY_ONE + timedelta(days=40)  # a section 21 notice expiring within 56 days
GIVEN, FAMILY = "Rowena", "Quillfeather"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def words(day: date) -> str:
    return day.strftime("%-d %b %Y")


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages).split())


class Journey:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.n = 0

    @property
    def main(self):
        return self.page.locator(MAIN)

    def shot(self, name: str) -> None:
        self.n += 1
        full_page_screenshot(self.page, SHOTS / f"{self.n:02d}_{name}.png")

    def see(self, text: str) -> None:
        try:
            expect(self.main.get_by_text(text, exact=False).first).to_be_visible(timeout=TIMEOUT_MS)
        except AssertionError:
            self.shot("FAILED")
            raise

    def click(self, name: str, *, exact: bool = True) -> None:
        self.main.get_by_role("button", name=name, exact=exact).first.click()
        wait_settled(self.page)

    def tick(self, label: str) -> None:
        box = self.main.locator('[data-testid="stCheckbox"]', has_text=label).first
        box.locator("label").first.click()
        wait_settled(self.page)

    def fill(self, label: str, text: str) -> None:
        self.main.get_by_label(label, exact=True).first.fill(text)

    def type_in(self, label: str, text: str) -> None:
        """Fill a text input outside a form and let the rerun happen."""
        field = self.main.get_by_label(label, exact=True).first
        field.fill(text)
        field.press("Tab")
        wait_settled(self.page)

    def date(self, label: str, day: date, *, within=None) -> None:
        """A date field (day, month, year segments): type the digits into its first segment."""
        field = (within or self.main).get_by_label(label, exact=True).first
        field.locator('[role="spinbutton"]').first.click()
        self.page.keyboard.type(dmy(day).replace("/", ""))
        self.page.keyboard.press("Tab")
        wait_settled(self.page)

    def choose(self, label: str, option: str) -> None:
        """A selectbox: open it by its label, pick the option by its words."""
        box = self.main.locator('[data-testid="stSelectbox"]', has_text=label).first
        if option in box.get_by_role("combobox").first.input_value():
            return  # already chosen
        box.get_by_role("combobox").first.click()
        self.page.keyboard.type(option)  # a long list renders only what fits: filter it
        self.page.get_by_role("option", name=option, exact=False).first.click()
        wait_settled(self.page)

    def pick(self, label: str, option: str) -> None:
        """A multiselect: open it by its label, add the option by its words."""
        box = self.main.locator('[data-testid="stMultiSelect"]', has_text=label).first
        box.get_by_role("combobox").first.click()
        self.page.keyboard.type(option)
        self.page.get_by_role("option", name=option, exact=False).first.click()
        self.page.keyboard.press("Escape")
        wait_settled(self.page)

    def radio(self, label: str, option: str) -> None:
        group = self.main.locator('[data-testid="stRadio"]', has_text=label).first
        group.get_by_text(option, exact=True).click()
        wait_settled(self.page)

    def tab(self, name: str) -> None:
        self.main.get_by_role("tab", name=name, exact=True).first.click()
        wait_settled(self.page)


def test_one_household_from_a_phone_call_to_the_register(
        tmp_path_factory: pytest.TempPathFactory, browser) -> None:
    from logic.seed import DEMO_ACCOUNTS

    store = tmp_path_factory.mktemp("journey")
    username, password = DEMO_ACCOUNTS["senior"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    def new_page():
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London", accept_downloads=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        return ctx, ctx.new_page()

    # --- day 1: the phone call ----------------------------------------------------------
    with serve_app(store, today=DAY_ONE) as base:
        ctx, page = new_page()
        j = Journey(page)
        sign_in(page, base, username, password)
        goto(page, f"{base}/intake")
        j.see("1 · The contact")
        j.main.get_by_text("Not known to us: enter a new household").click()
        j.fill("First name", GIVEN)
        j.fill("Surname", FAMILY)
        j.date("Date of birth", date(1996, 4, 12),
               within=j.main.locator('[data-testid="stForm"]', has_text="Check for duplicates"))
        j.fill("Phone", "07700 900123")
        j.fill("Address (where they are now)", "14 Orchard Row")
        j.fill("Town", "Hearthton")
        j.fill("Postcode", "HT1 4QR")
        j.shot("new_household")
        j.click("Check for duplicates")
        j.see("New household")
        j.see("3 · Triage")
        j.tick("Are they likely to lose their home?")
        j.date("When", NOTICE_EXPIRES)
        j.tick("Have they been given a section 21 (no-fault) notice?")
        j.date("It expires on", NOTICE_EXPIRES)
        j.radio("Is it valid?", "Yes")
        j.choose("Immigration status", "British or Irish citizen")
        j.choose("Where do they live now?", "Private rented: self-contained")
        j.tick(f"{GIVEN} {FAMILY} is pregnant")
        j.see("Recommended:")
        j.fill("Summary of the contact", "Section 21 notice served by her landlord; she is "
                                         "expecting her first child in the spring.")
        j.shot("triage")
        j.click("Save the contact and confirm the route")
        j.see("opened")
        j.shot("intake_saved")
        j.click("Open the case record")
        j.see("Homelessness casework")
        j.shot("case_record")
        reference = page.url.split("ref=")[-1]
        assert reference.startswith("HL-"), page.url

        # the s.189A assessment starts from triage's facts: confirmed, not typed again
        j.click("Record an assessment")
        j.see("Check with the engine")
        form = j.main.locator('[data-testid="stForm"]', has_text="Check with the engine")
        expect(form.get_by_role("combobox", name="Immigration status")).to_have_value(
            "British or Irish citizen")
        expect(form.locator('[data-testid="stCheckbox"]', has_text="Valid section 21 notice served")
               .locator("input")).to_be_checked()
        expect(form.get_by_label("Notice expires on", exact=True)).to_contain_text(
            NOTICE_EXPIRES.strftime("%Y"))
        j.fill("Circumstances that caused the homelessness or threat",
               "Her landlord served a section 21 notice to sell the flat.")
        j.fill("Housing needs (what accommodation would be suitable)",
               "A one or two bedroom home in Hearthton, near her midwife.")
        j.fill("Support needs of the applicant and household", "None beyond the pregnancy.")
        # H-CLIC: where she lives now comes from triage; the rest is asked once, here
        expect(form.get_by_role("combobox", name="Accommodation at application (where they live now)")
               ).to_have_value("Private rented: self-contained")
        j.choose("Accommodation when last settled", "Private rented: self-contained")
        j.choose("Reason for loss (or threat of loss) of the last settled home",
                 "End of assured shorthold tenancy: landlord selling or re-letting")
        j.choose("Applicant's employment", "Part-time work")
        j.pick("Support needs of the household (H-CLIC categories)", "No support needs")
        j.shot("assessment_from_triage")
        j.click("Check with the engine")
        j.see("The engine's determination and your decision")
        assert "You have changed what triage recorded" not in j.main.inner_text()
        j.shot("assessment_determination")
        j.click("Save assessment")
        j.see("Assessment saved.")

        # prevention, with a plan: steps for both sides
        j.see("Move the case on")
        j.choose("Next stage", "Prevention duty")
        j.fill("Officer's reason", "Threatened with homelessness within 56 days: prevention.")
        j.click("Move the case")
        j.see("Case moved to")
        expect(j.main.get_by_label("Officer's reason", exact=True).first).to_have_value("")  # the move took it
        j.shot("prevention")
        j.tab("Housing plan")
        for owner, step in (("Applicant", "Apply to the three letting agents on the list"),
                            ("Council", "Ask the landlord to delay the sale by two months")):
            j.radio("For", owner)
            j.fill("Step", step)
            j.click("Add step")
            j.see("Step added.")
            # the officer is still on the plan, its Step box empty for the next one
            expect(j.main.get_by_role("tab", name="Housing plan", exact=True).first).to_have_attribute(
                "aria-selected", "true")
            expect(j.main.get_by_label("Step", exact=True).first).to_have_value("")
        j.shot("plan")

        # the prevention letter: built from the case, its PDF read
        j.main.get_by_role("tab", name="Letters", exact=True).last.click()
        wait_settled(page)
        j.click("Write a letter")
        j.see("Write a letter")
        j.choose("Letter", "Prevention duty owed")
        j.click("Preview")
        with page.expect_download() as download:
            j.main.get_by_role("button", name="Download the preview (PDF)").click()
        text = pdf_text(download.value.path())
        j.shot("prevention_letter_preview")
        # the dates: the duty's start, the 56 days, the notice's expiry, the plan review
        assert f"section 195(2) of the Housing Act 1996 from {long(DAY_ONE)}" in text, text
        assert f"which expires on {long(NOTICE_EXPIRES)}" in text, text
        assert f"even after {long(DAY_ONE + timedelta(days=55))}" in text, text
        # s.195(6): the notice bars ending the duty at 56 days
        assert ("we cannot end the prevention duty on the ground that 56 days have passed"
                in text), text
        assert "(section 195(6) of the Housing Act 1996)" in text, text
        # the engine's cited reasons and the officer's recorded decision
        assert "Why we decided this" in text
        assert (f"We assessed your circumstances on {long(DAY_ONE)} and decided: eligible for "
                "assistance: yes; homeless or threatened: threatened with homelessness; duty "
                "owed: prevention duty.") in text, text
        assert ("so you are threatened with homelessness. (Housing Act 1996 s.175(4))"
                in text), text
        assert "Priority need and intentionality do not affect this duty. (Housing Act 1996 " \
               "s.195(2))" in text, text
        assert "14 Orchard Row Hearthton HT1 4QR" in text  # the household, as intake took it
        j.click("Issue letter")
        j.see("issued and recorded on the case")
        j.shot("prevention_letter_issued")

        # the notification is recorded by issuing it: nothing typed again
        goto(page, f"{base}/case?ref={reference}")
        j.see(f"Duty notified in writing on {words(DAY_ONE)}")
        assert j.main.get_by_role("button", name="Record notification").count() == 0
        j.shot("notified")
        ctx.close()

    # --- the day after the notice expired: homeless, relief ---------------------------------
    homeless_on = NOTICE_EXPIRES + timedelta(days=1)
    with serve_app(store, today=homeless_on, seed=False) as base:
        ctx, page = new_page()
        j.page = page
        sign_in(page, base, username, password)
        goto(page, f"{base}/case?ref={reference}")
        j.click("Record a reassessment")
        j.see("Check with the engine")
        j.tick("Has accommodation they are entitled to occupy")
        j.fill("Circumstances that caused the homelessness or threat",
               "The notice expired and the landlord took the flat back.")
        # the s.189A(1) answers start from the last assessment: what has not changed (her
        # support needs) is confirmed as it stands, not typed again
        expect(j.main.get_by_label("Support needs of the applicant and household", exact=True)
               .first).to_have_value("None beyond the pregnancy.")
        j.fill("Housing needs (what accommodation would be suitable)",
               "Now homeless: a one or two bedroom home in Hearthton.")
        j.click("Check with the engine")
        j.see("The engine's determination and your decision")
        j.shot("reassessment_homeless")
        j.click("Save assessment")
        j.see("Assessment saved.")
        j.choose("Next stage", "Relief duty")
        j.fill("Officer's reason", "Homeless since the notice expired: relief.")
        j.click("Move the case")
        j.see("Case moved to")
        j.shot("relief")
        ctx.close()

    # --- relief day 57: the main duty decision and the s.184 letter -------------------------
    day_57 = homeless_on + timedelta(days=56)
    with serve_app(store, today=day_57, seed=False) as base:
        ctx, page = new_page()
        j.page = page
        sign_in(page, base, username, password)
        goto(page, f"{base}/case?ref={reference}")
        j.see("Day of 56")
        j.choose("Next stage", "Main duty decision")
        j.fill("Officer's reason", "The relief duty's 56 days have ended.")
        j.click("Move the case")
        j.see("Case moved to")
        j.choose("Next stage", "Main housing duty")
        j.fill("Officer's reason", "Homeless, in priority need (pregnant), not intentionally so.")
        j.click("Move the case")
        j.see("Case moved to")
        j.shot("main_duty")
        goto(page, f"{base}/letters?ref={reference}")
        j.choose("Letter", "Section 184 decision: main housing duty accepted")
        j.click("Preview")
        with page.expect_download() as download:
            j.main.get_by_role("button", name="Download the preview (PDF)").click()
        text = pdf_text(download.value.path())
        assert f"Date: {long(day_57)}" in text, text
        assert "we owe you the main housing duty under section 193(2)" in text, text
        assert (f"The relief duty began on {long(homeless_on)}; its 56 days ended on "
                f"{long(day_57 - timedelta(days=1))}, and today is day 57") in text, text
        assert "You are pregnant, so you have a priority need. (Housing Act 1996 s.189(1)(a))" \
            in text, text
        assert "intentionally homeless: no" in text, text
        j.shot("s184_letter_preview")
        j.click("Issue letter")
        j.see("issued and recorded on the case")
        j.shot("s184_letter_issued")

        # the register application: the band reads the household's duty (s.166A(3)(b))
        goto(page, f"{base}/register-application")
        j.see("Start a new application")
        j.type_in("Find the household", FAMILY)  # a search, not a list of every household
        j.choose("Household", f"{GIVEN} {FAMILY}")
        j.click("Open the application")
        j.see("opened")
        j.tab("Assessment")
        j.see("Engine's band")
        j.shot("register_assessment")
        band = j.main.locator('[data-testid="stMetric"]', has_text="Engine's band").first
        expect(band).to_contain_text("A")  # the scheme's band for the main housing duty
        j.see("You are placed in band A (Urgent need) because you are owed the main housing duty.")
        j.click("Record the decision")
        expect(j.main.locator('[data-testid="stMetric"]', has_text="Band").first).to_contain_text("A")
        j.shot("register_band")
        ctx.close()
