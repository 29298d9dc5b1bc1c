"""Site search through the results page: what is found, what never is, and how it is shown."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.factories import NoticeFactory, NoticeVersionFactory
from search.index import RebuildJob, rebuild
from search.models import SearchEntry, Synonym
from treatments.factories import ConditionFactory, FAQFactory, TreatmentFactory

from ..test_sweep import QUERY_BUDGET
from .conftest import result_urls, search_page

pytestmark = pytest.mark.django_db


def test_unpublished_content_is_never_found(client):
    TreatmentFactory(name="Zyxolith therapy", slug="zyxolith", is_published=False)
    ConditionFactory(name="Zyxolith syndrome", slug="zyxolith-syndrome", is_published=False)
    live = TreatmentFactory(name="Kyphoplasty", slug="kyphoplasty")
    TreatmentFactory(
        name="Zyxolith kyphoplasty", slug="zyx-draft", draft_of=live, is_published=False
    )
    NoticeVersionFactory(
        notice=NoticeFactory(kind="accessibility", title="Accessibility statement"),
        effective_date=datetime.date.today() + datetime.timedelta(days=30),
        body="Zyxolith ramps at every door.",
    )
    rebuild()
    response = search_page(client, "zyxolith")
    assert result_urls(response) == []
    assert "No pages found." in response.text
    assert result_urls(search_page(client, "kyphoplasty")) == ["/treatments/kyphoplasty/"]


def test_a_saved_change_is_found_on_the_next_search(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        treatment = TreatmentFactory(name="Kyphoplasty", slug="kyphoplasty")
    assert result_urls(search_page(client, "kyphoplasty")) == ["/treatments/kyphoplasty/"]

    with django_capture_on_commit_callbacks(execute=True):
        treatment.name = "Vertebroplasty"
        treatment.save()
    assert result_urls(search_page(client, "kyphoplasty")) == []
    assert result_urls(search_page(client, "vertebroplasty")) == ["/treatments/kyphoplasty/"]

    with django_capture_on_commit_callbacks(execute=True):
        faq = FAQFactory(treatment=treatment, question="Will my cement set quickly?")
    assert f"/treatments/kyphoplasty/#faq-{faq.pk}" in result_urls(search_page(client, "cement"))

    with django_capture_on_commit_callbacks(execute=True):
        treatment.is_published = False
        treatment.save()
    assert result_urls(search_page(client, "vertebroplasty")) == []


def test_spanish_is_found_only_once_a_translator_has_reviewed_it(client):
    treatment = TreatmentFactory(
        name="Kyphoplasty",
        slug="kyphoplasty",
        name_es="Cifoplastia",
        summary_es="Cemento para una vértebra fracturada.",
    )
    rebuild()
    # Not reviewed: the Spanish page shows the English, and so does its search.
    assert result_urls(search_page(client, "cifoplastia", prefix="/es")) == []
    fallback = search_page(client, "kyphoplasty", prefix="/es")
    assert result_urls(fallback) == ["/es/treatments/kyphoplasty/"]
    assert '<h2 lang="en"><a href="/es/treatments/kyphoplasty/"><mark>Kyphoplasty' in fallback.text

    treatment.mark_spanish_reviewed(None)
    rebuild()
    reviewed = search_page(client, "cifoplastía vértebra", prefix="/es")  # accents folded
    assert result_urls(reviewed) == ["/es/treatments/kyphoplasty/"]
    assert '<h2><a href="/es/treatments/kyphoplasty/"><mark>Cifoplastia</mark>' in reviewed.text
    assert "<mark>vértebra</mark>" in reviewed.text
    assert result_urls(search_page(client, "kyphoplasty")) == ["/treatments/kyphoplasty/"]
    assert result_urls(search_page(client, "cifoplastia")) == []


def test_one_transaction_rebuilds_the_index_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(5):
            TreatmentFactory(name=f"Treatment {n}", slug=f"t-{n}")
    assert sum(isinstance(each, RebuildJob) for each in callbacks) == 1


def test_the_query_is_escaped_in_the_heading_snippet_and_title(client):
    TreatmentFactory(
        name="Fusion <b>strong</b>", slug="fusion", summary="Fusion joins <i>two</i> bones."
    )
    rebuild()
    response = search_page(client, '<script>alert("x")</script> fusion')
    html = response.text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; fusion" in html
    assert "<mark>Fusion</mark> &lt;b&gt;strong&lt;/b&gt;" in html
    assert "<mark>Fusion</mark> joins &lt;i&gt;two&lt;/i&gt; bones." in html


def test_results_are_labelled_highlighted_and_announced(client, indexed_demo):
    response = search_page(client, "sacroiliac")
    html = response.text
    assert {"/conditions/si-joint-dysfunction/", "/treatments/si-joint-fusion/"} <= set(
        result_urls(response)[:3]
    )
    assert '<p class="search-count" role="status">' in html
    assert "pages found." in html
    assert '<p class="search-kind">Condition</p>' in html
    assert "<mark>sacroiliac</mark>" in html


def test_a_misspelling_finds_the_page_and_offers_the_spelling(client, indexed_demo):
    response = search_page(client, "siatica")
    assert "/treatments/epidural-steroid-injection/" in result_urls(response)[:3]
    assert 'Did you mean <a href="/search/?q=sciatica">sciatica</a>?' in response.text


def test_synonyms_staff_add_apply_at_once(client, indexed_demo):
    assert result_urls(search_page(client, "kyphosis")) == []
    Synonym.objects.create(terms="kyphosis, radiofrequency")
    assert result_urls(search_page(client, "kyphosis"))[0] == "/treatments/radiofrequency-ablation/"


def test_nothing_found_shows_the_phone_the_quiz_and_the_treatments(client, indexed_demo):
    html = search_page(client, "qwxzvbnm").text
    assert "No pages found." in html
    assert 'href="tel:' in html
    assert 'href="/quiz/"' in html
    assert 'href="/treatments/si-joint-fusion/"' in html


def test_the_second_page_follows_the_first(client, indexed_demo):
    first = search_page(client, "pain")
    assert first.context["page_obj"].paginator.num_pages >= 2
    second = search_page(client, "pain", page=2)
    assert "This is page 2 of" in second.text
    assert set(result_urls(first)).isdisjoint(result_urls(second))
    # A page number past the end or not a number still shows results, never an error.
    assert result_urls(search_page(client, "pain", page="999"))
    assert result_urls(search_page(client, "pain", page="x")) == result_urls(first)


@pytest.mark.parametrize("query", ["", "   ", "the and of", "%_%", "\x00", "a" * 5000, "'; drop"])
def test_hostile_or_empty_input_gives_a_page(client, indexed_demo, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_a_search_runs_the_same_few_queries_whatever_it_finds(client, indexed_demo):
    search_page(client, "warm the caches")
    counts = set()
    search_page(client, "warm", prefix="/es")
    for query, prefix in [
        ("sciatica", ""),
        ("siatica", ""),
        ("lower back pain", ""),
        ("hagerstown", ""),
        ("qwxzvbnm", ""),
        ("pain", ""),
        ("dolor lumbar", "/es"),
        ("siatica", "/es"),
        ("qwxzvbnm", "/es"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            search_page(client, query, prefix=prefix)
        counts.add(len(queries))
    # The ordered ids and the page's entries, or the ids and the treatments list when
    # nothing matched.
    assert counts == {2}
    assert max(counts) <= QUERY_BUDGET


def test_a_rebuild_runs_as_many_queries_however_much_content_there_is(indexed_demo):
    with CaptureQueriesContext(connection) as before:
        rebuild()
    for n in range(3):
        treatment = TreatmentFactory(name=f"Kyphoplasty {n}", slug=f"kyphoplasty-{n}")
        treatment.mark_spanish_reviewed(None)
        FAQFactory(treatment=treatment)
        ConditionFactory(name=f"Fracture {n}", slug=f"fracture-{n}").mark_spanish_reviewed(None)
    with CaptureQueriesContext(connection) as after:
        rebuild()
    assert len(after) == len(before)


def test_the_search_text_is_neither_cached_nor_logged(client, indexed_demo, caplog):
    caplog.set_level(logging.DEBUG)
    response = search_page(client, "herniated disc secretword")
    assert "no-store" in response["Cache-Control"]
    assert "secretword" not in caplog.text
    assert not SearchEntry.objects.filter(title__icontains="secretword").exists()


def test_every_page_has_the_search_box_and_the_404_page_one_more(client, indexed_demo):
    home = client.get("/").text
    assert '<form class="site-search" action="/search/" method="get" role="search"' in home
    assert '<label class="visually-hidden" for="site-search-q">Search the site</label>' in home
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert missing.text.count('action="/search/"') == 2
    assert '<label for="not-found-q">Search the site</label>' in missing.text


def test_the_command_rebuilds_the_index(demo, capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "Indexed" in capsys.readouterr().out
    kinds = set(SearchEntry.objects.values_list("kind", flat=True))
    assert kinds == set(SearchEntry.Kind.values)
