"""Offices, providers and the site texts keep their history: who changed what, the earlier
values, and Revert putting them back."""

import pytest
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.html import escape

from home.factories import SiteSettingsFactory
from locations.factories import LocationFactory, ProviderFactory
from tests.treatments.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def form_data(response):
    """The form sent back unchanged; an empty photo field sends no file."""
    data = change_form_data(response)
    return {name: v for name, v in data.items() if not isinstance(v, FieldFile)}


CASES = [
    (LocationFactory, "parking_notes_en", "Free parking behind the building."),
    (ProviderFactory, "bio_en", "Treats back pain without surgery first."),
    (SiteSettingsFactory, "insurance_note_en", "We accept most plans."),
]


@pytest.mark.parametrize(
    ("factory", "field", "earlier"), CASES, ids=lambda c: getattr(c, "__name__", None)
)
def test_an_earlier_version_is_listed_with_who_changed_it_and_can_be_restored(
    admin_client, factory, field, earlier
):
    row = factory(**{field: earlier})
    opts = row._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    data = form_data(admin_client.get(change_url))
    data[field] = "A newer text."
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    row.refresh_from_db()
    assert getattr(row, field) == "A newer text."

    history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[row.pk])
    assert f'href="{history_url}"' in admin_client.get(change_url).content.decode()
    html = admin_client.get(history_url).content.decode()
    change_row = next(r for r in html.split("<tr") if "A newer text." in r)
    assert escape(earlier) in change_row and ">admin</a>" in change_row

    first = row.history.earliest()
    revert_url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[row.pk, first.history_id],
    )
    form = admin_client.get(revert_url)
    assert escape(earlier) in form.content.decode()
    assert admin_client.post(revert_url, form_data(form)).status_code == 302
    row.refresh_from_db()
    assert getattr(row, field) == earlier
    assert row.history.latest().history_user.username == "admin"
