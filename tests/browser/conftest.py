"""Fixtures for the real-browser tests: a served app per module, one Chromium per module, a
fresh browser context (its own cookies) per test.

Debian's /usr/bin/chromium is driven by Playwright for Python; Playwright's own browser
download (`playwright install`) is never used. Missing Chromium fails under CI, skips locally.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import TIMEOUT_MS, VIEWPORT, full_page_screenshot, safe_name
from tests.support import ARTIFACTS_DIR, REPO_ROOT, unavailable
from tests.support.served_app import BaseURL, serve_app

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_executable() -> str:
    """Debian's Chromium (or $HEARTH_CHROMIUM); fail under CI / skip locally when missing."""
    path = os.environ.get("HEARTH_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        found = shutil.which("chromium")
        if not found:
            unavailable(f"Chromium not found at {path} (install Debian's 'chromium': "
                        "`make system-deps`)")
        path = found
    return path


@pytest.fixture(scope="session", autouse=True)
def _fresh_failure_screenshots() -> None:
    """Failure screenshots from an earlier run would mislead: clear them once a run."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        shutil.rmtree(ARTIFACTS_DIR / "failures", ignore_errors=True)


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseURL]:
    """The app served over a fresh demo store, one server per test module."""
    if not (REPO_ROOT / "app.py").exists():
        unavailable("app.py does not exist yet")
    with serve_app(tmp_path_factory.mktemp("served_app")) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def context(browser) -> Iterator:
    """A fresh browser context: its own cookies, so its own sign-in."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="Europe/London")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context) -> Iterator:
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.hearth_page_errors = errors  # read by the failure report below
    yield pg


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On a failure: save a screenshot of the page and attach the server's log."""
    report = yield
    if report.failed and call.when in ("call", "setup"):
        funcargs = getattr(item, "funcargs", {})
        pg = funcargs.get("page")
        if pg is not None:
            try:
                shot = full_page_screenshot(
                    pg, ARTIFACTS_DIR / "failures" / f"{safe_name(item.nodeid)}.png")
                report.sections.append(("browser", f"url: {pg.url}\nscreenshot: {shot}\n"
                                        f"page errors: {getattr(pg, 'hearth_page_errors', [])}"))
            except Exception as e:  # the page may be gone; the log below still helps
                report.sections.append(("browser", f"no failure screenshot: {e}"))
        app = funcargs.get("served_app")
        if isinstance(app, BaseURL):
            report.sections.append((f"served app log ({Path(app.log_path)})", app.read_log()))
    return report
