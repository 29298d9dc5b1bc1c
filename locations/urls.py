from django.urls import path, register_converter

from core.caching import cache_public_page

from . import views
from .states import StateSlugConverter

app_name = "locations"
register_converter(StateSlugConverter, "state")

# Pages that say "open now" are cached for a minute only: the page cache is otherwise cleared
# only when content changes, and an office opening or closing is a change of time, not content.
OPEN_NOW_TIMEOUT = 60

urlpatterns = [
    path(
        "locations/",
        cache_public_page(views.LocationListView.as_view(), timeout=OPEN_NOW_TIMEOUT),
        name="index",
    ),
    path(
        "locations/<state:state>/",
        cache_public_page(views.StateLocationListView.as_view(), timeout=OPEN_NOW_TIMEOUT),
        name="state",
    ),
    path(
        "locations/<slug:slug>/",
        cache_public_page(views.LocationDetailView.as_view(), timeout=OPEN_NOW_TIMEOUT),
        name="detail",
    ),
    path("providers/", cache_public_page(views.ProviderListView.as_view()), name="provider_list"),
    path(
        "providers/<slug:slug>/",
        cache_public_page(views.ProviderDetailView.as_view()),
        name="provider_detail",
    ),
]
