from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import PreviewLinkMixin, PublishActionsMixin, SpanishReviewAdminMixin
from core.admin_a11y import CheckboxListsMixin, LabelledTabularInline
from core.admin_images import ImageFieldsAdminMixin

from .hours_admin import OfficeHoursAndProvidersMixin
from .models import Closure, Location, Place, Provider, ProviderTreatment
from .routing import RoutingFieldsAdminMixin


class ClosureInline(LabelledTabularInline):
    model = Closure
    extra = 1


@admin.register(Location)
class LocationAdmin(
    CheckboxListsMixin,
    RoutingFieldsAdminMixin,
    SpanishReviewAdminMixin,
    ImageFieldsAdminMixin,
    OfficeHoursAndProvidersMixin,
    PublishActionsMixin,
    PreviewLinkMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    # Where the office's requests are announced and the numbers patients are given.
    routing_fields = ("phone", "fax", "staff_email")
    list_display = [
        "name", "city", "state", "phone", "latitude", "longitude", "is_published", "preview_link",
    ]  # fmt: skip
    list_filter = ["is_published", "state"]
    search_fields = ["name", "city", "zip_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ClosureInline]
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_published", "sort_order", "preview_link"]}),
        (_("Address"), {"fields": ["street_address", "city", "state", "zip_code"]}),
        (
            _("Map position and time zone"),
            {
                "fields": ["coordinates_set_by_hand", "latitude", "longitude", "time_zone"],
                "description": _("Filled in from the ZIP code when you save."),
            },
        ),
        (_("Contact"), {"fields": ["phone", "fax", "staff_email"]}),
        (
            _("Visiting"),
            {"fields": ["photo", "photo_alt", "parking_notes", "accessibility_notes"]},
        ),
        (_("Treatments"), {"fields": ["treatments"]}),
    ]


class ProviderTreatmentInline(LabelledTabularInline):
    """Each treatment with the provider's part in it: only "performs" lists them as a specialist."""

    model = ProviderTreatment
    extra = 1
    fields = ["treatment", "role"]


@admin.register(Provider)
class ProviderAdmin(
    CheckboxListsMixin,
    SpanishReviewAdminMixin,
    ImageFieldsAdminMixin,
    PublishActionsMixin,
    PreviewLinkMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    list_display = [
        "name", "credentials", "specialty", "accepting_new_patients", "is_published",
        "preview_link",
    ]  # fmt: skip
    list_filter = ["is_published", "accepting_new_patients", "credentials", "locations"]
    search_fields = ["name", "specialty"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProviderTreatmentInline]
    readonly_fields = ["preview_link"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """Read-only: the gazetteer comes from `manage.py load_gazetteer`."""

    list_display = ["zip_code", "city", "state", "latitude", "longitude", "is_primary"]
    list_filter = ["state"]
    search_fields = ["=zip_code", "city"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        return {}  # nobody's daily work: kept off the start page, reachable by its address
