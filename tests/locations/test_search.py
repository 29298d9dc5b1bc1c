import math
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.geocoding import GazetteerGeocoder

pytestmark = pytest.mark.django_db

CARD = re.compile(
    r'<li class="card office-card">.*?<a href="/locations/([^/]+)/">.*?</a>(?: <span class="office-distance">(?:([\d.]+) miles|(at this ZIP code|less than 0.1 miles))</span>)?',  # noqa: E501
    re.S,
)


def input_attributes(html, name):
    """The attributes of the form field named `name`, whatever their order in the markup."""
    found = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("input", "select") and dict(attrs).get("name") == name:
                found.update(attrs)

    Inputs().feed(html)
    return found


def results(client, **params):
    response = client.get(reverse("locations:index"), params)
    assert response.status_code == 200
    return response, [
        (slug, float(miles) if miles else 0.0 if here else None)
        for slug, miles, here in CARD.findall(response.content.decode())
    ]


@pytest.mark.parametrize(
    ("query", "first", "max_miles"),
    [
        ("21740", "hagerstown", 3),
        ("Hagerstown, MD", "hagerstown", 5),
        ("123 Main St, Elkridge, MD 21075", "elkridge", 2),
        ("Weston Florida", "weston", 5),
        ("Hialeah", "hialeah", 5),
        ("21740-1234", "hagerstown", 3),
        ("  hAGERSTOWN   md ", "hagerstown", 5),
        ("123 Main St, Elkridge, MD", "elkridge", 5),
        ("weston, fl", "weston", 5),
    ],
)
def test_typed_place_lists_the_right_office_first_with_a_plausible_distance(
    client, offices, query, first, max_miles
):
    _, found = results(client, q=query)
    assert found[0][0] == first
    assert 0 <= found[0][1] <= max_miles
    assert [miles for _, miles in found] == sorted(miles for _, miles in found)


def test_browser_position_near_harrisonburg_lists_harrisonburg_first(client, offices):
    _, found = results(client, lat="38.46", lng="-78.85")
    assert found[0][0] == "harrisonburg"
    assert found[0][1] < 5
    # The next nearest (Hagerstown, Chambersburg) are a long drive north.
    assert all(50 < miles < 150 for _, miles in found[1:])


def test_position_outside_valid_ranges_is_refused_with_a_message(client, offices):
    response, _ = results(client, lat="123", lng="-78.85")
    assert "a position we cannot use" in response.content.decode()


def test_state_name_or_code_lists_that_states_offices(client, offices):
    for query in ("Pennsylvania", "pa", " PENNSYLVANIA "):
        response, found = results(client, q=query)
        assert {slug for slug, _ in found} == {"chambersburg", "york", "gettysburg"}
        assert "Offices in Pennsylvania" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "first", "another"),
    [
        ("Hagerstown", "hagerstown", "Hagerstown, Indiana"),
        ("Harrisonburg", "harrisonburg", "Harrisonburg, Louisiana"),
        # Weston, WV is 96 miles from Harrisonburg: too far to be the Weston meant.
        ("Weston", "weston", "Weston, West Virginia"),
    ],
)
def test_a_bare_city_name_lists_offices_from_the_only_town_of_that_name_with_one_near(
    client, offices, query, first, another
):
    response, found = results(client, q=query)
    html = response.content.decode()
    assert found[0][0] == first and found[0][1] < 5
    assert f"Did you mean another “{query}”?" in html
    assert another in html  # the other towns of that name are a click away


def test_ambiguous_city_lists_the_towns_with_an_office_near_them_first(client, offices):
    response, found = results(client, q="Columbia")
    html = response.content.decode()
    assert not found
    assert "Which “Columbia” do you mean?" in html
    towns = re.findall(r'q=Columbia%2C%20(\w\w)">[^<]+</a>( <span class="muted">)?', html)
    # Columbia, MD is beside Elkridge and Columbia, PA near York; then the rest, by state.
    assert towns[:2] == [("MD", ' <span class="muted">'), ("PA", ' <span class="muted">')]
    assert ("SC", "") in towns[2:] and len(towns) > 10
    assert "5 miles to our nearest office" in html
    _, found = results(client, q="Columbia, MD")
    assert found[0] == ("elkridge", pytest.approx(5, abs=2))


def test_a_town_with_an_office_at_its_centre_is_less_than_a_mile_from_it_not_0_miles(
    client, offices
):
    from locations.factories import LocationFactory

    centre = GazetteerGeocoder().geocode("Columbia, SC").point
    LocationFactory(slug="columbia-sc", latitude=centre.latitude, longitude=centre.longitude)
    html = client.get(reverse("locations:index"), {"q": "Columbia"}).content.decode()
    assert (
        'Columbia, South Carolina</a> <span class="muted">less than a mile to our nearest office<'
        in html
    )
    assert "0 miles to our nearest office" not in html


def test_ambiguous_city_with_no_office_near_any_town_lists_them_all_by_state(client, offices):
    response, found = results(client, q="Portland")
    html = response.content.decode()
    assert not found and "Which “Portland” do you mean?" in html
    towns = re.findall(r'q=Portland%2C%20(\w\w)"', html)
    assert towns.index("ME") < towns.index("OR") < towns.index("TX")
    assert "to our nearest office" not in html


def test_unknown_input_says_so_and_suggests_what_to_type(client, offices):
    response, found = results(client, q="<b>Atlantis</b>")
    html = response.content.decode()
    assert "We couldn’t find “&lt;b&gt;Atlantis&lt;/b&gt;”" in html
    assert "5-digit ZIP code" in html
    assert 'href="/locations/florida/"' in html  # the states we serve, to choose from
    assert not found


def test_radius_keeps_only_offices_inside_it(client, offices):
    _, near = results(client, q="21740", radius="25")
    assert [slug for slug, _ in near] == ["hagerstown", "chambersburg"]
    _, wide = results(client, q="21740", radius="100")
    assert {"elkridge", "york", "gettysburg"} <= {s for s, _ in wide}
    assert "harrisonburg" not in {s for s, _ in wide}  # about 105 miles
    assert all(miles <= 100 for _, miles in wide)


def test_nothing_within_radius_shows_the_nearest_beyond_it(client, offices):
    response, found = results(client, q="Frederick, MD", radius="10")
    assert "No office is within 10 miles. These are the nearest." in response.content.decode()
    assert found[0][0] == "hagerstown"  # the nearest are still offered
    assert 10 < found[0][1] < 100


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"q": "Columbia, SC"}, "of Columbia, SC"),
        ({"q": "Columbia, SC", "radius": "10"}, "of Columbia, SC"),  # not "within 10 miles"
        ({"lat": "34.05", "lng": "-118.24"}, "of you"),  # Los Angeles
    ],
)
def test_far_from_every_office_the_page_says_so_with_the_phone_and_the_offices_list(
    client, offices, params, where
):
    response, found = results(client, **params)
    html = response.content.decode()
    assert found[0][1] > 100  # the nearest are still listed
    assert f"We have no office within 100 miles {where}. These are the nearest." in html
    assert "No office is within" not in html
    note = re.search(r"These are the nearest\.(.*?)</p>", html, re.S)[1]
    assert re.search(r'Call us at <a href="tel:\+1\d{10}">\(\d{3}\) \d{3}-\d{4}</a>', note)
    assert f'<a href="{reverse("locations:index")}">see all our offices</a>' in note


def test_an_office_within_100_miles_is_near_enough_for_no_note(client, offices):
    html = client.get(reverse("locations:index"), {"q": "Harrisonburg, VA"}).content.decode()
    assert "We have no office within" not in html


def test_an_office_at_the_zip_code_searched_is_at_this_zip_code_not_0_0_miles(client, offices):
    html = client.get(reverse("locations:index"), {"q": "21740"}).content.decode()
    assert "0.0 miles" not in html
    assert (
        '/locations/hagerstown/">Hagerstown</a> <span class="office-distance">at this ZIP code<'
        in html
    )
    spanish = client.get("/es/locations/", {"q": "21740"}).content.decode()
    assert "0.0 millas" not in spanish
    assert '<span class="office-distance">en este código postal</span>' in spanish


def test_an_office_at_the_position_given_is_less_than_0_1_miles_away(client, offices):
    from locations.models import Location

    office = Location.objects.get(slug="hagerstown")
    _, found = results(client, lat=str(office.latitude), lng=str(office.longitude))
    html = client.get(
        reverse("locations:index"), {"lat": office.latitude, "lng": office.longitude}
    ).content.decode()
    assert found[0][0] == "hagerstown"
    assert '<span class="office-distance">less than 0.1 miles</span>' in html


@pytest.mark.parametrize("radius", ["7", "abc", "-1"])
def test_a_distance_we_do_not_offer_still_searches_within_100_miles_with_a_note(
    client, offices, radius
):
    response, found = results(client, q="21740", radius=radius)
    assert found == results(client, q="21740")[1] == results(client, q="21740", radius=100)[1]
    assert len(found) == 5
    html = response.content.decode()
    assert "these results are within 100 miles" in html
    assert input_attributes(html, "radius")  # the list is there...
    assert '<option value="100" selected>Within 100 miles</option>' in html  # ...saying so


def test_the_distance_list_offers_no_any_distance_and_selects_100_miles_by_default(client):
    for params in ({}, {"q": "21740"}):
        html = client.get(reverse("locations:index"), params).content.decode()
        assert "Any distance" not in html
        options = re.findall(r'<option value="(\d+)"( selected)?>', html)
        assert options == [("10", ""), ("25", ""), ("50", ""), ("100", " selected")], params
    html = client.get(reverse("locations:index"), {"q": "21740", "radius": 25}).content.decode()
    assert '<option value="25" selected>Within 25 miles</option>' in html


def test_empty_position_fields_are_no_position(client, offices):
    _, found = results(client, lat="", lng="")
    assert len(found) == 9  # the opening list, not "we couldn't find"
    response, found = results(client, q="21740", lat="", lng="")
    assert found[0][0] == "hagerstown"
    assert "a position we cannot use" not in response.content.decode()


def test_a_position_search_keeps_the_position_in_the_form_for_a_new_distance(client, offices):
    response, _ = results(client, lat="38.46", lng="-78.85")
    html = response.content.decode()
    assert input_attributes(html, "lat") == {"type": "hidden", "name": "lat", "id": "id_lat",
                                             "value": "38.46"}  # fmt: skip
    assert input_attributes(html, "lng")["value"] == "-78.85"
    assert "disabled" not in input_attributes(html, "lng")
    # The form resubmitted with a distance chosen: still from the same position.
    response, found = results(client, lat="38.46", lng="-78.85", radius="10")
    assert [slug for slug, _ in found] == ["harrisonburg"]
    assert "Offices nearest you" in response.content.decode()


def test_typed_text_wins_over_a_position_kept_from_an_earlier_search(client, offices):
    response, found = results(client, q="21740", lat="38.46", lng="-78.85")
    html = response.content.decode()
    assert found[0][0] == "hagerstown"
    # The earlier position is not sent again: it is empty and disabled until the script fills it.
    for name in ("lat", "lng"):
        assert input_attributes(html, name) == {"type": "hidden", "name": name,
                                                "id": f"id_{name}", "disabled": None}  # fmt: skip


def test_empty_search_lists_every_office_by_state(client, offices):
    response, found = results(client)
    html = response.content.decode()
    assert len(found) == 9
    assert html.index("Florida") < html.index("Maryland") < html.index("Pennsylvania")


def test_radius_counts_offices_by_their_true_distance_at_the_edge(client, offices):
    from locations.factories import LocationFactory

    center = GazetteerGeocoder().geocode("21740").point
    degrees_per_mile = 1 / (math.radians(1) * 3958.8)  # due north; due east, divide by cos
    east = degrees_per_mile / math.cos(math.radians(center.latitude))
    for slug, north_miles, east_miles in [
        ("inside-north", 24.9, 0),
        ("outside-north", 25.1, 0),
        ("inside-east", 0, 24.9),
        ("outside-east", 0, 25.1),
    ]:
        LocationFactory(slug=slug, latitude=center.latitude + north_miles * degrees_per_mile,
                        longitude=center.longitude + east_miles * east)  # fmt: skip
    response, found = results(client, q="21740", radius="25")
    miles = dict(found)
    assert "outside-north" not in miles and "outside-east" not in miles
    assert miles["inside-north"] == 24.9 and miles["inside-east"] == 24.9
    assert f"{len(found)} offices within 25 miles." in response.content.decode()


def test_a_repeated_search_is_answered_from_the_cache_without_keeping_what_was_typed(
    client, offices
):
    from django.core.cache import cache

    def tables_read(query):
        with CaptureQueriesContext(connection) as queries:
            results(client, q=query)
        return " ".join(captured["sql"] for captured in queries)

    assert "locations_place" in tables_read("123 Main St, Elkridge, MD 21075")
    assert "locations_place" not in tables_read("123 main st,  elkridge, md 21075")
    kept = " ".join(str(key) for key in cache._cache) + " ".join(map(str, cache._cache.values()))
    assert "main st" not in kept.lower()


@pytest.mark.parametrize(
    ("params", "shared"),
    [
        ({"q": "21740"}, True),
        ({"q": "Hagerstown, MD"}, True),
        ({"q": "123 Main St, Elkridge, MD 21075"}, False),
        ({"lat": "38.46", "lng": "-78.85"}, False),
    ],
)
def test_searches_that_say_where_a_patient_lives_are_never_shared_caches(
    client, offices, params, shared
):
    from django.core.cache import cache

    response, _ = results(client, **params)
    assert ("private" not in response.get("Cache-Control", "")) == shared
    cached_pages = [key for key in cache._cache if ":page:" in key]
    assert bool(cached_pages) == shared


def test_geocoder_reads_a_street_address_by_its_city_when_there_is_no_zip(gazetteer):
    result = GazetteerGeocoder().geocode("5 Oak Lane Hagerstown MD")
    assert result.label == "Hagerstown, MD"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("123 Main St, Harrisonburg, VA 99999", "harrisonburg"),  # a ZIP the gazetteer lacks
        ("Hagerstown, MD, USA", "hagerstown"),
        ("1420 Dual Highway, Hagerstown, MD 21740, United States", "hagerstown"),
        ("York PA U.S.A.", "york"),
    ],
)
def test_street_addresses_are_read_by_their_city_when_the_zip_does_not_help(
    client, offices, query, first
):
    _, found = results(client, q=query)
    assert found[0][0] == first and found[0][1] < 5


def test_geocoder_spells_out_abbreviations_and_folds_accents(gazetteer):
    geocoder = GazetteerGeocoder()
    assert geocoder.geocode("5 Oak St Louis MO").label == "Saint Louis, MO"
    assert geocoder.geocode("St. Louis, Missouri").label == "Saint Louis, MO"
    assert geocoder.geocode("Añasco, PR").label == "Anasco, PR"


def test_gazetteer_has_no_places_at_zero_degrees(gazetteer):
    from locations.models import Place

    assert not Place.objects.filter(latitude=0, longitude=0).exists()
    # 20588 (a mail-only code at 0°, 0°) once dragged Columbia, MD into the Atlantic.
    columbia = GazetteerGeocoder().geocode("Columbia, MD").point
    assert columbia.latitude == pytest.approx(39.2, abs=0.1)


def test_the_count_says_how_many_are_shown_of_how_many_and_links_to_the_next_nearest(
    client, offices
):
    from django.core.cache import cache

    from locations.factories import LocationFactory

    for n in range(30):
        LocationFactory(slug=f"near-{n:02}", latitude=39.64 + n / 1000, longitude=-77.72)
    response, first = results(client, q="21740")
    html = response.content.decode()
    assert len(first) == 10
    assert "Showing the nearest 1–10 of 35 offices within 100 miles." in html
    next_url = re.search(r'<a href="\?([^"]+)">Show the next nearest offices</a>', html)[1]
    cache.clear()
    with CaptureQueriesContext(connection) as first_page:
        client.get(reverse("locations:index"), {"q": "21740"})
    cache.clear()
    with CaptureQueriesContext(connection) as second_page:
        response = client.get(reverse("locations:index") + "?" + next_url.replace("&amp;", "&"))
    assert len(second_page) == len(first_page)
    html = response.content.decode()
    second = CARD.findall(html)
    assert "Showing the nearest 11–20 of 35 offices within 100 miles." in html
    assert not {slug for slug, _ in first} & {slug for slug, *_ in second}
    assert float(second[0][1]) >= first[-1][1]
    assert ">Nearer offices</a>" in html
    for bad in ("99", "abc", "0"):
        _, found = results(client, q="21740", page=bad)
        assert found == first  # an edited page number: the first page
