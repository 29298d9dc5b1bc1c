"""The demo content agrees with itself: offices, providers, treatments and patient stories."""

import re
from html import unescape as html_unescape
from pathlib import Path

import pytest
from PIL import Image

from locations.models import Location, Provider, ProviderTreatment
from testimonials.models import Testimonial as Story

from .pages import public_urls

pytestmark = pytest.mark.django_db


def test_demo_content_is_consistent(demo):
    problems = []
    roles = ProviderTreatment.objects.filter(provider__is_published=True)
    for office in Location.objects.published().prefetch_related("treatments"):
        here = roles.filter(provider__locations=office)
        performed = set(here.performing().values_list("treatment__slug", flat=True))
        # Physical therapists are not listed as providers: someone there assesses and refers.
        assessed = set(here.values_list("treatment__slug", flat=True))
        for treatment in office.treatments.all():
            done = treatment.slug in performed or (
                treatment.care_step == 1 and treatment.slug in assessed
            )
            if not done:
                problems.append(f"{office.slug} offers {treatment.slug}, no provider there does")
    # Procedures are performed by physicians; other clinicians assess, refer and follow up.
    for role in roles.performing().select_related("provider", "treatment"):
        if role.treatment.care_step > 1 and not role.provider.is_physician:
            problems.append(f"{role.provider.slug} is listed as performing {role.treatment.slug}")
    stories = Story.objects.filter(status=Story.Status.APPROVED).select_related(
        "office", "provider", "treatment"
    )
    assert stories.exists()
    for story in stories:
        who, office, provider, treatment = (
            story.display_name,
            story.office,
            story.provider,
            story.treatment,
        )
        offered = office and treatment and office.treatments.filter(pk=treatment.pk).exists()
        if office and treatment and not offered:
            problems.append(f"{who}: {office.slug} does not offer {treatment.slug}")
        performs = provider and treatment and provider.treatments.filter(pk=treatment.pk).exists()
        if provider and treatment and not performs:
            problems.append(f"{who}: {provider.slug} does not do {treatment.slug}")
        works_there = provider and office and provider.locations.filter(pk=office.pk).exists()
        if provider and office and not works_there:
            problems.append(f"{who}: {provider.slug} does not work at {office.slug}")
    assert problems == []


# The demo is loaded once and shared (tests/conftest.py): what one test changes must be gone
# for the next. Each run below deletes what the previous run would have found missing.
@pytest.mark.parametrize("run", [1, 2])
def test_what_a_demo_test_changes_is_gone_for_the_next(demo, run):
    assert Location.objects.get(slug="hagerstown").name == "Hagerstown", f"run {run}"
    assert not Story.objects.filter(display_name="Left behind").exists()
    Location.objects.filter(slug="hagerstown").update(name="Renamed by an earlier test")
    Story.objects.create(text="Written by an earlier test.", display_name="Left behind")


def test_a_test_without_the_demo_sees_none_of_it(db):
    assert not Location.objects.exists() and not Provider.objects.exists()


def distinct_colours(path):
    """How many colours (to within a few shades) each cover at least 0.5% of a picture."""
    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((240, 240))
    image = image.point(lambda v: v // 24 * 24)
    pixels = image.width * image.height
    return sum(1 for count, _colour in image.getcolors(pixels) if count >= pixels * 0.005)


def test_no_picture_on_the_demo_pages_is_a_placeholder(client, demo, settings):
    """A drawn picture has many colours; a placeholder (a striped box with a name printed on
    it) has four or five. Each picture's description says more than the name of the page."""
    pictures = {}
    for url in public_urls():
        html = client.get(url).content.decode()
        for tag in re.findall(r"<img\b[^>]*>", html):
            src = re.search(r' src="([^"]+)"', tag).group(1)
            alt = html_unescape(re.search(r' alt="([^"]*)"', tag).group(1))
            pictures[src] = (url, alt)
    assert len(pictures) >= 30  # home, 5 treatments, 6 steps, 9 offices, 10 providers
    for src, (url, alt) in pictures.items():
        path = Path(settings.MEDIA_ROOT) / src.removeprefix(settings.MEDIA_URL)
        assert distinct_colours(path) >= 7, (url, src)
        assert len(alt.split()) >= 8, (url, src, alt)
