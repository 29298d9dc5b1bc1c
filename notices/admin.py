from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    EnglishReadOnlyForTranslatorsMixin,
    SpanishReviewAdminMixin,
    english_fields,
)
from core.admin_a11y import CheckboxListsMixin, LabelledRowsFormSet

from .models import Notice, NoticeVersion


class NoticeVersionInline(TranslationTabularInline):
    model = NoticeVersion
    formset = LabelledRowsFormSet
    fields = ("effective_date", "is_published", "change_summary")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # new versions are written on their own page, with the full text


@admin.register(Notice)
class NoticeAdmin(
    CheckboxListsMixin, SpanishReviewAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    list_display = ("title", "kind", "updated_at")
    search_fields = ("title", "summary")
    readonly_fields = ("kind",)
    fields = ("kind", "title", "summary", "treatments", "providers", "resource_pages")
    inlines = [NoticeVersionInline]

    def has_add_permission(self, request):
        return False  # one row per kind, made by the migration; the law sets the list

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NoticeVersion)
class NoticeVersionAdmin(EnglishReadOnlyForTranslatorsMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("notice", "effective_date", "is_published", "in_effect_or_past")
    list_filter = ("notice", "is_published")
    search_fields = ("body", "change_summary")
    date_hierarchy = "effective_date"
    fields = ("notice", "effective_date", "is_published", "change_summary", "body")

    @admin.display(boolean=True, description=_("taken effect"))
    def in_effect_or_past(self, obj):
        return obj.has_taken_effect()

    def get_readonly_fields(self, request, obj=None):
        # A version patients have relied on is a record: publish a new version instead. Its
        # Spanish stays open, so a translation can follow the English it renders.
        if obj is not None and obj.has_taken_effect():
            return [
                *(name for name in self.fields if name not in ("body", "change_summary")),
                *english_fields(NoticeVersion),
            ]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.has_taken_effect():
            return False
        return super().has_delete_permission(request, obj)
