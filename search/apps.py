from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from .index import bump_version, connect_signals
        from .models import Synonym

        connect_signals()

        def synonyms_changed(**kwargs):
            bump_version()

        # Synonyms apply when a search runs: an edit needs only the cached copy dropped.
        post_save.connect(
            synonyms_changed, sender=Synonym, weak=False, dispatch_uid="search-synonyms"
        )
        post_delete.connect(
            synonyms_changed, sender=Synonym, weak=False, dispatch_uid="search-synonyms"
        )
