"""Course setup: who may create a course, its first instructor, and lectures that
reach students only when they are meant to (issue 8, item 1)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from lectures import access
from lectures.admin_scoping import taught_course_ids
from lectures.management.commands.import_lecture import Command as ImportLecture
from lectures.models import Course, Enrolment, Lecture
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:lectures_course_add")
CHANGELIST_URL = reverse("admin:lectures_course_changelist")
IMPORT_URL = reverse("admin:lectures_lecture_import")
RIVERS = b"Title: Rivers\nOverview\nWater flows downhill.\nDeltas\n- Sediment settles.\n"


def may_create_courses_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="lectures", codename="add_course")


@pytest.fixture
def creator(make_user):
    """A staff account granted "may create courses", teaching nothing yet."""
    user = make_user("creator", is_staff=True)
    user.user_permissions.add(may_create_courses_permission())
    return user


@pytest.fixture
def creator_client(client, creator):
    client.login(username=creator.username, password=PASSWORD)
    return client


# -- who may create courses -------------------------------------------------------------


def test_creating_courses_takes_the_permission_and_staff_status(make_user):
    through_group = make_user("grouped", is_staff=True)
    group = Group.objects.create(name="Course creators")
    group.permissions.add(may_create_courses_permission())
    through_group.groups.add(group)
    granted_but_not_staff = make_user("learner")
    granted_but_not_staff.user_permissions.add(may_create_courses_permission())
    granted_but_inactive = make_user("gone", is_staff=True, is_active=False)
    granted_but_inactive.user_permissions.add(may_create_courses_permission())

    assert access.may_create_courses(make_user("root", is_superuser=True))
    assert access.may_create_courses(through_group)
    assert not access.may_create_courses(make_user("helper", is_staff=True))
    assert not access.may_create_courses(granted_but_not_staff)
    assert not access.may_create_courses(granted_but_inactive)


def test_granted_instructor_creates_a_course_and_teaches_it(creator_client, creator):
    index = creator_client.get(reverse("admin:index"))
    assert ADD_URL in index.content.decode()
    assert creator_client.get(ADD_URL).status_code == 200

    response = creator_client.post(
        ADD_URL,
        {
            "title": "Rivers of Europe",
            "slug": "rivers",
            "behind_after_days": "7",
            "language": "en",
            "description": "Water.",
        },
    )

    course = Course.objects.get(slug="rivers")
    assert list(course.instructors.all()) == [creator]
    assert access.teaches(creator, course)
    change_url = reverse("admin:lectures_course_change", args=[course.pk])
    # The same request learnt that the new course is theirs: the list, not the index.
    assert response.status_code == 302
    assert response.url == CHANGELIST_URL
    listing = creator_client.get(response.url)
    assert [c.slug for c in listing.context["cl"].result_list] == ["rivers"]
    message = next(iter(listing.context["messages"])).message
    assert f'<a href="{change_url}">Rivers of Europe</a>' in message
    assert creator_client.get(change_url).status_code == 200


def test_a_new_course_is_theirs_even_if_the_request_looked_their_courses_up_before(rf, creator):
    """Something earlier in the request (the admin's sidebar, a scoped choice) may
    have memoised the user's courses: the new one must not be hidden from
    response_add, which would send them to the index with an unlinked message."""
    request = rf.post(
        ADD_URL, {"title": "Rivers", "slug": "rivers", "behind_after_days": "7", "language": "en"}
    )
    request.user = creator
    request._messages = CookieStorage(request)
    request._dont_enforce_csrf_checks = True
    assert taught_course_ids(request) == set()

    response = admin.site._registry[Course].add_view(request)

    assert response.url == CHANGELIST_URL
    course = Course.objects.get(slug="rivers")
    assert taught_course_ids(request) == {course.pk}


def test_save_and_continue_goes_to_the_new_course(creator_client):
    response = creator_client.post(
        ADD_URL,
        {
            "title": "Deserts",
            "slug": "deserts",
            "behind_after_days": "7",
            "language": "en",
            "_continue": "1",
        },
        follow=True,
    )
    course = Course.objects.get(slug="deserts")
    assert response.redirect_chain == [
        (reverse("admin:lectures_course_change", args=[course.pk]), 302)
    ]
    assert response.status_code == 200
    assert "You may edit it again below." in response.content.decode()


def test_instructor_cannot_name_other_instructors_of_a_new_course(
    creator_client, creator, other_instructor
):
    creator_client.post(
        ADD_URL,
        {
            "title": "Lakes",
            "slug": "lakes",
            "behind_after_days": "7",
            "language": "en",
            "instructors": [other_instructor.pk],
        },
    )
    assert list(Course.objects.get(slug="lakes").instructors.all()) == [creator]


def test_superuser_creating_a_course_picks_its_instructors(client, make_user, instructor):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    client.post(
        ADD_URL,
        {
            "title": "Lakes",
            "slug": "lakes",
            "behind_after_days": "7",
            "language": "en",
            "instructors": [instructor.pk],
        },
    )
    assert list(Course.objects.get(slug="lakes").instructors.all()) == [instructor]


def test_instructor_without_the_permission_cannot_add_courses(instructor_client, course):
    listing = instructor_client.get(CHANGELIST_URL)
    assert listing.status_code == 200
    assert listing.context["has_add_permission"] is False
    assert ADD_URL not in listing.content.decode()
    assert instructor_client.get(ADD_URL).status_code == 403
    assert instructor_client.post(ADD_URL, {"title": "X", "slug": "x"}).status_code == 403
    assert not Course.objects.filter(slug="x").exists()


# -- import_lecture --instructor and --draft ---------------------------------------------


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_lecture", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def notes_file(tmp_path) -> Path:
    path = tmp_path / "plates.txt"
    path.write_text(SIMPLE_NOTES, encoding="utf-8")
    return path


def test_import_creates_the_course_with_its_instructor(notes_file, instructor):
    output = run_import(str(notes_file), "--course", "geo", "--instructor", "instructor")
    course = Course.objects.get(slug="geo")
    assert list(course.instructors.all()) == [instructor]
    assert "Instructor instructor teaches course “Geo”." in output.splitlines()
    assert course.lectures.get().published


def test_import_adds_the_instructor_to_an_existing_course(notes_file, course, other_instructor):
    run_import(str(notes_file), "--course", "geo", "--instructor", "other_instructor")
    run_import(str(notes_file), "--course", "geo", "--instructor", "other_instructor")
    assert set(course.instructors.values_list("username", flat=True)) == {
        "instructor",
        "other_instructor",
    }


@pytest.mark.parametrize(
    ("username", "problem"),
    [
        ("nobody", "no such account"),
        ("gone", "the account is inactive"),
        ("student", "not a staff account"),
    ],
)
def test_unusable_instructor_is_refused_before_anything_is_written(
    notes_file, make_user, student, username, problem
):
    make_user("gone", is_staff=True, is_active=False)
    with pytest.raises(CommandError) as excinfo:
        run_import(str(notes_file), "--course", "geo", "--instructor", username)
    message = str(excinfo.value)
    assert message.startswith(f"--instructor “{username}”: {problem}")
    assert message.endswith("nothing was imported")
    assert "\n" not in message
    assert not Course.objects.exists()
    assert not Lecture.objects.exists()


def test_draft_option_leaves_a_new_lecture_unpublished(notes_file):
    output = run_import(str(notes_file), "--course", "geo", "--draft")
    assert not Lecture.objects.get().published
    assert "The lecture is a draft: students see it once it is published." in output


def test_draft_option_unpublishes_an_existing_lecture(notes_file, make_lecture):
    lecture = make_lecture()
    assert lecture.published
    run_import(str(notes_file), "--course", "geo", "--draft")
    lecture.refresh_from_db()
    assert not lecture.published


def test_without_draft_a_reimport_keeps_the_published_state(notes_file, make_lecture):
    lecture = make_lecture(draft=True)
    run_import(str(notes_file), "--course", "geo")
    lecture.refresh_from_db()
    assert not lecture.published


def test_help_says_a_new_lecture_is_published_unless_draft():
    text = " ".join(
        ImportLecture().create_parser("manage.py", "import_lecture").format_help().split()
    )
    assert "A new lecture is published at once unless --draft is given" in text
    assert "--instructor USERNAME" in text


# -- the admin's import: drafts in courses students already see ------------------------------


def upload(content: bytes = RIVERS) -> SimpleUploadedFile:
    return SimpleUploadedFile("rivers.txt", content, content_type="text/plain")


def test_admin_import_into_a_course_with_students_starts_a_draft(
    instructor_client, course, student
):
    response = instructor_client.post(IMPORT_URL, {"course": course.pk, "notes": upload()})
    lecture = Lecture.objects.get(course=course, slug="rivers")
    assert not lecture.published
    page = instructor_client.get(response.url)
    [message] = [m.message for m in page.context["messages"]]
    assert message.endswith("It is a draft, hidden from students: tick “Published” and save.")

    assert instructor_client.get(lecture.get_absolute_url()).status_code == 200
    instructor_client.force_login(student)
    assert instructor_client.get(lecture.get_absolute_url()).status_code == 404


def test_admin_import_into_a_course_without_students_is_published(
    instructor_client, instructor, make_lecture
):
    quiet = make_lecture(course="quiet").course
    quiet.instructors.add(instructor)
    response = instructor_client.post(IMPORT_URL, {"course": quiet.pk, "notes": upload()})
    assert Lecture.objects.get(course=quiet, slug="rivers").published
    page = instructor_client.get(response.url)
    assert "draft" not in next(iter(page.context["messages"])).message


@pytest.mark.parametrize("published", [True, False])
def test_admin_reimport_keeps_the_lectures_published_state(instructor_client, course, published):
    lecture = course.lectures.get()
    Lecture.objects.filter(pk=lecture.pk).update(published=published)
    notes = SIMPLE_NOTES.replace("- Read chapter 3.\n", "- Read chapter 3.\n- Read chapter 4.\n")
    response = instructor_client.post(
        IMPORT_URL, {"course": course.pk, "notes": upload(notes.encode())}
    )
    lecture.refresh_from_db()
    assert lecture.published is published
    assert Enrolment.objects.filter(course=course).exists()
    message = next(iter(instructor_client.get(response.url).context["messages"])).message
    assert ("It is a draft" in message) is not published


# -- seed_demo's superuser ------------------------------------------------------------------


def test_seed_demo_creates_the_superuser_admin_and_prints_its_login(client):
    out = StringIO()
    call_command("seed_demo", "--password", "pw-one-123", "--students", "0", stdout=out)
    assert "  admin       / pw-one-123   (superuser: /admin/)" in out.getvalue().splitlines()
    call_command("seed_demo", "--password", "pw-two-456", "--students", "0", stdout=StringIO())

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert client.login(username="admin", password="pw-two-456")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
