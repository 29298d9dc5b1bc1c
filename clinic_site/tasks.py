"""Email sent by the background worker (`manage.py db_worker`), retried while mail is down.

The task queue lives in the same database as the request, so an email is
queued inside the transaction that stores what caused it: both are kept or
neither is, and the worker sees the task only once it is committed. A mail
outage neither loses nor slows down what a patient sent. Bodies are written by the
callers and never hold a patient's name, contact or health details: email is
not a secure channel.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def team_address(setting, mailbox):
    """A staff team's address: its setting, else <mailbox>@ the front desk's domain."""
    domain = settings.STAFF_NOTIFICATION_EMAIL.rpartition("@")[2]
    return getattr(settings, setting) or f"{mailbox}@{domain}"


def retry_delay(attempt):
    """1, 2, 4 … minutes between attempts, at most an hour (about 2 hours in all)."""
    return timedelta(minutes=min(2 ** (attempt - 1), 60))


@task()
def send_email(*, subject, body, to, attempt=1):
    try:
        send_mail(subject, body, None, to)
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("email %r failed %s times; giving up", subject, attempt)
            raise
        logger.warning(
            "email %r failed (%s, attempt %s); retrying", subject, type(error).__name__, attempt
        )
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            subject=subject, body=body, to=to, attempt=attempt + 1
        )


def queue_email(*, subject, body, to):
    """Queue an email in the current transaction; the worker sends it once that commits."""
    send_email.enqueue(subject=subject, body=body, to=list(to))
