"""A per-client rate limit kept in the shared cache, so it holds across app servers.

The client's address is hashed before it becomes a cache key: the cache never
holds a patient's IP address. If the cache cannot be reached the limit is not
enforced (forms still have their honeypot and fill-time checks) and a warning
is logged, because turning every patient away during a cache outage would be
worse than letting a burst of spam through.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The patient's address as seen by the first trusted proxy (PROXY_COUNT in settings)."""
    proxy_count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0)
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if proxy_count and len(forwarded) >= proxy_count:
        return forwarded[-proxy_count]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope, *, limit, window_seconds):
    """Count one attempt for this client in this scope; False once it has used up its limit."""
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    ).hexdigest()[:32]
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{digest}:{window}"
    try:
        cache.add(key, 0, timeout=window_seconds)
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window
        count = 1
    if count is None:  # the shared cache is down (django-redis ignores the error)
        logger.warning("rate limit for %s not enforced: cache unavailable", scope)
        return True
    return count <= limit
