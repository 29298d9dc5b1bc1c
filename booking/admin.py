from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import AppointmentType, AvailabilityException, WeeklyAvailability


@admin.register(AppointmentType)
class AppointmentTypeAdmin(TranslationAdmin):
    list_display = [
        "name", "duration_minutes", "patients", "minimum_notice_hours", "horizon_days",
        "bookable_online",
    ]  # fmt: skip
    list_filter = ["bookable_online", "patients"]
    list_editable = ["bookable_online"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["treatments"]


@admin.register(WeeklyAvailability)
class WeeklyAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["provider", "location", "appointment_type", "weekday", "starts", "ends"]
    list_filter = ["location", "provider", "appointment_type", "weekday"]
    list_select_related = ["provider", "location", "appointment_type"]
    autocomplete_fields = ["provider", "location"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["provider", "location", "first_day", "last_day", "starts", "ends", "reason"]
    list_filter = ["provider", "location"]
    list_select_related = ["provider", "location"]
    autocomplete_fields = ["provider", "location"]
    date_hierarchy = "first_day"
