"""The outbox: every mail is a task queued by the commit, never sent in a request."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from coursesite import settings as settings_module
from lectures.mail.outbox import MAIL_BATCH, Mail, mail_after_commit
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_nothing_is_mailed_for_a_change_that_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            mail_after_commit([Mail("Hello", "Body", ("a@example.com",))])
            transaction.set_rollback(True)
        mail_after_commit([Mail("Kept", "Body", ("b@example.com",))])
    assert [(message.subject, message.to) for message in mail.outbox] == [
        ("Kept", ["b@example.com"])
    ]


def test_each_address_gets_its_own_message_and_a_task_carries_a_batch(
    task_queue, django_capture_on_commit_callbacks
):
    addresses = tuple(f"s{i}@example.com" for i in range(MAIL_BATCH * 2 + 50))
    with django_capture_on_commit_callbacks(execute=True):
        queued = mail_after_commit(
            [Mail("Announcement", "Text", addresses, "<p>Text</p>"), Mail("One", "x", ("",))]
        )
    # The mail without an address is dropped; the rest travel in three tasks.
    assert queued == len(addresses)
    batches = [result.args[0] for result in task_queue.results]
    assert [sum(len(m["to"]) for m in batch) for batch in batches] == [MAIL_BATCH, MAIL_BATCH, 50]
    task_queue.run()
    # No student sees who else got it; each message has the HTML alternative.
    assert [message.to for message in mail.outbox] == [[address] for address in addresses]
    assert mail.outbox[0].alternatives[0].content == "<p>Text</p>"


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_keeps_mail_until_the_worker_sends_it(settings, make_user):
    """Production's queue: a row in the database, which `manage.py db_worker` runs."""
    settings.TASKS = DATABASE_QUEUE
    mail_after_commit([Mail("Queued", "Body", ("a@example.com",))])
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert [message.to for message in mail.outbox] == [["a@example.com"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_request_that_mails_leaves_the_sending_to_the_worker(
    settings, client, instructor, student, course
):
    """With the database queue, posting an announcement answers without touching the
    mail server: a mail server that would fail (or hang) cannot hold the request."""
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "192.0.2.1", 25  # never answers
    client.login(username=instructor.username, password=PASSWORD)
    response = client.post(f"/courses/{course.slug}/announcements/", {"body": "Room 4 today."})
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.task_path == "lectures.mail.outbox.send_mail_task"
    assert task.status == "READY"


def run_settings(monkeypatch, **env: str) -> dict:
    """coursesite/settings.py's values under `env`, leaving the running settings alone."""
    for name, value in {"DJANGO_SECRET_KEY": "test", **env}.items():
        monkeypatch.setenv(name, value)
    if "DJANGO_TASKS" not in env:
        monkeypatch.delenv("DJANGO_TASKS", raising=False)
    return runpy.run_path(str(Path(settings_module.__file__)))


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"DJANGO_DEBUG": "0"}, "django_tasks_db.DatabaseBackend"),
        ({"DJANGO_DEBUG": "1"}, "django_tasks.backends.immediate.ImmediateBackend"),
        ({"DJANGO_DEBUG": "1", "DJANGO_TASKS": "database"}, "django_tasks_db.DatabaseBackend"),
    ],
)
def test_production_queues_in_the_database_and_development_runs_at_once(monkeypatch, env, backend):
    assert run_settings(monkeypatch, **env)["TASKS"]["default"]["BACKEND"] == backend


def test_an_unknown_queue_is_refused_at_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_TASKS='redis'"):
        run_settings(monkeypatch, DJANGO_DEBUG="0", DJANGO_TASKS="redis")
