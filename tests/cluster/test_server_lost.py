"""An app server lost: nginx sends patients to the other one, and when none answers it says
plainly that nothing was saved (deploy/nginx.conf, deploy/errors/not-saved.html)."""

import time

import pytest

from deploy.cluster import healthy, wait_until
from tests.cluster.visitor import APPOINTMENT_FORM, Visitor, appointment_form, filled_in

pytestmark = pytest.mark.cluster

PAGES = ["/", "/es/", "/contact/", "/locations/", "/appointments/request/"]


def back_to_both(cluster, names):
    """Start the servers again, and wait until nginx sends patients to them: it leaves a
    server that failed alone for 10 s (fail_timeout), and answers 502 if both did."""
    for name in names:
        cluster.start_app(name)
    wait_until(lambda: healthy(cluster.proxy_url), "nginx serving again", seconds=30)


def test_with_one_server_lost_patients_are_served_by_the_other(cluster):
    patient = Visitor(client_address="192.0.2.77")
    form_page = patient.get(cluster.proxy_url + APPOINTMENT_FORM).text
    time.sleep(3.2)  # the fastest a person fills the form in
    cluster.kill_app("a")
    try:
        statuses = [Visitor().get(cluster.proxy_url + page).status_code for page in PAGES * 2]
        sent = patient.post(
            cluster.proxy_url + APPOINTMENT_FORM,
            data=filled_in(appointment_form(form_page), first_name="Failover", last_name="Patient"),
            allow_redirects=False,
        )
    finally:
        back_to_both(cluster, ["a"])
    assert statuses == [200] * len(statuses)
    # A refused the connection, so the request never reached it: nginx gave it to B.
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/received/")


def test_with_every_server_lost_a_patient_is_told_their_request_was_not_saved(cluster):
    patient = Visitor()
    form_page = patient.get(cluster.proxy_url + APPOINTMENT_FORM).text
    time.sleep(3.2)
    for name in ("a", "b"):
        cluster.kill_app(name)
    try:
        answer = patient.post(
            cluster.proxy_url + APPOINTMENT_FORM,
            data=filled_in(appointment_form(form_page), first_name="Failover", last_name="Patient"),
            allow_redirects=False,
        )
        page = patient.get(cluster.proxy_url + "/treatments/")
    finally:
        back_to_both(cluster, ["a", "b"])
    # A page asked for meanwhile: the site cannot answer now, nothing about a request.
    assert page.status_code == 502 and page.headers["Cache-Control"] == "no-store"
    assert "this page cannot be shown just now" in page.text and "NOT saved" not in page.text
    assert '<a href="tel:+13015550100">(301) 555-0100</a>' in page.text
    assert answer.status_code == 502
    assert answer.headers["Cache-Control"] == "no-store"
    assert "your request was NOT saved" in answer.text
    assert "su solicitud NO se guardó" in answer.text
    assert '<a href="tel:+13015550100">(301) 555-0100</a>' in answer.text
    assert "received" not in answer.text.lower() and "recibimos" not in answer.text.lower()
