from django.contrib import admin

from .models import Location, Provider


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "state", "phone", "is_published"]
    list_filter = ["is_published", "state"]
    search_fields = ["name", "city", "zip_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "specialty", "is_published"]
    list_filter = ["is_published", "credentials"]
    search_fields = ["name", "specialty"]
    prepopulated_fields = {"slug": ["name"]}
