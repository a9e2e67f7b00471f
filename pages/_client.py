"""The network address of a browser's connection, shared by the staff app (sign-in protection,
pages/_ui.py re-exports it) and the public app (the rate limit of pages/public/).
"""

from __future__ import annotations

import streamlit as st

from logic import config


def client_address() -> str | None:
    """The network address of this browser's connection, as the sign-in protection counts it:
    the proxy's header when HEARTH_CLIENT_ADDRESS_HEADER names one (the last address in it, the
    one the proxy itself saw), else the connection's; None on the same machine."""
    header = config.settings().client_address_header
    if header:
        forwarded = st.context.headers.get(header) or ""
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None  # no address under AppTest
