from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import PreviewLinkMixin, PublishActionsMixin, SpanishReviewAdminMixin

from .hours import overlapping_periods
from .models import Closure, Location, OpeningHours, Place, Provider, ProviderTreatment
from .routing import RoutingFieldsAdminMixin


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        periods = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if (
                not data
                or data.get("DELETE")
                or not all(data.get(key) is not None for key in ("weekday", "opens", "closes"))
            ):
                continue
            if data["closes"] <= data["opens"]:
                form.add_error("closes", _("Closing time must be after opening time."))
                continue
            periods.append((data["weekday"], data["opens"], data["closes"]))
        for first, second in overlapping_periods(periods):
            day = dict(OpeningHours._meta.get_field("weekday").choices)[first[0]]
            raise forms.ValidationError(
                _("%(day)s: %(a)s and %(b)s overlap. Make one period end before the next begins.")
                % {
                    "day": day,
                    "a": f"{first[1]:%H:%M}–{first[2]:%H:%M}",
                    "b": f"{second[1]:%H:%M}–{second[2]:%H:%M}",
                }
            )


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 1


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 1


@admin.register(Location)
class LocationAdmin(
    RoutingFieldsAdminMixin,
    SpanishReviewAdminMixin,
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
    filter_horizontal = ["treatments"]
    inlines = [OpeningHoursInline, ClosureInline]
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


class ProviderTreatmentInline(admin.TabularInline):
    """Each treatment with the provider's part in it: only "performs" lists them as a specialist."""

    model = ProviderTreatment
    extra = 1
    fields = ["treatment", "role"]


@admin.register(Provider)
class ProviderAdmin(
    SpanishReviewAdminMixin,
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
    filter_horizontal = ["locations"]
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
