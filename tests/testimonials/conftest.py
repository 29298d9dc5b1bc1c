import pytest

from core.spam import started_token
from locations.factories import LocationFactory, ProviderFactory
from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story
from treatments.factories import TreatmentFactory
from treatments.models import Treatment


@pytest.fixture
def office(db):
    return LocationFactory(name="Hagerstown", slug="hagerstown")


@pytest.fixture
def other_office(db):
    return LocationFactory(name="Elkridge", slug="elkridge", city="Elkridge", zip_code="21075")


@pytest.fixture
def treatment(db):
    return TreatmentFactory(
        name="SI joint fusion",
        slug="si-joint-fusion",
        kind=Treatment.Kind.MINIMALLY_INVASIVE,
        care_step=Treatment.CareStep.SURGERY,
    )


@pytest.fixture
def provider(db, office):
    provider = ProviderFactory(name="Dr. Ada Test", slug="ada-test")
    provider.locations.add(office)
    return provider


@pytest.fixture
def one_of_each_status(db):
    """A testimonial in each status, each with text that names its status."""
    return {
        status: StoryFactory(
            status=status,
            text=f"Story that is {status}.",
            display_name=f"{status.title()} P.",
            featured=True,
        )
        for status in Story.Status.values
    }


def started_long_ago():
    """A fill-time token from a minute ago, as if a person had taken their time."""
    return started_token(seconds_ago=60)
