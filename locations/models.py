from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic_site.models import PublishedQuerySet, TimeStampedModel


class Location(TimeStampedModel):
    """An office where patients are seen."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    street_address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, help_text=_("Two-letter code, e.g. MD."))
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30)
    staff_email = models.EmailField(
        _("staff notification email"),
        blank=True,
        help_text=_("Where new appointment requests for this office are announced."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York")
    treatments = models.ManyToManyField(
        "treatments.Treatment", related_name="locations", blank=True, verbose_name=_("treatments")
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})


class Provider(TimeStampedModel):
    """A physician, nurse practitioner or physician assistant."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    credentials = models.CharField(
        _("credentials"), max_length=40, help_text=_("e.g. MD, DO, NP, PA-C")
    )
    specialty = models.CharField(_("specialty"), max_length=120, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    locations = models.ManyToManyField(
        Location, related_name="providers", blank=True, verbose_name=_("offices")
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        related_name="providers",
        blank=True,
        verbose_name=_("treatments performed"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def get_absolute_url(self):
        return reverse("locations:provider_detail", kwargs={"slug": self.slug})
