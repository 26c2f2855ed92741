"""A launch from the test platform: OIDC login, a signed id_token, logged in, landed."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from lectures.models import Course, Enrolment
from lms.models import CourseLink, PlatformAccount
from tests.lms.platform import INSTRUCTOR, LEARNER


def test_an_instructors_first_launch_creates_the_course_and_lands_on_it_logged_in(client, platform):
    response = platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR], name="Ina Structor")
    assert response.status_code == 302
    assert response["Location"].startswith("/lti/continue/")

    landed = client.get(response["Location"])
    course = Course.objects.get()
    assert landed.status_code == 302
    assert landed["Location"] == reverse("lectures:course_detail", kwargs={"course": course.slug})
    page = client.get(landed["Location"])
    assert page.status_code == 200
    user = page.wsgi_request.user
    assert user.is_authenticated
    assert course.title == "Geography 101" and course.slug == "geo101"
    assert list(course.instructors.all()) == [user]
    assert CourseLink.objects.get().course == course
    account = PlatformAccount.objects.get()
    assert (account.issuer, account.subject, account.user) == (platform.issuer, "teacher-1", user)


def test_a_learner_is_enrolled_in_the_linked_course(client, platform):
    platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR])
    client.logout()
    response = platform.launch(client, sub="student-1", roles=[LEARNER], email="s@example.test")
    landed = client.get(response["Location"])
    course = Course.objects.get()
    assert landed["Location"] == reverse("lectures:course_detail", kwargs={"course": course.slug})
    student = get_user_model().objects.get(platform_accounts__subject="student-1")
    assert Enrolment.objects.filter(course=course, user=student).exists()
    assert student.email == "s@example.test"
    assert not student.has_usable_password()
    assert not (student.is_staff or student.is_superuser)
