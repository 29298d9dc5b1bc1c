"""Spanish content: shown once a translator reviews it, English marked lang="en" until then,
and the review flagged in the admin when the English changes afterwards.

Spanish pages are rendered with translation.override("es") through the view itself: the /es/
addresses come with the interface branch (spanish-ui)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from home.models import SiteSettings
from tests.treatments.admin_forms import change_form_data
from treatments.factories import FAQFactory, TreatmentFactory, TreatmentSectionFactory
from treatments.models import Treatment
from treatments.services import treatment_draft_create, treatment_draft_publish
from treatments.views import TreatmentDetailView

pytestmark = pytest.mark.django_db

SPANISH_NOTE = "Esta información todavía no está disponible en español"


@pytest.fixture
def treatment():
    SiteSettings.objects.create(
        practice_name="Clinic", phone="(305) 555-0142", hero_heading="Hi", hero_text="Hi",
        insurance_note="We take Medicare.", privacy_notice="Private.", seo_description="Clinic",
    )  # fmt: skip
    treatment = TreatmentFactory(
        name_en="Epidural steroid injection",
        name_es="Inyección epidural de esteroides",
        summary_en="Medicine placed near an irritated nerve.",
        summary_es="Un medicamento que se coloca cerca de un nervio irritado.",
        slug="epidural",
    )
    TreatmentSectionFactory(
        treatment=treatment,
        body_en="It calms the swelling around the nerve.",
        body_es="Calma la inflamación alrededor del nervio.",
    )
    FAQFactory(
        treatment=treatment,
        question_en="Does it hurt?",
        question_es="¿Duele?",
        answer_en="Most people feel pressure.",
        answer_es="La mayoría de las personas siente presión.",
    )
    return Treatment.objects.get(pk=treatment.pk)


def spanish_page(rf, treatment):
    request = rf.get(treatment.get_absolute_url())
    request.user = AnonymousUser()
    with translation.override("es"):
        response = TreatmentDetailView.as_view()(request, slug=treatment.slug)
        return response.render().content.decode()


def main_text(html):
    return html[html.index("<main") : html.index("</main>")]


def test_a_reviewed_spanish_treatment_is_shown_in_spanish(rf, treatment, admin_user):
    treatment.mark_spanish_reviewed(admin_user)

    html = main_text(spanish_page(rf, treatment))

    assert "<h1>Inyección epidural de esteroides</h1>" in html
    assert "Calma la inflamación alrededor del nervio." in html
    assert "¿Duele?" in html
    assert "Epidural steroid injection" not in html and "Does it hurt?" not in html
    assert 'lang="en"' not in html and SPANISH_NOTE not in html


def test_unreviewed_spanish_shows_the_english_marked_lang_en_with_a_spanish_note(rf, treatment):
    html = main_text(spanish_page(rf, treatment))

    assert '<h1 lang="en">Epidural steroid injection</h1>' in html
    assert '<p class="lead" lang="en">Medicine placed near an irritated nerve.</p>' in html
    sections = re.search(r'<div class="treatment-sections" lang="en">(.*?)</section>', html, re.S)
    assert "It calms the swelling around the nerve." in sections.group(1)
    # The translation written but not reviewed never reaches a patient.
    assert "Inyección" not in html and "Calma la inflamación" not in html
    # The note is Spanish, outside the English block, with the number to call.
    note = re.search(r'<p class="notice english-fallback-note">(.*?)</p>', html, re.S).group(1)
    assert SPANISH_NOTE in note and 'href="tel:+13055550142"' in note
    # Interface headings inside the English block say which language they are in.
    assert '<h2 id="questions-heading" lang="es">' in html


def test_a_reviewed_treatment_marks_english_where_its_spanish_field_is_empty(
    rf, treatment, admin_user
):
    treatment.summary_es = ""
    treatment.save()
    section = treatment.sections.get()
    section.body_es = ""
    section.save()
    treatment.mark_spanish_reviewed(admin_user)

    html = main_text(spanish_page(rf, Treatment.objects.get(pk=treatment.pk)))

    assert "<h1>Inyección epidural de esteroides</h1>" in html
    assert '<p class="lead" lang="en">Medicine placed near an irritated nerve.</p>' in html
    assert '<div lang="en"><p>It calms the swelling around the nerve.</p>' in html
    assert "<h3>¿Duele?</h3><div><p>La mayoría de las personas siente presión.</p>" in html
    assert '<div class="treatment-sections">' in html and SPANISH_NOTE not in html


def test_an_english_page_never_says_its_english_is_spanish(client, treatment, admin_user):
    treatment.mark_spanish_reviewed(admin_user)
    html = main_text(client.get(treatment.get_absolute_url()).content.decode())
    assert "<h1>Epidural steroid injection</h1>" in html
    assert 'lang="es"' not in html and 'lang="en"' not in html and SPANISH_NOTE not in html


def test_changing_the_english_after_review_flags_the_spanish_out_of_date(
    admin_client, treatment, admin_user
):
    treatment.mark_spanish_reviewed(admin_user)
    changelist = reverse("admin:treatments_treatment_changelist")
    assert "Epidural" not in admin_client.get(f"{changelist}?spanish=out-of-date").content.decode()
    assert "Spanish out of date" not in admin_client.get(reverse("admin:index")).content.decode()

    change_url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    data = change_form_data(admin_client.get(change_url))
    data["sections-0-body_en"] = "It calms the swelling and the pain around the nerve."
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    flagged = admin_client.get(f"{changelist}?spanish=out-of-date").content.decode()
    assert "Epidural steroid injection" in flagged
    reviewed = admin_client.get(f"{changelist}?spanish=reviewed").content.decode()
    assert "Epidural steroid injection" not in reviewed
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Spanish out of date" in index
    assert f'href="{changelist}?spanish=out-of-date">1 treatments to review again' in index
    form = admin_client.get(change_url).content.decode()
    assert "Out of date:" in form and "Patients still see that Spanish" in form

    # An out-of-date review keeps its Spanish on the site until it is reviewed again.
    treatment.refresh_from_db()
    assert treatment.spanish_status == "out-of-date"
    with translation.override("es"):
        assert treatment.name == "Inyección epidural de esteroides"

    admin_client.post(
        changelist, {"action": "mark_spanish_reviewed", "_selected_action": [treatment.pk]}
    )
    assert "Epidural" not in admin_client.get(f"{changelist}?spanish=out-of-date").content.decode()


def test_history_records_both_languages(treatment):
    treatment.name_es = "Inyección epidural"
    treatment.save()
    latest, earlier = treatment.history.all()[:2]
    assert (latest.name_en, latest.name_es) == ("Epidural steroid injection", "Inyección epidural")
    assert earlier.name_es == "Inyección epidural de esteroides"
    section = treatment.sections.get()
    assert section.history.latest().body_es == "Calma la inflamación alrededor del nervio."


def test_a_draft_copy_carries_the_spanish_and_publishes_it_back(treatment, admin_user):
    draft = treatment_draft_create(live=treatment)
    assert draft.name_es == "Inyección epidural de esteroides"
    assert draft.faqs.get().answer_es == "La mayoría de las personas siente presión."

    draft.summary_es = "Un medicamento que calma un nervio irritado."
    draft.save()
    section = draft.sections.get()
    section.body_es = "Calma la inflamación."
    section.save()
    draft.mark_spanish_reviewed(admin_user)
    live = treatment_draft_publish(draft=draft)

    live.refresh_from_db()
    assert live.summary_es == "Un medicamento que calma un nervio irritado."
    assert live.sections.get().body_es == "Calma la inflamación."
    # The review of the copy's Spanish is the live page's now, and matches its English.
    assert live.spanish_status == "reviewed"


def test_a_spanish_page_takes_the_same_queries_as_the_english_one(rf, treatment, admin_user):
    request = rf.get(treatment.get_absolute_url())
    request.user = AnonymousUser()

    def count(language):
        cache.clear()
        with translation.override(language), CaptureQueriesContext(connection) as queries:
            TreatmentDetailView.as_view()(request, slug=treatment.slug).render()
        return len(queries)

    english = count("en")
    assert count("es") == english
    treatment.mark_spanish_reviewed(admin_user)
    assert count("es") == english


def test_a_translator_edits_the_spanish_reads_the_english_and_marks_it_reviewed(client, treatment):
    from django.contrib.auth import get_user_model

    from appointments.demo import load_groups

    _front_desk, editor_group, translator_group = load_groups()
    translator = get_user_model().objects.create_user("ana", is_staff=True)
    translator.groups.set([translator_group])
    client.force_login(translator)
    change_url = reverse("admin:treatments_treatment_change", args=[treatment.pk])

    page = client.get(change_url)
    # English and Spanish side by side, with nothing loaded from another origin.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page.content.decode())
    form = page.context["adminform"].form
    assert "summary_es" in form.fields and "summary_en" not in form.fields
    assert "Medicine placed near an irritated nerve." in page.content.decode()
    data = change_form_data(page)
    data["summary_es"] = "Un medicamento que calma un nervio irritado."
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    changelist = reverse("admin:treatments_treatment_changelist")
    client.post(changelist, {"action": "mark_spanish_reviewed", "_selected_action": [treatment.pk]})
    treatment.refresh_from_db()
    assert treatment.spanish_status == "reviewed" and treatment.spanish_reviewed_by == translator
    assert treatment.summary_en == "Medicine placed near an irritated nerve."

    # An editor writes English; only a translator vouches for the Spanish.
    editor = get_user_model().objects.create_user("eli", is_staff=True)
    editor.groups.set([editor_group])
    client.force_login(editor)
    actions = client.get(changelist).context["action_form"].fields["action"].choices
    assert "mark_spanish_reviewed" not in [name for name, _label in actions]


def test_a_story_stays_in_the_language_its_patient_wrote_it_in():
    from django.template.loader import render_to_string

    from testimonials.models import Testimonial

    story = Testimonial(display_name="Gladys P.", text="Me explicaron todo.", language="es")
    english_page = render_to_string("testimonials/_testimonial.html", {"testimonial": story})
    assert '<blockquote class="testimonial-text" lang="es">' in english_page
    with translation.override("es"):
        spanish_page = render_to_string("testimonials/_testimonial.html", {"testimonial": story})
    assert '<blockquote class="testimonial-text">' in spanish_page
