"""Every public page in a real browser: axe finds nothing at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, assert_accessible
from .pages import error_pages, in_spanish, public_urls

pytestmark = pytest.mark.browser
LANGUAGES = {"en": ("", lambda url: url), "es": ("/es", in_spanish)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_no_axe_violations(live_demo, page, language):
    _prefix, address = LANGUAGES[language]
    for url in public_urls():
        page.goto(live_demo.url + address(url))
        assert_accessible(page)


def serve(body):
    return lambda route: route.fulfill(body=body, content_type="text/html")


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_have_no_axe_violations(live_demo, page, rf, language):
    prefix, _address = LANGUAGES[language]
    address = live_demo.url + "/error-page/"
    for response in error_pages(rf, prefix=prefix).values():
        page.route(address, serve(response.content))
        page.goto(address)
        assert page.get_by_role("heading", level=1).count() == 1
        assert_accessible(page)
        page.unroute(address)


def test_main_navigation_reaches_each_section_by_keyboard(live_demo, phone_page):
    phone_page.goto(live_demo.url + "/")
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.className") == "skip-link"
    phone_page.locator("summary.menu-button").click()  # on a phone the navigation is in the menu
    phone_page.get_by_role("navigation", name="Main").get_by_role("link", name="Treatments").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Treatments", use_inner_text=True
    )


def tab_to_the_language_switch(page):
    """Tab through the header as a keyboard user does, opening the phone's menu on the way."""
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = "document.activeElement.classList.contains('%s')"
        if page.evaluate(focused % "menu-button") and not page.evaluate(
            "document.querySelector('[data-site-menu]').open"
        ):
            page.keyboard.press("Enter")
        if page.evaluate(focused % "language-switch"):
            return


def test_the_language_switcher_works_with_the_keyboard_alone(live_demo, phone_page):
    page = phone_page
    page.goto(live_demo.url + "/treatments/si-joint-fusion/")
    tab_to_the_language_switch(page)
    focused = page.evaluate(
        "[document.activeElement.textContent.trim(), document.activeElement.lang]"
    )
    assert focused == ["Español", "es"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/treatments/si-joint-fusion/")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_role("link", name="Saltar al contenido principal").count() == 1
    tab_to_the_language_switch(page)
    assert page.evaluate("document.activeElement.textContent.trim()") == "English"
    page.keyboard.press("Enter")
    page.wait_for_url(live_demo.url + "/treatments/si-joint-fusion/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_pages_work_and_fit_at_320_px_with_javascript_off(live_demo, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    for url in public_urls():
        page.goto(live_demo.url + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320 px"
    context.close()


def test_a_browser_preferring_spanish_is_offered_the_spanish_page(live_server, browser):
    shown = {}
    for locale in ("es-US", "en-US"):
        context = browser.new_context(viewport=PHONE, locale=locale)
        page = context.new_page()
        page.goto(live_server.url + "/treatments/")
        offer = page.locator(".language-offer")
        shown[locale] = offer.is_visible()
        if shown[locale]:
            assert page.evaluate("navigator.languages[0]") == "es-US"
            assert_accessible(page)
            offer.get_by_role("link", name="Esta página está disponible en español.").click()
            page.wait_for_url(live_server.url + "/es/treatments/")
            assert page.evaluate("document.documentElement.lang") == "es"
        context.close()
    assert shown == {"es-US": True, "en-US": False}


def focused(page):
    return page.evaluate(
        "[document.activeElement.tagName, document.activeElement.textContent.trim()]"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_phone_header_is_short_and_its_menu_works_from_the_keyboard(
    live_demo, browser, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_demo.url + "/treatments/si-joint-fusion/")
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    nav = page.get_by_role("navigation", name="Main")
    assert not nav.is_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused(page)[0] == "SUMMARY":
            break
    assert focused(page) == ["SUMMARY", "Menu"]
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link", name="Conditions")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
    expect(page.get_by_role("link", name="Español")).to_be_visible()
    if javascript:  # axe itself needs JavaScript
        assert_accessible(page)
    page.keyboard.press("Tab")
    assert focused(page) == ["A", "Treatments"]
    if javascript:  # Escape closes it and puts focus back on the button
        page.keyboard.press("Escape")
    else:  # the button closes it again
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
    assert not nav.is_visible()
    assert focused(page) == ["SUMMARY", "Menu"]
    context.close()


def test_the_quick_bar_never_covers_what_has_focus(live_demo, phone_page):
    page = phone_page
    page.goto(live_demo.url + "/treatments/si-joint-fusion/")
    bar = page.get_by_role("complementary", name="Call or request an appointment")
    assert not bar.is_visible()  # the header's own buttons are on screen
    seen_bar = 0
    for _ in range(250):
        page.keyboard.press("Tab")
        box = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return [r.top, r.bottom, document.activeElement.closest('[data-quick-bar]') !== null,"
            " document.activeElement === document.body]; })()"
        )
        _top, bottom, in_bar, done = box
        if done:
            break
        if in_bar or not bar.is_visible():
            continue
        seen_bar += 1
        assert bottom <= bar.bounding_box()["y"] + 0.5, page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
    assert seen_bar > 20  # the bar was up for most of a long page
    # Nothing at the end of the page is under the bar either.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = page.locator(".footer-legal > :last-child").bounding_box()
    assert last["y"] + last["height"] <= bar.bounding_box()["y"]
