"""Benchmarks are pytest files named bench_*.py, collected only when `make bench` runs
`pytest benchmarks`: they are kept out of the unit suite (testpaths = tests)."""

from __future__ import annotations

import pytest


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
