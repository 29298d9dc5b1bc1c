"""Reworking a live treatment page in a draft copy: patients see the old page until it is live."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from locations.models import Location
from tests.treatments.admin_forms import change_form_data
from treatments.factories import FAQFactory
from treatments.models import Treatment, TreatmentSection
from treatments.services import treatment_draft_create, treatment_draft_publish

pytestmark = pytest.mark.django_db
OLD_RECOVERY = "Most people spend <strong>one or two nights</strong> in hospital."
NEW_RECOVERY = "Most people go home <strong>the next day</strong>."


def a_minute_later():
    """A save apart from the demo's own (the page history counts a burst of rows as one save)."""
    return time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False)


def change_url(treatment):
    return reverse("admin:treatments_treatment_change", args=[treatment.pk])


def inline_index(data, prefix, field, value):
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    return next(n for n in range(count) if data[f"{prefix}-{n}-{field}"] == value)


def step_order(html):
    titles = ["You are put to sleep", "A small opening", "A path across the joint"]
    return sorted(titles, key=html.index)


def test_editor_reworks_the_live_si_joint_fusion_page_in_a_draft_and_publishes_it(
    admin_client, client, demo
):
    live = Treatment.objects.get(slug="si-joint-fusion", is_published=True)
    old_summary = live.summary
    public_url = live.get_absolute_url()
    assert OLD_RECOVERY in client.get(public_url).content.decode()

    live_page = admin_client.get(change_url(live)).content.decode()
    make_draft_url = reverse("admin:treatments_treatment_make_draft", args=[live.pk])
    assert f'action="{make_draft_url}"' in live_page and "Make a draft copy" in live_page
    response = admin_client.post(make_draft_url)
    draft = live.drafts.get()
    assert response.status_code == 302 and response.url == change_url(draft)
    assert (draft.slug, draft.is_published) == ("si-joint-fusion-draft-1", False)

    data = change_form_data(admin_client.get(change_url(draft)))
    data["summary_en"] = "A short operation that joins the SI joint for good."
    recovery = inline_index(data, "sections", "kind", "recovery")
    data[f"sections-{recovery}-body_en"] = "Most people go home **the next day**."
    data[f"steps-{inline_index(data, 'steps', 'title_en', 'A small opening')}-sort_order"] = 0
    data[f"steps-{inline_index(data, 'steps', 'title_en', 'You are put to sleep')}-sort_order"] = 1
    response = admin_client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    preview = admin_client.get(draft.get_absolute_url()).content.decode()
    assert NEW_RECOVERY in preview and "Draft copy: only staff can see it." in preview
    assert step_order(preview) == [
        "A small opening",
        "You are put to sleep",
        "A path across the joint",
    ]
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.get(public_url)
    with CaptureQueriesContext(connection) as queries:
        public = client.get(public_url).content.decode()
    assert len(queries) == 0, "the live page should come from the page cache"
    assert OLD_RECOVERY in public and NEW_RECOVERY not in public

    data = change_form_data(admin_client.get(change_url(draft)))
    data["_publish_draft"] = "Save and publish this draft"
    with a_minute_later():
        response = admin_client.post(change_url(draft), data)
    assert response.status_code == 302 and response.url == change_url(live)
    assert not Treatment.objects.filter(pk=draft.pk).exists()

    public = client.get(public_url).content.decode()
    assert NEW_RECOVERY in public and OLD_RECOVERY not in public
    assert step_order(public) == [
        "A small opening",
        "You are put to sleep",
        "A path across the joint",
    ]
    assert "A short operation that joins the SI joint for good." in public

    # One history for the whole page: the publish is one version, by whoever published it,
    # and comparing it with the version before shows the earlier text in full.
    history = admin_client.get(reverse("admin:treatments_treatment_history", args=[live.pk]))
    published = history.context["versions"][0]
    assert published.user.username == "admin"
    assert "Section “Recovery” changed" in published.changes
    compare_url = reverse("admin:treatments_treatment_compare", args=[live.pk])
    assert f"{compare_url}?to={published.key}" in history.content.decode()
    compare = admin_client.get(compare_url, {"to": published.key}).content.decode()
    assert escape(old_summary) in compare
    assert "Most people spend **one or two nights** in hospital." in compare


def test_a_draft_copy_never_shows_in_public_lists(client, demo):
    live = Treatment.objects.get(slug="si-joint-fusion")
    draft = treatment_draft_create(live=live)
    assert draft not in Treatment.objects.published()
    office = Location.objects.published().filter(treatments=live).first()
    for url in (
        reverse("treatments:index"),
        reverse("home"),
        reverse("sitemap"),
        reverse("treatments:quiz"),
        office.get_absolute_url(),
        reverse("appointments:request"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and draft.slug not in response.content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_are_never_offered_a_draft_copy_to_link_an_office_provider_or_story_to(
    admin_client, demo
):
    draft = treatment_draft_create(live=Treatment.objects.get(slug="si-joint-fusion"))
    for url in (
        reverse("admin:locations_location_change", args=[Location.objects.first().pk]),
        reverse("admin:locations_provider_add"),
        reverse("admin:testimonials_testimonial_add"),
        reverse("admin:treatments_condition_add"),
    ):
        html = admin_client.get(url).content.decode()
        # Once in each list of treatments: a menu (a provider's role rows each have one) or
        # a list of checkboxes.
        lists = len(re.findall(r'<select name="[^"]*treatments?"|<div id="id_treatments"', html))
        offered = re.findall(
            r'(?:<option [^>]*>|<input type="checkbox" name="treatments"[^>]*>\s*)SI joint fusion<',
            html,
        )
        assert lists >= 1 and len(offered) == lists, url
        assert str(draft) == "SI joint fusion (draft copy)" and str(draft) not in html, url


def test_the_list_action_and_the_database_refuse_to_publish_a_draft_copy(admin_client, demo):
    draft = treatment_draft_create(live=Treatment.objects.get(slug="si-joint-fusion"))
    response = admin_client.post(
        reverse("admin:treatments_treatment_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Draft copies are published from their own page" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published
    draft.is_published = True
    with pytest.raises(IntegrityError):
        draft.save()


def test_publishing_keeps_the_live_address_and_removed_parts_stay_recoverable(admin_client, demo):
    live = Treatment.objects.get(slug="si-joint-fusion")
    listing = (live.slug, live.featured, live.sort_order)
    draft = treatment_draft_create(live=live)
    draft.sections.get(kind=TreatmentSection.Kind.BENEFITS).delete()
    FAQFactory(treatment=draft, question="Can I drive home?", answer="No, someone drives you.")

    with a_minute_later():
        treatment_draft_publish(draft=draft)

    live.refresh_from_db()
    assert (live.slug, live.featured, live.sort_order, live.is_published) == (*listing, True)
    assert not live.sections.filter(kind=TreatmentSection.Kind.BENEFITS).exists()
    assert live.faqs.filter(question="Can I drive home?").exists()
    # The removed section links to the page as it stood just before, with a restore button.
    page = admin_client.get(change_url(live)).content.decode()
    link = re.search(r'<a href="([^"]+)">Benefits</a>', page)
    compare = admin_client.get(link[1].replace("&amp;", "&"))
    assert compare.context["groups"][0].title == "The page"
    benefits = next(g for g in compare.context["groups"] if g.title == "Section “Benefits”")
    assert benefits.changed and all(row.before and not row.after for row in benefits.rows)
    assert "Restore the version of" in compare.content.decode()
