"""Treatment, condition and resource pages as a patient (and a previewing editor) sees them."""

import itertools
import json
import re

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.factories import LocationFactory, ProviderFactory
from locations.models import Provider
from treatments.factories import (
    ConditionFactory,
    FAQFactory,
    ProcedureStepFactory,
    TreatmentFactory,
    TreatmentSectionFactory,
)
from treatments.models import Treatment, TreatmentSection
from treatments.structured_data import absolute

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def structured_data(response):
    return {
        item["@type"]: item for item in map(json.loads, JSON_LD.findall(response.content.decode()))
    }


def headings(html):
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def full_treatment(faq_count, people=2):
    treatment = TreatmentFactory(name="SI joint fusion", slug="si-joint-fusion")
    for order, kind in enumerate(TreatmentSection.Kind.values):
        TreatmentSectionFactory(treatment=treatment, kind=kind, sort_order=order)
    ProcedureStepFactory.create_batch(6, treatment=treatment)
    FAQFactory.create_batch(faq_count, treatment=treatment)
    ConditionFactory.create_batch(2, treatments=[treatment])
    for n in range(people):
        office = LocationFactory(
            name=f"Office {n}", slug=f"office-{n}", city="Elkridge", zip_code="21075"
        )
        office.treatments.add(treatment)
        provider = ProviderFactory(name=f"Dr {n}", slug=f"dr-{n}")
        provider.treatments.add(treatment)
    return treatment


def test_treatment_page_shows_every_question_staff_answered(client):
    treatment = full_treatment(30)
    response = client.get(treatment.get_absolute_url())
    assert response.status_code == 200
    assert response.content.count(b'class="faq"') == 30


def test_treatment_page_has_breadcrumb_contents_and_calls_to_action(client):
    treatment = full_treatment(2)
    response = client.get(treatment.get_absolute_url())
    html = response.content.decode()
    assert 'href="/treatments/">Treatments</a>' in html
    assert '<span aria-current="page">SI joint fusion</span>' in html
    for kind in TreatmentSection.Kind.values:
        assert f'href="#{kind}"' in html and f'id="{kind}"' in html
    request_url = reverse("appointments:request") + "?treatment=si-joint-fusion"
    assert html.count(f'href="{request_url}"') >= 2
    assert "Find an office that offers it" in html and 'id="offices"' in html
    assert "Dr 0" in html and "Office 0" in html
    assert html.count('class="step"') == 6
    assert headings(html)[0] == 1 and headings(html).count(1) == 1


def test_treatment_page_lists_only_published_people_and_conditions(client):
    treatment = full_treatment(2)
    Provider.objects.filter(name="Dr 1").update(is_published=False)
    ConditionFactory(name="Hidden condition", is_published=False, treatments=[treatment])
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Dr 0" in html and "Dr 1" not in html
    assert "Hidden condition" not in html


def test_treatment_page_describes_itself_to_search_engines(client):
    treatment = full_treatment(2)
    data = structured_data(client.get(treatment.get_absolute_url()))
    assert data["MedicalProcedure"]["name"] == "SI joint fusion"
    assert data["MedicalProcedure"]["howPerformed"].startswith("1. ")
    assert len(data["FAQPage"]["mainEntity"]) == 2
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Treatments", "SI joint fusion"]


def test_structured_data_text_is_plain_and_surgery_is_a_surgical_procedure(client):
    treatment = TreatmentFactory(kind=Treatment.Kind.SURGICAL)
    TreatmentSectionFactory(
        treatment=treatment, kind=TreatmentSection.Kind.RECOVERY, body="**Heat & ice** help."
    )
    FAQFactory(treatment=treatment, answer='Yes, 3 < 4 & it\'s "fine".')
    data = structured_data(client.get(treatment.get_absolute_url()))
    assert "MedicalProcedure" not in data and "procedureType" not in data["SurgicalProcedure"]
    assert data["SurgicalProcedure"]["followup"] == "Heat & ice help."
    answer = data["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer == 'Yes, 3 < 4 & it\'s "fine".'


def test_a_minimally_invasive_treatment_says_its_procedure_type(client):
    treatment = TreatmentFactory(kind=Treatment.Kind.MINIMALLY_INVASIVE)
    data = structured_data(client.get(treatment.get_absolute_url()))["MedicalProcedure"]
    assert data["procedureType"] == "https://schema.org/PercutaneousProcedure"


def test_image_urls_already_full_are_not_prefixed_with_the_site_address(settings, rf):
    settings.SITE_URL = "https://clinic.example"
    s3 = "https://bucket.s3.amazonaws.com/treatments/hero.jpg"
    assert absolute(s3) == s3
    assert absolute("/media/hero.jpg") == "https://clinic.example/media/hero.jpg"
    page = engines["django"].from_string(
        '{% extends "base.html" %}{% block og_image %}{{ image }}{% endblock %}'
    )
    for image, expected in ((s3, s3), ("/media/hero.jpg", "https://clinic.example/media/hero.jpg")):
        html = page.render({"image": image}, request=rf.get("/"))
        assert f'<meta property="og:image" content="{expected}">' in html


def test_steps_get_a_what_to_expect_section_when_staff_wrote_none(client):
    treatment = TreatmentFactory()
    ProcedureStepFactory(treatment=treatment, title="Lie down")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'id="what-to-expect"' in html and "Lie down" in html


def test_the_steps_own_section_comes_after_candidacy_and_before_recovery(client):
    treatment = TreatmentFactory()
    for order, kind in enumerate(["what-it-is", "candidacy", "recovery", "benefits"]):
        TreatmentSectionFactory(treatment=treatment, kind=kind, sort_order=order)
    ProcedureStepFactory(treatment=treatment, title="Lie down")
    html = client.get(treatment.get_absolute_url()).content.decode()
    expected = ["what-it-is", "candidacy", "what-to-expect", "recovery", "benefits"]
    toc = html.split('id="toc-heading"')[1].split("</nav>")[0]
    assert re.findall(r'href="#([a-z-]+)"', toc)[:5] == expected
    assert re.findall(r'<section id="([a-z-]+)"', html)[:5] == expected


def test_a_draft_is_404_to_the_public_and_previewed_by_staff(client, admin_client):
    draft = TreatmentFactory(is_published=False, name="Draft treatment")
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert b"Draft preview" in response.content


def test_a_draft_condition_is_404_to_the_public(client):
    condition = ConditionFactory(is_published=False)
    assert client.get(condition.get_absolute_url()).status_code == 404


def test_script_in_a_section_body_never_reaches_the_page(client):
    treatment = TreatmentFactory()
    TreatmentSectionFactory(
        treatment=treatment,
        body=(
            "Hello <script>alert('x')</script> "
            '<img src=x onerror="alert(1)"> [click](javascript:alert(1)) '
            '<a href="https://example.org" onclick="alert(2)">ok</a>'
        ),
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    body = html.split('id="what-it-is"')[1].split("</section>")[0]
    assert "<script" not in body
    assert "onerror" not in body and "onclick" not in body
    assert "javascript:" not in body
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in body


def test_headings_in_a_section_body_are_demoted_below_the_section_heading(client):
    treatment = TreatmentFactory()
    TreatmentSectionFactory(treatment=treatment, body="# Big\n\ntext\n\n## Medium\n\nmore")
    html = client.get(treatment.get_absolute_url()).content.decode()
    body = html.split('id="what-it-is"')[1].split("</section>")[0]
    assert "<h3>Big</h3>" in body and "<h3>Medium</h3>" in body
    levels = headings(html.split("<main")[1])
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_index_groups_published_treatments_by_step_of_care_gentlest_first(client):
    TreatmentFactory(name="A fusion", kind="surgical")
    TreatmentFactory(name="Therapy", care_step=1)
    TreatmentFactory(name="Secret", is_published=False)
    html = client.get(reverse("treatments:index")).content.decode()
    assert html.index("Education and physical therapy</h2>") < html.index("Surgery</h2>")
    assert "Radiofrequency ablation</h2>" not in html
    assert html.index("Therapy</a>") < html.index("A fusion</a>") and "Secret" not in html


def test_index_filters_by_condition(client):
    fusion = TreatmentFactory(name="Fusion")
    TreatmentFactory(name="Therapy")
    condition = ConditionFactory(slug="si-joint-dysfunction", treatments=[fusion])
    html = client.get(reverse("treatments:index"), {"condition": condition.slug}).content.decode()
    assert "Fusion</a>" in html and "Therapy</a>" not in html


@pytest.mark.parametrize("value", ["nope", "<script>", "x" * 500, "' OR 1=1 --"])
def test_index_explains_an_unknown_condition_and_lists_everything(client, value):
    TreatmentFactory(name="Fusion")
    response = client.get(reverse("treatments:index"), {"condition": value})
    assert response.status_code == 200
    assert b"We could not find that condition" in response.content
    assert b"Fusion</a>" in response.content
    assert b"<script>" not in response.content.split(b"<main")[1]


def test_condition_page_shows_symptoms_causes_and_published_treatments(client):
    fusion = TreatmentFactory(name="Fusion")
    hidden = TreatmentFactory(name="Hidden", is_published=False)
    condition = ConditionFactory(
        name="SI joint dysfunction",
        symptoms="- Buttock pain\n- Leg pain",
        causes="- A fall",
        treatments=[fusion, hidden],
    )
    response = client.get(condition.get_absolute_url())
    html = response.content.decode()
    assert "Buttock pain" in html and "A fall" in html
    assert "Fusion" in html and "Hidden" not in html
    data = structured_data(response)["MedicalCondition"]
    assert data["name"] == "SI joint dysfunction"
    assert [s["name"] for s in data["signOrSymptom"]] == ["Buttock pain", "Leg pain"]
    assert data["possibleTreatment"][0]["name"] == "Fusion"


def test_public_pages_are_served_from_the_cache_until_content_changes(client):
    treatment = TreatmentFactory(summary="First summary.")
    assert b"First summary." in client.get(treatment.get_absolute_url()).content
    with CaptureQueriesContext(connection) as queries:
        client.get(treatment.get_absolute_url())
    assert len(queries) == 0
    treatment.summary = "Second summary."
    treatment.save()
    assert b"Second summary." in client.get(treatment.get_absolute_url()).content


def test_the_demo_hero_is_a_sized_webp_that_is_not_lazy(client, demo):
    html = client.get(reverse("treatments:detail", args=["si-joint-fusion"])).content.decode()
    hero = re.search(r'<img [^>]*class="treatment-hero"[^>]*>', html).group(0)
    fusion = Treatment.objects.get(slug="si-joint-fusion")
    assert f'width="{fusion.hero_width}"' in hero and f'height="{fusion.hero_height}"' in hero
    assert ".webp" in hero and "srcset=" in hero
    assert 'loading="lazy"' not in hero


def test_the_conditions_index_lists_published_conditions_with_their_treatments_gentlest_first(
    client,
):
    surgery = TreatmentFactory(name="SI joint fusion", care_step=4, is_published=True)
    injection = TreatmentFactory(name="SI joint injection", care_step=2, is_published=True)
    hidden = TreatmentFactory(name="Unpublished therapy", care_step=1, is_published=False)
    ConditionFactory(
        name="SI joint dysfunction", is_published=True, treatments=[surgery, injection, hidden]
    )
    ConditionFactory(name="Draft condition", is_published=False)

    for url in ("/conditions/", "/es/conditions/"):
        html = client.get(url).content.decode()
        assert "SI joint dysfunction" in html
        assert "Draft condition" not in html and "Unpublished therapy" not in html
        assert html.index("SI joint injection") < html.index("SI joint fusion")
    assert (
        '<a href="/conditions/" aria-current="page">Conditions</a>'
        in client.get("/conditions/").content.decode()
    )
    assert "/conditions/</loc>" in client.get("/sitemap.xml").content.decode()
