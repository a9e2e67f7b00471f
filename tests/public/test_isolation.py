"""The public app reaches no staff screen and no staff data: it imports no staff page or staff
service (read with ast, following the project's own imports, and checked in a fresh
interpreter), and its navigation lists only the public pages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_FILES = [ROOT / "public_app.py", *sorted((ROOT / "pages" / "public").glob("*.py"))]
# staff pages and helpers, and every service or view that reads cases, households or officers
FORBIDDEN = ("pages._ui", "pages._keys", "pages._sections", "pages._training", "logic.cases",
             "logic.casework", "logic.register", "logic.accounts", "logic.privacy",
             "logic.letters", "logic.statistics", "logic.workload", "logic.training",
             "logic.navigation", "logic.seed", "logic.store", "logic.public.service",
             "logic.front_door.service", "logic.front_door.views", "logic.front_door.household_record",
             "logic.front_door.safeguarding")
# the store itself: the public app holds no database credentials and opens no store (it hands
# its forms to the inbox folder, logic/public/inbox.py)
STORE = ("logic.db", "logic.models", "logic.common.recording", "logic.front_door.households")
STAFF_PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.stem.startswith("_"))


def _module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _module_level(tree: ast.Module):
    """The statements run when the module is imported (not those inside a function: the
    shared recording module's commit hook loads the H-CLIC checks when a case was changed,
    which a public submission never does)."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.If | ast.Try | ast.With):
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo.extend(getattr(node, field, []) or [])
        elif isinstance(node, ast.ExceptHandler):
            todo.extend(node.body)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in _module_level(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in found if n.split(".")[0] in ("logic", "pages", "app")}


def _reached_from(files: list[Path]) -> dict[str, str]:
    """Every project module the files import, directly or through another: module -> importer."""
    seen: dict[str, str] = {}
    todo = [(f, f.relative_to(ROOT).as_posix()) for f in files]
    while todo:
        path, who = todo.pop()
        for name in _imports(path):
            if name in seen:
                continue
            seen[name] = who
            found = _module_file(name)
            if found is not None:
                todo.append((found, name))
    return seen


def _is_forbidden(name: str) -> bool:
    return name == "app" or any(name == f or name.startswith(f + ".") for f in FORBIDDEN) or (
        name.startswith("pages.") and name.split(".")[1] in STAFF_PAGES)


def test_the_public_app_and_its_pages_import_no_staff_page_or_service_even_indirectly():
    reached = _reached_from(PUBLIC_FILES)
    assert "logic.public.submit" in reached
    assert [f"{name} (from {who})" for name, who in sorted(reached.items()) if _is_forbidden(name)] == []


def test_the_public_app_and_its_pages_reach_neither_the_store_nor_a_service_writing_to_it():
    reached = _reached_from(PUBLIC_FILES)
    assert "logic.public.inbox" in reached
    assert [f"{name} (from {who})" for name, who in sorted(reached.items())
            if any(name == s or name.startswith(s + ".") for s in STORE)] == []


def test_a_fresh_interpreter_loading_the_public_side_holds_no_staff_module():
    code = ("import sys, logic.public.submit, pages.public._ui, pages.public._keys\n"
            "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(('logic', 'pages', 'app')))))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert "logic.public.submit" in loaded
    assert [m for m in loaded if _is_forbidden(m)] == []
    assert [m for m in loaded if any(m == s or m.startswith(s + ".") for s in STORE)] == []


def test_the_navigation_lists_only_the_public_pages():
    tree = ast.parse((ROOT / "public_app.py").read_text())
    pages = [node.args[0].value for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"]
    assert pages and all(p.startswith("pages/public/") for p in pages)
    assert {Path(p).name for p in pages} == {p.name for p in PUBLIC_FILES if not p.name.startswith("_")
                                            and p.parent.name == "public" and p.name != "__init__.py"}


def test_the_running_public_app_gives_streamlit_s_navigation_only_the_public_pages(demo_store, monkeypatch):
    """What st.navigation is given is all a browser can reach by address (an unknown address
    shows the default page: the public start page)."""
    import streamlit

    given = []
    real = streamlit.navigation

    def recording(pages, **kwargs):
        given.append(([p._page if isinstance(p._page, Path) else p._page for p in pages], kwargs))
        return real(pages, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", recording)
    app = AppTest.from_file(str(ROOT / "public_app.py"), default_timeout=30)
    app.run()
    assert not app.exception
    (pages, kwargs), = given
    assert kwargs == {"position": "hidden"}
    assert pages and all(Path(p).resolve().parent == ROOT / "pages" / "public" for p in pages)
    assert app.title[0].value == "Get help if you are homeless or about to lose your home"
