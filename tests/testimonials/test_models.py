import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story
from testimonials.models import about_filter

pytestmark = pytest.mark.django_db


def test_approved_is_only_the_approved_status(one_of_each_status):
    assert list(Story.objects.approved()) == [one_of_each_status["approved"]]


def test_about_selects_by_office_provider_or_treatment(office, other_office, provider, treatment):
    at_office = StoryFactory(office=office)
    StoryFactory(office=other_office)
    with_provider = StoryFactory(provider=provider)
    with_treatment = StoryFactory(treatment=treatment)
    assert list(Story.objects.filter(about_filter(office))) == [at_office]
    assert list(Story.objects.filter(about_filter(provider))) == [with_provider]
    assert list(Story.objects.filter(about_filter(treatment))) == [with_treatment]


def test_about_refuses_other_kinds_of_object():
    with pytest.raises(TypeError):
        about_filter(object())


@pytest.mark.parametrize("rating", [0, 6])
def test_the_database_refuses_a_rating_outside_1_to_5(rating):
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(rating=rating)


def test_the_database_refuses_an_approved_testimonial_without_consent():
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(consent_to_publish=False, consent_given_at=None)


def test_the_database_refuses_consent_without_its_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(status=Story.Status.SUBMITTED, consent_given_at=None)


def test_staff_cannot_approve_without_consent_and_ticking_consent_records_the_time():
    testimonial = StoryFactory.build(
        status=Story.Status.APPROVED, consent_to_publish=False, consent_given_at=None
    )
    with pytest.raises(ValidationError) as error:
        testimonial.full_clean()
    assert "status" in error.value.message_dict
    testimonial.consent_to_publish = True
    testimonial.full_clean()
    assert testimonial.consent_given_at is not None


@pytest.mark.parametrize(
    "stored, saved_as, affects",
    [
        (None, "submitted", False),  # a patient's new story
        (None, "approved", True),  # entered by staff, shown at once
        ("submitted", "submitted", False),  # edited while waiting
        ("submitted", "rejected", False),
        ("submitted", "approved", True),
        ("approved", "approved", True),
        ("approved", "rejected", True),  # must leave the public pages
    ],
)
def test_only_a_story_that_is_or_was_approved_affects_public_pages(stored, saved_as, affects):
    if stored is None:
        story = StoryFactory.build(status=saved_as)
    else:
        story = Story.objects.get(pk=StoryFactory(status=stored).pk)
        story.status = saved_as
    assert story.affects_public_pages() is affects
    story.save()
    assert Story.objects.get(pk=story.pk).affects_public_pages() is (saved_as == "approved")
