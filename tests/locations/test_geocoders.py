"""The geocoder chain: an online service first, the offline gazetteer when it fails."""

import logging
import sys
import types

import pytest

from locations.geocoding import (
    FallbackGeocoder,
    GazetteerGeocoder,
    GeocodeResult,
    NominatimGeocoder,
    Point,
)

pytestmark = pytest.mark.django_db


class ServiceDown:
    """Stands in for an online geocoder whose service cannot be reached."""

    def geocode(self, query):
        raise ConnectionError(f"https://geocoder.example/?q={query}: timed out")


class ServiceAnswers:
    """Stands in for an online geocoder that finds the place."""

    def geocode(self, query):
        return GeocodeResult(label="Online, MD", point=Point(39.0, -77.0))


def test_a_failing_online_geocoder_falls_back_to_the_gazetteer_and_logs_no_query(gazetteer, caplog):
    with caplog.at_level(logging.WARNING, logger="locations.geocoding"):
        result = FallbackGeocoder(ServiceDown(), GazetteerGeocoder()).geocode("21740")
    assert result.label == "21740 (Hagerstown, MD)"
    assert "ServiceDown failed (ConnectionError)" in caplog.text
    assert "21740" not in caplog.text


def test_an_answering_online_geocoder_is_used_without_asking_the_gazetteer(
    gazetteer, django_assert_num_queries
):
    with django_assert_num_queries(0):
        result = FallbackGeocoder(ServiceAnswers(), GazetteerGeocoder()).geocode("21740")
    assert result.label == "Online, MD"


def test_the_geocoders_setting_names_the_chain_the_finder_asks(client, offices, settings):
    settings.GEOCODERS = [
        "tests.locations.test_geocoders.ServiceDown",
        "locations.geocoding.GazetteerGeocoder",
    ]
    html = client.get("/locations/", {"q": "Hagerstown, MD"}).content.decode()
    assert "Offices nearest Hagerstown, MD" in html
    settings.GEOCODERS = ["tests.locations.test_geocoders.ServiceAnswers"]
    html = client.get("/locations/", {"q": "Somewhere else"}).content.decode()
    assert "Offices nearest Online, MD" in html


def test_nominatim_adapter_keeps_only_the_town_and_state_of_what_it_finds(monkeypatch, settings):
    # geopy is an optional dependency and not installed here: a stand-in module answers.
    class Nominatim:
        def __init__(self, **options):
            self.options = options

        def geocode(self, query, **kwargs):
            assert kwargs["country_codes"] == "us"
            address = {"house_number": "5", "road": "Oak Lane", "town": "Smithsburg"}
            raw = {"address": {**address, "state": "Maryland"}}
            return types.SimpleNamespace(latitude=39.65, longitude=-77.57, raw=raw)

    geocoders = types.ModuleType("geopy.geocoders")
    geocoders.Nominatim = Nominatim
    monkeypatch.setitem(sys.modules, "geopy", types.ModuleType("geopy"))
    monkeypatch.setitem(sys.modules, "geopy.geocoders", geocoders)
    settings.GEOPY_OPTIONS = {"user_agent": "clinic-site-test"}
    geocoder = NominatimGeocoder()
    assert geocoder.service.options == {"user_agent": "clinic-site-test"}
    result = geocoder.geocode("5 Oak Lane, Smithsburg")
    assert result == GeocodeResult(label="Smithsburg, Maryland", point=Point(39.65, -77.57))
