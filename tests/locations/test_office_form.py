"""The office form as staff use it: hours typed as people write them, in a weekly grid, and
the office's providers chosen from the office's side."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from appointments.callback import callback_due_for
from appointments.demo import load_groups
from locations.clock import clock_12h, parse_clock
from locations.factories import LocationFactory, OpeningHoursFactory, ProviderFactory
from locations.models import ProviderTreatment
from treatments.factories import TreatmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("8am", time(8)),
        ("8:00 AM", time(8)),
        ("8 a.m.", time(8)),
        ("8 a. m.", time(8)),
        ("8:30pm", time(20, 30)),
        ("17:30", time(17, 30)),
        ("08:00", time(8)),
        ("12pm", time(12)),
        ("12:15 AM", time(0, 15)),
        ("noon", time(12)),
    ],
)
def test_times_are_read_as_people_write_them(typed, meant):
    assert parse_clock(typed) == meant


@pytest.mark.parametrize("typed", ["8xm", "25:00", "13pm", "0am", "8:75", "eight", ""])
def test_what_is_not_a_time_is_not_guessed(typed):
    assert parse_clock(typed) is None


def test_times_are_shown_on_the_12_hour_clock():
    assert [clock_12h(t) for t in (time(0), time(8), time(12, 30), time(17))] == [
        "12:00 AM", "8:00 AM", "12:30 PM", "5:00 PM",
    ]  # fmt: skip


def office_with_hours(periods):
    office = LocationFactory(is_published=True)
    for weekday, opens, closes in periods:
        OpeningHoursFactory(location=office, weekday=weekday, opens=opens, closes=closes)
    return office


def change_url(office):
    return reverse("admin:locations_location_change", args=[office.pk])


def grid_data(response):
    """The office form as the browser would send it back unchanged."""
    form = response.context["adminform"].form
    data = {
        name: form[name].value()
        for name in ("name", "slug", "street_address", "city", "state", "zip_code", "phone")
    }
    data.update(
        time_zone=form["time_zone"].value(),
        sort_order="0",
        is_published="on",
        coordinates_set_by_hand="on",
        latitude=form["latitude"].value(),
        longitude=form["longitude"].value(),
        office_providers=[str(pk) for pk in form["office_providers"].value() or []],
        **{"closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0"},
    )
    html = response.content.decode()
    for day in range(7):
        for part in ("opens", "closes", "lunch_from", "lunch_to"):
            name = f"weekly_hours_{day}_{part}"
            start = html.index(f'name="{name}"')
            value = html[start:].split('value="', 1)[1].split('"', 1)[0]
            data[name] = value
        if f'name="weekly_hours_{day}_closed" id="id_weekly_hours_{day}_closed" checked' in html:
            data[f"weekly_hours_{day}_closed"] = "on"
    return data


def periods(office):
    return [
        (p.weekday, p.opens, p.closes) for p in office.opening_hours.order_by("weekday", "opens")
    ]


def test_the_grid_shows_each_day_in_12_hour_time_with_its_lunch_break(admin_client):
    office = office_with_hours([(0, time(8), time(12)), (0, time(13), time(17, 30))])
    data = grid_data(admin_client.get(change_url(office)))
    assert [data[f"weekly_hours_0_{part}"] for part in ("opens", "lunch_from", "lunch_to")] == [
        "8:00 AM", "12:00 PM", "1:00 PM",
    ]  # fmt: skip
    assert data["weekly_hours_0_closes"] == "5:30 PM"
    assert "weekly_hours_0_closed" not in data
    assert data["weekly_hours_6_opens"] == "" and data["weekly_hours_6_closed"] == "on"


def test_hours_typed_as_people_write_them_are_stored_as_periods(admin_client):
    office = office_with_hours([])
    data = grid_data(admin_client.get(change_url(office)))
    data.update(
        weekly_hours_1_opens="8 a.m.", weekly_hours_1_closes="5pm",
        weekly_hours_1_lunch_from="12:00 PM", weekly_hours_1_lunch_to="12:45pm",
        weekly_hours_5_opens="9am", weekly_hours_5_closes="13:00",
    )  # fmt: skip
    response = admin_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert periods(office) == [
        (1, time(8), time(12)),
        (1, time(12, 45), time(17)),
        (5, time(9), time(13)),
    ]


def test_copy_monday_fills_tuesday_to_friday_and_leaves_the_weekend(admin_client):
    office = office_with_hours([(2, time(10), time(19)), (5, time(9), time(13))])
    data = grid_data(admin_client.get(change_url(office)))
    data.update(
        weekly_hours_0_opens="8am", weekly_hours_0_closes="5pm",
        weekly_hours_0_lunch_from="noon", weekly_hours_0_lunch_to="1pm",
        weekly_hours_3_opens="rubbish",  # replaced by Monday, so no error about it
        weekly_hours_copy_monday="on",
    )  # fmt: skip
    response = admin_client.post(change_url(office), data)
    assert response.status_code == 302
    monday = [(time(8), time(12)), (time(13), time(17))]
    expected = [(day, *period) for day in range(5) for period in monday]
    assert periods(office) == [*expected, (5, time(9), time(13))]


def test_ticking_closed_shuts_a_day_and_typing_hours_opens_a_closed_one(admin_client):
    office = office_with_hours([(0, time(8), time(17))])
    data = grid_data(admin_client.get(change_url(office)))
    # Sunday is shown ticked "Closed": typing its hours is enough to open it.
    data.update(weekly_hours_0_closed="on", weekly_hours_6_opens="10am")
    data.update(weekly_hours_6_closes="2pm")
    assert admin_client.post(change_url(office), data).status_code == 302
    assert periods(office) == [(6, time(10), time(14))]


def test_a_day_left_as_it_was_keeps_periods_the_grid_cannot_show(admin_client):
    three = [(3, time(7), time(9)), (3, time(10), time(12)), (3, time(13), time(17))]
    office = office_with_hours([(0, time(8), time(17)), *three])
    data = grid_data(admin_client.get(change_url(office)))
    data.update(weekly_hours_0_closes="4pm")
    assert admin_client.post(change_url(office), data).status_code == 302
    assert periods(office) == [(0, time(8), time(16)), *three]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekly_hours_0_opens": "8xm"}, "Monday, Opens: “8xm” is not a time we can read"),
        ({"weekly_hours_0_closes": ""}, "Monday: enter when the office opens and closes"),
        ({"weekly_hours_0_closes": "7am"}, "Monday: closing time must be after opening time"),
        ({"weekly_hours_0_lunch_from": "noon"}, "Monday: enter when the lunch break starts"),
        (
            {"weekly_hours_0_lunch_from": "6pm", "weekly_hours_0_lunch_to": "7pm"},
            "Monday: the lunch break must start after opening",
        ),
    ],
)
def test_hours_that_make_no_sense_are_refused_with_the_day_named(admin_client, changes, message):
    office = office_with_hours([(0, time(8), time(17))])
    data = grid_data(admin_client.get(change_url(office)))
    data.update(changes)
    response = admin_client.post(change_url(office), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert periods(office) == [(0, time(8), time(17))]


def test_hours_saved_in_the_grid_drive_open_now_and_the_callback_promise(admin_client, client):
    office = office_with_hours([])
    office.time_zone = "America/New_York"
    office.save()
    data = grid_data(admin_client.get(change_url(office)))
    data.update(
        weekly_hours_0_opens="8am", weekly_hours_0_closes="5pm",
        weekly_hours_0_lunch_from="noon", weekly_hours_0_lunch_to="1pm",
        weekly_hours_copy_monday="on",
    )  # fmt: skip
    assert admin_client.post(change_url(office), data).status_code == 302
    new_york = ZoneInfo("America/New_York")
    with time_machine.travel(datetime(2026, 6, 3, 14, 30, tzinfo=new_york)):  # a Wednesday
        assert "Open now until 5:00 PM" in client.get(office.get_absolute_url()).content.decode()
    # A request on Friday evening is due by the close of Monday.
    friday_evening = datetime(2026, 6, 5, 19, tzinfo=new_york)
    assert callback_due_for(office, friday_evening) == datetime(2026, 6, 8, 17, tzinfo=new_york)


def test_providers_are_chosen_on_the_office_form_and_keep_their_treatment_roles(admin_client):
    office = office_with_hours([(0, time(8), time(17))])
    staying, leaving, joining = ProviderFactory(), ProviderFactory(), ProviderFactory()
    staying.locations.add(office)
    leaving.locations.add(office)
    role = ProviderTreatment.objects.create(
        provider=leaving, treatment=TreatmentFactory(), role=ProviderTreatment.Role.ASSESSES
    )
    response = admin_client.get(change_url(office))
    data = grid_data(response)
    assert sorted(data["office_providers"]) == sorted([str(staying.pk), str(leaving.pk)])
    data["office_providers"] = [str(staying.pk), str(joining.pk)]
    assert admin_client.post(change_url(office), data).status_code == 302
    assert set(office.providers.all()) == {staying, joining}
    role.refresh_from_db()
    assert role.role == ProviderTreatment.Role.ASSESSES  # the provider's own roles untouched
    assert periods(office) == [(0, time(8), time(17))]


def test_a_translator_sees_the_hours_and_providers_but_cannot_change_them(client):
    office = office_with_hours([(0, time(8), time(17))])
    provider = ProviderFactory(name="Dr. Ada Stone")
    provider.locations.add(office)
    _front_desk, _editor, translator_group = load_groups()
    translator = get_user_model().objects.create_user("ana", is_staff=True)
    translator.groups.set([translator_group])
    client.force_login(translator)
    html = client.get(change_url(office)).content.decode()
    assert "Monday: 8:00 AM – 5:00 PM" in html and "Dr. Ada Stone" in html
    assert 'name="weekly_hours_0_opens"' not in html
    assert 'name="office_providers"' not in html
