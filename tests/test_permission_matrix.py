"""Who may open which URL: every URL of the site, for every role (DESIGN.md, Access).

MATRIX holds one entry per URL name ("namespace:name"). To add a page, add

    "app:name": Entry(lambda w: {...url kwargs...}, get=roles(...), post=roles(...)),

where `w` is the shared World (the course "geo", its lecture, a section, an action
item, a published quiz, the student's open attempt, the users by role), and
`roles()` takes the expected outcome for each role, in ROLES order (`admin_page()`
for an admin view). An outcome is a status code, or LOGIN / ADMIN_LOGIN /
ADMIN_INDEX for a 302 to that page; a bare 302 is a redirect anywhere but a login
page. A POST-only page also gets a `get` row of 405s; `data` builds a POST's body.

test_every_url_has_an_entry fails for any URL without an entry, so every new page
says who may see it. Django's generated admin pages are left out, except the
lecture and quiz change pages (they show our figures) and "view on site".
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.generic import RedirectView
from lti_tool.models import Key, LtiRegistration

from lectures.content.imports import lecture_import
from lectures.models import (
    ActionItem,
    CardState,
    Course,
    Enrolment,
    Lecture,
    Reading,
    ReadingAssignment,
    Section,
    TimelineEvent,
)
from lectures.notes.prose.eras import When
from lectures.review.cards import lecture_opened
from lms.deep_link_requests import deep_link_request_keep
from lms.deep_linking import DeepLinkRequest
from quizzes.models import Attempt, Choice, Question, Quiz
from quizzes.services import attempt_start
from tests.helpers import PASSWORD, SIMPLE_NOTES

ANONYMOUS = "anonymous"
STUDENT = "student"  # enrolled in the course "geo"
OTHER_STUDENT = "other_student"  # enrolled in "other" only
INSTRUCTOR = "instructor"  # teaches "geo"
OTHER_INSTRUCTOR = "other_instructor"  # teaches "other" only
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, STUDENT, OTHER_STUDENT, INSTRUCTOR, OTHER_INSTRUCTOR, SUPERUSER)


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named `to`."""

    to: str


LOGIN = Redirect("login")
ADMIN_LOGIN = Redirect("admin:login")
# Django's admin answers a missing object, and one outside the instructor's
# queryset alike, with a redirect to its index ("… doesn't exist").
ADMIN_INDEX = Redirect("admin:index")

Outcome = int | Redirect


def roles(
    anonymous: Outcome,
    student: Outcome,
    other_student: Outcome,
    instructor: Outcome,
    other_instructor: Outcome,
    superuser: Outcome,
) -> dict[str, Outcome]:
    outcomes = (anonymous, student, other_student, instructor, other_instructor, superuser)
    return dict(zip(ROLES, outcomes, strict=True))


def admin_page(instructor: Outcome, other_instructor: Outcome, superuser: Outcome):
    """An admin view: the anonymous and both students (not staff) go to the admin login."""
    return roles(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, instructor, other_instructor, superuser)


@dataclass(frozen=True)
class Entry:
    kwargs: Callable[[World], dict] = lambda w: {}
    get: dict[str, Outcome] | None = None
    post: dict[str, Outcome] | None = None
    data: Callable[[World], dict] = lambda w: {}


EVERYONE_200 = roles(200, 200, 200, 200, 200, 200)
SIGNED_IN_200 = roles(LOGIN, 200, 200, 200, 200, 200)
COURSE_PAGE = roles(LOGIN, 200, 404, 200, 404, 200)
ALL_405 = roles(405, 405, 405, 405, 405, 405)
TEACHERS_200 = roles(LOGIN, 404, 404, 200, 404, 200)

# Columns of roles(): anonymous, student, other_student, instructor, other_instructor, superuser.
MATRIX: dict[str, Entry] = {
    # -- accounts and health: open to everyone, or to anyone signed in
    "login": Entry(get=EVERYONE_200),
    # Django 5 logs out by POST only; LOGOUT_REDIRECT_URL is the login page.
    "logout": Entry(get=ALL_405, post=roles(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    "password_change": Entry(get=SIGNED_IN_200),
    "password_change_done": Entry(get=SIGNED_IN_200),
    "password_reset": Entry(get=EVERYONE_200),
    "password_reset_done": Entry(get=EVERYONE_200),
    # A valid link puts its token in the session and redirects to the new-password form.
    "password_reset_confirm": Entry(
        lambda w: w.reset_link(), get=roles(302, 302, 302, 302, 302, 302)
    ),
    "password_reset_complete": Entry(get=EVERYONE_200),
    # One's own preferences: anyone signed in, each their own row.
    "preferences": Entry(
        get=SIGNED_IN_200,
        post=roles(LOGIN, 302, 302, 302, 302, 302),
        data=lambda w: {"reminders": "on"},
    ),
    "healthz": Entry(get=EVERYONE_200),
    # -- study pages: the course's students and teachers; another course's is a 404
    "lectures:dashboard": Entry(get=SIGNED_IN_200),
    "lectures:progress": Entry(get=SIGNED_IN_200),
    "lectures:course_detail": Entry(lambda w: {"course": w.course.slug}, get=COURSE_PAGE),
    "lectures:lecture_detail": Entry(lambda w: w.in_lecture(), get=COURSE_PAGE),
    "lectures:glossary": Entry(lambda w: w.in_lecture(), get=COURSE_PAGE),
    "lectures:timeline": Entry(lambda w: w.in_lecture(), get=COURSE_PAGE),
    # A suggested event of geo's lecture: only geo's instructors (and the superuser) answer it.
    "lectures:suggestion_confirm": Entry(
        lambda w: w.in_lecture(pk=w.suggestion.pk),
        get=ALL_405,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
    "lectures:suggestion_dismiss": Entry(
        lambda w: w.in_lecture(pk=w.suggestion.pk),
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
    "lectures:section_mark_read": Entry(
        lambda w: w.in_lecture(pk=w.section.pk),
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 302, 404, 302),
        data=lambda w: {"done": "1"},
    ),
    "lectures:item_mark_done": Entry(
        lambda w: w.in_lecture(pk=w.item.pk),
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 302, 404, 302),
        data=lambda w: {"done": "1"},
    ),
    # A reading is marked done only by those it is assigned to.
    "lectures:reading_mark_done": Entry(
        lambda w: {"course": w.course.slug, "pk": w.assignment.reading_id},
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 404, 404, 404),
        data=lambda w: {"done": "1"},
    ),
    # A course's announcements: its students and teachers read them; only its
    # teachers post (a student's post is a 404, as another course's page is).
    "lectures:announcements": Entry(
        lambda w: {"course": w.course.slug},
        get=COURSE_PAGE,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"body": "The seminar moves to room 4."},
    ),
    # -- review: a student's own cards only; the world's card is due for the student
    "lectures:review": Entry(
        get=SIGNED_IN_200, post=roles(LOGIN, 302, 404, 404, 404, 404), data=lambda w: w.rating()
    ),
    "lectures:course_review": Entry(
        lambda w: {"course": w.course.slug},
        get=COURSE_PAGE,
        post=roles(LOGIN, 302, 404, 404, 404, 404),
        data=lambda w: w.rating(),
    ),
    # -- the course's instructor pages: its teachers only; a 404 for everyone else
    "lectures:assign": Entry(
        lambda w: {"course": w.course.slug},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"readings": [w.assignment.reading_id], "students": [w.users[STUDENT].pk]},
    ),
    "lectures:assignment_edit": Entry(
        lambda w: {"course": w.course.slug, "pk": w.assignment.pk},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"due_at": "2027-01-15T09:00", "note": "Before the seminar."},
    ),
    "lectures:assignment_withdraw": Entry(
        lambda w: {"course": w.course.slug, "pk": w.assignment.pk},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
    # The report, its CSV, one student's work (the student is geo's), one quiz's results.
    "lectures:report": Entry(lambda w: {"course": w.course.slug}, get=TEACHERS_200),
    "lectures:report_csv": Entry(lambda w: {"course": w.course.slug}, get=TEACHERS_200),
    "lectures:report_student": Entry(
        lambda w: {"course": w.course.slug, "pk": w.users[STUDENT].pk}, get=TEACHERS_200
    ),
    "lectures:report_quiz": Entry(
        lambda w: {"course": w.course.slug, "pk": w.quiz.pk}, get=TEACHERS_200
    ),
    # A student's attempt at it, read-only (the world's is open: shown as it stands).
    "lectures:report_attempt": Entry(
        lambda w: {"course": w.course.slug, "quiz": w.quiz.pk, "pk": w.attempt.pk},
        get=TEACHERS_200,
    ),
    # The teaching page and what is done from it (issue 18): its teachers only. Uploads
    # answer with their preview (200); the confirmation without a pending upload of
    # one's own shows the upload form again (200); each write redirects back (302).
    "lectures:teach": Entry(lambda w: {"course": w.course.slug}, get=TEACHERS_200),
    "lectures:teach_import": Entry(
        lambda w: {"course": w.course.slug},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 200, 404, 200),
        data=lambda w: w.notes_upload(),
    ),
    "lectures:teach_import_confirm": Entry(
        lambda w: {"course": w.course.slug},
        get=ALL_405,
        post=roles(LOGIN, 404, 404, 200, 404, 200),
    ),
    "lectures:teach_reading_new": Entry(
        lambda w: {"course": w.course.slug},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"title": "Chapter 9", "url": "https://example.org/9"},
    ),
    "lectures:teach_publish": Entry(
        lambda w: w.in_lecture(), get=TEACHERS_200, post=roles(LOGIN, 404, 404, 302, 404, 302)
    ),
    "lectures:teach_unpublish": Entry(
        lambda w: w.in_lecture(), get=TEACHERS_200, post=roles(LOGIN, 404, 404, 302, 404, 302)
    ),
    "lectures:teach_generate_quiz": Entry(
        lambda w: w.in_lecture(), get=ALL_405, post=roles(LOGIN, 404, 404, 302, 404, 302)
    ),
    "lectures:teach_readings_from_lecture": Entry(
        lambda w: w.in_lecture(),
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"items": [w.item.pk]},
    ),
    "lectures:teach_quiz_publish": Entry(
        lambda w: {"course": w.course.slug, "pk": w.quiz.pk},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
    "lectures:teach_quiz_unpublish": Entry(
        lambda w: {"course": w.course.slug, "pk": w.quiz.pk},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
    "lectures:teach_quiz_dates": Entry(
        lambda w: {"course": w.course.slug, "pk": w.quiz.pk},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
        data=lambda w: {"due_at": "2027-03-05T09:30"},
    ),
    # "View as a student": read-only pages for the course's teachers.
    "lectures:student_view_course": Entry(lambda w: {"course": w.course.slug}, get=TEACHERS_200),
    "lectures:student_view_lecture": Entry(lambda w: w.in_lecture(), get=TEACHERS_200),
    "lectures:student_view_glossary": Entry(lambda w: w.in_lecture(), get=TEACHERS_200),
    "lectures:student_view_timeline": Entry(lambda w: w.in_lecture(), get=TEACHERS_200),
    "lectures:student_view_quiz": Entry(lambda w: w.in_lecture(pk=w.quiz.pk), get=TEACHERS_200),
    # -- quizzes; an attempt is its owner's only, even for teachers and superusers
    "quizzes:quiz_detail": Entry(lambda w: w.in_lecture(pk=w.quiz.pk), get=COURSE_PAGE),
    "quizzes:quiz_start": Entry(
        lambda w: w.in_lecture(pk=w.quiz.pk),
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 302, 404, 302),
    ),
    "quizzes:attempt_detail": Entry(
        lambda w: {"pk": w.attempt.pk}, get=roles(LOGIN, 200, 404, 404, 404, 404)
    ),
    "quizzes:attempt_answer": Entry(
        lambda w: {"pk": w.attempt.pk, "number": 1},
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 404, 404, 404),
        data=lambda w: w.answer(),
    ),
    "quizzes:attempt_answer_all": Entry(
        lambda w: {"pk": w.attempt.pk},
        get=ALL_405,
        post=roles(LOGIN, 302, 404, 404, 404, 404),
        data=lambda w: w.answer(),
    ),
    "quizzes:attempt_submit": Entry(
        lambda w: {"pk": w.attempt.pk},
        get=roles(LOGIN, 200, 404, 404, 404, 404),
        post=roles(LOGIN, 302, 404, 404, 404, 404),
    ),
    # -- admin: our own views, and the generated pages that show our figures
    # Any teacher may import; the form offers only their own courses, so the other
    # instructor's upload into "geo" is refused (200, nothing written).
    "admin:lectures_lecture_import": Entry(
        get=admin_page(200, 200, 200),
        post=admin_page(302, 200, 302),
        data=lambda w: w.notes_upload(),
    ),
    # Without a pending upload of one's own, the confirmation shows the upload form again.
    "admin:lectures_lecture_import_confirm": Entry(
        get=admin_page(405, 405, 405), post=admin_page(200, 200, 200)
    ),
    # Adding students from a CSV: the form lists only one's own courses, so the other
    # instructor's upload for "geo" is a form error (200, nothing written); a valid
    # upload answers with its preview (200) rather than a redirect.
    "admin:lectures_enrolment_upload": Entry(
        get=admin_page(200, 200, 200),
        post=admin_page(200, 200, 200),
        data=lambda w: w.roster_upload(),
    ),
    # Without a signed preview, the confirmation shows the upload form again.
    "admin:lectures_enrolment_upload_confirm": Entry(
        get=admin_page(405, 405, 405), post=admin_page(200, 200, 200)
    ),
    "admin:lectures_lecture_export": Entry(
        lambda w: {"pk": w.lecture.pk}, get=admin_page(200, 404, 200)
    ),
    "admin:lectures_lecture_change": Entry(
        lambda w: {"object_id": w.lecture.pk}, get=admin_page(200, ADMIN_INDEX, 200)
    ),
    # The quiz's change page also shows its results.
    "admin:quizzes_quiz_change": Entry(
        lambda w: {"object_id": w.quiz.pk}, get=admin_page(200, ADMIN_INDEX, 200)
    ),
    "admin:quizzes_quiz_preview": Entry(lambda w: {"pk": w.quiz.pk}, get=admin_page(200, 404, 200)),
    "admin:quizzes_quiz_regrade": Entry(
        lambda w: {"pk": w.quiz.pk}, get=admin_page(200, 404, 200), post=admin_page(302, 404, 302)
    ),
    # "View on site": a redirect for another course's object would reveal its URL.
    "admin:view_on_site": Entry(lambda w: w.on_site(w.lecture), get=admin_page(302, 404, 302)),
    # Django's UserAdmin: setting someone's password is for superusers (a deliberate 403).
    "admin:auth_user_password_change": Entry(
        lambda w: {"id": w.users[STUDENT].pk}, get=admin_page(403, 403, 200)
    ),
    # -- LTI 1.3 (/lti/): the platform's endpoints answer anyone, as the platform's
    # browser redirects arrive without our session; what they check is the launch.
    # No platform is registered in the world: the login is refused (400), a launch
    # without state or token is refused (403), a handoff token that was never made
    # is gone (410).
    "lms:login": Entry(
        get=roles(400, 400, 400, 400, 400, 400), post=roles(400, 400, 400, 400, 400, 400)
    ),
    "lms:launch": Entry(get=ALL_405, post=roles(403, 403, 403, 403, 403, 403)),
    "lms:continue": Entry(
        lambda w: {"token": "never-made"}, get=roles(410, 410, 410, 410, 410, 410)
    ),
    "lms:jwks": Entry(get=EVERYONE_200),
    # A one-time Dynamic Registration URL: one never made is gone for everyone.
    "lms:register": Entry(
        lambda w: {"token": "never-made"}, get=roles(410, 410, 410, 410, 410, 410)
    ),
    # Only after an instructor's launch in an LMS course not linked yet (its session
    # names the context): without one, a 404 for everyone signed in.
    "lms:link_course": Entry(
        get=roles(LOGIN, 404, 404, 404, 404, 404), post=roles(LOGIN, 404, 404, 404, 404, 404)
    ),
    # LTI Advantage's pages. The deep-linking picker answers only the instructor whose
    # launch made it (the world's is the instructor's): anyone else's is a 404, as an
    # expired one is. Choosing a lecture answers with the signed response's page.
    "lms:deep_link": Entry(
        lambda w: {"token": w.deep_link_token},
        get=roles(LOGIN, 404, 404, 200, 404, 404),
        post=roles(LOGIN, 404, 404, 200, 404, 404),
        data=lambda w: {"target": f"lecture-{w.lecture.pk}"},
    ),
    # A course's students from the LMS and the grades it did not take: its teachers
    # only. No LMS course is linked to geo, so a fetch names none (400), and a
    # confirmation without its signed preview is refused (400).
    "lms:roster": Entry(
        lambda w: {"course": w.course.slug},
        get=TEACHERS_200,
        post=roles(LOGIN, 404, 404, 400, 404, 400),
    ),
    "lms:roster_confirm": Entry(
        lambda w: {"course": w.course.slug},
        get=ALL_405,
        post=roles(LOGIN, 404, 404, 400, 404, 400),
    ),
    "lms:grades": Entry(lambda w: {"course": w.course.slug}, get=TEACHERS_200),
    "lms:grades_retry": Entry(
        lambda w: {"course": w.course.slug},
        get=ALL_405,
        post=roles(LOGIN, 404, 404, 302, 404, 302),
    ),
}


# -- the world the URLs point into ------------------------------------------------------


@dataclass
class World:
    course: Course
    lecture: Lecture
    section: Section
    item: ActionItem
    quiz: Quiz
    question: Question
    attempt: Attempt  # the student's, still open
    users: dict  # role -> user (None for the anonymous)
    assignment: ReadingAssignment  # a reading of geo's, assigned to the student
    card_state: CardState  # the student's schedule for one of the lecture's review cards
    suggestion: TimelineEvent  # an event of geo's lecture the import was unsure of
    deep_link_token: str  # the instructor's deep-linking request, into geo

    def in_lecture(self, **more) -> dict:
        return {"course": self.course.slug, "lecture": self.lecture.slug, **more}

    def rating(self) -> dict:
        return {"card": self.card_state.card_id, "rep": 0, "rating": "3"}

    def answer(self) -> dict:
        return {f"q{self.question.pk}": "Wegener", "nav": "next"}

    def reset_link(self) -> dict:
        # As stored now: the token is made from the last login, which signing in as
        # the student, earlier in the same case, has just moved.
        student = get_user_model().objects.get(pk=self.users[STUDENT].pk)
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(student.pk)),
            "token": default_token_generator.make_token(student),
        }

    def notes_upload(self) -> dict:
        notes = SIMPLE_NOTES.replace("Plate Tectonics", "Rift Valleys").encode()
        upload = SimpleUploadedFile("rifts.txt", notes, content_type="text/plain")
        return {"course": self.course.pk, "notes": upload}

    def roster_upload(self) -> dict:
        students = b"username,email\nnewcomer,newcomer@example.com\n"
        upload = SimpleUploadedFile("students.csv", students, content_type="text/csv")
        return {"course": self.course.pk, "file": upload}

    def on_site(self, obj) -> dict:
        content_type = ContentType.objects.get_for_model(obj)
        return {"content_type_id": content_type.pk, "object_id": obj.pk}


def _build_world() -> World:
    """The course "geo" (taught by the instructor, studied by the student), "other"
    (by the other instructor and the other student), a published quiz on geo's
    lecture with one question, and the student's open attempt at it."""
    make = get_user_model().objects.create_user

    def user(username: str, **fields):
        return make(username, f"{username}@example.com", PASSWORD, **fields)

    student, other_student = user("student"), user("other_student")
    instructor = user("instructor", is_staff=True)
    other_instructor = user("other_instructor", is_staff=True)
    superuser = user("superuser", is_staff=True, is_superuser=True)
    lecture = lecture_import(course_slug="geo", data=SIMPLE_NOTES).lecture
    course = lecture.course
    course.instructors.add(instructor)
    Enrolment.objects.create(course=course, user=student)
    other = lecture_import(
        course_slug="other", data=SIMPLE_NOTES.replace("Plate Tectonics", "Volcanoes")
    ).lecture.course
    other.instructors.add(other_instructor)
    Enrolment.objects.create(course=other, user=other_student)
    quiz = Quiz.objects.create(lecture=lecture, title="Plates quiz", published=True, pass_mark=50)
    question = Question.objects.create(
        quiz=quiz, kind=Question.Kind.SHORT_ANSWER, prompt="Who proposed drift?", position=0
    )
    Choice.objects.create(question=question, text="Wegener", is_correct=True)
    reading = Reading.objects.create(course=course, title="Chapter 3", lecture=lecture)
    assignment = ReadingAssignment.objects.create(reading=reading, student=student)
    lecture_opened(user=student, lecture=lecture)
    suggestion = TimelineEvent(
        lecture=lecture, when_label="1850", text="Maybe in 1850.", status="suggested"
    )
    suggestion.start = When(1850)
    suggestion.save()
    return World(
        deep_link_token=_deep_link_request(instructor, course),
        suggestion=suggestion,
        assignment=assignment,
        card_state=CardState.objects.filter(user=student).first(),
        course=course,
        lecture=lecture,
        section=lecture.sections.get(slug="drift"),
        item=lecture.action_items.first(),
        quiz=quiz,
        question=question,
        attempt=attempt_start(quiz=quiz, user=student),
        users={
            ANONYMOUS: None,
            STUDENT: student,
            OTHER_STUDENT: other_student,
            INSTRUCTOR: instructor,
            OTHER_INSTRUCTOR: other_instructor,
            SUPERUSER: superuser,
        },
    )


def _deep_link_request(instructor, course) -> str:
    """An LMS registration, the tool's key, and a deep-linking request by the
    instructor into `course`, as an instructor's deep-linking launch leaves them."""
    registration = LtiRegistration.objects.create(
        name="LMS",
        issuer="https://lms.example.test",
        client_id="course-site",
        auth_url="https://lms.example.test/auth",
        token_url="https://lms.example.test/token",
        keyset_url="https://lms.example.test/jwks",
    )
    Key.objects.generate()
    settings = {"deep_link_return_url": "https://lms.example.test/deep_links"}
    request = DeepLinkRequest(instructor.pk, course.pk, registration.pk, "deployment-1", settings)
    return deep_link_request_keep(request)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once for every case of the matrix, inside a transaction that
    the end of the module rolls back. Each case runs in a savepoint of it (the `db`
    fixture's), so whatever its request writes goes with the case."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield _build_world()
        transaction.set_rollback(True)


# -- the matrix --------------------------------------------------------------------------


def _cases():
    for name, entry in MATRIX.items():
        for method, outcomes in (("GET", entry.get), ("POST", entry.post)):
            for role, expected in (outcomes or {}).items():
                yield pytest.param(name, method, role, expected, id=f"{name}-{method}-{role}")


def assert_outcome(response, expected: Outcome) -> None:
    location = urlsplit(response.get("Location", "")).path
    if isinstance(expected, Redirect):
        assert (response.status_code, location) == (302, reverse(expected.to))
    elif expected == 302:
        assert response.status_code == 302
        assert location not in {reverse("login"), reverse("admin:login")}, "sent to log in"
    else:
        assert response.status_code == expected, location


@pytest.mark.parametrize(("name", "method", "role", "expected"), list(_cases()))
def test_permission(world, db, name, method, role, expected):
    entry = MATRIX[name]
    client = Client()
    if world.users[role] is not None:
        # A copy: logging in stamps `last_login` on the instance it is given, and
        # the password-reset link of a later case is made from the student's.
        client.force_login(copy(world.users[role]))
    url = reverse(name, kwargs=entry.kwargs(world))
    response = client.get(url) if method == "GET" else client.post(url, entry.data(world))
    assert_outcome(response, expected)


# -- the resolver's view of the site -------------------------------------------------------


@dataclass(frozen=True)
class Found:
    name: str | None  # "namespace:name"; None for an unnamed pattern
    route: str
    callback: Callable


def site_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """Every URL pattern, depth first, with its full name and route."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from site_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield Found(name, route, pattern.callback)


ADMIN_SITE_PAGES = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "jsi18n",
    "autocomplete",
    "app_list",
}
MODEL_ADMIN_PAGES = ("changelist", "add", "history", "delete", "change")
# Generated, but they show our own figures, so they are in MATRIX.
ADMIN_PAGES_WE_CHECK = {"lectures_lecture_change", "quizzes_quiz_change"}


def _model_admin_pages() -> set[str]:
    return {
        f"{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model in apps.get_models()
        if admin.site.is_registered(model)
        for page in MODEL_ADMIN_PAGES
    }


def _admin_generated(found: Found) -> bool:
    if not found.route.startswith(f"{admin.site.name}/"):
        return False
    if found.name is None:
        # ModelAdmin's old object URL, redirecting to the change page, and the
        # site's catch-all (login redirect or 404 for unknown admin URLs).
        callback = found.callback
        old_url = getattr(callback, "view_class", None) is RedirectView
        catch_all = callback.__name__ == "catch_all_view" and hasattr(callback, "admin_site")
        return (old_url and hasattr(callback, "model_admin")) or catch_all
    namespace, _, name = found.name.rpartition(":")
    if namespace != admin.site.name or name in ADMIN_PAGES_WE_CHECK:
        return False
    return name in ADMIN_SITE_PAGES or name in _model_admin_pages()


def required_patterns() -> list[Found]:
    return [found for found in site_patterns() if not _admin_generated(found)]


def test_every_url_has_an_entry():
    required = required_patterns()
    unnamed = [found.route for found in required if found.name is None]
    assert not unnamed, f"Give these URL patterns a name= and an entry in MATRIX: {unnamed}"
    missing = sorted({found.name for found in required} - set(MATRIX))
    assert not missing, f"Say who may open these URLs: add them to MATRIX: {missing}"


def test_every_entry_is_a_url():
    names = {found.name for found in required_patterns()}
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"MATRIX has entries for URLs that are gone or generated: {stale}"


def test_every_entry_has_an_outcome_for_each_role():
    for name, entry in MATRIX.items():
        assert entry.get or entry.post, name
        for outcomes in filter(None, (entry.get, entry.post)):
            assert set(outcomes) == set(ROLES), name


def test_every_entry_builds_its_url(world, db):
    for name, entry in MATRIX.items():
        path = reverse(name, kwargs=entry.kwargs(world))
        assert resolve(path).view_name == name, path
