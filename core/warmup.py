"""After a content save, the worker renders the public pages into the page cache again.

A save bumps the content version (core/caching.py), so every cached page is stale at
once and the next patient on each page would wait for a render from the database. Instead,
once the save is committed, `warm_public_pages` is queued; the worker (`manage.py
db_worker`) requests every sitemap URL in every language through the site's own request
handler, most visited first (the home page, then treatments, then offices), and
PublicPageCacheMiddleware stores each page exactly as a patient's request would. A page is
stored with the version it was rendered at, so one rendered while another save lands is
never served; the warm-up then stops and the save's own warm-up starts over.

Only with a shared cache (Redis): with the per-process cache of a local run the worker
would warm its own memory, which no web process reads.
"""

import io
import logging
import sys
import time
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.urls import resolve
from django.utils import translation
from django.utils.translation import get_language_from_path
from django_tasks import task

from .caching import content_version, path_section
from .sitemaps import SITEMAPS, StaticPagesSitemap

logger = logging.getLogger(__name__)

QUEUED_KEY = "warm-up-queued"
SLICE_SECONDS = 2.0
# The most visited sections first; the rest of the site after them, English before Spanish.
FIRST_SECTIONS = ("", "treatments", "locations")


def queue_warm_up():
    """Queue one warm-up, unless one is queued and not started yet (a save writes many rows)."""
    if settings.WARM_PAGES_AFTER_SAVE and cache.add(QUEUED_KEY, True, timeout=10 * 60):
        warm_public_pages.enqueue()


def public_paths():
    """Every sitemap URL in every language that the page cache keeps, most visited first."""
    paths = []
    for sitemap in [StaticPagesSitemap, *SITEMAPS.values()]:
        paths += [urlsplit(url["location"]).path for url in sitemap().get_urls()]
    # A page with a form and its token (the appointment request) is never shared.
    paths = [path for path in paths if _is_public_page(path)]
    languages = [code for code, _name in settings.LANGUAGES]

    def rank(path):
        section = path_section(path)
        first = FIRST_SECTIONS.index(section) if section in FIRST_SECTIONS else len(FIRST_SECTIONS)
        language = path.strip("/").split("/")[0]
        return (first, languages.index(language) if language in languages else 0)

    return sorted(dict.fromkeys(paths), key=rank)


def _is_public_page(path):
    with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        return getattr(resolve(path).func, "is_public_page", False)


@task(priority=-50)
def warm_public_pages(*, version=None, start=0):
    """Render the public pages from `start` on, for about SLICE_SECONDS, then queue the rest.

    In slices, and below every other task, so an email queued meanwhile (a patient's
    confirmation) waits for one slice at most, however many pages the site has.
    """
    if version is None:
        cache.delete(QUEUED_KEY)  # a save from now on queues its own warm-up
        version = content_version()
    handler = WSGIHandler()
    paths = public_paths()
    deadline = time.monotonic() + SLICE_SECONDS
    for index in range(start, len(paths)):
        if content_version() != version:
            logger.info("warm-up stopped at page %s: content changed again", index)
            return
        if index > start and time.monotonic() > deadline:
            warm_public_pages.enqueue(version=version, start=index)
            return
        handler(page_request(paths[index]), lambda status, headers, exc_info=None: None).close()
    logger.info("warm-up rendered %s pages", len(paths))


def page_request(path):
    """The WSGI environ of a patient's plain GET of `path` on the public site (SITE_URL)."""
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    return {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path decoded, as bytes in a latin-1 string.
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or (443 if secure else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
