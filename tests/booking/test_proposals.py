"""Another time proposed by the front desk: held for the patient until they answer by the
signed link in their email; accepting moves the booking, declining keeps or cancels it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from appointments.models import AuditLogEntry
from booking.factories import BookingFactory
from booking.links import PROPOSAL_SALT, manage_token, proposal_path, proposal_token
from booking.models import Booking
from booking.services import (
    BookingClosed,
    SlotUnavailable,
    booking_hold,
    booking_proposal_accept,
    booking_proposal_decline,
    booking_propose,
    booking_request_submit,
)

from ..test_sweep import QUERY_BUDGET
from .conftest import MONDAY_NINE, NOW, patient, slot_tokens


@pytest.fixture(autouse=True)
def _on_the_wednesday_before():
    with time_machine.travel(NOW, tick=False):
        yield


def booked(schedule, token=None, language="en"):
    office, visit, _doctor = schedule
    token = token or slot_tokens(office, visit)[0]
    held = booking_hold(location=office, appointment_type=visit, slot_token=token)
    return booking_request_submit(booking=held, patient=patient(), language=language)


def proposed(schedule, booking, token=None):
    office, visit, _doctor = schedule
    token = token or slot_tokens(office, visit)[-1]
    proposal, offered = booking_propose(booking=booking, user=None, slot_token=token)
    assert offered
    return proposal


def test_a_proposed_time_is_held_for_the_patient_and_their_own_time_stays(schedule):
    office, visit, _doctor = schedule
    booking = booked(schedule)
    last = slot_tokens(office, visit)[-1]
    proposal = proposed(schedule, booking, last)
    assert proposal.status == Booking.Status.PROPOSED
    assert last not in slot_tokens(office, visit)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED and booking.starts_at == MONDAY_NINE
    with pytest.raises(SlotUnavailable):
        booking_hold(location=office, appointment_type=visit, slot_token=last)


def test_the_database_counts_a_proposed_time_like_any_hold(schedule):
    office, visit, doctor = schedule
    proposal = proposed(schedule, booked(schedule))
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            provider=doctor, location=office, appointment_type=visit, starts_at=proposal.starts_at
        )


def test_a_proposal_is_held_48_hours_at_most(schedule):
    proposal = proposed(schedule, booked(schedule))
    assert proposal.hold_expires_at == NOW + timedelta(hours=48)


def test_a_proposal_close_to_its_time_is_held_until_two_hours_before(schedule):
    _office, visit, _doctor = schedule
    visit.minimum_notice_hours = 1
    visit.save()
    booking = booked(schedule)
    early = MONDAY_NINE - timedelta(hours=3)  # 6:00 at the office, the 10:30 slot offered
    with time_machine.travel(early, tick=False):
        proposal = proposed(schedule, booking)
    assert proposal.starts_at == MONDAY_NINE + timedelta(minutes=90)
    assert proposal.hold_expires_at == proposal.starts_at - timedelta(hours=2)


def test_an_unanswered_proposal_expires_and_frees_the_time(schedule):
    office, visit, _doctor = schedule
    booking = booked(schedule)
    last = slot_tokens(office, visit)[-1]
    proposal = proposed(schedule, booking, last)
    later = NOW + timedelta(hours=48, seconds=1)
    with time_machine.travel(later, tick=False):
        assert last in slot_tokens(office, visit, now=later)
        with pytest.raises(BookingClosed):
            booking_proposal_accept(proposal=proposal)
        # The next patient's hold marks it expired and takes the time.
        assert booking_hold(location=office, appointment_type=visit, slot_token=last)
    proposal.refresh_from_db()
    assert proposal.status == Booking.Status.EXPIRED


def test_accepting_moves_the_booking_frees_the_old_time_and_a_second_click_changes_nothing(
    schedule,
):
    office, visit, _doctor = schedule
    booking = booked(schedule)
    first = slot_tokens(office, visit)[0]
    proposal = proposed(schedule, booking)
    moved, changed = booking_proposal_accept(proposal=proposal)
    assert changed
    assert moved.status == Booking.Status.CONFIRMED
    assert moved.starts_at == proposal.starts_at and moved.pk == booking.pk
    assert first in slot_tokens(office, visit)
    proposal.refresh_from_db()
    assert proposal.status == Booking.Status.ACCEPTED
    stamp = Booking.objects.get(pk=booking.pk).updated_at
    _again, changed = booking_proposal_accept(proposal=proposal)
    assert not changed and Booking.objects.get(pk=booking.pk).updated_at == stamp
    details = list(AuditLogEntry.objects.values_list("details", flat=True))
    assert details.count("proposed time accepted by the patient") == 1


@pytest.mark.parametrize(
    ("cancel", "status"), [(False, Booking.Status.REQUESTED), (True, Booking.Status.CANCELLED)]
)
def test_declining_frees_the_offer_and_keeps_or_cancels_the_booking(schedule, cancel, status):
    office, visit, _doctor = schedule
    first = slot_tokens(office, visit)[0]
    booking = booked(schedule, first)
    last = slot_tokens(office, visit)[-1]
    proposal = proposed(schedule, booking, last)
    answered, changed = booking_proposal_decline(proposal=proposal, cancel=cancel)
    assert changed and answered.status == status
    assert last in slot_tokens(office, visit)
    assert (first in slot_tokens(office, visit)) == cancel
    _same, changed = booking_proposal_decline(proposal=proposal, cancel=not cancel)
    assert not changed and Booking.objects.get(pk=booking.pk).status == status


def test_the_same_time_proposed_twice_is_proposed_once_and_a_new_one_replaces_it(schedule):
    office, visit, _doctor = schedule
    booking = booked(schedule)
    last, before_last = slot_tokens(office, visit)[-1], slot_tokens(office, visit)[-2]
    first_offer = proposed(schedule, booking, last)
    again, offered = booking_propose(booking=booking, user=None, slot_token=last)
    assert not offered and again.pk == first_offer.pk
    assert booking.proposals.count() == 1
    assert AuditLogEntry.objects.filter(details="another time proposed").count() == 1
    proposed(schedule, booking, before_last)
    first_offer.refresh_from_db()
    assert first_offer.status == Booking.Status.EXPIRED
    assert last in slot_tokens(office, visit)


def test_cancelling_the_booking_releases_its_proposal(schedule, client):
    office, visit, _doctor = schedule
    booking = booked(schedule)
    last = slot_tokens(office, visit)[-1]
    proposed(schedule, booking, last)
    client.post(reverse("booking:manage", args=[manage_token(booking)]), {"action": "cancel"})
    assert last in slot_tokens(office, visit)


@pytest.mark.django_db(transaction=True)
def test_the_email_has_the_signed_link_and_no_health_details(schedule):
    booking = booked(schedule)
    proposal = proposed(schedule, booking)
    mail.outbox.clear()
    call_command("db_worker", batch=True, verbosity=0)
    (message,) = [m for m in mail.outbox if "another time" in m.body]
    assert message.to == ["quinlan.m@mail.example"]
    assert proposal_path(proposal) in message.body
    assert "Time offered: January 7, 2030 at 10:30 AM (EST)" in message.body
    assert "Your current time: January 7, 2030 at 9:00 AM (EST)" in message.body
    assert "until Jan. 4, 2030, noon (EST)" in message.body
    for private in ("Consultation", "Ada Aster", "Quinlan"):
        assert private not in message.body and private not in message.subject


def test_the_link_opens_only_its_own_proposal(schedule, client):
    office, visit, _doctor = schedule
    mine = proposed(schedule, booked(schedule))
    theirs = booked(schedule, slot_tokens(office, visit)[0])
    page = client.get(proposal_path(mine))
    assert page.status_code == 200 and mine.proposed_for.reference in page.content.decode()
    # The manage link's token, another booking's id, a tampered signature: nothing opens.
    assert client.get(f"/book/offer/{manage_token(mine.proposed_for)}/").status_code == 404
    forged = proposal_token(mine).replace(":", ":x", 1)
    assert client.get(f"/book/offer/{forged}/").status_code == 404
    other = signing.dumps([mine.pk, theirs.pk, theirs.reference], salt=PROPOSAL_SALT)
    assert client.get(f"/book/offer/{other}/").status_code == 404


def test_accepting_by_the_page_and_a_double_submit_is_told(schedule, client):
    booking = booked(schedule)
    proposal = proposed(schedule, booking)
    url = proposal_path(proposal)
    page = client.post(url, {"answer": "accept"}, follow=True).content.decode()
    assert "Your appointment has moved to the new time and is confirmed" in page
    assert Booking.objects.get(pk=booking.pk).starts_at == proposal.starts_at
    page = client.post(url, {"answer": "accept"}, follow=True).content.decode()
    assert "You have already answered. Nothing has changed." in page


def test_declining_by_the_page_in_spanish(schedule, client):
    booking = booked(schedule, language="es")
    proposal = proposed(schedule, booking)
    url = "/es" + proposal_path(proposal)
    page = client.get(url).content.decode()
    assert "Aceptar esta hora" in page and "mantener mi propia hora" in page
    page = client.post(url, {"answer": "keep"}, follow=True).content.decode()
    assert "su propia hora sigue reservada" in page
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.REQUESTED


def test_an_expired_link_cannot_be_used(schedule, client):
    booking = booked(schedule)
    proposal = proposed(schedule, booking)
    url = proposal_path(proposal)
    with time_machine.travel(NOW + timedelta(hours=49), tick=False):
        page = client.get(url).content.decode()
        assert "This offer is no longer open" in page and 'value="accept"' not in page
        page = client.post(url, {"answer": "accept"}, follow=True).content.decode()
    assert "This offer is no longer open. Please call the office." in page
    assert Booking.objects.get(pk=booking.pk).starts_at == MONDAY_NINE


@pytest.mark.parametrize(
    "data",
    [{}, {"answer": ""}, {"answer": "<script>alert(1)</script>"}, {"answer": "accept" * 5000}],
)
def test_a_mangled_answer_changes_nothing_and_the_page_says_so(schedule, client, data):
    booking = booked(schedule, language="es")
    proposal = proposed(schedule, booking)
    response = client.post("/es" + proposal_path(proposal), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "No pudimos saber qué eligió, así que nada ha cambiado." in page
    assert "<script>alert(1)" not in page
    assert Booking.objects.get(pk=booking.pk).starts_at == booking.starts_at
    assert Booking.objects.get(pk=proposal.pk).status == Booking.Status.PROPOSED


def test_the_signed_link_pages_keep_the_site_query_budget(
    schedule, client, django_assert_max_num_queries
):
    booking = booked(schedule)
    offer = proposal_path(proposed(schedule, booking))
    for url in (booking.get_absolute_url(), offer, "/es" + offer):
        client.get(url)  # the site's cached header and footer filled once
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url).status_code == 200
