"""Office finder and directory pages in a real browser: axe at both widths, search without JS."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser

PAGES = [
    "/locations/",
    "/locations/?q=Hagerstown%2C+MD&radius=50",
    "/locations/?q=Columbia",
    "/locations/?q=Hagerstown",
    "/locations/?lat=38.46&lng=-78.85&radius=10",
    "/locations/?q=" + "x" * 201,  # the search box in error
    "/locations/?q=nowhere-at-all",
    "/locations/?lat=34.05&lng=-118.24",  # far from every office: the note with the phone
    "/locations/?q=21740&radius=7",
    "/locations/maryland/",
    "/locations/weston/",
    "/providers/",
    "/providers/?location=atlantis",
    "/providers/rafael-quintero-vidal/",
]


def test_every_page_of_the_finder_has_no_axe_violations(live_demo, page):
    for url in PAGES:
        page.goto(live_demo.url + url)
        assert_accessible(page)


def test_search_works_with_javascript_off(live_demo, no_js_page):
    no_js_page.goto(live_demo.url + "/")
    no_js_page.get_by_label("Enter your address, ZIP code or city").fill("Weston Florida")
    no_js_page.get_by_label("Enter your address, ZIP code or city").press("Enter")
    first = no_js_page.locator(".office-card h3").first
    assert first.inner_text().startswith("Weston")
    expect(no_js_page.get_by_role("button", name="Use my location")).to_be_hidden()


def test_use_my_location_fills_the_position_and_lists_the_nearest_office(live_demo, browser):
    context = browser.new_context(
        geolocation={"latitude": 38.45, "longitude": -78.87}, permissions=["geolocation"]
    )
    page = context.new_page()
    page.goto(live_demo.url + "/locations/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**lat=*")
    assert page.locator(".office-card h3").first.inner_text().startswith("Harrisonburg")
    # A new distance keeps the position the browser gave.
    page.get_by_label("Distance").select_option(label="Within 10 miles")
    page.get_by_role("search", name="Find an office").get_by_role("button", name="Search").click()
    page.wait_for_url("**radius=10*")
    assert "lat=38.45" in page.url
    expect(page.locator(".office-card h3")).to_have_count(1)
    assert page.locator(".office-card h3").first.inner_text().startswith("Harrisonburg")
    context.close()
