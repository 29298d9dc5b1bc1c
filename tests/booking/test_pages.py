"""The patient's pages: choose, a week of slots, hold, details, booked, manage; no JavaScript."""

import re
from datetime import time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from booking.factories import WeeklyAvailabilityFactory
from booking.models import Booking
from core.spam import started_token
from locations.factories import ProviderFactory

from .conftest import NOW

START = reverse("booking:start")
CHOICE = {"type": "consult", "location": "hagerstown"}


@pytest.fixture(autouse=True)
def _on_the_wednesday_before():
    with time_machine.travel(NOW, tick=True):
        yield


def slot_buttons(html):
    """(value, accessible name) of each slot button: its text, hidden parts included."""
    return [
        (value, " ".join(strip_tags(inner).split()))
        for value, inner in re.findall(
            r'<button type="submit" name="slot" value="([^"]+)"[^>]*>(.*?)</button>', html, re.S
        )
    ]


def details(**changes):
    return {
        "first_name": "Quinlan",
        "last_name": "Marchetti",
        "phone": "410-555-0142",
        "email": "quinlan.m@mail.example",
        "consent_to_contact": "on",
        "consent_to_privacy_notice": "on",
        "started": started_token(seconds_ago=30),
        "idempotency_key": "6f1c1a52-4d5e-4a53-9a51-0d8d7f0e7c11",
        **changes,
    }


def hold_first(client, schedule):
    page = client.get(START, CHOICE).content.decode()
    token = slot_buttons(page)[0][0]
    return token, client.post(reverse("booking:hold"), {**CHOICE, "slot": token})


def test_the_start_page_offers_the_bookable_visits_and_offices(client, schedule):
    page = client.get(START).content.decode()
    assert 'name="type"' in page and "Consultation" in page
    assert "Hagerstown" in page
    assert slot_buttons(page) == []


def test_each_slot_button_says_day_date_time_and_provider(client, schedule):
    page = client.get(START, CHOICE).content.decode()
    names = [name for _value, name in slot_buttons(page)]
    assert names[0] == "Monday, January 7, 9:00 AM with Dr. Ada Aster"
    assert len(names) == 4
    assert "Monday, January 7" in page


def test_a_chosen_provider_narrows_the_slots(client, schedule):
    office, visit, _doctor = schedule
    other = ProviderFactory(slug="dr-bea-birch", name="Dr. Bea Birch")
    WeeklyAvailabilityFactory(
        provider=other, location=office, appointment_type=visit, starts=time(13), ends=time(14)
    )
    everyone = slot_buttons(client.get(START, CHOICE).content.decode())
    only_bea = slot_buttons(
        client.get(START, {**CHOICE, "provider": "dr-bea-birch"}).content.decode()
    )
    assert len(everyone) == 6
    assert [name.split(" with ")[1] for _v, name in only_bea] == ["Dr. Bea Birch"] * 2


def test_booking_a_time_from_slot_to_confirmation_without_javascript(client, schedule, mailoutbox):
    token, response = hold_first(client, schedule)
    assert response.url == reverse("booking:details")
    page = client.get(response.url).content.decode()
    assert "We hold this time for you until" in page and "Dr. Ada Aster" in page
    response = client.post(reverse("booking:details"), details())
    assert response.status_code == 302 and response.url == reverse("booking:booked")
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.REQUESTED
    page = client.get(response.url).content.decode()
    assert booking.reference in page
    assert "Monday, January 7, 2030" in page and "(301) 555-0150" in page
    calendar = re.search(r'href="([^"]+calendar\.ics)"', page).group(1)
    ics = client.get(calendar)
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"DTSTART:20300107T140000Z" in ics.content
    # The time is gone for the next patient.
    assert token not in dict(slot_buttons(client.get(START, CHOICE).content.decode()))


def test_a_mistake_in_the_details_keeps_the_hold_and_says_what_to_fix(client, schedule):
    hold_first(client, schedule)
    response = client.post(reverse("booking:details"), details(phone="12"))
    assert response.status_code == 200
    assert "Enter a US phone number" in response.content.decode()
    assert Booking.objects.get().status == Booking.Status.HELD


def test_a_time_just_taken_is_said_plainly_with_the_next_ones(client, schedule):
    token, _response = hold_first(client, schedule)
    other = client.__class__()
    response = other.post(reverse("booking:hold"), {**CHOICE, "slot": token})
    assert "taken=1" in response.url
    page = other.get(response.url).content.decode()
    assert "that time was just taken" in page
    assert token not in dict(slot_buttons(page)) and len(slot_buttons(page)) == 3


def test_the_manage_link_cancels_and_frees_the_time(client, schedule):
    token, _response = hold_first(client, schedule)
    client.post(reverse("booking:details"), details())
    booking = Booking.objects.get()
    manage = booking.get_absolute_url()
    page = client.__class__().get(manage).content.decode()
    assert booking.reference in page and "Cancel this appointment" in page
    response = client.__class__().post(manage, {"action": "cancel"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert token in dict(slot_buttons(client.get(START, CHOICE).content.decode()))


def test_a_mangled_manage_action_changes_nothing_and_the_page_says_so(client, schedule):
    hold_first(client, schedule)
    client.post(reverse("booking:details"), details())
    booking = Booking.objects.get()
    for action in ("", "delete", "<b>cancel</b>", "cancel" * 5000):
        response = client.__class__().post(booking.get_absolute_url(), {"action": action})
        assert response.status_code == 400
        page = response.content.decode()
        assert "We could not tell what you chose, so nothing has changed." in page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED and booking.move_requested_at is None


def test_a_made_up_manage_link_is_not_found(client, schedule):
    assert client.get(reverse("booking:manage", args=["not-a-real-token"])).status_code == 404


def test_the_details_page_without_a_hold_goes_back_to_the_start(client, schedule):
    assert client.get(reverse("booking:details")).url == START


def test_the_slot_page_makes_as_many_queries_however_much_availability(client, schedule):
    office, visit, _doctor = schedule

    def count():
        client.get(START, CHOICE)  # the site's cached header and footer filled again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(START, CHOICE).status_code == 200
        return len(queries)

    before = count()
    for n in range(12):
        provider = ProviderFactory(slug=f"many-{n}")
        for weekday in range(6):
            WeeklyAvailabilityFactory(
                provider=provider, location=office, appointment_type=visit, weekday=weekday
            )
    assert count() == before
    assert before <= 12


def test_the_flow_is_in_spanish_under_es(client, schedule):
    page = client.get("/es" + START, CHOICE).content.decode()
    assert "Reservar una cita" in page
    assert slot_buttons(page)[0][1] == "Lunes, 7 de enero, 9:00 a. m. con Dr. Ada Aster"
