"""The "Share your story" form: checks, spam defences, one store per story, a discreet email."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse, translate_url
from django_tasks_db.models import DBTaskResult

from testimonials.models import Testimonial as Story

from .conftest import started_long_ago

pytestmark = pytest.mark.django_db

URL = reverse("testimonials:share")
STORY = "The doctor listened to me & explained <everything>."
KEY = "0b7b8a64-2a71-4f38-8a57-9a3d3b3c1e11"


def form_data(**changes):
    data = {
        "display_name": "Theresa R.",
        "text": STORY,
        "rating": "5",
        "office": "",
        "treatment": "",
        "consent": "on",
        "website": "",
        "started": started_long_ago(),
        "submission_key": KEY,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_form_speaks_the_language_of_the_page(client):
    assert "4 out of 5" in client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    html = client.get(translate_url(URL, "es")).content.decode()
    assert "4 de 5" in html and "Hasta 1500 caracteres. Por favor, omita" in html


def test_the_form_page_offers_every_field(client):
    html = client.get(URL).content.decode()
    for name in ("display_name", "text", "rating", "office", "treatment", "consent"):
        assert f'name="{name}"' in html
    assert 'name="website"' in html and 'class="trap"' in html


def test_a_story_is_stored_as_submitted_with_consent_and_the_patient_is_thanked(
    client, office, treatment
):
    response = client.post(URL, form_data(office=office.pk, treatment=treatment.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("testimonials:share_thanks")
    story = Story.objects.get()
    assert story.status == Story.Status.SUBMITTED
    assert (story.display_name, story.text, story.rating) == ("Theresa R.", STORY, 5)
    assert (story.office, story.treatment) == (office, treatment)
    assert story.consent_to_publish and story.consent_given_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_a_submitted_story_is_not_public_until_approved(client):
    waiting = "A story that is waiting for review."
    client.post(URL, form_data(text=waiting))
    assert waiting not in client.get(reverse("testimonials:index")).content.decode()
    story = Story.objects.get()
    story.status = Story.Status.APPROVED
    story.save()  # as staff approve it, which shows it at once
    assert waiting in client.get(reverse("testimonials:index")).content.decode()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"consent": None}, "Please agree to publication"),
        ({"display_name": "  "}, "This field is required"),
        ({"text": ""}, "This field is required"),
        ({"text": "x" * 1501}, "Ensure this value has at most 1500 characters"),
        ({"display_name": "x" * 61}, "Ensure this value has at most 60 characters"),
        ({"rating": "6"}, "Select a valid choice"),
        ({"rating": "five"}, "Select a valid choice"),
        ({"office": "999"}, "Select a valid choice"),
        ({"treatment": "abc"}, "Select a valid choice"),
    ],
)
def test_invalid_input_is_explained_and_nothing_is_stored(client, changes, message):
    response = client.post(URL, form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Story.objects.exists()


def test_the_form_keeps_what_the_patient_typed_after_an_error(client):
    html = client.post(URL, form_data(consent=None)).content.decode()
    assert "The doctor listened to me &amp; explained &lt;everything&gt;." in html


def test_a_mangled_submission_key_still_stores_the_story(client):
    client.post(URL, form_data(submission_key="not-a-uuid"))
    assert Story.objects.count() == 1


# The worker needs real commits: it reads the queued email through another connection.
@pytest.mark.django_db(transaction=True)
def test_a_filled_honeypot_is_thanked_but_nothing_is_stored_or_sent(client):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("testimonials:share_thanks")
    assert not Story.objects.exists()
    call_command("db_worker", batch=True)
    assert mail.outbox == []


def test_a_form_sent_faster_than_a_person_types_is_refused(client):
    from core.spam import started_token

    response = client.post(URL, form_data(started=started_token()))
    assert "That was very quick" in response.content.decode()
    assert not Story.objects.exists()


def test_a_form_without_a_valid_fill_time_token_has_expired(client):
    response = client.post(URL, form_data(started="forged"))
    assert "This form has expired" in response.content.decode()
    assert not Story.objects.exists()


# The worker needs real commits: it reads the queued email through another connection.
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_or_a_resent_form_stores_the_story_once(client):
    first = client.post(URL, form_data())
    second = client.post(URL, form_data())
    assert first.status_code == second.status_code == 302
    assert Story.objects.count() == 1
    call_command("db_worker", batch=True)
    assert len(mail.outbox) == 1


def test_each_new_form_may_share_another_story(client):
    client.post(URL, form_data())
    client.post(URL, form_data(submission_key="5f1d0a3c-9c2e-4f66-9b59-0f1f0b8f4d2a"))
    assert Story.objects.count() == 2


def test_a_client_over_the_rate_limit_gets_a_friendly_message_and_keeps_its_text(client):
    keys = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(6)]
    for key in keys[:5]:
        assert client.post(URL, form_data(submission_key=key)).status_code == 302
    response = client.post(URL, form_data(submission_key=keys[5]))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait an hour" in html
    assert "The doctor listened to me &amp; explained" in html
    assert Story.objects.count() == 5


# The worker needs real commits: it reads the queued email through another connection.
@pytest.mark.django_db(transaction=True)
def test_staff_are_emailed_a_link_without_the_story_or_the_name(client):
    client.post(URL, form_data())
    queued = json.dumps([task.args_kwargs for task in DBTaskResult.objects.all()])
    call_command("db_worker", batch=True)
    story = Story.objects.get()
    [email] = mail.outbox
    link = f"{settings.SITE_URL}/{settings.ADMIN_URL}testimonials/testimonial/{story.pk}/change/"
    assert link in email.body
    for private in ("Theresa", "doctor listened", "everything"):
        assert private not in email.body
        assert private not in email.subject
        assert private not in queued


# The worker needs real commits: it reads the queued email through another connection.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "configured, recipient",
    [(None, "content@staff.example"), ("stories@team.example", "stories@team.example")],
)
def test_a_new_story_goes_to_the_content_team_not_the_front_desk(
    client, settings, configured, recipient
):
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@staff.example"
    settings.TESTIMONIAL_NOTIFICATION_EMAIL = configured
    client.post(URL, form_data())
    call_command("db_worker", batch=True)
    assert [email.to for email in mail.outbox] == [[recipient]]
