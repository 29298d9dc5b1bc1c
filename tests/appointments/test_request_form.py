"""The appointment form: validation, idempotency, spam protection, rate limit and failure."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse, translate_url

from appointments.models import AppointmentRequest
from locations.factories import LocationFactory, ProviderFactory
from locations.models import Location
from treatments.factories import TreatmentFactory

URL = reverse("appointments:request")
CONFIRMATION = reverse("appointments:confirmation")


def make_treatment(slug):
    return TreatmentFactory(name=slug.title(), slug=slug, kind="surgical")


def test_the_form_page_is_never_cached(client, office):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"csrfmiddlewaretoken" in response.content


def test_a_valid_request_is_stored_once_and_confirmed_by_reference(client, form_data, office):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == CONFIRMATION  # no patient details in the address
    stored = AppointmentRequest.objects.get()
    assert stored.location == office
    assert stored.phone.as_e164 == "+14105550142"  # normalized
    assert stored.consent_to_contact and stored.consented_at
    page = client.get(CONFIRMATION).content.decode()
    assert stored.reference in page
    assert "(443) 555-0112" in page
    assert "Quinlan" not in page


def test_the_reference_is_short_unambiguous_and_not_the_id(client, form_data):
    client.post(URL, form_data())
    reference = AppointmentRequest.objects.get().reference
    assert len(reference) == 8
    assert not set(reference) & set("0O1IL5S")


REQUIRED = [
    "first_name",
    "last_name",
    "phone",
    "location",
    "consent_to_contact",
    "consent_to_privacy_notice",
]


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_required_field_is_required(client, form_data, missing):
    response = client.post(URL, form_data(**{missing: None}))
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert AppointmentRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "x" * 101),
        ("last_name", "y" * 101),
        ("phone", "12345"),
        ("phone", "not a phone"),
        ("phone", "+44 20 7946 0958"),  # valid, but not a US number
        ("email", "not-an-email"),
        ("email", "a" * 250 + "@x.example"),
        ("location", "abc"),
        ("location", "999999"),
        ("contact_method", "fax"),
        ("preferred_days", "sun"),
        ("preferred_time", "midnight"),
        ("patient_status", "maybe"),
        ("insurance_type", "bogus"),
        ("insurance_carrier", "z" * 101),
        ("treatment", "999999"),
        ("message", "m" * 1001),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_500(client, form_data, field, value):
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert b"error-summary" in response.content
    assert AppointmentRequest.objects.count() == 0


def test_an_unpublished_office_cannot_be_chosen(client, form_data):
    hidden = LocationFactory(is_published=False)
    response = client.post(URL, form_data(location=hidden.pk))
    assert "location" in response.context["form"].errors


def test_email_is_required_only_when_email_is_the_chosen_way_to_reply(client, form_data):
    response = client.post(URL, form_data(email="", contact_method="email"))
    assert "email" in response.context["form"].errors
    response = client.post(URL, form_data(email="", contact_method="phone"))
    assert response.status_code == 302


def test_nothing_typed_is_lost_on_an_error(client, form_data):
    response = client.post(URL, form_data(phone="12345", preferred_days=["mon", "thu"]))
    html = response.content.decode()
    assert 'value="Quinlan"' in html and 'value="Marchetti"' in html
    assert "Bluewater Health Plan" in html and "Lower back pain since the spring." in html
    assert 'value="mon" class="checkboxselectmultiple" id="id_preferred_days_0" checked' in html
    assert 'href="#id_phone"' in html  # the summary links to the field


def test_markup_is_stored_as_text_and_shown_escaped(client, form_data):
    hostile = '<script>alert("x")</script>'
    response = client.post(URL, form_data(first_name=hostile, phone="bad"))
    assert hostile.encode() not in response.content
    assert b"&lt;script&gt;" in response.content
    client.post(URL, form_data(first_name=hostile))
    assert AppointmentRequest.objects.get().first_name == hostile


def test_the_same_form_sent_twice_creates_one_request(client, form_data):
    data = form_data()
    first = client.post(URL, data)
    reference = client.get(CONFIRMATION).context["confirmation"]["reference"]
    second = client.post(URL, data)  # a double click, a refresh, the back button
    assert first.status_code == second.status_code == 302
    assert AppointmentRequest.objects.count() == 1
    assert client.get(CONFIRMATION).context["confirmation"]["reference"] == reference


def test_a_tampered_idempotency_key_is_a_form_error(client, form_data):
    response = client.post(URL, form_data(idempotency_key="1; DROP TABLE"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert AppointmentRequest.objects.count() == 0


def test_a_filled_honeypot_looks_sent_but_stores_nothing(client, form_data, mailoutbox):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert client.get(CONFIRMATION).status_code == 200
    assert AppointmentRequest.objects.count() == 0


def test_a_form_sent_faster_than_a_person_can_type_is_refused(client, form_data, settings):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 3
    response = client.post(URL, form_data())
    assert response.status_code == 200
    assert "very quick" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_an_expired_or_forged_fill_time_token_is_refused(client, form_data):
    response = client.post(URL, form_data(started="forged"))
    assert "expired" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_the_rate_limit_stops_a_flood_with_a_friendly_message(client, form_data, settings):
    settings.APPOINTMENT_RATE_LIMIT = 2
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data(first_name="Third"))
    assert response.status_code == 429
    assert "paused new ones" in response.content.decode()
    assert 'value="Third"' in response.content.decode()  # what they typed is still there
    assert AppointmentRequest.objects.count() == 2


def test_the_rate_limit_notice_asks_to_call_in_one_translatable_sentence(
    client, form_data, settings
):
    from home.models import SiteSettings

    SiteSettings.objects.update_or_create(defaults={"phone": "(301) 555-0100"})
    settings.APPOINTMENT_RATE_LIMIT = 0
    html = client.post(translate_url(URL, "es"), form_data()).content.decode()
    assert (
        'Inténtelo de nuevo más tarde, o llámenos al <a href="tel:+13015550100">(301) 555-0100</a>.'
        in html
    )


def test_links_from_other_pages_preselect_treatment_office_and_provider(client, office):
    treatment = make_treatment("si-joint-fusion")
    provider = ProviderFactory(name="Dr Sample", slug="dr-sample")
    query = {"treatment": treatment.slug, "location": office.slug, "provider": provider.slug}
    response = client.get(URL, query)
    form = response.context["form"]
    assert form.initial["treatment"] == treatment.pk
    assert form.initial["location"] == office.pk
    assert form.initial["provider"] == provider.pk
    assert f'<option value="{office.pk}" selected>' in response.content.decode()


def test_unknown_slugs_and_junk_coordinates_are_ignored_quietly(client, office):
    junk = {
        "treatment": "no",
        "location": "<b>",
        "provider": "x",
        "lat": "a",
        "lng": "999",
        "q": "'",
    }
    response = client.get(URL, junk)
    assert response.status_code == 200
    assert "location" not in response.context["form"].initial


def office_options(client, query=None):
    choices = client.get(URL, query).context["form"].fields["location"].choices
    return [str(label) for _pk, label in choices][1:]


@pytest.mark.parametrize(
    "query, nearest",
    [
        ({"q": "Weston, FL"}, "Weston"),
        ({"q": "33326"}, "Weston"),
        ({"q": "1 Main Street, Hagerstown, MD 21740"}, "Hagerstown"),
        ({"lat": "38.47", "lng": "-78.90"}, "Harrisonburg"),
    ],
)
def test_offices_are_listed_nearest_first_after_a_location_search(client, demo, query, nearest):
    by_state = office_options(client)
    options = office_options(client, query)
    assert options[0].startswith(nearest) and " away" in options[0]
    assert not by_state[0].startswith(nearest)  # not first without the search
    assert sorted(options) != options  # not alphabetical: by distance


def test_an_office_at_the_zip_code_searched_is_less_than_a_mile_away_not_0_miles(client, demo):
    options = office_options(client, {"q": "33326"})
    assert options[0] == "Weston, FL, less than a mile away"


@pytest.mark.parametrize(
    "q", ["'", "<script>", "zzzzqq", "Columbia", "MD", "9" * 5000, "Weston, FL\x00"]
)
def test_a_place_the_map_cannot_pin_down_leaves_offices_in_their_usual_order(client, demo, q):
    usual = office_options(client)
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert office_options(client, {"q": q}) == usual


@pytest.mark.parametrize(
    "query",
    [
        {"q": "21740"},
        {"q": "Weston, FL"},
        {"q": "1 Main Street, Hagerstown, MD 21740"},
        {"lat": "38.47", "lng": "-78.90"},
        # Names the finder reads as the one town of that name with an office near it.
        {"q": "Springfield"},
        {"q": "Hagerstown"},
    ],
)
def test_the_office_list_starts_with_the_offices_the_finder_shows_for_the_same_search(
    client, demo, query
):
    finder = client.get(reverse("locations:index"), query).context["search"]
    shown = [office.slug for office in finder.offices]
    assert shown  # the finder found offices to compare with
    choices = client.get(URL, query).context["form"].fields["location"].choices
    slugs = dict(Location.objects.values_list("pk", "slug"))
    listed = [slugs[pk] for pk, _label in choices[1:]]
    assert listed[: len(shown)] == shown
    assert sorted(listed) == sorted(slugs.values())  # every office is still offered


def test_confirmation_without_a_request_goes_back_to_the_form(client, db):
    assert client.get(CONFIRMATION)["Location"] == URL


def test_database_down_at_submit_says_not_saved_with_the_phone(client, form_data, settings):
    settings.PRACTICE_PHONE = "(301) 555-0100"
    data = form_data()
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.post(URL, data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "NOT reach us" in html and "not saved" in html
    assert "(301) 555-0100" in html
    assert "Thank you" not in html
    assert AppointmentRequest.objects.count() == 0


def test_database_failing_while_saving_never_confirms(client, form_data):
    with mock.patch(
        "appointments.views.appointment_request_create", side_effect=OperationalError("down")
    ):
        response = client.post(URL, form_data())
    assert response.status_code == 503
    assert client.get(CONFIRMATION)["Location"] == URL
