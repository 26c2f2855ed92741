"""Account pages: password reset and change in the site's own look, and error pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD

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
