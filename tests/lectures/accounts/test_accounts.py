"""Account pages: password reset and change in the site's own look, and error pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def reset(client, django_capture_on_commit_callbacks):
    """Ask for a reset link as a visitor would; the queued work runs (the test's
    immediate task backend) as the request's transaction would commit."""

    def post(email: str, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/password_reset/", {"email": email}, **extra)

    return post


def test_password_reset_sends_a_working_link(client, student, reset):
    page = client.get("/accounts/password_reset/").content.decode()
    assert "Reset your password" in page and "site.css" in page
    response = reset(student.email)
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


def test_unknown_address_gets_the_same_answer_and_no_mail(student, reset):
    response = reset("nobody@example.com")
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_mails_one_address_at_most_three_times_an_hour(student, reset):
    for number in range(20):
        # The same inbox however the address is written.
        email = student.email.upper() if number % 2 else f" {student.email}"
        response = reset(email)
        assert response.status_code == 302
        assert response.url == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 3


def test_password_reset_mails_from_one_client_are_limited(make_user, settings, reset):
    settings.PASSWORD_RESETS_PER_IP = "5/h"
    for number in range(8):
        user = make_user(f"pupil{number}")
        response = reset(user.email)
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    # Another client is not held back by that one.
    other = reset("pupil7@example.com", REMOTE_ADDR="192.0.2.8")
    assert other.status_code == 302 and len(mail.outbox) == 6


def test_password_reset_does_the_same_work_for_any_address(
    client, student, task_queue, django_capture_on_commit_callbacks
):
    """A known and an unknown address cost the request the same: the same queries,
    the same answer, one task queued, and no mail; the task worker finds the account
    and mails it afterwards (so a slow mail server or a busy worker tells nothing)."""
    answers = {}
    # From two clients, so that each request meets the rate-limit counters' first use.
    for email, address in (("nobody@example.com", "192.0.2.1"), (student.email, "192.0.2.2")):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(
                "/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address
            )
        answers[email] = (response.status_code, response["Location"], len(queries))
        assert task_queue.names() == ["password_reset_task"]
        assert mail.outbox == []
        # What the worker does next: nothing for the unknown address, one mail for the known.
        task_queue.run()
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


def test_an_account_without_a_password_can_ask_for_a_reset_link(student, reset):
    """Students enrolled from a CSV start without a password; when their first link
    has expired, "Forgot password" must still mail them one."""
    student.set_unusable_password()
    student.save()
    response = reset("STUDENT@example.com")
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[student.email]]
