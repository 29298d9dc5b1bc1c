"""The footer's list of offices, which every page shows."""

import itertools

from django import template
from django.core.cache import cache
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.caching import content_version
from core.states import STATE_NAMES

from ..models import Location

register = template.Library()


FOOTER_OFFICES_PER_STATE = 5


@register.simple_tag
def footer_offices():
    """The footer's offices by state, as HTML cached until content changes.

    At most a few offices per state, then a link to the state's page, so the
    footer stays small however many offices the practice opens. The HTML, not
    just the list, is cached: rendering a few hundred links costs more than the
    rest of a search page. Just a link to the finder when the database is down,
    so the 503 page still renders.
    """
    key = f"footer-offices:{content_version()}:{get_language()}"
    html = cache.get(key)
    if html is None:
        try:
            states = _offices_by_state()
        except DatabaseError:
            return render_to_string("locations/includes/footer_offices.html", {"states": []})
        html = render_to_string("locations/includes/footer_offices.html", {"states": states})
        cache.set(key, str(html), 60 * 60)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped as it rendered


def _offices_by_state():
    offices = (
        Location.objects.published().order_by("state", "name").values_list("name", "slug", "state")
    )
    states = []
    for state, group in itertools.groupby(offices, key=lambda office: office[2]):
        group = list(group)
        states.append(
            {
                "name": STATE_NAMES.get(state, state),
                "url": reverse("locations:state", args=[state]),
                "count": len(group),
                "offices": [
                    {"name": name, "url": reverse("locations:detail", args=[slug])}
                    for name, slug, _state in group[:FOOTER_OFFICES_PER_STATE]
                ],
            }
        )
    return states
