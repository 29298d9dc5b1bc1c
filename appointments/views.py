import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from core.caching import cache_public_page
from core.ratelimit import allow
from locations.forms import LocationSearchForm

from .forms import AppointmentRequestForm, ContactMessageForm
from .models import new_reference
from .services import appointment_request_create

logger = logging.getLogger(__name__)

CONFIRMATION_SESSION_KEY = "appointments.confirmation"
RATE_LIMIT_SCOPE = "appointments"
RATE_LIMIT_WINDOW_SECONDS = 3600


@method_decorator(never_cache, name="dispatch")  # every render carries its own CSRF token
class PatientRequestView(FormView):
    """A patient form: rate-limited, spam-checked, stored once, never falsely confirmed."""

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            # ?q= or ?lat=&lng= from a search result's link, read as the finder reads them.
            "place_search": LocationSearchForm(self.request.GET).search_terms(),
            "preselect": self.request.GET,
        }

    def post(self, request, *args, **kwargs):
        limit = settings.APPOINTMENT_RATE_LIMIT
        if not allow(
            request, RATE_LIMIT_SCOPE, limit=limit, window_seconds=RATE_LIMIT_WINDOW_SECONDS
        ):
            context = self.get_context_data(form=self.get_form(), rate_limited=True)
            return self.render_to_response(context, status=429)
        try:
            return super().post(request, *args, **kwargs)
        except DatabaseError as error:
            # Never a false confirmation: say plainly that nothing was stored.
            logger.error(
                "patient request not saved: database unavailable (%s)", type(error).__name__
            )
            response = TemplateResponse(request, "appointments/not_saved.html", status=503)
            response["Retry-After"] = "60"
            return response

    def form_valid(self, form):
        if form.is_spam:
            # Look sent to the bot, store nothing: a bot learns nothing and the front
            # desk never wades through robot requests. Status "spam" is for staff.
            return self._confirm(reference=new_reference(), kind=None, office=None)
        appointment_request, _created = appointment_request_create(
            **form.service_fields(), language=self.request.LANGUAGE_CODE
        )
        return self._confirm(
            reference=appointment_request.reference,
            kind=appointment_request.kind,
            office=appointment_request.location,
        )

    def form_invalid(self, form):
        if form.is_spam:
            return self._confirm(reference=new_reference(), kind=None, office=None)
        return super().form_invalid(form)

    def _confirm(self, *, reference, kind, office):
        # The code travels in the session, never in the URL: nothing in logs or history.
        self.request.session[CONFIRMATION_SESSION_KEY] = {
            "reference": reference,
            "kind": kind,
            "office_name": office.name if office else "",
            "office_phone": office.phone if office else "",
        }
        return redirect("appointments:confirmation")


class AppointmentRequestView(PatientRequestView):
    form_class = AppointmentRequestForm
    template_name = "appointments/request.html"


class ContactMessageView(PatientRequestView):
    form_class = ContactMessageForm
    template_name = "appointments/message.html"


@method_decorator(never_cache, name="dispatch")
class ConfirmationView(TemplateView):
    template_name = "appointments/confirmation.html"

    def get(self, request, *args, **kwargs):
        confirmation = request.session.get(CONFIRMATION_SESSION_KEY)
        if not confirmation:
            return redirect(reverse("appointments:request"))
        return self.render_to_response(self.get_context_data(confirmation=confirmation))


class ContactView(TemplateView):
    template_name = "appointments/contact.html"


contact = cache_public_page(ContactView.as_view())
