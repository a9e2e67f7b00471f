"""The real app in a real browser: every role signs in and opens every page it may open;
refused pages stay refused; a reload keeps you signed in; sign-out and a wrong password.

Screenshots of every page, per role: test-artifacts/screenshots/<role>/<url_path>.png
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    ALERT,
    DIALOG,
    EXCEPTION,
    MAIN,
    NAV_LINK,
    SCREENSHOTS_DIR,
    TIMEOUT_MS,
    exception_texts,
    full_page_screenshot,
    goto,
    login_form_visible,
    main_text,
    nav_titles,
    sign_in,
    sign_out,
    wait_settled,
)

pytestmark = pytest.mark.browser

ROLES = ["trainee", "officer", "senior", "manager", "admin"]


def account(role: str) -> tuple[str, str]:
    from logic.seed import DEMO_ACCOUNTS

    return DEMO_ACCOUNTS[role]


def title_shown(page: Page, title: str) -> bool:
    """The page's title is shown in the main area (as its heading, or in its text)."""
    main = page.locator(MAIN)
    heading = main.get_by_role("heading", name=title, exact=False)
    return heading.count() > 0 and heading.first.is_visible() or title in main.inner_text()


def test_there_is_one_demo_account_per_role() -> None:
    from logic.seed import DEMO_ACCOUNTS

    assert sorted(DEMO_ACCOUNTS) == sorted(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_every_page_it_may_open_renders(
    role: str, served_app: str, page: Page
) -> None:
    from logic.navigation import pages_for

    username, password = account(role)
    sign_in(page, served_app, username, password)
    expect(page.locator(NAV_LINK).first).to_be_visible()
    assert not login_form_visible(page), f"{role}: still on the login form after signing in"

    allowed = pages_for(role)
    listed = [p.title for p in allowed if getattr(p, "listed", True)]
    assert sorted(nav_titles(page)) == sorted(listed), \
        f"{role}: the sidebar should list exactly this role's pages"

    problems: list[str] = []
    for spec in allowed:
        goto(page, f"{served_app}/{spec.url_path}")
        try:
            page.wait_for_function(
                """([sel, title]) => { const m = document.querySelector(sel);
                                       return !!m && m.innerText.includes(title); }""",
                arg=[MAIN, spec.title], polling=200, timeout=TIMEOUT_MS)
        except Exception:
            problems.append(f"{spec.url_path}: title {spec.title!r} not shown in main")
        wait_settled(page)
        full_page_screenshot(page, SCREENSHOTS_DIR / role / f"{spec.url_path}.png")
        if page.locator(EXCEPTION).count():
            problems.append(f"{spec.url_path}: exception shown: {exception_texts(page)}")
        if login_form_visible(page):
            problems.append(f"{spec.url_path}: back on the login form")
    assert not problems, f"{role}:\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ["trainee", "admin"])
def test_every_screen_opens_by_its_own_address_without_page_not_found(
    role: str, served_app: str, page: Page
) -> None:
    """A bookmarked address (e.g. /my-cases) opens that screen, not Streamlit's "Page not
    found" dialog (the default page is served at the root only, so Home is a page of its own)."""
    from logic.navigation import pages_for

    sign_in(page, served_app, *account(role))
    for spec in pages_for(role):
        if not spec.listed:
            continue
        goto(page, f"{served_app}/{spec.url_path}")
        expect(page.locator(MAIN).get_by_role("heading", name=spec.title)).to_be_visible()
        assert page.locator(DIALOG).filter(has_text="Page not found").count() == 0, \
            f"{role}: {served_app}/{spec.url_path} shows 'Page not found'"


def test_a_trainee_cannot_open_an_admin_page_by_its_url(served_app: str, page: Page) -> None:
    from logic.navigation import PAGES, home_for, pages_for

    refused = [p for p in PAGES if "trainee" not in p.roles and "admin" in p.roles]
    assert refused, "expected at least one page the trainee may not open"
    allowed_titles = {p.title for p in pages_for("trainee")}
    sign_in(page, served_app, *account("trainee"))
    expect(page.locator(NAV_LINK).first).to_be_visible()

    home = home_for("trainee")
    for spec in refused:
        goto(page, f"{served_app}/{spec.url_path}")
        assert spec.title not in nav_titles(page)
        if spec.title not in allowed_titles:
            heading = page.locator(MAIN).get_by_role("heading", name=spec.title)
            assert heading.count() == 0, f"the trainee was shown {spec.url_path}"
        # Streamlit runs the default page (the trainee's home) and says the page was not found.
        expect(page.locator(MAIN).get_by_role("heading", name=home.title)).to_be_visible()
        expect(page.locator(DIALOG).filter(has_text="Page not found")).to_be_visible()
        assert not page.locator(EXCEPTION).count(), exception_texts(page)
        assert not login_form_visible(page), "a refused page should not sign the trainee out"


def test_a_reload_keeps_the_officer_signed_in_and_sign_out_returns_to_the_login_form(
    served_app: str, page: Page
) -> None:
    from logic.navigation import pages_for

    sign_in(page, served_app, *account("officer"))
    sign_out_button = page.locator('[data-testid="stSidebar"]').get_by_role(
        "button", name="Sign out")
    expect(sign_out_button).to_be_visible()
    assert any(c["name"] == "hearth_session" for c in page.context.cookies()), \
        "signing in should set the hearth_session cookie"

    # A reload starts a new Streamlit session: the cookie must carry the sign-in over.
    target = pages_for("officer")[-1]
    goto(page, f"{served_app}/{target.url_path}")
    page.reload(wait_until="domcontentloaded")
    wait_settled(page)
    expect(sign_out_button).to_be_visible()
    assert not login_form_visible(page)
    assert target.title in main_text(page)

    sign_out(page)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.locator(NAV_LINK)).to_have_count(0)

    # ...and stays signed out after a reload.
    page.reload(wait_until="domcontentloaded")
    wait_settled(page)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.locator(NAV_LINK)).to_have_count(0)


def test_a_wrong_password_shows_an_error_and_no_navigation(served_app: str, page: Page) -> None:
    username, _ = account("officer")
    sign_in(page, served_app, username, "not-the-password")
    expect(page.locator(ALERT).first).to_be_visible()
    expect(page.locator(NAV_LINK)).to_have_count(0)
    assert login_form_visible(page)
    assert not page.locator(EXCEPTION).count(), exception_texts(page)


def test_a_bookmarked_case_link_opened_signed_out_leads_to_that_case_after_sign_in(
    served_app: str, page: Page
) -> None:
    """An officer follows a case link from an e-mail while signed out: the sign-in form shows
    (not "Page not found"), and signing in takes them to that case, not to Home."""
    import re

    sign_in(page, served_app, *account("officer"))
    # the demo's first household (case lists are canvas grids; the household record is text)
    goto(page, f"{served_app}/household?ref=HH-000001")
    page.get_by_role("tab", name="Cases").click()
    wait_settled(page)
    reference = re.search(r"\bH[LR]-\d{6}\b", main_text(page)).group(0)
    sign_out(page)

    goto(page, f"{served_app}/case?ref={reference}")
    assert page.locator(DIALOG).filter(has_text="Page not found").count() == 0
    assert login_form_visible(page)
    page.get_by_label("Username", exact=True).fill(account("officer")[0])
    page.get_by_label("Password", exact=True).fill(account("officer")[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(MAIN).get_by_text(reference).first).to_be_visible(timeout=TIMEOUT_MS)
    wait_settled(page)
    assert "ref=" in page.url and reference in page.url
    assert not login_form_visible(page) and "Home" not in page.title()
    full_page_screenshot(page, SCREENSHOTS_DIR / "journeys" / "bookmarked-case-after-sign-in.png")
