"""In the LMS's frame: cookies, the way out to a window of its own, frame-ancestors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver, reverse
from lti_tool.models import LtiRegistration

from lms.middleware import FRAMABLE
from lms.models import PlatformFraming, validate_origins
from tests.lms.platform import INSTRUCTOR
from tests.lms.services import add_quiz, instructor_course, student_launch

FRAMED = {"HTTP_SEC_FETCH_DEST": "iframe"}


def _frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if "frame-ancestors" in part)


def test_launch_responses_may_be_framed_by_the_platform_only(client, platform):
    response = platform.launch(client, sub="t", roles=[INSTRUCTOR])
    assert _frame_ancestors(response) == "frame-ancestors https://lms.example.test"
    assert "X-Frame-Options" not in response


def test_a_refusal_shows_in_the_platforms_frame(client, platform):
    refused = platform.launch(client, aud="another-tool")
    assert refused.status_code == 403
    # The token names no registered client: nobody may frame the page.
    assert _frame_ancestors(refused) == "frame-ancestors 'none'"
    login = platform.login(client)
    token = platform.id_token(platform.claims(nonce=login.nonce))
    replayed = platform.post_launch(client, token, "another-state")
    assert replayed.status_code == 403
    assert _frame_ancestors(replayed) == "frame-ancestors https://lms.example.test"


def test_the_superuser_names_the_origins_that_frame_the_site(client, platform):
    PlatformFraming.objects.create(
        registration=platform.registration,
        origins="https://school.instructure.com\nhttps://school.beta.instructure.com",
    )
    response = platform.launch(client, sub="t", roles=[INSTRUCTOR])
    assert _frame_ancestors(response) == (
        "frame-ancestors https://school.instructure.com https://school.beta.instructure.com"
    )


def test_pages_of_a_launch_session_may_be_framed_by_its_platform_and_the_admin_never(
    client, platform
):
    landed = client.get(platform.launch(client, sub="t", roles=[INSTRUCTOR])["Location"])
    page = client.get(landed["Location"])
    assert _frame_ancestors(page) == "frame-ancestors https://lms.example.test"
    admin = client.get(reverse("admin:index"))
    assert _frame_ancestors(admin) == "frame-ancestors 'none'"
    assert admin["X-Frame-Options"] == "DENY"


def test_other_sessions_keep_todays_headers(client, course, student):
    client.force_login(student)
    page = client.get(reverse("lectures:course_detail", kwargs={"course": course.slug}))
    assert _frame_ancestors(page) == "frame-ancestors 'none'"
    assert page["X-Frame-Options"] == "DENY"


def test_in_a_frame_without_the_session_cookie_the_site_offers_a_window_of_its_own(
    client, platform
):
    handoff = platform.launch(client, sub="t", roles=[INSTRUCTOR])["Location"]
    # The browser does not send the (SameSite=Lax) session cookie inside the frame.
    client.cookies.pop("sessionid")
    framed = client.get(handoff, **FRAMED)
    assert framed.status_code == 200
    assert f'href="{handoff}" target="_blank"' in framed.content.decode()
    assert _frame_ancestors(framed) == "frame-ancestors https://lms.example.test"
    assert not framed.wsgi_request.user.is_authenticated

    # The new window: the same link, at the top level, logs in and lands.
    opened = client.get(handoff)
    assert opened.status_code == 302
    assert opened["Location"].startswith("/courses/")
    assert client.get(opened["Location"]).wsgi_request.user.is_authenticated
    # Once only.
    client.logout()
    assert client.get(handoff).status_code == 410


def test_the_login_in_a_frame_checks_that_cookies_come_back(client, platform):
    params = {
        "iss": platform.issuer,
        "client_id": platform.client_id,
        "login_hint": "u",
        "target_link_uri": "http://testserver/lti/launch/",
    }
    first = client.get(reverse("lms:login"), params, **FRAMED)
    assert first.status_code == 302 and "lms_probe=1" in first["Location"]
    # Cookies kept: on to the platform.
    kept = client.get(first["Location"], **FRAMED)
    assert kept.status_code == 302
    assert kept["Location"].startswith(platform.auth_url)
    # Cookies refused in the frame: the page links to the login in a new window.
    client.cookies.clear()
    refused = client.get(first["Location"], **FRAMED)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert 'target="_blank"' in body and "lms_probe" not in body
    assert _frame_ancestors(refused) == "frame-ancestors https://lms.example.test"


def test_an_issuer_that_is_not_a_plain_https_origin_frames_nothing(client, platform):
    platform.issuer = "https://lms.example.test;sandbox"
    LtiRegistration.objects.update(issuer=platform.issuer, auth_url=platform.auth_url)
    response = platform.launch(client, sub="t", roles=[INSTRUCTOR])
    assert response.status_code == 302
    assert _frame_ancestors(response) == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_framing_origins_must_be_https_origins(db):
    validate_origins("https://school.instructure.com\nhttps://moodle.example.edu:8443/")
    validate_origins("http://127.0.0.1:8080 http://localhost")
    for bad in ("http://plain.example", "https://a.example/path", "https://a.example;x"):
        with pytest.raises(ValidationError):
            validate_origins(bad)


def test_only_the_pages_a_launch_lands_on_and_a_student_reads_are_framed(client, platform):
    course = instructor_course(client, platform)
    lecture = course.lectures.first()
    quiz = add_quiz(course)
    teacher = {
        "teach": reverse("lectures:teach", kwargs={"course": course.slug}),
        "report": reverse("lectures:report", kwargs={"course": course.slug}),
        "roster": reverse("lms:roster", kwargs={"course": course.slug}),
        "grades": reverse("lms:grades", kwargs={"course": course.slug}),
        "password": reverse("password_change"),
    }
    for name, url in teacher.items():
        page = client.get(url)
        assert _frame_ancestors(page) == "frame-ancestors 'none'", name
        assert page["X-Frame-Options"] == "DENY", name
    client.logout()
    student_launch(client, platform, sub="student-1")
    reader = {
        "course": reverse("lectures:course_detail", kwargs={"course": course.slug}),
        "lecture": reverse(
            "lectures:lecture_detail", kwargs={"course": course.slug, "lecture": lecture.slug}
        ),
        "quiz": reverse(
            "quizzes:quiz_detail",
            kwargs={"course": course.slug, "lecture": lecture.slug, "pk": quiz.pk},
        ),
    }
    for name, url in reader.items():
        page = client.get(url)
        assert page.status_code == 200, name
        assert _frame_ancestors(page) == "frame-ancestors https://lms.example.test", name
        assert "X-Frame-Options" not in page, name
    progress = client.get(reverse("lectures:progress"))
    assert _frame_ancestors(progress) == "frame-ancestors 'none'"


def test_every_framable_name_is_a_page_of_the_site():
    names = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix,
                )
            elif pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns)
    assert not FRAMABLE - names
