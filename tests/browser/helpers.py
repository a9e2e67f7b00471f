"""Driving the served Streamlit app in Playwright (sync API): settle, sign in, screenshot."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support import ARTIFACTS_DIR

# How long to wait for the app: generous, because a loaded two-core machine can take tens of
# seconds to render a page of charts. HEARTH_BROWSER_TIMEOUT_MS overrides it.
TIMEOUT_MS = float(os.environ.get("HEARTH_BROWSER_TIMEOUT_MS", "60000"))

SCREENSHOTS_DIR = ARTIFACTS_DIR / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}

APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
NAV_LINK = '[data-testid="stSidebarNavLink"]'
EXCEPTION = '[data-testid="stException"]'
ALERT = '[data-testid="stAlert"]'
DIALOG = '[data-testid="stDialog"]'

# True once the app is connected and its script has been idle for `quiet_ms` in a row, so the
# gap between a click and the rerun it causes is not mistaken for "done".
_SETTLED_JS = """
(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const idle = !!app
    && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && !document.querySelector('[data-stale="true"]');
  const now = performance.now();
  if (!idle) { window.__hearthIdleSince = null; return false; }
  if (window.__hearthIdleSince == null) window.__hearthIdleSince = now;
  return now - window.__hearthIdleSince >= quietMs;
}
"""


def wait_settled(page: Page, *, timeout: float = TIMEOUT_MS, quiet_ms: int = 400) -> None:
    """Wait until the app is connected, its script has stopped running and stayed stopped."""
    page.evaluate("() => { window.__hearthIdleSince = null; }")
    page.wait_for_function(_SETTLED_JS, arg=quiet_ms, polling=100, timeout=timeout)


def goto(page: Page, url: str, *, timeout: float = TIMEOUT_MS) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_selector(APP, state="attached", timeout=timeout)
    wait_settled(page, timeout=timeout)


def login_form_visible(page: Page) -> bool:
    return page.get_by_label("Username", exact=True).is_visible() and \
        page.get_by_label("Password", exact=True).is_visible()


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    """Open the root URL, fill the login form and submit it; wait for the rerun to finish."""
    goto(page, base_url)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    # The rerun may start a while after the click: wait for its outcome, then for quiet.
    page.locator(f"{NAV_LINK}, {ALERT}").first.wait_for(timeout=TIMEOUT_MS)
    wait_settled(page)


def sign_out(page: Page) -> None:
    page.locator(SIDEBAR).get_by_role("button", name="Sign out").click()
    page.get_by_label("Username", exact=True).wait_for(timeout=TIMEOUT_MS)
    wait_settled(page)


def nav_titles(page: Page) -> list[str]:
    """The page titles listed in the sidebar navigation, in order."""
    more = page.locator('[data-testid="stSidebarNavViewButton"]', has_text="more")
    if more.count() and more.first.is_visible():  # Streamlit folds a long menu: unfold it
        more.first.click()
        page.locator('[data-testid="stSidebarNavViewButton"]', has_text="less").wait_for()
    labels = page.locator(f"{NAV_LINK} span[label]")
    return [(labels.nth(i).get_attribute("label") or "").strip() for i in range(labels.count())]


def exception_texts(page: Page) -> list[str]:
    return page.locator(EXCEPTION).all_inner_texts()


def main_text(page: Page) -> str:
    return page.locator(MAIN).inner_text()


def full_page_screenshot(page: Page, path: Path) -> Path:
    """Screenshot the whole app, not just the viewport.

    Streamlit scrolls inside its main container rather than the document, so Playwright's
    full_page alone captures one screen: grow the viewport to the content's height first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]',
                             '[data-testid="stSidebarContent"]']
             .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
    )
    original = page.viewport_size or VIEWPORT
    tall = min(max(int(height or 0) + 80, original["height"]), 12_000)
    try:
        if tall != original["height"]:
            page.set_viewport_size({"width": original["width"], "height": tall})
            page.wait_for_timeout(200)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if tall != original["height"]:
            page.set_viewport_size(original)
    return path


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:120] or "page"
