from django.contrib import admin

from .models import Treatment


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_published", "is_featured", "sort_order"]
    list_filter = ["is_published", "kind"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
