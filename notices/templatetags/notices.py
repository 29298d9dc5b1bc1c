"""Notices shown inside other pages: the boxes on treatment, provider, resource and form pages."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import content_version

from ..models import Notice, today

register = template.Library()


@register.filter
def tagline_html(tagline, phone):
    return tagline.html(phone)


def _callouts(key, notices):
    """HTML cached until content changes or the day does (a version may take effect
    overnight), so a page pays for its notices once, not on every view."""
    key = f"notice-callouts:{content_version()}:{today()}:{get_language()}:{key}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("notices/includes/callouts.html", {"notices": list(notices)})
        cache.set(key, str(html), 60 * 60)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped as it rendered


@register.simple_tag
def notice_callout(kind):
    """One notice's box, e.g. the good-faith estimate on the appointment form."""
    return _callouts(kind, Notice.objects.published().filter(kind=kind))


@register.simple_tag
def notice_callouts_for(page):
    """The boxes of the notices staff chose to show on this treatment, provider or
    resource page."""
    label = page._meta.label_lower
    return _callouts(f"{label}:{page.pk}", page.notices.published())
