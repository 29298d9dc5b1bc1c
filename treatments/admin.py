from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FAQ,
    Condition,
    PatientDocument,
    ProcedureStep,
    QuizAnswer,
    QuizQuestion,
    QuizScore,
    ResourcePage,
    Treatment,
    TreatmentSection,
)


class HistoryLinkInline:
    """An inline row's link to its own history, where staff compare and restore versions."""

    readonly_fields = ["history"]

    @admin.display(description=_("earlier versions"))
    def history(self, obj):
        if not obj.pk:
            return "—"
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("History"))


class PublishActionsMixin:
    """List actions staff use to publish or withdraw pages in bulk."""

    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected pages"))
    def publish(self, request, queryset):
        # save() one by one so each change is recorded in the history.
        for obj in queryset:
            obj.is_published = True
            obj.save()

    @admin.action(description=_("Withdraw the selected pages (back to draft)"))
    def unpublish(self, request, queryset):
        for obj in queryset:
            obj.is_published = False
            obj.save()


class PreviewMixin:
    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        label = _("View on site") if obj.is_published else _("Preview the draft")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)


class TreatmentSectionInline(HistoryLinkInline, admin.StackedInline):
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


class ProcedureStepInline(HistoryLinkInline, admin.TabularInline):
    model = ProcedureStep
    extra = 0
    fields = ["sort_order", "title", "body", "history"]


class FAQInline(HistoryLinkInline, admin.StackedInline):
    model = FAQ
    extra = 0
    fields = [("question", "sort_order"), "answer", "history"]


@admin.register(Treatment)
class TreatmentAdmin(PublishActionsMixin, PreviewMixin, SimpleHistoryAdmin):
    list_display = [
        "name", "kind", "is_published", "is_featured", "sort_order", "updated_at", "preview_link",
    ]  # fmt: skip
    list_filter = ["is_published", "kind", "is_featured", "conditions"]
    list_editable = ["sort_order"]
    search_fields = ["name", "summary", "sections__body", "faqs__question"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    inlines = [TreatmentSectionInline, ProcedureStepInline, FAQInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "summary", "preview_link"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_alt"]}),
        (_("Publishing"), {"fields": ["is_published", "is_featured", "sort_order"]}),
        (
            _("Search engines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


class HiddenFromIndexHistoryAdmin(SimpleHistoryAdmin):
    """Registered only for its history and revert pages, reached from the treatment's inlines."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_model_perms(self, request):
        return {}


admin.site.register(TreatmentSection, HiddenFromIndexHistoryAdmin)
admin.site.register(ProcedureStep, HiddenFromIndexHistoryAdmin)
admin.site.register(FAQ, HiddenFromIndexHistoryAdmin)


@admin.register(Condition)
class ConditionAdmin(PublishActionsMixin, PreviewMixin, SimpleHistoryAdmin):
    list_display = ["name", "is_published", "sort_order", "updated_at", "preview_link"]
    list_filter = ["is_published", "treatments"]
    search_fields = ["name", "summary", "symptoms", "causes"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["treatments"]
    readonly_fields = ["preview_link"]


class QuizAnswerInline(admin.TabularInline):
    model = QuizAnswer
    extra = 1
    # Each answer's scores (which treatments it points to, and why) are edited on its own page.
    show_change_link = True
    fields = ["sort_order", "text"]


@admin.register(QuizQuestion)
class QuizQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "is_published", "sort_order"]
    list_editable = ["sort_order"]
    list_filter = ["is_published"]
    search_fields = ["text", "answers__text"]
    inlines = [QuizAnswerInline]


class QuizScoreInline(admin.TabularInline):
    model = QuizScore
    extra = 1
    autocomplete_fields = ["treatment"]


@admin.register(QuizAnswer)
class QuizAnswerAdmin(admin.ModelAdmin):
    """Where each answer is scored: which treatments it points to, by how much and why."""

    list_display = ["text", "question"]
    list_filter = ["question"]
    search_fields = ["text", "question__text"]
    list_select_related = ["question"]
    inlines = [QuizScoreInline]


@admin.register(PatientDocument)
class PatientDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "is_published", "sort_order", "updated_at"]
    list_filter = ["kind", "is_published"]
    list_editable = ["sort_order"]
    search_fields = ["title", "description"]


@admin.register(ResourcePage)
class ResourcePageAdmin(PublishActionsMixin, PreviewMixin, SimpleHistoryAdmin):
    list_display = ["title", "is_published", "sort_order", "updated_at", "preview_link"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link"]
