from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from locations.factories import ClosureFactory, LocationFactory, OpeningHoursFactory
from locations.hours import open_status

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def office(time_zone="America/New_York", periods=((0, 8, 17),)):
    location = LocationFactory(time_zone=time_zone)
    for weekday, opens, closes in periods:
        OpeningHoursFactory(
            location=location, weekday=weekday, opens=time(opens), closes=time(closes)
        )
    return location


def status_at(location, when):
    location.refresh_from_db()
    return open_status(location, when)


def test_open_now_is_judged_in_each_offices_own_time_zone():
    # Monday 2026-06-01 15:30 UTC: 11:30 in New York, 8:30 in Los Angeles, 5:30 in Honolulu.
    when = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)
    assert status_at(office("America/New_York"), when).message == "Open now until 5:00 PM"
    assert status_at(office("America/Los_Angeles"), when).is_open
    hawaii = status_at(office("Pacific/Honolulu"), when)
    assert not hawaii.is_open
    assert hawaii.message == "Closed now · opens today at 8:00 AM"


def test_split_hours_close_for_lunch_and_reopen():
    split = office(periods=((0, 8, 12), (0, 13, 17)))
    lunch = datetime(2026, 6, 1, 12, 30, tzinfo=ZoneInfo("America/New_York"))
    assert status_at(split, lunch).message == "Closed now · opens today at 1:00 PM"
    afternoon = datetime(2026, 6, 1, 13, 5, tzinfo=ZoneInfo("America/New_York"))
    assert status_at(split, afternoon).message == "Open now until 5:00 PM"


def test_a_closure_keeps_the_office_shut_and_names_the_reason():
    location = office(periods=((0, 8, 17), (1, 8, 17)))
    ClosureFactory(location=location, date=date(2026, 6, 1), reason="Staff training")
    morning = datetime(2026, 6, 1, 10, tzinfo=ZoneInfo("America/New_York"))
    status = status_at(location, morning)
    assert not status.is_open
    assert status.message == "Closed today (Staff training) · opens tomorrow at 8:00 AM"


def test_daylight_saving_change_moves_opening_by_the_local_clock():
    # Clocks go forward on Sunday 2026-03-08; the office opens at 8:00 local on both Mondays.
    location = office(periods=((0, 8, 17),))
    with time_machine.travel(datetime(2026, 3, 2, 12, 30, tzinfo=UTC)):  # 7:30 EST
        assert not status_at(location, None).is_open
    with time_machine.travel(datetime(2026, 3, 9, 12, 30, tzinfo=UTC)):  # 8:30 EDT
        assert status_at(location, None).is_open


def test_office_page_marks_today_and_shows_open_now(client, db):
    location = office(periods=((0, 8, 17), (2, 9, 13)))
    with time_machine.travel(datetime(2026, 6, 3, 14, tzinfo=UTC)):  # Wednesday 10:00 EDT
        html = client.get(location.get_absolute_url()).content.decode()
    assert '<tr class="is-today" aria-current="date">' in html
    assert 'Wednesday <span class="today-tag">' in html
    assert "Open now until 1:00 PM" in html
