"""Booking requests on the front desk's worklist: their time, one action per answer, audited."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appointments.demo import FRONT_DESK, load_groups
from appointments.factories import AppointmentRequestFactory
from appointments.models import AuditLogEntry
from booking.demo import grant_front_desk
from booking.models import Booking
from booking.services import booking_hold, booking_request_submit

from .conftest import NOW, patient, slot_tokens

WORKLIST = reverse("admin:appointments_appointmentrequest_changelist")


@pytest.fixture(autouse=True)
def _on_the_wednesday_before():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def desk(client, db):
    load_groups()
    grant_front_desk()
    user = get_user_model().objects.create_user("desk", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=FRONT_DESK))
    client.force_login(user)
    return client


def book(schedule):
    """The first free time, booked by a patient."""
    office, visit, _doctor = schedule
    token = slot_tokens(office, visit)[0]
    held = booking_hold(location=office, appointment_type=visit, slot_token=token)
    return booking_request_submit(booking=held, patient=patient())


def test_a_booking_request_shows_its_time_on_the_worklist(desk, schedule):
    book(schedule)
    page = desk.get(WORKLIST).content.decode()
    assert "01/07/2030 9:00 AM" in page
    assert "Dr. Ada Aster · Waiting for the front desk" in page


def worklist_reads(client):
    """The worklist's reads (its writes are the session's idle clock, rewritten now and
    then, and the audit log's one statement)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(WORKLIST)
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]


def test_the_worklist_reads_bookings_in_its_own_queries(desk, schedule):
    book(schedule)
    worklist_reads(desk)  # the first visit fills per-process caches (content types)
    one = worklist_reads(desk)
    for _ in range(3):
        book(schedule)
    four = worklist_reads(desk)
    assert len(four) == len(one)


@pytest.mark.parametrize(
    ("action", "status", "details"),
    [
        ("confirm_booked_times", Booking.Status.CONFIRMED, "booking confirmed"),
        ("decline_booked_times", Booking.Status.DECLINED, "booking declined"),
    ],
)
def test_one_action_confirms_or_declines_and_is_audited(desk, schedule, action, status, details):
    booking = book(schedule)
    response = desk.post(
        WORKLIST, {"action": action, "_selected_action": [booking.request_id]}, follow=True
    )
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == status
    entry = AuditLogEntry.objects.get(details=details)
    assert entry.reference == booking.reference and entry.user.username == "desk"


def test_proposing_another_time_holds_it_for_the_patient_once(desk, schedule):
    office, visit, _doctor = schedule
    booking = book(schedule)
    offer = reverse("admin:booking_booking_offer", args=[booking.pk])
    page = desk.get(offer).content.decode()
    later = slot_tokens(office, visit)[-1]
    assert f'value="{later}"' in page
    page = desk.post(offer, {"slot": later}, follow=True).content.decode()
    assert "The time has been offered to the patient by email" in page
    assert "01/07/2030 10:30 AM with Dr. Ada Aster, held for the patient until" in page
    booking.refresh_from_db()
    # Nothing moves until the patient accepts; the offered time is taken meanwhile.
    assert booking.status == Booking.Status.REQUESTED
    assert booking.local_start.strftime("%H:%M") == "09:00"
    assert later not in slot_tokens(office, visit)
    # A second click on the same time (a double submit) changes nothing and says so.
    page = desk.post(offer, {"slot": later}, follow=True).content.decode()
    assert "This time had already been offered to the patient. Nothing changed." in page
    assert booking.proposals.count() == 1
    assert AuditLogEntry.objects.filter(details="another time proposed").count() == 1
    # The worklist shows the offer beside the patient's own time, until they answer.
    worklist = desk.get(WORKLIST).content.decode()
    assert "Offered instead: 01/07/2030 10:30 AM, waiting for the patient" in worklist
    booking.proposals.update(status=Booking.Status.EXPIRED)
    assert "Offered instead" not in desk.get(WORKLIST).content.decode()


def test_opening_a_booking_is_audited(desk, schedule):
    booking = book(schedule)
    assert desk.get(reverse("admin:booking_booking_change", args=[booking.pk])).status_code == 200
    assert AuditLogEntry.objects.filter(
        action=AuditLogEntry.Action.VIEW, reference=booking.reference
    ).exists()


def test_the_worklist_filters_online_bookings_apart_from_requests(desk, schedule):
    booking = book(schedule)
    AppointmentRequestFactory(first_name="Callum", last_name="Backhouse")
    online = desk.get(WORKLIST, {"booked": "online"}).content.decode()
    assert booking.request.last_name in online and "Backhouse" not in online
    assert "01/07/2030 9:00 AM" in online
    requests = desk.get(WORKLIST, {"booked": "request"}).content.decode()
    assert "Backhouse" in requests and booking.request.last_name not in requests


def test_the_worklist_action_opens_the_times_to_propose_for_one_booking(desk, schedule):
    first, second = book(schedule), book(schedule)
    response = desk.post(
        WORKLIST, {"action": "propose_another_time", "_selected_action": [first.request_id]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:booking_booking_offer", args=[first.pk])
    page = desk.post(
        WORKLIST,
        {
            "action": "propose_another_time",
            "_selected_action": [first.request_id, second.request_id],
        },
        follow=True,
    ).content.decode()
    assert "Select one booking to propose another time for." in page
