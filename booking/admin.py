from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Now
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from appointments.audit import AuditedAdminMixin
from appointments.models import AuditLogEntry
from core.admin import SpanishReviewAdminMixin
from core.admin_a11y import CheckboxListsMixin, LabelledListEditableMixin

from .models import (
    AppointmentType,
    AvailabilityException,
    Booking,
    BookingStatus,
    Room,
    WeeklyAvailability,
)
from .services import (
    BookingClosed,
    SlotUnavailable,
    booking_confirm,
    booking_decline,
    booking_propose,
    proposal_expiry,
)
from .slots import free_slots

OFFER_DAYS = 14


@admin.register(AppointmentType)
class AppointmentTypeAdmin(
    CheckboxListsMixin, LabelledListEditableMixin, SpanishReviewAdminMixin, TranslationAdmin
):
    """Visit types; translators review the Spanish names here as for other content."""

    list_display = [
        "name", "duration_minutes", "patients", "minimum_notice_hours", "horizon_days",
        "needs_room", "bookable_online",
    ]  # fmt: skip
    list_filter = ["bookable_online", "patients", "needs_room"]
    list_editable = ["bookable_online"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Room)
class RoomAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    list_display = ["name", "location", "sort_order"]
    list_filter = ["location"]
    list_select_related = ["location"]
    list_editable = ["sort_order"]
    search_fields = ["name"]


@admin.register(WeeklyAvailability)
class WeeklyAvailabilityAdmin(admin.ModelAdmin):
    list_display = [
        "provider", "location", "appointment_type", "weekday", "starts", "ends", "room",
    ]  # fmt: skip
    list_filter = ["location", "provider", "appointment_type", "weekday", "room"]
    list_select_related = ["provider", "location", "appointment_type", "room"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["provider", "location", "first_day", "last_day", "starts", "ends", "reason"]
    list_filter = ["provider", "location"]
    list_select_related = ["provider", "location"]
    date_hierarchy = "first_day"


def office_time_of(moment, office):
    local = moment.astimezone(office.zone)
    return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} {formats.time_format(local)}"


def office_time(booking):
    return office_time_of(booking.starts_at, booking.location)


def offered_instead():
    """The start of the other time offered for a request's booking and not yet answered,
    read in the worklist's own query."""
    return Subquery(
        Booking.objects.filter(
            proposed_for=OuterRef("booking"),
            status=BookingStatus.PROPOSED,
            hold_expires_at__gt=Now(),
        ).values("starts_at")[:1]
    )


@admin.display(description=_("booked time"))
def booked_time(appointment_request):
    """The worklist's column: the time a patient booked online, with its status, and the
    other time offered in its place while the patient has not answered."""
    booking = getattr(appointment_request, "booking", None)
    if booking is None:
        return "—"
    column = format_html(
        '<a href="{}">{}</a><br><span class="booking-status">{} · {}</span>',
        reverse("admin:booking_booking_change", args=[booking.pk]),
        office_time(booking),
        booking.provider.name,
        booking.get_status_display(),
    )
    offered = getattr(appointment_request, "offered_instead", None)
    if offered is None:
        return column
    return format_html(
        '{}<br><span class="booking-status">{}</span>',
        column,
        _("Offered instead: %(time)s, waiting for the patient")
        % {"time": office_time_of(offered, booking.location)},
    )


class BookedOnlineFilter(admin.SimpleListFilter):
    """The worklist's online bookings apart from the requests to be called back."""

    title = _("how it came")
    parameter_name = "booked"

    def lookups(self, request, model_admin):
        return [("online", _("Online bookings")), ("request", _("Requests to call back"))]

    def queryset(self, request, queryset):
        if self.value() == "online":
            return queryset.filter(booking__isnull=False)
        if self.value() == "request":
            return queryset.filter(booking__isnull=True)
        return queryset


def _bookings(queryset):
    """The selected bookings, or the selected requests' bookings."""
    if queryset.model is not Booking:
        queryset = Booking.objects.filter(request__in=queryset)
    return queryset


def _answer(modeladmin, request, queryset, service, done):
    """One answer to each selected booking (or each selected request's booking); those
    already answered or cancelled are left as they are."""
    answered = 0
    for booking in _bookings(queryset).select_related("location", "request"):
        try:
            service(booking=booking, user=request.user)
            answered += 1
        except BookingClosed:
            continue
    modeladmin.message_user(request, done(answered), messages.SUCCESS)


def confirm_booked_times(modeladmin, request, queryset):
    _answer(
        modeladmin,
        request,
        queryset,
        booking_confirm,
        lambda n: ngettext("%(n)d booking confirmed.", "%(n)d bookings confirmed.", n) % {"n": n},
    )


confirm_booked_times.short_description = _("Confirm the booked times")


def decline_booked_times(modeladmin, request, queryset):
    _answer(
        modeladmin,
        request,
        queryset,
        booking_decline,
        lambda n: ngettext("%(n)d booking declined.", "%(n)d bookings declined.", n) % {"n": n},
    )


decline_booked_times.short_description = _("Decline the booked times")


def propose_another_time(modeladmin, request, queryset):
    """Opens the free times to propose for the one booking selected."""
    bookings = list(_bookings(queryset).values_list("pk", flat=True)[:2])
    if len(bookings) != 1:
        modeladmin.message_user(
            request, gettext("Select one booking to propose another time for."), messages.WARNING
        )
        return None
    return redirect("admin:booking_booking_offer", bookings[0])


propose_another_time.short_description = _("Propose another time (one booking)")


@admin.register(Booking)
class BookingAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Bookings by time: what the front desk answers. Patient details stay on the request,
    one click away; opening either is audited like every request."""

    audit_subject = AuditLogEntry.Subject.REQUEST
    list_display = [
        "when", "location", "provider", "room", "appointment_type", "status", "request_link",
    ]  # fmt: skip
    list_filter = ["status", "location", "provider", "appointment_type"]
    list_select_related = ["location", "provider", "room", "appointment_type", "request"]
    date_hierarchy = "starts_at"
    actions = [confirm_booked_times, decline_booked_times, propose_another_time]
    readonly_fields = [
        "when", "location", "provider", "room", "appointment_type", "status", "request_link",
        "hold_expires_at", "move_requested_at", "cancelled_at", "proposed_for",
        "offered_time", "offer_another_time",
    ]  # fmt: skip
    fields = readonly_fields

    def audit_reference(self, obj):
        return obj.reference

    def has_add_permission(self, request):
        return False  # bookings come from patients through the website

    def has_delete_permission(self, request, obj=None):
        return False  # a booking is answered (declined), never removed

    @admin.display(description=_("time at the office"), ordering="starts_at")
    def when(self, obj):
        return office_time(obj)

    @admin.display(description=_("request"))
    def request_link(self, obj):
        if not obj.request_id:
            return "—"
        url = reverse("admin:appointments_appointmentrequest_change", args=[obj.request_id])
        return format_html('<a href="{}">{}</a>', url, obj.reference)

    @admin.display(description=_("time offered"))
    def offered_time(self, obj):
        """The time offered to the patient in place of this one, while they have not
        answered."""
        proposal = obj.proposals.filter(status=Booking.Status.PROPOSED).first()
        if proposal is None or not proposal.is_proposal_open():
            return "—"
        return gettext("%(when)s with %(provider)s, held for the patient until %(until)s") % {
            "when": office_time(proposal),
            "provider": proposal.provider.name,
            "until": office_time_of(proposal.hold_expires_at, proposal.location),
        }

    @admin.display(description=_("another time"))
    def offer_another_time(self, obj):
        if obj.status not in (Booking.Status.REQUESTED, Booking.Status.CONFIRMED):
            return "—"
        url = reverse("admin:booking_booking_offer", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Propose another time"))

    def get_urls(self):
        offer = self.admin_site.admin_view(self.offer_view)
        return [path("<int:pk>/offer/", offer, name="booking_booking_offer"), *super().get_urls()]

    def offer_view(self, request, pk):
        """Free times of the same visit at the same office, each one button: the one chosen
        is held for the patient and offered to them by email (booking_propose)."""
        booking = get_object_or_404(
            Booking.objects.select_related("location", "appointment_type", "request"), pk=pk
        )
        if not self.has_change_permission(request, booking):
            return redirect("admin:index")
        change_url = reverse("admin:booking_booking_change", args=[pk])
        if request.method == "POST":
            try:
                proposal, offered = booking_propose(
                    booking=booking, user=request.user, slot_token=request.POST.get("slot", "")
                )
                if offered:
                    message = gettext(
                        "The time has been offered to the patient by email and is held for "
                        "them until %(until)s."
                    ) % {"until": office_time_of(proposal.hold_expires_at, booking.location)}
                else:
                    message = gettext(
                        "This time had already been offered to the patient. Nothing changed."
                    )
                self.message_user(request, message)
                return redirect(change_url)
            except SlotUnavailable:
                self.message_user(request, gettext("That time was just taken."), messages.ERROR)
            except BookingClosed:
                self.message_user(
                    request, gettext("This booking can no longer be moved."), messages.ERROR
                )
                return redirect(change_url)
        today = timezone.localtime(timezone.now(), booking.location.zone).date()
        now = timezone.now()
        slots = [
            # Only times the patient would have a while to answer for.
            slot
            for slot in free_slots(
                location=booking.location,
                appointment_type=booking.appointment_type,
                first_day=today,
                days=OFFER_DAYS,
                now=now,
            )
            if proposal_expiry(slot.starts_at, now) > now
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Propose another time"),
            "booking": booking,
            "slots": slots,
            "change_url": change_url,
            "opts": self.model._meta,
            "days": OFFER_DAYS,
        }
        return TemplateResponse(request, "admin/booking/booking/offer.html", context)
