"""Shared users and small content builders for every test module."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django_tasks import task_backends

from coursesite.catalogues import compile_catalogues
from lectures.content.imports import lecture_import
from lectures.models import Course, Enrolment
from tests.helpers import PASSWORD, SIMPLE_NOTES


def _is_xdist_worker(config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config):
    """What the whole run shares, done once: by the only process, or by pytest-xdist's
    controller before it starts its workers, so no two processes write one file."""
    if _is_xdist_worker(config):
        return
    # The tests read the translations the site ships; a plain `pytest`, without
    # `make install` since the last catalogue change, compiles them as install does.
    compile_catalogues()
    # pytest-playwright empties its --output folder in a session fixture, which every
    # worker would run, emptying it under another worker's failure screenshots.
    shutil.rmtree(config.getoption("--output"), ignore_errors=True)


# Fixtures through which a test reaches a database: pytest-django's database
# fixtures all go through _django_db_helper; live_server asks for one while the
# test runs, so it is not in the closure; django_db_setup is what a module-wide
# fixture unblocks (the permission matrix's world). Not django_db_blocker: every
# test's closure holds it.
_DATABASE_FIXTURES = frozenset({"_django_db_helper", "live_server", "django_db_setup"})


def touches_database(item) -> bool:
    """The test uses a database (pytest-django lets no other test reach one): it is
    marked for one or a fixture it needs, or one those need, is a database's."""
    return item.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """TEST_DATABASE_ONLY=1 (.ci/run's second pass, on PostgreSQL after SQLite):
    only the tests that use a database. The others read no database, so a second
    run of them on another one tests nothing the first did not; set
    TEST_DATABASE_ONLY=0, the default, to run every test."""
    if os.environ.get("TEST_DATABASE_ONLY", "0") != "1":
        return
    keep = [item for item in items if touches_database(item)]
    dropped = [item for item in items if not touches_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir():
    """pytest-playwright's, replaced: pytest_configure empties the folder instead."""


@pytest.fixture
def make_user(db):
    def make(username: str, **fields):
        return get_user_model().objects.create_user(
            username=username, password=PASSWORD, email=f"{username}@example.com", **fields
        )

    return make


@pytest.fixture
def student(make_user):
    return make_user("student")


@pytest.fixture
def other_student(make_user):
    return make_user("other_student")


@pytest.fixture
def instructor(make_user):
    return make_user("instructor", is_staff=True)


@pytest.fixture
def other_instructor(make_user):
    return make_user("other_instructor", is_staff=True)


@pytest.fixture
def make_lecture(db):
    """Import notes (SIMPLE_NOTES by default) into a course; returns the Lecture."""

    def make(notes: str = SIMPLE_NOTES, course: str = "geo", **kwargs):
        return lecture_import(course_slug=course, data=notes, **kwargs).lecture

    return make


@pytest.fixture
def course(make_lecture, instructor, student):
    """A course taught by `instructor` with `student` enrolled and one lecture."""
    lecture = make_lecture()
    course = Course.objects.get(pk=lecture.course_id)
    course.instructors.add(instructor)
    Enrolment.objects.create(course=course, user=student)
    return course


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first.

    Production's manifest storage is exercised by test_static_files.py instead.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_in_the_test(settings):
    """Queued tasks (mail) run in the test's own process as they are queued, once
    the transaction commits: no worker process. `task_queue` keeps them queued."""
    settings.TASKS = IMMEDIATE_TASKS


class TaskQueue:
    """The tasks queued during a test, left in the queue until `run()`."""

    def __init__(self, capture_on_commit):
        self._capture = capture_on_commit

    @property
    def backend(self):
        return task_backends["default"]

    @property
    def results(self) -> list:
        return list(self.backend.results)

    def names(self) -> list[str]:
        return [result.task.name for result in self.backend.results]

    def run(self) -> int:
        """Run every queued task, and those they queue, as the worker would (each
        outside the test's transaction's reach: its own on-commit callbacks run)."""
        ran = 0
        while self.backend.results:
            result = self.backend.results.pop(0)
            with self._capture(execute=True):
                result.task.call(*result.args, **result.kwargs)
            ran += 1
        return ran


@pytest.fixture
def task_queue(settings, django_capture_on_commit_callbacks) -> TaskQueue:
    """Tasks queued and kept (django-tasks' dummy backend): `task_queue.names()`,
    then `task_queue.run()` to do what the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return TaskQueue(django_capture_on_commit_callbacks)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def student_client(client, student, course):
    client.login(username=student.username, password=PASSWORD)
    return client


@pytest.fixture
def instructor_client(client, instructor, course):
    client.login(username=instructor.username, password=PASSWORD)
    return client


@pytest.fixture
def foreign_lecture(make_lecture, other_instructor):
    """A lecture in another course, taught by `other_instructor`."""
    lecture = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Volcanoes"), course="other")
    lecture.course.instructors.add(other_instructor)
    return lecture


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches. The default cache is the database's table,
    which rolls back with each test; the rendering memo lives in memory."""
    from django.core.cache import caches

    caches["rendered"].clear()
    yield
    caches["rendered"].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language. LocaleMiddleware activates a
    request's language in the thread and leaves it there, so a Spanish page fetched
    by the test client would otherwise make the next test's plain calls Spanish."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def database_on_disk(transactional_db, tmp_path):
    """On SQLite, move this test's database from memory to a file.

    pytest-django's SQLite test database is a shared-cache in-memory one. Each
    thread opens its own connection to it, and such connections lock whole tables
    and fail at once ("database table is locked") instead of waiting out the busy
    timeout: they cannot test the site's settings. Nor can a file-level backup or
    restore reach it. A file gets WAL, IMMEDIATE transactions and the timeout
    exactly as settings.py configures them. The copy uses SQLite's backup API, as
    Django does for its spawned parallel-test workers. On PostgreSQL this does
    nothing: the test database is already a server's.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    # The dict every thread's new connection is built from, not a copy of it.
    settings_dict = connection.settings_dict
    in_memory = settings_dict["NAME"]
    # Closing the last connection to a shared in-memory database drops it, and the
    # rest of the session still needs it.
    keeper = sqlite3.connect(in_memory, uri=True)
    on_disk = sqlite3.connect(tmp_path / "db.sqlite3")
    keeper.backup(on_disk)
    on_disk.close()
    settings_dict["NAME"] = str(tmp_path / "db.sqlite3")
    connection.close()
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = in_memory
        connection.ensure_connection()
        keeper.close()
