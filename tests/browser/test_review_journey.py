"""A decision challenged, end to end, in a real browser (issue 15, "Done when").

A single man's relief duty has run its 56 days. His caseworker (Olu, an officer) decides he is
not in priority need and sends the s.184 letter, which gives the right to a review. He asks for
one. Sam, a senior officer who took no part in the decision, takes the review, tells him she is
minded to decide against him despite a deficiency in the original decision (reg 7(2)), hears his
representations, and then overturns the decision: the main housing duty is owed, and the case
follows. Her decision letter carries the right to appeal to the county court (s.204).

The case's history before the decision (assessment, relief, day 57) is built through the same
services the screens call, so the browser walks only the challenge.

Screenshots of every step: test-artifacts/review_journey/NN_step.png
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import TIMEOUT_MS, goto, sign_in, sign_out, wait_settled
from tests.browser.test_journey import Journey, long, pdf_text
from tests.support import ARTIFACTS_DIR
from tests.support.served_app import duckdb_url, init_demo_store, serve_app

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS_DIR / "review_journey"


class ReviewJourney(Journey):
    def shot(self, name: str) -> None:
        from tests.browser.helpers import full_page_screenshot

        self.n += 1
        full_page_screenshot(self.page, SHOTS / f"{self.n:02d}_{name}.png")

    def form(self, submit: str):
        return self.main.locator('[data-testid="stForm"]', has_text=submit).first

    def open_expander(self, title: str) -> None:
        self.main.locator('[data-testid="stExpander"]', has_text=title).first.locator("summary").click()
        wait_settled(self.page)

    def letter_pdf(self, letter: str, fill: dict[str, str] | None = None) -> str:
        """Choose the letter, fill what the case cannot give, preview it (its PDF read), issue it."""
        self.choose("Letter", letter)
        for label, text in (fill or {}).items():
            self.main.get_by_label(label, exact=False).first.fill(text)
        self.click("Preview")
        with self.page.expect_download() as download:
            self.main.get_by_role("button", name="Download the preview (PDF)").click()
        text = pdf_text(download.value.path())
        self.click("Issue letter")
        self.see("issued and recorded on the case")
        return text


def _a_single_man_after_relief_day_57(store, day) -> str:
    """Olu's case: assessed homeless, not in priority need; relief ran 56 days and ended today."""
    import os

    from logic import clock, config, db
    from logic.seed import DEMO_ACCOUNTS
    from tests.letters import helpers

    url = duckdb_url(store / "hearth.duckdb")
    init_demo_store(url, store / "served_app.log")
    before = os.environ.get("HEARTH_DATABASE_URL")
    os.environ["HEARTH_DATABASE_URL"] = url
    config.reload_settings()
    db.dispose_engines()
    try:
        ids = {}
        with db.engine_for().connect() as connection:
            for role in ("officer", "senior", "manager"):
                ids[role] = connection.exec_driver_sql(
                    "SELECT id FROM officer WHERE username = ?", (DEMO_ACCOUNTS[role][0],)).scalar_one()
        team = SimpleNamespace(**ids)
        with clock.fixed(helpers.TODAY):
            case_id = helpers.case_after_relief_day_57(team, decided_on=day, children=0,
                                                       given="Dariusz", family="Kowalczyk")
        with db.engine_for().connect() as connection:
            return connection.exec_driver_sql("SELECT reference FROM cases WHERE id = ?",
                                              (case_id,)).scalar_one()
    finally:
        db.dispose_engines()
        if before is None:
            os.environ.pop("HEARTH_DATABASE_URL", None)
        else:
            os.environ["HEARTH_DATABASE_URL"] = before
        config.reload_settings()


def test_a_not_in_priority_need_decision_reviewed_overturned_and_the_duty_reopened(
        tmp_path_factory: pytest.TempPathFactory, browser) -> None:
    from logic.seed import DEMO_ACCOUNTS
    from tests.letters.helpers import TODAY

    store = tmp_path_factory.mktemp("review_journey")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    reference = _a_single_man_after_relief_day_57(store, TODAY)

    with serve_app(store, today=TODAY, seed=False) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London", accept_downloads=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        j = ReviewJourney(page)

        # --- Olu decides: not in priority need, and sends the s.184 letter ------------------
        sign_in(page, base, *DEMO_ACCOUNTS["officer"])
        goto(page, f"{base}/case?ref={reference}")
        expect(j.main.get_by_role("heading", name="Homelessness casework")).to_be_visible()
        j.choose("Next stage", "No further duty after relief")
        j.fill("Officer's reason", "Homeless and eligible, but not in priority need (s.189(1)).")
        j.click("Move the case")
        j.see("Case moved to")
        j.shot("decided_no_further_duty")
        goto(page, f"{base}/letters?ref={reference}")
        text = j.letter_pdf("Section 184 decision: not in priority need")
        assert "review" in text.lower(), text  # the s.184 letter gives the right to a review
        j.shot("s184_letter_issued")

        # --- he asks for a review within 21 days; Olu records the request ------------------
        asked_on = TODAY
        goto(page, f"{base}/case?ref={reference}")
        j.tab("Reviews and appeals")
        request = j.form("Record the request")
        box = request.locator('[data-testid="stSelectbox"]', has_text="What the review is about").first
        box.get_by_role("combobox").first.click()
        page.keyboard.type("What duty")
        page.get_by_role("option").first.click()
        wait_settled(page)
        j.click("Record the request")
        j.see("Review of")
        j.see(f"Asked on {asked_on.strftime('%-d %b %Y')}")
        j.shot("review_requested")
        sign_out(page)

        # --- Sam, senior and not involved, takes it and is minded to decide against him -----
        sign_in(page, base, *DEMO_ACCOUNTS["senior"])
        goto(page, f"{base}/case?ref={reference}")
        j.tab("Reviews and appeals")
        j.see("No reviewer assigned yet.")
        j.choose("Reviewer", "Sam Whitaker")  # only officers senior to Olu and not involved are offered
        j.click("Assign")
        j.see("Reviewer: Sam Whitaker")
        j.shot("reviewer_assigned")
        j.open_expander("Minded to decide against the applicant")
        j.fill("What the reviewer is minded to decide, and why",
               "That you are not vulnerable: your GP's letter does not describe how your asthma "
               "affects your ability to fend for yourself.")
        j.click("Record the minded-to notice")
        j.see("Minded-to notice")
        j.shot("minded_to_recorded")
        goto(page, f"{base}/letters?ref={reference}")
        text = j.letter_pdf("Review: minded to decide against you", fill={
            "The deficiency or irregularity": "The original decision did not consider the GP's "
                                              "letter about your asthma."})
        assert "representations" in text.lower(), text
        assert "asthma" in text, text
        j.shot("minded_to_letter_issued")

        # --- his representations, and the decision overturned: the main duty is owed --------
        goto(page, f"{base}/case?ref={reference}")
        j.tab("Reviews and appeals")
        j.open_expander("Representations")
        j.choose("Representations", "In writing")
        j.fill("What the applicant said", "A consultant's letter: two admissions to hospital this year.")
        j.click("Record representations")
        j.see("Representations")
        decision = j.form("Record the decision")
        box = decision.locator('[data-testid="stSelectbox"]', has_text="Review decision").first
        box.get_by_role("combobox").first.click()
        page.keyboard.type("overturned")
        page.get_by_role("option").first.click()
        wait_settled(page)
        j.fill("Reasons for the review decision",
               "With the consultant's evidence you are vulnerable (s.189(1)(c)): you are in priority need.")
        j.click("Record the decision")
        j.see("Main housing duty")
        j.shot("review_overturned_duty_reopened")

        # --- the decision letter, with the right to appeal to the county court -------------
        goto(page, f"{base}/letters?ref={reference}")
        text = j.letter_pdf("Review decision")
        assert "county court" in text, text
        assert long(TODAY + timedelta(days=20)) in text or "21 days" in text, text
        j.shot("review_decision_letter_issued")

        goto(page, f"{base}/case?ref={reference}")
        expect(page.locator('[data-testid="stMain"]').get_by_text("Main housing duty").first).to_be_visible()
        ctx.close()
