import pytest
from django.urls import reverse

from locations.models import Location

pytestmark = pytest.mark.django_db


def office_form(**changes):
    data = {
        "name": "Frederick", "slug": "frederick", "street_address": "9 Test Way",
        "city": "Frederick", "state": "MD", "zip_code": "21701", "time_zone": "America/New_York",
        "phone": "(301) 555-0140", "fax": "", "sort_order": "0", "is_published": "on",
        "weekly_hours_0_opens": "8am", "weekly_hours_0_closes": "5pm",
        "weekly_hours_0_lunch_from": "12pm", "weekly_hours_0_lunch_to": "1pm",
        "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def staff(admin_client, gazetteer):
    return admin_client


def post(client, **changes):
    return client.post(reverse("admin:locations_location_add"), office_form(**changes))


def test_saving_an_office_fills_its_coordinates_from_the_zip(staff):
    response = post(staff)
    assert response.status_code == 302
    office = Location.objects.get(slug="frederick")
    assert float(office.latitude) == pytest.approx(39.41, abs=0.1)
    assert office.opening_hours.count() == 2


def test_coordinates_set_by_hand_are_kept(staff):
    post(staff, coordinates_set_by_hand="on", latitude="39.5", longitude="-77.5")
    office = Location.objects.get(slug="frederick")
    assert (float(office.latitude), float(office.longitude)) == (39.5, -77.5)


def test_saving_an_office_takes_its_time_zone_from_the_zip(staff):
    post(staff, city="Michigan City", state="IN", zip_code="46360")
    assert Location.objects.get(slug="frederick").time_zone == "America/Chicago"


def test_a_time_zone_set_by_hand_is_kept(staff):
    changes = {"latitude": "39.5", "longitude": "-77.5", "time_zone": "America/Chicago"}
    post(staff, coordinates_set_by_hand="on", **changes)
    assert Location.objects.get(slug="frederick").time_zone == "America/Chicago"


def test_an_office_with_a_zip_the_gazetteer_lacks_saves_with_a_position_set_by_hand(staff):
    response = post(staff, zip_code="00001")
    assert "tick “set by hand”" in response.content.decode()
    changes = {"latitude": "39.41", "longitude": "-77.41", "time_zone": "America/New_York"}
    response = post(staff, zip_code="00001", coordinates_set_by_hand="on", **changes)
    assert response.status_code == 302
    office = Location.objects.get(slug="frederick")
    assert (office.zip_code, office.latitude) == ("00001", 39.41)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"zip_code": "00001"}, "ZIP code 00001 is not in the US gazetteer"),
        ({"zip_code": "22801"}, "ZIP code 22801 is in VA, not MD"),
        ({"phone": "555-01"}, "Enter a 10-digit US phone number"),
        ({"phone": "555-0100"}, "Enter a 10-digit US phone number"),  # seven digits
        ({"phone": "(555) 010-0100"}, "Enter a 10-digit US phone number"),  # no such area code
        ({"fax": "(301) 555-014"}, "Enter a 10-digit US phone number"),
        ({"phone": "(301) 555-0140 ext. 12"}, "without an extension"),
        ({"weekly_hours_0_lunch_to": "11am"}, "Monday: the lunch break must start after"),
        ({"weekly_hours_0_closes": "7am"}, "Monday: closing time must be after opening time"),
        ({"slug": "virginia"}, "is a state&#x27;s web address"),
        ({"time_zone": "Europe/London"}, "Select a valid choice"),
        ({"coordinates_set_by_hand": "on", "latitude": "39.5"}, "Enter both latitude"),
    ],
)
def test_bad_office_data_gets_a_clear_message(staff, changes, message):
    response = post(staff, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Location.objects.filter(slug__in=["frederick", "virginia"]).exists()
