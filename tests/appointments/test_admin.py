"""Only the front desk sees requests, and every look, change and export is on the record."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.demo import CONTENT_EDITOR, FRONT_DESK, load_groups
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest, AuditLogEntry
from appointments.services import appointment_requests_anonymize
from core.tasks import send_email

LIST = reverse("admin:appointments_appointmentrequest_changelist")


def staff_user(group_name, username):
    front_desk, editor, _translator = load_groups()
    user = get_user_model().objects.create_user(username, password="x" * 16, is_staff=True)
    user.groups.add(front_desk if group_name == FRONT_DESK else editor)
    return user


@pytest.fixture
def request_row(db):
    return AppointmentRequestFactory(message='=HYPERLINK("http://evil.example")')


@pytest.fixture
def front_desk(client, db):
    client.force_login(staff_user(FRONT_DESK, "desk"))
    return client


@pytest.fixture
def editor(client, db):
    client.force_login(staff_user(CONTENT_EDITOR, "editor"))
    return client


def detail(row):
    return reverse("admin:appointments_appointmentrequest_change", args=[row.pk])


def change(client, row, attempt=None, **fields):
    """Post the request's page as the browser does: its fields and the log's one blank row."""
    existing = row.contact_attempts.count()
    data = {
        "status": row.status,
        "outcome": row.outcome,
        "assigned_to": row.assigned_to_id or "",
        "contact_attempts-TOTAL_FORMS": existing + 1,
        "contact_attempts-INITIAL_FORMS": existing,
        "contact_attempts-MIN_NUM_FORMS": 0,
        "contact_attempts-MAX_NUM_FORMS": 1000,
        **{f"contact_attempts-{existing}-{k}": v for k, v in (attempt or {}).items()},
        **fields,
    }
    for index, entry in enumerate(row.contact_attempts.all()):
        data[f"contact_attempts-{index}-id"] = entry.pk
        data[f"contact_attempts-{index}-request"] = row.pk
    data[f"contact_attempts-{existing}-request"] = row.pk
    return client.post(detail(row), data)


def export(client, *rows):
    return client.post(
        LIST, {"action": "export_csv", "_selected_action": [r.pk for r in rows]}, follow=False
    )


def test_a_content_editor_cannot_list_open_or_export_requests(editor, request_row):
    assert editor.get(LIST).status_code == 403
    assert editor.get(detail(request_row)).status_code == 403
    response = export(editor, request_row)
    assert response.status_code == 403
    assert request_row.last_name.encode() not in response.content
    assert not AuditLogEntry.objects.exists()


def test_a_content_editor_does_not_see_requests_in_the_admin_index(editor, request_row):
    html = editor.get(reverse("admin:index")).content.decode()
    assert "Appointment requests" not in html
    assert "Treatments" in html


def test_the_front_desk_lists_filters_and_searches_requests(front_desk, request_row):
    AppointmentRequestFactory(last_name="Other", status=AppointmentRequest.Status.CLOSED)
    response = front_desk.get(LIST, {"status__exact": "new", "age": "today"})
    assert response.status_code == 200
    assert request_row.reference in response.content.decode()
    assert "Other" not in response.content.decode()
    found = front_desk.get(LIST, {"q": request_row.reference}).content.decode()
    assert request_row.reference in found


def test_opening_a_request_is_logged(front_desk, request_row):
    assert front_desk.get(detail(request_row)).status_code == 200
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.reference, entry.user.username) == (
        "view",
        request_row.reference,
        "desk",
    )


def test_a_rejected_change_that_shows_the_request_again_is_logged_as_a_view(
    front_desk, request_row
):
    response = change(front_desk, request_row, status="not-a-status")
    assert response.status_code == 200 and request_row.first_name in response.content.decode()
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.reference) == ("view", request_row.reference)


def test_a_change_is_logged_with_the_fields_not_their_contents(front_desk, request_row):
    desk = get_user_model().objects.get(username="desk")
    response = change(
        front_desk,
        request_row,
        attempt={"method": "phone", "outcome": "voicemail", "note": "Left a voicemail"},
        status="contacted",
        assigned_to=desk.pk,
    )
    assert response.status_code == 302
    request_row.refresh_from_db()
    assert request_row.status == "contacted" and request_row.assigned_to == desk
    details = list(AuditLogEntry.objects.filter(action="change").values_list("details", flat=True))
    assert "status, assigned_to" in details and "contact attempt: voicemail" in details
    assert not any("Left a" in d for d in details)


def test_patient_fields_are_read_only_for_staff(front_desk, request_row):
    change(front_desk, request_row, first_name="Changed")
    request_row.refresh_from_db()
    assert request_row.first_name == "Avery"


def test_the_front_desk_exports_csv_and_each_row_is_logged(front_desk, request_row):
    other = AppointmentRequestFactory(first_name="Bo")
    response = export(front_desk, request_row, other)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert request_row.reference in text and other.reference in text
    assert "'=HYPERLINK" in text  # a spreadsheet will not run it as a formula
    logged = set(AuditLogEntry.objects.filter(action="export").values_list("reference", flat=True))
    assert logged == {request_row.reference, other.reference}


def test_a_superuser_delete_is_logged(client, admin_user, request_row):
    client.force_login(admin_user)
    url = reverse("admin:appointments_appointmentrequest_delete", args=[request_row.pk])
    client.post(url, {"post": "yes"})
    assert not AppointmentRequest.objects.exists()
    assert AuditLogEntry.objects.get(action="delete").reference == request_row.reference


def test_the_audit_log_cannot_be_changed_or_deleted(front_desk, admin_user, request_row):
    front_desk.get(detail(request_row))
    entry = AuditLogEntry.objects.get()
    entry.details = "rewritten"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditLogEntry.objects.update(details="x")
    with pytest.raises(PermissionDenied):
        AuditLogEntry.objects.all().delete()
    front_desk.force_login(admin_user)
    change = reverse("admin:appointments_auditlogentry_change", args=[entry.pk])
    front_desk.post(change, {"details": "rewritten", "action": "view"})
    delete = reverse("admin:appointments_auditlogentry_delete", args=[entry.pk])
    assert front_desk.post(delete, {"post": "yes"}).status_code == 403
    assert AuditLogEntry.objects.get().details == ""


def test_retention_anonymizes_old_requests_and_logs_it(db, time_machine):
    time_machine.move_to("2024-01-01")
    old = AppointmentRequestFactory()
    time_machine.move_to("2025-06-01")
    recent = AppointmentRequestFactory()
    call_command("purge_appointment_requests", "--older-than-days", "365", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.first_name == "" and str(old.phone) == "" and old.anonymized_at
    assert old.location_id and old.reference  # counts by office survive
    assert recent.first_name == "Avery" and recent.anonymized_at is None
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.reference, entry.user) == ("anonymize", old.reference, None)


def test_retention_can_delete_instead(db, time_machine, settings):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    time_machine.move_to("2025-01-01")
    old = AppointmentRequestFactory()
    time_machine.move_to("2025-03-01")
    AppointmentRequestFactory()
    call_command("purge_appointment_requests", "--delete", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not AppointmentRequest.objects.filter(pk=old.pk).exists()
    assert AppointmentRequest.objects.count() == 1
    assert AuditLogEntry.objects.get().action == "delete"


def test_demo_groups_users_and_requests_load_twice_without_duplicates(demo, settings):
    settings.DEBUG = True  # load_demo runs only in a DEBUG database
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = get_user_model().objects.filter(username__in=["frontdesk", "contenteditor"])
    assert users.count() == 2
    desk = users.get(username="frontdesk")
    assert desk.check_password("harbor-lantern-tulip-58")
    assert desk.has_perm("appointments.view_appointmentrequest")
    assert not users.get(username="contenteditor").has_perm("appointments.view_appointmentrequest")
    assert users.get(username="contenteditor").has_perm("treatments.change_treatment")
    assert AppointmentRequest.objects.count() == 3


def test_retention_deletes_finished_email_tasks_as_old_and_keeps_the_rest(db, time_machine):
    time_machine.move_to("2024-01-01")
    old = send_email.enqueue(subject="old", body="A request arrived.", to=["desk@clinic.example"])
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=timezone.now())
    time_machine.move_to("2025-06-01")
    waiting = send_email.enqueue(subject="new", body="A request arrived.", to=["desk@x.example"])
    call_command("purge_appointment_requests", "--older-than-days", "365", verbosity=0)
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [uuid.UUID(waiting.id)]
    assert not DBTaskResult.objects.filter(pk=old.id).exists()


@pytest.mark.parametrize("days", ["0", "-3", "soon"])
def test_retention_refuses_a_bad_period(db, days):
    AppointmentRequestFactory()
    with pytest.raises(CommandError):
        call_command("purge_appointment_requests", "--older-than-days", days, verbosity=0)
    assert AppointmentRequest.objects.not_anonymized().count() == 1


def test_only_superusers_see_the_email_queue_even_with_the_permission_granted(client, db):
    queue = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    desk = staff_user(FRONT_DESK, "desk")
    desk.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(desk)
    assert client.get(queue).status_code == 403
    assert queue not in client.get(reverse("admin:index")).content.decode()
    root = get_user_model().objects.create_superuser("root", password="x" * 16)
    client.force_login(root)
    assert client.get(queue).status_code == 200


def anonymize(client, *rows):
    return client.post(
        LIST, {"action": "anonymize", "_selected_action": [r.pk for r in rows]}, follow=True
    )


def test_staff_allowed_to_delete_can_anonymize_selected_requests_and_it_is_logged(
    admin_client, admin_user, request_row
):
    kept = AppointmentRequestFactory()
    response = anonymize(admin_client, request_row)
    assert "1 request anonymized." in response.content.decode()
    request_row.refresh_from_db()
    assert request_row.first_name == request_row.message == "" and request_row.anonymized_at
    assert request_row.location_id and request_row.reference
    kept.refresh_from_db()
    assert kept.first_name == "Avery" and kept.anonymized_at is None
    entry = AuditLogEntry.objects.get(action="anonymize")
    assert (entry.reference, entry.user) == (request_row.reference, admin_user)


def test_the_front_desk_cannot_anonymize_without_the_delete_permission(front_desk, request_row):
    anonymize(front_desk, request_row)
    request_row.refresh_from_db()
    assert request_row.first_name == "Avery" and request_row.anonymized_at is None
    assert not AuditLogEntry.objects.filter(action="anonymize").exists()


def test_anonymizing_again_changes_and_logs_nothing_more(admin_client, time_machine):
    time_machine.move_to("2025-01-01")
    row = AppointmentRequestFactory()
    anonymize(admin_client, row)
    row.refresh_from_db()
    first = row.anonymized_at
    time_machine.move_to("2025-03-01")  # the staff session has long expired: call the service
    rows = AppointmentRequest.objects.filter(pk=row.pk)
    assert appointment_requests_anonymize(appointment_requests=rows, user=None) == 0
    call_command("purge_appointment_requests", "--older-than-days", "30", verbosity=0)
    row.refresh_from_db()
    assert row.anonymized_at == first
    assert AuditLogEntry.objects.filter(action="anonymize").count() == 1


def test_the_front_desk_sees_who_prefers_spanish_and_filters_by_language(front_desk, db):
    spanish = AppointmentRequestFactory(last_name="Esposito", language="es")
    english = AppointmentRequestFactory(last_name="Whitcombe")
    listed = front_desk.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = next(r for r in listed.split("<tr") if spanish.reference in r)
    assert "Prefers Spanish" in row
    assert "Prefers" not in next(r for r in listed.split("<tr") if english.reference in r)
    filtered = front_desk.get(LIST, {"language__exact": "es"}).content.decode()
    assert spanish.reference in filtered and english.reference not in filtered
    assert "Prefers Spanish" in front_desk.get(detail(spanish)).content.decode()
