"""Points on the map and the miles between them: plain arithmetic, no database and no models.

Shared by the geocoders (which return points), the office search (which ranks offices by
distance) and the appointment form (which lists the nearest office first, by the same rule).
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.0


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


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
