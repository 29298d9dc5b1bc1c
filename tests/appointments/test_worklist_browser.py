"""The front desk on a phone and at a desk: start page, worklist and a request, axe clean,
with the key columns in view and nothing to scroll sideways."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from appointments.models import AppointmentRequest

from ..conftest import assert_accessible, signed_in_page

pytestmark = pytest.mark.browser

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(params=[NARROW, WIDE], ids=["390px", "1280px"])
def desk_page(request, browser, live_demo, settings):
    settings.STAFF_OTP_REQUIRED = False  # signing in with a code has its own browser tests
    page = signed_in_page(browser, live_demo.url, "frontdesk", request.param)
    yield page
    page.context.close()


def test_the_front_desk_works_from_start_page_to_worklist_to_a_request(desk_page):
    page = desk_page
    expect(page.get_by_role("heading", name="Front desk")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    page.get_by_role("link", name="New requests").click()
    page.wait_for_url("**/?status__exact=new")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == AppointmentRequest.objects.filter(status="new").count() >= 1
    first = rows.first
    for column in ("patient", "phone_link", "age"):
        cell = first.locator(f".field-{column}")
        assert cell.is_visible() and cell.inner_text().strip(), column
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], column
    expect(first.locator("a[href^='tel:']")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    # The everyday filters come before the list, also where the filter panel falls below it.
    views = page.get_by_role("navigation", name="Worklist views")
    assert views.bounding_box()["y"] < page.locator("#result_list").bounding_box()["y"]

    page.locator("#searchbar").fill("410 555 0142")
    page.locator("#searchbar").press("Enter")
    page.wait_for_url("**q=410*")
    assert page.locator("#result_list tbody tr").count() == 1
    page.locator("#result_list .field-patient a").first.click()
    page.get_by_role("heading", name="Contact attempts and notes").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    page.locator("#id_contact_attempts-0-method").select_option(label="Phone call")
    page.locator("#id_contact_attempts-0-outcome").select_option(label="Left a voicemail")
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".messagelist").wait_for()
    expect(page.get_by_text("Left a voicemail").first).to_be_visible()
    desk = get_user_model().objects.get(username="frontdesk")
    assert AppointmentRequest.objects.get(phone="+14105550142").contact_attempts.get().by == desk
