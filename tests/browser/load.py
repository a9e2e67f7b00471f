"""Twenty officers working at once on the real app (issue 17, "Load"): `make load`, and
tests/browser/test_load.py.

The app is served by Streamlit on loopback over a fresh demo DuckDB store (the browser tests'
``serve_app``). Each officer is a browser context of its own (its own cookies, so its own
sign-in) in one headless Chromium, driven by Playwright's async API. The demo's case workers
(officers, seniors, the manager) are shared out, two or so windows an account. Each officer
signs in, then until the time is up works on a case of their own, again and again: opens the
case record, saves a case note, opens the case's letters, previews and issues a letter.

Afterwards, with the server stopped, the store is read: every note and letter an officer saw
saved must be there (a lost write is one the screen confirmed and the store does not hold).
The report gives the actions done, the errors (a Streamlit exception on the page, or a step
that failed or timed out), the lost writes, and the median and slowest page time (from the
click or address to the page settled).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.browser.helpers import (
    _SETTLED_JS,
    ALERT,
    EXCEPTION,
    MAIN,
    NAV_LINK,
    TIMEOUT_MS,
    VIEWPORT,
)
from tests.support import ARTIFACTS_DIR
from tests.support.served_app import init_demo_store, serve_app

OFFICERS = 20
# letters the case's record fills entirely (the officer types nothing): on a case in
# prevention or relief, offered again and again
LETTERS = ("prevention_duty", "relief_duty")
CASE_WORKER_ROLES = ("officer", "senior", "manager")
REPORT = ARTIFACTS_DIR / "load" / "report.txt"
FAILURES = ARTIFACTS_DIR / "load" / "failures"
# How long one step may take before it counts as an error: twenty officers on two cores share
# the CPU with twenty browser windows, so a page can take far longer than the single-officer
# browser tests' TIMEOUT_MS; the report gives the real times.
STEP_TIMEOUT_MS = float(os.environ.get("LOAD_STEP_TIMEOUT_MS", max(TIMEOUT_MS, 300_000)))


@dataclass(frozen=True)
class Assignment:
    client: int
    username: str
    reference: str
    case_id: int
    letter_label: str


@dataclass
class Client:
    assignment: Assignment
    times: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # bodies the screen confirmed saved
    letters: int = 0  # letters the screen confirmed issued
    page: object = None


@dataclass
class LoadReport:
    seconds: float
    clients: list[Client]
    lost_writes: list[str]
    letters_in_store: int
    notes_in_store: int
    load_before: float = 0.0

    @property
    def actions(self) -> int:
        return sum(len(c.times) for c in self.clients)

    @property
    def errors(self) -> list[str]:
        return [e for c in self.clients for e in c.errors]

    def text(self) -> str:
        times = [t for c in self.clients for _, t in c.times]
        by_step: dict[str, list[float]] = {}
        for c in self.clients:
            for step, t in c.times:
                by_step.setdefault(step, []).append(t)
        lines = [
            f"Hearth load test, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {len(self.clients)} officers "
            f"at once, working for {self.seconds:.0f} s after all signed in, on loopback (one Streamlit server, DuckDB demo store, "
            "headless Chromium)",
            f"machine: {os.cpu_count()} cores, load average {self.load_before:.1f} before the run "
            "(other work on the machine slows every page)",
            f"actions (pages opened or submitted): {self.actions}",
            f"notes saved: {sum(len(c.notes) for c in self.clients)} (in the store: "
            f"{self.notes_in_store}); letters issued: {sum(c.letters for c in self.clients)} "
            f"(in the store: {self.letters_in_store})",
            f"errors: {len(self.errors)} (a Streamlit exception, or a step failed or took over "
            f"{STEP_TIMEOUT_MS / 1000:.0f} s)",
            f"lost writes: {len(self.lost_writes)}",
        ]
        if times:
            lines.append(f"page time: median {statistics.median(times):.2f} s, slowest "
                         f"{max(times):.2f} s")
            for step, found in sorted(by_step.items()):
                lines.append(f"  {step:<16} {len(found):>5} x  median {statistics.median(found):6.2f} s"
                             f"  slowest {max(found):6.2f} s")
        lines += [f"error: {e}" for e in self.errors[:30]]
        lines += [f"lost: {w}" for w in self.lost_writes[:30]]
        return "\n".join(lines) + "\n"


def assign_cases(db_url: str, officers: int = OFFICERS) -> list[Assignment]:
    """A case of their own for each officer, on which a letter the case fills is offered, and
    the demo case workers' accounts shared out among them (read before the app starts: the
    DuckDB file has one user at a time)."""
    from sqlmodel import select

    from logic import config, db
    from logic.db import session_scope
    from logic.letters.service import letters_offered
    from logic.models import HousingCase, Officer
    os.environ["HEARTH_DATABASE_URL"] = db_url
    config.reload_settings()
    db.dispose_engines()
    try:
        with session_scope() as session:
            workers = session.exec(select(Officer.id, Officer.username).where(
                Officer.role.in_(CASE_WORKER_ROLES), Officer.active).order_by(Officer.id)).all()
            cases = session.exec(select(HousingCase.id, HousingCase.reference).where(
                HousingCase.status == "open", HousingCase.case_type == "homelessness",
                HousingCase.stage.in_(("prevention", "relief"))).order_by(HousingCase.id)).all()
        manager = next(i for i, u in workers if u == "maya.manager")
        chosen: list[tuple[int, str, str]] = []
        for case_id, reference in cases:
            offered = {c.code: c.label for c in letters_offered(case_id=case_id, viewer_id=manager)
                       if c.offered}
            code = next((c for c in LETTERS if c in offered), None)
            if code is not None and _previews(case_id, code, manager):
                chosen.append((case_id, reference, offered[code]))
            if len(chosen) == officers:
                break
        if len(chosen) < officers:
            raise RuntimeError(f"the demo store has {len(chosen)} cases with a letter offered, "
                               f"not {officers}")
    finally:
        db.dispose_engines()
    return [Assignment(n, workers[n % len(workers)][1], ref, cid, label)
            for n, (cid, ref, label) in enumerate(chosen)]


def _previews(case_id: int, code: str, officer_id: int) -> bool:
    """Whether the letter's preview renders: the demo has cases where the letter is offered but
    the preview refuses it (the assessment's facts give another duty), said on screen."""
    from logic.common.errors import FieldError
    from logic.letters.service import preview_letter

    try:
        preview_letter(case_id=case_id, letter_type_code=code, officer_id=officer_id, options={})
    except FieldError:
        return False
    return True


async def _settled(page, timeout: float = STEP_TIMEOUT_MS) -> None:
    await page.evaluate("() => { window.__hearthIdleSince = null; }")
    await page.wait_for_function(_SETTLED_JS, arg=400, polling=100, timeout=timeout)


async def _exceptions(page) -> list[str]:
    return await page.locator(EXCEPTION).all_inner_texts()


async def _timed(client: Client, step: str, action) -> None:
    began = time.perf_counter()
    await action()
    client.times.append((step, time.perf_counter() - began))
    found = await _exceptions(client.page)
    if found:
        raise RuntimeError(f"exception on the page after {step}: {found[0][:300]}")


async def _work(browser, base: str, assignment: Assignment, password: str, seconds: float,
                signed_in: asyncio.Barrier) -> Client:
    client = Client(assignment)
    context = await browser.new_context(viewport=VIEWPORT, locale="en-GB",
                                        timezone_id="Europe/London")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.set_default_navigation_timeout(STEP_TIMEOUT_MS)
    page = client.page = await context.new_page()
    page.on("pageerror", lambda exc: client.errors.append(f"officer {assignment.client}: "
                                                          f"browser error {exc}"))
    main = page.locator(MAIN)
    ref = assignment.reference

    async def goto(url: str) -> None:
        await page.goto(url, wait_until="domcontentloaded")
        await page.wait_for_selector('[data-testid="stApp"]', state="attached")
        await _settled(page)

    async def sign_in() -> None:
        await goto(base)
        await page.get_by_label("Username", exact=True).fill(assignment.username)
        await page.get_by_label("Password", exact=True).fill(password)
        await page.get_by_role("button", name="Sign in").click()
        await page.locator(f"{NAV_LINK}, {ALERT}").first.wait_for()
        await _settled(page)
        if not await page.locator(NAV_LINK).count():
            raise RuntimeError(f"sign-in refused: {await main.inner_text()}"[:300])

    async def open_case() -> None:
        await goto(f"{base}/case?ref={ref}")
        await main.get_by_role("tab", name="Notes", exact=True).first.wait_for()

    body = ""

    async def save_note() -> None:
        await main.get_by_role("tab", name="Notes", exact=True).first.click()
        await main.get_by_label("New note", exact=True).first.fill(body)
        await main.get_by_role("button", name="Save note", exact=True).first.click()
        await main.get_by_text("Note saved.").first.wait_for()
        await _settled(page)

    async def open_letters() -> None:
        await goto(f"{base}/letters?ref={ref}")
        await main.locator('[data-testid="stSelectbox"]', has_text="Letter").first.wait_for()

    async def preview() -> None:
        box = main.locator('[data-testid="stSelectbox"]', has_text="Letter").first
        if assignment.letter_label not in await box.get_by_role("combobox").first.input_value():
            await box.get_by_role("combobox").first.click()
            await page.keyboard.type(assignment.letter_label)
            await page.get_by_role("option", name=assignment.letter_label, exact=False).first.click()
            await _settled(page)
        await main.get_by_role("button", name="Preview", exact=True).first.click()
        await main.get_by_role("button", name="Download the preview (PDF)").first.wait_for()
        await _settled(page)

    async def issue() -> None:
        await main.get_by_role("button", name="Issue letter", exact=True).first.click()
        await main.get_by_text("issued and recorded on the case").first.wait_for()
        await _settled(page)

    try:
        try:
            await _timed(client, "sign in", sign_in)
        finally:
            await signed_in.wait()  # every officer signed in (or failed to): the clock starts
        until = time.monotonic() + seconds
        round_ = 0
        while round_ == 0 or time.monotonic() < until:  # at least one round each
            round_ += 1
            body = f"Load test: officer {assignment.client} rang the applicant, round {round_}."
            try:
                await _timed(client, "open case", open_case)
                await _timed(client, "save note", save_note)
                client.notes.append(body)
                await _timed(client, "open letters", open_letters)
                await _timed(client, "preview letter", preview)
                await _timed(client, "issue letter", issue)
                client.letters += 1
            except Exception as error:  # noqa: BLE001 - counted and reported, then carry on
                shot = FAILURES / f"officer-{assignment.client}-round-{round_}.png"
                try:
                    shot.parent.mkdir(parents=True, exist_ok=True)
                    await page.screenshot(path=str(shot))
                    said = " | ".join(await main.locator(ALERT).all_inner_texts())[:300]
                except Exception:  # noqa: BLE001 - the page may be gone
                    said = ""
                client.errors.append(f"officer {assignment.client} ({assignment.username}, {ref}) "
                                     f"round {round_}: {type(error).__name__}: "
                                     f"{str(error).splitlines()[0][:300]}; on screen: {said!r} "
                                     f"({shot})")
    except Exception as error:  # noqa: BLE001 - a failed sign-in ends this officer's run
        client.errors.append(f"officer {assignment.client}: sign in: {type(error).__name__}: "
                             f"{str(error).splitlines()[0][:300]}")
    finally:
        await context.close()
    return client


async def _run_clients(base: str, assignments: list[Assignment], seconds: float,
                       executable: str, args: list[str]) -> list[Client]:
    from playwright.async_api import async_playwright

    from logic.seed import DEMO_PASSWORD

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, headless=True, args=args)
        try:
            signed_in = asyncio.Barrier(len(assignments))
            return list(await asyncio.gather(*(
                _work(browser, base, a, DEMO_PASSWORD, seconds, signed_in) for a in assignments)))
        finally:
            await browser.close()


def _check_the_store(db_url: str, clients: list[Client],
                     before: dict[int, int]) -> tuple[list[str], int, int]:
    """Every note and letter the screens confirmed, looked for in the store."""
    import sqlalchemy as sa

    from logic import config, db
    from logic.db import engine_for

    os.environ["HEARTH_DATABASE_URL"] = db_url
    config.reload_settings()
    db.dispose_engines()
    lost = []
    try:
        with engine_for().connect() as connection:
            notes = {b for (b,) in connection.execute(sa.text(
                "SELECT body FROM note WHERE body LIKE 'Load test: %'"))}
            letters = dict(connection.execute(sa.text(
                "SELECT case_id, count(*) FROM issued_letter GROUP BY case_id")).all())
    finally:
        db.dispose_engines()
    for c in clients:
        lost += [f"note not in the store: {b!r}" for b in c.notes if b not in notes]
        made = letters.get(c.assignment.case_id, 0) - before.get(c.assignment.case_id, 0)
        if made < c.letters:
            lost.append(f"{c.assignment.reference}: {c.letters} letters issued on screen, "
                        f"{made} in the store")
    issued = sum(letters.values()) - sum(before.values())
    return lost, len(notes), issued


def _letters_per_case(db_url: str) -> dict[int, int]:
    import sqlalchemy as sa

    from logic import config, db
    from logic.db import engine_for

    os.environ["HEARTH_DATABASE_URL"] = db_url
    config.reload_settings()
    try:
        with engine_for().connect() as connection:
            return dict(connection.execute(sa.text(
                "SELECT case_id, count(*) FROM issued_letter GROUP BY case_id")).all())
    finally:
        db.dispose_engines()


def run_load(workdir: Path, *, seconds: float, officers: int = OFFICERS, executable: str,
             args: list[str], report: Path = REPORT) -> LoadReport:
    """Serve the app over a fresh demo store in `workdir`, run the officers for `seconds`,
    check the store, write the report."""
    from tests.support.served_app import app_env, duckdb_url

    workdir.mkdir(parents=True, exist_ok=True)
    db_url = duckdb_url(workdir / "hearth.duckdb")
    init_demo_store(db_url, workdir / "served_app.log", app_env(db_url))
    assignments = assign_cases(db_url, officers)
    before = _letters_per_case(db_url)
    load_before = os.getloadavg()[0]
    with serve_app(workdir, seed=False) as base:
        clients = asyncio.run(_run_clients(base, assignments, seconds, executable, args))
    ran = seconds
    lost, notes, letters = _check_the_store(db_url, clients, before)
    result = LoadReport(ran, clients, lost, letters, notes, load_before)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(result.text())
    return result
