"""The notices the law asks the practice to publish, each kept as dated versions.

A notice (privacy practices, nondiscrimination, ...) is one row per kind; its text lives
in versions, each with the date it takes effect. The version in effect is the latest
published one whose date has come; earlier ones stay readable at their own address,
because a patient may need to see the notice that applied when they were treated.
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import PublishedQuerySet, TimeStampedModel, only_known_values
from core.translation_review import SpanishReview
from treatments.markdown import MarkdownHTML, StoredMarkdownHTML


def today():
    return timezone.localdate()


class NoticeQuerySet(models.QuerySet):
    def published(self):
        """Notices a patient can read: those with a published version already in effect."""
        return self.filter(
            versions__is_published=True, versions__effective_date__lte=today()
        ).distinct()


class NoticeKind(models.TextChoices):
    PRIVACY_PRACTICES = "privacy-practices", _("Notice of Privacy Practices")
    NONDISCRIMINATION = "nondiscrimination", _("Notice of nondiscrimination")
    LANGUAGE_ASSISTANCE = "language-assistance", _("Language assistance")
    GOOD_FAITH_ESTIMATE = "good-faith-estimate", _("Good-faith estimate")
    BALANCE_BILLING = "balance-billing", _("Surprise billing protections")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class Notice(SpanishReview, TimeStampedModel):
    Kind = NoticeKind

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind,
        unique=True,
        help_text=_("Also the notice's web address; it never changes."),
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in the box on the pages listed below."),
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="notices",
        verbose_name=_("shown on these treatment pages"),
    )
    providers = models.ManyToManyField(
        "locations.Provider",
        blank=True,
        related_name="notices",
        verbose_name=_("shown on these provider pages"),
    )
    resource_pages = models.ManyToManyField(
        "treatments.ResourcePage",
        blank=True,
        related_name="notices",
        verbose_name=_("shown on these patient resource pages"),
    )
    history = HistoricalRecords()

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [only_known_values("kind", NoticeKind.values)]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:detail", args=[self.kind])


class NoticeVersionQuerySet(PublishedQuerySet):
    def in_effect_on(self, day):
        return self.published().filter(effective_date__lte=day)


class NoticeVersion(StoredMarkdownHTML, TimeStampedModel):
    notice = models.ForeignKey(
        Notice, on_delete=models.PROTECT, related_name="versions", verbose_name=_("notice")
    )
    effective_date = models.DateField(
        _("effective date"),
        help_text=_(
            "The day this version takes effect. Until then patients see the previous version."
        ),
    )
    body = models.TextField(
        _("text"),
        help_text=_("Markdown: a blank line starts a paragraph, ## starts a heading, - a list."),
    )
    change_summary = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("Shown beside the version in the list of versions."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    body_html = MarkdownHTML("body", heading_level=2)
    history = HistoricalRecords()

    objects = NoticeVersionQuerySet.as_manager()

    class Meta:
        ordering = ["notice", "-effective_date"]
        verbose_name = _("notice version")
        verbose_name_plural = _("notice versions")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "effective_date"], name="notice_version_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.notice} ({self.effective_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("notices:version", args=[self.notice.kind, self.effective_date.isoformat()])

    def has_taken_effect(self):
        return self.is_published and self.effective_date <= today()


def parse_version_date(text):
    """The date in a version's address, or None for anything that is not one."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
