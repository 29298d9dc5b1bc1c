"""The digital guide is drawn again by the worker after any change to what it prints.

A save of a treatment, FAQ, condition, office, its hours, a provider or the site settings
queues one regeneration in the same transaction (so it is stored with the change, or dropped
with it), once however many rows that transaction saves. A worker that finds a later
regeneration already waiting leaves the work to it: that one will see every change this one
would. Storing changes nothing when the drawn PDF is the same as the stored one.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

# What the guide prints (treatments/pdf/guide.py). Never PatientDocument: storing the guide
# would queue itself again.
GUIDE_SOURCES = [
    "treatments.Treatment",
    "treatments.FAQ",
    "treatments.Condition",
    "locations.Location",
    "locations.OpeningHours",
    "locations.Provider",
    "clinic_site.SiteSettings",
]


@task()
def regenerate_guide():
    from .models import GeneratedDocument
    from .pdf.store import generate_document

    if _a_later_regeneration_waits():
        return
    generate_document(GeneratedDocument.GUIDE)


def _a_later_regeneration_waits():
    waiting = DBTaskResult.objects.filter(
        task_path=regenerate_guide.module_path, status=TaskResultStatus.READY
    )
    return waiting.exists()


class _GuideQueued:
    """A marker in the transaction's on-commit list: this transaction has queued the guide.
    A rolled-back savepoint drops it together with the task it stands for."""

    def __call__(self):
        pass


def queue_guide_regeneration():
    """Queue the guide once in the current transaction (at once outside one)."""
    from .models import GeneratedDocument, PatientDocument

    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(callback, _GuideQueued) for _ids, callback, *_rest in connection.run_on_commit
    ):
        return
    # A site whose guide is an upload, or that has none yet, has nothing to draw again.
    if PatientDocument.objects.filter(generated=GeneratedDocument.GUIDE).exists():
        regenerate_guide.enqueue()
        transaction.on_commit(_GuideQueued())


def _changed(sender, raw=False, **kwargs):
    if not raw:
        queue_guide_regeneration()


def connect_signals():
    for label in GUIDE_SOURCES:
        model = apps.get_model(label)
        senders = [model, *(field.remote_field.through for field in model._meta.local_many_to_many)]
        for sender in senders:
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(_changed, sender=sender, dispatch_uid=f"guide-{sender._meta.label}")
