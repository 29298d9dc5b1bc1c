"""The languages providers and office staff speak: stored as codes, named in the page's language
on the providers list, each provider's page and each office's page."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from core.spoken_languages import SpokenLanguagesFormField
from locations.factories import ProviderFactory
from locations.models import Provider

pytestmark = pytest.mark.django_db


def main_text(html):
    return html[html.index("<main") : html.index("</main>")]


def test_the_florida_offices_say_spanish_is_spoken_there_in_both_languages(client, demo):
    english = main_text(client.get("/locations/hialeah/").content.decode())
    assert "<li>Languages spoken here: English, Spanish</li>" in english
    spanish = main_text(client.get("/es/locations/hialeah/").content.decode())
    assert "<li>Idiomas que se hablan aquí: Inglés, Español</li>" in spanish
    assert "<li>Languages spoken here: English</li>" in main_text(
        client.get("/locations/hagerstown/").content.decode()
    )


def test_the_office_structured_data_lists_its_languages(client, demo):
    html = client.get("/locations/weston/").content.decode()
    assert '"availableLanguage":["en","es"]' in html


def test_the_providers_list_says_which_languages_each_provider_speaks(client, demo):
    cards = re.findall(
        r'<li class="card">(.*?)</li>', client.get("/es/providers/").content.decode(), re.S
    )
    surgeon = next(card for card in cards if "Quintero-Vidal" in card)
    assert "<p>Idiomas: Inglés, Español</p>" in surgeon
    calloway = next(card for card in cards if "Calloway" in card)
    assert "<p>Idiomas: Inglés, Español, Portugués</p>" in calloway
    english = client.get("/providers/").content.decode()
    assert "<p>Languages: English, Hindi</p>" in english


def test_staff_choose_languages_from_a_list_and_an_unknown_code_is_refused():
    field = SpokenLanguagesFormField(required=True)
    assert field.clean(["en", "ht"]) == "en,ht"
    assert ("ht", "Haitian Creole") in field.choices
    assert field.prepare_value("en,es") == ["en", "es"]
    with pytest.raises(ValidationError):
        field.clean(["klingon"])
    provider = ProviderFactory.build(languages="en,xx")
    with pytest.raises(ValidationError, match="Unknown language code: xx"):
        provider.full_clean(exclude=["slug"])


def test_existing_providers_languages_become_codes():
    migration = importlib.import_module("locations.migrations.0012_languages_as_codes")
    provider = ProviderFactory()
    Provider.objects.filter(pk=provider.pk).update(languages="English, spanish, Tagalog")
    migration.names_to_codes(apps, None)
    provider.refresh_from_db()
    assert provider.languages == "en,es,tl"
    migration.codes_to_names(apps, None)
    provider.refresh_from_db()
    assert provider.languages == "English, Spanish, Tagalog"
