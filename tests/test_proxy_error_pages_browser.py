"""The pages nginx shows when no app server answers (deploy/errors/), as a patient's phone
shows them: no axe violations, nothing wider than a 320 px screen, the practice's phone a link.

The cluster tests check when nginx sends each one; this checks the pages themselves."""

import string

import pytest

from deploy.cluster import PRACTICE_PHONE, PRACTICE_TEL, PRACTICE_VALUES, REPO

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

PAGES = sorted((REPO / "deploy" / "errors").glob("*.html"))


def rendered(path):
    """The page as deploy/cluster.py (and a deployment, with its own values) fills it in;
    a placeholder it does not fill is an error here."""
    return string.Template(path.read_text()).substitute(PRACTICE_VALUES)


@pytest.mark.parametrize("path", PAGES, ids=[path.name for path in PAGES])
def test_the_proxy_error_page_reads_well_on_a_phone(phone_page, path):
    phone_page.set_content(rendered(path))
    assert_accessible(phone_page)
    call = phone_page.get_by_role("link", name=PRACTICE_PHONE)
    assert call.count() == 2  # one under the English, one under the Spanish
    assert call.first.get_attribute("href") == f"tel:{PRACTICE_TEL}"
    assert phone_page.locator("[lang=es]").count() == 1
    phone_page.set_viewport_size({"width": 320, "height": 640})
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
