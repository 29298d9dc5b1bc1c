"""Site search in a real browser: the header box without JavaScript, axe on every state."""

import pytest

from search.index import rebuild

from ..conftest import assert_accessible
from .conftest import seed_synonyms

pytestmark = pytest.mark.browser


@pytest.fixture
def live_index(live_demo):
    seed_synonyms()  # "siatica" needs them; an earlier live-server test's flush removed them
    rebuild()
    return live_demo


def test_the_header_box_searches_without_javascript(live_index, no_js_page):
    no_js_page.goto(live_index.url + "/")
    header = no_js_page.locator("header")
    header.locator("summary.menu-button").click()  # on a phone the search box is in the menu
    header.get_by_label("Search the site").fill("siatica")
    header.get_by_role("button", name="Search").click()
    no_js_page.wait_for_url("**/search/?q=siatica")
    assert no_js_page.get_by_role("link", name="Epidural steroid injection").is_visible()
    assert no_js_page.get_by_role("status").inner_text().endswith("found.")


def test_results_empty_state_and_page_two_have_no_axe_violations(live_index, page):
    for address in [
        "/search/?q=sacroiliac",
        "/search/?q=qwxzvbnm",
        "/search/?q=pain&page=2",
        "/search/",
        # Spanish results, some still in English (marked lang="en"), and the empty state.
        "/es/search/?q=fusi%C3%B3n+sacroil%C3%ADaca",
        "/es/search/?q=qwxzvbnm",
    ]:
        page.goto(live_index.url + address)
        assert_accessible(page)
    page.goto(live_index.url + "/no-such-page/")
    assert_accessible(page)


def test_the_header_still_fits_a_phone(live_index, phone_page, tmp_path):
    phone_page.goto(live_index.url + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    phone_page.screenshot(
        path=str(tmp_path / "header-375.png"), clip={"x": 0, "y": 0, "width": 375, "height": 260}
    )
