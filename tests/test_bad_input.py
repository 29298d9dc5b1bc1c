"""Hostile input everywhere a patient can type: never a 500, always escaped, nothing stored wrongly.

Hypothesis throws arbitrary text, huge values, odd Unicode, markup and SQL
fragments at every query parameter and form field of the public pages.
"""

import uuid

import pytest
from django.core.cache import caches
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appointments.models import AppointmentRequest
from core.spam import started_token
from locations.models import Location
from testimonials.models import Testimonial as Story

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b>",
]
NASTY = st.one_of(
    st.text(max_size=120),
    st.text(min_size=3000, max_size=6000),
    st.sampled_from(
        [
            *MARKUP,
            "' OR '1'='1' --",
            "1; DROP TABLE locations_location; --",
            "\x00",
            "abc\x00def",
            "-1",
            "0",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "../../etc/passwd",
            "\u202e\u0645\u0631\u062d\u0628\u0627",
            "\U0001f9b4" * 40,
            "%00%27%22",
            "   ",
        ]
    ),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

QUERY_PARAMETERS = [
    ("treatments:index", "condition"),
    ("locations:index", "q"),
    ("locations:index", "radius"),
    ("locations:index", "lat"),
    ("locations:index", "lng"),
    ("locations:provider_list", "location"),
    ("locations:provider_list", "treatment"),
    ("testimonials:index", "page"),
    ("testimonials:index", "office"),
    ("testimonials:index", "treatment"),
    ("appointments:request", "treatment"),
    ("appointments:request", "location"),
    ("appointments:request", "provider"),
    ("appointments:request", "lat"),
    ("appointments:request", "q"),
    ("appointments:message", "topic"),
]


def fresh_client(client):
    """Each example is a new visitor: the per-client rate limit would otherwise answer
    429 from the eleventh example on, and the form behind it would go untested."""
    for each in caches.all():  # pages and the rate-limit counters
        each.clear()
    client.cookies.clear()
    return client


def assert_safe(response, value):
    assert response.status_code < 500, (response.status_code, value)
    if response.status_code == 200 and value in MARKUP:
        assert value not in response.content.decode(), "user input was not escaped"


@pytest.mark.parametrize(("url_name", "parameter"), QUERY_PARAMETERS)
@FUZZ
@given(value=NASTY)
def test_query_parameters_never_break_a_page(client, demo, url_name, parameter, value):
    assert_safe(fresh_client(client).get(reverse(url_name), {parameter: value}), value)


def assert_stored_at_most_once(response, value, before):
    """A patient request form's answer: stored once, or shown again saying what to fix."""
    assert response.status_code != 429
    assert_safe(response, value)
    stored = AppointmentRequest.objects.count() - before
    assert stored <= 1
    if response.status_code == 200:  # the form again, with a message: nothing stored
        assert stored == 0
        assert 'class="error-summary"' in response.content.decode()
    return stored


def appointment_form(office_pk, **changes):
    return {
        "first_name": "Quinlan",
        "last_name": "Marchetti",
        "phone": "410-555-0142",
        "location": office_pk,
        "consent_to_contact": "on",
        "consent_to_privacy_notice": "on",
        "started": started_token(seconds_ago=60),
        "idempotency_key": str(uuid.uuid4()),
        **changes,
    }


APPOINTMENT_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "location",
    "email",
    "contact_method",
    "treatment",
    "provider",
    "preferred_days",
    "preferred_time",
    "patient_status",
    "insurance_type",
    "insurance_carrier",
    "message",
    "idempotency_key",
    "started",
]


@pytest.mark.parametrize("field", APPOINTMENT_FIELDS)
@FUZZ
@given(value=NASTY)
def test_appointment_form_fields_never_break_and_store_at_most_one_clean_request(
    client, demo, field, value
):
    office = Location.objects.published().first()
    before = AppointmentRequest.objects.count()
    response = fresh_client(client).post(
        reverse("appointments:request"), appointment_form(office.pk, **{field: value})
    )
    stored = assert_stored_at_most_once(response, value, before)
    for request in AppointmentRequest.objects.all()[:stored]:
        assert "\x00" not in request.first_name + request.last_name + request.message


SHARE_FIELDS = [
    "display_name",
    "text",
    "rating",
    "office",
    "treatment",
    "consent",
    "submission_key",
]


@pytest.mark.parametrize("field", SHARE_FIELDS)
@FUZZ
@given(value=NASTY)
def test_share_your_story_fields_never_break_and_never_publish(client, demo, field, value):
    data = {
        "display_name": "Theresa R.",
        "text": "They saw me within the week and explained every step.",
        "consent": "on",
        "started": started_token(seconds_ago=60),
        "submission_key": str(uuid.uuid4()),
        field: value,
    }
    approved_before = Story.objects.approved().count()
    response = fresh_client(client).post(reverse("testimonials:share"), data)
    assert response.status_code != 429
    assert_safe(response, value)
    if response.status_code == 200:  # the form again, saying what to fix
        assert 'class="error-summary"' in response.content.decode()
    assert Story.objects.approved().count() == approved_before


CONTACT_FIELDS = ["kind", "first_name", "phone", "email", "contact_method", "message"]


@pytest.mark.parametrize("field", CONTACT_FIELDS)
@FUZZ
@given(value=NASTY)
def test_contact_message_fields_never_break_and_store_at_most_one_clean_message(
    client, demo, field, value
):
    office = Location.objects.published().first()
    data = {**appointment_form(office.pk), "kind": "billing", "message": "About my bill."}
    before = AppointmentRequest.objects.count()
    response = fresh_client(client).post(reverse("appointments:message"), {**data, field: value})
    assert_stored_at_most_once(response, value, before)


@FUZZ
@given(
    answers=st.dictionaries(
        st.sampled_from(["question_1", "question_2", "question_999", "x"]), NASTY
    )
)
def test_the_pain_quiz_never_breaks_whatever_is_sent(client, demo, answers):
    response = fresh_client(client).post(reverse("treatments:quiz"), answers)
    assert response.status_code == 200
    html = response.content.decode()
    for value in answers.values():
        if value in MARKUP:
            assert value not in html, "quiz input was not escaped"
    # Nothing valid was chosen for every question, so the quiz asks again, saying why.
    assert 'class="error-summary"' in html
