from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.images import OrientedImageField, validate_image_upload
from core.models import PublishedQuerySet, TimeStampedModel, only_known_values
from core.translation_review import SpanishReview

from .markdown import markdown_html
from .validators import validate_pdf_upload

MARKDOWN_HELP = _(
    "Markdown: blank line between paragraphs, **bold**, *italic*, - for a bullet list, "
    "1. for a numbered list, [link text](https://…). Headings become sub-headings of the section."
)


# The choice lists live outside their models so each model's Meta can hold them in a
# database constraint.
class TreatmentKind(models.TextChoices):
    SURGICAL = "surgical", _("Surgical")
    MINIMALLY_INVASIVE = "minimally_invasive", _("Minimally invasive")
    NONSURGICAL = "nonsurgical", _("Nonsurgical")


class SectionKind(models.TextChoices):
    WHAT_IT_IS = "what-it-is", _("What it is")
    EFFECTIVENESS = "effectiveness", _("How effective it is")
    SYMPTOMS = "symptoms", _("Signs, symptoms and causes")
    DURATION = "how-long-it-lasts", _("How long the effects last")
    CANDIDACY = "candidacy", _("Who is a good candidate")
    PROCEDURE = "what-to-expect", _("What to expect")
    RECOVERY = "recovery", _("Recovery")
    RESULTS = "results", _("When results show")
    BENEFITS = "benefits", _("Benefits")


class DocumentKind(models.TextChoices):
    FORM = "form", _("Patient form")
    GUIDE = "guide", _("Digital guide")


class TreatmentQuerySet(PublishedQuerySet):
    def featured(self):
        return self.published().filter(featured=True)


class Treatment(SpanishReview, TimeStampedModel):
    Kind = TreatmentKind

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), max_length=500)
    hero_image = OrientedImageField(
        _("hero image"),
        upload_to="treatments/",
        blank=True,
        validators=[validate_image_upload],
        width_field="hero_width",
        height_field="hero_height",
        help_text=_("JPEG, PNG or WebP, at least 320 × 200 pixels, at most 8 MB."),
    )
    hero_width = models.PositiveIntegerField(editable=False, null=True)
    hero_height = models.PositiveIntegerField(editable=False, null=True)
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for patients who cannot see it."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=160, blank=True)
    draft_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="drafts",
        verbose_name=_("draft copy of"),
        help_text=_("The live page this unpublished copy replaces when it is published."),
    )

    history = HistoricalRecords()
    objects = TreatmentQuerySet.as_manager()

    # What publishing a draft copy carries over to the live page; the live page
    # keeps its own address, publishing state and place in lists.
    CONTENT_FIELDS = (
        "name", "kind", "summary", "hero_image", "hero_width", "hero_height", "hero_alt",
        "seo_title", "seo_description",
    )  # fmt: skip

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft_of=None) | models.Q(is_published=False),
                name="draft_copy_is_never_published",
                violation_error_message=_("A draft copy is published through its live page."),
            ),
            only_known_values("kind", TreatmentKind.values),
        ]

    def __str__(self):
        if self.draft_of_id:
            return _("%(name)s (draft copy)") % {"name": self.name}
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:detail", kwargs={"slug": self.slug})


class TreatmentSection(models.Model):
    """One optional part of a treatment page, in the order staff choose."""

    Kind = SectionKind

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("section"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("heading"), max_length=120, blank=True, help_text=_("Leave blank for the usual heading.")
    )
    body = models.TextField(_("text"), blank=True, help_text=MARKDOWN_HELP)
    figure = models.CharField(
        _("key figure"), max_length=20, blank=True, help_text=_("e.g. 80%. Effectiveness only.")
    )
    figure_caption = models.CharField(_("what the figure means"), max_length=200, blank=True)
    source = models.CharField(_("source of the figure"), max_length=300, blank=True)
    source_url = models.URLField(_("link to the source"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["treatment", "kind"], name="one_section_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(figure="") | ~models.Q(source=""),
                name="figure_has_a_source",
                violation_error_message=_("A key figure needs its source."),
            ),
            only_known_values("kind", SectionKind.values),
        ]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        return self.title or self.get_kind_display()

    @property
    def body_html(self):
        return markdown_html(self.body, heading_level=3)


class ProcedureStep(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=120)
    body = models.TextField(_("text"), blank=True, help_text=MARKDOWN_HELP)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self):
        return self.title

    @property
    def body_html(self):
        return markdown_html(self.body, heading_level=4)


class FAQ(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"), help_text=MARKDOWN_HELP)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")

    def __str__(self):
        return self.question

    @property
    def answer_html(self):
        return markdown_html(self.answer, heading_level=4)


class Condition(SpanishReview, TimeStampedModel):
    """A diagnosis patients search for, e.g. SI joint dysfunction, and what treats it."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=500)
    symptoms = models.TextField(_("symptoms"), blank=True, help_text=MARKDOWN_HELP)
    causes = models.TextField(_("causes"), blank=True, help_text=MARKDOWN_HELP)
    treatments = models.ManyToManyField(
        Treatment,
        related_name="conditions",
        blank=True,
        verbose_name=_("treatments for it"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=160, blank=True)

    history = HistoricalRecords(m2m_fields=[treatments])
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:condition", kwargs={"slug": self.slug})

    @property
    def symptoms_html(self):
        return markdown_html(self.symptoms, heading_level=3)

    @property
    def causes_html(self):
        return markdown_html(self.causes, heading_level=3)


class QuizQuestion(SpanishReview, models.Model):
    text = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("hint"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self):
        return self.text


class QuizAnswer(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.CharField(_("answer"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text


class QuizScore(models.Model):
    """Choosing `answer` adds `points` to `treatment`, for the reason patients are shown."""

    answer = models.ForeignKey(QuizAnswer, on_delete=models.CASCADE, related_name="scores")
    treatment = models.ForeignKey(
        Treatment,
        on_delete=models.CASCADE,
        related_name="quiz_scores",
        limit_choices_to={"draft_of": None},
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    reason = models.CharField(
        _("why"),
        max_length=200,
        help_text=_("Shown with the suggestion, e.g. “Your pain is worse when you sit.”"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["answer", "treatment"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["answer", "treatment"], name="one_score_per_answer"),
            models.CheckConstraint(condition=models.Q(points__gte=1), name="score_is_positive"),
        ]

    def __str__(self):
        return f"{self.answer} → {self.treatment} (+{self.points})"


class PatientDocument(SpanishReview, TimeStampedModel):
    """A PDF patients can download: a form to fill in before a visit, or the digital guide."""

    Kind = DocumentKind

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FORM)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = models.FileField(
        _("PDF file"),
        upload_to="patient-documents/",
        validators=[validate_pdf_upload],
        help_text=_("A PDF of at most 10 MB."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("patient document")
        verbose_name_plural = _("patient documents")
        constraints = [
            only_known_values("kind", DocumentKind.values),
        ]

    def __str__(self):
        return self.title


class ResourcePage(SpanishReview, TimeStampedModel):
    """A short page under Patient resources, e.g. insurance we accept."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("resource page")
        verbose_name_plural = _("resource pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("treatments:resource_page", kwargs={"slug": self.slug})

    @property
    def body_html(self):
        return markdown_html(self.body, heading_level=2)
