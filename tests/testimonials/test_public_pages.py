"""Only approved stories reach a public page; they show as text; queries stay fixed."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from testimonials.factories import TestimonialFactory as StoryFactory
from testimonials.models import Testimonial as Story

pytestmark = pytest.mark.django_db

HIDDEN = [Story.Status.SUBMITTED, Story.Status.REJECTED]


def render_carousel(about=None):
    template = Template("{% load testimonials %}{% testimonial_carousel about=about %}")
    return template.render(Context({"about": about}))


@pytest.fixture
def each_status_about_everything(office, provider, treatment):
    """One featured story in each status, about the office, the provider and the treatment."""
    return {
        status: StoryFactory(
            status=status,
            text=f"Story that is {status}.",
            featured=True,
            office=office,
            provider=provider,
            treatment=treatment,
        )
        for status in Story.Status.values
    }


@pytest.fixture
def pages(client, office, provider, treatment):
    """Every public place a story can appear, as HTML."""
    return {
        "home": lambda: client.get(reverse("home")).content.decode(),
        "list": lambda: client.get(reverse("testimonials:index")).content.decode(),
        "office carousel": lambda: render_carousel(office),
        "provider carousel": lambda: render_carousel(provider),
        "treatment carousel": lambda: render_carousel(treatment),
    }


@pytest.mark.parametrize(
    "place", ["home", "list", "office carousel", "provider carousel", "treatment carousel"]
)
def test_only_approved_stories_reach_a_public_page(each_status_about_everything, pages, place):
    html = pages[place]()
    assert "Story that is approved." in html
    for status in HIDDEN:
        assert f"Story that is {status}." not in html


@pytest.fixture
def real_pages(client, office, provider, treatment):
    """The public pages a story about these reaches, as served (page 2: behind ten newer)."""
    index = reverse("testimonials:index")
    return {
        "office page": office.get_absolute_url(),
        "provider page": provider.get_absolute_url(),
        "treatment page": treatment.get_absolute_url(),
        "list by office": f"{index}?office={office.slug}",
        "list by treatment": f"{index}?treatment={treatment.slug}",
        "list by both": f"{index}?office={office.slug}&treatment={treatment.slug}",
        "list page 2": f"{index}?page=2",
    }


@pytest.mark.parametrize("status", Story.Status.values)
@pytest.mark.parametrize(
    "page",
    [
        "office page",
        "provider page",
        "treatment page",
        "list by office",
        "list by treatment",
        "list by both",
        "list page 2",
    ],
)
def test_a_story_reaches_each_real_page_only_when_approved(
    client, office, provider, treatment, real_pages, page, status
):
    import datetime

    StoryFactory.create_batch(10, date=datetime.date(2025, 6, 1), text="A newer story.")
    StoryFactory(
        status=status,
        date=datetime.date(2025, 1, 1),
        text="The story under test.",
        office=office,
        provider=provider,
        treatment=treatment,
    )
    response = client.get(real_pages[page])
    assert response.status_code == 200
    shown = "The story under test." in response.content.decode()
    assert shown is (status == Story.Status.APPROVED)


def test_a_story_approved_later_appears_and_a_rejected_one_disappears(client):
    story = StoryFactory(status=Story.Status.SUBMITTED, featured=True, text="Late bloomer.")
    assert "Late bloomer." not in client.get(reverse("home")).content.decode()
    story.status = Story.Status.APPROVED
    story.save()
    assert "Late bloomer." in client.get(reverse("home")).content.decode()
    story.status = Story.Status.REJECTED
    story.save()
    assert "Late bloomer." not in client.get(reverse("testimonials:index")).content.decode()


def test_markup_in_a_story_shows_as_text(client):
    StoryFactory(
        featured=True,
        display_name='<img src=x onerror="alert(1)">',
        text="<script>alert('hi')</script> <b>bold</b>",
    )
    for html in (client.get(reverse("home")).content.decode(), render_carousel()):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in html
        assert "<img src=x" not in html
        assert "&lt;img src=x" in html
    html = client.get(reverse("testimonials:index")).content.decode()
    assert "&lt;script&gt;" in html and "<b>bold</b>" not in html


def test_a_carousel_in_context_shows_stories_about_the_object(office, other_office):
    StoryFactory(office=office, text="About Hagerstown.")
    StoryFactory(office=other_office, text="About Elkridge.")
    StoryFactory(featured=True, text="A featured story.")
    html = render_carousel(office)
    assert "About Hagerstown." in html
    assert "About Elkridge." not in html
    assert "A featured story." not in html


def test_a_carousel_in_context_falls_back_to_featured_stories(office, other_office):
    StoryFactory(office=other_office, text="About Elkridge.")
    StoryFactory(featured=True, text="A featured story.")
    html = render_carousel(office)
    assert "A featured story." in html
    assert "About Elkridge." not in html


def test_the_carousel_renders_nothing_when_no_story_is_approved():
    StoryFactory(status=Story.Status.SUBMITTED, featured=True)
    assert render_carousel().strip() == ""


def test_the_carousel_follows_the_aria_carousel_pattern():
    for n in range(3):
        StoryFactory(featured=True, rating=5 if n == 0 else None)
    html = render_carousel()
    assert 'role="region" aria-roledescription="carousel" aria-label="Patient stories"' in html
    assert html.count('aria-roledescription="slide"') == 3
    assert 'aria-label="1 of 3"' in html and 'aria-label="3 of 3"' in html
    assert ">Previous story</button>" in html and ">Next story</button>" in html
    assert 'aria-label="Story 2 of 3"' in html
    assert "<script" not in html  # its module is loaded from the page's <head>
    # Content, not rich-result markup: no stars, no Review or AggregateRating JSON-LD.
    assert "Rated 5 out of 5" in html
    assert "application/ld+json" not in html and "AggregateRating" not in html
    assert "★" not in html and "style=" not in html


def test_a_single_story_has_no_carousel_controls():
    StoryFactory(featured=True)
    html = render_carousel()
    assert "data-carousel-next" not in html and "data-carousel-picker" not in html


def queries_for(action):
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


@pytest.mark.parametrize("count", [1, 30])
def test_a_carousel_in_context_is_one_query_however_many_stories(office, treatment, count):
    StoryFactory.create_batch(count, office=office, treatment=treatment, featured=True)
    assert queries_for(lambda: render_carousel(office)) == 1
    assert queries_for(lambda: render_carousel()) == 1


@pytest.mark.parametrize("about", ["office", "provider", "treatment"])
def test_office_provider_and_treatment_pages_show_at_most_twelve_of_their_stories(
    client, office, provider, treatment, about
):
    subject = {"office": office, "provider": provider, "treatment": treatment}[about]
    StoryFactory.create_batch(13, **{about: subject})
    html = client.get(subject.get_absolute_url()).content.decode()
    assert html.count('aria-roledescription="slide"') == 12


def test_the_list_is_newest_first_and_paginated(client):
    import datetime

    for day in range(1, 13):
        StoryFactory(date=datetime.date(2025, 3, day), text=f"Story of March {day}.")
    first = client.get(reverse("testimonials:index")).content.decode()
    assert first.index("Story of March 12.") < first.index("Story of March 11.")
    assert "Story of March 2." not in first
    assert "Page 1 of 2" in first
    second = client.get(reverse("testimonials:index") + "?page=2").content.decode()
    assert "Story of March 2." in second and "Story of March 12." not in second


def test_the_list_filters_by_office_and_treatment(client, office, other_office, treatment):
    StoryFactory(office=office, treatment=treatment, text="Fusion in Hagerstown.")
    StoryFactory(office=office, text="Something else in Hagerstown.")
    StoryFactory(office=other_office, treatment=treatment, text="Fusion in Elkridge.")
    url = reverse("testimonials:index")
    html = client.get(url, {"office": "hagerstown"}).content.decode()
    assert "Fusion in Hagerstown." in html and "Something else in Hagerstown." in html
    assert "Fusion in Elkridge." not in html
    both = {"office": "hagerstown", "treatment": "si-joint-fusion"}
    html = client.get(url, both).content.decode()
    assert "Fusion in Hagerstown." in html
    assert "Something else" not in html and "Fusion in Elkridge." not in html


@pytest.mark.parametrize(
    "query", ["page=abc", "page=-1", "page=0", "page=999999", "page=1.5", "page=%00", "page="]
)
def test_a_bad_page_number_gives_a_real_page(client, query):
    StoryFactory(text="The only story.")
    response = client.get(reverse("testimonials:index") + "?" + query)
    assert response.status_code == 200
    assert "The only story." in response.content.decode()


@pytest.mark.parametrize("query", ["office=nowhere", "treatment=%3Cscript%3E", "office=1&office=2"])
def test_an_unknown_filter_value_says_so_and_shows_all_stories(client, office, query):
    StoryFactory(text="The only story.")
    response = client.get(reverse("testimonials:index") + "?" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html
    assert "The only story." in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_a_filter_with_no_matching_story_says_so(client, office):
    response = client.get(reverse("testimonials:index"), {"office": "hagerstown"})
    assert "No stories match these choices yet." in response.content.decode()


@pytest.mark.parametrize("published", [True, False])
def test_a_story_names_its_treatment_and_office_only_when_they_are_published(
    client, office, treatment, published
):
    office.is_published = treatment.is_published = published
    office.save()
    treatment.save()
    StoryFactory(office=office, treatment=treatment, featured=True, text="Named or not.")
    for html in (client.get(reverse("testimonials:index")).content.decode(), render_carousel()):
        assert "Named or not." in html
        assert ("SI joint fusion, Hagerstown office" in html) is published
        assert ("Hagerstown office" in html) is published
