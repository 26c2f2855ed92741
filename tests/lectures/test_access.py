"""The access rule's one home, one meaning of "teaches", valid slugs, and state that
lives in the database rather than in one process."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from lectures import access
from lectures.models import Course, Enrolment, Lecture, PendingUpload
from tests.helpers import PASSWORD, ROOT, SIMPLE_NOTES

# The rule's own queries: who teaches (Course.instructors), who is enrolled, and the
# superuser's bypass. Outside the access modules and the admin's scoping module,
# code asks lectures.access / quizzes.access instead.
RULE_QUERIES = [
    r"\binstructors=",  # a keyword argument; the field's own definition has spaces
    r"\binstructors__",
    r"\.instructors\.(filter|exists|all)\(",
    r"(?<!\")\btaught_courses\b",  # not the related_name that declares it
    r"\benrolments__user\b",
    r"Enrolment\.objects\.filter\(",  # who studies a course: access.students_of
    r"instructors\.through",
    r"\.is_superuser\b",
]
RULE_HOMES = {"lectures/access.py", "quizzes/access.py", "lectures/admin_scoping.py"}


def test_the_access_rule_is_written_only_in_its_homes():
    found = []
    for app in ("lectures", "quizzes", "coursesite"):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            # Migrations rewrite history; commands act for the server, not a user.
            if relative in RULE_HOMES or "/migrations/" in relative or "/commands/" in relative:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                for pattern in RULE_QUERIES:
                    if re.search(pattern, line):
                        found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


def test_the_admin_modules_do_not_import_each_other():
    lectures_admin = "".join(p.read_text() for p in sorted((ROOT / "lectures/admin").glob("*.py")))
    quizzes_admin = (ROOT / "quizzes/admin.py").read_text()
    assert lectures_admin
    assert "quizzes" not in re.findall(r"^from (\S+)", lectures_admin, re.M)
    assert "quizzes.admin" not in lectures_admin
    assert "lectures.admin import" not in quizzes_admin
    assert not re.search(r"^from lectures\.admin\b", quizzes_admin, re.M)


@pytest.fixture
def draft(course):
    lecture = course.lectures.get()
    lecture.published = False
    lecture.save(update_fields=["published"])
    return lecture


def test_instructors_see_drafts_students_do_not(draft, student, instructor, make_user):
    root = make_user("root", is_superuser=True)
    assert list(access.lectures_visible_to(instructor)) == [draft]
    assert list(access.lectures_visible_to(root)) == [draft]
    assert list(access.lectures_visible_to(student)) == []
    with pytest.raises(Exception, match="No such lecture"):
        access.get_lecture_for_user(student, "geo", draft.slug)
    assert access.get_lecture_for_user(instructor, "geo", draft.slug).teaching is True


def test_an_enrolment_does_not_make_a_teacher(course, make_user):
    # Only Course.instructors teaches: the old "instructor" enrolment role is gone.
    assistant = make_user("assistant", is_staff=True)
    Enrolment.objects.create(course=course, user=assistant)
    assert not access.teaches(assistant, course)
    assert list(access.courses_taught_by(assistant)) == []
    assert list(access.courses_visible_to(assistant)) == [course]
    assert not hasattr(Enrolment, "Role")


def test_inactive_and_anonymous_users_see_nothing(course, student, instructor):
    from django.contrib.auth.models import AnonymousUser

    for user in (student, instructor):
        user.is_active = False
    for user in (student, instructor, AnonymousUser()):
        assert list(access.courses_visible_to(user)) == []
        assert list(access.courses_taught_by(user)) == []
        assert list(access.lectures_visible_to(user)) == []


@pytest.mark.django_db(transaction=True)
def test_instructor_enrolments_migrate_into_course_instructors():
    """Migration 0003: an "instructor" enrolment becomes a place in Course.instructors
    with staff access, and a slug the URLs cannot carry is rewritten."""
    before = [("lectures", "0002_timelineevent_edited_source")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user_model = old.get_model(settings.AUTH_USER_MODEL)
    teacher = user_model.objects.create(username="assistant")
    learner = user_model.objects.create(username="learner")
    course = old.get_model("lectures", "Course").objects.create(title="Geo", slug="geo course")
    lecture = old.get_model("lectures", "Lecture").objects.create(
        course=course, title="Drift", slug="drift–now"
    )
    enrolment = old.get_model("lectures", "Enrolment")
    enrolment.objects.create(course=course, user=teacher, role="instructor")
    enrolment.objects.create(course=course, user=learner, role="student")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    course = Course.objects.get(pk=course.pk)
    assert course.slug == "geo-course"
    assert Lecture.objects.get(pk=lecture.pk).slug == "drift-now"
    assert list(course.instructors.values_list("username", flat=True)) == ["assistant"]
    assert course.instructors.get().is_staff
    assert list(course.enrolments.values_list("user__username", flat=True)) == ["learner"]


# -- slugs ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["spaced slug", "slash/slug", "", "dot.slug", "ünï"])
def test_the_database_refuses_a_slug_the_urls_cannot_carry(db, slug):
    course = Course(title="Geo", slug=slug)
    with pytest.raises(ValidationError):
        course.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.create(title="Geo", slug=slug)
    good = Course.objects.create(title="Geo", slug="geo")
    with pytest.raises(IntegrityError), transaction.atomic():
        Lecture.objects.create(course=good, title="Drift", slug=slug)


# -- the admin's "view on site" redirect -------------------------------------------------


def test_view_on_site_redirects_only_within_the_instructors_courses(
    client, instructor, course, foreign_lecture
):
    client.login(username=instructor.username, password=PASSWORD)
    lecture_type = ContentType.objects.get_for_model(Lecture)
    own = course.lectures.get()
    response = client.get(reverse("admin:view_on_site", args=[lecture_type.pk, own.pk]))
    assert response.status_code == 302
    assert response.url.endswith(own.get_absolute_url())
    response = client.get(reverse("admin:view_on_site", args=[lecture_type.pk, foreign_lecture.pk]))
    assert response.status_code == 404
    assert foreign_lecture.slug not in response.content.decode()
    # A model without an admin of its own, an unknown type, a malformed id: 404 alike.
    user_type = ContentType.objects.get_for_model(instructor)
    for args in ([user_type.pk, instructor.pk], [9999, 1], [lecture_type.pk, "x"]):
        assert client.get(reverse("admin:view_on_site", args=args)).status_code == 404


# -- no state in one process --------------------------------------------------------------


def _cache_backend(env: dict) -> str:
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='coursesite.settings';"
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    base = {k: v for k, v in __import__("os").environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_DEBUG": "1", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_cache_is_the_database_without_redis_and_redis_with_it():
    assert _cache_backend({}) == "django.core.cache.backends.db.DatabaseCache"
    redis = _cache_backend({"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert redis == "django.core.cache.backends.redis.RedisCache"


def test_the_database_cache_is_shared_through_its_table(db):
    # Tests that commit (live servers, transactional ones) leave rows in the cache
    # table, which the flush between tests does not empty: start from none.
    cache.clear()
    cache.set("shared", "across workers", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        assert cursor.fetchone()[0] == 1
    assert cache.get("shared") == "across workers"


def test_a_pending_upload_waits_in_the_database(client, instructor, course):
    """The confirmation may reach another app server: nothing it needs is kept in
    this process (both caches are emptied between the two requests)."""
    client.login(username=instructor.username, password=PASSWORD)
    lecture = course.lectures.get()
    notes = SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "")
    upload = SimpleUploadedFile("notes.txt", notes.encode(), content_type="text/plain")
    page = client.post(
        reverse("admin:lectures_lecture_import"),
        {"course": course.pk, "notes": upload, "slug": lecture.slug},
    )
    token = page.context["confirm_form"]["token"].value()
    pending = PendingUpload.objects.get()
    assert (pending.user, pending.token, pending.course) == (instructor, token, course)
    cache.clear()
    caches["rendered"].clear()
    response = client.post(reverse("admin:lectures_lecture_import_confirm"), {"token": token})
    assert response.status_code == 302
    assert lecture.sections.get(title="Evidence").archived
    assert not PendingUpload.objects.exists()


def test_expired_pending_uploads_are_refused_and_swept(client, instructor, course, time_machine):
    from lectures.admin.forms import UPLOAD_EXPIRED
    from lectures.content.uploads import pending_upload_store

    payload = {
        "course_id": course.pk,
        "filename": "notes.txt",
        "data": SIMPLE_NOTES.encode(),
        "title": "",
        "slug": "",
        "prune": False,
    }
    time_machine.move_to("2026-01-01 10:00Z")
    old = pending_upload_store(user=instructor, payload=payload)
    time_machine.move_to("2026-01-01 11:01Z")
    client.login(username=instructor.username, password=PASSWORD)
    response = client.post(reverse("admin:lectures_lecture_import_confirm"), {"token": old})
    assert response.context["confirm_form"].errors["token"] == [UPLOAD_EXPIRED]
    pending_upload_store(user=instructor, payload=payload)
    assert PendingUpload.objects.count() == 1  # the expired one was swept


@pytest.mark.parametrize("reserved", ["assign", "report", "review", "readings"])
def test_a_lecture_cannot_take_the_slug_of_a_course_page(db, make_lecture, reserved):
    """/courses/<course>/assign/ and its siblings would hide such a lecture."""
    from lectures.notes import NotesError
    from tests.conftest import SIMPLE_NOTES

    with pytest.raises(NotesError, match="names one of the course's own pages"):
        make_lecture(slug=reserved)
    # A title that would derive it gets another slug.
    lecture = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", reserved.title()))
    assert lecture.slug == f"{reserved}-lecture"
    with pytest.raises(IntegrityError), transaction.atomic():
        Lecture.objects.filter(pk=lecture.pk).update(slug=reserved)


@pytest.mark.django_db(transaction=True)
def test_duplicate_assignments_merge_before_the_unique_constraints():
    """Migration 0005: the same reading assigned twice to one student keeps the
    newest assignment only."""
    before = [("lectures", "0004_one_teacher_rule_valid_slugs_pending_uploads")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model(settings.AUTH_USER_MODEL).objects.create(username="learner")
    course = old.get_model("lectures", "Course").objects.create(title="Geo", slug="geo")
    reading = old.get_model("lectures", "Reading").objects.create(
        course=course, title="Ch 3", url="https://example.com"
    )
    lecture = old.get_model("lectures", "Lecture").objects.create(
        course=course, title="Review", slug="review"
    )
    assignment = old.get_model("lectures", "ReadingAssignment")
    first = assignment.objects.create(reading=reading, student=user)
    newest = assignment.objects.create(reading=reading, student=user)
    assert first.created <= newest.created

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from lectures.models import ReadingAssignment

    assert list(ReadingAssignment.objects.values_list("pk", flat=True)) == [newest.pk]
    assert Lecture.objects.get(pk=lecture.pk).slug == "review-lecture"
