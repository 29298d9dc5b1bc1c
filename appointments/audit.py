"""Who looked at which patient's data, from where: what every audit log entry is told.

AuditLogEntry.record() is called from admin views, services and the retention command.
Rather than hand the request down through every service, AuditContextMiddleware keeps the
current request's client address and user agent for the length of the request, and record()
reads them; outside a request (the retention command, the shell) they are empty.
AuditedAdminMixin records the list, search, change and history pages of a model holding
patient data (requests and messages, patients' stories).
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings

from core.ratelimit import client_address

from .models import USER_AGENT_LENGTH, AuditLogEntry, audit_client


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            address = str(ipaddress.ip_address(client_address(request)))
        except ValueError:
            address = None
        agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
        token = audit_client.set((address, agent))
        try:
            return self.get_response(request)
        finally:
            audit_client.reset(token)


def search_fingerprint(term):
    """A keyed hash of a search: the log can show the same search twice, never what it was."""
    normalized = " ".join(term.casefold().split())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalized.encode(), hashlib.sha256).hexdigest()[:16]


class AuditedAdminMixin:
    """Logs who saw the list (with the search as a keyed hash, the number found and each row
    shown), each change page and each history page of a model that holds patient data."""

    audit_subject = None  # an AuditLogEntry.Subject

    def audit_reference(self, obj):
        return str(obj.pk)

    def audit(self, request, action, objects, details="", even_if_none=False):
        AuditLogEntry.record(
            user=request.user,
            action=action,
            references=[self.audit_reference(obj) for obj in objects],
            details=details,
            subject=self.audit_subject,
            even_if_none=even_if_none,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            term = changelist.query
            details = f"search {search_fingerprint(term)}" if term else "list"
            self.audit(
                request,
                AuditLogEntry.Action.LIST,
                list(changelist.result_list),
                details=f"{details}, {changelist.result_count} results",
                even_if_none=True,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Logged whenever the page was shown to someone allowed to see it: on a GET, and on
        # a POST that failed validation, which shows the whole record again.
        if response.status_code == 200:
            obj = response.context_data.get("original")
            if obj is not None:
                self.audit(request, AuditLogEntry.Action.VIEW, [obj])
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            obj = response.context_data.get("object")
            if obj is not None:
                self.audit(request, AuditLogEntry.Action.VIEW, [obj], details="history")
        return response
