"""Test support shared by the suite: a throwaway PostgreSQL cluster and a served app.

- ``tests.support.postgres``: ``start_postgres()`` -> ``PostgresCluster`` (loopback, trust auth),
  ``PostgresUnavailable`` when the binaries are missing.
- ``tests.support.served_app``: ``serve_app(tmp_path)`` -> base URL of a real Streamlit server
  over a fresh demo DuckDB store.
- ``unavailable(reason)``: fail under CI (``CI`` set), skip locally. Use it wherever a test
  cannot run because the machine lacks something, so a clean CI machine never passes by
  skipping.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"


def in_ci() -> bool:
    """True when running under CI (``CI`` set to anything but empty/0/false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Fail the test under CI, skip it locally, with ``reason``."""
    import pytest

    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)
