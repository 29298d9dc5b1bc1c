"""The request form offers only what the practice can do, and says plainly what does not fit.

Everything here is a plain POST, as a browser with JavaScript off sends it.
"""

import re
import uuid

import pytest
from django.urls import reverse

from appointments.models import AppointmentRequest
from core.spam import started_token
from locations.models import Location, Provider
from treatments.models import Treatment

pytestmark = pytest.mark.django_db
URL = reverse("appointments:request")


def stored():
    """Requests sent in the test: the demo brings some of its own."""
    return AppointmentRequest.objects.filter(first_name="Quinlan", last_name="Marchetti").count()


@pytest.fixture
def request_data(demo):
    def make(office="hagerstown", **changes):
        data = {
            "first_name": "Quinlan",
            "last_name": "Marchetti",
            "phone": "410-555-0142",
            "location": Location.objects.get(slug=office).pk,
            "consent_to_contact": "on",
            "consent_to_privacy_notice": "on",
            "started": started_token(seconds_ago=60),
            "idempotency_key": str(uuid.uuid4()),
        }
        data.update(changes)
        return data

    return make


def pk(model, slug):
    return model.objects.get(slug=slug).pk


def offered_offices(html):
    select = html.split('name="location"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def offered_days(html):
    return re.findall(r'name="preferred_days" value="(\w+)"', html)


def test_a_chosen_treatment_lists_only_the_offices_that_offer_it(client, demo):
    html = client.get(URL, {"treatment": "si-joint-fusion"}).content.decode()
    offices = offered_offices(html)
    assert any("Weston" in o for o in offices) and any("Hagerstown" in o for o in offices)
    assert not any("Elkridge" in o or "York" in o for o in offices), offices


def test_a_chosen_provider_lists_only_their_offices_and_an_office_only_its_providers(client, demo):
    html = client.get(URL, {"provider": "rafael-quintero-vidal"}).content.decode()
    offices = offered_offices(html)
    assert len(offices) == 3 and all(
        any(town in o for town in ("South Miami", "Hialeah", "Weston")) for o in offices
    ), offices
    html = client.get(URL, {"location": "weston"}).content.decode()
    providers = html.split('name="provider"', 1)[1].split("</select>", 1)[0]
    assert "Quintero-Vidal" in providers and "Castellane" not in providers


def test_a_treatment_at_an_office_that_does_not_offer_it_is_refused_with_the_nearest(
    client, request_data
):
    data = request_data("elkridge", treatment=pk(Treatment, "si-joint-fusion"))
    response = client.post(URL, data)
    assert response.status_code == 200
    assert (
        "Elkridge does not offer SI joint fusion. The nearest office that does is Hagerstown."
        in response.content.decode()
    )
    assert stored() == 0


def test_a_provider_at_an_office_they_do_not_work_at_is_refused(client, request_data):
    surgeon = Provider.objects.get(slug="rafael-quintero-vidal")
    response = client.post(URL, request_data("hagerstown", provider=surgeon.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Dr. Rafael Quintero-Vidal does not see patients at Hagerstown, only at Hialeah, "
        "South Miami and Weston." in html
    )
    assert stored() == 0
    # Put right, the same request goes through.
    response = client.post(URL, request_data("weston", provider=surgeon.pk))
    assert response.status_code == 302 and stored() == 1


def test_saturday_is_offered_for_weston_only(client, request_data):
    assert "sat" in offered_days(client.get(URL, {"location": "weston"}).content.decode())
    assert "sat" not in offered_days(client.get(URL, {"location": "hagerstown"}).content.decode())
    assert "Saturday (Weston only)" in client.get(URL).content.decode()
    response = client.post(URL, request_data("hagerstown", preferred_days=["fri", "sat"]))
    assert "Hagerstown is closed on Saturday." in response.content.decode()
    assert stored() == 0
    response = client.post(URL, request_data("weston", preferred_days=["sat"]))
    assert response.status_code == 302
    assert AppointmentRequest.objects.get(first_name="Quinlan").preferred_days == "sat"


def test_a_corrected_form_resent_at_once_is_accepted(client, request_data, settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 3
    # Shown a while ago, sent with a typo in the phone number.
    response = client.post(URL, request_data(phone="12345"))
    html = response.content.decode()
    assert "Enter a US phone number" in html
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    # Fixed and resent within the same second: not "too quick".
    response = client.post(URL, request_data(started=started))
    assert response.status_code == 302, response.content.decode()
    assert stored() == 1


def test_a_form_shown_and_sent_at_once_is_still_too_quick(client, request_data, settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 3
    response = client.post(URL, request_data(started=started_token()))
    assert "very quick" in response.content.decode()


def test_an_invalid_email_gets_one_message(client, request_data):
    response = client.post(URL, request_data(email="not-an-address", contact_method="email"))
    main = response.content.decode().split("<main", 1)[1]
    assert main.count("Enter a valid email address.") == 2  # the summary and the field
    assert "Enter your email address, or choose another way" not in main


def test_consent_errors_in_the_summary_are_short(client, request_data):
    data = request_data()
    del data["consent_to_contact"], data["consent_to_privacy_notice"]
    html = client.post(URL, data).content.decode()
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert ">Agree to be contacted</a>" in summary
    assert ">Agree to the privacy notice</a>" in summary
    assert "by phone, text or email" not in summary
