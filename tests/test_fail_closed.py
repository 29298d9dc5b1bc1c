"""Fail closed: debug mode and the demo's published passwords only where DEBUG is set."""

import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def manage(*args, env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_server_started_without_its_environment_refuses_rather_than_run_in_debug_mode():
    result = manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_on_only_when_set():
    code = "from django.conf import settings; print(settings.DEBUG)"
    show = ("shell", "--no-imports", "-c", code)
    production = {"SECRET_KEY": "x" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert manage(*show, env=production).stdout.strip() == "False"
    assert manage(*show, env={"DEBUG": "1"}).stdout.strip() == "True"


@pytest.mark.django_db
def test_load_demo_refuses_with_debug_off_and_creates_no_demo_accounts(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only with DEBUG=1"):
        call_command("load_demo", stdout=io.StringIO())
    users = get_user_model().objects.filter(username__in=["frontdesk", "contenteditor"])
    assert not users.exists()
