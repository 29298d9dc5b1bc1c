"""Every public page under /es/: no interface string left in English, no stray language
labels, and no link that leaves Spanish for a page that has a Spanish version."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import translation

from .pages import error_pages, in_spanish, public_urls
from .test_sweep import QUERY_BUDGET

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


# The same word in both languages: names of programs, file types, a label, and the
# abbreviated units of a request's age on the front desk's list ("3 h", "2 d").
SAME_IN_SPANISH = {
    "Medicare", "Medicaid", "PDF", "Fax", "fax", "Error:", "slug", "%(n)s de 5",
    "%(count)d min", "%(count)d h", "%(count)d d",
    "Diabetes", "Osteoporosis", "Fax: %(fax)s",
}  # fmt: skip

# Attributes a patient hears or sees as text.
TEXT_ATTRIBUTES = ("aria-label", "alt", "placeholder", "title", "data-finding", "data-failed")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def _unquote(text):
    return text.encode("raw_unicode_escape").decode("unicode_escape")


def read_catalog(path=CATALOG):
    """(msgid, msgstrs, fuzzy) for each entry of a .po file: a small reader, since the
    catalog is ours and uses only what makemessages writes."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, current, fuzzy = {}, None, False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = _unquote(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += _unquote(line[1:-1])
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], strs, fuzzy))
    return entries


def untranslated(entries):
    return [
        msgid
        for msgid, strs, fuzzy in entries
        if msgid not in SAME_IN_SPANISH and (fuzzy or not all(strs) or msgid in strs)
    ]


def test_every_interface_string_has_a_spanish_translation():
    entries = read_catalog()
    assert len(entries) > 600
    assert untranslated(entries) == []


def test_the_catalog_reader_finds_what_is_left_in_english(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Home"\nmsgstr "Inicio"\n\nmsgid "Call"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Offices"\nmsgstr "Oficinas"\n\nmsgid "Search"\nmsgstr "Search"\n',
        encoding="utf-8",
    )
    assert untranslated(read_catalog(po)) == ["Call", "Offices", "Search"]


class Page(HTMLParser):
    """The visible text outside lang="en" blocks, the lang labels and the links of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang, in a list of taglines)
        self.text, self.langs, self.links = [], [], []
        self.hidden = 0

    def _english(self):
        return any(lang == "en" for _tag, lang, _taglines in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        taglines = bool(self.stack and self.stack[-1][2]) or "taglines" in attrs.get("class", "")
        if "lang" in attrs:
            self.langs.append((tag, attrs["lang"], taglines))
        switcher = "language-switch" in attrs.get("class", "")
        if tag == "a" and not switcher and attrs.get("href", "").startswith("/"):
            self.links.append(attrs["href"])
        if tag in ("script", "style"):
            self.hidden += 1
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else None)
        if tag not in VOID:
            self.stack.append((tag, lang, taglines))
        if not self._english() and not (tag == "a" and switcher):
            self.text += [attrs[name] for name in TEXT_ATTRIBUTES if attrs.get(name)]
            if tag in ("input", "button") and attrs.get("type") in ("submit", "button"):
                self.text.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.hidden and not self._english() and not (self.stack and self.stack[-1][2]):
            self.text.append(data)


def parse(html):
    page = Page()
    page.feed(html)
    return page


def english_patterns():
    """A pattern for each interface string still in English: placeholders match anything."""
    patterns = []
    for msgid, strs, fuzzy in read_catalog():
        if msgid in SAME_IN_SPANISH or not (fuzzy or not all(strs) or msgid in strs):
            continue
        text = re.sub(r"<[^>]+>", " ", msgid)
        parts = [re.escape(" ".join(p.split())) for p in PLACEHOLDER.split(text)]
        patterns.append((msgid, re.compile(r"\b" + ".{0,80}?".join(parts) + r"\b")))
    return patterns


def english_strings_in(html, patterns):
    text = " ".join(" ".join(parse(html).text).split())
    return [msgid for msgid, pattern in patterns if pattern.search(text)]


def test_the_crawl_catches_an_english_string_and_a_stray_label():
    patterns = [("Open now until %(time)s", re.compile(r"\bOpen now until.{0,80}?\b"))]
    html = '<html lang="es"><p>Open now until 5:00 PM</p><p lang="en">Open now until 6</p></html>'
    assert english_strings_in(html, patterns) == ["Open now until %(time)s"]
    assert english_strings_in('<p lang="en">Open now until 6</p>', patterns) == []
    assert stray_languages('<html lang="es"><p lang="fr">Bonjour</p></html>') == [("p", "fr")]


def stray_languages(html):
    page = parse(html)
    return [
        (tag, lang)
        for tag, lang, taglines in page.langs
        if lang not in ("es", "en") and not taglines
    ]


def has_spanish(path):
    if path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return False  # a file (a form's Spanish PDF, an image), not a page
    try:
        resolve(in_spanish(path.split("?")[0]))
    except Resolver404:
        return False
    return True


@pytest.fixture
def spanish_urls(demo):
    return [in_spanish(url) for url in public_urls()]


def test_every_spanish_page_is_spanish_throughout(client, spanish_urls):
    patterns = english_patterns()
    assert len(spanish_urls) >= 12
    for url in spanish_urls:
        assert url.startswith("/es/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert re.search(r'<html lang="es">', html), url
        assert english_strings_in(html, patterns) == [], url
        assert stray_languages(html) == [], url
        leaving = [link for link in parse(html).links if not link.startswith("/es/")]
        assert [link for link in leaving if has_spanish(link)] == [], url


def test_spanish_error_pages_are_spanish_even_when_english_was_left_active(rf, db):
    patterns = english_patterns()
    translation.activate("en")  # as a failure before LocaleMiddleware leaves it
    pages = error_pages(rf, prefix="/es")
    for name, response in pages.items():
        html = response.content.decode()
        assert '<html lang="es">' in html, name
        assert english_strings_in(html, patterns) == [], name
    assert "No encontramos esa página" in pages["404"].content.decode()
    assert "Esta página no está disponible por el momento" in pages["503"].content.decode()


def test_spanish_pages_keep_the_english_query_budget(client, spanish_urls):
    for url in spanish_urls:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        assert len(queries) <= QUERY_BUDGET, f"{url}: {len(queries)} queries"
