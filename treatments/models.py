from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic_site.models import PublishedQuerySet, TimeStampedModel


class TreatmentQuerySet(PublishedQuerySet):
    def featured(self):
        return self.published().filter(is_featured=True)


class Treatment(TimeStampedModel):
    class Kind(models.TextChoices):
        SURGICAL = "surgical", _("Surgical")
        MINIMALLY_INVASIVE = "minimally_invasive", _("Minimally invasive")
        NONSURGICAL = "nonsurgical", _("Nonsurgical")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), max_length=500)
    is_published = models.BooleanField(_("published"), default=False)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=160, blank=True)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:detail", kwargs={"slug": self.slug})
