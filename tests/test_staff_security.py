"""Staff accounts hold patient data: lockout, second factor, idle timeout, strong hashing."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from appointments.demo import load_groups
from clinic_site.admin_site import CONTENT_EDITOR_GROUP, FRONT_DESK_GROUP

PASSWORD = "correct horse battery staple"


@pytest.fixture
def otp_required(settings):
    settings.STAFF_OTP_REQUIRED = True


def make_staff(username, group=None, **extra):
    """A staff member in one of the demo's groups, with that group's real permissions."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if group:
        groups = {g.name: g for g in load_groups()}
        user.groups.add(groups[group])
    return user


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index"), **extra},
    )


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_admin_lives_at_the_configured_path_not_at_admin(client, db, settings):
    response = client.get("/" + settings.ADMIN_URL)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login")).status_code == 200
    assert settings.ADMIN_URL != "admin/"
    assert client.get("/admin/").status_code == 404


def test_no_staff_page_shows_an_authenticator_secret(admin_client, settings):
    TOTPDevice.objects.create(user=User.objects.get(username="admin"), name="Phone")
    admin_url = f"/{settings.ADMIN_URL}"
    for page in ("otp_totp/totpdevice/", "otp_totp/totpdevice/1/change/", "otp_static/"):
        assert admin_client.get(admin_url + page).status_code == 404, page
    staff_list = admin_client.get(admin_url + "auth/user/").content.decode()
    assert "Reset the authenticator" in staff_list  # what replaces them for a lost phone


def test_passwords_are_hashed_with_argon2(db):
    assert make_staff("editor").password.startswith("argon2$")


def test_weak_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("password123")
    validate_password(PASSWORD)


def test_five_failed_sign_ins_lock_the_account_even_for_the_right_password(client, db):
    make_staff("editor", CONTENT_EDITOR_GROUP)
    for _ in range(5):
        sign_in(client, "editor", password="wrong password")
    response = sign_in(client, "editor")
    assert response.status_code == 429
    assert "Sign-in is locked for now" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_front_desk_cannot_sign_in_with_a_password_alone(client, db, otp_required):
    user = make_staff("frontdesk", FRONT_DESK_GROUP)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = sign_in(client, "frontdesk")
    assert response.status_code == 200  # the login form again, with an error
    assert client.get(reverse("admin:index")).status_code == 302


def test_front_desk_signs_in_with_password_and_authenticator_code(client, db, otp_required):
    user = make_staff("frontdesk", FRONT_DESK_GROUP)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = sign_in(
        client, "frontdesk", otp_device=device.persistent_id, otp_token=current_code(device)
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_superuser_without_an_authenticator_is_kept_out(client, db, otp_required):
    make_staff("root", is_superuser=True)
    sign_in(client, "root")
    assert client.get(reverse("admin:index")).status_code == 302


def test_anyone_given_sight_of_patient_data_needs_the_code_too(client, db, otp_required):
    # Not only the group named "Front desk": the permission is what shows patient data.
    user = make_staff("billing")
    user.user_permissions.add(Permission.objects.get(codename="view_appointmentrequest"))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert sign_in(client, "billing").status_code == 200  # the form again, asking for the code
    assert client.get(reverse("admin:index")).status_code == 302


def test_content_editors_sign_in_with_a_password(client, db, otp_required):
    make_staff("editor", CONTENT_EDITOR_GROUP)
    assert sign_in(client, "editor").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_staff_session_ends_after_30_minutes_idle(client, db):
    make_staff("editor", CONTENT_EDITOR_GROUP)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert sign_in(client, "editor").status_code == 302
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("admin:index")).status_code == 200  # activity renews it
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("admin:index")).status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_busy_staff_session_still_ends_12_hours_after_signing_in(client, db):
    # A stolen session cookie kept busy would otherwise never expire.
    make_staff("editor", CONTENT_EDITOR_GROUP)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assert sign_in(client, "editor").status_code == 302
        while timezone.now() < start + timedelta(hours=11, minutes=30):
            traveller.shift(timedelta(minutes=29))
            assert client.get(reverse("admin:index")).status_code == 200
        traveller.shift(timedelta(minutes=29))  # past 12 hours, though active all along
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert "_auth_user_id" not in client.session


def test_a_session_without_a_sign_in_time_is_signed_out(client, db):
    user = make_staff("editor", CONTENT_EDITOR_GROUP)
    client.force_login(user)
    session = client.session
    del session["signed_in_at"]  # as a session made before the 12-hour limit existed
    session.save()
    assert client.get(reverse("admin:index")).status_code == 302
