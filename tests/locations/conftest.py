import pytest

from locations.gazetteer import fill_gazetteer

DEMO_STATES = {"MD", "VA", "PA", "FL", "SC", "IN"}


@pytest.fixture
def gazetteer(db):
    """Only the states these tests search in: a few thousand rows, not 55,000."""
    fill_gazetteer(DEMO_STATES)


@pytest.fixture
def offices(gazetteer, settings):
    from locations import demo
    from treatments import demo as treatments_demo

    treatments_demo.load()
    demo.load()
