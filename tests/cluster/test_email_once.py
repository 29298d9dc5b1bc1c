"""Two workers share one task queue: every email a request queues is sent once, never twice.

bench/cluster_email.py runs the same with 5,000 requests (`make bench-cluster-email`).
"""

import os

import pytest

from bench.cluster_email import check_mail, rate_limit_lifted, send_requests, wait_for_mail

pytestmark = pytest.mark.cluster

REQUESTS = int(os.environ.get("CLUSTER_EMAIL_REQUESTS", "400"))


def test_every_email_queued_by_requests_through_nginx_is_sent_exactly_once(cluster):
    assert {"worker-1", "worker-2"} <= set(cluster.processes)
    before = cluster.mail_count()
    with rate_limit_lifted(cluster):
        addresses, statuses, _seconds = send_requests(cluster, REQUESTS)
    assert statuses == {"confirmed": REQUESTS}
    # An office note and a confirmation to the patient for each.
    wait_for_mail(cluster, expected=before + 2 * REQUESTS, seconds=120)

    found = check_mail(cluster, addresses)
    assert found["stored"] == found["office notes"] == found["confirmations"] == REQUESTS
    assert found["office notes twice"] == found["confirmations twice"] == []
    assert found["office notes missing"] == found["confirmations missing"] == []
