"""What patients can book online, when, and the holds and bookings that take the times.

Weekly availability and exceptions are wall-clock times in the office's own time zone
(Location.time_zone), turned into instants only when slots are computed (booking/slots.py),
so a 9:00 start stays 9:00 on both sides of a daylight-saving change. Bookings store
instants (UTC in the database).
"""

from datetime import timedelta

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, only_known_values
from core.translation_review import SpanishReview
from locations.models import Weekday

HOLD_MINUTES = 10
# Another time the front desk offers is held for the patient for two days (time to see the
# email, even checking once a day), but never later than two hours before it starts: an
# answer that late could not reach the office in time, and the time should go back to
# everyone while someone can still use it.
PROPOSAL_HOURS = 48
PROPOSAL_CUTOFF_HOURS = 2


class PatientKind(models.TextChoices):
    ANY = "any", _("New and existing patients")
    NEW = "new", _("New patients")
    EXISTING = "existing", _("Existing patients")


class AppointmentTypeQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(bookable_online=True)


class AppointmentType(SpanishReview, TimeStampedModel):
    """A kind of visit patients may book (a new-patient consultation, a follow-up). Its
    name is shown in Spanish only once a translator has reviewed it (booking/translation.py)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("length in minutes"), help_text=_("Slots start this many minutes apart.")
    )
    patients = models.CharField(
        _("for"), max_length=10, choices=PatientKind, default=PatientKind.ANY
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        related_name="appointment_types",
        blank=True,
        verbose_name=_("treatments it is for"),
        help_text=_("Leave empty for a visit about any treatment."),
    )
    minimum_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice in hours"),
        default=24,
        help_text=_("The earliest slot offered is at least this far from now."),
    )
    horizon_days = models.PositiveSmallIntegerField(_("bookable this many days ahead"), default=28)
    bookable_online = models.BooleanField(_("bookable online"), default=False)
    needs_room = models.BooleanField(
        _("needs a room or chair"),
        default=False,
        help_text=_(
            "Each availability for this visit then names the room or chair it takes, and no "
            "two providers are booked into one room at once."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AppointmentTypeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("appointment type")
        verbose_name_plural = _("appointment types")
        constraints = [
            only_known_values("patients", PatientKind.values),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="appointment_type_duration_range",
                violation_error_message=_("A visit lasts between 5 minutes and 8 hours."),
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1, horizon_days__lte=365),
                name="appointment_type_horizon_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def duration(self):
        return timedelta(minutes=self.duration_minutes)


class Room(models.Model):
    """A room or chair at an office that some visits need (a procedure room, an infusion
    chair): whoever the provider, one visit in it at a time."""

    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.CASCADE,
        related_name="rooms",
        verbose_name=_("office"),
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("For staff only."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["location", "sort_order", "name"]
        verbose_name = _("room or chair")
        verbose_name_plural = _("rooms and chairs")
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="room_name_unique_per_office")
        ]

    def __str__(self):
        return self.name


class WeeklyAvailability(models.Model):
    """A provider sees this appointment type at this office every such weekday, from-until,
    in the office's time zone. Slots start at `starts` and every visit length after it."""

    provider = models.ForeignKey(
        "locations.Provider",
        on_delete=models.CASCADE,
        related_name="weekly_availability",
        verbose_name=_("provider"),
    )
    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.CASCADE,
        related_name="weekly_availability",
        verbose_name=_("office"),
    )
    appointment_type = models.ForeignKey(
        AppointmentType,
        on_delete=models.CASCADE,
        related_name="weekly_availability",
        verbose_name=_("appointment type"),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="weekly_availability",
        verbose_name=_("room or chair"),
        help_text=_("The room or chair these visits take, at this office."),
    )

    class Meta:
        ordering = ["location", "provider", "weekday", "starts"]
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")),
                name="availability_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="availability_weekday_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        self._clean_room()
        # A provider in two places at once would be offered twice over.
        if self.provider_id is None or self.starts is None or self.ends is None:
            return
        clash = WeeklyAvailability.objects.filter(
            provider_id=self.provider_id,
            weekday=self.weekday,
            starts__lt=self.ends,
            ends__gt=self.starts,
        ).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                _("This provider already has availability overlapping these hours that day.")
            )

    def _clean_room(self):
        if self.room_id is not None and self.room.location_id != self.location_id:
            raise ValidationError({"room": _("Choose a room or chair at this office.")})
        if (
            self.room_id is None
            and self.appointment_type_id is not None
            and self.appointment_type.needs_room
        ):
            raise ValidationError({"room": _("This visit needs a room or chair: choose one.")})


class AvailabilityException(models.Model):
    """Time off (whole days) or blocked hours on each day of a date range, in the office's
    time zone; at one office, or (office left empty) wherever the provider works."""

    provider = models.ForeignKey(
        "locations.Provider",
        on_delete=models.CASCADE,
        related_name="availability_exceptions",
        verbose_name=_("provider"),
    )
    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availability_exceptions",
        verbose_name=_("office"),
        help_text=_("Leave empty for every office."),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    starts = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Leave both times empty for whole days.")
    )
    ends = models.TimeField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=80, blank=True)

    class Meta:
        ordering = ["first_day", "starts"]
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="exception_last_day_not_before_first",
                violation_error_message=_("The last day cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=Q(starts__isnull=True, ends__isnull=True)
                | Q(starts__isnull=False, ends__isnull=False, ends__gt=F("starts")),
                name="exception_whole_days_or_hours",
                violation_error_message=_(
                    "Give both times, the end after the start, or neither for whole days."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.first_day:%Y-%m-%d}–{self.last_day:%Y-%m-%d} {self.reason}".strip()

    def blocks(self, day, starts, ends):
        """Whether this exception takes the wall-clock period from starts to ends on `day`."""
        if not self.first_day <= day <= self.last_day:
            return False
        if self.starts is None:
            return True
        return self.starts < ends and starts < self.ends


class BookingStatus(models.TextChoices):
    HELD = "held", _("Held while the patient fills in details")
    REQUESTED = "requested", _("Waiting for the front desk")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled by the patient")
    EXPIRED = "expired", _("Hold expired")
    PROPOSED = "proposed", _("Offered to the patient in place of their time")
    ACCEPTED = "accepted", _("Accepted by the patient (the booking moved to it)")


# The statuses that take the provider's time; the others free it at once.
ACTIVE_STATUSES = [
    BookingStatus.HELD,
    BookingStatus.PROPOSED,
    BookingStatus.REQUESTED,
    BookingStatus.CONFIRMED,
]
IS_ACTIVE = Q(status__in=ACTIVE_STATUSES)
# The statuses held only until hold_expires_at: a patient's own hold, and a time the front
# desk offers them in place of theirs.
HOLDING_STATUSES = [BookingStatus.HELD, BookingStatus.PROPOSED]


class TsTzRange(models.Func):
    """tstzrange(start, end, '[)'): the time a booking takes, end excluded, so back-to-back
    visits (9:00 to 9:30, then 9:30 to 10:00) do not overlap."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class OnPostgreSQL(ExclusionConstraint):
    """An exclusion constraint where the database has them (PostgreSQL), nothing elsewhere:
    on SQLite, which has no range types, the uniqueness rule on starts stands alone."""

    @staticmethod
    def _here(schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if self._here(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._here(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._here(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=None):
        # The services check overlaps themselves; the database has the last word.
        return


class BookingQuerySet(models.QuerySet):
    def taking_time(self, now=None):
        """Holds and offered times not yet expired, requests and confirmed bookings: time no
        one else gets.

        An expired hold may still say "held" (or "proposed") until the next booking for its
        provider marks it expired (booking/services.py); reads never count it."""
        return self.filter(IS_ACTIVE).exclude(
            status__in=HOLDING_STATUSES, hold_expires_at__lte=now or timezone.now()
        )

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)

    def due_for_reminder(self, hours, now=None):
        now = now or timezone.now()
        field = f"reminded_{hours}h_at"
        return self.filter(
            status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED],
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=hours),
            **{f"{field}__isnull": True},
        )


class Booking(TimeStampedModel):
    """A provider's time taken by a patient: first a 10-minute hold, then a request the
    front desk confirms or declines. A row with `proposed_for` is another time the front desk
    offers in place of that booking, held for the patient until they answer or it expires.
    Patient details live in the linked appointment request, so the front desk's worklist,
    audit log and retention rules cover bookings too."""

    Status = BookingStatus

    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus, default=BookingStatus.HELD
    )
    provider = models.ForeignKey(
        "locations.Provider",
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("provider"),
    )
    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("office"),
    )
    appointment_type = models.ForeignKey(
        AppointmentType,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("appointment type"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    hold_expires_at = models.DateTimeField(_("hold expires"))
    request = models.OneToOneField(
        "appointments.AppointmentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking",
        verbose_name=_("request"),
    )
    reminded_72h_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_24h_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    move_requested_at = models.DateTimeField(_("patient asked to move it"), null=True, blank=True)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("room or chair"),
    )
    proposed_for = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("offered in place of"),
        help_text=_("For a time the front desk offers: the booking it would replace."),
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["location", "starts_at"])]
        constraints = [
            only_known_values("status", BookingStatus.values),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
            # Everywhere: one active booking per provider and start. Slots of one
            # appointment type are aligned, so on SQLite this is what stops a double booking.
            models.UniqueConstraint(
                fields=["provider", "starts_at"],
                condition=IS_ACTIVE,
                name="booking_one_active_per_provider_start",
                violation_error_message=_("This time was just taken."),
            ),
            # On PostgreSQL, no two active bookings of a provider overlap at all, whatever
            # their lengths (btree_gist, migration 0001, lets = and && share one index).
            OnPostgreSQL(
                name="booking_no_overlap_per_provider",
                expressions=[
                    ("provider", RangeOperators.EQUAL),
                    (
                        TsTzRange("starts_at", "ends_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=IS_ACTIVE,
            ),
            # The same two rules for a room or chair, whoever the provider: on SQLite one
            # active booking per room and start, on PostgreSQL no overlap at all.
            models.UniqueConstraint(
                fields=["room", "starts_at"],
                condition=IS_ACTIVE & Q(room__isnull=False),
                name="booking_one_active_per_room_start",
                violation_error_message=_("This room was just taken."),
            ),
            OnPostgreSQL(
                name="booking_no_overlap_per_room",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    (
                        TsTzRange("starts_at", "ends_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=IS_ACTIVE & Q(room__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.provider} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        from .links import manage_path

        return manage_path(self)

    @property
    def reference(self):
        return self.request.reference if self.request_id else ""

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.location.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.location.zone)

    def is_hold_live(self, now=None):
        return self.status == BookingStatus.HELD and self.hold_expires_at > (now or timezone.now())

    def is_proposal_open(self, now=None):
        return self.status == BookingStatus.PROPOSED and self.hold_expires_at > (
            now or timezone.now()
        )

    @property
    def can_be_cancelled(self):
        return self.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) and (
            self.starts_at > timezone.now()
        )
