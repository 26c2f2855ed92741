"""A launch from the test platform: OIDC login, a signed id_token, logged in, landed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import reverse

from lectures.models import Course, Enrolment
from lms.middleware import launch_session
from lms.models import CourseLink, PlatformAccount
from tests.lms.platform import (
    CONTENT_DEVELOPER,
    INSTITUTION_ADMINISTRATOR,
    INSTRUCTOR,
    LEARNER,
    SYSTEM_ADMINISTRATOR,
    TEACHING_ASSISTANT,
    TestPlatform,
)


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


@pytest.mark.parametrize("role", [INSTRUCTOR, TEACHING_ASSISTANT, CONTENT_DEVELOPER, "Instructor"])
def test_teaching_roles_teach_the_course_and_reach_only_its_admin(client, platform, role):
    response = platform.launch(
        client, sub="t", roles=[role, SYSTEM_ADMINISTRATOR, INSTITUTION_ADMINISTRATOR]
    )
    client.get(response["Location"])
    user = get_user_model().objects.get(platform_accounts__subject="t")
    course = Course.objects.get()
    assert list(user.taught_courses.all()) == [course]
    # Staff is how an instructor reaches the admin here, scoped to their courses;
    # an administrator's role on the platform gives nothing more.
    assert user.is_staff and not user.is_superuser
    assert not user.user_permissions.exists() and not user.groups.exists()
    assert not Enrolment.objects.exists()


def test_the_same_subject_on_another_platform_is_another_account(client, platform):
    platform.launch(client, sub="same", roles=[INSTRUCTOR])
    client.logout()
    other = TestPlatform(issuer="https://other-lms.example.test", client_id="other").start()
    try:
        other.register()
        other.launch(client, sub="same", roles=[INSTRUCTOR])
    finally:
        other.stop()
    accounts = PlatformAccount.objects.order_by("issuer")
    assert [a.issuer for a in accounts] == [
        "https://lms.example.test",
        "https://other-lms.example.test",
    ]
    assert accounts[0].user != accounts[1].user


def test_an_existing_account_with_the_same_email_is_never_taken_over(client, platform, make_user):
    existing = make_user("ada", is_staff=True)
    response = platform.launch(client, sub="u", roles=[INSTRUCTOR], email=existing.email)
    client.get(response["Location"])
    launched = PlatformAccount.objects.get().user
    assert launched != existing
    assert client.get("/").wsgi_request.user == launched


def test_a_second_launch_reuses_the_account_and_the_course(client, platform):
    for _ in range(2):
        response = platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR])
        client.get(response["Location"])
    assert PlatformAccount.objects.count() == 1
    assert Course.objects.count() == 1
    assert get_user_model().objects.count() == 1


def test_a_launch_replaces_whoever_was_logged_in(client, platform, student):
    client.force_login(student)
    response = platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR])
    landed = client.get(response["Location"])
    assert client.get(landed["Location"]).wsgi_request.user == PlatformAccount.objects.get().user


def test_an_instructor_who_teaches_here_links_a_new_lms_course_to_one_of_theirs(client, platform):
    first = platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="spring")
    client.get(first["Location"])
    course = Course.objects.get()

    second = platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="autumn")
    landed = client.get(second["Location"])
    assert landed["Location"] == reverse("lms:link_course")
    page = client.get(landed["Location"])
    assert page.status_code == 200
    assert course.title in page.content.decode()

    linked = client.post(reverse("lms:link_course"), {"course": str(course.pk)})

    assert linked["Location"] == reverse("lectures:course_detail", kwargs={"course": course.slug})
    assert [link.course for link in CourseLink.objects.all()] == [course, course]
    assert Course.objects.count() == 1
    # Done: the page has nothing left to link.
    assert client.get(reverse("lms:link_course")).status_code == 404


def test_the_link_page_offers_only_the_instructors_own_courses(client, platform, make_lecture):
    make_lecture(course="someone-elses")
    client.get(platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="a")["Location"])
    client.get(platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="b")["Location"])
    other = Course.objects.get(slug="someone-elses")
    refused = client.post(reverse("lms:link_course"), {"course": str(other.pk)})
    assert refused.status_code == 200
    assert CourseLink.objects.count() == 1


def test_the_instructor_may_start_a_new_course_instead(client, platform):
    client.get(platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="a")["Location"])
    client.get(platform.launch(client, sub="ina", roles=[INSTRUCTOR], context_id="b")["Location"])
    response = client.post(reverse("lms:link_course"), {"course": "new"})
    assert response.status_code == 302
    assert Course.objects.count() == 2
    assert CourseLink.objects.count() == 2


def test_over_https_the_launch_data_is_keyed_to_the_login_and_a_replay_still_fails(
    client, platform
):
    # On HTTPS pylti1p3 keys the nonce under a session-id cookie set at login
    # (SameSite=None): the nonce is consumed under that key.
    login = platform.login(client, secure=True)
    assert client.cookies["lti1p3-session-id"]["samesite"] == "None"
    assert client.cookies[f"lti1p3-{login.state}"]["secure"]
    token = platform.id_token(platform.claims(nonce=login.nonce, roles=[INSTRUCTOR]))
    first = platform.post_launch(client, token, login.state, secure=True)
    assert first.status_code == 302
    assert platform.post_launch(client, token, login.state, secure=True).status_code == 403


def test_platforms_that_post_the_login_are_answered_too(client, platform):
    response = client.post(
        reverse("lms:login"),
        {
            "iss": platform.issuer,
            "client_id": platform.client_id,
            "login_hint": "u",
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(platform.auth_url)


def test_the_session_carries_the_launch_for_later_pages(client, platform, rf):
    landed = client.get(platform.launch(client, sub="t", roles=[INSTRUCTOR])["Location"])
    request = rf.get(landed["Location"])
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    request.session = client.session
    seen = {}

    def view(request):
        seen["launch"] = request.lti_launch
        return HttpResponse()

    launch_session(view)(request)
    assert seen["launch"].is_present
    assert seen["launch"].context.title == "Geography 101"
