"""Requests the site refuses cleanly (lectures/middleware.py) and the health check over HTTP."""

from __future__ import annotations

import pytest

from lectures.models import SectionProgress
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
MULTIPART_BODY = (
    b'--XyZ\r\nContent-Disposition: form-data; name="username"\r\n\r\nstudent\r\n'
    b'--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\nwrong\r\n--XyZ--\r\n'
)


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "bogus", "rot13"])
def test_a_login_post_in_another_charset_is_a_bad_request(client, student, charset):
    response = client.generic(
        "POST", "/accounts/login/", b"username=student&password=x", f"{FORM}; charset={charset}"
    )
    assert response.status_code == 400
    assert response.content == b"This site accepts UTF-8 only.\n"


@pytest.mark.parametrize("charset", ["rot13", "base64", "idna"])
def test_a_multipart_post_in_a_non_text_codec_is_a_bad_request(client, student, charset):
    content_type = f"multipart/form-data; boundary=XyZ; charset={charset}"
    response = client.generic("POST", "/accounts/login/", MULTIPART_BODY, content_type)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("charset", "status"), [("utf-16", 400), ("latin-1", 400), ("bogus", 400), ("utf-8", 302)]
)
def test_a_logged_in_post_is_accepted_in_utf8_only(
    student_client, student, course, charset, status
):
    section = course.lectures.get().sections.first()
    url = f"/courses/geo/{section.lecture.slug}/sections/{section.pk}/read/"
    response = student_client.generic("POST", url, b"done=1", f"{FORM}; charset={charset}")
    assert response.status_code == status
    assert SectionProgress.objects.filter(user=student).exists() == (status == 302)


def test_utf8_declared_or_not_is_welcome(client, student):
    for content_type in (FORM, f"{FORM}; charset=UTF-8", f'{FORM}; charset="utf-8"'):
        client.logout()
        body = f"username=student&password={PASSWORD}".encode()
        response = client.generic("POST", "/accounts/login/", body, content_type)
        assert response.status_code == 302


def test_the_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_the_wsgi_application_refuses_a_codec_before_django_builds_the_request(db):
    """With a query string, Django decodes it with the declared charset while it
    builds the request; the WSGI wrapper answers 400 before that."""
    import io
    from wsgiref.util import setup_testing_defaults

    from coursesite.wsgi import application

    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "PATH_INFO": "/accounts/login/",
            "QUERY_STRING": "next=/",
            "CONTENT_TYPE": "text/plain; charset=rot13",
            "wsgi.input": io.BytesIO(b""),
        }
    )
    statuses = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["400 Bad Request"]
    assert body == b"This site accepts UTF-8 only.\n"
