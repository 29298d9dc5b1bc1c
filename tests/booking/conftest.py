import uuid
from datetime import UTC, datetime, time

import pytest

from booking.factories import AppointmentTypeFactory, WeeklyAvailabilityFactory
from booking.slots import free_slots
from locations.factories import LocationFactory, ProviderFactory

# Wednesday 2 January 2030, noon in Maryland; the slots are on Monday 7 January.
NOW = datetime(2030, 1, 2, 17, tzinfo=UTC)
MONDAY_NINE = datetime(2030, 1, 7, 14, tzinfo=UTC)

PATIENT = {
    "first_name": "Quinlan",
    "last_name": "Marchetti",
    "phone": "+14105550142",
    "email": "quinlan.m@mail.example",
    "consent_to_contact": True,
    "consent_to_privacy_notice": True,
}


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch):
    """Tests here that commit (the worker, the race) would rebuild the search index, which
    on main fails for factory-made offices and providers (NULL translated columns on
    PostgreSQL); nothing here searches."""
    monkeypatch.setattr("search.index.schedule_rebuild", lambda: None)


@pytest.fixture
def schedule(db):
    """Dr. Ada Aster sees consultations in Hagerstown on Monday mornings, 9 to 11."""
    office = LocationFactory(
        slug="hagerstown",
        name="Hagerstown",
        city="Hagerstown",
        phone="(301) 555-0150",
        time_zone="America/New_York",
    )
    visit = AppointmentTypeFactory(slug="consult", name="Consultation", duration_minutes=30)
    doctor = ProviderFactory(slug="dr-ada-aster", name="Dr. Ada Aster")
    WeeklyAvailabilityFactory(
        provider=doctor,
        location=office,
        appointment_type=visit,
        weekday=0,
        starts=time(9),
        ends=time(11),
    )
    return office, visit, doctor


def slot_tokens(office, visit, now=NOW):
    return [
        s.token
        for s in free_slots(
            location=office,
            appointment_type=visit,
            first_day=datetime(2030, 1, 7).date(),
            days=1,
            now=now,
        )
    ]


def patient(**changes):
    return {**PATIENT, "idempotency_key": uuid.uuid4(), **changes}
