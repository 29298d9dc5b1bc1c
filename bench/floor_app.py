"""The framework's floor for `make bench`: Django with nothing of the site in it.

No middleware, no database, no templates, no cache: one view answering every request with
the reference view's fixed 10 KB page (clinic_site/bench_reference.py). bench/server.py
starts it under gunicorn with the site's own configuration (the same workers), beside the
site, so every page's throughput reads as a fraction of what Django itself can serve.
"""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",  # noqa: S106 - signs nothing: no sessions, no forms
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings exist
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from clinic_site.bench_reference import PAGE  # noqa: E402


def floor(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", floor)]
application = get_wsgi_application()
