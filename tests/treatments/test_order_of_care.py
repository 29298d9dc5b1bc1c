"""Every list of treatments goes gentlest first, by the step of care staff set."""

import re

import pytest
from django.urls import reverse

from treatments.models import Condition, Treatment

pytestmark = pytest.mark.django_db


def treatments_listed(html):
    """The treatments a page's main content links to, in the order shown, each once."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    slugs = []
    for slug in re.findall(r'href="/treatments/([a-z0-9-]+)/"', main):
        if slug not in slugs:
            slugs.append(slug)
    return slugs


@pytest.mark.parametrize(
    "url",
    [
        "/",
        reverse("treatments:index"),
        reverse("treatments:index") + "?condition=si-joint-dysfunction",
        reverse("treatments:condition", kwargs={"slug": "si-joint-dysfunction"}),
        reverse("locations:detail", kwargs={"slug": "hagerstown"}),
        reverse("locations:detail", kwargs={"slug": "weston"}),
    ],
)
def test_every_list_of_treatments_is_in_the_order_of_care(client, demo, url):
    slugs = treatments_listed(client.get(url).content.decode())
    steps = dict(Treatment.objects.values_list("slug", "care_step"))
    assert len(slugs) >= 2, slugs
    assert [steps[s] for s in slugs] == sorted(steps[s] for s in slugs), slugs
    if "si-joint-fusion" in slugs and "physical-therapy" in slugs:
        assert slugs.index("physical-therapy") < slugs.index("si-joint-fusion")


def test_staff_reordering_the_steps_reorders_the_lists(client, demo):
    # Not by name or by when it was added: by the step staff choose.
    Treatment.objects.filter(slug="physical-therapy").update(care_step=3)
    slugs = treatments_listed(client.get(reverse("treatments:index")).content.decode())
    assert slugs.index("radiofrequency-ablation") < slugs.index("si-joint-fusion")
    assert slugs.index("epidural-steroid-injection") < slugs.index("physical-therapy")


def test_the_si_joint_dysfunction_page_lists_every_symptom_and_how_it_is_diagnosed(client, demo):
    html = client.get(
        reverse("treatments:condition", kwargs={"slug": "si-joint-dysfunction"})
    ).content.decode()
    for symptom in ("lying on that side", "buttock, hip or groin", "one or both legs",
                    "Numbness, pins and needles or weakness", "gives way", "when you sit",
                    "when you stand", "Nights broken by pain"):  # fmt: skip
        assert symptom in html, symptom
    assert '<h2 id="diagnosis-heading">How the diagnosis is made</h2>' in html
    assert "diagnostic SI joint injection" in html
    assert "Treatments for SI joint dysfunction" in html


def test_a_treatment_name_reads_in_sentence_case_mid_sentence(client, demo):
    Treatment.objects.filter(slug="epidural-steroid-injection").update(
        name="Epidural Steroid Injection"
    )
    html = client.get(
        reverse("treatments:detail", kwargs={"slug": "epidural-steroid-injection"})
    ).content.decode()
    assert "Is epidural steroid injection right for you?" in html
    html = client.get(
        reverse("treatments:detail", kwargs={"slug": "si-joint-fusion"})
    ).content.decode()
    assert "Is SI joint fusion right for you?" in html


def test_a_condition_name_reads_in_sentence_case_in_the_treatment_list(client, demo):
    Condition.objects.filter(slug="lumbar-spinal-stenosis").update(name="Lumbar Spinal Stenosis")
    html = client.get(
        reverse("treatments:index") + "?condition=lumbar-spinal-stenosis"
    ).content.decode()
    assert "Treatments for lumbar spinal stenosis." in html
    assert ">About lumbar spinal stenosis</a>" in html
    html = client.get(
        reverse("treatments:condition", kwargs={"slug": "lumbar-spinal-stenosis"})
    ).content.decode()
    assert "Treatments for lumbar spinal stenosis" in html
