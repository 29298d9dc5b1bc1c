"""Turn what a patient types (ZIP, city, state, street address) into a point on the map.

`Geocoder` is the interface; `GazetteerGeocoder` answers offline from the Place table. The
`GEOCODERS` setting lists the geocoders to ask, in order, as dotted paths; by default the
gazetteer alone. A deployment that wants an online service puts it first, e.g.
`GEOCODERS = ["locations.geocoding.NominatimGeocoder", "locations.geocoding.GazetteerGeocoder"]`,
and the gazetteer answers whenever the service fails or finds nothing.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max
from django.utils.module_loading import import_string

from core.states import STATE_NAMES

from .distance import Point
from .gazetteer import city_key, fold_accents
from .models import Place

ZIP_IN_TEXT = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
STATE_BY_NAME = {name.lower(): code for code, name in STATE_NAMES.items()}
# Longest names first, so "west virginia" is not read as "virginia".
STATE_SUFFIX = re.compile(
    r"(?:^|[\s,]+)("
    + "|".join(sorted(map(re.escape, STATE_BY_NAME), key=len, reverse=True))
    + "|"
    + "|".join(code.lower() for code in STATE_NAMES)
    + r")\.?$"
)
MAX_CITY_WORDS = 4

logger = logging.getLogger(__name__)
COUNTRY_SUFFIX = re.compile(r"(?:^|[\s,]+)(?:usa?|u\.s\.(?:a\.)?|united states(?: of america)?)$")


@dataclass(frozen=True)
class Candidate:
    """One reading of an ambiguous query, offered to the patient as a link."""

    label: str
    query: str
    point: Point | None = None


@dataclass(frozen=True)
class GeocodeResult:
    """Exactly one of: a point (with its label), a whole state, candidates, or nothing."""

    label: str = ""
    point: Point | None = None
    state: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    # The ZIP code whose centre the point is, when the query gave one: an office there is
    # "at this ZIP code" rather than "0.0 miles" away.
    zip_code: str = ""

    @property
    def found(self):
        return self.point is not None or bool(self.state)

    @property
    def is_ambiguous(self):
        return bool(self.candidates)


class Geocoder(Protocol):
    def geocode(self, query: str) -> GeocodeResult: ...


def normalize(query):
    """Lower case, accents folded ('Añasco' -> 'anasco'), single spaces, no trailing 'USA'."""
    text = re.sub(r"\s+", " ", fold_accents(query).replace(",", ", ")).strip(" ,").lower()
    return COUNTRY_SUFFIX.sub("", text).strip(" ,")


def split_state(text):
    """'hagerstown, md' -> ('hagerstown', 'MD'); no state at the end -> (text, '')."""
    match = STATE_SUFFIX.search(text)
    if not match:
        return text, ""
    name = match.group(1)
    code = STATE_BY_NAME.get(name) or name.upper()
    return text[: match.start()].strip(" ,"), code


class GazetteerGeocoder:
    """Offline geocoding from the ZIP gazetteer: one or two indexed queries per search."""

    def geocode(self, query):
        text = normalize(query)
        if not text:
            return GeocodeResult()
        zips = ZIP_IN_TEXT.findall(text)
        if zips:
            found = self._zip(zips[-1])  # the last five digits: a house number comes first
            if found.found:
                return found
            # A ZIP the gazetteer lacks (new, or mistyped): read the city and state around it.
            text = ZIP_IN_TEXT.sub(" ", text).strip(" ,")
        rest, state = split_state(text)
        if state and not rest:
            return GeocodeResult(label=STATE_NAMES[state], state=state)
        found = self._city(rest, state)
        if not found.found and not found.is_ambiguous and state:
            found = self._city(text, "")  # "Columbia Pa" failing as a state suffix: try it whole
        return found

    def _zip(self, zip_code):
        place = Place.objects.filter(zip_code=zip_code, is_primary=True).first()
        if place is None:
            return GeocodeResult()
        return GeocodeResult(
            label=f"{zip_code} ({place.city}, {place.state})",
            point=Point(place.latitude, place.longitude),
            zip_code=zip_code,
        )

    def _city(self, text, state):
        keys = city_keys(text)
        if not keys:
            return GeocodeResult()
        places = Place.objects.filter(city_key__in=keys)
        if state:
            places = places.filter(state=state)
        matches = list(
            places.values("city_key", "state")
            .annotate(
                city=Max("city"),
                latitude=Avg("latitude"),
                longitude=Avg("longitude"),
                zips=Count("id"),
            )
            .order_by("-zips")
        )
        if not matches:
            return GeocodeResult()
        # The longest name that matched wins: "main st elkridge" is not a city, "elkridge" is.
        best_key = max((m["city_key"] for m in matches), key=len)
        matches = [m for m in matches if m["city_key"] == best_key]
        if len(matches) > 1:
            return GeocodeResult(
                candidates=[
                    Candidate(
                        label=f"{m['city']}, {STATE_NAMES.get(m['state'], m['state'])}",
                        query=f"{m['city']}, {m['state']}",
                        point=Point(m["latitude"], m["longitude"]),
                    )
                    for m in sorted(matches, key=lambda m: STATE_NAMES.get(m["state"], ""))
                ]
            )
        match = matches[0]
        return GeocodeResult(
            label=f"{match['city']}, {match['state']}",
            point=Point(match["latitude"], match["longitude"]),
        )


def city_keys(text):
    """The city names a query might end with: the last comma part, and its last 1-4 words.

    Each is keyed on its own, so an abbreviation that starts one is spelled out: "5 oak st
    louis" tries "saint louis".
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return []
    words = city_key(parts[-1]).split()
    n_words = range(1, min(MAX_CITY_WORDS, len(words)) + 1)
    keys = {city_key(" ".join(words[-n:])) for n in n_words}
    return sorted(key for key in keys if not key.isdigit())


class FallbackGeocoder:
    """Ask each geocoder in turn; the first that finds something (or candidates) answers.

    A geocoder that raises (an online service down, slow or refusing) is passed over. The log
    names only the geocoder and the error's type: an error's text may repeat the query.
    """

    def __init__(self, *geocoders: Geocoder):
        self.geocoders = geocoders

    def geocode(self, query):
        result = GeocodeResult()
        for geocoder in self.geocoders:
            try:
                result = geocoder.geocode(query)
            except Exception as error:
                logger.warning(
                    "%s failed (%s); asking the next geocoder",
                    type(geocoder).__name__,
                    type(error).__name__,
                )
                continue
            if result.found or result.is_ambiguous:
                return result
        return result


class NominatimGeocoder:
    """OpenStreetMap's Nominatim through geopy, for a deployment that installs geopy.

    Settings: `GEOPY_OPTIONS`, keyword arguments for geopy's `Nominatim`: a `user_agent`
    naming the site (GEOPY_USER_AGENT) and a `timeout` of a few seconds, so a slow service
    does not hold the page. What a patient types is sent to the service: check its usage policy
    and the practice's privacy notice before turning it on. The label keeps only the town
    and state, so no street address is shown back or kept in the cache.
    """

    def __init__(self):
        from geopy.geocoders import Nominatim  # optional dependency, imported only when used

        self.service = Nominatim(**settings.GEOPY_OPTIONS)

    def geocode(self, query):
        location = self.service.geocode(
            query, exactly_one=True, addressdetails=True, country_codes="us"
        )
        if location is None:
            return GeocodeResult()
        address = location.raw.get("address", {})
        town = next((address[k] for k in ("city", "town", "village") if k in address), "")
        label = ", ".join(part for part in (town, address.get("state", "")) if part)
        return GeocodeResult(label=label, point=Point(location.latitude, location.longitude))


class CachedGeocoder:
    """Remembers answers for a day in the shared cache.

    Patients search the same ZIP codes and towns over and over, and one cache read costs less
    than the gazetteer's query (or an online service's call). The key is a hash, so what a
    patient typed is not kept in the cache; the answer holds only place names and points.
    """

    timeout = 60 * 60 * 24

    def __init__(self, geocoder: Geocoder):
        self.geocoder = geocoder

    def geocode(self, query):
        key = "geocode:" + hashlib.sha256(normalize(query).encode()).hexdigest()
        result = cache.get(key)
        if result is None:
            result = self.geocoder.geocode(query)
            cache.set(key, result, self.timeout)
        return result


def get_geocoder() -> Geocoder:
    geocoders = [import_string(path)() for path in settings.GEOCODERS]
    chain = geocoders[0] if len(geocoders) == 1 else FallbackGeocoder(*geocoders)
    return CachedGeocoder(chain)
