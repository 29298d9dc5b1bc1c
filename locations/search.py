"""Nearest offices to a point: an indexed bounding box narrows, haversine ranks the few left.

The query count does not grow with the number of offices: one box query, one more only when
the box is empty, then one query for the shown offices and two for their hours and closures.
"""

import math
from dataclasses import dataclass, field

from django.db.models import ExpressionWrapper, FloatField, Value
from django.db.models.functions import Cast
from django.utils import timezone

from .geocoding import Point
from .models import Location

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.0
RADIUS_CHOICES = (10, 25, 50, 100)
# Without a chosen radius, look this far first; nearly every patient has an office inside it.
DEFAULT_BOX_MILES = 100
RESULT_LIMIT = 10


def haversine_miles(a: Point, b: Point):
    lat1, lng1, lat2, lng2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def box_deltas(point: Point, miles):
    """Half-height and half-width in degrees of a box that holds a circle of `miles`."""
    lat_delta = miles / MILES_PER_DEGREE
    cos_lat = max(math.cos(math.radians(point.latitude)), 0.01)
    return lat_delta, min(lat_delta / cos_lat, 180)


@dataclass
class NearbyOffices:
    results: list = field(default_factory=list)  # [(office, miles)], nearest first
    total_within: int = 0  # how many offices the radius (or the first box) holds
    outside_radius: bool = False  # nothing within the radius: these are the nearest beyond it


def _ranked(point, rows, radius):
    ranked = sorted(
        (haversine_miles(point, Point(float(lat), float(lng))), pk) for pk, lat, lng in rows
    )
    if radius:
        ranked = [(miles, pk) for miles, pk in ranked if miles <= radius]
    return ranked


def _nearest_anywhere(point, limit):
    """Ordered by a flat-earth distance in SQL, for the rare search with nothing in the box."""
    cos_lat = math.cos(math.radians(point.latitude))
    d_lat = Cast("latitude", FloatField()) - Value(point.latitude)
    d_lng = (Cast("longitude", FloatField()) - Value(point.longitude)) * Value(cos_lat)
    approximate = ExpressionWrapper(d_lat * d_lat + d_lng * d_lng, output_field=FloatField())
    return (
        Location.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(approximate=approximate)
        .order_by("approximate")
        .values_list("pk", "latitude", "longitude")[:limit]
    )


def nearest_offices(point: Point, *, radius=None, limit=RESULT_LIMIT, now=None) -> NearbyOffices:
    lat_delta, lng_delta = box_deltas(point, radius or DEFAULT_BOX_MILES)
    rows = (
        Location.objects.published()
        .in_box(point.latitude, point.longitude, lat_delta, lng_delta)
        .values_list("pk", "latitude", "longitude")
    )
    ranked = _ranked(point, rows, radius)
    found = NearbyOffices(total_within=len(ranked))
    if not ranked:
        ranked = _ranked(point, _nearest_anywhere(point, limit), None)
        found.outside_radius = bool(radius) and bool(ranked)
    ranked = ranked[:limit]
    offices = Location.objects.filter(pk__in=[pk for _, pk in ranked]).with_hours(
        timezone.localdate(now)
    )
    by_pk = {office.pk: office for office in offices}
    found.results = [(by_pk[pk], miles) for miles, pk in ranked]
    return found
