"""Account pages: password reset and change in the site's own look, and error pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from lectures.accounts.views import PasswordResetView
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def test_password_reset_sends_a_working_link(client, student):
    page = client.get("/accounts/password_reset/").content.decode()
    assert "Reset your password" in page and "site.css" in page
    response = client.post("/accounts/password_reset/", {"email": student.email})
    assert response.status_code == 302
    assert "Check your email" in client.get(response.url).content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [student.email]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
        follow=True,
    )
    assert "Your new password is set." in done.content.decode()
    assert client.login(username=student.username, password="a-new-long-passphrase")


def test_unknown_address_gets_the_same_answer_and_no_mail(client, student):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_mails_one_address_at_most_three_times_an_hour(client, student):
    for number in range(20):
        # The same inbox however the address is written.
        email = student.email.upper() if number % 2 else f" {student.email}"
        response = client.post("/accounts/password_reset/", {"email": email})
        assert response.status_code == 302
        assert response.url == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 3


def test_password_reset_mails_from_one_client_are_limited(client, make_user, settings):
    settings.PASSWORD_RESETS_PER_IP = "5/h"
    for number in range(8):
        user = make_user(f"pupil{number}")
        response = client.post("/accounts/password_reset/", {"email": user.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    # Another client is not held back by that one.
    other = client.post(
        "/accounts/password_reset/", {"email": "pupil7@example.com"}, REMOTE_ADDR="192.0.2.8"
    )
    assert other.status_code == 302 and len(mail.outbox) == 6


def _reset_request(rf, email, address):
    request = rf.post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)
    request._dont_enforce_csrf_checks = True
    return request


def test_password_reset_does_the_same_work_for_any_address_and_mails_after(rf, student):
    """Until the server has sent the response, a known and an unknown address cost the
    same queries and send nothing; the mail goes when the response is closed."""
    view = PasswordResetView.as_view()
    answers = {}
    # close() ends the request, which would close the test's database connection;
    # Django's test client keeps it open the same way.
    request_finished.disconnect(close_old_connections)
    try:
        # From two clients, so that each request meets the rate-limit counters' first use.
        for email, address in (("nobody@example.com", "192.0.2.1"), (student.email, "192.0.2.2")):
            already_sent = len(mail.outbox)
            with CaptureQueriesContext(connection) as queries:
                response = view(_reset_request(rf, email, address))
            answers[email] = (response.status_code, response["Location"], len(queries))
            assert len(mail.outbox) == already_sent
            response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert answers[student.email] == answers["nobody@example.com"]
    assert [message.to for message in mail.outbox] == [[student.email]]


def test_password_change_for_a_logged_in_student(client, student):
    client.login(username=student.username, password=PASSWORD)
    page = client.get("/accounts/password_change/").content.decode()
    assert '<label for="id_old_password">Old password</label>' in page
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
        follow=True,
    )
    assert "Your new password is set." in response.content.decode()


def test_not_found_page_is_styled(client, student, settings):
    settings.DEBUG = False
    client.login(username=student.username, password=PASSWORD)
    response = client.get("/courses/no-such-course/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "site.css" in body


@pytest.mark.parametrize("post", [False, True])
def test_password_change_form_describes_its_fields_with_what_is_on_the_page(client, student, post):
    client.login(username=student.username, password=PASSWORD)
    if post:  # with errors, the fields also point at their error messages
        response = client.post("/accounts/password_change/", {"new_password1": "x"})
    else:
        response = client.get("/accounts/password_change/")
    page = response.content.decode()
    described = [
        target
        for value in re.findall(r'aria-describedby="([^"]*)"', page)
        for target in value.split()
    ]
    assert any(target.endswith("_helptext") for target in described)
    assert post == any(target.endswith("_error") for target in described)
    for target in described:
        assert f'id="{target}"' in page


def test_an_account_without_a_password_can_ask_for_a_reset_link(client, student):
    """Students enrolled from a CSV start without a password; when their first link
    has expired, "Forgot password" must still mail them one."""
    student.set_unusable_password()
    student.save()
    response = client.post("/accounts/password_reset/", {"email": "STUDENT@example.com"})
    assert response.status_code == 302
    response.close()  # the mail goes once the response is sent
    assert [message.to for message in mail.outbox] == [[student.email]]
