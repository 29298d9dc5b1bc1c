"""The office search: `office_search()`, one function for every page that finds offices.

The finder (/locations/), the state pages and the appointment form's office list all call it,
so a query is read, a town chosen and offices ranked the same way everywhere.

Nearest offices to a point are ranked in SQL: an indexed bounding box narrows, arithmetic
orders. The query count does not grow with the number of offices: one query finds the
nearest few inside the radius together with the radius's total, one or two more run only
when the radius holds none, then two fetch the shown offices' hours and closures.
"""

import functools
import math
import operator
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, FloatField, Min, Q, When, Window
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.caching import content_version
from core.states import STATE_NAMES

from .distance import EARTH_RADIUS_MILES, Point, box_deltas, haversine_miles
from .geocoding import GeocodeResult, get_geocoder
from .hours import open_status
from .models import Location

RADIUS_CHOICES = (10, 25, 50, 100)
# Without a chosen radius, look this far; nearly every patient has an office inside it.
DEFAULT_RADIUS_MILES = 100
# Farther than this, the nearest office is no office "near you": the page says so and offers
# the practice's phone and the list of every office.
FAR_MILES = 100
RESULT_LIMIT = 10
# A place "has an office" when one is this close: the town a patient means, if it is the only
# one of its name that does. Not the default radius: Weston, WV is 95 miles from Harrisonburg.
NEARBY_OFFICE_MILES = 50
# Page numbers past this are no link of ours (and would overflow SQL's OFFSET): the first page.
MAX_PAGE = 1000


@dataclass(frozen=True)
class OfficeSearch:
    """What a search found, as the pages show it."""

    query: str = ""  # what the patient typed, repeated in headings and links
    position: Point | None = None  # the browser's position, kept in the form for a new distance
    radius: int | None = None  # the distance chosen; None is DEFAULT_RADIUS_MILES
    place: GeocodeResult | None = None  # the place searched: a point and its label, or a state
    # The offices found, each with .distance (miles, or None) and .status (open now or not).
    page: Page | None = None
    outside_radius: bool = False  # nothing within the chosen radius: the nearest beyond it
    candidates: tuple = ()  # ((candidate, miles to its nearest office or None)): "which one?"
    other_candidates: tuple = ()  # the other towns of the name searched: "another Weston?"
    served_states: tuple = ()  # nothing found: ((code, name)) of the states to choose from
    far_miles = FAR_MILES  # not a field: the distance no_office_near speaks of

    @property
    def point(self):
        """Where distances are measured from, or None (a state, an unknown or ambiguous name)."""
        return self.position or (self.place.point if self.place else None)

    @property
    def offices(self):
        return self.page.object_list if self.page else []

    @property
    def within_miles(self):
        """The radius the count of offices speaks of."""
        return self.radius or DEFAULT_RADIUS_MILES

    @property
    def no_office_near(self):
        """The nearest office is more than FAR_MILES away (said once, on the first page)."""
        offices = self.offices
        return (
            self.page.number == 1
            and bool(offices)
            and offices[0].distance is not None
            and offices[0].distance > FAR_MILES
        )


def office_search(
    *,
    query="",
    point=None,
    state="",
    radius=None,
    page=1,
    per_page=RESULT_LIMIT,
    among=None,
    now=None,
) -> OfficeSearch:
    """Offices near what a patient typed (`query`), near their browser's `point`, or in a `state`.

    `page` is a page number as it came in the address: anything but a whole number from 1 to
    MAX_PAGE is the first page. `among`, for a choice list that already holds every office,
    ranks those offices instead of searching the database: nearest first, those without a
    map position last, all on one page, with no opening hours and no radius.
    """
    now = now or timezone.now()
    if state:
        found = OfficeSearch(place=GeocodeResult(label=STATE_NAMES[state], state=state))
    elif point is not None:
        found = OfficeSearch(position=point, radius=radius)
    else:
        found = read_place(query, radius)
    if among is not None:
        return replace(found, page=_one_page(_with_distances(found.point, among)))
    number = page_number(page)
    if found.point is not None:
        return _nearest(found, number, per_page, now)
    if found.place.state:
        return replace(found, page=_state_page(found.place.state, number, per_page, now))
    if not found.candidates:
        return replace(found, served_states=served_states())
    return found


def read_place(query, radius):
    """The place a typed query means, choosing the town when a name is ambiguous."""
    place = get_geocoder().geocode(query)
    found = OfficeSearch(query=query, radius=radius, place=place)
    if not place.is_ambiguous:
        return found
    # The town meant by an ambiguous name, when only one of that name has an office near it:
    # the search runs from it and the others are offered as "another town?". Otherwise the
    # candidates are listed, those near an office first, and nothing is searched.
    ranked = rank_candidates(place.candidates)
    near = [candidate for candidate, miles in ranked if miles is not None]
    if len(near) != 1:
        return replace(found, candidates=tuple(ranked))
    return replace(
        found,
        place=GeocodeResult(label=near[0].label, point=near[0].point),
        other_candidates=tuple(candidate for candidate, _ in ranked[1:]),
    )


def rank_candidates(candidates):
    """[(candidate, miles to its nearest office or None)]: those with an office near first."""
    located = [candidate for candidate in candidates if candidate.point is not None]
    miles = dict(zip(located, nearest_office_miles([c.point for c in located]), strict=True))
    ranked = [(candidate, miles.get(candidate)) for candidate in candidates]
    return sorted(ranked, key=lambda pair: (pair[1] is None, pair[1] or 0))


def page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


class CountedPaginator(Paginator):
    """Pages of rows fetched one page at a time, the total counted in the same SQL query."""

    def __init__(self, count, per_page):
        super().__init__((), per_page)
        self.count = count


def _one_page(offices):
    return Paginator(offices, max(len(offices), 1)).page(1)


def with_status(offices, now):
    for office in offices:
        office.status = open_status(office, now)
    return offices


def nearest_first(point, offices):
    """[(office, miles)], nearest first, then [(office, None)] for those with no map position.

    The exact distance decides, and the primary key breaks ties, so every list of offices
    ranked from one point (the finder's, the appointment form's) comes out in one order.
    """
    ranked, unplaced = [], []
    for office in offices:
        if office.latitude is None or office.longitude is None:
            unplaced.append((office, None))
        else:
            miles = haversine_miles(point, Point(office.latitude, office.longitude))
            ranked.append((office, miles))
    ranked.sort(key=lambda pair: (pair[1], pair[0].pk))
    return ranked + unplaced


def _with_distances(point, offices):
    if point is None:
        ranked = [(office, None) for office in offices]
    else:
        ranked = nearest_first(point, offices)
    for office, miles in ranked:
        office.distance = miles
    return [office for office, _ in ranked]


def _nearest(found, number, per_page, now):
    nearby = nearest_offices(
        found.point, radius=found.radius, limit=per_page, now=now, offset=(number - 1) * per_page
    )
    offices = with_status(_with_distances(found.point, nearby.offices), now)
    if nearby.total_within:
        paginator = CountedPaginator(nearby.total_within, per_page)
        page = Page(offices, nearby.offset // per_page + 1, paginator)
    else:  # the nearest beyond the radius: one page of them, no count to speak of
        page = _one_page(offices)
    return replace(found, page=page, outside_radius=nearby.outside_radius)


def _state_page(state, number, per_page, now):
    offices = (
        Location.objects.published()
        .filter(state=state)
        .annotate(total=Window(Count("pk")))
        .order_by("name", "pk")
        .with_hours(timezone.localdate(now))
    )
    rows = list(offices[(number - 1) * per_page : number * per_page])
    if not rows and number > 1:
        # A page past the last (a link older than an edit): the last page, as other lists do.
        total = Location.objects.published().filter(state=state).count()
        return _state_page(state, max(1, math.ceil(total / per_page)), per_page, now)
    paginator = CountedPaginator(rows[0].total if rows else 0, per_page)
    return Page(with_status(rows, now), number, paginator)


def served_states():
    """((code, name)) of the states we have an office in, cached until content changes."""
    key = f"served-states:{content_version()}"
    states = cache.get(key)
    if states is None:
        codes = Location.objects.published().order_by("state").values_list("state", flat=True)
        states = tuple((code, STATE_NAMES.get(code, code)) for code in codes.distinct())
        cache.set(key, states, 60 * 60)
    return states


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
    offices: list = field(default_factory=list)  # in no particular order
    total_within: int = 0  # how many offices the radius (or the default one) holds
    outside_radius: bool = False  # nothing within the radius: these are the nearest beyond it
    offset: int = 0  # how many nearer ones earlier pages showed


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
    found.offices = offices
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
