"""The AppTest fixture of tests/pages, shared with the front-door page tests."""

from tests.pages.conftest import demo_store  # noqa: F401
