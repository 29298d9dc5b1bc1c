"""Appointment-type names go through the translators' review like other content: a Spanish
page shows a reviewed Spanish name, and until then the English one, marked lang="en"."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from booking.links import manage_path
from booking.models import AppointmentType
from booking.services import booking_hold, booking_request_submit
from core.translation_review import SpanishStatus

from .conftest import NOW, patient, slot_tokens

# Paths taken once, in English: after a Spanish request, reverse() in the test would give
# the Spanish path.
START = reverse("booking:start")
START_ES = "/es" + START


@pytest.fixture(autouse=True)
def _on_the_wednesday_before():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def translated(schedule):
    _office, visit, _doctor = schedule
    visit.name_es = "Consulta"
    visit.save()
    return visit


def type_label(page):
    """The type's radio label as the start page renders it."""
    start = page.index('for="id_type_0"')
    return page[start : page.index("</label>", start)]


def test_an_unreviewed_spanish_name_shows_the_english_marked(client, translated):
    label = type_label(client.get(START_ES).content.decode())
    assert '<span lang="en">Consultation</span>' in label and "Consulta<" not in label


def test_a_reviewed_spanish_name_is_shown_in_spanish(client, translated):
    translated.mark_spanish_reviewed(None)
    label = type_label(client.get(START_ES).content.decode())
    assert "Consulta" in label and "Consultation" not in label and 'lang="en"' not in label
    # English pages are unchanged.
    assert "Consultation" in type_label(client.get(START).content.decode())


def test_the_booking_summary_marks_an_unreviewed_name(client, schedule, translated):
    office, visit, _doctor = schedule
    held = booking_hold(
        location=office, appointment_type=visit, slot_token=slot_tokens(office, visit)[0]
    )
    booking = booking_request_submit(booking=held, patient=patient(), language="es")
    manage_es = "/es" + manage_path(booking)
    page = client.get(manage_es).content.decode()
    assert '<dd lang="en">Consultation</dd>' in page
    translated.mark_spanish_reviewed(None)
    page = client.get(manage_es).content.decode()
    assert "<dd>Consulta</dd>" in page


def test_a_change_to_the_english_puts_the_review_out_of_date(translated):
    translated.mark_spanish_reviewed(None)
    assert translated.spanish_status == SpanishStatus.REVIEWED
    translated.name_en = "First consultation"
    translated.save()
    assert AppointmentType.objects.get().spanish_status == SpanishStatus.OUT_OF_DATE


def test_a_translator_marks_the_spanish_reviewed_in_the_admin(client, translated):
    translator = get_user_model().objects.create_user("tr", password="x" * 16, is_staff=True)
    translator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_appointmenttype", "change_appointmenttype", "review_spanish"]
        )
    )
    client.force_login(translator)
    changelist = reverse("admin:booking_appointmenttype_changelist")
    assert "not reviewed" in client.get(changelist).content.decode()
    client.post(
        changelist, {"action": "mark_spanish_reviewed", "_selected_action": [translated.pk]}
    )
    assert AppointmentType.objects.get().spanish_status == SpanishStatus.REVIEWED
