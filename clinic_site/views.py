"""Project-wide views: health check, robots.txt, favicon, local media and the error handlers."""

import sys

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from core.storage import document_parameters

from .middleware import (
    database_unavailable_response,
    in_language_of_path,
    is_database_unavailable,
)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not. Load balancers poll this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def media(request, path):
    """Uploaded media from the local disk (a single-machine run without S3), PDFs as downloads
    as S3 and nginx send them (core/storage.py, deploy/nginx.conf)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if "ContentDisposition" in document_parameters(path):
        response["Content-Disposition"] = "attachment"
    return response


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico whatever the page declares; send them to the real icon.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def csrf_failure(request, reason=""):
    with in_language_of_path(request):
        return render(request, "403_csrf.html", status=403)


def server_error(request):
    # Django calls this while handling the error, so sys.exc_info() holds it.
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    try:
        with in_language_of_path(request):
            return render(request, "500.html", status=500)
    except Exception:  # the error may be the very thing the page needs (e.g. the database)
        return HttpResponse(
            "Sorry, something went wrong on our side. Please try again or call us.",
            status=500,
            content_type="text/plain",
        )
