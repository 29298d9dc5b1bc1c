"""The moderation queue staff work in."""

import re

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


def change_url(story):
    return reverse("admin:testimonials_testimonial_change", args=[story.pk])


def moderate_url(story):
    return reverse("admin:testimonials_testimonial_moderate", args=[story.pk])


def logged(story):
    from django.contrib.admin.models import LogEntry

    return list(
        LogEntry.objects.filter(object_id=str(story.pk)).values_list("change_message", flat=True)
    )


def test_a_story_is_approved_and_featured_from_its_own_page_and_each_step_is_logged(
    admin_client, client
):
    story = StoryFactory(status=Story.Status.SUBMITTED, featured=False, text="Kind staff.")
    page = admin_client.get(change_url(story)).content.decode()
    assert f'action="{moderate_url(story)}"' in page
    assert 'value="approve"' in page and 'value="reject"' in page
    assert 'value="feature"' not in page  # only an approved story can be featured
    client.get(reverse("testimonials:index"))  # cached without the story

    response = admin_client.post(moderate_url(story), {"action": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(story)
    assert "1 story approved." in response.content.decode()
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    assert "Kind staff." in client.get(reverse("testimonials:index")).content.decode()

    assert 'value="feature"' in response.content.decode()
    admin_client.post(moderate_url(story), {"action": "feature"})
    story.refresh_from_db()
    assert story.featured
    admin_client.post(moderate_url(story), {"action": "reject"})
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED and not story.featured
    assert logged(story) == ["Rejected.", "Featured.", "Approved."]


def test_the_list_actions_are_logged_like_the_buttons(admin_client):
    story = StoryFactory(status=Story.Status.SUBMITTED)
    admin_client.post(CHANGELIST, {"action": "approve", "_selected_action": [story.pk]})
    admin_client.post(
        CHANGELIST + "?status=approved", {"action": "feature", "_selected_action": [story.pk]}
    )
    assert logged(story) == ["Featured.", "Approved."]


def test_a_story_without_consent_cannot_be_approved_or_featured_from_its_page(admin_client):
    story = StoryFactory(
        status=Story.Status.SUBMITTED, consent_to_publish=False, consent_given_at=None
    )
    page = admin_client.get(change_url(story)).content.decode()
    assert 'value="approve"' not in page and "has not agreed to publication" in page
    for action in ("approve", "feature"):
        admin_client.post(moderate_url(story), {"action": action})
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED and not story.featured
    assert logged(story) == []


def test_the_buttons_need_a_post_the_csrf_token_and_the_change_permission(admin_user, client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    story = StoryFactory(status=Story.Status.SUBMITTED)
    client.force_login(admin_user)
    assert client.get(moderate_url(story), {"action": "approve"}).status_code == 405
    assert client.post(moderate_url(story), {"action": "delete"}).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(moderate_url(story), {"action": "approve"}).status_code == 403

    viewer = get_user_model().objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_testimonial"))
    client.force_login(viewer)
    assert 'value="approve"' not in client.get(change_url(story)).content.decode()
    assert client.post(moderate_url(story), {"action": "approve"}).status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_the_preview_shows_the_story_as_paragraphs_in_its_language(admin_client):
    story = StoryFactory(text="Me atendieron rápido.\n\nGracias.", language="es")
    html = admin_client.get(change_url(story)).content.decode()
    assert '<div class="testimonial-preview" lang="es"><p>Me atendieron rápido.</p>' in html
    assert "&lt;p&gt;" not in html


def test_the_list_shows_placement_beside_the_status(admin_client):
    StoryFactory(status=Story.Status.SUBMITTED)
    html = admin_client.get(CHANGELIST).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers[:4] == ["display_name", "status", "featured", "sort_order"]
