"""The quarter's H-CLIC return, end to end, in a real browser (issue 16, "Done when").

Maya, the manager, opens the H-CLIC return screen over the demo store, chooses the last whole
quarter (the one a return is due for), validates it, exports it (with problems left, so she
gives the reason the return goes as it is), downloads the zip and sends nothing she has not
checked: the case-data file holds every case and no one's name, the personal-data file holds
the names, and the manifest's counts and SHA-256 match the two files. Then she opens "H-CLIC
to fix" and the oldest case on it, whose record says "H-CLIC: N to fix", each problem in words.

Screenshots of every step: test-artifacts/hclic_journey/NN_step.png
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import TIMEOUT_MS, goto, sign_in, wait_settled
from tests.browser.test_journey import Journey
from tests.support import ARTIFACTS_DIR
from tests.support.served_app import duckdb_url, serve_app

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS_DIR / "hclic_journey"
DAY = date(2026, 11, 23)  # the demo store's day: the last whole quarter is 2026-Q3
QUARTER = "2026-Q3"
REASON = "First return from Hearth: the demo's H-CLIC details are still being filled in."


class HclicJourney(Journey):
    def shot(self, name: str) -> None:
        from tests.browser.helpers import full_page_screenshot

        self.n += 1
        full_page_screenshot(self.page, SHOTS / f"{self.n:02d}_{name}.png")


def _demo_store_on(store, day: date) -> str:
    """The demo store seeded as on ``day``; the oldest case on the H-CLIC to fix list."""
    import os

    from logic import clock, config, db
    from logic.statistics import views
    from logic.store import init_store

    url = duckdb_url(store / "hearth.duckdb")
    before = os.environ.get("HEARTH_DATABASE_URL")
    os.environ["HEARTH_DATABASE_URL"] = url
    config.reload_settings()
    db.dispose_engines()
    try:
        with clock.fixed(day):
            init_store(demo=True, engine=db.engine_for(url))
        oldest, total = views.cases_with_problems(offset=0, size=1)
        assert total > 0, "the demo store has no case to fix"
        return oldest.iloc[0]["reference"]
    finally:
        db.dispose_engines()
        if before is None:
            os.environ.pop("HEARTH_DATABASE_URL", None)
        else:
            os.environ["HEARTH_DATABASE_URL"] = before
        config.reload_settings()


def _check_the_return(content: bytes) -> tuple[int, int]:
    """The zip as a manager would check it before sending: (cases, people)."""
    from logic.statistics.codes_map import hclic_codes_as_at
    from logic.statistics.rules import Quarter

    m = hclic_codes_as_at(Quarter.parse(QUARTER).last_day)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        files = {name: z.read(name) for name in z.namelist()}
    cases_name, people_name = f"hclic_cases_{QUARTER}.xml", f"hclic_people_{QUARTER}.xml"
    manifest_name = f"hclic_manifest_{QUARTER}.json"
    assert sorted(files) == sorted([cases_name, people_name, manifest_name])
    manifest = json.loads(files[manifest_name])
    assert manifest["quarter"] == QUARTER
    for name in (cases_name, people_name):
        assert manifest["files"][name]["sha256"] == hashlib.sha256(files[name]).hexdigest(), name
        assert manifest["files"][name]["bytes"] == len(files[name]), name
    cases_root = ET.fromstring(files[cases_name])
    people_root = ET.fromstring(files[people_name])
    case_refs = [c.findtext(m.element("case_ref")) for c in cases_root.findall(m.element("case"))]
    assert case_refs and len(set(case_refs)) == len(case_refs)
    assert manifest["counts"]["cases"] == len(case_refs)
    people = people_root.findall(m.element("person"))
    assert manifest["counts"]["people"] == len(people) > 0
    # the personal-data file names everyone; the case-data file names no one
    names = {p.findtext(m.element("name")) for p in people}
    assert all(n and n.strip() for n in names)
    case_text = files[cases_name].decode()
    assert not [n for n in names if n in case_text]
    for n in names:
        assert not [part for part in n.split() if f">{part}<" in case_text], n
    personal = {m.element(k) for k in ("name", "dob", "sex", "address", "postcode")}
    assert not personal & {e.tag for e in cases_root.iter()}
    # linked by references only: every person of the case file is in the personal file
    in_cases = {(c.findtext(m.element("case_ref")), p.findtext(m.element("person_ref")))
                for c in cases_root.findall(m.element("case")) for p in c.iter(m.element("person"))}
    in_people = {(p.findtext(m.element("case_ref")), p.findtext(m.element("person_ref"))) for p in people}
    assert in_cases and in_cases <= in_people
    assert {c for c, _ in in_people} <= set(case_refs)
    return len(case_refs), len(people)


def test_the_manager_validates_exports_and_checks_the_quarters_return_then_opens_a_case_to_fix(
        tmp_path_factory: pytest.TempPathFactory, browser) -> None:
    from logic.seed import DEMO_ACCOUNTS

    store = tmp_path_factory.mktemp("hclic_journey")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    oldest_to_fix = _demo_store_on(store, DAY)

    with serve_app(store, today=DAY, seed=False) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  timezone_id="Europe/London", accept_downloads=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        j = HclicJourney(page)
        sign_in(page, base, *DEMO_ACCOUNTS["manager"])

        # --- the return screen: the codes still placeholders, said so --------------------------
        goto(page, f"{base}/hclic-return")
        j.see("H-CLIC return")
        j.see("placeholders")
        j.choose("Quarter", QUARTER)
        j.shot("return_screen")

        # --- validate the quarter ---------------------------------------------------------------
        j.click("Validate the quarter")
        outcome = j.main.get_by_text(re.compile(r"\d+ cases in the return")).first
        expect(outcome).to_be_visible(timeout=TIMEOUT_MS)
        said = outcome.inner_text()
        j.shot("validated")
        assert "problems to fix" in said or "nothing to fix" in said, said

        # --- export: with problems left, the manager says why -----------------------------------
        j.tab("Export")
        if "problems to fix" in said:
            j.fill("Why the return goes with problems left (only if there are any)", REASON)
        j.click("Export the return")
        j.see("Exported")
        j.shot("exported")
        with page.expect_download() as download:
            j.main.get_by_role("button", name="Download the return (zip)").click()
        assert download.value.suggested_filename == f"hclic_{QUARTER}.zip"
        content = Path(download.value.path()).read_bytes()
        cases, people = _check_the_return(content)
        j.see(f"Exported {cases} cases and {people} people")
        if "problems to fix" in said:
            j.see(REASON)  # the past export, with its reason, listed under the button
        j.shot("export_listed")

        # --- the figures of the same quarter ----------------------------------------------------
        j.tab("Figures")
        j.see(f"{cases} cases in the quarter's return.")
        # each KPI's name read in full, not cut short with "..."
        cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
            .filter(label => [label, ...label.querySelectorAll('*')]
                .some(e => e.scrollWidth > e.clientWidth + 1))
            .map(label => label.innerText)""")
        assert cut == [], f"KPI names cut short: {cut}"
        j.shot("figures")

        # --- the team's cases to fix, the oldest first; the oldest opened -----------------------
        goto(page, f"{base}/hclic-to-fix")
        j.see("H-CLIC to fix")
        j.see("the oldest first")
        j.shot("to_fix_list")
        grid = j.main.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        # the first row's selection box (the grid is drawn on a canvas): header 35 px, rows 35 px
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
        wait_settled(page)
        j.see(oldest_to_fix)
        box = j.main.locator('[data-testid="stExpander"]', has_text="H-CLIC:").first
        expect(box).to_contain_text(re.compile(r"H-CLIC: \d+ to fix"))
        box.locator("summary").click()
        wait_settled(page)
        j.see("fix at:")
        j.shot("case_to_fix")
        ctx.close()
