"""English at today's addresses, Spanish under /es/, chosen by the visitor only."""

import re

from django.urls import reverse, translate_url


def switcher(html):
    return re.findall(
        r'<a class="language-switch" href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">([^<]+)</a>',
        html,
    )


def test_a_browser_preferring_spanish_is_not_redirected_and_gets_english(client, demo):
    response = client.get("/treatments/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en-us">' in html
    assert "Treatments" in html


def test_the_spanish_page_lives_under_es_and_is_spanish_whatever_the_browser_prefers(client, demo):
    response = client.get("/es/treatments/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html
    assert response["Content-Language"] == "es"


def test_the_switcher_links_the_same_page_in_the_other_language_both_ways(client, demo):
    english = switcher(client.get("/locations/?q=Columbia").content.decode())
    assert english == [("/es/locations/?q=Columbia", "es", "es", "Español")]
    spanish = switcher(client.get("/es/treatments/").content.decode())
    assert spanish == [("/treatments/", "en-us", "en", "English")]


def test_a_missing_page_under_es_is_a_spanish_404_that_offers_the_english_home(
    client, demo, settings
):
    settings.DEBUG = False
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert switcher(html) == [("/", "en-us", "en", "English")]
    assert 'href="/es/treatments/"' in html  # the menu stays in Spanish


def test_the_addresses_outside_the_pages_keep_no_language_prefix(client, demo):
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/es/robots.txt").status_code == 404
    assert client.get("/es/healthz").status_code == 404


def test_every_link_in_a_spanish_page_stays_in_spanish(client, demo):
    html = client.get(translate_url(reverse("treatments:index"), "es")).content.decode()
    links = re.findall(r'<a\b(?![^>]*class="language-switch")[^>]*\bhref="(/[^"]*)"', html)
    assert len(links) > 10
    assert [link for link in links if not link.startswith("/es/")] == []
    assert switcher(html) == [("/treatments/", "en-us", "en", "English")]
