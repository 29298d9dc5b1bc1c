"""Treatment pages and the pain quiz in a real browser: axe-clean at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from treatments.models import Condition, Treatment

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


FUSION_PATH = [
    "None of these",
    "Low in the back on one side, or in the buttock",
    "An ache that sitting, standing for long or lying on one side makes worse",
    "Six months or more",
    "Physical therapy or an exercise plan, without lasting relief",
    "A diagnostic SI joint injection that eased the pain, but only for a short while",
]


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


def test_the_quiz_its_urgent_page_and_its_result_have_no_axe_violations(live_demo, page):
    page.goto(live_demo.url + "/quiz/")
    assert_accessible(page)
    page.get_by_role("button", name="See my suggestions").click()
    page.get_by_text("Please correct the following").wait_for()
    assert_accessible(page)
    # A red flag ends the quiz, whatever else is answered.
    page.goto(live_demo.url + "/quiz/")
    answer_quiz(page, ["Numbness in your groin or inner thighs"])
    page.get_by_role("heading", level=1, name="Get care now").wait_for()
    assert page.get_by_role("link", name="Call 911").get_attribute("href") == "tel:911"
    assert page.get_by_text("Why it fits your answers").count() == 0
    assert_accessible(page)
    # SI-type pain for six months after therapy and a diagnostic injection: fusion, last.
    page.goto(live_demo.url + "/quiz/")
    answer_quiz(page, FUSION_PATH)
    page.get_by_role("heading", name="Treatments to ask about").wait_for()
    names = page.locator(".suggestion h3").all_inner_texts()
    assert names == ["Physical therapy", "Radiofrequency ablation", "SI joint fusion"]
    assert_accessible(page)


@pytest.mark.parametrize("path", ["quiz", "urgent", "results"])
def test_screenshots_of_the_quiz_at_phone_width_without_javascript(
    live_demo, no_js_page, path, tmp_path_factory
):
    no_js_page.goto(live_demo.url + "/quiz/")
    if path == "urgent":
        answer_quiz(no_js_page, ["Fever or chills together with back pain"])
    elif path == "results":
        answer_quiz(no_js_page, FUSION_PATH)
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    no_js_page.screenshot(path=str(shots / f"quiz-{path}-375.png"), full_page=True)
    # Nothing runs off the side of a phone screen.
    width = no_js_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375


def test_the_quiz_works_without_javascript_and_leads_to_a_prefilled_request(live_demo, no_js_page):
    no_js_page.goto(live_demo.url + "/quiz/")
    answer_quiz(no_js_page, FUSION_PATH)
    link = no_js_page.get_by_role("link", name="Request an appointment about SI joint fusion")
    assert link.get_attribute("href").endswith("?treatment=si-joint-fusion")
    link.click()
    offices = no_js_page.get_by_label("Preferred office").locator("option").all_inner_texts()
    assert not any("Elkridge" in office for office in offices), offices


def test_table_of_contents_links_reach_their_sections(live_demo, phone_page):
    phone_page.goto(live_demo.url + "/treatments/si-joint-fusion/")
    toc = phone_page.get_by_role("navigation", name="On this page")
    toc.get_by_role("link", name="Recovery").click()
    assert phone_page.url.endswith("#recovery")
    expect(phone_page.locator("#recovery")).to_be_visible()
