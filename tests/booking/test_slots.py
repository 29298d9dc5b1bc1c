"""Free slots follow the weekly rules, exceptions, closures, notice, horizon and the clock."""

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
import time_machine

from booking.factories import (
    AppointmentTypeFactory,
    AvailabilityExceptionFactory,
    BookingFactory,
    WeeklyAvailabilityFactory,
)
from booking.models import Booking
from booking.slots import free_slots, parse_token
from locations.factories import ClosureFactory, LocationFactory, ProviderFactory

MONDAY = date(2030, 1, 7)
# The Wednesday before, at noon in Maryland: every slot that Monday is past the notice.
BEFORE = datetime(2030, 1, 2, 17, tzinfo=UTC)


@pytest.fixture
def office(db):
    return LocationFactory(slug="hagerstown", name="Hagerstown", time_zone="America/New_York")


@pytest.fixture
def visit(db):
    return AppointmentTypeFactory(slug="consult", duration_minutes=30)


@pytest.fixture
def doctor(db):
    return ProviderFactory(slug="dr-a", name="Dr. Ada Aster")


def local_times(slots):
    return [f"{s.local_start:%a %d %H:%M}" for s in slots]


def week(office, visit, first_day=MONDAY, now=BEFORE, **kwargs):
    return free_slots(
        location=office, appointment_type=visit, first_day=first_day, days=7, now=now, **kwargs
    )


@pytest.fixture
def monday_mornings(office, visit, doctor):
    return WeeklyAvailabilityFactory(
        provider=doctor, location=office, appointment_type=visit, weekday=0,
        starts=time(9), ends=time(11),
    )  # fmt: skip


def test_a_weekly_rule_gives_visit_length_slots_on_its_weekday_only(monday_mornings, office, visit):
    assert local_times(week(office, visit)) == [
        "Mon 07 09:00", "Mon 07 09:30", "Mon 07 10:00", "Mon 07 10:30",
    ]  # fmt: skip


def test_slots_are_in_the_office_time_zone(visit, doctor):
    chicago = LocationFactory(slug="chicago", time_zone="America/Chicago")
    WeeklyAvailabilityFactory(
        provider=doctor, location=chicago, appointment_type=visit, starts=time(9), ends=time(10)
    )
    first = week(chicago, visit)[0]
    assert first.starts_at == datetime(2030, 1, 7, 15, tzinfo=UTC)
    assert f"{first.local_start:%H:%M}" == "09:00"


def test_a_longer_visit_fits_fewer_slots_and_none_runs_past_the_rule(office, doctor):
    hour = AppointmentTypeFactory(slug="hour", duration_minutes=45)
    WeeklyAvailabilityFactory(
        provider=doctor, location=office, appointment_type=hour, starts=time(9), ends=time(11)
    )
    assert local_times(week(office, hour)) == ["Mon 07 09:00", "Mon 07 09:45"]


def test_other_types_and_unpublished_providers_give_nothing(monday_mornings, office, doctor):
    other = AppointmentTypeFactory(slug="other")
    assert week(office, other) == []
    doctor.is_published = False
    doctor.save()
    assert week(office, monday_mornings.appointment_type) == []


def test_a_chosen_provider_shows_only_their_slots(monday_mornings, office, visit, doctor):
    other = ProviderFactory(slug="dr-b", name="Dr. Bea Birch")
    WeeklyAvailabilityFactory(
        provider=other, location=office, appointment_type=visit, starts=time(13), ends=time(14)
    )
    assert len(week(office, visit)) == 6
    assert {s.provider for s in week(office, visit, provider=other)} == {other}


def test_time_off_removes_whole_days(monday_mornings, office, visit, doctor):
    AvailabilityExceptionFactory(provider=doctor, first_day=date(2030, 1, 5), last_day=MONDAY)
    assert week(office, visit) == []


def test_blocked_hours_remove_only_the_slots_they_touch(monday_mornings, office, visit, doctor):
    AvailabilityExceptionFactory(
        provider=doctor, location=office, first_day=MONDAY, starts=time(9, 15), ends=time(10)
    )
    assert local_times(week(office, visit)) == ["Mon 07 10:00", "Mon 07 10:30"]


def test_an_exception_at_another_office_leaves_this_one(monday_mornings, office, visit, doctor):
    AvailabilityExceptionFactory(
        provider=doctor, location=LocationFactory(slug="elsewhere"), first_day=MONDAY
    )
    assert len(week(office, visit)) == 4


def test_an_office_closure_removes_the_day(monday_mornings, office, visit):
    ClosureFactory(location=office, date=MONDAY, reason="Staff training")
    assert week(office, visit) == []


def test_taken_time_is_not_offered_and_freed_time_is(monday_mornings, office, visit, doctor):
    nine = datetime(2030, 1, 7, 14, tzinfo=UTC)
    booking = BookingFactory(
        provider=doctor, location=office, appointment_type=visit, starts_at=nine
    )
    assert "Mon 07 09:00" not in local_times(week(office, visit))
    booking.status = Booking.Status.CANCELLED
    booking.save()
    assert "Mon 07 09:00" in local_times(week(office, visit))


def test_a_booking_at_another_office_takes_the_provider_there_too(
    monday_mornings, office, visit, doctor
):
    BookingFactory(
        provider=doctor,
        location=LocationFactory(slug="elsewhere"),
        appointment_type=AppointmentTypeFactory(slug="long", duration_minutes=60),
        starts_at=datetime(2030, 1, 7, 14, 30, tzinfo=UTC),
    )
    assert local_times(week(office, visit)) == ["Mon 07 09:00", "Mon 07 10:30"]


def test_an_expired_hold_frees_its_slot_before_anyone_tidies_it(
    monday_mornings, office, visit, doctor
):
    BookingFactory(
        provider=doctor,
        location=office,
        appointment_type=visit,
        starts_at=datetime(2030, 1, 7, 14, tzinfo=UTC),
        status=Booking.Status.HELD,
        hold_expires_at=BEFORE + timedelta(minutes=10),
    )
    assert "Mon 07 09:00" not in local_times(week(office, visit, now=BEFORE))
    later = BEFORE + timedelta(minutes=10)
    assert "Mon 07 09:00" in local_times(week(office, visit, now=later))


def test_minimum_notice_hides_slots_too_soon(monday_mornings, office, visit):
    # Sunday 10:00 in Maryland with 24 hours' notice: Monday from 10:00 on.
    sunday = datetime(2030, 1, 6, 15, tzinfo=UTC)
    assert local_times(week(office, visit, now=sunday)) == ["Mon 07 10:00", "Mon 07 10:30"]


def test_the_horizon_ends_the_bookable_days(office, visit, doctor):
    for weekday in range(7):
        WeeklyAvailabilityFactory(
            provider=doctor, location=office, appointment_type=visit, weekday=weekday,
            starts=time(9), ends=time(9, 30),
        )  # fmt: skip
    visit.horizon_days = 3
    visit.minimum_notice_hours = 0
    # Monday 8:00 in Maryland: Monday to Thursday, nothing after.
    now = datetime(2030, 1, 7, 13, tzinfo=UTC)
    assert local_times(week(office, visit, now=now)) == [
        "Mon 07 09:00", "Tue 08 09:00", "Wed 09 09:00", "Thu 10 09:00",
    ]  # fmt: skip
    assert week(office, visit, first_day=MONDAY + timedelta(days=7), now=now) == []


def test_a_week_across_the_march_change_keeps_the_wall_clock(office, visit, doctor):
    for weekday in (0, 6):
        WeeklyAvailabilityFactory(
            provider=doctor, location=office, appointment_type=visit, weekday=weekday,
            starts=time(1), ends=time(4),
        )  # fmt: skip
    visit.minimum_notice_hours = 0
    slots = week(office, visit, first_day=date(2030, 3, 4), now=datetime(2030, 3, 1, tzinfo=UTC))
    # 2:00 and 2:30 do not exist on Sunday 10 March: the clock jumps from 1:59 to 3:00.
    assert local_times(slots) == [
        "Mon 04 01:00", "Mon 04 01:30", "Mon 04 02:00", "Mon 04 02:30", "Mon 04 03:00",
        "Mon 04 03:30",
        "Sun 10 01:00", "Sun 10 01:30", "Sun 10 03:00", "Sun 10 03:30",
    ]  # fmt: skip
    # Standard time before the change (UTC-5), daylight time after (UTC-4).
    assert slots[0].starts_at == datetime(2030, 3, 4, 6, tzinfo=UTC)
    assert slots[-1].starts_at == datetime(2030, 3, 10, 7, 30, tzinfo=UTC)
    assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in slots)


def test_a_week_across_the_november_change_offers_each_wall_clock_time_once(office, doctor):
    hour = AppointmentTypeFactory(
        slug="hour", duration_minutes=60, minimum_notice_hours=0, horizon_days=60
    )
    for weekday in (0, 6):
        WeeklyAvailabilityFactory(
            provider=doctor, location=office, appointment_type=hour, weekday=weekday,
            starts=time(0), ends=time(3),
        )  # fmt: skip
    slots = week(office, hour, first_day=date(2030, 10, 28), now=datetime(2030, 10, 1, tzinfo=UTC))
    assert local_times(slots) == [
        "Mon 28 00:00", "Mon 28 01:00", "Mon 28 02:00",
        "Sun 03 00:00", "Sun 03 01:00", "Sun 03 02:00",
    ]  # fmt: skip
    sunday = slots[3:]
    # 1:00 happens twice on 3 November; the first (daylight time) is the one offered, and
    # the hour-long visit then really lasts an hour, ending at 1:00 standard time.
    assert [s.starts_at.hour for s in sunday] == [4, 5, 7]
    assert sunday[1].local_end.strftime("%H:%M %Z") == "01:00 EST"
    assert all(a.ends_at <= b.starts_at for a, b in pairwise(sunday))


def test_the_slot_token_round_trips_and_refuses_junk(monday_mornings, office, visit, doctor):
    slot = week(office, visit)[0]
    assert parse_token(slot.token) == (doctor.pk, slot.starts_at)
    assert parse_token("1@yesterday") is None
    assert parse_token("") is None


def test_four_queries_whatever_the_availability(office, visit, django_assert_num_queries):
    WeeklyAvailabilityFactory(location=office, appointment_type=visit)
    with django_assert_num_queries(4):
        week(office, visit)
    for n in range(10):
        provider = ProviderFactory(slug=f"many-{n}")
        for weekday in range(6):
            WeeklyAvailabilityFactory(
                provider=provider, location=office, appointment_type=visit, weekday=weekday
            )
        AvailabilityExceptionFactory(
            provider=provider, first_day=MONDAY, starts=time(9), ends=time(10)
        )
        BookingFactory(provider=provider, location=office, appointment_type=visit)
    with django_assert_num_queries(4):
        assert len(week(office, visit)) > 100


def test_now_defaults_to_the_clock(monday_mornings, office, visit):
    with time_machine.travel(BEFORE, tick=False):
        assert len(free_slots(location=office, appointment_type=visit, first_day=MONDAY)) == 4
