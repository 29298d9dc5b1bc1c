"""Emails: staff hear that something arrived, the patient gets a reference, nobody gets details."""

import json
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse, translate_url
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import AppointmentRequest
from locations.factories import LocationFactory

from .conftest import PATIENT

URL = reverse("appointments:request")
MESSAGE_URL = reverse("appointments:message")
# The worker manages its own database connections, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)
PRIVATE = [*PATIENT.values(), "410", "555-0142", "5550142", "Medicare", "medicare"]


def send(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302
    call_command("db_worker", batch=True, verbosity=0)
    return AppointmentRequest.objects.get()


def assert_private(email):
    text = f"{email.subject}\n{email.body}"
    for secret in PRIVATE:
        assert secret not in text, f"{secret!r} leaked into {email.subject!r}"


def test_staff_are_told_a_request_arrived_with_an_admin_link_and_no_details(
    client, form_data, office, settings
):
    settings.SITE_URL = "https://clinic.example"
    stored = send(client, form_data())
    staff = next(m for m in mail.outbox if m.to == [office.staff_email])
    assert (
        f"https://clinic.example/{settings.ADMIN_URL}appointments/appointmentrequest/" in staff.body
    )
    assert f"/{stored.pk}/change/" in staff.body
    assert stored.reference in staff.subject
    assert_private(staff)


def test_an_office_without_its_own_address_falls_back_to_the_shared_one(
    client, form_data, settings
):
    settings.STAFF_NOTIFICATION_EMAIL = "desk@staff.example"
    plain = LocationFactory(staff_email="")
    send(client, form_data(location=plain.pk))
    assert ["desk@staff.example"] in [m.to for m in mail.outbox]


def test_the_patient_gets_a_reference_and_no_health_details(client, form_data, office):
    stored = send(client, form_data())
    patient = next(m for m in mail.outbox if m.to == [PATIENT["email"]])
    assert stored.reference in patient.body
    assert office.phone in patient.body
    assert_private(patient)


@pytest.mark.parametrize("url, kind", [(URL, "appointment"), (MESSAGE_URL, "billing")])
def test_the_task_queue_stores_no_patient_details(client, form_data, url, kind):
    assert client.post(url, form_data(kind=kind)).status_code == 302
    stored = json.dumps([task.args_kwargs for task in DBTaskResult.objects.all()])
    assert DBTaskResult.objects.count() == 2  # staff and patient
    for secret in [*PRIVATE, "quinlan"]:
        assert secret.lower() not in stored.lower(), f"{secret!r} stored in the task queue"
    call_command("db_worker", batch=True, verbosity=0)
    assert [PATIENT["email"]] in [m.to for m in mail.outbox]


def test_a_request_anonymized_before_the_worker_runs_gets_no_patient_email(
    client, form_data, office, time_machine
):
    time_machine.move_to("2025-03-01")
    assert client.post(URL, form_data()).status_code == 302
    time_machine.move_to("2025-03-03")
    call_command("purge_appointment_requests", "--older-than-days", "1", verbosity=0)
    call_command("db_worker", batch=True, verbosity=0)
    assert [m.to for m in mail.outbox] == [[office.staff_email]]


def test_no_patient_email_without_an_address(client, form_data):
    send(client, form_data(email="", contact_method="phone"))
    assert len(mail.outbox) == 1  # staff only


@pytest.mark.parametrize(
    "kind, what",
    [
        ("question", "question from a patient"),
        ("billing", "billing message"),
        ("records", "medical records message"),
    ],
)
def test_staff_are_told_what_kind_of_message_arrived(client, form_data, kind, what):
    data = form_data(kind=kind, email="", contact_method="")
    assert client.post(MESSAGE_URL, data).status_code == 302
    call_command("db_worker", batch=True, verbosity=0)
    (staff,) = mail.outbox
    first_line = staff.body.splitlines()[0]
    assert first_line == f"A new {what} arrived from the website for the Elkridge office."


@pytest.mark.parametrize(
    "kind, configured, recipient",
    [
        ("billing", None, "billing@staff.example"),
        ("records", None, "records@staff.example"),
        ("billing", "accounts@billing.example", "accounts@billing.example"),
        ("records", "him@records.example", "him@records.example"),
        ("question", None, "elkridge@staff.example"),  # the office answers questions
    ],
)
def test_each_kind_of_message_goes_to_the_team_that_answers_it(
    client, form_data, settings, kind, configured, recipient
):
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@staff.example"
    settings.BILLING_NOTIFICATION_EMAIL = settings.RECORDS_NOTIFICATION_EMAIL = configured
    data = form_data(kind=kind, email="", contact_method="")
    response = client.post(MESSAGE_URL, data)
    assert response.status_code == 302
    call_command("db_worker", batch=True, verbosity=0)
    stored = AppointmentRequest.objects.get()
    assert stored.kind == kind and stored.message == PATIENT["message"]
    (staff,) = mail.outbox
    assert staff.to == [recipient]
    assert_private(staff)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_outage_keeps_the_request_and_retries_the_email(client, form_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    stored = send(client, form_data(email="", contact_method=""))
    assert AppointmentRequest.objects.filter(pk=stored.pk).exists()
    assert mail.outbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > DBTaskResult.objects.get(status="SUCCESSFUL").finished_at


def test_a_mail_outage_retries_the_patient_email_without_storing_the_address(
    client, form_data, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    stored = send(client, form_data())
    retries = DBTaskResult.objects.filter(status="READY", task_path__startswith="appointments.")
    assert retries.get().args_kwargs["kwargs"] == {
        "request_pk": stored.pk,
        "attempt": 2,
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retries.update(run_after=timezone.now())  # the back-off has passed
    call_command("db_worker", batch=True, verbosity=0)
    assert [PATIENT["email"]] in [m.to for m in mail.outbox]


@pytest.mark.parametrize("kind", ["question", "records"])
def test_the_message_form_needs_a_topic_and_a_message(client, form_data, kind):
    response = client.post(MESSAGE_URL, form_data(kind="", message=""))
    assert {"kind", "message"} <= set(response.context["form"].errors)
    assert client.post(MESSAGE_URL, form_data(kind=kind)).status_code == 302
    assert AppointmentRequest.objects.get().kind == kind


def test_the_contact_page_routes_each_need(client, db):
    html = client.get(reverse("appointments:contact")).content.decode()
    assert reverse("appointments:request") in html
    for topic in ("question", "billing", "records"):
        assert f"{MESSAGE_URL}?topic={topic}" in html


def test_the_message_form_preselects_the_topic_from_the_link(client, office):
    response = client.get(MESSAGE_URL, {"topic": "records"})
    assert response.context["form"].initial["kind"] == "records"


def test_a_request_sent_in_spanish_is_recorded_so_and_answered_in_spanish_but_staff_read_english(
    client, form_data, office
):
    response = client.post(translate_url(URL, "es"), form_data())
    assert response["Location"] == translate_url(reverse("appointments:confirmation"), "es")
    call_command("db_worker", batch=True, verbosity=0)
    stored = AppointmentRequest.objects.get()
    assert stored.language == "es"
    patient = next(m for m in mail.outbox if m.to == [PATIENT["email"]])
    assert patient.subject == f"Recibimos su solicitud ({stored.reference})"
    assert "Alguien de nuestro equipo le llamará en el plazo de un día hábil." in patient.body
    assert "/es/notices/language-assistance/" in patient.body
    staff = next(m for m in mail.outbox if m.to == [office.staff_email])
    assert staff.subject == f"New website request {stored.reference}"
    assert "arrived from the website" in staff.body


def test_a_request_sent_from_the_english_page_stays_english_whatever_the_browser_prefers(
    client, form_data
):
    client.post(URL, form_data(), HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    call_command("db_worker", batch=True, verbosity=0)
    assert AppointmentRequest.objects.get().language == "en"
    patient = next(m for m in mail.outbox if m.to == [PATIENT["email"]])
    assert patient.subject.startswith("We received your request")
