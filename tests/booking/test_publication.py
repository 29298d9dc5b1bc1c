"""The SMART Scheduling Links publication: a manifest, then Location, Schedule and Slot
files whose required fields are present and whose references all resolve."""

import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.urls import reverse

from booking.factories import BookingFactory
from booking.models import Booking

from .conftest import MONDAY_NINE, NOW

ID = re.compile(r"^[A-Za-z0-9_.]{1,64}$")
DEEP_LINK = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link"
PHONE = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone"


@pytest.fixture(autouse=True)
def _on_the_wednesday_before():
    with time_machine.travel(NOW, tick=False):
        yield


def published(client):
    manifest = client.get("/scheduling/$bulk-publish").json()
    files = {}
    for output in manifest["output"]:
        response = client.get(urlparse(output["url"]).path)
        assert response["Content-Type"] == "application/fhir+ndjson"
        files[output["type"]] = [
            json.loads(line) for line in response.content.decode().splitlines()
        ]
    return manifest, files


def test_the_manifest_links_one_file_of_each_kind(client, schedule):
    manifest, _files = published(client)
    assert manifest["transactionTime"] == "2030-01-02T17:00:00Z"
    assert manifest["request"].endswith("/scheduling/$bulk-publish")
    assert sorted(o["type"] for o in manifest["output"]) == ["Location", "Schedule", "Slot"]
    assert manifest["error"] == []


def test_every_resource_has_its_required_fields_and_references_resolve(client, schedule):
    office, visit, doctor = schedule
    BookingFactory(provider=doctor, location=office, appointment_type=visit, starts_at=MONDAY_NINE)
    _manifest, files = published(client)
    (location,) = files["Location"]
    assert location["resourceType"] == "Location" and ID.match(location["id"])
    assert location["name"] == "Hagerstown"
    assert {"system": "phone", "value": "(301) 555-0150"} in location["telecom"]
    assert {"line", "city", "state", "postalCode"} <= set(location["address"])

    (schedule_row,) = files["Schedule"]
    assert schedule_row["resourceType"] == "Schedule" and ID.match(schedule_row["id"])
    assert schedule_row["actor"] == [{"reference": f"Location/{location['id']}"}]
    assert schedule_row["serviceType"][0]["coding"][0]["code"] == "consult"

    slots = files["Slot"]
    # Four Mondays within the 28 days the visit can be booked ahead, four times each.
    assert len(slots) == 16
    for slot in slots:
        assert slot["resourceType"] == "Slot" and ID.match(slot["id"])
        assert slot["schedule"] == {"reference": f"Schedule/{schedule_row['id']}"}
        assert slot["status"] in ("free", "busy")
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", slot["start"])
        assert slot["start"] < slot["end"]
        extensions = {e["url"]: e for e in slot["extension"]}
        assert extensions[PHONE]["valueString"] == "(301) 555-0150"
        if slot["status"] == "busy":
            assert DEEP_LINK not in extensions
            continue
        link = urlparse(extensions[DEEP_LINK]["valueUrl"])
        assert link.path == reverse("booking:start")
        assert parse_qs(link.query) == {
            "type": ["consult"],
            "location": ["hagerstown"],
            "provider": [doctor.slug],
            "week": [slot["start"][:10]],
        }
    assert slots[0]["start"] == "2030-01-07T14:00:00Z" and slots[0]["status"] == "busy"
    assert [s["status"] for s in slots].count("busy") == 1
    assert len({slot["id"] for slot in slots}) == len(slots)


def test_the_deep_link_opens_the_slot_page_with_that_time(client, schedule):
    _manifest, files = published(client)
    link = urlparse(files["Slot"][0]["extension"][0]["valueUrl"])
    page = client.get(f"{link.path}?{link.query}").content.decode()
    assert 'value="' in page and "Monday, January 7" in page


def status_at(slots, start):
    (slot,) = [s for s in slots if s["start"] == start]
    return slot


@pytest.mark.parametrize(
    "status", [Booking.Status.HELD, Booking.Status.REQUESTED, Booking.Status.PROPOSED]
)
def test_a_held_or_booked_time_is_published_at_once_as_busy(client, schedule, status):
    office, visit, doctor = schedule
    free = status_at(published(client)[1]["Slot"], "2030-01-07T14:00:00Z")
    assert free["status"] == "free"
    BookingFactory(
        provider=doctor,
        location=office,
        appointment_type=visit,
        starts_at=MONDAY_NINE,
        hold_expires_at=NOW + timedelta(minutes=10),
        status=status,
    )
    slots = published(client)[1]["Slot"]
    # The spec asks for busy slots too (status "free" or "busy"), so clients see capacity.
    assert len(slots) == 16
    busy = status_at(slots, "2030-01-07T14:00:00Z")
    assert busy["status"] == "busy" and busy["id"] == free["id"]
    # A busy time cannot be booked: it keeps the phone but offers no link to book it.
    assert [e["url"] for e in busy["extension"]] == [PHONE]
    assert [s["status"] for s in slots].count("busy") == 1


def test_a_cancelled_booking_is_published_free_again(client, schedule):
    office, visit, doctor = schedule
    BookingFactory(
        provider=doctor,
        location=office,
        appointment_type=visit,
        starts_at=MONDAY_NINE,
        status=Booking.Status.CANCELLED,
    )
    slots = published(client)[1]["Slot"]
    assert status_at(slots, "2030-01-07T14:00:00Z")["status"] == "free"


def test_an_unknown_file_is_not_found(client, schedule):
    assert client.get("/scheduling/patients.ndjson").status_code == 404
