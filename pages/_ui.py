"""Widgets and session handling shared by every screen (session-state keys: pages/_keys.py)."""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import streamlit as st

from logic import clock, config
from logic.accounts import audit
from logic.accounts.service import SignedInOfficer
from logic.cases.views import CasePage, case_list
from logic.casework.views import compliance_problems, due_and_overdue, falling_due_within
from logic.common import codes
from logic.common.errors import HearthError
from logic.front_door.household_record import may_open_household
from logic.law import policy_as_at
from logic.navigation import PAGES, PageSpec
from pages._client import client_address  # noqa: F401  (shared with the public app)
from pages._keys import (
    BOXES_TO_EMPTY,
    COOKIE_NAME,
    FLASH,
    OFFICER,
    OPENING,
    SEEN_VERSIONS,
    case_list_offset,
)
from pages._plain import plain  # noqa: F401  (shared with the public app)

T = TypeVar("T")


def signed_in_officer() -> SignedInOfficer | None:
    return st.session_state.get(OFFICER)


def require_page(url_path: str) -> SignedInOfficer:
    """The role wall inside a page too: navigation already hides refused pages, this is belt and braces."""
    _empty_saved_boxes()
    officer = signed_in_officer()
    spec: PageSpec = next(p for p in PAGES if p.url_path == url_path)
    if officer is None or officer.role not in spec.roles:
        audit.record_page_refused(actor_id=officer.id if officer else None, page=spec.title,
                                  reason=audit.NOT_SIGNED_IN if officer is None else audit.NOT_FOR_ROLE)
        st.error("You do not have access to this page.")
        st.stop()
    return officer


def page_asked_for() -> PageSpec | None:
    """The screen the browser asked for on this run, whether or not it is registered for the
    officer: st.navigation runs the default page in place of one it does not know (and the
    browser says "Page not found"), so the router asks Streamlit which page was requested, by
    its address (a typed or bookmarked link) or by its page id (a link within the app)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.util import calc_hash

    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    asked_hash = ctx.pages_manager.intended_page_script_hash
    asked_name = ctx.pages_manager.intended_page_name
    for spec in PAGES:
        url_path = spec.url_path or "home"
        if (asked_hash and asked_hash == calc_hash(url_path)) or (not asked_hash and asked_name == url_path):
            return spec
    return None


def track_opening(url_path: str) -> None:
    """The router, every run: navigating to a screen, or to another record on it (its address's
    query, e.g. ?ref=HL-000204), starts a new opening; a rerun of the same screen (a click on a
    tab, a filter, a save) does not. Services record a view once an opening (`opening()`)."""
    signature = (url_path, tuple(sorted(st.query_params.to_dict().items())))
    held = st.session_state.get(OPENING)
    if held is None or held[0] != signature:
        st.session_state[OPENING] = (signature, secrets.token_hex(8))


def opening() -> str | None:
    """This opening of the screen shown (track_opening), for a service that records a view."""
    held = st.session_state.get(OPENING)
    return held[1] if held else None


def version_seen(case_id: int, current_version: int) -> int:
    """The version of a case as this officer last saw it on screen.

    A save carries this, not the version read at the top of the submitting rerun: if another
    officer saved the case in between, the save is refused instead of overwriting their change.
    """
    return st.session_state.setdefault(SEEN_VERSIONS, {}).get(case_id, current_version)


def remember_version_seen(case_id: int, version: int) -> None:
    st.session_state.setdefault(SEEN_VERSIONS, {})[case_id] = version


def _empty_saved_boxes() -> None:
    """Empty the text boxes a save took its words from (run_service's clear_keys), before any
    box is drawn: a browser keeps what was typed in a box under the box's id and shows it again
    unless the server sets the box's value, which it may only do before the box is drawn."""
    for key in st.session_state.pop(BOXES_TO_EMPTY, ()):
        st.session_state[key] = ""


# How long a cached list may lag a write made by another server process sharing the database
# (several app servers on PostgreSQL); a write made through this server clears the cache at once.
VIEW_CACHE_SECONDS = 60


def cached_view(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache a read that does not change between reruns (a team list, a chart's rows), keyed by
    its arguments: pass the day and the filters (and the viewer, where the answer depends on
    who asks). Every successful write through `run_service` clears it, so an officer always
    sees their own change; another server's write shows within VIEW_CACHE_SECONDS. The store
    is part of the key too, so a process that moves to another store (the benchmark's demo
    store, then its large one; each test's own store) never reads another store's answer."""

    @functools.wraps(fn)  # the cache is told apart by fn's own name and source
    def on_store(store: str, *args, **kwargs):
        return fn(*args, **kwargs)

    cached = st.cache_data(ttl=VIEW_CACHE_SECONDS, show_spinner=False, max_entries=512)(on_store)

    @functools.wraps(fn)
    def read(*args, **kwargs):
        return cached(config.settings().database_url, *args, **kwargs)

    return read


def team_dates_due(today: date):
    """The team's Dates due for the day, worked out once (cached) and narrowed by each screen:
    every date within the longest window Dates due offers (the relief duty's days), and every
    warning (logic.casework.views.falling_due_within narrows them)."""
    return cached_view(due_and_overdue)(today=today, within_days=policy_as_at(today).relief_days)


def case_page(**filters) -> CasePage:
    """A page of a case list (logic.cases.views.case_list's filters, limit and offset, with the
    officer where the list is one officer's), read once for the day until a save; the What is
    due filter narrows the team's dates worked out once (team_dates_due)."""
    return cached_view(_case_page)(clock.today(), **filters)


def _case_page(today: date, **filters) -> CasePage:
    return case_list(today=today, team_dates=team_dates_due(today) if filters.get("due") else None, **filters)


def forget_cached_views() -> None:
    """After a write: the next rerun reads lists and figures from the store again."""
    st.cache_data.clear()


def run_service(
    action: Callable[[], T], success: str | None = None, rerun: bool = False,
    clear_keys: tuple[str, ...] = (), writes: bool = False,
) -> T | None:
    """Call a service and show its refusal as a message; returns None when it was refused.

    With `rerun`, a successful save reruns the page so it shows the saved state, and the
    success message is shown after the rerun. A save (a call with a success message, a rerun,
    or `writes=True`) clears the cached views so every list shows it; a read keeps them.
    """
    try:
        result = action()
    except HearthError as error:
        st.error(error.message)
        return None
    if writes or rerun or success is not None:
        forget_cached_views()
    for key in clear_keys:  # e.g. the text of a note once it is saved (kept when refused)
        st.session_state.pop(key, None)
    if clear_keys and rerun:  # emptied in the browser too, at the top of the rerun (require_page)
        st.session_state[BOXES_TO_EMPTY] = (*st.session_state.get(BOXES_TO_EMPTY, ()), *clear_keys)
    if rerun:
        if success:
            st.session_state[FLASH] = success
        st.rerun()
    if success:
        st.success(success)
    return result


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message)


def write_cookie(value: str | None, max_age_seconds: int) -> None:
    """Keep the session token in a cookie so a reload does not sign the officer out.

    SameSite=Strict keeps other sites from sending it; a token of None clears the cookie.
    """
    if value is None:
        script = f"document.cookie = '{COOKIE_NAME}=; Max-Age=0; Path=/; SameSite=Strict';"
    else:
        script = (
            f"document.cookie = '{COOKIE_NAME}=' + {json.dumps(value)} + "
            f"'; Max-Age={max_age_seconds}; Path=/; SameSite=Strict';"
        )
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def role_label(role: str) -> str:
    return codes.ROLES.label(role)


def case_stage(case_type: object, stage: object) -> str:
    """A stage named with its case type ("Homelessness · Main duty decision due"); blank for an
    officer with no cases in a grouped table."""
    if not isinstance(case_type, str) or not isinstance(stage, str):
        return ""
    return f"{codes.CASE_TYPES.label(case_type)} · {codes.stage_label(case_type, stage)}"


def with_case_labels(cases):
    """A case list as officers read it: labels for the case type, stage and status codes."""
    shown = cases.copy()
    if "stage" in shown.columns and "case_type" in shown.columns:
        shown["stage"] = [codes.stage_label(t, s) for t, s in zip(shown["case_type"], shown["stage"], strict=True)]
    for column, vocabulary in (("case_type", codes.CASE_TYPES), ("status", codes.CASE_STATUSES)):
        if column in shown.columns:
            shown[column] = shown[column].map(vocabulary.label)
    return shown


def fact(column, label: str, value: object, help: str | None = None) -> None:
    """A named fact at the top of a record ("Stage", "Relief duty"), in full: a figure
    (st.metric) is one line cut short with "..." when a stage or a duty has a long name, so
    words go here and st.metric is kept for numbers. The value is shown as plain words."""
    column.caption(label)
    column.markdown(f"**{plain(value)}**", help=help)


def format_date(value) -> str:
    """A date as officers write it ("30 Nov 2026"); a date stored as text (in a JSON record) too."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value[:10])
    return value.strftime("%-d %b %Y") if value else ""  # "1 Dec 2026", not "01 Dec 2026"


def format_moment(value) -> str:
    return value.strftime("%-d %b %Y %H:%M") if value else ""


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")


def in_words(number: int) -> str:
    """A small number as an officer writes it in a sentence ("six weeks"); figures above twelve."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


CASE_COLUMNS = {
    "reference": st.column_config.TextColumn("Reference"),
    "applicant": st.column_config.TextColumn("Applicant"),
    "case_type": st.column_config.TextColumn("Type"),
    "stage": st.column_config.TextColumn("Stage"),
    "status": st.column_config.TextColumn("Status"),
    "opened_at": st.column_config.DatetimeColumn("Opened", format="D MMM YYYY"),
    "postcode": st.column_config.TextColumn("Postcode"),
    "officer": st.column_config.TextColumn("Officer"),
}


def case_table(cases, key: str) -> None:
    """A list of cases; choosing a row opens its case record."""
    if cases.empty:
        st.info("No cases to show.")
        return
    shown = [c for c in CASE_COLUMNS if c in cases.columns]
    selection = st.dataframe(
        with_case_labels(cases[shown]), key=key, hide_index=True, column_config=CASE_COLUMNS,
        on_select="rerun", selection_mode="single-row",
    )
    rows = selection.selection.rows if selection else []
    if rows:
        open_case(cases.iloc[rows[0]]["reference"])
    st.caption("Choose a row to open the case record.")


CASE_PAGE_SIZES = (25, 50, 100)


def first_page(screen: str) -> None:
    """A changed filter shows its first page (an on_change callback of the filter widgets)."""
    st.session_state[case_list_offset(screen)] = 0


def _move_page(screen: str, by: int) -> None:
    key = case_list_offset(screen)
    st.session_state[key] = max(0, st.session_state.get(key, 0) + by)


def case_filters(screen: str, type_col, stage_col, due_col) -> tuple[str | None, str | None, str | None]:
    """The case lists' shared filters: type, then that type's stages, then what is due. Any
    change goes back to the first page. Keys are the screen's own, so each list keeps its choice."""
    case_type = type_col.selectbox(
        "Case type", [None, *codes.CASE_TYPES.codes()], key=f"{screen}_type",
        format_func=lambda c: "Any type" if c is None else codes.CASE_TYPES.label(c),
        on_change=first_page, args=(screen,),
    )
    stages = codes.CASE_STAGES[case_type].codes() if case_type else ()
    stage = stage_col.selectbox(
        "Stage", [None, *stages], key=f"{screen}_stage_{case_type}", disabled=not case_type,
        format_func=lambda s: ("Any stage" if case_type else "Choose a type first") if s is None
        else codes.stage_label(case_type, s),
        on_change=first_page, args=(screen,),
    )
    due = due_col.selectbox(
        "What is due", [None, *codes.DUE_FILTERS.codes()], key=f"{screen}_due",
        format_func=lambda d: "Anything or nothing" if d is None else codes.DUE_FILTERS.label(d),
        on_change=first_page, args=(screen,), help="Dates due on homelessness cases, as on Dates due.",
    )
    return case_type, stage, due


def paged_case_table(screen: str, fetch: Callable[[int, int], CasePage]) -> None:
    """A case list a page at a time: `fetch(limit, offset)` asks the store for the rows shown."""
    size = st.selectbox("Cases a page", CASE_PAGE_SIZES, key=f"{screen}_page_size",
                        on_change=first_page, args=(screen,))
    offset = st.session_state.get(case_list_offset(screen), 0)
    page = fetch(size, offset)
    if page.total and offset >= page.total:  # fewer cases than when the page was chosen
        offset = (page.total - 1) // size * size
        st.session_state[case_list_offset(screen)] = offset
        page = fetch(size, offset)
    shown = f"{offset + 1}–{offset + len(page.cases)} of {page.total}" if page.total else "0"
    st.caption(f"Cases {shown}.")
    case_table(page.cases, key=f"{screen}_table")
    cols = st.columns([1, 1, 6])
    cols[0].button("Previous", key=f"{screen}_previous", disabled=not page.has_previous,
                   on_click=_move_page, args=(screen, -size), icon=":material/chevron_left:")
    cols[1].button("Next", key=f"{screen}_next", disabled=not page.has_next,
                   on_click=_move_page, args=(screen, size), icon=":material/chevron_right:")


ROWS_A_PAGE = 50


def dates_due_page(screen: str, today: date, within_days: int, officer_id: int | None = None):
    """Dates due (one officer's, or the team's) a page at a time, for the page chosen with
    `page_buttons(screen, total)`: (counts by status over them all, how many, the page's rows,
    its first row's number). Read once for the day until a save, from the team's dates worked out
    once (team_dates_due): a rerun draws fifty rows, not a team's thousands."""
    key = case_list_offset(screen)
    offset = st.session_state.get(key, 0)
    read = cached_view(_dates_due_page)
    counts, total, page = read(today, within_days, officer_id, offset, ROWS_A_PAGE)
    if total and offset >= total:  # fewer dates than when the page was chosen
        offset = (total - 1) // ROWS_A_PAGE * ROWS_A_PAGE
        st.session_state[key] = offset
        counts, total, page = read(today, within_days, officer_id, offset, ROWS_A_PAGE)
    return counts, total, page, offset


def _dates_due_page(today: date, within_days: int, officer_id: int | None, offset: int, size: int):
    dates = falling_due_within(team_dates_due(today), within_days, officer_id)
    return dates["status"].value_counts().to_dict(), len(dates), dates.iloc[offset:offset + size]


def compliance_page(screen: str, today: date, officer: str | None, problems: tuple[str, ...]) -> dict:
    """Compliance a page at a time, for the page chosen with `page_buttons(screen, total)`:
    the counts by problem and the officers over every problem; how many problems and cases the
    officer's name and the problems chosen keep; the page's rows and its first row's number.
    Worked out once for the day until a save (logic.casework.views.compliance_problems)."""
    key = case_list_offset(screen)
    offset = st.session_state.get(key, 0)
    read = cached_view(_compliance_page)
    found = read(today, officer, problems, offset, ROWS_A_PAGE)
    if found["total"] and offset >= found["total"]:  # fewer problems than when the page was chosen
        offset = (found["total"] - 1) // ROWS_A_PAGE * ROWS_A_PAGE
        st.session_state[key] = offset
        found = read(today, officer, problems, offset, ROWS_A_PAGE)
    return {**found, "offset": offset}


def _compliance_page(today: date, officer: str | None, problems: tuple[str, ...], offset: int, size: int) -> dict:
    every = cached_view(compliance_problems)(today=today)
    shown = every
    if officer is not None:
        shown = shown[shown["officer"] == officer]
    if problems:
        shown = shown[shown["problem"].isin(problems)]
    return {"counts": every.groupby("problem").size().sort_values(ascending=False).to_dict(),
            "officers": sorted(every["officer"].unique()), "total": len(shown),
            "cases": shown["reference"].nunique(), "page": shown.iloc[offset:offset + size]}


def page_buttons(screen: str, total: int, size: int = ROWS_A_PAGE) -> None:
    if total <= size:
        return
    offset = st.session_state.get(case_list_offset(screen), 0)
    cols = st.columns([1, 1, 6])
    cols[0].button("Previous", key=f"{screen}_previous", disabled=offset <= 0,
                   on_click=_move_page, args=(screen, -size), icon=":material/chevron_left:")
    cols[1].button("Next", key=f"{screen}_next", disabled=offset + size >= total,
                   on_click=_move_page, args=(screen, size), icon=":material/chevron_right:")


def open_case(reference: str) -> None:
    st.switch_page("pages/case_record.py", query_params={"ref": reference})


def open_household(reference: str) -> None:
    st.switch_page("pages/household.py", query_params={"ref": reference})


def household_link(reference: str, officer) -> None:
    """A link to the household record, for those who may open one (logic/front_door/household_record.py)."""
    if officer is not None and may_open_household(officer):
        st.page_link("pages/household.py", label=f"Household record {reference}",
                     icon=":material/family_restroom:", query_params={"ref": reference})
