import uuid

import pytest

from core.spam import started_token
from locations.factories import LocationFactory

PATIENT = {
    "first_name": "Quinlan",
    "last_name": "Marchetti",
    "phone": "410-555-0142",
    "email": "quinlan.m@mail.example",
    "insurance_carrier": "Bluewater Health Plan",
    "message": "Lower back pain since the spring.",
}


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    """Tests send forms at once; the fill-time tests set their own minimum."""
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0


@pytest.fixture
def office(db):
    return LocationFactory(
        name="Elkridge", slug="elkridge", city="Elkridge", phone="(443) 555-0112"
    )


@pytest.fixture
def form_data(office):
    def make(**changes):
        data = {
            **PATIENT,
            "location": office.pk,
            "contact_method": "email",
            "insurance_type": "medicare",
            "consent_to_contact": "on",
            "consent_to_privacy_notice": "on",
            "started": started_token(),
            "idempotency_key": str(uuid.uuid4()),
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    return make
