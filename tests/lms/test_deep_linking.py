"""Deep linking: an instructor's deep-linking launch opens our picker; choosing a
lecture or quiz answers the platform with a signed LtiDeepLinkingResponse, posted
by a form (no inline script); a launch of the link lands on its page, and a link
naming another course's content is refused."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from jwcrypto import jwk, jwt
from lti_tool.models import LtiResourceLink, LtiUser

from lectures.content.imports import lecture_import
from lectures.models import Enrolment
from lms.advantage_models import ContentLink, QuizLineItem
from lms.models import PlatformAccount
from tests.helpers import SIMPLE_NOTES
from tests.lms.platform import AGS, DEEP_LINKING_SETTINGS, INSTRUCTOR, LEARNER
from tests.lms.services import CUSTOM, add_quiz, ags_claim, follow, instructor_course

pytestmark = pytest.mark.django_db
DL = "https://purl.imsglobal.org/spec/lti-dl/claim"


def picker_url(client, platform) -> str:
    """The picker's URL, from an instructor's deep-linking launch."""
    landed = follow(
        client, platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR], deep_linking=True)
    )
    assert landed.status_code == 302
    assert landed["Location"].startswith("/lti/deep-link/")
    return landed["Location"]


def decode(client, token: str) -> dict:
    """The response JWT, verified against the key set the tool publishes."""
    keys = jwk.JWKSet.from_json(client.get(reverse("lms:jwks")).content)
    verified = jwt.JWT(jwt=token, key=keys, algs=["RS256"])
    return json.loads(verified.claims)


DATA_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/data"


def test_the_platforms_data_is_echoed_and_none_is_sent_without_it(client, platform):
    """The spec: the request's `data` comes back as it was; with none, the response
    has no `data` claim (a null one is refused by strict verifiers, jwcrypto 1.6.2
    among them)."""
    course = instructor_course(client, platform)
    target = {"target": f"lecture-{course.lectures.get().pk}"}

    def answered(**launch) -> dict:
        landed = follow(
            client,
            platform.launch(
                client, sub="teacher-1", roles=[INSTRUCTOR], deep_linking=True, **launch
            ),
        )
        body = client.post(landed["Location"], target).content.decode()
        return decode(client, unescape(re.search(r'name="JWT" value="([^"]+)"', body)[1]))

    assert DATA_CLAIM not in answered()
    assert answered(dl_data="csrf-token-from-the-lms")[DATA_CLAIM] == "csrf-token-from-the-lms"


def test_the_picker_lists_the_courses_lectures_and_published_quizzes(client, platform):
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    draft = add_quiz(course, title="Draft quiz", published=False)
    page = client.get(picker_url(client, platform))
    body = page.content.decode()
    assert page.status_code == 200
    assert f'value="lecture-{course.lectures.get().pk}"' in body
    assert f'value="quiz-{quiz.pk}"' in body and "Plates quiz" in body
    assert f"quiz-{draft.pk}" not in body
    assert "<script>" not in body  # nothing inline


def test_choosing_a_quiz_answers_the_platform_with_a_signed_response(client, platform, tool_key):
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    url = picker_url(client, platform)
    response = client.post(url, {"target": f"quiz-{quiz.pk}"})
    assert response.status_code == 200
    body = response.content.decode()
    # A form to the platform's return URL, with a visible button for JavaScript off,
    # and only our static script to submit it.
    assert f'action="{platform.issuer}/deep_links"' in body
    assert 'type="submit"' in body
    assert re.findall(r"<script[^>]*>", body) == [
        '<script src="/static/js/lms-autosubmit.js" defer>'
    ]
    # Only this page may post to the platform's origin.
    assert f"form-action 'self' {platform.issuer}" in response["Content-Security-Policy"]

    token = unescape(re.search(r'name="JWT" value="([^"]+)"', body)[1])
    claims = decode(client, token)
    assert claims["iss"] == platform.client_id
    assert claims["aud"] == [platform.issuer]
    assert (
        claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] == platform.deployment_id
    )
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == (
        "LtiDeepLinkingResponse"
    )
    assert claims["https://purl.imsglobal.org/spec/lti/claim/version"] == "1.3.0"
    assert claims["exp"] > claims["iat"] and claims["nonce"]
    [item] = claims[f"{DL}/content_items"]
    assert item["type"] == "ltiResourceLink"
    assert item["url"] == "http://testserver" + reverse("lms:launch")
    assert item["title"] == "Plates quiz"
    assert item["custom"] == {"course_site_quiz": str(quiz.pk)}
    assert item["lineItem"] == {
        "scoreMaximum": 2.0,
        "label": "Plates quiz",
        "resourceId": f"quiz-{quiz.pk}",
    }


def test_a_lecture_link_carries_no_gradebook_column(client, platform):
    course = instructor_course(client, platform)
    lecture = course.lectures.get()
    response = client.post(picker_url(client, platform), {"target": f"lecture-{lecture.pk}"})
    token = unescape(re.search(r'name="JWT" value="([^"]+)"', response.content.decode())[1])
    [item] = decode(client, token)[f"{DL}/content_items"]
    assert item["custom"] == {"course_site_lecture": str(lecture.pk)}
    assert "lineItem" not in item


def test_another_courses_quiz_cannot_be_chosen(client, platform, make_lecture):
    instructor_course(client, platform)
    foreign = add_quiz(make_lecture(SIMPLE_NOTES, course="other").course)
    url = picker_url(client, platform)
    response = client.post(url, {"target": f"quiz-{foreign.pk}"})
    assert response.status_code == 400
    assert "Choose a lecture or a quiz of this course." in response.content.decode()
    assert "JWT" not in response.content.decode()


def test_the_picker_is_only_for_the_instructor_who_launched(client, platform, instructor):
    course = instructor_course(client, platform)
    url = picker_url(client, platform)
    # Another account, even one teaching the course, gets a 404, as for a made-up token.
    course.instructors.add(instructor)
    someone_else = Client()
    someone_else.force_login(instructor)
    assert someone_else.get(url).status_code == 404
    assert client.get(reverse("lms:deep_link", args=["made-up"])).status_code == 404
    assert client.put(url).status_code == 405


def test_a_students_deep_linking_launch_is_refused(client, platform):
    instructor_course(client, platform)
    client.logout()
    response = platform.launch(client, sub="student-1", roles=[LEARNER], deep_linking=True)
    assert response.status_code == 403


# -- launching a link ----------------------------------------------------------------


def test_a_quiz_link_lands_on_the_quiz_and_remembers_it(client, platform):
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    lineitem = f"{platform.url}/lineitems/7"
    claims = {
        CUSTOM: {"course_site_quiz": str(quiz.pk)},
        AGS: ags_claim(platform, lineitem=lineitem),
    }
    client.logout()
    landed = follow(client, platform.launch(client, sub="student-1", roles=[LEARNER], **claims))
    assert landed["Location"] == quiz.get_absolute_url()
    assert client.get(landed["Location"]).status_code == 200
    link = ContentLink.objects.get()
    assert (link.quiz, link.lecture, link.resource_link.id_on_platform) == (quiz, None, "link-1")
    # The platform made the link's gradebook column: scores go there.
    assert QuizLineItem.objects.get(quiz=quiz).url == lineitem
    # A later launch of the same link, without the parameter, lands there too.
    client.logout()
    again = follow(client, platform.launch(client, sub="student-1", roles=[LEARNER]))
    assert again["Location"] == quiz.get_absolute_url()


def test_a_lecture_link_lands_on_the_lecture(client, platform):
    course = instructor_course(client, platform)
    lecture = course.lectures.get()
    landed = follow(
        client,
        platform.launch(
            client,
            sub="teacher-1",
            roles=[INSTRUCTOR],
            resource_link_id="link-2",
            **{CUSTOM: {"course_site_lecture": str(lecture.pk)}},
        ),
    )
    assert landed["Location"] == lecture.get_absolute_url()


def test_a_link_to_another_courses_quiz_is_refused(client, platform, make_lecture):
    instructor_course(client, platform)
    foreign = add_quiz(make_lecture(SIMPLE_NOTES, course="other").course)
    response = platform.launch(
        client,
        sub="teacher-1",
        roles=[INSTRUCTOR],
        resource_link_id="link-3",
        **{CUSTOM: {"course_site_quiz": str(foreign.pk)}},
    )
    assert response.status_code == 403
    assert "not part of this course" in response.content.decode()
    assert not ContentLink.objects.exists() and not QuizLineItem.objects.exists()


def test_a_stored_link_whose_course_changed_is_refused(client, platform):
    course = instructor_course(client, platform)
    quiz = add_quiz(course)
    follow(
        client,
        platform.launch(
            client,
            sub="teacher-1",
            roles=[INSTRUCTOR],
            **{CUSTOM: {"course_site_quiz": str(quiz.pk)}},
        ),
    )
    # The quiz moves to another course (its lecture re-imported elsewhere, say).
    other = lecture_import(course_slug="elsewhere", data=SIMPLE_NOTES).lecture
    quiz.lecture = other
    quiz.save()
    response = platform.launch(client, sub="teacher-1", roles=[INSTRUCTOR])
    assert response.status_code == 403


@pytest.mark.parametrize(
    "raw", ["1 OR 1=1", "\u00b2", "\u0661", "9" * 40, "-1", "1.0", ["1"], {"id": 1}]
)
def test_a_malformed_parameter_is_refused(client, platform, raw):
    # "²" and "١" (Arabic-Indic one) pass str.isdigit(); int() refuses the first,
    # and a number of 40 digits overflows the database's integer.
    instructor_course(client, platform)
    response = platform.launch(
        client, sub="teacher-1", roles=[INSTRUCTOR], **{CUSTOM: {"course_site_quiz": raw}}
    )
    assert response.status_code == 403
    assert "names no page" in response.content.decode()


def test_the_picker_closes_when_its_instructor_no_longer_teaches_the_course(client, platform):
    course = instructor_course(client, platform)
    url = picker_url(client, platform)
    course.instructors.clear()
    assert client.get(url).status_code == 404


def test_a_refused_landing_writes_nothing(client, platform, make_lecture):
    course = instructor_course(client, platform)
    client.logout()
    foreign = add_quiz(make_lecture(SIMPLE_NOTES, course="other").course)
    users = get_user_model().objects.count()

    response = platform.launch(
        client,
        sub="student-1",
        roles=[LEARNER],
        resource_link_id="link-3",
        **{CUSTOM: {"course_site_quiz": str(foreign.pk)}},
    )

    assert response.status_code == 403
    assert "not part of this course" in response.content.decode()
    assert get_user_model().objects.count() == users
    assert not PlatformAccount.objects.filter(subject="student-1").exists()
    assert not LtiUser.objects.filter(sub="student-1").exists()
    assert not Enrolment.objects.filter(course=course).exists()
    assert not LtiResourceLink.objects.filter(id_on_platform="link-3").exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "return_url",
    [
        "http://lms.example.test/deep_links",
        "javascript:alert(1)",
        "https://lms.example.test; form-action *",
        "https://lms.example.test/x 'unsafe-inline'",
        "https://user@evil.example/deep_links",
        "//lms.example.test/deep_links",
        42,
    ],
)
def test_a_return_url_that_is_not_an_https_origin_is_refused(client, platform, return_url):
    instructor_course(client, platform)
    login = platform.login(client)
    claims = platform.deep_linking_claims(nonce=login.nonce, sub="teacher-1")
    claims[DEEP_LINKING_SETTINGS]["deep_link_return_url"] = return_url

    response = platform.post_launch(client, platform.id_token(claims), login.state)

    assert response.status_code == 400
    assert "not HTTPS" in response.content.decode()
    assert "/lti/deep-link/" not in response.get("Location", "")
