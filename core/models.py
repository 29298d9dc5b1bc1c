"""Abstract bases every content app builds on: timestamps and the one definition of "published"."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublishedQuerySet(models.QuerySet):
    """What the public may see: the one definition every view and sitemap uses."""

    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Drafts too for staff, so they can preview a page as a patient will see it."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


def only_known_values(field, values):
    """Keep `field` to `values` in the database itself, so no write path (.update(), a raw
    query, an import) can store a value the choices, and so every page, do not know."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": list(values)}),
        name=f"%(app_label)s_%(class)s_{field}_known",
    )


class SpanishReviewRight(models.Model):
    """No table: it only holds the permission to mark Spanish as reviewed, which belongs to
    no single content model (core/translation_review.py)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("review_spanish", _("Can mark Spanish content as reviewed"))]

    def __str__(self):
        return str(self._meta.verbose_name)


class SlugRedirect(models.Model):
    """A web address a published page had before its slug changed, so links, bookmarks and
    search results still reach it (core/redirects.py answers them with a 301)."""

    old_path = models.CharField(
        _("old address"),
        max_length=255,
        unique=True,
        help_text=_("Without a language prefix, e.g. /treatments/old-name/."),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_path
