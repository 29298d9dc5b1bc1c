"""A per-client rate limit kept in the shared cache, so it holds across app servers.

The client's address is hashed before it becomes a cache key: the cache never
holds a patient's IP address. If the cache cannot be reached the limit is not
enforced (forms still have their honeypot and fill-time checks) and a warning
is logged, because turning every patient away during a cache outage would be
worse than letting a burst of spam through.
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def _parsed(address):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def client_address(request):
    """The client's address, as the first of our PROXY_COUNT proxies saw it.

    X-Forwarded-For is believed only when the request came from one of
    TRUSTED_PROXY_NETWORKS: anyone reaching an app server directly could
    otherwise pick their own address, and with it their own rate limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxy = _parsed(remote)
    trusted = proxy is not None and any(proxy in net for net in settings.TRUSTED_PROXY_NETWORKS)
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    count = settings.PROXY_COUNT
    if trusted and count and len(forwarded) >= count and _parsed(forwarded[-count]):
        return forwarded[-count]
    return remote


def client_key(request):
    """What one client is counted by: its address, or its /64 network for IPv6, which
    hands a single household or server a whole /64 of addresses to rotate through."""
    address = _parsed(client_address(request))
    if address is not None and address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address or "")


def lockout_address(request):
    """The address the sign-in lockout counts (AXES_CLIENT_IP_CALLABLE): as client_key, an
    IPv6 client's whole /64, written as its first address because axes stores an address."""
    address = _parsed(client_address(request))
    if address is not None and address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address or "")


def allow(request, scope, *, limit, window_seconds):
    """Count one attempt for this client in this scope; False once it has used up its limit."""
    client = f"{settings.SECRET_KEY}:{client_key(request)}"
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{digest}:{window}"
    try:
        counters = caches["ratelimit"]
        counters.add(key, 0, timeout=window_seconds)
        count = counters.incr(key)
    except ValueError:  # the key expired between add and incr: a new window
        count = 1
    if count is None:  # the shared cache is down (django-redis ignores the error)
        logger.warning("rate limit for %s not enforced: cache unavailable", scope)
        return True
    return count <= limit
