"""Asking for a good-faith estimate or giving accessibility feedback: the right team hears of
it through the worker, with no patient details, and the patient gets the usual confirmation."""

import re
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from appointments.models import AppointmentRequest
from core.spam import started_token
from locations.factories import LocationFactory
from notices.demo import load as load_notices

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits for real

PATIENT = {
    "first_name": "Odalys",
    "last_name": "Ferreira-Lunt",
    "phone": "305-555-0177",
    "email": "odalys.fl@mail.example",
    "message": "Estimate for an SI joint injection, paying myself.",
}
PRIVATE = [*PATIENT.values(), "555-0177", "5550177", "injection"]


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@staff.example"


def send(client, kind):
    office = LocationFactory(name="Weston", slug="weston", city="Weston", state="FL")
    data = {
        **PATIENT,
        "kind": kind,
        "location": office.pk,
        "contact_method": "email",
        "consent_to_contact": "on",
        "consent_to_privacy_notice": "on",
        "started": started_token(),
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client.post(reverse("appointments:message"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    call_command("db_worker", batch=True, verbosity=0)
    return client.get(response.url).content.decode()


def assert_private(email):
    text = f"{email.subject}\n{email.body}"
    for secret in PRIVATE:
        assert secret not in text, f"{secret!r} leaked into {email.subject!r}"


@pytest.mark.parametrize(
    "configured, recipient", [("", "billing@staff.example"), ("ar@bill.example", "ar@bill.example")]
)
def test_a_good_faith_estimate_request_reaches_billing_without_patient_details(
    client, settings, configured, recipient
):
    settings.BILLING_NOTIFICATION_EMAIL = configured
    confirmation = send(client, "estimate")
    stored = AppointmentRequest.objects.get()
    assert stored.kind == "estimate" and stored.message == PATIENT["message"]
    (staff,) = [m for m in mail.outbox if m.to == [recipient]]
    assert "good-faith estimate" in staff.body and stored.reference in staff.subject
    assert_private(staff)
    (patient,) = [m for m in mail.outbox if m.to == [PATIENT["email"]]]
    assert stored.reference in patient.body
    assert reverse("notices:detail", args=["language-assistance"]) in patient.body
    assert PATIENT["message"] not in patient.body
    assert stored.reference in confirmation
    assert "good-faith estimate within 3 business days" in confirmation
    assert reverse("notices:detail", args=["language-assistance"]) in confirmation


def test_accessibility_feedback_reaches_the_content_team(client, settings):
    settings.ACCESSIBILITY_NOTIFICATION_EMAIL = ""
    send(client, "accessibility")
    (staff,) = [m for m in mail.outbox if m.to == ["content@staff.example"]]
    assert "accessibility" in staff.body
    assert_private(staff)


def test_the_notices_offer_these_requests_on_the_contact_form(client):
    load_notices()
    for kind, topic in [("good-faith-estimate", "estimate"), ("accessibility", "accessibility")]:
        html = client.get(reverse("notices:detail", args=[kind])).content.decode()
        link = f"{reverse('appointments:message')}?topic={topic}"
        assert f'href="{link}"' in html
        form = client.get(link).content.decode()
        assert re.search(rf'value="{topic}"[^>]*checked', form), topic
