"""Two patients on two app servers click the same free time at the same moment: one gets it."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cluster.visitor import Visitor, find_form

pytestmark = pytest.mark.cluster

VISIT = "new-patient-consultation"
RACES = 3


def test_a_race_for_one_slot_through_a_and_b_books_it_once(cluster):
    # The office with the most weekly hours for this visit, so its week has times to race for.
    [(office,)] = cluster.sql(
        "SELECT l.slug FROM booking_weeklyavailability w"
        " JOIN locations_location l ON l.id = w.location_id"
        " JOIN booking_appointmenttype t ON t.id = w.appointment_type_id"
        " WHERE t.slug = %s GROUP BY l.slug ORDER BY count(*) DESC, l.slug LIMIT 1",
        VISIT,
    )
    slot_page = f"/book/?type={VISIT}&location={office}"
    held_before = cluster.sql("SELECT count(*) FROM booking_booking WHERE status = 'held'")[0][0]
    slots = re.findall(
        r'name="slot" value="([^"]+)"', Visitor().get(cluster.proxy_url + slot_page).text
    )
    assert len(slots) >= RACES

    outcomes = []
    for race, slot in enumerate(slots[:RACES]):
        # Each patient has the slot page open on their own server, then both click at once.
        patients = []
        for server in ("a", "b"):
            patient = Visitor(client_address=f"192.0.2.{2 * race + len(patients) + 1}")
            page = patient.get(cluster.app_urls[server] + slot_page)
            patients.append((patient, server, dict(find_form(page.text, None).fields)))
        start = threading.Barrier(2)

        def click(patient, server, fields, slot=slot, start=start):
            start.wait()
            return patient.post(
                cluster.app_urls[server] + "/book/hold/",
                data={**fields, "slot": slot},
                allow_redirects=False,
            ).headers["Location"]

        with ThreadPoolExecutor(2) as pool:
            outcomes.append(list(pool.map(lambda each: click(*each), patients)))

    for told in outcomes:
        # One goes on to give their details; the other sees the week again, told it was taken.
        assert sorted("taken=1" in where for where in told) == [False, True], told
        assert "/book/details/" in told, told
    held_after = cluster.sql("SELECT count(*) FROM booking_booking WHERE status = 'held'")[0][0]
    assert held_after - held_before == RACES
