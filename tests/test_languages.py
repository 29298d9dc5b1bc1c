"""English at today's addresses, Spanish under /es/, chosen by the visitor only."""

import json
import re
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import translation

from core.translation_review import SpanishStatus, demo_reviewer
from home.models import SiteSettings
from treatments.factories import TreatmentFactory
from treatments.models import Treatment

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


# The demo leaves this treatment's Spanish unreviewed, so the fallback can be seen.
UNREVIEWED = "/treatments/si-joint-fusion/"
NOINDEX = '<meta name="robots" content="noindex">'


def test_every_page_lists_itself_and_its_alternate_both_ways(client, demo):
    urls = [url for url in public_urls() if "?" not in url]
    assert len(urls) > 20 and UNREVIEWED in urls
    for english in urls:
        spanish = in_spanish(english)
        assert spanish == "/es" + english
        english_html = client.get(english).content.decode()
        spanish_html = client.get(spanish).content.decode()
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{spanish}">' in spanish_html
        assert '<meta property="og:locale" content="es_US">' in spanish_html
        assert '<meta property="og:locale:alternate" content="en_US">' in spanish_html
        assert '<meta property="og:locale" content="en_US">' in english_html
        if english == UNREVIEWED:
            # English inside a Spanish page: no Spanish alternate on either version, and
            # the Spanish one, still there for visitors, asks not to be indexed.
            expected = {"en": english, "x-default": english}
            assert NOINDEX in spanish_html and NOINDEX not in english_html
            assert "og:locale:alternate" not in english_html
        else:
            expected = {"en": english, "es": spanish, "x-default": english}
            assert '<meta property="og:locale:alternate" content="es_US">' in english_html
        assert alternates(english_html) == expected, english
        assert alternates(spanish_html) == expected, spanish


def sitemap(client):
    """{listed address: {hreflang: address}}."""
    xml = client.get("/sitemap.xml").content.decode()
    listed = {}
    for entry in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = urlsplit(re.search(r"<loc>([^<]+)</loc>", entry).group(1)).path
        links = re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', entry)
        listed[loc] = {language: urlsplit(href).path for language, href in links}
    return listed


def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(client, demo):
    listed = sitemap(client)
    assert "/treatments/" in listed and "/es/treatments/" in listed
    assert listed[UNREVIEWED] == {"en": UNREVIEWED, "x-default": UNREVIEWED}
    assert "/es" + UNREVIEWED not in listed
    for loc, links in listed.items():
        english = links["en"]
        if loc == UNREVIEWED:
            continue
        assert links == {"en": english, "es": "/es" + english, "x-default": english}, loc
        assert loc in (english, "/es" + english)
        assert listed[english] == listed["/es" + english] == links  # both ways


def test_a_treatment_gets_its_spanish_alternate_once_its_spanish_is_reviewed(client, demo):
    treatment = Treatment.objects.get(slug="si-joint-fusion")
    english, spanish = treatment.get_absolute_url(), in_spanish(treatment.get_absolute_url())
    assert treatment.spanish_status == SpanishStatus.NOT_REVIEWED
    for url in (english, spanish):
        assert "es" not in alternates(client.get(url).content.decode()), url
    assert spanish not in sitemap(client) and "es" not in sitemap(client)[english]

    treatment.mark_spanish_reviewed(demo_reviewer())

    for url in (english, spanish):
        html = client.get(url).content.decode()
        assert alternates(html) == {"en": english, "es": spanish, "x-default": english}, url
        assert NOINDEX not in html
    both = {"en": english, "es": spanish, "x-default": english}
    listed = sitemap(client)
    assert listed[spanish] == listed[english] == both


def test_the_home_page_has_spanish_once_the_site_texts_are_reviewed(client, demo):
    assert alternates(client.get("/").content.decode())["es"] == "/es/"
    site = SiteSettings.load()
    site.spanish_reviewed_at = None
    site.save()
    assert "es" not in alternates(client.get("/").content.decode())
    assert NOINDEX in client.get("/es/").content.decode()
    assert "/es/" not in sitemap(client)
    assert "/es/treatments/" in sitemap(client)  # a list's text is the interface's


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


OFFER = (
    '<p class="language-offer" lang="es" data-language-offer="es" hidden>'
    '<a href="/es/treatments/?condition=sciatica" hreflang="es">'
    "Esta página está disponible en español.</a></p>"
)


def test_an_english_page_carries_a_hidden_offer_of_its_spanish_for_the_browser_to_show(
    client, demo
):
    responses = [
        client.get("/treatments/?condition=sciatica", HTTP_ACCEPT_LANGUAGE=preference)
        for preference in ("es-US,es;q=0.9", "en-US,en;q=0.9", "es")
    ]
    # One page for everyone, whatever the browser prefers: the page cache keeps one copy.
    assert len({r.content for r in responses}) == 1
    assert OFFER in responses[0].content.decode()
    # Not offered where the Spanish is English still, nor on the Spanish pages.
    assert "language-offer" not in client.get(UNREVIEWED).content.decode()
    assert "language-offer" not in client.get("/es/treatments/").content.decode()


def test_the_search_page_marks_treatment_names_still_in_english(client, demo):
    url = translate_url(reverse("search:results"), "es")
    unreviewed = Treatment.objects.get(slug="si-joint-fusion")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    link = f'<a href="{in_spanish(unreviewed.get_absolute_url())}" lang="en">{unreviewed.name}</a>'
    assert link in html
    reviewed = Treatment.objects.published().exclude(pk=unreviewed.pk).first()
    with translation.override("es"):
        assert f'<a href="{reviewed.get_absolute_url()}">{reviewed.name}</a>' in html
    # The review date comes with the names: no query per treatment.
    with translation.override("en"):  # a request to /es/ leaves Spanish active here
        TreatmentFactory.create_batch(3, is_published=True)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(queries)


def pictures(client, path):
    """(alt, lang) of each <img> on the page."""
    html = client.get(path).content.decode()
    return [
        (re.search(r'alt="([^"]*)"', img).group(1), re.search(r'lang="(\w+)"', img))
        for img in re.findall(r"<img [^>]*>", html)
    ]


def test_a_picture_is_described_in_the_page_language_or_marked_english(client, demo):
    # Reviewed Spanish: the descriptions are Spanish, with no mark.
    for path in ("/es/", "/es/locations/weston/", "/es/treatments/epidural-steroid-injection/"):
        described = pictures(client, path)
        assert described and all(alt.startswith("Dibujo") and not lang for alt, lang in described)
    # Unreviewed: the English descriptions are read in English.
    described = pictures(client, f"/es{UNREVIEWED}")
    assert len(described) > 1 and all(lang and lang.group(1) == "en" for _, lang in described)
    # A reviewed page whose picture's Spanish description is empty shows the English, marked.
    treatment = Treatment.objects.get(slug="physical-therapy", draft_of=None)
    Treatment.objects.filter(pk=treatment.pk).update(hero_alt_es="")
    [(alt, lang)] = pictures(client, "/es/treatments/physical-therapy/")
    assert alt == treatment.hero_alt_en and lang.group(1) == "en"
    # English pages carry no mark at all.
    assert not any(lang for _, lang in pictures(client, UNREVIEWED))
