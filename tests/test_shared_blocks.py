"""Blocks every page shares (footer, header, story carousel) are rendered once per content
version and language, yet a change shows at once and each page still marks its own section."""

import pytest
from django.core.cache import cache

from locations.factories import LocationFactory
from testimonials import factories as testimonial_factories
from treatments.factories import TreatmentFactory

pytestmark = pytest.mark.django_db

CURRENT = 'aria-current="page"'


def block_keys():
    return [key for key in cache._cache if ":block:" in key]  # LocMemCache's own store


def test_a_renamed_office_shows_at_once_in_the_footer_of_every_page(client):
    office = LocationFactory(name="Hagerstown")
    assert "Hagerstown" in client.get("/treatments/").content.decode()

    office.name = "Hagerstown East"
    office.save()

    assert "Hagerstown East" in client.get("/testimonials/").content.decode()


def test_spanish_pages_get_the_spanish_blocks(client):
    LocationFactory(name="Hagerstown")
    client.get("/treatments/")

    spanish = client.get("/es/treatments/").content.decode()

    assert "Nuestras oficinas" in spanish and "Our offices" not in spanish


def test_each_section_marks_its_own_navigation_link(client):
    treatments = client.get("/treatments/").content.decode()
    home = client.get("/").content.decode()
    offices = client.get("/locations/").content.decode()

    assert f'href="/treatments/" {CURRENT}' in treatments
    assert CURRENT not in home.split("<main")[0]
    assert f'href="/locations/" {CURRENT}' in offices
    assert f'href="/treatments/" {CURRENT}' not in offices


def test_junk_addresses_add_no_blocks(client):
    client.get("/")
    kept = len(block_keys())

    for n in range(20):
        assert client.get(f"/no-such-page-{n}/").status_code == 404

    assert len(block_keys()) == kept


def test_a_new_story_shows_in_the_carousel_of_its_treatment_at_once(client):
    treatment = TreatmentFactory(slug="block")
    testimonial_factories.TestimonialFactory(
        treatment=treatment, text="The block helped me walk again."
    )
    assert "helped me walk again" in client.get("/treatments/block/").content.decode()

    testimonial_factories.TestimonialFactory(treatment=treatment, text="I slept through the night.")

    assert "slept through the night" in client.get("/treatments/block/").content.decode()
