"""Nearest offices to a point, ranked in SQL: an indexed bounding box narrows, arithmetic orders.

The query count does not grow with the number of offices: one query finds the nearest few
inside the radius together with the radius's total, one or two more run only when the radius
holds none, then two fetch the shown offices' hours and closures.
"""

import functools
import math
import operator
from dataclasses import dataclass, field

from django.db.models import Case, Count, FloatField, Min, Q, When, Window
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .geocoding import Point
from .models import Location

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.0
RADIUS_CHOICES = (10, 25, 50, 100)
# Without a chosen radius, look this far first; nearly every patient has an office inside it.
DEFAULT_RADIUS_MILES = 100
RESULT_LIMIT = 10
# A place "has an office" when one is this close: the town a patient means, if it is the only
# one of its name that does. Not the default radius: Weston, WV is 95 miles from Harrisonburg.
NEARBY_OFFICE_MILES = 50


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


def squared_miles_from(point: Point):
    """An office's squared distance in miles from `point`, as plain SQL arithmetic.

    A flat map scaled east-west by the cosine of the two points' mid-latitude, that cosine
    taken from the first terms of its Taylor series, so that SQLite and PostgreSQL both
    compute it without trigonometric functions. Inside 100 miles it is within 0.03% of the
    great-circle distance (0.03 miles at most) anywhere in the United States: close enough to
    choose and count the offices; the distance shown is then the exact one (haversine_miles).
    One raw SQL expression with parameters, because the ORM takes milliseconds to compile the
    same formula built from F() and Value() nodes.
    """
    radians = math.pi / 180
    cos_lat, sin_lat = math.cos(point.latitude * radians), math.sin(point.latitude * radians)
    d_lat = '("locations_location"."latitude" - %s)'
    d_lng = '("locations_location"."longitude" - %s)'
    east_west = f"({d_lng} * (%s - %s * {d_lat}))"
    sql = f"(%s * ({d_lat} * {d_lat} + {east_west} * {east_west}))"
    east_west_params = (point.longitude, cos_lat, sin_lat * radians / 2, point.latitude)
    params = ((EARTH_RADIUS_MILES * radians) ** 2, point.latitude, point.latitude,
              *east_west_params, *east_west_params)  # fmt: skip
    # Only numbers go in, and as parameters: no text from the request reaches the SQL.
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611


@dataclass
class NearbyOffices:
    results: list = field(default_factory=list)  # [(office, miles)], nearest first
    total_within: int = 0  # how many offices the radius (or the default one) holds
    outside_radius: bool = False  # nothing within the radius: these are the nearest beyond it
    offset: int = 0  # how many nearer ones earlier pages showed

    @property
    def last_shown(self):
        return self.offset + len(self.results)

    @property
    def has_more(self):
        return not self.outside_radius and self.last_shown < self.total_within


def _within(point, radius, limit, offset=0):
    """The nearest `limit` offices within `radius` miles (after the nearest `offset`), each
    annotated with the total there."""
    lat_delta, lng_delta = box_deltas(point, radius)
    return (
        Location.objects.published()
        .in_box(point.latitude, point.longitude, lat_delta, lng_delta)
        .alias(squared_miles=squared_miles_from(point))
        .filter(squared_miles__lte=radius * radius)
        .annotate(total_within=Window(Count("pk")))
        .order_by("squared_miles", "pk")[offset : offset + limit]
    )


def _nearest_anywhere(point, limit):
    """For the rare search with nothing within the radius: every office, ordered in SQL."""
    return (
        Location.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .alias(squared_miles=squared_miles_from(point))
        .order_by("squared_miles", "pk")[:limit]
    )


def nearest_offices(
    point: Point, *, radius=None, limit=RESULT_LIMIT, now=None, offset=0
) -> NearbyOffices:
    today = timezone.localdate(now)
    within = radius or DEFAULT_RADIUS_MILES
    offices = list(_within(point, within, limit, offset).with_hours(today))
    if not offices and offset:
        offset = 0  # a page past the last (an edited link): the first page
        offices = list(_within(point, within, limit).with_hours(today))
    found = NearbyOffices(total_within=offices[0].total_within if offices else 0, offset=offset)
    if not offices and radius and radius < DEFAULT_RADIUS_MILES:
        # Nothing inside a small chosen radius: offer the nearest beyond it, from a wider
        # circle, which is still an indexed search.
        offices = list(_within(point, DEFAULT_RADIUS_MILES, limit).with_hours(today))
    if not offices:
        offices = list(_nearest_anywhere(point, limit).with_hours(today))
    found.outside_radius = bool(radius) and not found.total_within and bool(offices)
    ranked = [
        (office, haversine_miles(point, Point(office.latitude, office.longitude)))
        for office in offices
    ]
    found.results = sorted(ranked, key=lambda pair: pair[1])
    return found


def nearest_office_miles(points, within=NEARBY_OFFICE_MILES):
    """For each point, the miles to the nearest published office within `within`, or None.

    One aggregate query for all the points together, the nearest found in SQL, so a name
    shared by 25 towns costs no more than a few milliseconds.
    """
    if not points:
        return []
    boxes = [_box(point, within) for point in points]
    nearest = (
        Location.objects.published()
        .filter(functools.reduce(operator.or_, boxes))
        .aggregate(
            **{
                f"point_{n}": Min(Case(When(box, then=squared_miles_from(point))))
                for n, (point, box) in enumerate(zip(points, boxes, strict=True))
            }
        )
    )
    squares = [nearest[f"point_{n}"] for n in range(len(points))]
    return [
        math.sqrt(square) if square is not None and square <= within * within else None
        for square in squares
    ]


def _box(point, miles):
    lat_delta, lng_delta = box_deltas(point, miles)
    return Q(
        latitude__range=(point.latitude - lat_delta, point.latitude + lat_delta),
        longitude__range=(point.longitude - lng_delta, point.longitude + lng_delta),
    )
