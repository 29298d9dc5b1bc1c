"""The notices a patient must be able to find: linked from every footer, dated, versioned."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from locations.factories import LocationFactory
from notices.languages import load
from notices.models import Notice, NoticeVersion

from ..pages import public_urls

NOTICE_URLS = [reverse("notices:detail", args=[kind]) for kind in Notice.Kind.values]
RTL = {"ar", "fa", "ur", "ps"}
SERVED_STATES = ["MD", "PA", "VA", "FL"]


def footer(html):
    return html.split("<footer", 1)[1]


def test_every_public_page_links_each_notice_from_its_footer(client, demo):
    urls = public_urls()
    assert set(NOTICE_URLS) <= set(urls)  # the sweep covers the notice pages too
    for url in urls:
        links = re.findall(r'href="([^"]+)"', footer(client.get(url).content.decode()))
        for notice_url in NOTICE_URLS:
            assert notice_url in links, (url, notice_url)


def test_each_notice_page_has_one_h1_and_says_which_version_is_in_effect(client, demo):
    for url in NOTICE_URLS:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        effective = r"Effective date: \w+ \d{1,2}, \d{4}\. This is the version in effect"
        assert re.search(effective, html), url


def publish_version(admin_client, notice, day, body):
    response = admin_client.post(
        reverse("admin:notices_noticeversion_add"),
        {
            "notice": notice.pk,
            "effective_date": day.isoformat(),
            "is_published": "on",
            "change_summary_en": "Clearer wording.",
            "body_en": body,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC))
def test_earlier_privacy_notices_stay_reachable_after_a_new_version(client, admin_client, demo):
    notice = Notice.objects.get(kind=Notice.Kind.PRIVACY_PRACTICES)
    before = [v.get_absolute_url() for v in notice.versions.all()]
    publish_version(admin_client, notice, datetime.date(2026, 3, 2), "We now also **text** you.")

    current = client.get(notice.get_absolute_url()).content.decode()
    assert "We now also <strong>text</strong> you." in current
    assert "Effective date: March 2, 2026" in current
    for url in before:
        assert url in current  # listed under the notice's versions
        earlier = client.get(url)
        assert earlier.status_code == 200
        assert "This is an earlier version" in earlier.content.decode()


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC))
def test_a_future_version_waits_for_its_effective_date(client, admin_client, demo):
    notice = Notice.objects.get(kind=Notice.Kind.PRIVACY_PRACTICES)
    publish_version(admin_client, notice, datetime.date(2026, 4, 1), "Text from April.")
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "Text from April." not in page
    assert "A new version takes effect on April 1, 2026." in page
    assert client.get(reverse("notices:version", args=[notice.kind, "2026-04-01"])).status_code == (
        404
    )
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)):
        assert "Text from April." in client.get(notice.get_absolute_url()).content.decode()


def test_a_version_patients_have_relied_on_cannot_be_edited_or_deleted(admin_client, demo):
    version = NoticeVersion.objects.filter(notice__kind="privacy-practices").last()
    change = reverse("admin:notices_noticeversion_change", args=[version.pk])
    admin_client.post(change, {"body": "rewritten", "effective_date": "2020-01-01"})
    version.refresh_from_db()
    assert version.body != "rewritten"
    delete = reverse("admin:notices_noticeversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert NoticeVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("address", ["not-a-date", "2024-02-30", "2001-01-01"])
def test_an_unknown_version_address_is_a_plain_404(client, demo, address):
    url = reverse("notices:version", args=["privacy-practices", address])
    assert client.get(url).status_code == 404


def test_each_treatment_provider_and_resource_page_shows_the_notices_staff_chose(client, demo):
    surgeon = client.get(reverse("locations:provider_detail", args=["rafael-quintero-vidal"]))
    fusion = client.get(reverse("treatments:detail", args=["si-joint-fusion"]))
    insurance = client.get(reverse("treatments:resource_page", args=["insurance"]))
    injection = client.get(reverse("treatments:detail", args=["epidural-steroid-injection"]))
    balance = reverse("notices:detail", args=["balance-billing"])
    estimate = reverse("notices:detail", args=["good-faith-estimate"])
    main = lambda response: response.content.decode().split("<footer")[0]  # noqa: E731
    assert balance in main(surgeon) and balance in main(fusion)
    assert estimate in main(insurance)
    assert balance not in main(injection)
    assert estimate in main(client.get(reverse("appointments:request")))


class TaglineReader(HTMLParser):
    """Reads the taglines list and checks the page is well formed: every element closed
    in order, ids unique, lang and dir values valid."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source"}

    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.taglines, self.errors = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.errors.append(f"duplicate id {attrs['id']}")
            self.ids.add(attrs["id"])
        if "lang" in attrs and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", attrs["lang"]):
            self.errors.append(f"bad lang {attrs['lang']}")
        if "dir" in attrs and attrs["dir"] not in {"ltr", "rtl", "auto"}:
            self.errors.append(f"bad dir {attrs['dir']}")
        if tag == "li" and self.stack[-1:] == ["ul.taglines"]:
            self.taglines.append({"lang": attrs.get("lang"), "dir": attrs.get("dir"), "text": ""})
        if tag not in self.VOID:
            classes = attrs.get("class") or ""
            self.stack.append("ul.taglines" if tag == "ul" and "taglines" in classes else tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        opened = self.stack.pop() if self.stack else None
        if (opened or "").split(".")[0] != tag:
            self.errors.append(f"</{tag}> closes <{opened}>")

    def handle_data(self, data):
        if self.taglines and "li" in self.stack and "ul.taglines" in self.stack:
            self.taglines[-1]["text"] += data


def read_taglines(client):
    reader = TaglineReader()
    url = reverse("notices:detail", args=["language-assistance"])
    reader.feed(client.get(url).content.decode())
    reader.close()
    assert reader.errors == [] and reader.stack == []
    return reader.taglines


def test_language_page_has_a_tagline_in_each_language_of_every_state_served(client, demo, settings):
    states, languages, source = load(settings.NOTICE_LANGUAGE_TAGLINES)
    assert "CMS" in source
    needed = {"en"} | {code for state in SERVED_STATES for code in states[state]}
    assert all(len(states[state]) == 15 for state in SERVED_STATES)
    taglines = read_taglines(client)
    assert taglines[0]["lang"] == "en"
    assert {t["lang"] for t in taglines} == needed
    for tagline in taglines:
        assert tagline["dir"] == ("rtl" if tagline["lang"] in RTL else "ltr"), tagline
        native = languages[tagline["lang"]].text.partition("{phone}")[0].strip()
        assert native in tagline["text"] and "(301) 555-0100" in tagline["text"], tagline


def test_a_state_added_to_the_data_file_shows_its_languages_once_it_has_an_office(
    client, demo, settings, tmp_path
):
    data = json.loads(settings.NOTICE_LANGUAGE_TAGLINES.read_text(encoding="utf-8"))
    data["states"]["NY"] = ["es", "zh-Hant", "yi"]
    data["languages"]["yi"] = {
        "name": "Yiddish",
        "native_name": "ייִדיש",
        "dir": "rtl",
        "tagline": "מיר העלפֿן אײַך אומזיסט אין אײַער שפּראַך. רופֿט {phone}.",
    }
    extended = tmp_path / "taglines.json"
    extended.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    settings.NOTICE_LANGUAGE_TAGLINES = extended
    assert "yi" not in {t["lang"] for t in read_taglines(client)}  # no office in New York yet

    LocationFactory(slug="brooklyn", name="Brooklyn", city="Brooklyn", state="NY")
    yiddish = [t for t in read_taglines(client) if t["lang"] == "yi"]
    assert len(yiddish) == 1 and yiddish[0]["dir"] == "rtl"
    assert "מיר העלפֿן" in yiddish[0]["text"]
