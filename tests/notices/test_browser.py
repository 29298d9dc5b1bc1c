"""The notice pages in a real browser: axe-clean at phone and desktop widths, every script drawn."""

import subprocess

import pytest

from notices.languages import load
from notices.models import Notice

from ..conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_notice_pages_and_the_boxes_that_point_to_them_have_no_axe_violations(live_demo, page):
    for notice in Notice.objects.published():
        page.goto(live_demo.url + notice.get_absolute_url())
        assert_accessible(page)
    for path in ["/notices/privacy-practices/2024-01-15/", "/appointments/request/"]:
        page.goto(live_demo.url + path)
        assert_accessible(page)


# fontconfig's name for each tagline's language where it differs from the page's lang.
FONTCONFIG_LANG = {"zh-Hant": "zh-tw", "ps": "ps-af"}


def test_every_taglines_language_has_an_installed_font(settings):
    """No web fonts: the system must cover every script (Debian: fonts-noto-core and
    fonts-noto-cjk, installed by `make test-tools`)."""
    _states, languages, _source = load(settings.NOTICE_LANGUAGE_TAGLINES)
    missing = []
    for code in languages:
        lang = FONTCONFIG_LANG.get(code, code)
        found = subprocess.run(
            ["fc-list", f":lang={lang}", "family"],  # noqa: S607 - Debian's fontconfig tool
            capture_output=True,
            text=True,
            check=True,
        )
        if not found.stdout.strip():
            missing.append(code)
    assert missing == []


def test_the_taglines_page_renders_every_script(live_demo, phone_page, tmp_path):
    phone_page.goto(live_demo.url + "/notices/language-assistance/")
    taglines = phone_page.locator(".taglines li")
    assert taglines.count() >= 26
    phone_page.screenshot(path=tmp_path / "taglines.png", full_page=True)
    arabic = phone_page.locator('.taglines li[lang="ar"]')
    assert arabic.evaluate("li => getComputedStyle(li).direction") == "rtl"
