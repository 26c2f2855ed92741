"""Shared users and small content builders for every test module."""

from __future__ import annotations

import sqlite3

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from lectures.content.imports import lecture_import
from lectures.models import Course, Enrolment
from tests.helpers import PASSWORD, SIMPLE_NOTES


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
