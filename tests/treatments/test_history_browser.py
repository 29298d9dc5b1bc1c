"""The treatment editor as a content editor uses it, axe clean at a desk and on a phone:
a live page (with its "saving publishes at once" notice), its history and a compare."""

import pytest
from django.urls import reverse

from treatments.models import Treatment

from ..conftest import DESKTOP, assert_accessible, signed_in_page

pytestmark = pytest.mark.browser


def test_the_treatment_editor_its_history_and_compare_have_no_axe_violations(
    browser, live_demo, settings
):
    settings.STAFF_OTP_REQUIRED = False  # signing in with a code has its own browser tests
    live = Treatment.objects.get(slug="si-joint-fusion")
    page = signed_in_page(browser, live_demo.url, "contenteditor", DESKTOP)
    urls = [
        reverse("admin:treatments_treatment_change", args=[live.pk]),
        reverse("admin:treatments_treatment_history", args=[live.pk]),
        reverse("admin:treatments_treatment_compare", args=[live.pk]),
    ]
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for url in urls:
            page.goto(live_demo.url + url)
            assert_accessible(page)
    page.goto(live_demo.url + urls[0])
    page.get_by_role("button", name="Make a draft copy").click()
    page.get_by_text("Patients see the live page until you publish it").wait_for()
    assert live.drafts.count() == 1
    page.context.close()
