from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import only_known_values

from .text import has_match as _has_match
from .text import snippet


class SearchKind(models.TextChoices):
    TREATMENT = "treatment", _("Treatment")
    CONDITION = "condition", _("Condition")
    FAQ = "faq", _("Question")
    PROVIDER = "provider", _("Provider")
    OFFICE = "office", _("Office")
    RESOURCE = "resource", _("Patient resource")
    NOTICE = "notice", _("Notice")


class SearchEntry(models.Model):
    """One published item in one language, as the search finds it. Derived data: the
    rebuild (search.index) writes every row; nobody edits one."""

    Kind = SearchKind

    # The language of the pages searched (the results page's own), and the language the
    # entry's text is written in: a Spanish page whose Spanish no translator has reviewed
    # shows the English, and is indexed with that English (see search.index).
    language = models.CharField(max_length=8, default="en")
    text_language = models.CharField(max_length=8, default="en")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    keywords = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # Place among equally good matches: treatments before the notices that mention them.
    priority = models.PositiveSmallIntegerField(default=0)
    # Folded copies (search.text.normalize) for the SQLite match and the exact-title test.
    title_normalized = models.CharField(max_length=300, db_index=True)
    keywords_normalized = models.TextField(blank=True)
    summary_normalized = models.TextField(blank=True)
    body_normalized = models.TextField(blank=True)
    # PostgreSQL only (filled by the rebuild, GIN-indexed by migration 0002); null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["priority", "title"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            only_known_values("kind", SearchKind.values),
            models.UniqueConstraint(fields=["language", "url"], name="search_entry_one_per_url"),
        ]
        indexes = [models.Index(fields=["language", "priority"])]

    def __str__(self):
        return self.title

    @property
    def text_lang_attribute(self):
        """The lang the title and snippet need on a page in another language, else ""."""
        return self.text_language if self.text_language != self.language else ""

    def highlighted_title(self, stems):
        return snippet(self.title, stems, length=len(self.title))

    def highlighted(self, stems):
        """The summary, or the part of the body, that holds the match; escaped, marked."""
        for text in (self.summary, self.body):
            if text and _has_match(text, stems):
                return snippet(text, stems)
        return snippet(self.summary or self.body, stems)


class Synonym(models.Model):
    """Words patients use for one thing, e.g. "SI joint, sacroiliac, SIJ". A search for any
    of them also finds pages that use the others."""

    language = models.CharField(
        _("language"),
        max_length=8,
        default="en",
        choices=[("en", _("English")), ("es", _("Spanish"))],
    )
    terms = models.CharField(
        _("words that mean the same"),
        max_length=300,
        help_text=_(
            "Separated by commas, e.g. lower back, lumbar, lumbago. A term may be several words."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [only_known_values("language", ["en", "es"])]

    def __str__(self):
        return self.terms

    def term_list(self):
        return [term.strip() for term in self.terms.split(",") if term.strip()]
