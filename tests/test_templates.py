"""Shared template pieces: meta tags built in base.html, components, stylesheet tokens, scripts."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from locations.factories import LocationFactory
from treatments.factories import TreatmentFactory

pytestmark = pytest.mark.django_db

CSS = sorted(Path(settings.BASE_DIR, "static", "css").glob("*.css"))
JS = sorted(Path(settings.BASE_DIR, "static", "js").glob("*.js"))


def test_a_page_title_and_description_are_escaped_once_in_every_meta_tag(client):
    treatment = TreatmentFactory(
        name="Hip & knee care", slug="hip-knee", summary="Dr. O'Hara's approach to hip & knee pain."
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "<title>Hip &amp; knee care | " in html
    assert '<meta property="og:title" content="Hip &amp; knee care">' in html
    description = "Dr. O&#x27;Hara&#x27;s approach to hip &amp; knee pain."
    assert f'<meta name="description" content="{description}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert "&amp;amp;" not in html and "&amp;#x27;" not in html


def test_a_long_description_is_cut_for_search_engines_and_a_bit_later_for_link_previews(client):
    treatment = TreatmentFactory(slug="long", summary="word " * 100)
    html = client.get(treatment.get_absolute_url()).content.decode()
    search = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    preview = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
    assert len(search) == 160 and len(preview) == 200
    assert search.endswith("…") and preview.endswith("…")


def test_a_page_that_fills_no_meta_block_is_named_after_the_practice(client):
    html = client.get(reverse("home")).content.decode()
    name = re.search(r'<meta property="og:site_name" content="([^"]+)">', html).group(1)
    assert f"<title>{name}</title>" in html
    assert f'<meta property="og:title" content="{name}">' in html
    assert "og:image" not in html  # the home page has no picture of its own


def test_the_header_button_goes_to_the_plain_form_and_the_office_button_preselects_the_office(
    client,
):
    office = LocationFactory(slug="weston", name="Weston")
    html = client.get(office.get_absolute_url()).content.decode()
    buttons = re.findall(r'<a class="button button-cta" href="([^"]+)">([^<]+)</a>', html)
    form = reverse("appointments:request")
    header = re.search(
        r'<a class="button button-cta header-request" href="([^"]+)" aria-label="([^"]+)">', html
    )
    assert header.groups() == (form, "Request an appointment")
    assert (form + "?location=weston", "Request an appointment here") in buttons


def test_every_colour_and_radius_in_the_stylesheets_is_a_token():
    assert len(CSS) >= 5
    raw = re.compile(r"#[0-9a-f]{3,8}\b|\b(?:rgb|hsl)a?\(|radius:\s*[0-9.]", re.IGNORECASE)
    for path in CSS:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.match(r"\s*--[\w-]+:", line):  # where the tokens are defined
                continue
            assert not raw.search(line), f"{path.name}:{number}: {line.strip()}"


def test_scripts_find_their_elements_by_data_attributes_not_by_generated_ids():
    assert len(JS) >= 3
    for path in JS:
        source = path.read_text()
        assert "id_" not in source and "getElementById" not in source, path.name
        assert "[data-" in source, path.name
