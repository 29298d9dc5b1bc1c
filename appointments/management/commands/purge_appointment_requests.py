from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import AppointmentRequest, AuditLogEntry
from appointments.services import appointment_requests_anonymize
from testimonials.services import testimonials_delete_unpublished


class Command(BaseCommand):
    help = (
        "Anonymize (or with --delete, delete) appointment requests and contact messages older "
        "than the retention period, delete patient stories as old that are not published, "
        "record each in the audit log, and delete finished email tasks as old."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=settings.APPOINTMENT_RETENTION_DAYS,
            help="Retention period in days (default: settings.APPOINTMENT_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Delete the rows instead of anonymizing them."
        )

    def handle(self, *args, older_than_days, delete, **options):
        if older_than_days < 1:
            raise CommandError("--older-than-days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=older_than_days)
        expired = AppointmentRequest.objects.older_than(cutoff)
        details = f"retention: older than {older_than_days} days"
        with transaction.atomic():
            if delete:
                references = list(expired.select_for_update().values_list("reference", flat=True))
                AppointmentRequest.objects.filter(reference__in=references).delete()
                AuditLogEntry.record(
                    user=None,
                    action=AuditLogEntry.Action.DELETE,
                    references=references,
                    details=details,
                )
                count = len(references)
            else:
                count = appointment_requests_anonymize(
                    appointment_requests=expired, user=None, details=details
                )
            stories = testimonials_delete_unpublished(older_than=cutoff)
            # The queue keeps every task row forever; those queued before tasks carried
            # only a primary key hold patient addresses.
            tasks, _by_model = (
                DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
            )
        verb = "deleted" if delete else "anonymized"
        self.stdout.write(
            f"{count} request(s) {verb}, {stories} unpublished story(ies) deleted, "
            f"{tasks} finished task(s) deleted."
        )
