"""The front desk's worklist: find a patient as staff type, see who waited too long, log
every call, export what the filter shows, and start each day from a page of their own."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from appointments.audit import search_fingerprint
from appointments.demo import CONTENT_EDITOR, FRONT_DESK
from appointments.factories import AppointmentRequestFactory
from appointments.models import AppointmentRequest, AuditLogEntry, ContactAttempt
from appointments.services import appointment_requests_anonymize, contact_attempt_add
from locations.factories import ClosureFactory, LocationFactory, OpeningHoursFactory

from .test_admin import LIST, change, detail, staff_user

EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def desk(db):
    return staff_user(FRONT_DESK, "desk")


@pytest.fixture
def front_desk(client, desk):
    client.force_login(desk)
    return client


@pytest.fixture
def weekday_office(db):
    """Open 8 to 5, Monday to Friday, with a lunch break on Mondays."""
    office = LocationFactory(name="Frederick", slug="frederick")
    for opens, closes in ((8, 12), (13, 17)):
        OpeningHoursFactory(
            location=office, weekday=0, opens=datetime.time(opens), closes=datetime.time(closes)
        )
    for weekday in range(1, 5):
        OpeningHoursFactory(location=office, weekday=weekday)
    return office


def listed(client, **params):
    return client.get(LIST, params).content.decode()


@pytest.mark.parametrize(
    "typed",
    ["(301) 555-0173", "301-555-0173", "3015550173", "+1 301 555 0173", "1 301.555.0173", "0173",
     "555-0173"],
)  # fmt: skip
def test_the_front_desk_finds_a_patient_by_the_phone_as_typed(front_desk, typed):
    wanted = AppointmentRequestFactory(first_name="Dana", phone="+13015550173")
    AppointmentRequestFactory(first_name="Other", phone="+14105550142")
    html = listed(front_desk, q=typed)
    assert wanted.reference in html
    assert "Other" not in html


@pytest.mark.parametrize("typed", ["José", "jose", "JOSE GARCÍA", "garcia", "Garcia Jose"])
def test_a_name_is_found_with_or_without_accents(front_desk, typed):
    wanted = AppointmentRequestFactory(first_name="José", last_name="García")
    AppointmentRequestFactory(first_name="Joan", last_name="Smith")
    html = listed(front_desk, q=typed)
    assert wanted.reference in html and "Smith" not in html


def test_email_and_reference_find_the_request_and_nonsense_finds_nothing(front_desk):
    wanted = AppointmentRequestFactory(email="dana.q@mail.example")
    other = AppointmentRequestFactory()
    assert wanted.reference in listed(front_desk, q="Dana.Q@mail.example")
    assert other.reference not in listed(front_desk, q="Dana.Q@mail.example")
    assert wanted.reference in listed(front_desk, q=wanted.reference.lower())
    response = front_desk.get(LIST, {"q": "'; DROP TABLE --" + "x" * 500})
    assert response.status_code == 200 and wanted.reference not in response.content.decode()


def test_every_list_and_search_is_audited_with_a_keyed_hash_not_the_term(front_desk, desk):
    shown = AppointmentRequestFactory(first_name="Dana", phone="+13015550173")
    AppointmentRequestFactory(first_name="Other", phone="+14105550142")
    front_desk.get(LIST, {"q": "301-555-0173"})
    entry = AuditLogEntry.objects.get(action="list")
    assert (entry.user, entry.reference) == (desk, shown.reference)
    assert entry.details == f"search {search_fingerprint('301-555-0173')}, 1 results"
    assert "0173" not in entry.details
    front_desk.get(LIST, {"q": "Nobody Atall"})
    empty = AuditLogEntry.objects.filter(action="list").latest("pk")
    assert empty.reference == "" and empty.details.endswith(", 0 results")
    front_desk.get(LIST)
    assert AuditLogEntry.objects.filter(action="list", details="list, 2 results").count() == 2


def test_the_list_shows_name_tap_to_call_phone_age_and_labels(front_desk, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=EASTERN))
    AppointmentRequestFactory(
        first_name="Dana", last_name="Quill", phone="+13015550173", contact_method="text"
    )
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12, tzinfo=EASTERN))
    front_desk.force_login(get_user_model().objects.get(username="desk"))
    html = listed(front_desk)
    assert "Dana Quill" in html
    assert '<a href="tel:+13015550173" class="tel">(301) 555-0173</a>' in html
    assert ">3 h<" in html
    assert "Text message" in html and "New appointment" in html


def test_a_request_sent_friday_evening_is_not_overdue_over_a_closed_weekend(
    front_desk, desk, weekday_office, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 6, 17, tzinfo=EASTERN))  # Friday 5 pm
    row = AppointmentRequestFactory(location=weekday_office)
    assert row.callback_due_at == datetime.datetime(2026, 3, 9, 17, tzinfo=EASTERN)  # Monday
    time_machine.move_to(datetime.datetime(2026, 3, 7, 11, tzinfo=EASTERN))  # Saturday
    front_desk.force_login(desk)  # a fresh sign-in: sessions end after 30 minutes idle
    assert row.reference not in listed(front_desk, callback="overdue")
    assert "Mon 5:00" in listed(front_desk)
    time_machine.move_to(datetime.datetime(2026, 3, 9, 17, 1, tzinfo=EASTERN))  # Monday, late
    front_desk.force_login(desk)
    html = listed(front_desk, callback="overdue")
    assert row.reference in html and "Overdue since Mon 5:00" in html


def test_a_closure_and_an_early_request_move_the_promise(weekday_office, time_machine):
    ClosureFactory(location=weekday_office, date=datetime.date(2026, 3, 10), reason="Training")
    time_machine.move_to(datetime.datetime(2026, 3, 9, 7, tzinfo=EASTERN))  # Monday before 8
    early = AppointmentRequestFactory(location=weekday_office)
    assert early.callback_due_at == datetime.datetime(2026, 3, 9, 17, tzinfo=EASTERN)
    time_machine.move_to(datetime.datetime(2026, 3, 9, 9, tzinfo=EASTERN))  # Monday 9 am
    later = AppointmentRequestFactory(location=weekday_office)
    # Tuesday is closed for training: Wednesday's close is the promise.
    assert later.callback_due_at == datetime.datetime(2026, 3, 11, 17, tzinfo=EASTERN)


def test_an_attempt_ends_the_overdue_state_and_a_note_does_not(desk, time_machine, db):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=EASTERN))
    row = AppointmentRequestFactory()  # its office has no hours: 24 hours
    time_machine.move_to(datetime.datetime(2026, 3, 4, 9, tzinfo=EASTERN))
    contact_attempt_add(appointment_request=row, user=desk, note="Patient's son may call.")
    assert list(AppointmentRequest.objects.overdue()) == [row]
    contact_attempt_add(appointment_request=row, user=desk, method="phone", outcome="no_answer")
    assert not AppointmentRequest.objects.overdue().exists()


def test_contact_attempts_are_appended_from_the_request_page_and_audited(front_desk, desk):
    row = AppointmentRequestFactory()
    change(front_desk, row, attempt={"method": "phone", "outcome": "voicemail"})
    change(front_desk, row, attempt={"method": "text", "outcome": "reached", "note": "Booked"})
    entries = list(row.contact_attempts.values_list("by__username", "method", "outcome", "note"))
    assert entries == [("desk", "phone", "voicemail", ""), ("desk", "text", "reached", "Booked")]
    logged = AuditLogEntry.objects.filter(action="change", reference=row.reference)
    assert sorted(logged.values_list("details", flat=True)) == [
        "contact attempt: reached",
        "contact attempt: voicemail",
    ]
    page = front_desk.get(detail(row)).content.decode()
    assert "Left a voicemail" in page and "Booked" in page
    # Earlier entries are shown, never offered for editing or deletion.
    assert 'name="contact_attempts-0-note"' not in page
    assert 'name="contact_attempts-0-DELETE"' not in page
    first = row.contact_attempts.first()
    first.note = "rewritten"
    with pytest.raises(PermissionDenied):
        first.save()


def test_half_an_attempt_is_refused_with_a_message(front_desk):
    row = AppointmentRequestFactory()
    response = change(front_desk, row, attempt={"method": "phone"})
    assert response.status_code == 200
    assert "give both how and the outcome" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_closing_needs_an_outcome_and_reopening_clears_it(front_desk):
    row = AppointmentRequestFactory()
    response = change(front_desk, row, status="closed")
    assert "Choose how the request ended" in response.content.decode()
    assert change(front_desk, row, status="closed", outcome="booked").status_code == 302
    row.refresh_from_db()
    assert (row.status, row.outcome) == ("closed", "booked")
    change(front_desk, row, status="contacted")
    row.refresh_from_db()
    assert (row.status, row.outcome) == ("contacted", "")


def test_anonymizing_blanks_notes_and_the_folded_name(desk):
    row = AppointmentRequestFactory(first_name="José")
    contact_attempt_add(appointment_request=row, user=desk, note="Prefers José, not Joe")
    appointment_requests_anonymize(appointment_requests=AppointmentRequest.objects.all())
    row.refresh_from_db()
    assert row.search_name == "" and row.contact_attempts.get().note == ""


def bulk(client, action, *rows):
    return client.post(
        LIST, {"action": action, "_selected_action": [r.pk for r in rows]}, follow=True
    )


def test_bulk_actions_set_every_status_close_with_an_outcome_and_assign(front_desk, desk):
    colleague = staff_user(FRONT_DESK, "robin")
    editor = staff_user(CONTENT_EDITOR, "editor")
    rows = AppointmentRequestFactory.create_batch(2)
    bulk(front_desk, "close_duplicate", *rows)
    assert set(AppointmentRequest.objects.values_list("status", "outcome")) == {
        ("closed", "duplicate")
    }
    bulk(front_desk, "mark_scheduled", *rows)
    assert set(AppointmentRequest.objects.values_list("status", "outcome")) == {("scheduled", "")}
    bulk(front_desk, f"assign_to_{colleague.pk}", rows[0])
    rows[0].refresh_from_db()
    assert rows[0].assigned_to == colleague
    page = front_desk.get(LIST).content.decode()
    assert "Assign to robin" in page and "Assign to editor" not in page
    assert f'value="assign_to_{editor.pk}"' not in page
    assert AuditLogEntry.objects.filter(action="change").count() == 5


def test_assigned_to_offers_only_front_desk_users(front_desk, desk):
    staff_user(CONTENT_EDITOR, "editor")
    get_user_model().objects.create_superuser("root", password="x" * 16)
    page = front_desk.get(detail(AppointmentRequestFactory())).content.decode()
    options = re.search(r'<select name="assigned_to".*?</select>', page, re.S).group()
    assert "desk" in options and "editor" not in options and "root" not in options


def test_mine_and_unassigned_filters(front_desk, desk):
    mine = AppointmentRequestFactory(assigned_to=desk)
    nobody = AppointmentRequestFactory()
    assert mine.reference in listed(front_desk, assigned="mine")
    assert nobody.reference not in listed(front_desk, assigned="mine")
    assert nobody.reference in listed(front_desk, assigned="nobody")
    assert mine.reference not in listed(front_desk, assigned="nobody")


def test_the_request_page_shows_labels_and_no_link_the_front_desk_cannot_open(front_desk):
    row = AppointmentRequestFactory(preferred_days="mon,fri")
    page = front_desk.get(detail(row)).content.decode()
    assert "Monday, Friday" in page and "mon,fri" not in page
    assert "Comma-separated" not in page
    for href in set(re.findall(r'href="(/staff/[^"#?]*)', page)):
        assert front_desk.get(href).status_code in (200, 302), href


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_has_labels_local_time_to_the_minute_and_a_bom(front_desk, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 5, 7, 123456, tzinfo=EASTERN))
    row = AppointmentRequestFactory(
        contact_method="text", insurance_type="workers_comp", preferred_days="mon,fri"
    )
    response = front_desk.post(LIST, {"action": "export_csv", "_selected_action": [row.pk]})
    header, line = read_csv(response)
    record = dict(zip(header, line, strict=True))
    assert record["Created"] == "2026-03-02 09:05"
    assert record["Kind"] == "New appointment" and record["Status"] == "New"
    assert record["Preferred contact method"] == "Text message"
    assert record["Insurance type"] == "Workers' Compensation"
    assert record["Preferred days"] == "Monday, Friday"
    assert record["Phone"] == "(410) 555-0142"


def test_export_all_matching_the_filter_is_audited(front_desk):
    new = AppointmentRequestFactory.create_batch(3)
    closed = AppointmentRequestFactory(status="closed", outcome="booked")
    list_page = front_desk.get(LIST, {"status__exact": "new"}).content.decode()
    assert "Export all 3 matching requests to CSV" in list_page
    export = reverse("admin:appointments_appointmentrequest_export")
    assert front_desk.get(export + "?status__exact=new").status_code == 405
    rows = read_csv(front_desk.post(export + "?status__exact=new"))[1:]
    assert {r[0] for r in rows} == {r.reference for r in new}
    logged = AuditLogEntry.objects.filter(action="export")
    assert set(logged.values_list("reference", flat=True)) == {r.reference for r in new}
    assert closed.reference not in {r[0] for r in rows}
    assert logged.first().details == "CSV of 3 (matching)"


def test_export_all_needs_the_export_permission(client, desk):
    desk.groups.first().permissions.remove(
        desk.groups.first().permissions.get(codename="export_appointmentrequest")
    )
    client.force_login(get_user_model().objects.get(pk=desk.pk))
    AppointmentRequestFactory()
    export = reverse("admin:appointments_appointmentrequest_export")
    assert client.post(export).status_code == 403
    assert "matching requests to CSV" not in client.get(LIST).content.decode()
    assert not AuditLogEntry.objects.filter(action="export").exists()


def test_the_front_desk_start_page_counts_its_work(front_desk, desk, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=EASTERN))
    AppointmentRequestFactory(assigned_to=desk)
    AppointmentRequestFactory()
    AppointmentRequestFactory(status="closed", outcome="booked")
    time_machine.move_to(datetime.datetime(2026, 3, 5, 9, tzinfo=EASTERN))
    AppointmentRequestFactory()  # new today, not yet due
    front_desk.force_login(desk)
    page = front_desk.get(reverse("admin:index")).content.decode()
    counts = {
        label.strip(): int(count)
        for count, label in re.findall(r'start-count">(\d+)</span>([^<]+)</a>', page)
    }
    assert counts == {
        "New requests": 3,
        "Past the promised callback": 2,
        "Mine, still open": 1,
        "Unassigned, still open": 2,
    }
    for href in re.findall(r'href="(/staff/[^"]*)"', page):
        assert front_desk.get(href.replace("&amp;", "&")).status_code == 200, href
    assert "Stories waiting for review" not in page and "Gazetteer" not in page


def test_the_content_editor_start_page_and_its_query_budget(
    client, db, django_assert_max_num_queries
):
    client.force_login(staff_user(CONTENT_EDITOR, "editor"))
    # Session, user, permissions, two counts, Spanish out of date (one UNION for every kind),
    # site texts, recent actions, session save.
    with django_assert_max_num_queries(14):
        page = client.get(reverse("admin:index")).content.decode()
    assert "Stories waiting for review" in page and "Treatment drafts in progress" in page
    assert "New requests" not in page
    assert "Quiz answers" not in page and "Places" not in page
    for href in re.findall(r'href="(/staff/[^"]*)"', page):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_the_front_desk_start_page_query_budget(front_desk, django_assert_max_num_queries):
    AppointmentRequestFactory.create_batch(5)
    # As for content editors, with the four front-desk counts in one query.
    with django_assert_max_num_queries(12):
        front_desk.get(reverse("admin:index"))
