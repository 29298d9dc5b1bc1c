from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from core.caching import content_version

from .models import SiteSettings

CACHE_TIMEOUT = 60 * 60


def site_settings():
    """The practice's settings, read from the database once per content change."""
    key = f"site-settings:{content_version()}"
    loaded = cache.get(key)
    if loaded is None:
        try:
            loaded = SiteSettings.load()
        except DatabaseError:
            # The 503 page still needs the practice's name and phone number.
            return SiteSettings(practice_name=settings.PRACTICE_NAME, phone=settings.PRACTICE_PHONE)
        cache.set(key, loaded, CACHE_TIMEOUT)
    return loaded


def site(request):
    return {"site": site_settings(), "site_url": settings.SITE_URL}
