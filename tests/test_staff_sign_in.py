"""Signing in as staff works first time: one form, a code only for those who need one,
and setting up one's own authenticator."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic_site.admin_site import CONTENT_EDITOR_GROUP, FRONT_DESK_GROUP
from tests.test_staff_security import PASSWORD, current_code, make_staff, sign_in


@pytest.fixture(autouse=True)
def otp_required(settings):
    settings.STAFF_OTP_REQUIRED = True


@pytest.fixture
def front_desk(db):
    user = make_staff("frontdesk", FRONT_DESK_GROUP)
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def signed_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_the_sign_in_page_asks_for_the_code_with_a_numeric_one_time_code_field(client, db):
    page = client.get(reverse("admin:login")).content.decode()
    assert "6-digit code from your authenticator app" in page
    field = re.search(r'<input[^>]*name="otp_token"[^>]*>', page).group(0)
    assert 'inputmode="numeric"' in field
    assert 'autocomplete="one-time-code"' in field
    assert "otp_device" not in page  # nobody picks a device


def test_front_desk_signs_in_with_one_post_and_never_picks_a_device(client, front_desk):
    _user, device = front_desk
    response = sign_in(client, "frontdesk", otp_token=current_code(device))
    assert response.status_code == 302
    assert signed_in(client)


def test_a_code_typed_with_spaces_is_accepted(client, front_desk):
    _user, device = front_desk
    code = current_code(device)
    sign_in(client, "frontdesk", otp_token=f" {code[:3]} {code[3:]} ")
    assert signed_in(client)


def test_a_user_with_two_devices_signs_in_with_either(client, front_desk):
    user, _device = front_desk
    second = TOTPDevice.objects.create(user=user, name="tablet", confirmed=True)
    sign_in(client, "frontdesk", otp_token=current_code(second))
    assert signed_in(client)


def test_a_wrong_code_says_so_plainly_and_the_password_is_not_sent_back(client, front_desk):
    response = sign_in(client, "frontdesk", otp_token="000000")
    page = response.content.decode()
    assert response.status_code == 200
    assert "That code is not right" in page
    assert PASSWORD not in page
    assert not signed_in(client)


def test_a_missing_code_asks_for_it(client, front_desk):
    page = sign_in(client, "frontdesk").content.decode()
    assert "Enter the 6-digit code from your authenticator app." in page
    assert PASSWORD not in page
    assert not signed_in(client)


def test_wrong_codes_count_towards_the_lockout(client, front_desk):
    _user, device = front_desk
    for _ in range(5):
        sign_in(client, "frontdesk", otp_token="000000")
    response = sign_in(client, "frontdesk", otp_token=current_code(device))
    assert response.status_code == 429
    assert not signed_in(client)


def test_a_recovery_code_works_once_in_the_code_field(client, front_desk):
    user, _device = front_desk
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes")
    recovery.token_set.create(token="abcd2345")
    sign_in(client, "frontdesk", otp_token="abcd2345")
    assert signed_in(client)
    client.logout()
    sign_in(client, "frontdesk", otp_token="abcd2345")
    assert not signed_in(client)


def test_content_editors_are_not_asked_for_a_code(client, db):
    make_staff("editor", CONTENT_EDITOR_GROUP)
    sign_in(client, "editor")
    assert signed_in(client)


def test_the_practice_can_require_a_code_from_everyone(client, db, settings):
    settings.STAFF_OTP_FOR_EVERYONE = True
    editor = make_staff("editor", CONTENT_EDITOR_GROUP)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    sign_in(client, "editor")
    assert not signed_in(client)
    sign_in(client, "editor", otp_token=current_code(device))
    assert signed_in(client)


def set_up_authenticator(client, page):
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    device = TOTPDevice.objects.get(confirmed=False)
    assert b32decode(secret) == device.bin_key  # the key shown is the device's own
    return client.post(reverse("admin:authenticator_setup"), {"otp_token": current_code(device)})


def test_new_front_desk_staff_set_up_their_own_authenticator(client, db):
    make_staff("newhire", FRONT_DESK_GROUP)
    response = sign_in(client, "newhire")
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:authenticator_setup")
    page = response.content.decode()
    assert "<svg" in page  # the QR code, drawn on this server
    assert not signed_in(client)

    with time_machine.travel(timezone.now() - timedelta(minutes=1)):
        wrong = client.post(reverse("admin:authenticator_setup"), {"otp_token": "000000"})
    assert "That code is not right" in wrong.content.decode()
    assert not signed_in(client)

    done = set_up_authenticator(client, page)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert "no-store" in done["Cache-Control"] or "max-age=0" in done["Cache-Control"]
    assert signed_in(client)
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    # Set up once: the page now sends them on, and shows no new key.
    assert client.get(reverse("admin:authenticator_setup")).status_code == 302


def test_the_setup_page_is_only_for_signed_in_staff(client, db):
    response = client.get(reverse("admin:authenticator_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_someone_with_a_device_cannot_add_another_with_just_the_password(client, front_desk):
    sign_in(client, "frontdesk")  # right password, no code
    client.get(reverse("admin:authenticator_setup"))
    assert TOTPDevice.objects.count() == 1


def test_a_superuser_resets_a_lost_authenticator(client, front_desk):
    user, _device = front_desk
    root = User.objects.create_superuser("root", password=PASSWORD)
    root_device = TOTPDevice.objects.create(user=root, name="phone", confirmed=True)
    sign_in(client, "root", otp_token=current_code(root_device))
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_authenticator", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "set up a new authenticator" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    sign_in(client, "frontdesk")
    assert client.get(reverse("admin:login")).url == reverse("admin:authenticator_setup")


def test_guessing_codes_in_a_row_is_slowed_down_with_a_plain_message(client, db):
    make_staff("newhire", FRONT_DESK_GROUP)
    sign_in(client, "newhire")
    client.get(reverse("admin:authenticator_setup"))
    client.post(reverse("admin:authenticator_setup"), {"otp_token": "000000"})
    again = client.post(reverse("admin:authenticator_setup"), {"otp_token": "111111"})
    assert "Wait a few seconds" in again.content.decode()
