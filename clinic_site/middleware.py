import logging

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.response import TemplateResponse
from django.utils import translation

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Only this site may ask for the patient's location; nothing may use camera or microphone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def is_database_unavailable(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def in_language_of_path(request):
    """The language of the page asked for. An error page may be made before LocaleMiddleware
    ran (a middleware failed) and must still answer /es/ in Spanish."""
    path_language = translation.get_language_from_path(request.path_info)
    return translation.override(path_language or settings.LANGUAGE_CODE)


def database_unavailable_response(request):
    """The friendly 503 page, rendered without touching the database."""
    logger.error("database unavailable")
    response = TemplateResponse(
        request, "503.html", {"database_down": True}, status=503, using=None
    )
    response["Retry-After"] = "30"
    with in_language_of_path(request):
        return response.render()


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 with a friendly page, never a traceback.

    This catches the views' errors; clinic_site.views.server_error catches the
    same errors when they come from a middleware instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        return database_unavailable_response(request)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, except that a session that cannot be saved
    because the database is down keeps the page the view made ("your request
    was NOT saved", or the 503 page) instead of turning it into a 500."""

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except DatabaseError:
            logger.error("session not saved: database unavailable")
            return response
