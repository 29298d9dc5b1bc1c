"""A patient on a phone books Weston's Saturday morning, with JavaScript on and off; axe is
clean on every step."""

import re

import pytest
from django.urls import reverse

from booking.models import Booking

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
    assert page.get_by_role("heading", level=1).inner_text() == "Your details"
    assert "We hold this time for you until" in page.content()
    assert_step_accessible(page, twin)

    page.get_by_label("First name").fill("Quinlan")
    page.get_by_label("Last name").fill("Marchetti")
    page.get_by_label("Phone number").fill("954-555-0142")
    page.get_by_label("I agree to be contacted").check()
    page.get_by_label("I have read and agree to the privacy notice").check()
    page.get_by_role("button", name="Book this time").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you, your time is booked"
    booking = Booking.objects.select_related("request", "provider").get()
    assert page.locator(".reference-code").inner_text() == booking.reference
    assert booking.local_start.strftime("%A %H:%M") == "Saturday 09:00"
    assert booking.provider.name in name
    assert booking.reference not in page.url
    assert_step_accessible(page, twin)
