"""Where patients' requests and calls go: an office's staff email, phone and fax, and the
practice's main phone and email. A content editor (password only) must not reroute them;
staff allowed to do so sign in with a second factor, and every change is kept and announced."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from clinic_site.admin_site import CONTENT_EDITOR_GROUP
from home.models import SiteSettings
from locations.factories import LocationFactory
from locations.models import Location
from tests.test_staff_security import current_code, make_staff, sign_in
from tests.treatments.admin_forms import change_form_data

ATTACKER = "collector@attacker.example"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_OTP_REQUIRED = True  # as in production
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@clinic.example"


@pytest.fixture
def office(db):
    return LocationFactory(
        name="Elkridge", phone="(443) 555-0112", staff_email="elkridge@clinic.example"
    )


def office_page(office):
    return reverse("admin:locations_location_change", args=[office.pk])


def queued_emails():
    return [task.args_kwargs["kwargs"] for task in DBTaskResult.objects.all()]


@pytest.fixture
def editor(client, db):
    make_staff("editor", CONTENT_EDITOR_GROUP)
    assert sign_in(client, "editor").status_code == 302  # a password alone
    return client


@pytest.fixture
def manager(client, db):
    """Content editor who may also change routing: the sign-in asks for the code."""
    user = make_staff("manager", CONTENT_EDITOR_GROUP)
    user.user_permissions.add(Permission.objects.get(codename="change_routing"))
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert sign_in(client, "manager").status_code == 200  # the form again: no code given
    assert sign_in(client, "manager", otp_token=current_code(device)).status_code == 302
    return client


def test_a_content_editor_sees_the_routing_fields_read_only_and_cannot_change_them(editor, office):
    page = editor.get(office_page(office))
    assert page.status_code == 200, page
    html = page.content.decode()
    assert "elkridge@clinic.example" in html
    assert 'name="staff_email"' not in html and 'name="phone"' not in html
    data = {**change_form_data(page), "staff_email": ATTACKER, "phone": "(202) 555-0199"}
    data["parking_notes_en"] = "Park behind the building."
    assert editor.post(office_page(office), data).status_code == 302  # the rest is saved
    office.refresh_from_db()
    assert (office.staff_email, office.phone) == ("elkridge@clinic.example", "(443) 555-0112")
    assert office.parking_notes == "Park behind the building."
    assert queued_emails() == []


def test_a_content_editor_cannot_reroute_through_a_history_revert(editor, office):
    office.staff_email = ATTACKER  # an earlier version someone wants back
    office.save()
    office.staff_email = "elkridge@clinic.example"
    office.save()
    earlier = office.history.order_by("history_id")[1]
    url = reverse("admin:locations_location_simple_history", args=[office.pk, earlier.history_id])
    response = editor.post(url, change_form_data(editor.get(url)))
    assert response.status_code == 403
    office.refresh_from_db()
    assert office.staff_email == "elkridge@clinic.example"


def test_a_content_editor_cannot_add_an_office(editor):
    assert editor.get(reverse("admin:locations_location_add")).status_code == 403


def test_staff_who_may_reroute_are_kept_out_without_the_second_factor(client, db, office):
    user = make_staff("manager", CONTENT_EDITOR_GROUP)
    user.user_permissions.add(Permission.objects.get(codename="change_routing"))
    sign_in(client, "manager")  # no authenticator yet: sent to set one up, not to the admin
    assert client.get(office_page(office)).status_code == 302
    assert Location.objects.get(pk=office.pk).staff_email == "elkridge@clinic.example"


def test_a_verified_change_is_kept_with_its_earlier_value_and_announced(manager, office):
    data = {
        **change_form_data(manager.get(office_page(office))),
        "staff_email": "new@clinic.example",
    }
    assert manager.post(office_page(office), data).status_code == 302
    office.refresh_from_db()
    assert office.staff_email == "new@clinic.example"
    latest, earlier = office.history.order_by("-history_id")[:2]
    assert (latest.history_user.username, earlier.staff_email) == (
        "manager",
        "elkridge@clinic.example",
    )
    [email] = queued_emails()
    assert email["to"] == ["frontdesk@clinic.example", "elkridge@clinic.example"]
    assert "Elkridge" in email["subject"]
    assert "was “elkridge@clinic.example”, now “new@clinic.example”" in email["body"]
    assert "manager" in email["body"]


def test_the_site_phone_is_guarded_and_announced_the_same_way(client, editor, db):
    SiteSettings.objects.create(
        practice_name="Clinic", phone="(301) 555-0100", hero_heading="Hi", hero_text="Hello",
        insurance_note="We take most plans.", privacy_notice="Notice.", seo_description="Clinic",
    )  # fmt: skip
    url = reverse("admin:clinic_site_sitesettings_change", args=[1])
    page = editor.get(url)
    assert 'name="phone"' not in page.content.decode()
    editor.post(url, {**change_form_data(page), "phone": "(202) 555-0199"})
    assert SiteSettings.load().phone == "(301) 555-0100"
    assert queued_emails() == []
