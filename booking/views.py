"""Book a time: choose, see a week of free slots, hold one, give details, manage it later.

Every step is a plain link or form (JavaScript off works the same). Nothing here is cached:
the slots change with every hold. The patient's hold and booking travel in their session,
never in a URL; the one link that leaves the site (in the email) is signed (links.py).
"""

from collections import defaultdict
from datetime import timedelta

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from core.ratelimit import allow
from locations.forms import LocationSearchForm
from locations.models import Location

from . import publication
from .calendar import booking_ics
from .forms import BookingDetailsForm, SlotSearchForm, treatment_from
from .links import booking_for_token, manage_path, manage_token, proposal_for_token
from .models import AppointmentType, Booking
from .services import (
    BookingClosed,
    SlotUnavailable,
    booking_ask_to_move,
    booking_cancel,
    booking_hold,
    booking_proposal_accept,
    booking_proposal_decline,
    booking_request_submit,
)
from .slots import free_slots

HOLD_SESSION_KEY = "booking.hold"
BOOKED_SESSION_KEY = "booking.booked"
# Enough for a patient who changes their mind a few times; not for a script holding every
# time of the week.
HOLD_LIMIT_PER_HOUR = 20
DAYS_SHOWN = 7


def slot_page_url(booking_or_choice, **extra):
    """The slot page for the same visit, office and (if chosen) provider."""
    if isinstance(booking_or_choice, Booking):
        params = {
            "type": booking_or_choice.appointment_type.slug,
            "location": booking_or_choice.location.slug,
        }
    else:
        params = dict(booking_or_choice)
    return f"{reverse('booking:start')}?{urlencode({**params, **extra})}"


@method_decorator(never_cache, name="dispatch")
class SlotListView(TemplateView):
    """The choice of visit, office and provider, and once chosen a week of free slots."""

    template_name = "booking/start.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET
        form = SlotSearchForm(
            query if "type" in query else None,
            place_search=LocationSearchForm(query).search_terms(),
            treatment=treatment_from(query.get("treatment")),
            initial={key: query[key] for key in ("location", "provider") if key in query},
        )
        context = {**super().get_context_data(**kwargs), "form": form}
        if form.is_bound and form.is_valid():
            context.update(self._week(form.cleaned_data))
        context["taken"] = query.get("taken") == "1"
        return context

    def _week(self, choice):
        office = choice["location"]
        today = timezone.localtime(timezone.now(), office.zone).date()
        first_day = max(choice.get("week") or today, today)
        slots = free_slots(
            location=office,
            appointment_type=choice["type"],
            provider=choice["provider"],
            first_day=first_day,
            days=DAYS_SHOWN,
        )
        days = defaultdict(list)
        for slot in slots:
            days[slot.local_start.date()].append(slot)
        params = {"type": choice["type"].slug, "location": office.slug}
        if choice["provider"]:
            params["provider"] = choice["provider"].slug
        horizon = today + timedelta(days=choice["type"].horizon_days)
        later = first_day + timedelta(days=DAYS_SHOWN)
        return {
            "choice": choice,
            "office": office,
            "days": sorted(days.items()),
            "first_day": first_day,
            "last_day": later - timedelta(days=1),
            "earlier_url": (
                slot_page_url(params, week=(first_day - timedelta(days=DAYS_SHOWN)).isoformat())
                if first_day > today
                else ""
            ),
            "later_url": slot_page_url(params, week=later.isoformat()) if later <= horizon else "",
        }


class HoldView(View):
    """A slot button: hold the time, then ask for the patient's details."""

    def post(self, request):
        data = request.POST
        appointment_type = AppointmentType.objects.bookable().filter(slug=data.get("type")).first()
        office = Location.objects.published().filter(slug=data.get("location")).first()
        if appointment_type is None or office is None:
            return redirect("booking:start")
        choice = {"type": appointment_type.slug, "location": office.slug}
        if not allow(request, "booking-hold", limit=HOLD_LIMIT_PER_HOUR, window_seconds=3600):
            return redirect(slot_page_url(choice, taken="1"))
        try:
            booking = booking_hold(
                location=office, appointment_type=appointment_type, slot_token=data.get("slot")
            )
        except SlotUnavailable:
            # Told plainly, with the next free times on the same page.
            return redirect(slot_page_url(choice, taken="1"))
        request.session[HOLD_SESSION_KEY] = booking.pk
        return redirect("booking:details")


def _session_booking(request, key):
    pk = request.session.get(key)
    if pk is None:
        return None
    return (
        Booking.objects.select_related("location", "provider", "appointment_type", "request")
        .filter(pk=pk)
        .first()
    )


@method_decorator(never_cache, name="dispatch")
class DetailsView(FormView):
    """The patient's details for the time they hold (the request form's fields)."""

    form_class = BookingDetailsForm
    template_name = "booking/details.html"

    def dispatch(self, request, *args, **kwargs):
        self.booking = _session_booking(request, HOLD_SESSION_KEY)
        if self.booking is None or self.booking.status not in (
            Booking.Status.HELD,
            Booking.Status.EXPIRED,
        ):
            return redirect("booking:start")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "booking": self.booking,
            "hold_live": self.booking.is_hold_live(),
            "held_until": timezone.localtime(
                self.booking.hold_expires_at, self.booking.location.zone
            ),
        }

    def form_valid(self, form):
        if form.is_spam:
            # A bot learns nothing, and the time goes back to patients.
            Booking.objects.filter(pk=self.booking.pk, status=Booking.Status.HELD).update(
                status=Booking.Status.EXPIRED
            )
            return redirect("booking:start")
        try:
            booking = booking_request_submit(
                booking=self.booking,
                patient=form.service_fields(),
                language=self.request.LANGUAGE_CODE,
            )
        except SlotUnavailable:
            return redirect(slot_page_url(self.booking, taken="1"))
        except BookingClosed:
            return redirect("booking:start")
        self.request.session.pop(HOLD_SESSION_KEY, None)
        self.request.session[BOOKED_SESSION_KEY] = booking.pk
        return redirect("booking:booked")


@method_decorator(never_cache, name="dispatch")
class BookedView(TemplateView):
    template_name = "booking/booked.html"

    def get(self, request, *args, **kwargs):
        booking = _session_booking(request, BOOKED_SESSION_KEY)
        if booking is None or booking.request is None:
            return redirect("booking:start")
        return self.render_to_response(
            self.get_context_data(
                booking=booking,
                manage_url=manage_path(booking),
                manage_token=manage_token(booking),
            )
        )


def _booking_for(token):
    queryset = Booking.objects.select_related(
        "location", "provider", "appointment_type", "request"
    ).filter(request__anonymized_at__isnull=True)
    booking = booking_for_token(token, queryset)
    if booking is None:
        raise Http404
    return booking


class SignedLinkPageMixin:
    """A page opened from a signed link whose buttons send one of a few answers. Anything
    else (only a tampered request sends it) gets the page again with a note saying so, and
    nothing changes."""

    def done(self, **kwargs):
        return kwargs.get("done", self.request.GET.get("done", ""))

    def unclear_answer(self, token):
        context = self.get_context_data(token=token, done="unclear")
        return self.render_to_response(context, status=400)


@method_decorator(never_cache, name="dispatch")
class ManageView(SignedLinkPageMixin, TemplateView):
    """Open from the signed link in the email: see, cancel or ask to move the booking."""

    template_name = "booking/manage.html"

    def get_context_data(self, **kwargs):
        booking = _booking_for(kwargs["token"])
        return {
            **super().get_context_data(**kwargs),
            "booking": booking,
            "done": self.done(**kwargs),
        }

    def post(self, request, token):
        booking = _booking_for(token)
        action = request.POST.get("action")
        if action not in ("cancel", "move"):
            return self.unclear_answer(token)
        try:
            if action == "cancel":
                booking_cancel(booking=booking)
            else:
                booking_ask_to_move(booking=booking)
        except BookingClosed:
            action = "closed"
        return redirect(f"{request.path}?done={action}")


def _proposal_for(token):
    queryset = Booking.objects.select_related(
        "location", "provider", "proposed_for__location", "proposed_for__provider",
        "proposed_for__appointment_type", "proposed_for__request",
    ).filter(proposed_for__request__anonymized_at__isnull=True)  # fmt: skip
    proposal = proposal_for_token(token, queryset)
    if proposal is None:
        raise Http404
    return proposal


@method_decorator(never_cache, name="dispatch")
class ProposalView(SignedLinkPageMixin, TemplateView):
    """Open from the signed link in the email: accept the time the front desk offers, or
    decline it and keep or cancel one's own. Plain forms; each answer is given once, and a
    second click is told so."""

    template_name = "booking/proposal.html"
    ANSWERS = {"accept", "keep", "cancel"}

    def get_context_data(self, **kwargs):
        proposal = _proposal_for(kwargs["token"])
        return {
            **super().get_context_data(**kwargs),
            "proposal": proposal,
            "booking": proposal.proposed_for,
            "open": proposal.is_proposal_open(),
            "held_until": timezone.localtime(proposal.hold_expires_at, proposal.location.zone),
            "manage_url": manage_path(proposal.proposed_for),
            "done": self.done(**kwargs),
        }

    def post(self, request, token):
        proposal = _proposal_for(token)
        answer = request.POST.get("answer")
        if answer not in self.ANSWERS:
            return self.unclear_answer(token)
        try:
            if answer == "accept":
                _booking, changed = booking_proposal_accept(proposal=proposal)
            else:
                _booking, changed = booking_proposal_decline(
                    proposal=proposal, cancel=answer == "cancel"
                )
            done = answer if changed else "already"
        except BookingClosed:
            done = "closed"
        return redirect(f"{request.path}?done={done}")


def calendar_file(request, token):
    booking = _booking_for(token)
    response = HttpResponse(booking_ics(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def manifest(request):
    return JsonResponse(publication.manifest())


def publication_file(request, name):
    if name not in publication.KINDS.values():
        raise Http404
    return HttpResponse(publication.ndjson(name), content_type="application/fhir+ndjson")
