"""Whole-page caching for public pages, served before the rest of the middleware.

Every cached page is stored with the "content version" it was rendered at. Saving or
deleting any content row bumps the version (see signals.py), so the next request renders
afresh: a change in the admin shows at once, on every app server, because the version
lives in the shared cache. The version and the page are read in one round trip.

Two pieces work together:

- `cache_public_page(view, params=...)` marks a view's pages as shareable and names the
  query parameters the page reads. A request with any other parameter is redirected to
  the same URL without it, and a value that fails its pattern is rendered but never
  stored, so junk query strings cannot fill the cache: the number of cached pages is
  bounded by the content.
- `PublicPageCacheMiddleware`, placed before sessions, authentication, the second factor
  and the lockout, answers a hit straight from the cache with the headers the full path
  set (CSP, framing, Content-Language, Vary; the security middleware in front of it adds
  its own each time), and a matching If-None-Match with a 304. Public pages carry
  `Cache-Control: no-cache`, so browsers revalidate every time and still see a change
  at once.
"""

import functools
import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.utils.translation import get_language_from_path

CONTENT_VERSION_KEY = "content-version"
# Patterns for `params` that most pages share: a page number, a slug picked from a list.
PAGE_NUMBER = r"[1-9][0-9]{0,3}"
SLUG = r"[-a-z0-9]{1,80}"
PAGE_TIMEOUT = 10 * 60
# Headers a 304 repeats from the full answer (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary")


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
    # Robust: a warm-up that cannot be queued (the task table not migrated yet) must not
    # fail the save; pages then render on their next request, as without a warm-up.
    transaction.on_commit(_queue_warm_up, robust=True)


def _queue_warm_up():
    from .warmup import queue_warm_up  # the task module imports this one

    queue_warm_up()


def path_section(path):
    """The first part of a path after its language prefix: '/es/treatments/x/' -> 'treatments'."""
    parts = [part for part in path.split("/") if part]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    return parts[0] if parts else ""


def _is_cacheable_request(request):
    # Staff (session cookie) see drafts and the admin toolbar; a patient with
    # a pending message (messages cookie) sees a one-off notice. Neither is shared.
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    )


def _is_cacheable_response(response):
    return (
        getattr(response, "public_cache_timeout", None) is not None
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(response, "streaming", False)
    )


def page_key(request):
    """The page's language, path and query parameters, in a fixed order."""
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    query = sorted(request.GET.lists())
    url = request.path + (f"?{urlencode(query, doseq=True)}" if query else "")
    return f"page:{language}:{hashlib.sha256(url.encode()).hexdigest()}"


def _etag(content):
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _matches(request, etag):
    wanted = request.headers.get("If-None-Match", "")
    return wanted == "*" or etag in (tag.strip().removeprefix("W/") for tag in wanted.split(","))


def _not_modified(response):
    not_modified = HttpResponseNotModified()
    for name in NOT_MODIFIED_HEADERS:
        if name in response:
            not_modified[name] = response[name]
    return not_modified


def _stored(version, response):
    # Plain values, not the response object: far cheaper to unpickle on every hit.
    return (version, response.status_code, list(response.headers.items()), response.content)


def _restored(stored):
    _version, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PublicPageCacheMiddleware:
    """Answer shareable public pages from the cache before the rest of the middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request) or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([CONTENT_VERSION_KEY, key])
        version = found.get(CONTENT_VERSION_KEY) or content_version()
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            response = _restored(stored)
        else:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            response["ETag"] = _etag(response.content)
            response["Cache-Control"] = "no-cache"
            cache.set(key, _stored(version, response), response.public_cache_timeout)
        return _not_modified(response) if _matches(request, response["ETag"]) else response


def _matches_pattern(pattern, values):
    return all(re.fullmatch(pattern, value) for value in values)


def cache_public_page(view=None, *, timeout=PAGE_TIMEOUT, params=None):
    """Let PublicPageCacheMiddleware share this view's pages with every anonymous visitor.

    `params` maps each query parameter the page reads to a regular expression its value
    must match for the page to be stored (e.g. {"page": r"[1-9]\\d{0,3}"}); None means
    any value. Parameters not named are dropped by a redirect to the clean URL.
    """
    params = params or {}

    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD") and set(request.GET) - set(params):
                kept = [(name, values) for name, values in request.GET.lists() if name in params]
                query = urlencode(kept, doseq=True)
                return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
            response = view_func(request, *args, **kwargs)
            if all(
                pattern is None or _matches_pattern(pattern, request.GET.getlist(name))
                for name, pattern in params.items()
            ):
                response.public_cache_timeout = timeout
            return response

        wrapped.is_public_page = True  # the warm-up (warmup.py) renders only these
        return wrapped

    return decorator(view) if view is not None else decorator
