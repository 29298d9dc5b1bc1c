"""The office form in a real browser, as a content editor uses it: axe clean with the hours
grid, the photo's thumbnail and the providers, and a week's hours set from the keyboard.
(Copying Monday is done on the server, so tests/locations/test_office_form.py covers it
without JavaScript.)"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from locations.models import Location

from ..conftest import WCAG_TAGS

pytestmark = pytest.mark.browser
OWN_FIELDS = ("photo", "weekly_hours", "office_providers")


def test_an_editor_sets_a_weeks_hours_in_the_grid(browser, live_demo, settings):
    settings.STAFF_OTP_REQUIRED = False
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_demo.url + reverse("admin:login"))
    page.get_by_label("Username").fill("contenteditor")
    page.get_by_label("Password").fill("meadow-copper-kite-73")
    page.get_by_role("button", name="Sign in").click()
    office = Location.objects.get(slug="york")
    page.goto(live_demo.url + reverse("admin:locations_location_change", args=[office.pk]))
    expect(page.get_by_role("img", name="The current image")).to_be_visible()
    assert page.get_by_label("Monday: Opens").input_value() == "8:00 AM"
    # The parts this form adds. Django's own treatment filter and closures table on this page
    # fail axe already (a help icon's aria-label, inputs labelled only by column headers).
    results = Axe().run(
        page,
        context={
            "include": [[".field-photo"], [".field-weekly_hours"], [".field-office_providers"]]
        },
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    assert results.violations_count == 0, results.generate_report()

    # From the keyboard: Tab moves along Monday's row, Space ticks the box.
    page.get_by_label("Monday: Opens").fill("7:30 a.m.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("noon")
    page.keyboard.press("Tab")
    page.keyboard.type("12:30pm")
    page.get_by_label("When saving, copy Monday’s hours to Tuesday–Friday").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_label("Friday: Opens")).to_have_value("7:30 AM")  # waits for the save
    expect(page.get_by_label("Friday: Lunch break to")).to_have_value("12:30 PM")
    expect(page.get_by_label("Saturday: closed")).to_be_checked()
    context.close()
