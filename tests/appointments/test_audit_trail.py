"""Who looked at this patient: every list, search, record and history page of requests,
messages and stories, with the client's address and browser; and a log nobody can rewrite."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from appointments.audit import search_fingerprint
from appointments.demo import CONTENT_EDITOR, FRONT_DESK
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest, AuditLogEntry
from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story

from .test_admin import LIST, detail, staff_user

BROWSER = "Mozilla/5.0 (Windows NT 10.0) FrontDeskBrowser/1.0"
FROM_THE_DESK = {"REMOTE_ADDR": "203.0.113.40", "HTTP_USER_AGENT": BROWSER}


@pytest.fixture
def desk(db):
    return staff_user(FRONT_DESK, "desk")


@pytest.fixture
def front_desk(client, desk):
    client.force_login(desk)
    return client


def change_data(row, attempt):
    """The request's page as the browser posts it, with one new contact attempt."""
    data = {
        "status": row.status,
        "outcome": row.outcome,
        "assigned_to": "",
        "contact_attempts-TOTAL_FORMS": 1,
        "contact_attempts-INITIAL_FORMS": 0,
        "contact_attempts-MIN_NUM_FORMS": 0,
        "contact_attempts-MAX_NUM_FORMS": 1000,
        "contact_attempts-0-request": row.pk,
    }
    data.update({f"contact_attempts-0-{key}": value for key, value in attempt.items()})
    return data


def test_a_search_of_messages_records_who_from_where_the_hash_count_and_rows(front_desk, desk):
    message = AppointmentRequestFactory(
        kind=AppointmentRequest.Kind.BILLING, message="About my bill", last_name="Quill"
    )
    AppointmentRequestFactory(kind=AppointmentRequest.Kind.APPOINTMENT, last_name="Quill")
    response = front_desk.get(LIST, {"q": "quill", "kind__exact": "billing"}, **FROM_THE_DESK)
    assert message.reference in response.content.decode()
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.LIST)
    assert entry.user == desk
    assert entry.reference == message.reference
    assert entry.details == f"search {search_fingerprint('quill')}, 1 results"
    assert "quill" not in entry.details.casefold()
    assert (entry.client_address, entry.user_agent) == ("203.0.113.40", BROWSER)


def test_opening_a_request_and_its_history_page_are_both_recorded(front_desk):
    row = AppointmentRequestFactory()
    front_desk.get(detail(row), **FROM_THE_DESK)
    history = reverse("admin:appointments_appointmentrequest_history", args=[row.pk])
    assert front_desk.get(history, **FROM_THE_DESK).status_code == 200
    entries = AuditLogEntry.objects.filter(reference=row.reference).order_by("pk")
    assert [(e.action, e.details) for e in entries] == [("view", ""), ("view", "history")]
    assert {e.client_address for e in entries} == {"203.0.113.40"}


def test_a_call_logged_through_the_service_records_the_client_too(front_desk):
    row = AppointmentRequestFactory()
    attempt = {"method": "phone", "outcome": "voicemail", "note": ""}
    front_desk.post(detail(row), change_data(row, attempt), **FROM_THE_DESK)
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.CHANGE)
    assert entry.details == "contact attempt: voicemail"
    assert (entry.client_address, entry.user_agent) == ("203.0.113.40", BROWSER)


def test_the_stories_list_search_and_pages_are_audited_as_patient_data(client, db):
    editor = staff_user(CONTENT_EDITOR, "editor")
    client.force_login(editor)
    story = StoryFactory(status=Story.Status.SUBMITTED, display_name="Theresa R.")
    stories = reverse("admin:testimonials_testimonial_changelist")
    client.get(stories, {"q": "Theresa"}, **FROM_THE_DESK)
    client.get(reverse("admin:testimonials_testimonial_change", args=[story.pk]))
    client.get(reverse("admin:testimonials_testimonial_history", args=[story.pk]))
    entries = AuditLogEntry.objects.filter(subject=AuditLogEntry.Subject.STORY).order_by("pk")
    assert [(e.action, e.reference, e.user) for e in entries] == [
        ("list", str(story.pk), editor),
        ("view", str(story.pk), editor),
        ("view", str(story.pk), editor),
    ]
    assert entries[0].details == f"search {search_fingerprint('Theresa')}, 1 results"
    assert entries[0].client_address == "203.0.113.40"


def test_retention_deletes_old_unpublished_stories_and_keeps_published_ones(db):
    long_ago = timezone.now() - timedelta(days=400)
    waiting = StoryFactory(status=Story.Status.SUBMITTED)
    rejected = StoryFactory(status=Story.Status.REJECTED)
    published = StoryFactory(status=Story.Status.APPROVED)
    recent = StoryFactory(status=Story.Status.SUBMITTED)
    Story.objects.exclude(pk=recent.pk).update(created_at=long_ago)
    out = io.StringIO()
    call_command("purge_appointment_requests", stdout=out)
    assert set(Story.objects.values_list("pk", flat=True)) == {published.pk, recent.pk}
    assert "2 unpublished story(ies) deleted" in out.getvalue()
    deleted = AuditLogEntry.objects.filter(subject="story", action="delete")
    assert set(deleted.values_list("reference", flat=True)) == {str(waiting.pk), str(rejected.pk)}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (no-op on SQLite)"
)
def test_the_database_itself_refuses_to_change_or_delete_audit_entries(front_desk):
    row = AppointmentRequestFactory()
    front_desk.get(detail(row))
    entry = AuditLogEntry.objects.get()
    table = AuditLogEntry._meta.db_table
    for sql in (
        f"UPDATE {table} SET details = 'nothing to see', user_id = NULL WHERE id = %s",  # noqa: S608
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        refused = pytest.raises(DatabaseError, match="cannot be changed or deleted")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.details == "" and entry.user is not None
    # Anonymizing and the retention command only ever add entries.
    AppointmentRequest.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    call_command("purge_appointment_requests", "--delete", stdout=io.StringIO())
    assert AuditLogEntry.objects.filter(action="delete", reference=row.reference).exists()
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()
