"""django-tasks-db's `db_worker`, which also queues again the tasks a killed worker left running.

This app comes before django_tasks_db in INSTALLED_APPS, so `manage.py db_worker` is this
command. It runs `requeue_stuck_tasks` once at the start (the worker being restarted may be
the one that was killed) and then every minute in a thread of its own, beside the worker's
loop, so a deployment needs no cron job for it.
"""

import logging
import threading
import time

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.tasks import requeue_stuck_tasks

logger = logging.getLogger(__name__)

REQUEUE_EVERY_SECONDS = 60


def requeue_now_and_then():
    while True:
        time.sleep(REQUEUE_EVERY_SECONDS)
        try:
            requeue_stuck_tasks()
        except DatabaseError:
            logger.warning("could not look for stuck tasks; trying again in a minute")
        finally:
            connection.close()  # this thread's own connection


class Command(DatabaseWorkerCommand):
    help = "Run the database task worker; it also queues again tasks a killed worker left running."

    def handle(self, *args, **options):
        requeue_stuck_tasks()
        if not options["batch"]:
            threading.Thread(target=requeue_now_and_then, name="requeue", daemon=True).start()
        super().handle(*args, **options)
