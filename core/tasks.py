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


class EmailNotSent(Exception):
    """Raised in place of the mail error after the last attempt: its text can hold an address."""


def send_or_retry_later(*, subject, body, to, attempt, label, retry, retry_arguments):
    """Send one email. If the mail server fails, queue the task `retry` again, later, with
    `retry_arguments` and the next attempt, until MAX_ATTEMPTS. `label` names it in logs."""
    try:
        send_mail(subject, body, None, to)
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
