from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin import SpanishReviewAdminMixin

from .models import SiteSettings, TrustPoint


@admin.register(SiteSettings)
class SiteSettingsAdmin(SpanishReviewAdminMixin, TranslationAdmin):
    fieldsets = [
        (None, {"fields": ["practice_name", "tagline", "phone", "email"]}),
        (
            _("Home page"),
            {"fields": ["hero_heading", "hero_text", "hero_button_label", "seo_description"]},
        ),
        (_("Footer and legal"), {"fields": ["insurance_note", "privacy_notice"]}),
    ]

    def has_add_permission(self, request):
        # One row only: staff edit it, they never add a second.
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrustPoint)
class TrustPointAdmin(SpanishReviewAdminMixin, TranslationAdmin):
    list_display = ["title", "text", "sort_order"]
    list_editable = ["sort_order"]
