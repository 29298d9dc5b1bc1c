"""Email sent by the background worker (`manage.py db_worker`), retried while mail is down.

The task queue lives in the same database as the request, so an email is
queued inside the transaction that stores what caused it: both are kept or
neither is, and the worker sees the task only once it is committed. A mail
outage neither loses nor slows down what a patient sent. Bodies are written by the
callers and never hold a patient's name, contact or health details: email is
not a secure channel.

A worker that is killed (or whose machine goes away) in the middle of a task leaves that
task RUNNING, and django-tasks-db never looks at it again. `requeue_stuck_tasks`, run by
every worker at its start and then every minute (core/management/commands/db_worker.py),
gives such a task one more run and, if it is stuck again, sets it aside as failed and
tells the front desk.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def team_address(setting, mailbox):
    """A staff team's address: its setting, else <mailbox>@ the front desk's domain."""
    domain = settings.STAFF_NOTIFICATION_EMAIL.rpartition("@")[2]
    return getattr(settings, setting) or f"{mailbox}@{domain}"


def retry_delay(attempt):
    """1, 2, 4 … minutes between attempts, at most an hour (about 2 hours in all)."""
    return timedelta(minutes=min(2 ** (attempt - 1), 60))


class EmailNotSent(Exception):
    """Raised in place of the mail error after the last attempt: its text can hold an address."""


def send_or_retry_later(
    *, subject, body, to, attempt, label, retry, retry_arguments, attachments=()
):
    """Send one email. If the mail server fails, queue the task `retry` again, later, with
    `retry_arguments` and the next attempt, until MAX_ATTEMPTS. `label` names it in logs.
    `attachments` are (filename, content, mimetype), e.g. a calendar file."""
    try:
        EmailMessage(subject, body, None, to, attachments=list(attachments)).send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("%s failed %s times; giving up", label, attempt)
            raise EmailNotSent(label) from None
        logger.warning("%s failed (%s, attempt %s); retrying", label, type(error).__name__, attempt)
        retry.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            **retry_arguments, attempt=attempt + 1
        )


@task()
def send_email(*, subject, body, to, attempt=1):
    send_or_retry_later(
        subject=subject,
        body=body,
        to=to,
        attempt=attempt,
        label=f"email {subject!r}",
        retry=send_email,
        retry_arguments={"subject": subject, "body": body, "to": to},
    )


def queue_email(*, subject, body, to):
    """Queue an email in the current transaction; the worker sends it once that commits."""
    send_email.enqueue(subject=subject, body=body, to=list(to))


class TaskStuck(Exception):
    """Recorded on a task that two workers claimed and neither finished."""


def requeue_stuck_tasks():
    """Queue again each task RUNNING for longer than TASK_TIMEOUT_SECONDS; fail one that was
    already run twice, with an alert to the front desk. Returns (queued again, failed)."""
    now = timezone.now()
    stuck = DBTaskResult.objects.running().filter(
        started_at__lt=now - timedelta(seconds=settings.TASK_TIMEOUT_SECONDS)
    )
    requeued = failed = 0
    for found in stuck.only("pk", "task_path", "started_at", "worker_ids"):
        # Changed only if still in the claim it was found in: another worker's reaper, or a
        # slow worker finishing after all, may have got there first.
        same_claim = DBTaskResult.objects.filter(
            pk=found.pk, status=TaskResultStatus.RUNNING, started_at=found.started_at
        )
        # Each claim adds its worker's id, so the list counts the runs.
        if len(found.worker_ids) < 2:
            if same_claim.update(status=TaskResultStatus.READY):
                logger.warning(
                    "task %s (%s) was left running; queued again", found.pk, found.task_name
                )
                requeued += 1
            continue
        with transaction.atomic():
            if same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{TaskStuck.__module__}.{TaskStuck.__qualname__}",
                traceback="Left running twice; set aside by core.tasks.requeue_stuck_tasks.",
            ):
                _queue_stuck_task_alert(found)
                failed += 1
        logger.error("task %s (%s) was left running twice; failed", found.pk, found.task_name)
    return requeued, failed


def _queue_stuck_task_alert(task_result):
    # The task's arguments are never quoted: they may name a patient's request.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A background task did not finish: %(task)s") % {"task": task_result.task_name}
        body = _(
            "The website's background task %(task)s was started twice and did not finish "
            "either time (its worker stopped or hung), so it has been set aside as failed.\n\n"
            "If it was an email, it may not have been sent. Ask the site's administrator to "
            "look at it in the staff site (sign-in required):\n%(url)s\n"
        ) % {
            "task": task_result.task_name,
            "url": settings.SITE_URL
            + reverse("admin:django_tasks_database_dbtaskresult_change", args=[task_result.pk]),
        }
    queue_email(subject=subject, body=body, to=[settings.STAFF_NOTIFICATION_EMAIL])
