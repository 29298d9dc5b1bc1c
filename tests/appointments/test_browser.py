"""A patient on a phone: a mistake, a fix without retyping, a confirmation; axe clean throughout."""

import pytest
from django.urls import reverse

from appointments.models import AppointmentRequest

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _live_settings(settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0


def fill_required(page, phone):
    page.get_by_label("First name").fill("Quinlan")
    page.get_by_label("Last name").fill("Marchetti")
    page.get_by_label("Phone number").fill(phone)
    page.get_by_label("Preferred office").select_option(label="Elkridge, MD")
    page.get_by_label("I agree to be contacted").check()
    page.get_by_label("I have read and agree to the privacy notice").check()


def test_a_patient_fixes_a_mistake_and_lands_on_the_confirmation(live_demo, phone_page):
    page = phone_page
    page.goto(live_demo.url + reverse("appointments:request") + "?treatment=si-joint-fusion")
    assert_accessible(page)
    fill_required(page, "555-12")
    page.get_by_label("Anything else we should know?").fill("Mornings are best.")
    page.get_by_role("button", name="Send request").click()

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    # Everything else is still filled in: only the phone needs fixing.
    assert page.get_by_label("First name").input_value() == "Quinlan"
    assert page.get_by_label("Anything else we should know?").input_value() == "Mornings are best."
    assert page.get_by_label("I agree to be contacted").is_checked()
    assert page.get_by_label("Treatment or reason for your visit").input_value()
    summary.get_by_role("link").first.click()
    page.get_by_label("Phone number").fill("410-555-0142")
    page.get_by_role("button", name="Send request").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you, we have your request"
    reference = page.locator(".reference-code").inner_text()
    assert AppointmentRequest.objects.get(first_name="Quinlan").reference == reference
    assert "Quinlan" not in page.url and reference not in page.url
    assert_accessible(page)


def test_the_form_works_with_javascript_off(live_demo, no_js_page):
    no_js_page.goto(live_demo.url + reverse("appointments:request"))
    fill_required(no_js_page, "410-555-0142")
    no_js_page.get_by_role("button", name="Send request").click()
    assert "Thank you" in no_js_page.get_by_role("heading", level=1).inner_text()
    assert AppointmentRequest.objects.filter(first_name="Quinlan").count() == 1


def test_touch_targets_are_at_least_24_px(live_demo, phone_page):
    phone_page.goto(live_demo.url + reverse("appointments:request"))
    sizes = phone_page.eval_on_selector_all(
        "form input:not([type=hidden]):not(.trap input), form select, form button",
        "els => els.filter(e => e.offsetParent)"
        ".map(e => [e.name, e.getBoundingClientRect().height])",
    )
    assert sizes and all(height >= 24 for _name, height in sizes), sizes
