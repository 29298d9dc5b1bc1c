import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.images import OrientedImageField, validate_image_upload
from core.models import PublishedQuerySet, TimeStampedModel, only_known_values
from core.phones import validate_phone
from core.spoken_languages import SpokenLanguagesField, spoken_language_names
from core.states import STATE_CHOICES, STATE_NAMES
from core.translation_review import SpanishReview

from .states import STATE_SLUGS

ZIP_CODE = re.compile(r"^\d{5}(-\d{4})?$")
# Every zone the gazetteer gives a US ZIP code, so a ZIP's own zone is always a choice.
US_TIME_ZONES = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "America/Adak", "America/Boise", "America/Detroit", "America/Indiana/Indianapolis",
    "America/Indiana/Knox", "America/Indiana/Marengo", "America/Indiana/Petersburg",
    "America/Indiana/Tell_City", "America/Indiana/Vevay", "America/Indiana/Vincennes",
    "America/Indiana/Winamac", "America/Juneau", "America/Kentucky/Louisville",
    "America/Kentucky/Monticello", "America/Menominee", "America/Metlakatla", "America/Nome",
    "America/North_Dakota/Beulah", "America/North_Dakota/Center",
    "America/North_Dakota/New_Salem", "America/Sitka", "America/St_Thomas", "America/Yakutat",
    "Pacific/Chuuk", "Pacific/Guam", "Pacific/Majuro", "Pacific/Pago_Pago", "Pacific/Palau",
    "Pacific/Saipan",
]  # fmt: skip


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so no translation is needed in the code.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class LocationQuerySet(PublishedQuerySet):
    def in_box(self, latitude, longitude, lat_delta, lng_delta):
        """Offices inside a latitude/longitude rectangle: an indexed range scan, no maths."""
        return self.filter(
            latitude__range=(latitude - lat_delta, latitude + lat_delta),
            longitude__range=(longitude - lng_delta, longitude + lng_delta),
        )

    def with_hours(self, around_date, days_ahead=8):
        """Hours, and closures from `around_date` on, for open-now notes: two queries.

        A day before too: an office west of the server may still be on yesterday's date.
        `days_ahead=None` takes every future closure, for the office page's list.
        """
        from datetime import timedelta

        closures = Closure.objects.filter(date__gte=around_date - timedelta(days=1))
        if days_ahead is not None:
            closures = closures.filter(date__lte=around_date + timedelta(days=days_ahead))
        return self.prefetch_related(
            "opening_hours", models.Prefetch("closures", queryset=closures)
        )


class Location(SpanishReview, TimeStampedModel):
    """An office where patients are seen."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The office's web address, e.g. hagerstown. It cannot be a state's name."),
    )
    street_address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(
        _("state"), max_length=2, choices=STATE_CHOICES, help_text=_("Two-letter code, e.g. MD.")
    )
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    # Floats, not decimals: the office search does arithmetic on them in SQL, and PostgreSQL
    # converts numeric to double precision slowly enough to show in every search.
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinates_set_by_hand = models.BooleanField(
        _("position and time zone set by hand"),
        default=False,
        help_text=_(
            "Leave unticked to take the coordinates and time zone from the ZIP code on every "
            "save. Tick to keep the latitude, longitude and time zone you enter, e.g. for a "
            "new ZIP code the gazetteer does not know yet."
        ),
    )
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    fax = models.CharField(_("fax"), max_length=30, blank=True, validators=[validate_phone])
    staff_email = models.EmailField(
        _("staff notification email"),
        blank=True,
        help_text=_("Where new appointment requests for this office are announced."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        choices=[(zone, zone.replace("_", " ")) for zone in US_TIME_ZONES],
    )
    languages = SpokenLanguagesField(
        _("languages our staff speak here"),
        help_text=_("Shown on the office's page. Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )
    parking_notes = models.TextField(_("parking"), blank=True)
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    photo = OrientedImageField(
        _("photo"),
        upload_to="locations/",
        blank=True,
        validators=[validate_image_upload],
        width_field="photo_width",
        height_field="photo_height",
        renditions_field="photo_renditions_made",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_renditions_made = models.BooleanField(editable=False, default=False)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for patients who cannot see it."),
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        related_name="locations",
        blank=True,
        limit_choices_to={"draft_of": None},  # a draft copy is never offered anywhere
        verbose_name=_("treatments"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Who changed an office, when, and its earlier values, which staff can restore; the
    # earlier phone and staff email are kept when someone reroutes patients (routing.py).
    history = HistoricalRecords(m2m_fields=[treatments])
    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        # Routing data (locations/routing.py): needs a second factor at sign-in too.
        permissions = [
            ("change_routing", _("Can change where patient requests and calls go")),
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="location_lat_lng"),
            # A state's offices by name: the state pages, a search for a state, the footer.
            models.Index(fields=["state", "name"], name="location_state_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=list(STATE_NAMES)), name="location_state_known"
            ),
            only_known_values("time_zone", US_TIME_ZONES),
            # /locations/<state>/ and /locations/<office>/ share one address space.
            models.CheckConstraint(
                condition=~models.Q(slug__in=sorted(STATE_SLUGS)),
                name="location_slug_not_a_state",
            ),
            models.CheckConstraint(
                condition=models.Q(coordinates_set_by_hand=False)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="location_hand_coordinates_complete",
            ),
            models.CheckConstraint(
                condition=~models.Q(languages=""), name="location_speaks_a_language"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    @property
    def language_list(self):
        return spoken_language_names(self.languages)

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state)

    @property
    def photo_url(self):
        return self.photo.url if self.photo else ""

    @property
    def directions_url(self):
        """A link out to a maps search for the address: nothing is embedded in our pages."""
        return "https://www.google.com/maps/search/?" + urlencode(
            {"api": "1", "query": self.one_line_address}
        )

    @property
    def one_line_address(self):
        return f"{self.street_address}, {self.city}, {self.state} {self.zip_code}"

    def clean(self):
        errors = {}
        if self.slug in STATE_SLUGS:
            errors["slug"] = _(
                "“%(slug)s” is a state's web address; add the town, e.g. %(slug)s-city."
            ) % {"slug": self.slug}
        if self.time_zone not in available_timezones():
            errors["time_zone"] = _("Use a time zone name such as America/New_York.")
        if self.coordinates_set_by_hand and (self.latitude is None or self.longitude is None):
            errors["latitude"] = _("Enter both latitude and longitude, or untick “set by hand”.")
        if self.zip_code and not ZIP_CODE.match(self.zip_code):
            errors["zip_code"] = _("Enter a 5-digit ZIP code, or ZIP+4 such as 21740-1234.")
        elif self.zip_code and "zip_code" not in errors:
            try:
                place = Place.objects.centre_of(self.zip_code, self.state)
            except ValidationError as error:
                if not (self.coordinates_set_by_hand and error.code == "zip_unknown"):
                    errors["zip_code"] = error.messages
            else:
                if not self.coordinates_set_by_hand:
                    self.latitude, self.longitude = place.latitude, place.longitude
                    self.time_zone = place.time_zone
        if errors:
            raise ValidationError(errors)


class OpeningHours(models.Model):
    """One opening period on a weekday; two rows on one day make split hours (8-12, 13-17)."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("office")
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="hours_close_after_open",
                violation_error_message=_("Closing time must be after opening time."),
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="hours_weekday_range"
            ),
            models.UniqueConstraint(
                fields=["location", "weekday", "opens"], name="hours_one_period_per_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """A date an office is shut although its weekly hours say open (a holiday, training day)."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="closures", verbose_name=_("office")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=80, help_text=_("e.g. Thanksgiving"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="closure_one_per_day"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"


class Provider(SpanishReview, TimeStampedModel):
    """A physician, nurse practitioner or physician assistant."""

    PHYSICIAN_CREDENTIALS = {"MD", "DO"}

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    credentials = models.CharField(
        _("credentials"), max_length=40, help_text=_("e.g. MD, DO, NP, PA-C")
    )
    specialty = models.CharField(_("specialty"), max_length=120, blank=True)
    board_certifications = models.TextField(
        _("board certifications"), blank=True, help_text=_("One per line.")
    )
    fellowship = models.CharField(
        _("fellowship training"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Spine surgery fellowship, University Hospital"),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = OrientedImageField(
        _("photo"),
        upload_to="providers/",
        blank=True,
        validators=[validate_image_upload],
        width_field="photo_width",
        height_field="photo_height",
        renditions_field="photo_renditions_made",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_renditions_made = models.BooleanField(editable=False, default=False)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for patients who cannot see it."),
    )
    languages = SpokenLanguagesField(_("languages spoken"))
    accepting_new_patients = models.BooleanField(_("accepting new patients"), default=True)
    locations = models.ManyToManyField(
        Location, related_name="providers", blank=True, verbose_name=_("offices")
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        through="ProviderTreatment",
        related_name="providers",
        blank=True,
        verbose_name=_("treatments"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(m2m_fields=[locations])
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(languages=""), name="provider_speaks_a_language"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def get_absolute_url(self):
        return reverse("locations:provider_detail", kwargs={"slug": self.slug})

    @property
    def is_physician(self):
        """MD or DO (schema.org Physician); nurse practitioners and PAs are not."""
        tokens = set(re.split(r"[^A-Z]+", self.credentials.upper()))
        return bool(tokens & self.PHYSICIAN_CREDENTIALS)

    @property
    def photo_url(self):
        return self.photo.url if self.photo else ""

    @property
    def certification_list(self):
        return [line.strip() for line in self.board_certifications.splitlines() if line.strip()]

    @property
    def language_list(self):
        return spoken_language_names(self.languages)


@dataclass(frozen=True)
class ZipCentre:
    latitude: Decimal
    longitude: Decimal
    time_zone: str


class PlaceQuerySet(models.QuerySet):
    def centre_of(self, zip_code, state):
        """The centre of a ZIP code, or a message an office editor can act on."""
        five = zip_code[:5]
        place = self.filter(zip_code=five, is_primary=True).first()
        if place is None:
            raise ValidationError(
                _(
                    "ZIP code %(zip)s is not in the US gazetteer. Check the digits, or for a new "
                    "ZIP code tick “set by hand” and enter the position and time zone."
                )
                % {"zip": five},
                code="zip_unknown",
            )
        if state and place.state != state:
            raise ValidationError(
                _("ZIP code %(zip)s is in %(zip_state)s, not %(state)s.")
                % {"zip": five, "zip_state": place.state, "state": state},
                code="zip_other_state",
            )
        return ZipCentre(
            Decimal(f"{place.latitude:.6f}"), Decimal(f"{place.longitude:.6f}"), place.time_zone
        )


class ProviderTreatmentQuerySet(models.QuerySet):
    def performing(self):
        return self.filter(role=ProviderTreatment.Role.PERFORMS)


class ProviderTreatment(models.Model):
    """A provider's part in a treatment, within their scope of practice."""

    class Role(models.TextChoices):
        PERFORMS = "performs", _("Performs it")
        ASSESSES = "assesses", _("Assesses and refers")
        FOLLOWS_UP = "follows_up", _("Follows up after it")

    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        related_name="treatment_roles",
        verbose_name=_("provider"),
    )
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.CASCADE,
        related_name="provider_roles",
        limit_choices_to={"draft_of": None},
        verbose_name=_("treatment"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PERFORMS)

    objects = ProviderTreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["provider__sort_order", "provider__name", "treatment__care_step"]
        verbose_name = _("treatment role")
        verbose_name_plural = _("treatment roles")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "treatment"], name="one_role_per_provider_treatment"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["performs", "assesses", "follows_up"]),
                name="provider_treatment_role_known",
            ),
        ]

    def __str__(self):
        return f"{self.provider} – {self.treatment}: {self.get_role_display()}"


class Place(models.Model):
    """One gazetteer row: a ZIP code's centre under one of its city names, for offline geocoding.

    A ZIP with other accepted names (33326 is Fort Lauderdale, also Weston) has a row per name;
    `is_primary` marks the postal service's own name, used when a ZIP alone is searched.
    """

    zip_code = models.CharField(_("ZIP code"), max_length=5)
    city = models.CharField(_("city"), max_length=100)
    city_key = models.CharField(max_length=100, help_text=_("Lower-case city name for lookups."))
    state = models.CharField(_("state"), max_length=2)
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    time_zone = models.CharField(_("time zone"), max_length=64)
    is_primary = models.BooleanField(default=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("gazetteer place")
        verbose_name_plural = _("gazetteer places")
        indexes = [
            models.Index(fields=["zip_code"], name="place_zip"),
            models.Index(fields=["city_key", "state"], name="place_city_state"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["zip_code", "city_key"], name="place_zip_city_unique"),
        ]

    def __str__(self):
        return f"{self.zip_code} {self.city}, {self.state}"
