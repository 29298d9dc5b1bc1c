"""The carousel in a real browser, at phone and desktop widths, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from testimonials.models import Testimonial as Story

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


def carousel(page):
    return page.get_by_role("region", name="Patient stories")


def visible_slides(page):
    slides = carousel(page).locator('[aria-roledescription="slide"]')
    return [slides.nth(n).get_attribute("aria-label") for n in range(slides.count())
            if slides.nth(n).is_visible()]  # fmt: skip


def focused_name(page):
    """The accessible name of the focused button (its aria-label, else its text)."""
    return page.evaluate(
        "document.activeElement.getAttribute('aria-label')"
        " || document.activeElement.textContent.trim()"
    )


def test_the_buttons_move_the_slides_and_focus_stays_on_them(live_demo, page):
    total = Story.objects.featured().count()
    page.goto(live_demo.url + "/")
    assert visible_slides(page) == [f"1 of {total}"]
    assert carousel(page).locator(".carousel-slides").get_attribute("aria-live") == "polite"

    page.get_by_role("button", name="Next story").click()
    assert visible_slides(page) == [f"2 of {total}"]
    assert focused_name(page) == "Next story"

    page.get_by_role("button", name="Previous story").click()
    page.get_by_role("button", name="Previous story").click()
    assert visible_slides(page) == [f"{total} of {total}"]  # it wraps around
    assert focused_name(page) == "Previous story"

    picker = page.get_by_role("group", name="Choose a story")
    picker.get_by_role("button", name=f"Story 3 of {total}").click()
    assert visible_slides(page) == [f"3 of {total}"]
    assert (
        picker.get_by_role("button", name=f"Story 3 of {total}").get_attribute("aria-current")
        == "true"
    )
    assert focused_name(page) == f"Story 3 of {total}"
    assert_accessible(page)


def test_the_carousel_works_from_the_keyboard(live_demo, page):
    total = Story.objects.featured().count()
    page.goto(live_demo.url + "/")
    page.get_by_role("button", name="Previous story").focus()
    page.keyboard.press("Tab")
    assert focused_name(page) == "Next story"
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert visible_slides(page) == [f"3 of {total}"]
    assert focused_name(page) == "Next story"

    # Tab goes past the one visible slide (hidden slides hold no focus) to the picker.
    page.keyboard.press("Tab")
    assert focused_name(page) == f"Story 1 of {total}"
    page.keyboard.press("Enter")
    assert visible_slides(page) == [f"1 of {total}"]
    page.keyboard.press("ArrowRight")
    assert visible_slides(page) == [f"2 of {total}"]
    assert focused_name(page) == f"Story 2 of {total}"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert visible_slides(page) == [f"{total} of {total}"]
    assert focused_name(page) == f"Story {total} of {total}"


def test_the_list_and_share_pages_have_no_axe_violations(live_demo, page):
    for path in ("/testimonials/", "/testimonials/?office=nowhere&page=x", "/testimonials/share/"):
        page.goto(live_demo.url + path)
        assert_accessible(page)
    page.get_by_role("button", name="Send my story").click()  # empty: the error summary
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_with_javascript_off_every_story_is_reachable(live_demo, no_js_page):
    page = no_js_page
    page.goto(live_demo.url + "/")
    featured = list(Story.objects.featured().values_list("display_name", flat=True))
    assert len(visible_slides(page)) == len(featured) > 1
    for name in featured:
        expect(page.get_by_text(name, exact=True)).to_be_visible()
    assert not page.get_by_role("button", name="Next story").is_visible()

    approved = Story.objects.approved().count()
    names = []
    page.goto(live_demo.url + "/testimonials/")
    while True:
        names += page.locator(".testimonial-name").all_inner_texts()
        next_link = page.get_by_role("link", name="Next page")
        if not next_link.count():
            break
        next_link.click()
    assert len(set(names)) == approved
