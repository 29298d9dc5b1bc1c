"""A provider's part in each treatment, and the stories their page shows."""

import pytest
from django.urls import reverse

from locations.factories import ProviderFactory
from locations.models import ProviderTreatment
from testimonials.models import Testimonial
from treatments.factories import TreatmentFactory

pytestmark = pytest.mark.django_db


def main(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def specialists_section(html):
    return html.split('id="specialists-heading"', 1)[1].split("</section>", 1)[0]


def test_only_providers_who_perform_it_are_listed_as_specialists(client, demo):
    html = client.get(reverse("treatments:detail", kwargs={"slug": "si-joint-fusion"}))
    specialists = specialists_section(html.content.decode())
    assert "Quintero-Vidal" in specialists and "Ashworth" in specialists
    # The physician assistant follows patients up after fusion; she does not perform it.
    assert "Calloway" not in specialists


def test_the_provider_page_names_each_role(client, demo):
    html = main(
        client.get(reverse("locations:provider_detail", args=["ines-calloway"])).content.decode()
    )
    follows = html.split("Follows up after it</dt>", 1)[1].split("</dd>", 1)[0]
    assert "SI joint fusion" in follows
    assesses = html.split("Assesses and refers</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Physical therapy" in assesses
    assert "Performs it</dt>" not in html
    surgeon = main(
        client.get(reverse("locations:provider_detail", args=["helena-ashworth"])).content.decode()
    )
    assert "SI joint fusion" in surgeon.split("Performs it</dt>", 1)[1].split("</dd>", 1)[0]


def test_existing_links_became_performs_and_one_role_each():
    provider, treatment = ProviderFactory(), TreatmentFactory()
    link = ProviderTreatment.objects.create(provider=provider, treatment=treatment)
    assert link.role == ProviderTreatment.Role.PERFORMS
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderTreatment.objects.create(
            provider=provider, treatment=treatment, role=ProviderTreatment.Role.ASSESSES
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderTreatment.objects.filter(pk=link.pk).update(role="operates")


def test_a_provider_page_shows_only_stories_that_name_that_provider(client, demo):
    about = Testimonial.objects.approved().filter(provider__slug="rafael-quintero-vidal")
    others = Testimonial.objects.approved().exclude(provider__slug="rafael-quintero-vidal")
    assert about.exists() and others.exists()
    html = client.get(reverse("locations:provider_detail", args=["rafael-quintero-vidal"]))
    html = html.content.decode()
    for story in about:
        assert story.display_name in html
    for story in others.filter(featured=True):
        assert story.display_name not in html, story.display_name


def test_a_provider_without_stories_shows_no_stories_heading(client, demo):
    Testimonial.objects.filter(provider__slug="helena-ashworth").delete()
    html = client.get(reverse("locations:provider_detail", args=["helena-ashworth"]))
    assert "What our patients say" not in html.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_existing_link_as_performs():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("locations", "0009_time_zone_known"),
              ("treatments", "0007_drafts_by_default_known_kinds")]  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    treatment = old.get_model("treatments", "Treatment").objects.create(
        name="Fusion", slug="fusion", kind="surgical", summary="s"
    )
    provider = old.get_model("locations", "Provider").objects.create(
        name="Dr. Old", slug="dr-old", credentials="MD"
    )
    provider.treatments.add(treatment)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    role = ProviderTreatment.objects.get(provider__slug="dr-old")
    assert role.treatment.slug == "fusion" and role.role == ProviderTreatment.Role.PERFORMS
    assert role.treatment.care_step == 4  # the step its kind gives it
