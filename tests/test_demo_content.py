"""The demo content agrees with itself: offices, providers, treatments and patient stories."""

import pytest

from locations.models import Location, Provider
from testimonials.models import Testimonial as Story

pytestmark = pytest.mark.django_db


def test_demo_content_is_consistent(demo):
    problems = []
    for office in Location.objects.published().prefetch_related("treatments"):
        performed = set(
            Provider.objects.published()
            .filter(locations=office)
            .values_list("treatments__slug", flat=True)
        )
        for treatment in office.treatments.all():
            if treatment.slug not in performed:
                problems.append(f"{office.slug} offers {treatment.slug}, no provider there does")
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
