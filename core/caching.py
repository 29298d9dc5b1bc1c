"""Whole-page caching for public pages, invalidated whenever staff save content.

Every cached page is stored with the "content version" it was rendered at.
Saving or deleting any content row bumps the version (see signals.py), so the
next request renders afresh: a change in the admin shows at once, on every app
server, because the version lives in the shared cache. The version and the
page are read in one round trip to the cache.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

CONTENT_VERSION_KEY = "content-version"
PAGE_TIMEOUT = 10 * 60


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, 1)
    return version


def _increment_content_version():
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def bump_content_version():
    """Invalidate every cached page, now and again once the change is committed.

    The second bump matters: a page rendered from the old rows between the
    first bump and the commit would otherwise be stored under the new version.
    """
    _increment_content_version()
    transaction.on_commit(_increment_content_version)


def _is_cacheable_request(request):
    # Staff (session cookie) see drafts and the admin toolbar; a patient with
    # a pending message (messages cookie) sees a one-off notice. Neither is shared.
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def _is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(response, "streaming", False)
    )


def _page_key(request):
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{translation.get_language()}:{url}"


def _stored(version, response):
    # Plain values, not the response object: far cheaper to unpickle on every hit.
    return (version, response.status_code, list(response.headers.items()), response.content)


def _restored(stored):
    _version, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def cache_public_page(view=None, *, timeout=PAGE_TIMEOUT):
    """Serve an anonymous GET from the shared cache while the content version is unchanged."""

    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not _is_cacheable_request(request):
                return view_func(request, *args, **kwargs)
            key = _page_key(request)
            found = cache.get_many([CONTENT_VERSION_KEY, key])
            version = found.get(CONTENT_VERSION_KEY) or content_version()
            stored = found.get(key)
            if stored is not None and stored[0] == version:
                return _restored(stored)
            response = view_func(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if _is_cacheable_response(response):
                cache.set(key, _stored(version, response), timeout)
            return response

        return wrapped

    return decorator(view) if view is not None else decorator
