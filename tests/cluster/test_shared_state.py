"""What one app server does, the other knows at once: content, media, sessions, limits.

Each test acts through app server A (its gunicorn port, as nginx would hand it a request) and
looks through app server B, the way a patient's next request may land on the other server.
"""

import base64
import io
import re
import secrets
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django_otp.oath import totp
from PIL import Image

from tests.cluster.conftest import DEMO_PASSWORDS, sign_in
from tests.cluster.visitor import APPOINTMENT_FORM, Visitor, find_form

pytestmark = pytest.mark.cluster

SITE_SETTINGS = "clinic_site/sitesettings/1/change/"


def test_a_staff_save_through_a_shows_on_the_next_page_from_b_in_english_and_spanish(cluster):
    editor = sign_in(cluster, "a", "contenteditor")
    patient = Visitor()
    before = patient.get(cluster.app_urls["b"] + "/")  # B has the home page cached now
    word = secrets.token_hex(4)
    saved = editor.submit(
        cluster.app_urls["a"] + cluster.admin_url + SITE_SETTINGS,
        "sitesettings_form",
        changes={
            "hero_heading_en": f"Back on your feet {word}",
            "hero_heading_es": f"De pie otra vez {word}",
            "_save": "Save",
        },
    )
    assert saved.status_code == 302, saved.text[:3000]

    english = patient.get(cluster.app_urls["b"] + "/")
    spanish = patient.get(cluster.app_urls["b"] + "/es/")
    assert f"Back on your feet {word}" not in before.text
    assert f"<h1>Back on your feet {word}</h1>" in english.text
    assert f"De pie otra vez {word}" in spanish.text
    assert f"Back on your feet {word}" not in spanish.text
    assert patient.get(cluster.proxy_url + "/es/").text.count(f"De pie otra vez {word}") == 1


def test_an_image_uploaded_through_a_is_served_from_the_bucket_on_a_page_from_b(cluster):
    editor = sign_in(cluster, "a", "contenteditor")
    stem = f"cluster-upload-{secrets.token_hex(4)}"
    picture = io.BytesIO()
    Image.new("RGB", (1200, 800), (23, 111, 120)).save(picture, "PNG")
    uploaded = editor.submit(
        cluster.app_urls["a"] + cluster.admin_url + SITE_SETTINGS,
        "sitesettings_form",
        changes={"hero_image_alt_en": "A calm waiting room", "_save": "Save"},
        files={"hero_image": (f"{stem}.png", picture.getvalue(), "image/png")},
    )
    assert uploaded.status_code == 302, uploaded.text[:3000]

    # The worker draws the WebP renditions into the bucket; until then the original shows.
    patient = Visitor()
    deadline = time.monotonic() + 60
    while True:
        home = patient.get(cluster.app_urls["b"] + "/").text
        picture_tag = re.search(r'<img[^>]*class="hero-picture"[^>]*>', home).group(0)
        if ("renditions/" in picture_tag and stem in picture_tag) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    addresses = re.findall(r"(https?://\S+?)(?:\s+\d+w)?[,\"]", picture_tag)
    assert addresses and stem in picture_tag and "renditions/" in picture_tag, picture_tag
    for address in addresses:
        assert address.startswith(cluster.media_url)  # the bucket, not /media/ on a server
        fetched = Visitor().get(address)
        assert fetched.status_code == 200
        assert fetched.headers["Content-Type"] == "image/webp"
        assert fetched.content[:4] == b"RIFF" and fetched.content[8:12] == b"WEBP"

    [(name,)] = cluster.sql("SELECT hero_image FROM clinic_site_sitesettings")
    assert Visitor().get(cluster.media_url + name).content == picture.getvalue()
    disk_a = cluster.workdir / "disk-a"
    assert not disk_a.exists() or not any(disk_a.rglob("*")), "the upload landed on A's disk"


@pytest.fixture(scope="module")
def front_desk_key(cluster):
    """A TOTP authenticator for the front desk, as `add_staff_authenticator` gives one."""
    printed = cluster.manage("add_staff_authenticator", "frontdesk")
    secret = parse_qs(urlparse(re.search(r"otpauth://\S+", printed).group(0)).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def test_a_staff_session_signed_in_through_a_works_on_b(cluster, front_desk_key):
    front_desk = sign_in(cluster, "a", "frontdesk", code=f"{totp(front_desk_key):06d}")
    requests_list = cluster.admin_url + "appointments/appointmentrequest/"

    [(newest,)] = cluster.sql(
        "SELECT reference FROM appointments_appointmentrequest ORDER BY created_at DESC LIMIT 1"
    )
    on_b = front_desk.get(cluster.app_urls["b"] + requests_list, allow_redirects=False)
    assert on_b.status_code == 200
    assert newest in on_b.text  # patients' requests, shown to the signed-in front desk only
    stranger = Visitor().get(cluster.app_urls["b"] + requests_list, allow_redirects=False)
    assert stranger.status_code == 302 and "/login/" in stranger.headers["Location"]


def test_the_rate_limit_counts_one_clients_posts_on_a_and_b_together(cluster):
    # The limit counts per clock hour: start in an hour with a minute left at least, so the
    # eleven posts fall in one window.
    time.sleep(max(0, 60 - (3600 - time.time() % 3600)))
    patient = Visitor(client_address="203.0.113.9")
    form_url = APPOINTMENT_FORM
    page = patient.get(cluster.app_urls["a"] + form_url)
    token = dict(find_form(page.text, "patient-request").fields)["csrfmiddlewaretoken"]
    statuses = [
        patient.post(
            cluster.app_urls["ab"[attempt % 2]] + form_url,
            data={"csrfmiddlewaretoken": token, "first_name": "Rate"},
        ).status_code
        for attempt in range(11)
    ]
    # Ten a client may send in an hour (each answered with the form's errors), not eleven.
    assert statuses == [200] * 10 + [429]
    neighbour = Visitor(client_address="203.0.113.10")
    page = neighbour.get(cluster.app_urls["b"] + form_url)
    token = dict(find_form(page.text, "patient-request").fields)["csrfmiddlewaretoken"]
    answer = neighbour.post(cluster.app_urls["b"] + form_url, data={"csrfmiddlewaretoken": token})
    assert answer.status_code == 200


def test_the_sign_in_lockout_counts_failures_on_a_and_b_together(cluster):
    guesser = Visitor(client_address="198.51.100.7")
    login = cluster.admin_url + "login/"
    try:
        statuses = [
            guesser.submit(
                cluster.app_urls["ab"[attempt % 2]] + login,
                "login-form",
                changes={"username": "translator", "password": f"wrong-{attempt}"},
            ).status_code
            for attempt in range(5)
        ]
        assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
        right_password = guesser.submit(
            cluster.app_urls["a"] + login,
            "login-form",
            changes={"username": "translator", "password": DEMO_PASSWORDS["translator"]},
        )
        assert right_password.status_code == 429  # locked on A by failures counted on B too
        sign_in(cluster, "b", "translator", client_address="198.51.100.8")  # others may
    finally:
        cluster.manage("axes_reset_username", "translator")
