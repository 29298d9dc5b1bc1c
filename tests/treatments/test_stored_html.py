"""Markdown is converted once, when staff save, and pages show the stored HTML."""

import pytest
from django.urls import reverse

from home.models import SiteSettings
from notices.models import Notice, NoticeVersion
from tests.treatments.admin_forms import change_form_data
from treatments.factories import FAQFactory, TreatmentFactory, TreatmentSectionFactory
from treatments.models import TreatmentSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(admin_user):
    SiteSettings.objects.create(
        practice_name="Clinic", phone="(305) 555-0142", hero_heading="Hi", hero_text="Hi",
        insurance_note="We take Medicare.", privacy_notice="Private.", seo_description="Clinic",
    )  # fmt: skip
    treatment = TreatmentFactory(name_en="Nerve block", name_es="Bloqueo nervioso", slug="block")
    TreatmentSectionFactory(
        treatment=treatment,
        body_en="It calms the *swelling*.",
        body_es="Calma la *inflamación*.",
    )
    FAQFactory(treatment=treatment, answer_en="Most feel **pressure**.", answer_es="Presión.")
    treatment.mark_spanish_reviewed(admin_user)
    return treatment


def test_the_stored_html_follows_an_edit_of_the_markdown_in_both_languages(
    client, admin_client, treatment
):
    change_url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    data = change_form_data(admin_client.get(change_url))
    data["sections-0-body_en"] = "It calms the **pain** around the nerve."
    data["sections-0-body_es"] = "Calma el **dolor** alrededor del nervio."
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    section = TreatmentSection.objects.get(treatment=treatment)
    assert section.body_html_en == "<p>It calms the <strong>pain</strong> around the nerve.</p>"
    assert section.body_html_es == "<p>Calma el <strong>dolor</strong> alrededor del nervio.</p>"
    english = client.get("/treatments/block/").content.decode()
    spanish = client.get("/es/treatments/block/").content.decode()
    assert "It calms the <strong>pain</strong> around the nerve." in english
    assert "<em>swelling</em>" not in english
    assert "Calma el <strong>dolor</strong> alrededor del nervio." in spanish
    assert "<em>inflamación</em>" not in spanish
    # The FAQ's Spanish was left alone: its stored HTML is still there.
    assert "<p>Presión.</p>" in spanish


def test_unreviewed_spanish_shows_the_stored_english_html(client, treatment):
    treatment.spanish_reviewed_at = None
    treatment.save()

    spanish = client.get("/es/treatments/block/").content.decode()

    assert "It calms the <em>swelling</em>." in spanish
    assert "inflamación" not in spanish


def test_each_version_in_the_history_keeps_its_own_html(admin_client, treatment):
    section = TreatmentSection.objects.get(treatment=treatment)
    section.body_en = "It calms the **pain**."
    section.save()

    earlier = section.history.earliest().instance

    assert earlier.body_html == "<p>It calms the <em>swelling</em>.</p>"
    assert (
        section.history.latest().instance.body_html == "<p>It calms the <strong>pain</strong>.</p>"
    )


def test_a_row_without_stored_html_converts_its_markdown_when_read(treatment):
    TreatmentSection.objects.update(body_html_en="")

    section = TreatmentSection.objects.get(treatment=treatment)

    assert section.body_html == "<p>It calms the <em>swelling</em>.</p>"


def test_a_notice_shows_the_stored_html_of_its_version():
    # Made by a data migration, which a transactional test elsewhere may have flushed.
    notice, _ = Notice.objects.get_or_create(
        kind=Notice.Kind.ACCESSIBILITY, defaults={"title": "Accessibility"}
    )
    version = NoticeVersion.objects.create(
        notice=notice, effective_date="2020-01-01", body="We **welcome** feedback.",
        is_published=True,
    )  # fmt: skip
    version.body_en = "We **gladly** take feedback."
    version.save()

    assert version.body_html_en == "<p>We <strong>gladly</strong> take feedback.</p>"
