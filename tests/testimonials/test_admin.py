"""The moderation queue staff work in."""

import pytest
from django.urls import reverse

from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:testimonials_testimonial_changelist")


def test_the_queue_opens_on_stories_waiting_for_review(admin_client):
    StoryFactory(status=Story.Status.SUBMITTED, display_name="Waiting W.")
    StoryFactory(status=Story.Status.APPROVED, display_name="Shown S.")
    html = admin_client.get(CHANGELIST).content.decode()
    assert "Waiting W." in html and "Shown S." not in html
    html = admin_client.get(CHANGELIST, {"status": "all"}).content.decode()
    assert "Waiting W." in html and "Shown S." in html


def test_staff_approve_in_bulk_and_the_public_page_changes_at_once(admin_client, client):
    stories = StoryFactory.create_batch(2, status=Story.Status.SUBMITTED, text="Fresh story.")
    client.get(reverse("testimonials:index"))  # cached without the stories
    admin_client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [s.pk for s in stories]},
    )
    assert Story.objects.approved().count() == 2
    assert client.get(reverse("testimonials:index")).content.decode().count("Fresh story.") == 2


def test_bulk_approval_skips_stories_without_consent(admin_client):
    story = StoryFactory(
        status=Story.Status.SUBMITTED, consent_to_publish=False, consent_given_at=None
    )
    response = admin_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [story.pk]}, follow=True
    )
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED
    assert "not agreed to publication" in response.content.decode()


def test_staff_reject_in_bulk_and_rejected_stories_are_no_longer_featured(admin_client):
    story = StoryFactory(featured=True)
    # Staff reject a published story from the "Approved" view of the list.
    admin_client.post(
        CHANGELIST + "?status=approved", {"action": "reject", "_selected_action": [story.pk]}
    )
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED and not story.featured


def test_the_change_page_previews_the_story_escaped_and_keeps_consent_time_read_only(
    admin_client,
):
    story = StoryFactory(text="<script>x()</script>")
    html = admin_client.get(
        reverse("admin:testimonials_testimonial_change", args=[story.pk])
    ).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html
    assert 'name="consent_given_at"' not in html
