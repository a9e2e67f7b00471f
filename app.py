"""Hearth: the router. Who is signed in decides which screens exist for this session."""

from __future__ import annotations

import streamlit as st

from logic import clock
from logic.accounts import audit
from logic.accounts import service as accounts
from logic.common.policy_file import PolicyError
from logic.common.startup import require_policy_files
from logic.config import settings
from logic.navigation import PAGES, home_for, pages_for
from logic.store import ensure_current_schema
from pages import _keys, _ui

st.set_page_config(page_title="Hearth", page_icon=":material/home:", layout="wide")


@st.cache_resource(show_spinner=False)
def _schema_ready(database_url: str) -> bool:
    # Once a process: a malformed policy file, letter template or directory stops the app at
    # once, naming the file and key, rather than mid-case; an upgraded Hearth brings its store
    # up to date before the first screen.
    require_policy_files()
    ensure_current_schema()
    return True


def _sign_in_page() -> None:
    st.title("Hearth")
    st.caption(f"{settings().council_name} · housing options casework")
    if settings().auth_mode == "oidc":
        st.write("Sign in with your council account.")
        if st.button("Sign in with single sign-on", key="sso_sign_in", type="primary"):
            st.login()
        return
    with st.form("sign_in", clear_on_submit=False):
        username = st.text_input("Username", key="sign_in_username", autocomplete="username")
        password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        signed_in = _ui.run_service(lambda: accounts.sign_in(
            username=username, password=password, source=_ui.client_address()))
        if signed_in:
            _remember(signed_in)
            st.rerun()


def _remember(signed_in: accounts.SignIn) -> None:
    st.session_state[_keys.OFFICER] = signed_in.officer
    st.session_state[_keys.TOKEN] = signed_in.token
    max_age = int((signed_in.expires_at - clock.now()).total_seconds())
    st.session_state[_keys.COOKIE_PENDING] = (signed_in.token, max_age)


def _current_officer() -> accounts.SignedInOfficer | None:
    """Resume from this tab's state or the browser's cookie; check the session every run, so
    an idle time-out or a deactivated account takes effect at the next click."""
    token = st.session_state.get(_keys.TOKEN) or st.context.cookies.get(_keys.COOKIE_NAME)
    if settings().auth_mode == "oidc" and not token and st.user.is_logged_in:
        signed_in = _ui.run_service(lambda: accounts.sign_in_external(email=st.user.email or ""))
        if signed_in is None:
            return None
        _remember(signed_in)
        token = signed_in.token
    officer = accounts.resume_session(token)
    if officer is None:
        st.session_state.pop(_keys.OFFICER, None)
        st.session_state.pop(_keys.TOKEN, None)
        return None
    st.session_state[_keys.OFFICER] = officer
    st.session_state[_keys.TOKEN] = token
    return officer


def _sign_out() -> None:
    accounts.sign_out(st.session_state.get(_keys.TOKEN))
    for key in (_keys.OFFICER, _keys.TOKEN, _keys.CASE_ID, _keys.OPENING):
        st.session_state.pop(key, None)
    st.session_state[_keys.COOKIE_PENDING] = (None, 0)
    if settings().auth_mode == "oidc" and st.user.is_logged_in:
        st.logout()


try:
    _schema_ready(settings().database_url)
except PolicyError as error:
    st.error(f"Hearth cannot start: {error}. Correct the file, then reload this page "
             "(`python -m logic.store check` checks every file).")
    st.stop()
officer = _current_officer()

pending_cookie = st.session_state.pop(_keys.COOKIE_PENDING, None)
if pending_cookie is not None:
    _ui.write_cookie(*pending_cookie)

if officer is None:
    # Every address Hearth serves is known before sign-in, so a bookmarked link (/case?ref=...)
    # shows the sign-in form rather than "Page not found". The pages are registered, never run:
    # the sign-in form runs in their place, and the address is kept to open once signed in.
    navigation = st.navigation(
        [st.Page(_sign_in_page, title="Sign in", url_path="sign-in", default=True)]
        + [st.Page(spec.path, title=spec.title, url_path=spec.url_path) for spec in PAGES if spec.url_path],
        position="hidden",
    )
    wanted = next((spec for spec in PAGES if spec.url_path and spec.url_path == navigation.url_path), None)
    if wanted is not None:
        asked = (wanted.url_path, st.query_params.to_dict())
        if st.session_state.get(_keys.WANTED_PAGE) != asked:  # once an address, not once a rerun
            audit.record_page_refused(actor_id=None, page=wanted.title, reason=audit.NOT_SIGNED_IN)
        st.session_state[_keys.WANTED_PAGE] = asked
    else:
        st.session_state.pop(_keys.WANTED_PAGE, None)
    _sign_in_page()
    st.stop()
else:
    home = home_for(officer.role)
    sections: dict[str, list[st.Page]] = {}
    for spec in pages_for(officer.role):
        sections.setdefault(spec.group, []).append(
            st.Page(spec.path, title=spec.title, icon=spec.icon or None,
                    url_path=spec.url_path or "home", default=spec == home,
                    visibility="visible" if spec.listed else "hidden")
        )
    asked_for = _ui.page_asked_for()
    navigation = st.navigation(sections)
    if asked_for is not None:
        # a page outside the role is not registered, so it is neither run nor shown (Streamlit
        # shows the officer's Home and says the page was not found); the attempt is recorded
        audit.record_if_refused(officer, asked_for)
    _ui.track_opening(navigation.url_path)
    wanted_page = st.session_state.pop(_keys.WANTED_PAGE, None)
    if wanted_page is not None:
        # the address the officer opened before signing in; a page their role may not open is
        # dropped (they land on Home), as it would be for any address outside their role
        url_path, query = wanted_page
        spec = next((p for p in pages_for(officer.role) if p.url_path == url_path), None)
        if spec is not None and navigation.url_path != url_path:
            st.switch_page(spec.path, query_params=query)
    with st.sidebar:
        st.markdown(f"**{officer.full_name}**  \n{_ui.role_label(officer.role)} · {officer.team}")
        if st.button("Sign out", key="sign_out", icon=":material/logout:"):
            _sign_out()
            # to the root address: the screen signed out from is not one to return to
            st.switch_page(home.path)

navigation.run()
