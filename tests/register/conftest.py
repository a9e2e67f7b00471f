"""The register screens' AppTest tests use the same small seeded store as tests/pages."""

from tests.pages.conftest import demo_store  # noqa: F401  (a fixture, shared)
