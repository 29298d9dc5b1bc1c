from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.images import OrientedImageField, validate_image_upload, validate_logo_upload
from core.phones import validate_phone
from core.translation_review import SpanishReview


class SiteSettings(SpanishReview, models.Model):
    """The practice's own words and numbers, shown on every page. One row."""

    practice_name = models.CharField(_("practice name"), max_length=120)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    phone = models.CharField(
        _("main phone"),
        max_length=30,
        validators=[validate_phone],
        help_text=_("Shown in the header as a number to tap, e.g. (301) 555-0100."),
    )
    email = models.EmailField(_("public email"), blank=True)
    hero_heading = models.CharField(_("home page heading"), max_length=120)
    hero_text = models.TextField(_("home page introduction"), max_length=600)
    hero_button_label = models.CharField(
        _("home page button"), max_length=60, default=_("Request an appointment")
    )
    hero_image = OrientedImageField(
        _("home page picture"),
        upload_to="home/",
        blank=True,
        validators=[validate_image_upload],
        width_field="hero_image_width",
        height_field="hero_image_height",
        renditions_field="hero_image_renditions_made",
        help_text=_("JPEG, PNG or WebP, at least 320 × 200 pixels, at most 8 MB."),
    )
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_renditions_made = models.BooleanField(editable=False, default=False)
    hero_image_alt = models.CharField(
        _("home page picture description"),
        max_length=200,
        blank=True,
        help_text=_("What the picture shows, for patients who cannot see it."),
    )
    # Raster only: an uploaded SVG could carry script. Without one, the drawn mark and
    # wordmark of templates/includes/logo.html are shown.
    logo = OrientedImageField(
        _("logo"),
        upload_to="home/",
        blank=True,
        validators=[validate_logo_upload],
        width_field="logo_width",
        height_field="logo_height",
        renditions_field="logo_renditions_made",
        help_text=_(
            "Optional. A PNG, JPEG or WebP of your logo, at least 160 × 40 pixels, shown in the "
            "header in place of the drawn logo. Leave empty to keep the drawn logo."
        ),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_renditions_made = models.BooleanField(editable=False, default=False)
    insurance_note = models.TextField(
        _("insurance note"),
        max_length=400,
        help_text=_("Shown in the footer of every page."),
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_(
            "The full notice shown at /privacy/. Plain text; blank lines start paragraphs."
        ),
    )
    seo_description = models.CharField(
        _("home page description"),
        max_length=160,
        help_text=_("For search results; 160 characters at most."),
    )
    # Who changed the site's texts, when, and the earlier wording, which staff can restore;
    # the main phone and email route patients' calls, so their earlier values matter too.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="site_settings_single_row"),
        ]

    def __str__(self):
        return self.practice_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first() or cls(
            practice_name="Clinic",
            phone="",
            hero_heading="",
            hero_text="",
            insurance_note="",
            privacy_notice="",
            seo_description="",
        )


class TrustPoint(SpanishReview, models.Model):
    """A short reason to choose the practice, listed on the home page."""

    title = models.CharField(_("title"), max_length=80)
    text = models.CharField(_("text"), max_length=240, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("trust point")
        verbose_name_plural = _("trust points")

    def __str__(self):
        return self.title
