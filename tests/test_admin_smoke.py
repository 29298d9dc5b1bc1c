"""Every admin page staff open answers for a superuser, with the demo practice loaded."""

from collections import defaultdict

import pytest
from django.contrib import admin
from django.urls import reverse


def registered_by_app():
    models = defaultdict(list)
    for model, model_admin in admin.site._registry.items():
        models[model._meta.app_label].append((model, model_admin))
    return dict(sorted(models.items()))


@pytest.mark.parametrize("app_label", list(registered_by_app()))
def test_every_changelist_add_and_change_page_of_the_app_answers(
    admin_client, admin_user, demo, rf, app_label
):
    for model, model_admin in registered_by_app()[app_label]:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert admin_client.get(reverse(f"{name}_changelist")).status_code == 200, name
        request = rf.get("/")
        request.user = admin_user
        # Some models are read-only by design (the gazetteer, the audit log): refused, not a 500.
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert admin_client.get(reverse(f"{name}_add")).status_code == expected, name
        if first := model._default_manager.order_by("pk").first():
            change = admin_client.get(reverse(f"{name}_change", args=[first.pk]))
            assert change.status_code == 200, name
