"""Wherever a Spanish page shows a treatment's, condition's or resource page's English in place of
an unreviewed Spanish (lists, cards, headings, breadcrumbs), that text is marked lang="en". The
<title> element cannot hold markup: it reads as the page's language, so the h1 carries the mark.

The demo leaves SI joint fusion unreviewed; the tests below withdraw a condition's and a
resource page's review to see theirs."""

import re

import pytest

from treatments.models import Condition, ResourcePage

pytestmark = pytest.mark.django_db


def main_text(html):
    return html[html.index("<main") : html.index("</main>")]


def card(html, name):
    return next(c for c in re.findall(r'<li class="card">.*?</li>', html, re.S) if name in c)


def test_the_spanish_treatment_list_marks_the_unreviewed_treatments_card(client, demo):
    html = main_text(client.get("/es/treatments/").content.decode())
    fusion = card(html, "SI joint fusion")
    assert (
        '<a href="/es/treatments/si-joint-fusion/"><span lang="en">SI joint fusion</span></a>'
        in (fusion)
    )
    assert '<p><span lang="en">A short operation' in fusion
    reviewed = card(html, "Fisioterapia")
    assert 'lang="en"' not in reviewed


def test_the_spanish_home_page_marks_the_unreviewed_treatments_card(client, demo):
    html = main_text(client.get("/es/").content.decode())
    fusion = card(html, "SI joint fusion")
    assert '<span lang="en">SI joint fusion</span>' in fusion
    assert 'lang="en"' not in card(html, "Fisioterapia")


def test_the_unreviewed_treatment_page_marks_its_heading_and_breadcrumb(client, demo):
    html = client.get("/es/treatments/si-joint-fusion/").content.decode()
    assert '<span aria-current="page" lang="en">SI joint fusion</span>' in html
    assert '<h1 lang="en">SI joint fusion</h1>' in html


def test_links_to_the_unreviewed_treatment_from_offices_and_providers_are_marked(client, demo):
    link = '<a href="/es/treatments/si-joint-fusion/" lang="en">SI joint fusion</a>'
    assert link in client.get("/es/locations/weston/").content.decode()
    assert link in client.get("/es/providers/rafael-quintero-vidal/").content.decode()
    assert 'lang="en"' not in main_text(client.get("/locations/weston/").content.decode())


def test_an_unreviewed_condition_is_marked_in_the_filter_and_the_list(client, demo):
    Condition.objects.filter(slug="lumbar-spinal-stenosis").update(spanish_reviewed_at=None)
    html = main_text(
        client.get("/es/treatments/?condition=lumbar-spinal-stenosis").content.decode()
    )
    assert '<option value="lumbar-spinal-stenosis" selected lang="en">' in html
    assert '<a href="/es/conditions/lumbar-spinal-stenosis/" lang="en">' in html
    # The name in sentence case, as anywhere mid-sentence.
    assert 'Tratamientos para <span lang="en">lumbar spinal stenosis</span>.' in html
    assert '<a href="/es/conditions/si-joint-dysfunction/">' in html  # reviewed: no mark


def test_an_unreviewed_resource_page_is_marked_in_the_list_and_on_its_page(client, demo):
    ResourcePage.objects.filter(slug="insurance").update(spanish_reviewed_at=None)
    listing = main_text(client.get("/es/resources/").content.decode())
    assert '<a href="/es/resources/insurance/" lang="en">Insurance we accept</a>' in listing
    page = main_text(client.get("/es/resources/insurance/").content.decode())
    assert '<h1 lang="en">Insurance we accept</h1>' in page
    assert re.search(r'<div lang="en"><p>We accept <strong>all major insurance', page)
    assert "Esta información todavía no está disponible en español" in page
