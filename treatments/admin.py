from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    EnglishReadOnlyForTranslatorsMixin,
    PreviewLinkMixin,
    PublishActionsMixin,
    SpanishReviewAdminMixin,
    translates_only,
)
from core.admin_a11y import CheckboxListsMixin, LabelledListEditableMixin
from core.admin_images import ImageFieldsAdminMixin

from .admin_editor import OrderButtonsInlineMixin, TreatmentEditorMixin
from .admin_history import PageHistoryAdminMixin
from .models import (
    FAQ,
    FILE_LANGUAGES,
    Condition,
    PatientDocument,
    ProcedureStep,
    QuizRule,
    ResourcePage,
    Treatment,
    TreatmentSection,
)
from .page_history import key_of
from .services import LivePageChanged, treatment_draft_create, treatment_draft_publish


class HistoryLinkInline:
    """An inline row's link to its page's history, where staff compare and restore versions
    of the whole page (a part's own versions only make sense together with the page's)."""

    readonly_fields = ["history"]

    @admin.display(description=_("earlier versions"))
    def history(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:treatments_treatment_history", args=[obj.treatment_id])
        return format_html('<a href="{}">{}</a>', url, _("History"))


class TreatmentSectionInline(
    OrderButtonsInlineMixin,
    EnglishReadOnlyForTranslatorsMixin,
    HistoryLinkInline,
    TranslationStackedInline,
):
    model = TreatmentSection
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = [
        ("kind", "sort_order"),
        "title",
        "body",
        ("figure", "figure_caption"),
        ("source", "source_url"),
        "history",
    ]


class ProcedureStepInline(
    OrderButtonsInlineMixin,
    EnglishReadOnlyForTranslatorsMixin,
    HistoryLinkInline,
    TranslationTabularInline,
):
    model = ProcedureStep
    extra = 0
    fields = ["sort_order", "title", "body", ("image", "image_alt"), "history"]


class FAQInline(
    OrderButtonsInlineMixin,
    EnglishReadOnlyForTranslatorsMixin,
    HistoryLinkInline,
    TranslationStackedInline,
):
    model = FAQ
    extra = 0
    fields = [("question", "sort_order"), "answer", "history"]


@admin.register(Treatment)
class TreatmentAdmin(
    LabelledListEditableMixin,
    TreatmentEditorMixin,
    SpanishReviewAdminMixin,
    ImageFieldsAdminMixin,
    PublishActionsMixin,
    PreviewLinkMixin,
    PageHistoryAdminMixin,
    TranslationAdmin,
):
    """Live pages are reworked in a draft copy ("Make a draft copy"), so patients never
    see a half-finished edit; "Save and publish this draft" puts the copy live."""

    change_form_template = "treatments/admin/treatment_change_form.html"
    list_display = [
        "name", "kind", "care_step", "is_published", "featured", "sort_order", "updated_at",
        "preview_link", "draft_of",
    ]  # fmt: skip
    list_filter = ["is_published", "kind", "featured", "conditions"]
    list_editable = ["care_step", "sort_order"]
    search_fields = ["name", "summary", "sections__body", "faqs__question"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["preview_link", "created_at", "updated_at", "deleted_parts"]
    inlines = [TreatmentSectionInline, ProcedureStepInline, FAQInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "summary", "preview_link"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_alt"]}),
        (
            _("Publishing"),
            {"fields": ["is_published", "featured", "care_step", "sort_order"]},
        ),
        (
            _("Search engines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
        (
            _("Record"),
            {"fields": ["created_at", "updated_at", "deleted_parts"], "classes": ["collapse"]},
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    def get_fieldsets(self, request, obj=None):
        # With each translated field as its English and Spanish columns, and the Spanish review.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.draft_of_id:
            return fieldsets
        # A copy's address and publishing state are its live page's; it has none of its own.
        (name, options), *rest = fieldsets
        return [
            (name, {**options, "fields": ["draft_of", *options["fields"]]}),
            *(fieldset for fieldset in rest if fieldset[0] != _("Publishing")),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.draft_of_id:
            return [*readonly, "draft_of", "slug"]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.draft_of_id:
            return {}
        return super().get_prepopulated_fields(request, obj)

    @admin.display(description=_("deleted sections, steps and questions"))
    def deleted_parts(self, obj):
        links = []
        compare = reverse("admin:treatments_treatment_compare", args=[obj.pk])
        for model in (TreatmentSection, ProcedureStep, FAQ):
            live_ids = model.objects.filter(treatment=obj.pk).values("pk")
            deleted = (
                model.history.filter(treatment_id=obj.pk, history_type="-")
                .exclude(id__in=live_ids)
                .order_by("-history_date")
            )
            # The page just before the part went, beside today's: restore it as a draft there.
            links += [(compare, key_of(row.history_date) - 1, row.instance) for row in deleted]
        if not links:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}?from={}">{}</a></li>', links),
        )

    @admin.action(description=PublishActionsMixin.publish.short_description)
    def publish(self, request, queryset):
        if queryset.exclude(draft_of=None).exists():
            self.message_user(
                request,
                _(
                    "Draft copies are published from their own page, "
                    "with “Save and publish this draft”."
                ),
                messages.WARNING,
            )
        super().publish(request, queryset.filter(draft_of=None))

    def get_urls(self):
        make_draft = self.admin_site.admin_view(require_POST(self.make_draft_view))
        return [
            path(
                "<path:object_id>/make-draft/", make_draft, name="treatments_treatment_make_draft"
            ),
            *super().get_urls(),
        ]

    def make_draft_view(self, request, object_id):
        live = get_object_or_404(Treatment, pk=object_id, is_published=True, draft_of=None)
        if not (self.has_add_permission(request) and self.has_change_permission(request, live)):
            raise PermissionDenied
        draft = treatment_draft_create(live=live)
        self.message_user(
            request,
            _(
                "This is a draft copy of “%(name)s”. "
                "Patients see the live page until you publish it."
            )
            % {"name": live.name},
            messages.SUCCESS,
        )
        return redirect("admin:treatments_treatment_change", draft.pk)

    def response_change(self, request, obj):
        anyway = "_publish_draft_anyway" in request.POST
        if (anyway or "_publish_draft" in request.POST) and obj.draft_of_id:
            try:
                live = treatment_draft_publish(draft=obj, replace_live_changes=anyway)
            except LivePageChanged:
                self.message_user(
                    request,
                    _(
                        "Not published: the live page was changed after this draft copy "
                        "was made. Your draft is saved; see below what publishing would undo."
                    ),
                    messages.ERROR,
                )
                return redirect("admin:treatments_treatment_change", obj.pk)
            self.message_user(
                request,
                _("The draft is now the live page of “%(name)s”.") % {"name": live.name},
                messages.SUCCESS,
            )
            return redirect("admin:treatments_treatment_change", live.pk)
        return super().response_change(request, obj)


@admin.register(Condition)
class ConditionAdmin(
    CheckboxListsMixin,
    SpanishReviewAdminMixin,
    PublishActionsMixin,
    PreviewLinkMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    list_display = ["name", "is_published", "sort_order", "updated_at", "preview_link"]
    list_filter = ["is_published", "treatments"]
    search_fields = ["name", "summary", "symptoms", "causes"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["preview_link"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "treatments":
            kwargs["queryset"] = Treatment.objects.filter(draft_of=None)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(QuizRule)
class QuizRuleAdmin(
    LabelledListEditableMixin, SpanishReviewAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    """The whole pain quiz on one page: each treatment's row says when it may be suggested.

    A row is refused when it would let a later step of care (ablation, surgery) be
    suggested before the answers show the earlier steps were tried. Translators write the
    Spanish reason on each rule's own page, where everything else is read-only for them.
    """

    list_display = [
        "treatment", "care_step",
        "region_si", "region_low_back", "region_leg", "region_mid_back", "region_neck",
        "type_joint", "type_facet", "type_nerve", "type_walking",
        "min_duration", "needs", "not_after", "reason",
    ]  # fmt: skip
    list_editable = list_display[2:]
    list_display_links = ["treatment"]
    list_select_related = ["treatment"]
    readonly_fields = ["in_words"]
    fieldsets = [
        (None, {"fields": ["treatment", "reason", "in_words"]}),
        (
            _("May suggest for pain in"),
            {
                "fields": [
                    "region_si",
                    "region_low_back",
                    "region_leg",
                    "region_mid_back",
                    "region_neck",
                ]
            },
        ),
        (
            _("May suggest for pain that is"),
            {"fields": ["type_joint", "type_facet", "type_nerve", "type_walking"]},
        ),
        (_("Only after"), {"fields": ["min_duration", "needs", "not_after"]}),
    ]

    @admin.display(description=_("step of care"), ordering="treatment__care_step")
    def care_step(self, obj):
        return obj.treatment.get_care_step_display()

    @admin.display(description=_("the rule in words"))
    def in_words(self, obj):
        return obj.describe() if obj.pk else "—"

    def get_changelist_form(self, request, **kwargs):
        # The reason is a sentence, in each language; a narrow box keeps the table readable.
        box = forms.Textarea(attrs={"rows": 3, "cols": 30})
        kwargs.setdefault("widgets", {"reason_en": box, "reason_es": box})
        return super().get_changelist_form(request, **kwargs)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if translates_only(request, self.model):
            # The table edits the clinical rules themselves, which are not a translator's.
            changelist.list_editable = ()
        return changelist


@admin.register(PatientDocument)
class PatientDocumentAdmin(
    LabelledListEditableMixin,
    SpanishReviewAdminMixin,
    PublishActionsMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    list_display = ["title", "kind", "generated", "is_published", "sort_order", "updated_at"]
    list_filter = ["kind", "is_published"]
    list_editable = ["sort_order"]
    search_fields = ["title", "description"]

    def get_readonly_fields(self, request, obj=None):
        # The site draws these files again (`generate_documents`, and the worker after a
        # content change): an upload would be replaced without a word.
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.generated:
            return [*fields, *(f"file_{code}" for code in FILE_LANGUAGES)]
        return fields


@admin.register(ResourcePage)
class ResourcePageAdmin(
    SpanishReviewAdminMixin,
    PublishActionsMixin,
    PreviewLinkMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    list_display = ["title", "is_published", "sort_order", "updated_at", "preview_link"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link"]
