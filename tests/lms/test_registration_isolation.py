"""A registration reaches only the accounts it created: an issuer is a string any
registration declares, so a second registration naming the first's issuer, with its
own keys, must not launch as the first one's users, nor enrol them from its roster."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from lti_tool.models import LtiContext, LtiRegistration

from lectures.models import Course, Enrolment
from lms.models import PlatformAccount
from lms.nrps import Member, Outcome, RosterError, nrps_apply, nrps_plan
from tests.lms.platform import INSTRUCTOR, LEARNER, TestPlatform
from tests.lms.services import follow, instructor_course, student_launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def impostor(platform):
    """A second registration declaring the first one's issuer, with its own key."""
    other = TestPlatform(issuer=platform.issuer, client_id="impostor", kid="impostor-1").start()
    other.registration = other.register()
    yield other
    other.stop()


def test_a_second_registration_with_the_same_issuer_cannot_launch_as_the_firsts_user(
    client, platform, impostor
):
    course = instructor_course(client, platform)
    client.logout()
    student_launch(client, platform, sub="victim")
    victim = PlatformAccount.objects.get(subject="victim").user
    client.logout()

    response = impostor.launch(client, sub="victim", roles=[LEARNER])

    assert response.status_code == 403
    assert "another registration" in response.content.decode()
    assert client.get("/").wsgi_request.user.is_anonymous
    assert PlatformAccount.objects.filter(subject="victim").get().user == victim
    assert list(Enrolment.objects.filter(user=victim).values_list("course", flat=True)) == [
        course.pk
    ]


def test_the_first_registration_still_reaches_its_accounts(client, platform, impostor):
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    client.logout()
    response = platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR])
    assert response.status_code == 302
    assert PlatformAccount.objects.get().registration == platform.registration


def test_a_second_registrations_roster_does_not_enrol_the_firsts_accounts(
    client, platform, impostor
):
    instructor_course(client, platform)
    client.logout()
    student_launch(client, platform, sub="victim")
    victim = PlatformAccount.objects.get(subject="victim").user
    client.logout()
    follow(
        client,
        impostor.launch(client, sub="evil-teacher", roles=[INSTRUCTOR], context_id="evil-101"),
    )
    context = LtiContext.objects.get(id_on_platform="evil-101")
    evil_course = Course.objects.get(lms_links__context=context)
    members = [Member(subject="victim", name="Victim", student=True)]

    plan = nrps_plan(course=evil_course, context=context, members=members)

    assert [row.outcome for row in plan.rows] == [Outcome.NEW]
    with pytest.raises(RosterError):
        nrps_apply(course=evil_course, context=context, members=members)
    assert not Enrolment.objects.filter(course=evil_course, user=victim).exists()


def test_an_account_without_its_registration_is_reached_by_no_launch(client, platform):
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    client.logout()
    PlatformAccount.objects.update(registration=None)  # its registration deleted, say
    assert platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]).status_code == 403


def test_an_account_only_takes_a_registration_of_its_issuer(client, platform):
    follow(client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR]))
    other = LtiRegistration.objects.create(
        name="Other", issuer="https://other.example.test", client_id="o"
    )
    account = PlatformAccount.objects.get()
    account.registration = other
    with pytest.raises(ValidationError):
        account.full_clean()
