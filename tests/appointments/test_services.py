"""The create service's named arguments are the whole of what a patient can set."""

import uuid

import pytest

from appointments.models import AppointmentRequest
from appointments.services import appointment_request_create

REQUIRED = {
    "first_name": "Quinlan",
    "last_name": "Marchetti",
    "phone": "410-555-0142",
    "consent_to_contact": True,
    "consent_to_privacy_notice": True,
}


def test_a_minimal_request_is_a_new_appointment_with_nothing_optional_filled_in(office):
    stored, created = appointment_request_create(
        idempotency_key=uuid.uuid4(), location=office, **REQUIRED
    )
    assert created
    stored.refresh_from_db()
    assert (stored.kind, stored.status) == ("appointment", "new")
    assert stored.email == stored.message == stored.insurance_type == ""
    assert stored.treatment is None and stored.consented_at


@pytest.mark.parametrize("staff_only", [{"status": "closed"}, {"outcome": "booked"}])
def test_fields_only_staff_set_cannot_be_passed_in(office, staff_only):
    with pytest.raises(TypeError):
        appointment_request_create(
            idempotency_key=uuid.uuid4(), location=office, **REQUIRED, **staff_only
        )
    assert not AppointmentRequest.objects.exists()
