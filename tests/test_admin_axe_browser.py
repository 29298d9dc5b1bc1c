"""Every admin page staff open, as a browser shows it with the demo practice loaded: the start
page and each model's list, add and change page have no axe violations.

Each feature's own browser tests use the admin's pages by keyboard and at a phone's width;
this one only sweeps them all, so a page nobody thought to test is not the one that fails.
A test per app, so the parallel run shares the pages out among its workers."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from .conftest import DESKTOP, axe_violations, signed_in_page
from .test_admin_smoke import registered_by_app

pytestmark = pytest.mark.browser

PASSWORD = "sweep-every-admin-page-42"


def admin_urls(app_label):
    urls = [reverse("admin:app_list", args=[app_label])]
    if app_label == "auth":
        urls.append(reverse("admin:index"))
    for model, _model_admin in registered_by_app()[app_label]:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{name}_changelist"))
        urls.append(reverse(f"{name}_add"))  # a read-only model's refusal is a page too
        if first := model._default_manager.order_by("pk").first():
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    return urls


@pytest.mark.parametrize("app_label", list(registered_by_app()))
def test_every_admin_page_of_the_app_has_no_axe_violations(browser, live_demo, settings, app_label):
    settings.STAFF_OTP_REQUIRED = False  # signing in with a code has its own browser tests
    User.objects.create_superuser("sweeper", "sweeper@clinic.example", PASSWORD)
    page = signed_in_page(browser, live_demo.url, "sweeper", DESKTOP, password=PASSWORD)
    page.set_default_navigation_timeout(30_000)  # some of them are long forms

    failures = {}
    for url in admin_urls(app_label):
        page.goto(live_demo.url + url)
        if violations := axe_violations(page):
            failures[url] = violations
    page.context.close()
    assert failures == {}
