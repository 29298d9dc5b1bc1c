"""Where the offices are: the published offices in one cached list, each state's regional
phone, and a small map of the states we serve with each office marked.

The map is inline SVG drawn on the server from the Census Bureau's state outlines (public
domain), as redistributed by the us-atlas package and shipped in locations/data/us-atlas; no
tiles and nothing from another origin. Offices are placed by their latitude and longitude
with an equirectangular projection scaled by the cosine of the map's middle latitude, which
is close enough for a few states.
"""

import functools
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache

from core.caching import content_version
from core.states import STATE_NAMES

from .models import Location

ATLAS = Path(__file__).parent / "data" / "us-atlas" / "states-10m.json"
WIDTH = 320  # viewBox units; the map is shown at most this many CSS pixels wide
MARGIN_DEGREES = 0.4
TOLERANCE = 1.1  # how far (in viewBox units) a simplified outline may stray from the real one
SMALLEST_ISLAND = 4  # square viewBox units; smaller rings (keys, sandbars) are left out
# Markers this far apart at least, so each is its own 24 px target (WCAG 2.5.8) on a phone.
MARKER_SPACING = 27


@dataclass(frozen=True)
class MapOffice:
    name: str
    slug: str
    city: str
    state: str
    latitude: float | None
    longitude: float | None
    phone: str


def published_offices():
    """Every published office in the admin's order: one query per content change."""
    key = f"office-map:{content_version()}"
    offices = cache.get(key)
    if offices is None:
        fields = ("name", "slug", "city", "state", "latitude", "longitude", "phone")
        offices = tuple(
            MapOffice(*row) for row in Location.objects.published().values_list(*fields)
        )
        cache.set(key, offices, 60 * 60)
    return offices


def regional_phone(state):
    """The number for a state's pages: its first office's in the admin's order (the practice
    has no regions of its own, so a state is one). Empty if it has no office."""
    return next((o.phone for o in published_offices() if o.state == state), "")


@functools.cache
def _outlines():
    """{state code: [rings of (longitude, latitude)]}, decoded from the TopoJSON once."""
    topology = json.loads(ATLAS.read_text())
    (scale_x, scale_y), (move_x, move_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized positions
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    codes = {name: code for code, name in STATE_NAMES.items()}
    outlines = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        code = codes.get(geometry["properties"]["name"])
        if code is None:
            continue  # territories the site does not serve
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        outlines[code] = [ring(indexes) for polygon in polygons for indexes in polygon]
    return outlines


def _simplify(points, tolerance):
    """Douglas-Peucker: the fewest points that keep within `tolerance` of the outline."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1e-9
    far, far_index = 0.0, 0
    for index in range(1, len(points) - 1):
        x, y = points[index]
        distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        if distance > far:
            far, far_index = distance, index
    if far <= tolerance:
        return [points[0], points[-1]]
    left = _simplify(points[: far_index + 1], tolerance)
    return left[:-1] + _simplify(points[far_index:], tolerance)


def _path(points):
    """SVG path data for a closed ring, in whole units and relative steps: the shortest text."""
    points = [(round(x), round(y)) for x, y in points]
    steps = [f"M{points[0][0]} {points[0][1]}"]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        if (x1, y1) != (x2, y2):
            steps.append(f"l{x2 - x1} {y2 - y1}")
    return "".join(steps) + "z"


def _area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(points))) / 2


def _bounds(rings):
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Marker:
    office: MapOffice
    x: float
    y: float


@dataclass(frozen=True)
class OfficeMap:
    width: int
    height: int
    shapes: tuple  # (state code, served, SVG path data)
    markers: tuple


@functools.lru_cache(maxsize=64)
def _shapes(states):
    """The outlines around `states` (a sorted tuple of codes) projected to the viewBox, and the
    projection for markers. Cached per process: the outlines never change."""
    outlines = _outlines()
    west, south, east, north = _bounds([ring for code in states for ring in outlines[code]])
    west, south = west - MARGIN_DEGREES, south - MARGIN_DEGREES
    east, north = east + MARGIN_DEGREES, north + MARGIN_DEGREES
    squash = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squash)
    height = round((north - south) * scale)

    def project(longitude, latitude):
        return (longitude - west) * squash * scale, (north - latitude) * scale

    shapes = []
    for code, rings in sorted(outlines.items()):
        left, bottom, right, top = _bounds(rings)
        if right < west or left > east or top < south or bottom > north:
            continue
        parts = []
        for ring in rings:
            projected = [project(*point) for point in ring]
            # A ring starts and ends on one point: simplified as two halves, or it would vanish.
            half = len(projected) // 2
            projected = _simplify(projected[: half + 1], TOLERANCE)[:-1] + _simplify(
                projected[half:], TOLERANCE
            )
            if len(projected) < 4 or _area(projected) < SMALLEST_ISLAND:
                continue
            parts.append(_path(projected[:-1]))
        if parts:
            shapes.append((code, code in states, "".join(parts)))
    return height, tuple(shapes), project


def _spread(points, spacing):
    """Nudge markers apart until none is closer than `spacing` to another (a few passes)."""
    points = [list(point) for point in points]
    for _ in range(40):
        moved = False
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                dx, dy = b[0] - a[0], b[1] - a[1]
                distance = math.hypot(dx, dy)
                if distance >= spacing:
                    continue
                if distance < 1e-6:
                    dx, dy, distance = 0.0, 1.0, 1.0
                push = (spacing - distance) / 2 + 0.01
                a[0] -= dx / distance * push
                a[1] -= dy / distance * push
                b[0] += dx / distance * push
                b[1] += dy / distance * push
                moved = True
        if not moved:
            break
    return points


def office_map(states, offices):
    """The map of `states` (codes) with `offices` (MapOffice) marked; None without a state
    we have an outline for."""
    states = tuple(sorted(code for code in set(states) if code in _outlines()))
    if not states:
        return None
    height, shapes, project = _shapes(states)
    placed = [o for o in offices if o.latitude is not None and o.longitude is not None]
    positions = _spread([project(o.longitude, o.latitude) for o in placed], MARKER_SPACING)
    markers = tuple(
        Marker(
            office,
            round(min(max(x, 12), WIDTH - 12), 1),
            round(min(max(y, 12), height - 12), 1),
        )
        for office, (x, y) in zip(placed, positions, strict=True)
    )
    return OfficeMap(WIDTH, height, shapes, markers)
