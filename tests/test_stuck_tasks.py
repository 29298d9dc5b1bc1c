"""Tasks a killed worker left RUNNING: queued again once, then failed with an alert to the desk.

The real worker, killed mid-send, is in test_faults.py; these call the re-queue directly.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tasks import requeue_stuck_tasks, send_email

pytestmark = pytest.mark.django_db
PRIVATE = ["Quinlan", "quinlan.m@mail.example", "Lower back pain"]


def running_task(*, started_ago, worker_ids):
    result = send_email.enqueue(
        subject="Quinlan's request", body="Lower back pain", to=["quinlan.m@mail.example"]
    )
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - started_ago, worker_ids=worker_ids
    )
    return DBTaskResult.objects.get(pk=result.id)


def alerts():
    return [
        task.args_kwargs["kwargs"]
        for task in DBTaskResult.objects.filter(status="READY")
        if task.args_kwargs["kwargs"]["to"] == ["frontdesk@clinic.example"]
    ]


def test_a_task_left_running_past_its_timeout_is_queued_again_once(settings):
    settings.TASK_TIMEOUT_SECONDS = 600
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@clinic.example"
    stuck = running_task(started_ago=timedelta(minutes=11), worker_ids=["killed"])
    busy = running_task(started_ago=timedelta(minutes=9), worker_ids=["working"])

    assert requeue_stuck_tasks() == (1, 0)
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.status == "READY"  # a worker will claim it and run it again
    assert busy.status == "RUNNING"  # still within its time: its worker may well be alive
    assert alerts() == []
    assert requeue_stuck_tasks() == (0, 0)


def test_a_task_stuck_a_second_time_fails_and_the_front_desk_is_told_without_patient_data(
    settings,
):
    settings.STAFF_NOTIFICATION_EMAIL = "frontdesk@clinic.example"
    settings.SITE_URL = "https://clinic.example"
    stuck = running_task(started_ago=timedelta(hours=1), worker_ids=["killed", "killed too"])

    assert requeue_stuck_tasks() == (0, 1)
    stuck.refresh_from_db()
    assert stuck.status == "FAILED"
    assert stuck.exception_class_path == "core.tasks.TaskStuck"
    [alert] = alerts()
    assert alert["subject"] == "A background task did not finish: send_email"
    assert "started twice and did not finish" in alert["body"]
    change = reverse("admin:django_tasks_database_dbtaskresult_change", args=[stuck.pk])
    assert f"https://clinic.example{change}" in alert["body"]
    for secret in PRIVATE:
        assert secret not in alert["subject"] + alert["body"]
    assert requeue_stuck_tasks() == (0, 0)  # told once
