"""Who a request comes from, for the rate limits and the sign-in lockout, behind a proxy."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from core import ratelimit

PASSWORD = "correct horse battery staple"


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **headers)


def test_the_address_our_proxy_saw_is_the_client(behind_one_proxy):
    assert ratelimit.client_address(request_from("10.0.0.5", "198.51.100.7")) == "198.51.100.7"


def test_a_forwarded_address_from_outside_our_proxies_is_not_believed(behind_one_proxy):
    # Someone reaching an app server directly cannot choose the address they are counted by.
    assert ratelimit.client_address(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    assert ratelimit.client_address(request_from("10.0.0.5", "not-an-address")) == "10.0.0.5"


def test_addresses_in_one_ipv6_64_share_a_rate_limit(db, behind_one_proxy):
    allowed = [
        ratelimit.allow(
            request_from("10.0.0.5", f"2001:db8:1:2::{n:x}"), "test", limit=3, window_seconds=60
        )
        for n in range(1, 6)
    ]
    assert allowed == [True, True, True, False, False]
    other_network = request_from("10.0.0.5", "2001:db8:1:3::1")
    assert ratelimit.allow(other_network, "test", limit=3, window_seconds=60)


def test_failed_sign_ins_from_one_client_do_not_lock_out_another(client, db, behind_one_proxy):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    login = reverse("admin:login")
    for _ in range(5):
        client.post(
            login,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    attacker = client.post(
        login,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert attacker.status_code == 429
    staff = client.post(
        login,
        {"username": "editor", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )
    assert staff.status_code == 302


def sign_in_from(client, address, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=address,
    )


def test_eight_wrong_passwords_from_eight_addresses_lock_the_account(client, db, behind_one_proxy):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for n in range(1, 9):
        sign_in_from(client, f"198.51.100.{n}", "wrong")
    # Even the right password, from a ninth address, is refused with the lockout page.
    refused = sign_in_from(client, "203.0.113.2", PASSWORD)
    assert refused.status_code == 429
    assert "Sign-in is locked for now" in refused.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_seven_wrong_passwords_from_seven_addresses_leave_the_account_open(
    client, db, behind_one_proxy
):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for n in range(1, 8):
        assert sign_in_from(client, f"198.51.100.{n}", "wrong").status_code == 200
    assert sign_in_from(client, "203.0.113.1", PASSWORD).status_code == 302


def test_addresses_in_one_ipv6_64_share_a_sign_in_lockout(client, db, behind_one_proxy):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for n in range(1, 6):
        sign_in_from(client, f"2001:db8:1:2::{n:x}", "wrong")
    assert sign_in_from(client, "2001:db8:1:2:ffff::9", PASSWORD).status_code == 429
    # Another /64 is another client (and 5 failures are below the account's own limit).
    assert sign_in_from(client, "2001:db8:1:3::1", PASSWORD).status_code == 302
