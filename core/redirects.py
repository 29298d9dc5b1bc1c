"""Old web addresses keep working: when a published page's slug changes, its old address is
kept and answered with a permanent redirect (301) to the page wherever it is now.

Each app names its models from its AppConfig.ready() with keep_redirects(). A redirect
points at the object, not at a path, so a page renamed twice sends its first address
straight to the newest one. It is consulted only when nothing else answers (a 404), so a
page that takes an old address over wins, and an unpublished page is not revealed.

Most 404s are for addresses that never existed (mistypes, bots probing for other software),
so the list of old addresses is kept in the shared cache and such a 404 costs no query.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from .models import SlugRedirect

OLD_PATHS_CACHE_KEY = "slug-redirects:old-paths"
# A safety net only: every change to the list forgets the cached copy at once.
OLD_PATHS_TIMEOUT = 60 * 60


def keep_redirects(*models):
    """Keep the old address of these models' published rows when their slug changes
    (each has `slug`, `is_published` and `get_absolute_url()`)."""
    for model in models:
        pre_save.connect(_note_old_path, sender=model, weak=False)
        post_save.connect(_keep_old_path, sender=model, weak=False)


def language_neutral_path(obj):
    """obj's address without a language prefix, the form old addresses are stored in."""
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def _note_old_path(sender, instance, raw=False, **kwargs):
    instance._slug_redirect_from = None
    if raw or instance.pk is None:
        return
    before = sender._base_manager.filter(pk=instance.pk).values("slug", "is_published").first()
    if before and before["is_published"] and before["slug"] != instance.slug:
        old = copy.copy(instance)
        old.slug = before["slug"]
        instance._slug_redirect_from = language_neutral_path(old)


def _keep_old_path(sender, instance, raw=False, **kwargs):
    old_path = getattr(instance, "_slug_redirect_from", None)
    if raw or not old_path:
        return
    SlugRedirect.objects.update_or_create(
        old_path=old_path,
        defaults={
            "content_type": ContentType.objects.get_for_model(sender),
            "object_id": instance.pk,
        },
    )
    # Back at an address it had before: that address is live again, nothing to redirect.
    SlugRedirect.objects.filter(old_path=language_neutral_path(instance)).delete()


def kept_old_paths():
    """Every kept old address (language-neutral), from the cache when it holds them."""
    paths = cache.get(OLD_PATHS_CACHE_KEY)
    if paths is None:
        paths = frozenset(SlugRedirect.objects.values_list("old_path", flat=True))
        cache.set(OLD_PATHS_CACHE_KEY, paths, OLD_PATHS_TIMEOUT)
    return paths


@receiver([post_save, post_delete], sender=SlugRedirect)
def _forget_kept_old_paths(**kwargs):
    cache.delete(OLD_PATHS_CACHE_KEY)
    # Again once the change is committed: a request in between may have cached the old list.
    transaction.on_commit(lambda: cache.delete(OLD_PATHS_CACHE_KEY))


def redirect_for(request):
    """A 301 to where the page at this old address lives now, or None."""
    language = translation.get_language_from_path(request.path_info)
    path = request.path_info
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    if path not in kept_old_paths():
        return None
    kept = SlugRedirect.objects.filter(old_path=path).first()
    target = kept.target if kept else None
    if target is None or not getattr(target, "is_published", False):
        return None
    with translation.override(language or settings.LANGUAGE_CODE):
        url = target.get_absolute_url()
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class SlugRedirectMiddleware:
    """Turns a 404 at a kept old address into a 301; every other response passes as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return redirect_for(request) or response
