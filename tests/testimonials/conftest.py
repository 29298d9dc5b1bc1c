import pytest

from core.spam import started_token
from locations.models import Location, Provider
from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story
from tests.appointments.conftest import spanish  # noqa: F401
from treatments.models import Treatment


@pytest.fixture
def office(db):
    return Location.objects.create(
        name="Hagerstown", slug="hagerstown", street_address="1 Test Street", city="Hagerstown",
        state="MD", zip_code="21740", phone="(555) 010-0111", is_published=True,
    )  # fmt: skip


@pytest.fixture
def other_office(db):
    return Location.objects.create(
        name="Elkridge", slug="elkridge", street_address="2 Test Street", city="Elkridge",
        state="MD", zip_code="21075", phone="(555) 010-0112", is_published=True,
    )  # fmt: skip


@pytest.fixture
def treatment(db):
    return Treatment.objects.create(
        name="SI joint fusion", slug="si-joint-fusion", kind=Treatment.Kind.MINIMALLY_INVASIVE,
        care_step=Treatment.CareStep.SURGERY,
        summary="Joins the joint.", is_published=True,
    )  # fmt: skip


@pytest.fixture
def provider(db, office):
    provider = Provider.objects.create(
        name="Dr. Ada Test", slug="ada-test", credentials="MD", is_published=True
    )
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
