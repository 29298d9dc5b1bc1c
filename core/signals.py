"""Keep derived things in step with content: the page cache and image renditions (queued)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .caching import bump_content_version
from .images import queue_renditions

# Apps whose rows appear on public pages; each adds itself from its AppConfig.ready()
# with watch_content(). Appointment requests never appear, so that app never does.
CONTENT_APPS = set()


def watch_content(app_label):
    """Saving, deleting or relinking any row of this app refreshes pages and renditions."""
    CONTENT_APPS.add(app_label)


def _is_content(sender):
    return getattr(sender, "_meta", None) is not None and sender._meta.app_label in CONTENT_APPS


def _affects_public_pages(instance):
    # A row may know better: a story waiting for review is on no public page yet.
    check = getattr(instance, "affects_public_pages", None)
    return check() if check else True


@receiver(post_save)
def content_saved(sender, instance, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    queue_renditions(instance)
    if _affects_public_pages(instance):
        bump_content_version()


@receiver(post_delete)
@receiver(m2m_changed)
def content_changed(sender, **kwargs):
    instance = kwargs.get("instance")
    if instance is not None and not _affects_public_pages(instance):
        return
    if _is_content(sender) or _is_content(getattr(instance, "__class__", None)):
        bump_content_version()
