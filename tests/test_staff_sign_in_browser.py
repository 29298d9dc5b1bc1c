"""Staff sign in as they would on the practice's computers: right code, first try."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from clinic_site.admin_site import FRONT_DESK_GROUP
from tests.test_staff_security import PASSWORD, current_code, make_staff

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.STAFF_OTP_REQUIRED = True


def fill_sign_in(page, username, code=""):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if code:
        page.get_by_label("6-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Sign in").click()


def test_front_desk_signs_in_with_the_right_code_on_the_first_try(
    transactional_db, live_server, page
):
    user = make_staff("frontdesk", FRONT_DESK_GROUP)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(live_server.url + reverse("admin:index"))
    assert_accessible(page)
    fill_sign_in(page, "frontdesk", current_code(device))
    expect(page.get_by_role("heading", name="Manage the website")).to_be_visible()
    assert PASSWORD not in page.content()


def test_a_new_staff_member_sets_up_an_authenticator_from_scratch(
    transactional_db, live_server, phone_page
):
    page = phone_page
    make_staff("newhire", FRONT_DESK_GROUP)
    page.goto(live_server.url + reverse("admin:login"))
    fill_sign_in(page, "newhire")
    page.wait_for_url(re.compile(reverse("admin:authenticator_setup")))
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)

    secret = page.locator("code").first.inner_text()
    key = b32decode(secret)  # what a person types into the app when they cannot scan
    device = TOTPDevice.objects.get(user__username="newhire")
    code = f"{totp(key, step=device.step, digits=device.digits):06d}"
    page.get_by_label("6-digit code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the staff site").click()
    expect(page.get_by_role("heading", name="Manage the website")).to_be_visible()
    assert User.objects.get(username="newhire").totpdevice_set.get().confirmed
