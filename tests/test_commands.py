"""The management commands staff and deployments run."""

import io
import os

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice


def row_counts():
    """Rows per model, leaving out the edit histories, which rightly record every save, and
    models with no table of their own."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.label.split(".")[1].startswith("Historical")
    }


def test_load_demo_run_again_duplicates_nothing(demo, settings):
    before = row_counts()
    settings.DEBUG = True  # load_demo runs only in a DEBUG database
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    after = row_counts()
    # Saving the content again queues one redraw of the digital guide: work, not a duplicate.
    tasks = "django_tasks_database.DBTaskResult"
    assert after.pop(tasks) == before.pop(tasks) + 1
    assert after == before
    assert before["treatments.Treatment"] and before["locations.Location"]


def test_add_staff_authenticator_gives_the_user_a_confirmed_device_and_prints_its_code(db):
    user = get_user_model().objects.create_user("frontdesk", is_staff=True)
    out = io.StringIO()
    call_command("add_staff_authenticator", "frontdesk", stdout=out)
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert device.config_url in out.getvalue()
    assert out.getvalue().count("\n██") >= 10  # the QR code, drawn in the terminal


def test_add_staff_authenticator_names_an_unknown_user_and_creates_nothing(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("add_staff_authenticator", "nobody", stdout=io.StringIO())
    assert not TOTPDevice.objects.exists()
