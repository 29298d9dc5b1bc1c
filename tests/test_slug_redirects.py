"""A page's old web address keeps working after its slug changes: a 301 to where it is now,
in English and under /es/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.factories import LocationFactory, ProviderFactory
from tests.treatments.admin_forms import change_form_data
from treatments.factories import ConditionFactory, ResourcePageFactory, TreatmentFactory

pytestmark = pytest.mark.django_db

FACTORIES = [TreatmentFactory, ConditionFactory, LocationFactory, ProviderFactory]


def rename(row, slug):
    row.slug = slug
    row.save()
    return row


@pytest.mark.parametrize("factory", [*FACTORIES, ResourcePageFactory])
def test_a_renamed_page_redirects_from_its_old_address_in_both_languages(client, factory):
    row = factory(slug="old-name", is_published=True)
    old = row.get_absolute_url()
    assert old.endswith("/old-name/")
    new = rename(row, "new-name").get_absolute_url()
    assert new.endswith("/new-name/")
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    spanish = client.get(f"/es{old}")
    assert (spanish.status_code, spanish["Location"]) == (301, f"/es{new}")
    assert client.get(spanish["Location"]).status_code == 200


def test_a_page_renamed_twice_sends_its_first_address_straight_to_the_newest(client):
    treatment = TreatmentFactory(slug="first", is_published=True)
    first = treatment.get_absolute_url()
    second = rename(treatment, "second").get_absolute_url()
    rename(treatment, "third")
    for old in (first, second):
        assert client.get(old)["Location"] == treatment.get_absolute_url()


def test_a_draft_renamed_before_publishing_keeps_no_old_address(client):
    office = LocationFactory(slug="draft-office", is_published=False)
    old = office.get_absolute_url()
    rename(office, "final-office")
    office.is_published = True
    office.save()
    assert client.get(old).status_code == 404


def test_an_old_address_never_reveals_a_withdrawn_page(client):
    provider = ProviderFactory(slug="old-provider", is_published=True)
    old = provider.get_absolute_url()
    rename(provider, "new-provider")
    provider.is_published = False
    provider.save()
    assert client.get(old).status_code == 404


def test_a_live_page_at_an_old_address_wins_over_the_redirect(client):
    moved = ConditionFactory(slug="sciatica", is_published=True)
    old = moved.get_absolute_url()
    rename(moved, "sciatica-leg-pain")
    ConditionFactory(slug="sciatica", is_published=True, name="A new sciatica page")
    response = client.get(old)
    assert response.status_code == 200 and "A new sciatica page" in response.content.decode()


def test_a_page_given_back_its_old_name_is_simply_there_again(client):
    treatment = TreatmentFactory(slug="back-again", is_published=True)
    old = treatment.get_absolute_url()
    rename(treatment, "away")
    rename(treatment, "back-again")
    assert client.get(old).status_code == 200
    assert client.get(reverse("treatments:detail", args=["away"]))["Location"] == old


def test_an_unknown_address_is_still_a_404(client):
    assert client.get("/treatments/never-existed/").status_code == 404
    assert client.get("/es/treatments/never-existed/").status_code == 404


def test_renaming_a_page_in_the_admin_keeps_its_old_address(admin_client, client):
    treatment = TreatmentFactory(slug="facet-injection", is_published=True)
    old = treatment.get_absolute_url()
    change_url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    data = change_form_data(admin_client.get(change_url))
    data["slug"] = "facet-joint-injection"
    assert admin_client.post(change_url, data).status_code == 302
    assert client.get(old)["Location"] == "/treatments/facet-joint-injection/"


def test_an_address_that_never_existed_costs_no_redirect_query_and_a_new_rename_works_at_once(
    client,
):
    first = TreatmentFactory(slug="first-name", is_published=True)
    first_old = first.get_absolute_url()
    rename(first, "second-name")
    client.get("/treatments/never-was/")  # the list of old addresses, cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/treatments/never-was-either/").status_code == 404
    assert not [query for query in queries if "core_slugredirect" in query["sql"]]
    assert client.get(first_old).status_code == 301

    later = TreatmentFactory(slug="later-name", is_published=True)
    later_old = later.get_absolute_url()
    rename(later, "later-new-name")  # after the list was cached
    assert client.get(later_old)["Location"] == later.get_absolute_url()
