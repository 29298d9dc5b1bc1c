"""Images in the admin: the current picture beside its field, the size rules before an
upload, and no image patients see without a description of it."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.translation_review import SpanishStatus, english_fingerprint
from locations.factories import LocationFactory, ProviderFactory
from locations.models import Location, Provider
from tests.test_images import image_bytes
from tests.treatments.admin_forms import change_form_data
from treatments.factories import TreatmentFactory
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

RULES = "A JPEG, PNG or WebP image, at least 320 × 200 pixels, at most 40 megapixels and 8 MB."


def with_photo(factory, field="photo", **fields):
    row = factory(**fields)
    getattr(row, field).save("picture.jpg", ContentFile(image_bytes((640, 400))))
    return row


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("admin:treatments_treatment_add", "hero_image"),
        ("admin:locations_location_add", "photo"),
        ("admin:locations_provider_add", "photo"),
    ],
)
def test_every_image_field_states_the_rules_before_an_upload(admin_client, url_name, field):
    html = admin_client.get(reverse(url_name)).content.decode()
    assert RULES in html
    # The file picker offers only the formats the check accepts.
    assert f'name="{field}" accept="image/jpeg,image/png,image/webp"' in html


def test_the_current_image_is_shown_beside_its_field(admin_client):
    office = with_photo(LocationFactory, photo_alt="The front door")
    html = admin_client.get(
        reverse("admin:locations_location_change", args=[office.pk])
    ).content.decode()
    thumbnail = f'<img src="/media/renditions/locations/{office.photo.name.split("/")[-1]}'
    assert thumbnail.replace(".jpg", "-480w.webp") in html
    assert 'width="160" height="100" alt="The current image"' in html


def test_an_upload_without_a_description_is_refused_with_a_clear_message(admin_client):
    add_url = reverse("admin:treatments_treatment_add")
    data = change_form_data(admin_client.get(add_url))
    data.update(
        name_en="SI joint fusion", slug="si-joint-fusion", kind=Treatment.Kind.MINIMALLY_INVASIVE,
        care_step=Treatment.CareStep.SURGERY, summary_en="Joins the joint.", hero_alt_en="  ",
        hero_image=SimpleUploadedFile("hero.jpg", image_bytes()),
    )  # fmt: skip
    response = admin_client.post(add_url, data)
    assert response.status_code == 200
    assert "Describe the image for patients who cannot see it" in response.content.decode()
    assert not Treatment.objects.exists()


@pytest.mark.parametrize(
    ("factory", "image", "alt"),
    [
        (TreatmentFactory, "hero_image", "hero_alt_en"),
        (LocationFactory, "photo", "photo_alt_en"),
        (ProviderFactory, "photo", "photo_alt_en"),
    ],
)
def test_a_model_refuses_an_image_without_a_description(factory, image, alt):
    row = with_photo(factory, image)
    setattr(row, alt, "")
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert alt in refused.value.message_dict
    setattr(row, alt, "A calm waiting room")
    row.full_clean()  # described: accepted
    getattr(row, image).delete(save=False)
    setattr(row, alt, "")
    row.full_clean()  # no image, nothing to describe


def test_pages_describe_office_and_provider_photos_in_each_language(client, demo):
    office = Location.objects.get(slug="hagerstown")
    provider = Provider.objects.get(slug="miriam-castellane")
    office_html = client.get(office.get_absolute_url()).content.decode()
    assert f'alt="{escape(office.photo_alt_en)}"' in office_html
    with translation.override("es"):
        spanish = client.get(provider.get_absolute_url()).content.decode()
    portrait = 'alt="Retrato ilustrado de Dr. Miriam Castellane, sonriente, con el pelo largo y'
    assert portrait in spanish


def test_every_demo_image_has_a_description(demo):
    for model, image, alt in (
        (Treatment, "hero_image", "hero_alt"),
        (Location, "photo", "photo_alt"),
        (Provider, "photo", "photo_alt"),
    ):
        rows = model.objects.exclude(**{image: ""})
        assert rows.exists()
        for row in rows:
            assert getattr(row, f"{alt}_en").strip() not in ("", row.name), row
            if model is not Treatment:  # SI joint fusion's Spanish is left to review
                assert getattr(row, f"{alt}_es").strip(), row


def test_the_migration_describes_existing_photos_and_keeps_reviewed_spanish_reviewed(
    admin_user,
):
    migration = importlib.import_module("locations.migrations.0016_photo_descriptions")
    office = with_photo(LocationFactory, name="Frederick")
    bare = LocationFactory()
    for row in (office, bare):
        row.mark_spanish_reviewed(admin_user)
    # As the rows were before the migration: no description, reviewed against the English.
    Location.objects.update(photo_alt="", photo_alt_en="")
    migration.describe_existing_photos(apps, None)
    office.refresh_from_db()
    bare.refresh_from_db()
    assert office.photo_alt_en == "Frederick" and not bare.photo_alt_en
    for row in (office, bare):
        assert row.english_fingerprint == english_fingerprint(row)
        assert row.spanish_status == SpanishStatus.REVIEWED
