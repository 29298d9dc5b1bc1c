from django.urls import path, register_converter

from core.caching import PAGE_NUMBER, SLUG, cache_public_page

from . import views
from .states import StateSlugConverter

app_name = "locations"
register_converter(StateSlugConverter, "state")

# Pages that say "open now" are cached for a minute only: the page cache is otherwise cleared
# only when content changes, and an office opening or closing is a change of time, not content.
OPEN_NOW_TIMEOUT = 60
# A search by ZIP code, town or state may be kept (the view marks a street address or a
# position private, so those are answered fresh each time); a page number or a distance
# outside the lists is answered but not kept, so edited links cannot fill the cache.
SEARCH_PARAMS = {
    "q": r"[0-9]{5}|[^0-9]{0,60}",
    "radius": r"[0-9]{0,3}",
    "page": PAGE_NUMBER,
    "lat": "",
    "lng": "",
}

urlpatterns = [
    path(
        "locations/",
        cache_public_page(
            views.LocationListView.as_view(), timeout=OPEN_NOW_TIMEOUT, params=SEARCH_PARAMS
        ),
        name="index",
    ),
    path(
        "locations/<state:state>/",
        cache_public_page(
            views.StateLocationListView.as_view(), timeout=OPEN_NOW_TIMEOUT, params=SEARCH_PARAMS
        ),
        name="state",
    ),
    path(
        "locations/<slug:slug>/",
        cache_public_page(views.LocationDetailView.as_view(), timeout=OPEN_NOW_TIMEOUT),
        name="detail",
    ),
    path(
        "providers/",
        cache_public_page(
            views.ProviderListView.as_view(),
            params={"location": SLUG, "treatment": SLUG, "page": PAGE_NUMBER},
        ),
        name="provider_list",
    ),
    path(
        "providers/<slug:slug>/",
        cache_public_page(views.ProviderDetailView.as_view()),
        name="provider_detail",
    ),
]
