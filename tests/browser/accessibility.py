"""An axe-core audit of a page in the browser: WCAG 2.2 AA (the Public Sector Bodies
Accessibility Regulations 2018 require it of a council's public and intranet services).

    from tests.browser.accessibility import serious_violations

    found = serious_violations(page)            # [] when the screen passes
    assert not found, describe(found)

`serious_violations` runs axe-core (axe-playwright-python's bundled copy) with the WCAG 2.0,
2.1 and 2.2 level A and AA rules on the page as it is now, and returns the violations whose
impact is serious or critical, each narrowed to the elements that are not on the allow-list
below. The allow-list (`STREAMLIT_OWN`) is for what Streamlit itself renders and Hearth cannot
change from its own markup or theme: every entry names one rule AND one selector pattern, with
the reason, so a violation of the same rule in Hearth's own markup is still reported. Any page,
staff or public, may be audited with it; pass `known=` to add or replace entries for a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The WCAG 2.2 AA conformance target: every A and AA rule of 2.0, 2.1 and 2.2.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SERIOUS = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Known:
    """A violation Streamlit itself causes: the axe rule, a CSS selector the offending element
    must match (checked in the page with Element.matches, so it may name the element's
    Streamlit ancestors), and why Hearth cannot fix it."""

    rule: str
    selector: str
    why: str


# What Streamlit (1.67) renders that fails an AA rule, and nothing else. Each entry is one rule
# on one of Streamlit's own elements; README "Accessibility" lists them for the council.
STREAMLIT_OWN: tuple[Known, ...] = (
    Known("list", '[data-testid="stSidebarNav"] ul[data-testid="stSidebarNavItems"]',
          "Streamlit's sidebar navigation with sections puts each section (a <div> holding a "
          "<header> and the links) directly inside the <ul>: Streamlit's markup, not Hearth's"),
    Known("listitem", '[data-testid="stSidebarNavItems"] > div > li',
          "the same sectioned navigation: its <li> links sit in the section's <div>, not in "
          "the <ul>"),
    Known("target-size", '[data-testid="stDateInput"] [role="spinbutton"]',
          "Streamlit's date input: the day, month and year segments (react-aria DateField) are "
          "18 px wide and 20 px high, closer than 24 px apart; the calendar button beside them "
          "is large enough"),
    Known("target-size", '[data-testid="stTimeInput"] [role="spinbutton"]',
          "Streamlit's time input: the hour and minute segments, as in its date input"),
    Known("color-contrast", 'label[data-testid="stWidgetLabel"][disabled] p',
          "the label of a disabled widget: WCAG 1.4.3 exempts inactive controls, but Streamlit "
          "hides the label from assistive technology and marks it with a non-standard "
          "'disabled' attribute, so axe cannot tell it belongs to a disabled control"),
)

_MATCHES_JS = """
([target, selectors]) => {
  const el = document.querySelector(target);
  return el ? selectors.map(s => el.matches(s)) : selectors.map(() => false);
}
"""


def _target(node: dict[str, Any]) -> str:
    """axe's selector for a node (frames and shadow roots flattened to one string)."""
    parts = node.get("target") or []
    flat = []
    for part in parts:
        flat.append(" ".join(part) if isinstance(part, list) else str(part))
    return " >>> ".join(flat)


def _is_known(page, node: dict[str, Any], rules: list[Known]) -> bool:
    """True when the node's element matches one of the known selectors for its rule. A node
    inside a frame or shadow root (a target of more than one part) is never known."""
    parts = node.get("target") or []
    if len(parts) != 1 or not isinstance(parts[0], str):
        return False
    return any(page.evaluate(_MATCHES_JS, [parts[0], [k.selector for k in rules]]))


def _axe_results(page) -> dict[str, Any]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response


def serious_violations(page, *, known: tuple[Known, ...] | list[Known] = STREAMLIT_OWN,
                       ) -> list[dict[str, Any]]:
    """The serious and critical WCAG 2.2 A/AA violations on `page`, minus the `known` ones.

    Each is {"id", "impact", "help", "helpUrl", "nodes": [{"target", "html", "summary"}]} with
    only the nodes the allow-list does not cover; a violation left with no node is dropped.
    """
    found = []
    for violation in _axe_results(page).get("violations", []):
        if violation.get("impact") not in SERIOUS:
            continue
        nodes = []
        rules = [k for k in known if k.rule == violation["id"]]
        for node in violation.get("nodes", []):
            target = _target(node)
            if rules and _is_known(page, node, rules):
                continue
            nodes.append({"target": target, "html": node.get("html", "")[:300],
                          "summary": node.get("failureSummary", "")})
        if nodes:
            found.append({"id": violation["id"], "impact": violation.get("impact"),
                          "help": violation.get("help", ""),
                          "helpUrl": violation.get("helpUrl", ""), "nodes": nodes})
    return found


def write_report(violations: list[dict[str, Any]], path: Path) -> Path:
    """Write the violations as JSON (an empty list when the screen passes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(violations, indent=2, ensure_ascii=False) + "\n")
    return path


def describe(violations: list[dict[str, Any]]) -> str:
    """One line a violation and element, for an assertion message."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            lines.append(f"{v['impact']} {v['id']} ({v['help']}): {node['target']}  {node['html'][:120]}")
    return "\n".join(lines)
