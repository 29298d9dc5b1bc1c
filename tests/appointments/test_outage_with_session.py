"""A patient who already sent a request carries a session; an outage must still say "not saved"."""

from unittest import mock

from django.conf import settings
from django.db import OperationalError, connection
from django.urls import reverse

from appointments.models import AppointmentRequest
from clinic_site.views import server_error

URL = reverse("appointments:request")


def test_second_request_during_an_outage_says_not_saved_despite_the_session(client, form_data):
    assert client.post(URL, form_data()).status_code == 302
    assert settings.SESSION_COOKIE_NAME in client.cookies

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.post(URL, form_data(first_name="Second"))

    assert response.status_code == 503
    assert "not saved" in response.content.decode()
    assert AppointmentRequest.objects.count() == 1


def test_a_database_error_outside_any_view_gets_the_friendly_503(rf, db):
    # Django calls the 500 handler while the error is being handled.
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()
