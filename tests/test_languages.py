"""English at today's addresses, Spanish under /es/, chosen by the visitor only."""

import json
import re
from urllib.parse import urlsplit

from django.urls import reverse, translate_url

from .pages import in_spanish, public_urls


def switcher(html):
    return re.findall(
        r'<a class="language-switch" href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">([^<]+)</a>',
        html,
    )


def test_a_browser_preferring_spanish_is_not_redirected_and_gets_english(client, demo):
    response = client.get("/treatments/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
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
    assert spanish == [("/treatments/", "en", "en", "English")]


def test_a_missing_page_under_es_is_a_spanish_404_that_offers_the_english_home(
    client, demo, settings
):
    settings.DEBUG = False
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert switcher(html) == [("/", "en", "en", "English")]
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
    assert switcher(html) == [("/treatments/", "en", "en", "English")]


def alternates(html):
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    return {language: urlsplit(href).path for language, href in links}


def test_every_page_lists_itself_and_its_alternate_both_ways(client, demo):
    urls = [url for url in public_urls() if "?" not in url]
    assert len(urls) > 20
    for english in urls:
        spanish = in_spanish(english)
        assert spanish == "/es" + english
        expected = {"en": english, "es": spanish, "x-default": english}
        english_html = client.get(english).content.decode()
        spanish_html = client.get(spanish).content.decode()
        assert alternates(english_html) == expected, english
        assert alternates(spanish_html) == expected, spanish
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{spanish}">' in spanish_html
        assert '<meta property="og:locale" content="es_US">' in spanish_html
        assert '<meta property="og:locale:alternate" content="en_US">' in spanish_html
        assert '<meta property="og:locale" content="en_US">' in english_html


def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    entries = re.findall(r"<url>(.*?)</url>", xml, re.S)
    listed = {}
    for entry in entries:
        loc = urlsplit(re.search(r"<loc>([^<]+)</loc>", entry).group(1)).path
        links = re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', entry)
        listed[loc] = {language: urlsplit(href).path for language, href in links}
    assert "/treatments/si-joint-fusion/" in listed and "/es/treatments/si-joint-fusion/" in listed
    for loc, links in listed.items():
        english = links["en"]
        assert links == {"en": english, "es": "/es" + english, "x-default": english}, loc
        assert loc in (english, "/es" + english)
        assert listed[english] == listed["/es" + english] == links  # both ways


def web_page(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return next(b for b in map(json.loads, blocks) if b["@type"] == "WebPage")


def test_structured_data_names_the_page_language(client, demo):
    spanish = web_page(client.get("/es/treatments/si-joint-fusion/").content.decode())
    assert spanish["inLanguage"] == "es"
    assert spanish["url"] == "http://127.0.0.1:8000/es/treatments/si-joint-fusion/"
    english = web_page(client.get("/treatments/si-joint-fusion/").content.decode())
    assert english["inLanguage"] == "en"


def test_office_hours_and_the_finder_read_in_spanish(client, demo):
    html = client.get("/es/locations/?q=33012").content.decode()
    assert ">A menos de 25 millas</option>" in html
    assert re.search(r"(Abierto ahora hasta las|abre \w+ a las) \d{1,2}:\d\d [ap]\. m\.", html)
    assert ">Within 25 miles</option>" in client.get("/locations/").content.decode()


def test_the_page_cache_keeps_each_language_apart(client, demo):
    for _ in range(2):  # the second round is answered from the cache
        assert '<html lang="es">' in client.get("/es/treatments/").content.decode()
        english = client.get("/treatments/", HTTP_ACCEPT_LANGUAGE="es")
        assert '<html lang="en">' in english.content.decode()
