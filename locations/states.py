"""State web addresses (/locations/maryland/), kept apart from office slugs by a constraint."""

from django.utils.text import slugify

from core.states import STATE_NAMES

STATE_SLUGS = {slugify(name): code for code, name in STATE_NAMES.items()}
SLUG_FOR_STATE = {code: slug for slug, code in STATE_SLUGS.items()}


class StateSlugConverter:
    """Matches only state slugs, so /locations/<state>/ is tried before the office pattern."""

    regex = "|".join(sorted(STATE_SLUGS, key=len, reverse=True))

    def to_python(self, value):
        return STATE_SLUGS[value]

    def to_url(self, value):
        return SLUG_FOR_STATE.get(value, value)
