"""Treatment pages and the pain quiz in a real browser: axe-clean at phone and desktop widths."""

import pytest

from treatments.models import Condition, Treatment

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


def answer_quiz(page, answers):
    for answer in answers:
        page.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See my suggestions").click()


def test_treatment_pages_have_no_axe_violations(live_demo, page):
    page.goto(live_demo.url + "/treatments/")
    assert_accessible(page)
    page.goto(live_demo.url + "/treatments/?condition=not-a-condition")
    assert_accessible(page)
    for treatment in Treatment.objects.published():
        page.goto(live_demo.url + treatment.get_absolute_url())
        assert_accessible(page)
    page.goto(live_demo.url + Condition.objects.published().first().get_absolute_url())
    assert_accessible(page)


def test_the_quiz_and_its_result_have_no_axe_violations(live_demo, page):
    page.goto(live_demo.url + "/quiz/")
    assert_accessible(page)
    page.get_by_role("button", name="See my suggestions").click()
    page.get_by_text("Please correct the following").wait_for()
    assert_accessible(page)
    answer_quiz(
        page,
        [
            "Low in the back, on one side, or in the buttock",
            "More than six months",
            "Sitting, standing for long, or lying on one side",
            "Injections that helped only for a while",
            "No",
        ],
    )
    page.get_by_role("heading", name="Treatments to ask about").wait_for()
    assert_accessible(page)


def test_the_quiz_works_without_javascript_and_leads_to_a_prefilled_request(live_demo, no_js_page):
    no_js_page.goto(live_demo.url + "/quiz/")
    answer_quiz(
        no_js_page,
        [
            "Down a leg or an arm",
            "Less than three months",
            "Walking, eased by sitting or leaning forward",
            "None yet",
            "Yes",
        ],
    )
    link = no_js_page.get_by_role(
        "link", name="Request an appointment about Epidural steroid injection"
    )
    assert link.get_attribute("href").endswith("?treatment=epidural-steroid-injection")


def test_table_of_contents_links_reach_their_sections(live_demo, phone_page):
    phone_page.goto(live_demo.url + "/treatments/si-joint-fusion/")
    toc = phone_page.get_by_role("navigation", name="On this page")
    toc.get_by_role("link", name="Recovery").click()
    assert phone_page.url.endswith("#recovery")
    assert phone_page.locator("#recovery").is_visible()
