import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.caching import PAGE_NUMBER, cache_public_page
from core.sitemaps import SITEMAPS

from . import views

handler500 = "clinic_site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
    path(
        "sitemap.xml",
        cache_public_page(sitemap, params={"p": PAGE_NUMBER}),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Every public page in each language: English at today's addresses, Spanish under /es/.
# The language comes from the path only, never from the browser's Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("treatments.urls")),
    path("", include("locations.urls")),
    path("", include("testimonials.urls")),
    path("", include("appointments.urls")),
    path("", include("booking.urls")),
    path("notices/", include("notices.urls")),
    path("search/", include("search.urls")),
    prefix_default_language=False,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production serves media from S3-compatible storage; this is for a local run.
    urlpatterns += [path("media/<path:path>", views.media)]

if os.environ.get("BENCH_REFERENCE_VIEW") == "1":
    # The load benchmark's floor: a fixed page through the same middleware (bench/run.py).
    from .bench_reference import reference

    urlpatterns += [path("bench/reference/", reference, name="bench_reference")]
