"""Every admin with bulk publishing: a draft published from the list reaches patients, and a
withdrawn page leaves them, whichever app the page belongs to."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import PublishActionsMixin
from locations.models import Location
from tests.test_factories import FACTORIES

PUBLISHING_ADMINS = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, PublishActionsMixin)
]


def test_the_shared_actions_are_on_the_pages_and_offices_admins():
    names = {model_admin.model.__name__ for model_admin in PUBLISHING_ADMINS}
    assert {"Treatment", "Condition", "ResourcePage", "Location", "Provider"} <= names


def changelist(model_admin):
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def run_action(client, model_admin, action, obj):
    return client.post(
        changelist(model_admin), {"action": action, "_selected_action": [obj.pk]}, follow=True
    )


@pytest.mark.parametrize(
    "model_admin", PUBLISHING_ADMINS, ids=lambda model_admin: model_admin.model.__name__
)
def test_publish_and_withdraw_from_the_list(admin_client, client, model_admin):
    model = model_admin.model
    draft = FACTORIES[model](is_published=False)
    public_url = draft.get_absolute_url() if hasattr(draft, "get_absolute_url") else None
    if public_url:
        assert client.get(public_url).status_code == 404

    response = run_action(admin_client, model_admin, "publish", draft)
    name = model._meta.verbose_name
    assert f"1 {name} published." in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_published
    if public_url:
        assert client.get(public_url).status_code == 200

    response = run_action(admin_client, model_admin, "unpublish", draft)
    assert f"1 {name} withdrawn, back to draft." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published
    if public_url:
        assert client.get(public_url).status_code == 404


def test_the_action_menu_names_what_it_publishes(admin_client):
    FACTORIES[Location]()  # the admin offers actions only on a list with rows
    html = admin_client.get(reverse("admin:locations_location_changelist")).content.decode()
    assert "Publish the selected offices" in html
    assert "Withdraw the selected offices (back to draft)" in html
