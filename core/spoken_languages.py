"""The languages someone speaks (a provider, an office's staff), stored as language codes and
named in the page's language: "English, Spanish" on an English page, "Inglés, Español" on a
Spanish one. A code, not a name, so no page shows an English word as Spanish, and a third
language of the site names them too with no data to change.

Django knows the names of the languages it is translated into; a few that patients of our
offices speak are missing there (Haitian Creole in South Florida, Tagalog), so they are
named here, through our own catalog.
"""

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

MORE_LANGUAGES = {"ht": gettext_noop("Haitian Creole"), "tl": gettext_noop("Tagalog")}
KNOWN = {
    **{code: info["name"] for code, info in LANG_INFO.items() if "name" in info},
    **MORE_LANGUAGES,
}


def language_name(code):
    """The language's name in the active language (Django's catalog, or ours)."""
    return gettext(KNOWN[code]) if code in KNOWN else code


def codes(value):
    return [code.strip() for code in value.split(",") if code.strip()]


def validate_language_codes(value):
    unknown = [code for code in codes(value) if code not in KNOWN]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s."), params={"codes": ", ".join(unknown)}
        )


class SpokenLanguagesFormField(forms.MultipleChoiceField):
    """Ticks from a list of languages, stored as "en,es"."""

    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, *, max_length=None, empty_value=None, **kwargs):
        kwargs.pop("choices", None)
        super().__init__(choices=self.language_choices, **kwargs)

    @staticmethod
    def language_choices():
        # Named in the staff member's language, in that language's alphabetical order.
        named = [(code, language_name(code)) for code in KNOWN]
        return sorted(named, key=lambda choice: choice[1].casefold())

    def prepare_value(self, value):
        return codes(value) if isinstance(value, str) else value

    def clean(self, value):
        return ",".join(super().clean(value))


class SpokenLanguagesField(models.CharField):
    """Language codes separated by commas, e.g. "en,es"; at least one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("default", "en")
        kwargs.setdefault("help_text", _("Hold Ctrl (⌘ on a Mac) to choose more than one."))
        super().__init__(*args, **kwargs)
        self.validators.append(validate_language_codes)

    def formfield(self, **kwargs):
        # The admin gives every CharField a text box, which would send one string where a
        # list is expected ("Enter a list of values"): this field keeps its own list.
        kwargs.pop("widget", None)
        return super().formfield(**{"form_class": SpokenLanguagesFormField, **kwargs})


def spoken_language_names(value):
    return [language_name(code) for code in codes(value)]
