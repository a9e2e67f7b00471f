"""Screens show and ask; the domains decide. A page that compares an officer's role, counts a
period of the law in days, or keeps its own session-state key has grown a rule of its own, and
the next change to the law or the scheme of delegation will miss it.

Read with `ast` (not a text search), so docstrings and comments may explain the law freely.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"),
                  *(ROOT / "pages" / "_sections").glob("*.py")])

# The page wall itself: require_page asks logic/navigation.py's PageSpec which roles open a screen.
ROLE_COMPARISONS_ALLOWED = {("pages/_ui.py", "officer.role not in spec.roles")}
# Defaults offered in a form, which the officer changes; no law or policy sets them.
DAY_COUNTS_ALLOWED = {
    ("pages/allocation.py", "timedelta(days=13)"),  # an absence proposed as a fortnight
    ("pages/audit_log.py", "timedelta(days=7)"),  # the audit log opens on the last week
    ("pages/lettings.py", "timedelta(days=7)"),  # bidding proposed to close in a week
    ("pages/workload_dashboard.py", "timedelta(weeks=12)"),  # the dashboard opens on a quarter
}
# Numbers of days that are law or policy (statutory.toml, casework.toml, register.toml):
# 56 (s.175(4), s.189B(4), s.195(8)(b)), 21 (s.202(3)), 42 (six weeks), a year as 365 or 366.
POLICY_DAY_NUMBERS = {21, 42, 56, 365, 366}
POLICY_WORDS = re.compile(r"\b(56|365)\b|\bsix[- ]weeks?\b|\b\d+[- ](days?|weeks?)\b", re.I)
SESSION_CALLS = {"get", "pop", "setdefault"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _is_role(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role"


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _names_a_session_key_literally(node: ast.AST) -> bool:
    """st.session_state["x"], st.session_state.get("x") / .pop / .setdefault."""
    if isinstance(node, ast.Subscript):
        return _is_session_state(node.value) and isinstance(node.slice, ast.Constant)
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in SESSION_CALLS and _is_session_state(node.func.value)
            and bool(node.args) and isinstance(node.args[0], ast.Constant))


def problems_in(source: str, name: str) -> list[str]:
    """Each rule-like line of a screen's source, as "name:line: what"."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{name}:{node.lineno}: {what}: {ast.get_source_segment(source, node)}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(map(_is_role, [node.left, *node.comparators])):
            if (name, ast.get_source_segment(source, node)) not in ROLE_COMPARISONS_ALLOWED:
                report(node, "role decided in the page (ask the domain's may_... function)")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "timedelta":
            allowed = (name, ast.get_source_segment(source, node)) in DAY_COUNTS_ALLOWED
            if node.keywords and not allowed:
                report(node, "a period counted in the page (read it from the policy)")
        elif (isinstance(node, ast.Constant) and type(node.value) is int
              and node.value in POLICY_DAY_NUMBERS):
            report(node, "a number of days from the law or policy")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docstrings and POLICY_WORDS.search(node.value)):
            report(node, "a period of the law written into the screen's words")
        elif _names_a_session_key_literally(node):
            report(node, "a session-state key outside pages/_keys.py")
        elif isinstance(node, ast.keyword) and node.arg == "clear_keys" and any(
                isinstance(k, ast.Constant) for k in getattr(node.value, "elts", ())):
            found.append(f"{name}: clear_keys names a key outside pages/_keys.py")
    return found


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_screen_holds_no_rule_of_its_own(path: Path):
    name = str(path.relative_to(ROOT))
    assert problems_in(path.read_text(encoding="utf-8"), name) == []


@pytest.mark.parametrize("line", [
    'if officer.role in (Role.senior, Role.manager):\n    pass',
    'may_write = officer.role in ("officer", "senior", "manager")',
    'is_manager = officer.role == Role.manager',
    'dependent = (today - p.dob).days < 19 * 365',
    'st.metric("Day of 56", clock.day)',
    'st.caption("bed and breakfast for no more than six weeks")',
    'st.caption(f"{n} placements past the six-week limit")',
    'closes = today + timedelta(days=56)',
    'st.session_state["hearth_officer"] = officer',
    'st.session_state.pop("register_case_choice", None)',
    'run_service(save, clear_keys=("add_note_body",))',
])
def test_the_check_catches_the_rules_pages_used_to_hold(line: str):
    # the lines this check was written against (issue 11): each must be reported
    assert problems_in(line, "pages/example.py")


def test_the_check_lets_a_screen_ask_the_domain_and_quote_the_policy():
    source = '''"""Relief lasts 56 days (s.189B(4)): explained here, not decided."""
may_write = letters.may_issue_letters(officer, record.case_type)
st.caption(f"Relief duty ends {law.relief_days} days from the day the case moved into relief")
st.session_state[_keys.FLASH] = "Saved."
run_service(save, clear_keys=(_keys.NOTE_BODY,))
'''
    assert problems_in(source, "pages/example.py") == []
