"""Applicants' and officers' own words made safe for anything Streamlit renders as markdown.

Shared by the staff app (pages/_ui.py re-exports it) and the public app (pages/public/):
nothing here imports a service.
"""

from __future__ import annotations

import re

# Escaped with a backslash (CommonMark lets any ASCII punctuation be), these signs show as
# themselves: no image, link, autolink (https\://), emphasis, code, table, HTML tag, entity,
# Streamlit colour (:red[...]), icon (:material/...:) or formula ($...$). The signs that only
# mean something at the start of a line (a heading, a list, a quote, a rule) are escaped
# there; elsewhere they are left alone, so "Smith-Jones" or "O'Brien" reads as written.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()<>!|~$:&^@])")
_WEB_ADDRESS = re.compile(r"(www)\.", re.IGNORECASE)  # "www.x.org" is a link without "https://"
_LINE_START_SIGNS = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))", re.MULTILINE)


def plain(text: object) -> str:
    """Officers' and applicants' own words (a name, an address, a note, a reason, a search
    term) made safe to put into anything Streamlit renders as markdown (st.markdown, st.write,
    st.caption, st.info, titles, expander and tab labels, radio labels): every markdown and
    HTML sign is escaped, so the words show exactly as typed and a browser fetches nothing and
    follows no link from them. Line breaks are kept as line breaks."""
    if text is None:
        return ""
    words = str(text).replace("\r\n", "\n").replace("\r", "\n")
    escaped = _WEB_ADDRESS.sub(r"\1\\.", _MARKDOWN_SIGNS.sub(r"\\\1", words))
    escaped = _LINE_START_SIGNS.sub(lambda m: f"{m[1]}\\{m[2]}" if not m[2].isdigit()
                                    else f"{m[1]}{m[2]}\\", escaped)
    return escaped.replace("\n", "  \n")
