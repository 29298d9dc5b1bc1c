from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(SimpleHistoryAdmin):
    list_display = ["terms", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
