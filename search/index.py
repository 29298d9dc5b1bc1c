"""Writing the index: a whole rebuild, run once after any transaction that changed content.

Rebuilding everything is simpler than tracking what each edit touches (a renamed treatment
changes its FAQs, conditions, providers and offices) and cheap at a practice's size: see the
README for the timings at the demo's size and tenfold. It runs after the transaction commits
(transaction.on_commit, once however many rows the transaction saved) and inside one
transaction of its own, so a search sees the old index or the new one, never a half.
"""

import threading
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from .models import SearchEntry
from .sources import WATCHED_MODELS, documents
from .text import normalize

# One set of rows per language of the site; search.query reads those of the page's language.
# The Spanish rows hold what the Spanish pages show: reviewed Spanish, and the English of
# pages no translator has reviewed yet (their text_language is "en"), so a patient on /es/
# still finds every page, as the /es/ menus do, and the result is marked lang="en".
INDEXED_LANGUAGES = ["en", "es"]
# PostgreSQL text search configurations made by migration 0002: the language's stemmer after
# unaccent, so "ciática" and "ciatica" are one word. A row's vector is made with the
# configuration of the language its text is in (text_language).
TEXT_SEARCH_CONFIG = {"en": "english_unaccent", "es": "spanish_unaccent"}
VERSION_KEY = "search:index-version"


def weighted_vector(language):
    config = TEXT_SEARCH_CONFIG[language]
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("keywords", weight="B", config=config)
        + SearchVector("summary", weight="C", config=config)
        + SearchVector("body", weight="D", config=config)
    )


def entries(language):
    # The site's own language code may name a region (e.g. "en-us"): under the plain "en",
    # reverse() would then give /en/ addresses, which i18n_patterns (no prefix for the
    # default) does not serve.
    active = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE.startswith(language) else language
    with translation.override(active):
        for document in documents():
            yield SearchEntry(
                language=language,
                text_language=document.text_language,
                kind=document.kind,
                title=document.title,
                keywords=document.keywords,
                summary=document.summary,
                body=document.body,
                url=document.url,
                priority=document.priority,
                title_normalized=normalize(document.title),
                keywords_normalized=normalize(document.keywords),
                summary_normalized=normalize(document.summary),
                body_normalized=normalize(document.body),
            )


def rebuild():
    """Replace every entry with the content as it is now. Returns the number of entries."""
    total = 0
    with transaction.atomic():
        for language in INDEXED_LANGUAGES:
            SearchEntry.objects.filter(language=language).delete()
            rows = SearchEntry.objects.bulk_create(list(entries(language)), batch_size=500)
            if connection.vendor == "postgresql":
                for text_language in TEXT_SEARCH_CONFIG:
                    SearchEntry.objects.filter(
                        language=language, text_language=text_language
                    ).update(search_vector=weighted_vector(text_language))
            total += len(rows)
    bump_version()
    return total


def bump_version():
    """The vocabulary and synonyms each process keeps (search.query) are keyed by this
    version. A random token, not a counter: a cleared or restarted cache must never give
    back a number that an older index once had, or a process would keep that index's
    vocabulary."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def index_version():
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


class RebuildJob:
    """One pending rebuild; it knows whether it has run, for the check below."""

    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        rebuild()


_pending = threading.local()


def schedule_rebuild():
    """Rebuild once the current transaction commits (at once outside a transaction), once
    however many watched rows it saves. The job is pending while it waits in this
    connection's on-commit list and has not run; a rolled-back savepoint drops it."""
    job = getattr(_pending, "job", None)
    waiting = [callback[1] for callback in connection.run_on_commit]
    if job is not None and not job.done and any(each is job for each in waiting):
        return
    _pending.job = RebuildJob()
    transaction.on_commit(_pending.job)


def _watched_senders():
    senders = set()
    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        senders.add(model)
        senders.update(field.remote_field.through for field in model._meta.local_many_to_many)
    return senders


def _changed(sender, raw=False, **kwargs):
    if not raw:
        schedule_rebuild()


def connect_signals():
    for sender in _watched_senders():
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_changed, sender=sender, dispatch_uid=f"search-{sender._meta.label}")
