"""A treatment page's whole history: restore an earlier page as a draft, compare in full,
and two draft copies of one page that cannot silently undo each other."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.treatments.admin_forms import change_form_data
from treatments.factories import FAQFactory
from treatments.models import Treatment, TreatmentSection
from treatments.page_history import current_page, page_fingerprint
from treatments.services import LivePageChanged, treatment_draft_create, treatment_draft_publish

pytestmark = pytest.mark.django_db


def minutes_later(minutes):
    """Saves apart in time, as an editor's are (rows written in one burst are one save)."""
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def change_url(treatment):
    return reverse("admin:treatments_treatment_change", args=[treatment.pk])


def history_url(treatment):
    return reverse("admin:treatments_treatment_history", args=[treatment.pk])


def outline(treatment):
    """What a patient reads on the page, in order."""
    page = current_page(treatment)
    return (
        page.page["summary_en"],
        [(s.content["kind"], s.content["body_en"]) for s in page.parts["sections"]],
        [s.content["title_en"] for s in page.parts["steps"]],
        [f.content["question_en"] for f in page.parts["faqs"]],
    )


def publish(admin_client, draft, button="_publish_draft"):
    data = change_form_data(admin_client.get(change_url(draft)))
    data[button] = "publish"
    return admin_client.post(change_url(draft), data)


def test_restoring_an_earlier_version_brings_back_its_sections_steps_and_faqs_as_a_draft(
    admin_client, client, demo
):
    live = Treatment.objects.get(slug="si-joint-fusion")
    before, fingerprint = outline(live), page_fingerprint(live)
    draft = treatment_draft_create(live=live)
    draft.summary_en = "A rewritten summary."
    draft.save()
    draft.sections.get(kind=TreatmentSection.Kind.RECOVERY).delete()
    draft.steps.order_by("sort_order").first().delete()
    draft.faqs.all().delete()
    FAQFactory(treatment=draft, question="Can I drive home?", answer="No.")
    with minutes_later(5):
        treatment_draft_publish(draft=draft)
    assert outline(live) != before

    with minutes_later(10):
        history = admin_client.get(history_url(live))
        published, earlier = history.context["versions"][:2]
        assert "Section “Recovery” removed" in published.changes
        assert "Question “Can I drive home?” changed" in published.changes
        assert f'name="version" value="{earlier.key}"' in history.content.decode()
        response = admin_client.post(
            reverse("admin:treatments_treatment_restore", args=[live.pk]),
            {"version": earlier.key},
            follow=True,
        )
    restored = live.drafts.get()
    assert response.redirect_chain[-1][0] == change_url(restored)
    assert "This draft copy holds the version of" in response.content.decode()
    # The draft holds the earlier page, parts and all; patients still see today's page.
    assert outline(restored) == before
    assert client.get(live.get_absolute_url()).status_code == 200
    assert "A rewritten summary." in client.get(live.get_absolute_url()).content.decode()

    with minutes_later(15):
        assert publish(admin_client, restored).url == change_url(live)
    assert outline(live) == before and page_fingerprint(live) == fingerprint
    assert "A rewritten summary." not in client.get(live.get_absolute_url()).content.decode()


def test_two_drafts_of_one_page_cannot_silently_undo_each_other(admin_client, demo):
    live = Treatment.objects.get(slug="si-joint-fusion")
    first, second = treatment_draft_create(live=live), treatment_draft_create(live=live)
    first.summary_en = "The first editor's summary."
    first.save()
    second.faqs.update(answer_en="The second editor's answer.")

    with minutes_later(5):
        assert publish(admin_client, first).url == change_url(live)
    live.refresh_from_db()
    assert live.summary_en == "The first editor's summary."

    # Publishing the second copy as made would put the old summary back: refused, and said.
    with minutes_later(10):
        response = publish(admin_client, second)
    assert response.url == change_url(second)
    live.refresh_from_db()
    assert live.summary_en == "The first editor's summary."
    assert not live.faqs.filter(answer_en="The second editor's answer.").exists()
    page = admin_client.get(change_url(second))
    html = page.content.decode()
    assert "Not published: the live page was changed after this draft copy" in html
    assert 'name="_publish_draft"' not in html and 'name="_publish_draft_anyway"' in html
    compare = admin_client.get(page.context["live_changes_url"])
    summary = next(row for row in compare.context["groups"][0].rows if row.changed)
    assert summary.after == "The first editor's summary."
    with pytest.raises(LivePageChanged):
        treatment_draft_publish(draft=second)

    # The editor who has seen what would be undone may still choose to replace it.
    with minutes_later(15):
        assert publish(admin_client, second, "_publish_draft_anyway").url == change_url(live)
    live.refresh_from_db()
    assert live.faqs.filter(answer_en="The second editor's answer.").exists()
    assert live.summary_en != "The first editor's summary."


def test_the_compare_shows_long_text_in_full_side_by_side(admin_client, demo):
    live = Treatment.objects.get(slug="si-joint-fusion")
    recovery = live.sections.get(kind=TreatmentSection.Kind.RECOVERY)
    long_text = " ".join(f"Sentence {n} of the recovery advice." for n in range(300))
    with minutes_later(5):
        recovery.body_en = long_text
        recovery.save()
    html = admin_client.get(
        reverse("admin:treatments_treatment_compare", args=[live.pk])
    ).content.decode()
    assert long_text in html and "Sentence 299 of the recovery advice." in html
    assert "(changed)" in html and "(current version)" in html


def test_a_live_page_says_saving_publishes_at_once_and_offers_a_draft_copy_first(
    admin_client, demo
):
    live = Treatment.objects.get(slug="si-joint-fusion")
    html = admin_client.get(change_url(live)).content.decode()
    notice = html[html.index("This page is live") : html.index('id="treatment_form"')]
    assert "Saving this form publishes your changes to patients at once." in notice
    make_draft = reverse("admin:treatments_treatment_make_draft", args=[live.pk])
    assert f'action="{make_draft}"' in notice and 'class="button default"' in notice
    assert "This page is live: saving publishes your changes at once." in html

    draft = treatment_draft_create(live=live)
    html = admin_client.get(change_url(draft)).content.decode()
    assert "This page is live" not in html and 'name="_publish_draft"' in html
