"""A patient on a phone books Weston's Saturday morning, with JavaScript on and off, and
accepts another time the front desk proposes, with JavaScript off; axe is clean on every
step."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from booking.links import proposal_path
from booking.models import AppointmentType, Booking
from booking.services import booking_hold, booking_propose, booking_request_submit
from booking.slots import free_slots
from locations.models import Location

from ..conftest import PHONE, _new_page, assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _live_settings(settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser):
    """The patient's phone, and for JavaScript off a twin with it on that opens each page
    in the patient's session: axe is itself a script, so it runs there, on the same HTML."""
    context, page = _new_page(browser, PHONE, javascript_enabled=request.param)
    twin_context, twin = (None, None) if request.param else _new_page(browser, PHONE)
    yield page, twin
    context.close()
    if twin_context is not None:
        twin_context.close()


def assert_step_accessible(page, twin):
    if twin is None:
        assert_accessible(page)
        return
    twin.context.add_cookies(page.context.cookies())
    twin.goto(page.url)
    assert_accessible(twin)


def test_a_patient_books_a_saturday_morning_at_weston(live_demo, phone):
    page, twin = phone
    page.goto(live_demo.url + reverse("booking:start") + "?location=weston")
    assert_step_accessible(page, twin)
    page.get_by_label("New-patient consultation").check()
    page.get_by_role("button", name="Show free times").click()
    assert_step_accessible(page, twin)

    saturday = page.get_by_role("button", name=re.compile(r"^Saturday, .* 9:00 AM with ")).first
    name = saturday.inner_text()
    saturday.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details", use_inner_text=True)
    expect(page.locator("main")).to_contain_text("We hold this time for you until")
    assert_step_accessible(page, twin)

    page.get_by_label("First name").fill("Quinlan")
    page.get_by_label("Last name").fill("Marchetti")
    page.get_by_label("Phone number").fill("954-555-0142")
    page.get_by_label("I agree to be contacted").check()
    page.get_by_label("I have read and agree to the privacy notice").check()
    page.get_by_role("button", name="Book this time").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, your time is booked", use_inner_text=True
    )
    booking = Booking.objects.select_related("request", "provider").get()
    assert page.locator(".reference-code").inner_text() == booking.reference
    assert booking.local_start.strftime("%A %H:%M") == "Saturday 09:00"
    assert booking.provider.name in name
    assert booking.reference not in page.url
    assert_step_accessible(page, twin)


def booked_and_proposed():
    """A patient's booking at Weston and another time the front desk proposes for it."""
    weston = Location.objects.get(slug="weston")
    visit = AppointmentType.objects.get(slug="new-patient-consultation")
    today = timezone.localtime(timezone.now(), weston.zone).date()
    first, other = free_slots(location=weston, appointment_type=visit, first_day=today, days=14)[:2]
    held = booking_hold(location=weston, appointment_type=visit, slot_token=first.token)
    booking = booking_request_submit(
        booking=held,
        patient={
            "first_name": "Quinlan",
            "last_name": "Marchetti",
            "phone": "+19545550142",
            "email": "quinlan.m@mail.example",
            "consent_to_contact": True,
            "consent_to_privacy_notice": True,
            "idempotency_key": uuid.uuid4(),
        },
    )
    proposal, _offered = booking_propose(booking=booking, user=None, slot_token=other.token)
    return booking, proposal


def test_a_patient_accepts_a_proposed_time_with_javascript_off(live_demo, browser):
    booking, proposal = booked_and_proposed()
    context, page = _new_page(browser, PHONE, javascript_enabled=False)
    twin_context, twin = _new_page(browser, PHONE)
    try:
        page.goto(live_demo.url + proposal_path(proposal))
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == "Another time for your appointment"
        assert_step_accessible(page, twin)
        twin.set_viewport_size({"width": 320, "height": 640})  # the narrowest phone: no sideways
        assert twin.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        twin.set_viewport_size(PHONE)
        page.get_by_role("button", name="Accept this time").click()
        expect(page.locator("main")).to_contain_text(
            "Your appointment has moved to the new time and is confirmed"
        )
        assert_step_accessible(page, twin)
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CONFIRMED
        assert booking.starts_at == proposal.starts_at
    finally:
        context.close()
        twin_context.close()
