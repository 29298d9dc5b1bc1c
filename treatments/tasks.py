"""The documents the site draws are drawn again by the worker after any change to what they
print: the guide prints the content, and all of them the practice's name and phone.

A save of a treatment, FAQ, condition, office, its hours, a provider or the site settings
queues one redraw in the same transaction (so it is stored with the change, or dropped with
it), once however many rows that transaction saves. A worker that finds a later redraw
already waiting leaves the work to it: that one will see every change this one would.
Storing changes nothing where the drawn PDF is the same as the stored one (the forms, after
a change to a treatment).
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

# What the documents print (treatments/pdf/). Never PatientDocument: storing a document
# would queue another redraw.
DRAWN_FROM = [
    "treatments.Treatment",
    "treatments.FAQ",
    "treatments.Condition",
    "locations.Location",
    "locations.OpeningHours",
    "locations.Provider",
    "clinic_site.SiteSettings",
]


def _drawn_documents():
    from .models import PatientDocument

    return PatientDocument.objects.exclude(generated="")


@task()
def redraw_documents():
    from .pdf.store import generate_document

    if _a_later_redraw_waits():
        return
    # Only the rows the site has: a drawn form staff deleted is not brought back.
    for generated in _drawn_documents().values_list("generated", flat=True):
        generate_document(generated)


def _a_later_redraw_waits():
    waiting = DBTaskResult.objects.filter(
        task_path=redraw_documents.module_path, status=TaskResultStatus.READY
    )
    return waiting.exists()


class _RedrawQueued:
    """A marker in the transaction's on-commit list: this transaction has queued a redraw.
    A rolled-back savepoint drops it together with the task it stands for."""

    def __call__(self):
        pass


def queue_redraw():
    """Queue the redraw once in the current transaction (at once outside one)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(callback, _RedrawQueued) for _ids, callback, *_rest in connection.run_on_commit
    ):
        return
    # A site that draws no document yet (before `generate_documents`) has nothing to redraw.
    if _drawn_documents().exists():
        redraw_documents.enqueue()
        transaction.on_commit(_RedrawQueued())


def _changed(sender, raw=False, **kwargs):
    if not raw:
        queue_redraw()


def connect_signals():
    for label in DRAWN_FROM:
        model = apps.get_model(label)
        senders = [model, *(field.remote_field.through for field in model._meta.local_many_to_many)]
        for sender in senders:
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(_changed, sender=sender, dispatch_uid=f"drawn-{sender._meta.label}")
