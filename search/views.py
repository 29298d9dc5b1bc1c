from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from treatments.models import Treatment

from .index import INDEXED_LANGUAGES
from .query import parse, search

PAGE_SIZE = 10


def search_language():
    """The active language if it is indexed, else English (the index's first language)."""
    language = (get_language() or "en").split("-")[0]
    return language if language in INDEXED_LANGUAGES else INDEXED_LANGUAGES[0]


# The text a patient types may name a condition: never cached, stored or logged. The page
# cache skips this view (it is not marked cache_public_page) and never_cache keeps browsers
# and proxies from keeping a copy either.
@never_cache
def results(request):
    text = request.GET.get("q", "").strip()
    parsed = parse(text, search_language()) if text else None
    page = None
    if parsed:
        paginator = Paginator(search(parsed), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        stems = parsed.stems
        for entry in page.object_list:
            entry.title_html = entry.highlighted_title(stems)
            entry.snippet = entry.highlighted(stems)
    empty = bool(text) and (page is None or not page.paginator.count)
    return render(
        request,
        "search/results.html",
        {
            "query": text,
            "page_obj": page,
            "did_you_mean": parsed.corrected if parsed else "",
            "did_you_mean_url": (
                f"{reverse('search:results')}?{urlencode({'q': parsed.corrected})}"
                if parsed and parsed.corrected
                else ""
            ),
            "empty": empty,
            # The way on when nothing matched (or nothing was asked).
            # spanish_reviewed_at: whether the name is shown in Spanish (lang_of, below).
            "treatments": Treatment.objects.published().only("name", "slug", "spanish_reviewed_at")
            if empty or not text
            else (),
        },
    )
