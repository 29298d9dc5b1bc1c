from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, only_known_values

MAX_TEXT_LENGTH = 1500


# Outside the model so its Meta can hold the list in a database constraint.
class TestimonialStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class TestimonialQuerySet(models.QuerySet):
    def approved(self):
        """What the public may see: the one definition every page and the carousel use."""
        return self.filter(status=Testimonial.Status.APPROVED)

    def featured(self):
        return self.approved().filter(featured=True)


def about_filter(obj):
    """The Q that selects testimonials about obj (a Location, Provider or Treatment)."""
    from locations.models import Location, Provider
    from treatments.models import Treatment

    fields = {Location: "office", Provider: "provider", Treatment: "treatment"}
    for model, field in fields.items():
        if isinstance(obj, model):
            return models.Q(**{field: obj})
    raise TypeError(f"testimonials cannot be about a {type(obj).__name__}")


class Testimonial(TimeStampedModel):
    """A patient's story, shown on the site only once staff approve it."""

    Status = TestimonialStatus

    display_name = models.CharField(
        _("name as shown"),
        max_length=60,
        help_text=_("Exactly as the patient agreed to have it shown, e.g. “Theresa R.”"),
    )
    text = models.TextField(_("story"), max_length=MAX_TEXT_LENGTH)
    # A story stays in the language the patient wrote it in; pages mark it with this.
    language = models.CharField(
        _("language of the story"),
        max_length=8,
        choices=[("en", _("English")), ("es", _("Spanish"))],
        default="en",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Optional, 1 to 5. Shown as text, never as stars."),
    )
    office = models.ForeignKey(
        "locations.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        verbose_name=_("office"),
    )
    provider = models.ForeignKey(
        "locations.Provider",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        verbose_name=_("provider"),
    )
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        limit_choices_to={"draft_of": None},
        verbose_name=_("treatment"),
    )
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("When the patient shared the story.")
    )
    consent_to_publish = models.BooleanField(_("consent to publish"), default=False)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page and as a fallback.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # One key per rendered form, so a double click or a resent form stores the story once.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = TestimonialQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "-date", "-created_at"]
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        indexes = [models.Index(fields=["status", "featured"])]
        constraints = [
            only_known_values("language", ["en", "es"]),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="testimonial_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TestimonialStatus.values),
                name="testimonial_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_to_publish=False)
                | models.Q(consent_given_at__isnull=False),
                name="testimonial_consent_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=TestimonialStatus.APPROVED)
                | models.Q(consent_to_publish=True),
                name="testimonial_approved_has_consent",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_status_display()})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def affects_public_pages(self):
        """Whether saving or deleting this row can change a public page: approved now or before.

        A story waiting for review, or one rejected without ever being shown, is on no
        public page, so storing it need not empty the page cache.
        """
        stored = getattr(self, "_stored_status", None)
        return self.Status.APPROVED in (self.status, stored)

    def clean(self):
        # Consent recorded by staff (e.g. on a paper form) is timestamped when it is ticked.
        if self.consent_to_publish and self.consent_given_at is None:
            self.consent_given_at = timezone.now()
        if not self.consent_to_publish:
            self.consent_given_at = None
        if self.status == self.Status.APPROVED and not self.consent_to_publish:
            raise ValidationError(
                {"status": _("A story can be approved only when the patient agreed to publish it.")}
            )
