"""A course's announcements: students read them, its instructors post them (rendered
and sanitised like a section, mailed to the students after the commit), shown on
the course page and the dashboard."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from lectures.content.imports import lecture_import
from lectures.mail.preferences import preferences_save
from lectures.models import Announcement, Enrolment
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(course) -> str:
    return f"/courses/{course.slug}/announcements/"


@pytest.fixture
def post(instructor_client, course, django_capture_on_commit_callbacks):
    """Post as the course's instructor; the mail goes as the request's work commits."""

    def send(body: str, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return instructor_client.post(url(course), {"body": body}, **extra)

    return send


def announce(course, author, *bodies: str) -> None:
    for body in bodies:
        Announcement.objects.create(course=course, author=author, body=body)


def test_students_read_them_rendered_and_sanitised(student_client, course, instructor):
    instructor.first_name, instructor.last_name = "Ada", "Lovelace"
    instructor.save()
    announce(
        course,
        instructor,
        "**Exam** moved to *Friday*.\n- Bring <script>alert(1)</script>\n"
        "- [notes](javascript:alert(1)) and [the syllabus](https://example.org/s)",
    )
    page = student_client.get(url(course)).content.decode()
    assert "<strong>Exam</strong> moved to <em>Friday</em>." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert 'href="javascript:' not in page
    assert '<a href="https://example.org/s" rel="noopener noreferrer">the syllabus</a>' in page
    assert "Ada Lovelace" in page
    # Students read; the form is their teachers'.
    assert "<textarea" not in page


def test_the_empty_page_says_what_will_appear(student_client, instructor_client, course):
    assert "No announcements yet." in student_client.get(url(course)).content.decode()


def test_an_instructor_posts_and_the_students_are_mailed_once_it_commits(
    instructor_client, course, student, other_student, make_user, post
):
    page = instructor_client.get(url(course)).content.decode()
    assert '<label for="id_body">New announcement</label>' in page
    Enrolment.objects.create(course=course, user=other_student)
    quiet = make_user("quiet")
    Enrolment.objects.create(course=course, user=quiet)
    preferences_save(user=quiet, reminders=True, announcements=False)
    make_user("outsider")  # not in the course

    response = post("The seminar moves to **room 4**.")
    assert response.status_code == 302 and response.url == url(course)
    announcement = Announcement.objects.get()
    assert announcement.author.username == "instructor"
    # Each student their own message; not the one who turned announcements off.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other_student@example.com",
        "student@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "Geo: an announcement from instructor"
    assert "The seminar moves to **room 4**." in message.body
    assert f"http://testserver{url(course)}" in message.body
    assert "http://testserver/accounts/preferences/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "<strong>room 4</strong>" in html
    followed = instructor_client.get(response.url).content.decode()
    assert "Posted, and mailed to the course&#x27;s students." in followed


def test_posting_with_htmx_swaps_the_list_and_announces_it(instructor_client, course, post):
    response = post("Lab at **noon**.", **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="announcements-region">') and "<html" not in body
    assert "<strong>noon</strong>" in body
    assert 'id="announce-status" aria-live="polite" hx-swap-oob="true"' in body
    # A fresh, focused form for the next one.
    assert (
        "autofocus" in body and "Lab at" not in body.split("<textarea")[1].split("</textarea>")[0]
    )
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   ", "Write the announcement before posting it."),
        ("- ", "Write the announcement before posting it."),
        ("Read this\u202e backwards", "Remove a bidirectional-override character (U+202E)"),
        ("x" * 5001, "Ensure this value has at most 5000 characters"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_announcement_is_refused_with_a_message(course, post, body, error, htmx):
    response = post(body, **(HTMX if htmx else {}))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Announcement.objects.exists() and mail.outbox == []


def test_a_student_cannot_post(student_client, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = student_client.post(url(course), {"body": "Hi all"})
    assert response.status_code == 404
    assert not Announcement.objects.exists() and mail.outbox == []


def test_posting_needs_the_csrf_token(course, instructor):
    client = Client(enforce_csrf_checks=True)
    client.login(username=instructor.username, password=PASSWORD)
    assert client.post(url(course), {"body": "Hi"}).status_code == 403
    assert not Announcement.objects.exists()


def test_the_list_is_paginated_newest_first(student_client, course, instructor):
    announce(course, instructor, *(f"Note number {i}." for i in range(25)))
    first = student_client.get(url(course)).content.decode()
    assert "Note number 24." in first and "Note number 15." in first
    assert "Note number 14." not in first
    assert "Page 1 of 3" in first and f'href="{url(course)}?page=2"' in first
    last = student_client.get(url(course), {"page": "99"}).content.decode()
    assert "Page 3 of 3" in last and "Note number 0." in last
    fragment = student_client.get(url(course), {"page": "2"}, **HTMX).content.decode()
    assert (
        fragment.lstrip().startswith('<div id="announcements-region">')
        and "Note number 14." in fragment
    )


def test_the_course_page_and_the_dashboard_show_the_latest(
    student_client, course, instructor, foreign_lecture
):
    announce(course, instructor, "Oldest.", "Older.", "Newer.", "Newest.")
    announce(foreign_lecture.course, None, "Another course's news.")
    page = student_client.get(f"/courses/{course.slug}/").content.decode()
    assert "Newest." in page and "Older." in page and "Oldest." not in page
    assert f'href="{url(course)}"' in page
    dashboard = student_client.get("/").content.decode()
    assert "Newest." in dashboard and "Oldest." not in dashboard
    assert "Another course" not in dashboard


def test_a_lecture_called_announcements_gets_another_slug(course):
    notes = "Title: Announcements\nIntro\n- One point.\n"
    lecture = lecture_import(course_slug=course.slug, data=notes).lecture
    assert lecture.slug == "announcements-lecture"


def test_the_teachers_page_keeps_its_query_budget(
    instructor_client, course, instructor, django_assert_num_queries
):
    announce(course, instructor, *(f"Note {i}." for i in range(30)))
    instructor_client.get(url(course))  # fills the rendering cache
    # session, user; the course with the user's standing; announcements counted; one
    # page of them with their authors; the navigation's review count
    with django_assert_num_queries(6):
        assert instructor_client.get(url(course)).status_code == 200


def test_instructors_correct_and_remove_their_own_in_the_admin(
    instructor_client, course, instructor, foreign_lecture, other_instructor
):
    announce(course, instructor, "Exam on Fridy.")
    announce(foreign_lecture.course, other_instructor, "Not yours.")
    mine, theirs = Announcement.objects.order_by("pk")
    listing = instructor_client.get("/admin/lectures/announcement/").content.decode()
    assert "Exam on Fridy." in listing and "Not yours." not in listing
    edit = f"/admin/lectures/announcement/{mine.pk}/change/"
    refused = instructor_client.post(edit, {"body": "Exam on \u202eFriday."})
    assert "Remove a bidirectional-override character" in refused.content.decode()
    assert instructor_client.post(edit, {"body": "Exam on Friday."}).status_code == 302
    mine.refresh_from_db()
    assert mine.body == "Exam on Friday." and mail.outbox == []
    # Another course's is not theirs to change; and posting is the course page's job.
    other = f"/admin/lectures/announcement/{theirs.pk}/change/"
    assert instructor_client.get(other).status_code == 302  # "doesn't exist"
    assert instructor_client.get("/admin/lectures/announcement/add/").status_code == 403
