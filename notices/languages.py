"""Language-help taglines: which languages each state needs, read from a data file.

The file (settings.NOTICE_LANGUAGE_TAGLINES) maps each state to the top 15 languages of
its residents with limited English, and each language to a tagline written in it. The
practice serves the union of the lists of the states where it has offices, plus English.
"""

import functools
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html

from core.templatetags.clinic import tel_href

logger = logging.getLogger(__name__)

ENGLISH = "en"
DIRECTIONS = {"ltr", "rtl"}


@dataclass(frozen=True)
class Tagline:
    code: str
    name: str
    native_name: str
    direction: str
    text: str

    def html(self, phone):
        """The tagline with the number as a link; the number keeps left-to-right order
        inside right-to-left text."""
        before, _placeholder, after = self.text.partition("{phone}")
        if not phone:
            return format_html("{}{}", before.rstrip(), after)
        return format_html(
            '{}<a href="tel:{}" dir="ltr">{}</a>{}', before, tel_href(phone), phone, after
        )


@functools.cache
def load(path):
    with open(path, encoding="utf-8") as data_file:
        data = json.load(data_file)
    languages = {
        code: Tagline(
            code=code,
            name=entry["name"],
            native_name=entry["native_name"],
            direction=entry["dir"],
            text=entry["tagline"],
        )
        for code, entry in data["languages"].items()
    }
    for code, tagline in languages.items():
        if tagline.direction not in DIRECTIONS or "{phone}" not in tagline.text:
            raise ValueError(f"{path}: language {code} needs dir ltr or rtl and a {{phone}}")
    for state, codes in data["states"].items():
        unknown = set(codes) - set(languages)
        if unknown:
            raise ValueError(f"{path}: {state} lists languages with no tagline: {unknown}")
    return data["states"], languages, data["source"]


def taglines_for(states):
    """English first, then each language on any of these states' lists, once, in the
    order the lists give them. A state without a list is logged for staff to add."""
    state_lists, languages, _source = load(settings.NOTICE_LANGUAGE_TAGLINES)
    codes = [ENGLISH]
    for state in sorted(states):
        if state not in state_lists:
            logger.warning("no language list for state %s in the taglines file", state)
            continue
        codes += [code for code in state_lists[state] if code not in codes]
    return [languages[code] for code in codes]
