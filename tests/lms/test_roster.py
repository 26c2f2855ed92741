"""The course's students from the LMS (NRPS): the member list fetched with a token
for the NRPS scope, previewed (who is added, who left), confirmed; leavers lose
access and keep their work; nothing changes on a bad preview or a failing platform."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lti_tool.models import LtiMembership

from lectures.models import Enrolment
from lms.models import PlatformAccount
from lms.nrps import Member, nrps_apply, nrps_plan
from quizzes import services
from quizzes.models import Attempt
from tests.lms.platform import INSTRUCTOR, LEARNER
from tests.lms.services import (
    NRPS_SCOPE,
    account,
    add_quiz,
    follow,
    instructor_course,
    student_launch,
)

pytestmark = pytest.mark.django_db
NRPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"


def member(sub, roles=(LEARNER,), status="Active", **fields):
    return {"user_id": sub, "roles": list(roles), "status": status, **fields}


@pytest.fixture
def course(client, platform, make_user):
    """geo101 from the instructor's launch, with: student-1 and student-9, who
    launched before (student-9 has since left the LMS course), and a student enrolled
    here by hand. The client is the instructor's."""
    course = instructor_course(client, platform)
    client.logout()
    for sub in ("student-1", "student-9"):
        student_launch(client, platform, sub=sub)
        client.logout()
    local = make_user("local")
    Enrolment.objects.create(course=course, user=local)
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    platform.routes[("GET", "/nrps")] = lambda request: (
        200,
        {
            "id": f"{platform.url}/nrps",
            "context": {"id": "course-101"},
            "members": [
                member("teacher-1", roles=[INSTRUCTOR], name="Ina Structor"),
                member("student-1", name="Ada Lovelace", email="ada@lms.example.test"),
                member(
                    "student-2",
                    name="Grace Hopper",
                    given_name="Grace",
                    family_name="Hopper",
                    email="grace@lms.example.test",
                ),
                member("student-3", status="Inactive", name="Gone Already"),
            ],
        },
    )
    return course


def preview(client, course):
    return client.post(reverse("lms:roster", args=[course.slug]), {"context": _context(course)})


def _context(course):
    return course.lms_links.get().context_id


def test_the_preview_says_who_is_added_and_who_left_and_changes_nothing(client, platform, course):
    page = client.get(reverse("lms:roster", args=[course.slug]))
    assert page.status_code == 200 and "Fetch the members" in page.content.decode()
    before = set(Enrolment.objects.values_list("user_id", flat=True))

    response = preview(client, course)
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "1 new account, 0 existing accounts enrolled, 1 already enrolled, 1 student left." in body
    )
    added = body[
        body.index('id="roster-added"') : body.index("</table>", body.index('id="roster-added"'))
    ]
    assert "Grace Hopper" in added and "Ada" not in added
    left = body[body.index('id="roster-left"') :]
    assert account("student-9").email in left
    assert "local@example.com" not in body  # enrolled here by hand: not the LMS's
    assert set(Enrolment.objects.values_list("user_id", flat=True)) == before

    # The request: a token for the NRPS scope only, then the list with it.
    [token] = platform.tokens_issued
    assert token["request"]["scope"] == NRPS_SCOPE
    [fetched] = [r for r in platform.requests if r.path == "/nrps"]
    assert fetched.headers["Authorization"] == f"Bearer {token['access_token']}"
    assert fetched.headers["Accept"] == NRPS_TYPE


def test_confirming_adds_the_new_and_ends_the_leavers_enrolment_keeping_their_work(
    client, platform, course
):
    leaver = account("student-9")
    quiz = add_quiz(course)
    attempt = services.attempt_start(quiz=quiz, user=leaver)
    services.attempt_submit(attempt=attempt)
    payload = re.search(
        r'name="payload" value="([^"]+)"', preview(client, course).content.decode()
    )[1]

    response = client.post(reverse("lms:roster_confirm", args=[course.slug]), {"payload": payload})
    assert response.status_code == 302
    students = set(Enrolment.objects.filter(course=course).values_list("user__username", flat=True))
    grace = account("student-2")
    assert students == {account("student-1").username, grace.username, "local"}
    # The new account is the one Grace's launches will use: no password, no staff.
    assert (grace.first_name, grace.last_name, grace.email) == (
        "Grace",
        "Hopper",
        "grace@lms.example.test",
    )
    assert not grace.has_usable_password() and not grace.is_staff
    assert PlatformAccount.objects.get(user=grace).issuer == platform.issuer
    # django-lti's record of the LMS course, which grades go by, follows the list.
    memberships = dict(
        LtiMembership.objects.filter(context__course_link__course=course).values_list(
            "user__sub", "is_active"
        )
    )
    assert memberships["student-2"] is True and memberships["student-9"] is False
    # The leaver can no longer open the course, and their attempt is still there.
    assert leaver.is_active and Attempt.objects.filter(pk=attempt.pk).exists()
    client.force_login(leaver)
    assert client.get(reverse("lectures:course_detail", args=[course.slug])).status_code == 404
    # Grace's first launch finds her account rather than making another.
    client.logout()
    student_launch(client, platform, sub="student-2", name="Grace Hopper")
    assert get_user_model().objects.filter(platform_accounts__subject="student-2").count() == 1


def test_a_second_import_finds_nothing_to_change(client, platform, course):
    payload = re.search(
        r'name="payload" value="([^"]+)"', preview(client, course).content.decode()
    )[1]
    client.post(reverse("lms:roster_confirm", args=[course.slug]), {"payload": payload})
    body = preview(client, course).content.decode()
    assert "The course’s students already match the LMS." in body


def test_a_tampered_preview_changes_nothing(client, platform, course):
    payload = re.search(
        r'name="payload" value="([^"]+)"', preview(client, course).content.decode()
    )[1]
    before = set(Enrolment.objects.values_list("user_id", flat=True))
    response = client.post(
        reverse("lms:roster_confirm", args=[course.slug]), {"payload": payload[:-2] + "xx"}
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert set(Enrolment.objects.values_list("user_id", flat=True)) == before


def test_a_platform_that_refuses_is_reported_and_nothing_changes(client, platform, course):
    platform.routes[("GET", "/nrps")] = lambda request: (401, {"error": "unauthorized"})
    before = set(Enrolment.objects.values_list("user_id", flat=True))
    response = preview(client, course)
    assert response.status_code == 502
    assert "The LMS did not send its member list" in response.content.decode()
    assert set(Enrolment.objects.values_list("user_id", flat=True)) == before


def test_only_the_courses_teachers_fetch_its_members(
    client, platform, course, other_instructor, foreign_lecture
):
    client.force_login(account("student-1"))
    assert client.get(reverse("lms:roster", args=[course.slug])).status_code == 404
    client.force_login(other_instructor)
    assert preview(client, course).status_code == 404
    assert platform.tokens_issued == []


def test_the_teaching_page_links_to_the_lms_pages_of_a_linked_course_only(client, platform, course):
    teach = reverse("lectures:teach", args=[course.slug])
    body = client.get(teach).content.decode()
    assert reverse("lms:roster", args=[course.slug]) in body
    assert reverse("lms:grades", args=[course.slug]) in body
    course.lms_links.all().delete()
    assert reverse("lms:roster", args=[course.slug]) not in client.get(teach).content.decode()


def test_importing_one_section_ends_only_that_sections_leavers(client, platform, course):
    """A course linked from two LMS courses (sections A and B): A's list ends the
    enrolment of who left A, not of B's students, nor of who is still active in B."""
    context_a = course.lms_links.get().context
    linking = follow(
        client,
        platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR], context_id="section-b"),
    )
    assert linking["Location"] == reverse("lms:link_course")
    client.post(reverse("lms:link_course"), {"course": str(course.pk)})
    assert course.lms_links.count() == 2
    client.logout()
    for sub, context_id in [
        ("student-b", "section-b"),  # only ever in B
        ("student-9", "section-b"),  # left A, still active in B
        ("student-a", "course-101"),  # only ever in A, gone from its list
    ]:
        student_launch(client, platform, sub=sub, context_id=context_id)
        client.logout()
    members = [Member(subject="student-1", name="Ada", student=True)]

    plan = nrps_plan(course=course, context=context_a, members=members)

    assert [row.account for row in plan.left] == [account("student-a")]
    nrps_apply(course=course, context=context_a, members=members)
    enrolled = set(Enrolment.objects.filter(course=course).values_list("user", flat=True))
    assert {account("student-b").pk, account("student-9").pk} <= enrolled
    assert account("student-a").pk not in enrolled
