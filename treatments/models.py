from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language
from simple_history.models import HistoricalRecords

from core.images import OrientedImageField, require_alt_text, validate_image_upload
from core.models import PublishedQuerySet, TimeStampedModel, only_known_values
from core.translation_review import (
    SOURCE_LANGUAGE,
    SpanishReview,
    shows_english_in_place_of_spanish,
)

from .clinical import Duration, Prerequisite, Tried, order_of_care_breach
from .markdown import MarkdownHTML, StoredMarkdownHTML
from .validators import pdf_facts, validate_pdf_upload

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


class GeneratedDocument(models.TextChoices):
    """The documents the site draws itself (treatments/pdf/), one row each."""

    REGISTRATION = "registration", _("New patient registration")
    PAIN_DIARY = "pain-diary", _("Pain diary")
    GUIDE = "guide", _("Digital guide")


class TreatmentQuerySet(PublishedQuerySet):
    def featured(self):
        return self.published().filter(featured=True)


class CareStep(models.IntegerChoices):
    """The practice's order of care: the gentlest step first, surgery last."""

    EDUCATION_THERAPY = 1, _("Education and physical therapy")
    INJECTIONS = 2, _("Diagnostic and therapeutic injections")
    ABLATION = 3, _("Radiofrequency ablation")
    SURGERY = 4, _("Surgery")


class Treatment(SpanishReview, TimeStampedModel):
    Kind = TreatmentKind

    CareStep = CareStep

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
        renditions_field="hero_renditions_made",
        help_text=_("JPEG, PNG or WebP, at least 320 × 200 pixels, at most 8 MB."),
    )
    hero_width = models.PositiveIntegerField(editable=False, null=True)
    hero_height = models.PositiveIntegerField(editable=False, null=True)
    hero_renditions_made = models.BooleanField(editable=False, default=False)
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for patients who cannot see it."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    care_step = models.PositiveSmallIntegerField(
        _("step in the order of care"),
        choices=CareStep.choices,
        help_text=_(
            "Every list of treatments and the pain quiz's suggestions go gentlest first: "
            "1 education and physical therapy, 2 injections, 3 radiofrequency ablation, "
            "4 surgery."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order within its step"), default=0)
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
    # The live page's content when this copy was made (page_history.page_fingerprint), so
    # publishing can tell whether someone changed the live page since, e.g. by publishing
    # another copy, and not undo their work unasked.
    draft_base = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords()
    objects = TreatmentQuerySet.as_manager()

    # What publishing a draft copy carries over to the live page; the live page
    # keeps its own address, publishing state and place in lists.
    CONTENT_FIELDS = (
        "name", "kind", "summary", "hero_image", "hero_width", "hero_height", "hero_alt",
        "seo_title", "seo_description",
    )  # fmt: skip

    class Meta:
        ordering = ["care_step", "sort_order", "name"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(care_step__in=CareStep.values),
                name="treatment_care_step_known",
            ),
            # A surgical treatment is the last step of care, wherever it is listed.
            models.CheckConstraint(
                condition=~models.Q(kind="surgical") | models.Q(care_step=CareStep.SURGERY),
                name="surgery_is_the_last_care_step",
                violation_error_message=_("A surgical treatment belongs to step 4, surgery."),
            ),
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

    def clean(self):
        require_alt_text(self, "hero_image", "hero_alt")
        # Moving a treatment to a later step of care must not leave its quiz rule
        # suggesting it too early.
        rule = QuizRule.objects.filter(treatment_id=self.pk).first() if self.pk else None
        if rule is not None and self.care_step:
            rule.treatment = self
            if order_of_care_breach(rule, self.care_step) is not None:
                raise ValidationError(
                    {
                        "care_step": _(
                            "Its pain quiz rule would suggest it too early for this step: "
                            "change the rule first."
                        )
                    }
                )


class TreatmentSection(StoredMarkdownHTML, models.Model):
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
    body_html = MarkdownHTML("body", heading_level=3)

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


class ProcedureStep(StoredMarkdownHTML, models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=120)
    body = models.TextField(_("text"), blank=True, help_text=MARKDOWN_HELP)
    image = OrientedImageField(
        _("picture"),
        upload_to="steps/",
        blank=True,
        validators=[validate_image_upload],
        width_field="image_width",
        height_field="image_height",
        renditions_field="image_renditions_made",
        help_text=_("Optional. JPEG, PNG or WebP, at least 320 × 200 pixels, at most 8 MB."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions_made = models.BooleanField(editable=False, default=False)
    image_alt = models.CharField(
        _("picture description"),
        max_length=200,
        blank=True,
        help_text=_("What the picture shows, for patients who cannot see it."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    body_html = MarkdownHTML("body", heading_level=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self):
        return self.title


class FAQ(StoredMarkdownHTML, models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"), help_text=MARKDOWN_HELP)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    answer_html = MarkdownHTML("answer", heading_level=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")

    def __str__(self):
        return self.question


class Condition(StoredMarkdownHTML, SpanishReview, TimeStampedModel):
    """A diagnosis patients search for, e.g. SI joint dysfunction, and what treats it."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=500)
    symptoms = models.TextField(_("symptoms"), blank=True, help_text=MARKDOWN_HELP)
    causes = models.TextField(_("causes"), blank=True, help_text=MARKDOWN_HELP)
    diagnosis = models.TextField(
        _("how the diagnosis is made"), blank=True, help_text=MARKDOWN_HELP
    )
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
    symptoms_html = MarkdownHTML("symptoms", heading_level=3)
    causes_html = MarkdownHTML("causes", heading_level=3)
    diagnosis_html = MarkdownHTML("diagnosis", heading_level=3)

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


class QuizRule(SpanishReview, models.Model):
    """When the pain quiz may suggest one treatment, and why; every condition must hold.

    A ticked region or type of pain is one it may be suggested for; an unticked one is
    one it must not be suggested for. Its reason is reviewed in Spanish on its own, not
    with its treatment: clinical staff edit the rules in their own table, and a draft copy
    of the treatment has no rule.
    """

    treatment = models.OneToOneField(
        Treatment,
        on_delete=models.CASCADE,
        related_name="quiz_rule",
        limit_choices_to={"draft_of": None},
        verbose_name=_("treatment"),
    )
    region_si = models.BooleanField(_("low back, one side, or buttock"), default=False)
    region_low_back = models.BooleanField(_("across the lower back"), default=False)
    region_leg = models.BooleanField(_("down a leg"), default=False)
    region_mid_back = models.BooleanField(_("middle of the back"), default=False)
    region_neck = models.BooleanField(_("neck or arm"), default=False)
    type_joint = models.BooleanField(_("joint ache (sitting, lying on one side)"), default=False)
    type_facet = models.BooleanField(_("ache on bending back or twisting"), default=False)
    type_nerve = models.BooleanField(_("nerve pain, numbness or tingling"), default=False)
    type_walking = models.BooleanField(_("leg pain on walking"), default=False)
    min_duration = models.PositiveSmallIntegerField(
        _("pain for at least"), choices=Duration.choices, default=Duration.UNDER_THREE_MONTHS
    )
    needs = models.CharField(
        _("already tried"),
        max_length=20,
        choices=Prerequisite.choices,
        default=Prerequisite.NOTHING,
    )
    not_after = models.CharField(
        _("must not when already tried"),
        max_length=20,
        choices=Tried.choices,
        blank=True,
        help_text=_("e.g. a diagnostic injection is not suggested to someone who has had it."),
    )
    reason = models.CharField(
        _("why, in one sentence"),
        max_length=240,
        help_text=_("Shown with the suggestion, e.g. “Pain low on one side of the back…”"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment__care_step", "treatment__sort_order", "treatment__name"]
        verbose_name = _("pain quiz rule")
        verbose_name_plural = _("pain quiz rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_duration__in=Duration.values),
                name="quiz_rule_duration_known",
            ),
            models.CheckConstraint(
                condition=models.Q(needs__in=Prerequisite.values), name="quiz_rule_needs_known"
            ),
            models.CheckConstraint(
                condition=models.Q(not_after__in=["", *Tried.values]),
                name="quiz_rule_not_after_known",
            ),
            models.CheckConstraint(
                condition=models.Q(region_si=True)
                | models.Q(region_low_back=True)
                | models.Q(region_leg=True)
                | models.Q(region_mid_back=True)
                | models.Q(region_neck=True),
                name="quiz_rule_has_a_region",
                violation_error_message=_("Tick at least one region of pain."),
            ),
            models.CheckConstraint(
                condition=models.Q(type_joint=True)
                | models.Q(type_facet=True)
                | models.Q(type_nerve=True)
                | models.Q(type_walking=True),
                name="quiz_rule_has_a_pain_type",
                violation_error_message=_("Tick at least one type of pain."),
            ),
        ]

    def __str__(self):
        return str(self.treatment)

    def allows(self, answers):
        return (
            getattr(self, f"region_{answers.region}")
            and getattr(self, f"type_{answers.pain_type}")
            and answers.duration >= self.min_duration
            and Prerequisite(self.needs).is_met(answers.tried)
            and self.not_after not in answers.tried
        )

    def describe(self):
        """The rule as a clinician reads it: when it may be suggested, and when not."""
        regions = [f for f in self._meta.fields if f.name.startswith("region_")]
        types = [f for f in self._meta.fields if f.name.startswith("type_")]

        def listed(fields, ticked):
            return ", ".join(str(f.verbose_name) for f in fields if getattr(self, f.name) == ticked)

        may = _(
            "May suggest for pain %(regions)s; %(types)s; lasting %(duration)s; after: %(needs)s."
        ) % {
            "regions": listed(regions, True),
            "types": listed(types, True),
            "duration": str(self.get_min_duration_display()).lower(),
            "needs": str(self.get_needs_display()).lower(),
        }
        never = [listed(regions, False), listed(types, False)]
        if self.not_after:
            never.append(str(self.get_not_after_display()).lower())
        never = "; ".join(part for part in never if part)
        if not never:
            return may
        return f"{may} " + _("Must not suggest for: %(never)s.") % {"never": never}

    def clean(self):
        treatment = getattr(self, "treatment", None)
        if treatment is None:
            return
        breach = order_of_care_breach(self, treatment.care_step)
        if breach is not None:
            raise ValidationError(
                _(
                    "%(treatment)s (%(step)s) could be suggested before the earlier steps of "
                    "care, for example for %(answers)s. Ask for more to have been tried first."
                )
                % {
                    "treatment": treatment.name,
                    "step": treatment.get_care_step_display(),
                    "answers": breach.describe(),
                }
            )


# The languages modeltranslation makes a `file` column for (MODELTRANSLATION_LANGUAGES), each
# with its size and page count beside it.
FILE_LANGUAGES = ("en", "es")
FILE_FACT_FIELDS = [
    f"{fact}_{code}" for fact in ("file_size", "page_count") for code in FILE_LANGUAGES
]


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
    # Which of the site's own documents this row holds; blank for a PDF staff uploaded.
    generated = models.CharField(
        _("drawn by the site"),
        max_length=20,
        choices=GeneratedDocument.choices,
        blank=True,
        editable=False,
    )
    # What the resources page says of each language's file, measured when it is stored so
    # the page reads columns, not files. Empty where that language has no file.
    file_size_en = models.PositiveIntegerField(
        _("size of the English PDF"), null=True, editable=False
    )
    file_size_es = models.PositiveIntegerField(
        _("size of the Spanish PDF"), null=True, editable=False
    )
    page_count_en = models.PositiveIntegerField(
        _("pages of the English PDF"), null=True, editable=False
    )
    page_count_es = models.PositiveIntegerField(
        _("pages of the Spanish PDF"), null=True, editable=False
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
            only_known_values("generated", ["", *GeneratedDocument.values]),
            models.UniqueConstraint(
                fields=["generated"],
                condition=~models.Q(generated=""),
                name="patient_document_one_row_per_generated",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        document._measured = {code: document._file_name(code) for code in FILE_LANGUAGES}
        return document

    def _file_name(self, language):
        return getattr(self, f"file_{language}").name or ""

    def save(self, *args, **kwargs):
        measured = getattr(self, "_measured", {})
        for code in FILE_LANGUAGES:
            name = self._file_name(code)
            if name != measured.get(code) or (name and getattr(self, f"file_size_{code}") is None):
                size, pages = pdf_facts(getattr(self, f"file_{code}")) if name else (None, None)
                setattr(self, f"file_size_{code}", size)
                setattr(self, f"page_count_{code}", pages)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *FILE_FACT_FIELDS}
        super().save(*args, **kwargs)
        self._measured = {code: self._file_name(code) for code in FILE_LANGUAGES}

    @property
    def served_language(self):
        """The language of the file `file` gives now: English where the Spanish is not
        reviewed or has no file of its own (core/translation_review.py)."""
        if shows_english_in_place_of_spanish(self, "file"):
            return SOURCE_LANGUAGE
        return get_language()

    @property
    def file_size(self):
        return getattr(self, f"file_size_{self.served_language}")

    @property
    def page_count(self):
        return getattr(self, f"page_count_{self.served_language}")


class ResourcePage(StoredMarkdownHTML, SpanishReview, TimeStampedModel):
    """A short page under Patient resources, e.g. insurance we accept."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    is_published = models.BooleanField(_("published"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    body_html = MarkdownHTML("body", heading_level=2)

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
