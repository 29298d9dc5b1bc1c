"""The content editor in a real browser: the treatment editor and a story's page axe-clean at
1280 and 390 px, the editor inside 1280 px with every part open, a step moved with the keyboard."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from testimonials.models import Testimonial as Story
from treatments.models import Treatment

from ..conftest import assert_accessible, signed_in_page

pytestmark = pytest.mark.browser

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(params=[NARROW, WIDE], ids=["390px", "1280px"])
def editor_page(request, browser, live_demo, settings):
    settings.STAFF_OTP_REQUIRED = False
    page = signed_in_page(browser, live_demo.url, "contenteditor", request.param)
    yield page
    page.context.close()


def test_the_treatment_editor_and_a_story_page_work_by_keyboard_and_pass_axe(
    editor_page, live_demo
):
    page = editor_page
    fusion = Treatment.objects.get(slug="si-joint-fusion")
    first, second = fusion.steps.values_list("title", flat=True)[:2]
    page.goto(live_demo.url + reverse("admin:treatments_treatment_change", args=[fusion.pk]))
    assert_accessible(page)

    # The jump list opens the steps and puts focus on their heading.
    page.get_by_role("link", name="Procedure steps").click()
    steps = page.locator("#steps-group")
    assert steps.locator("details").evaluate("details => details.open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # The first step goes down by keyboard; focus stays on its button, now second in line.
    first_row = steps.locator("tr.has_original").first
    move_down = first_row.get_by_role("button", name="Move down").element_handle()
    move_down.focus()
    page.keyboard.press("Enter")
    titles = steps.locator("tr.has_original input[name$='-title_en']")
    assert [titles.nth(0).input_value(), titles.nth(1).input_value()] == [second, first]
    assert move_down.evaluate("button => button === document.activeElement")
    assert page.get_by_role("status").inner_text().startswith(f"{first}: now 2 of ")
    assert_accessible(page)

    if page.viewport_size["width"] == WIDE["width"]:
        page.get_by_role("button", name="Open every part").click()
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_role("button", name="Save and continue editing").last.click()
    page.locator(".messagelist").wait_for()
    assert list(fusion.steps.values_list("title", flat=True)[:2]) == [second, first]

    story = Story.objects.filter(status=Story.Status.SUBMITTED).first()
    page.goto(live_demo.url + reverse("admin:testimonials_testimonial_change", args=[story.pk]))
    assert_accessible(page)
    page.get_by_role("button", name="Approve", exact=True).click()
    page.locator(".messagelist").wait_for()
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    expect(page.get_by_role("button", name="Feature", exact=True)).to_be_visible()
    assert_accessible(page)

    if page.viewport_size["width"] == WIDE["width"]:
        # The story list keeps its placement columns, and every other, in view.
        page.goto(
            live_demo.url + reverse("admin:testimonials_testimonial_changelist") + "?status=all"
        )
        results = page.locator(".results").bounding_box()
        for column in ("featured", "sort_order", "date"):
            box = page.locator(f"#result_list td.field-{column}").first.bounding_box()
            assert box["x"] + box["width"] <= results["x"] + results["width"], column
