import pytest


@pytest.fixture
def gazetteer(db):
    """The whole US gazetteer: filled once per run (tests/conftest.py), never flushed."""


@pytest.fixture
def offices(demo):
    """The demo practice's offices and providers (with the rest of the demo, loaded once)."""
