"""The account's preferences page: which mail the site sends (reminders,
announcements), one row per account, linked from the password page."""

from __future__ import annotations

import pytest

from lectures.models import MailPreferences

pytestmark = pytest.mark.django_db

URL = "/accounts/preferences/"


@pytest.fixture
def signed_in(client, student):
    client.force_login(student)
    return client


def test_everything_is_on_until_turned_off(signed_in):
    page = signed_in.get(URL).content.decode()
    assert "<legend>Mail</legend>" in page
    for name, label in (
        ("reminders", "Assignments and reminders"),
        ("announcements", "Announcements"),
    ):
        assert f'<label for="id_{name}">{label}</label>' in page
        assert f'name="{name}" aria-describedby="id_{name}_helptext" id="id_{name}" checked' in page
    assert not MailPreferences.objects.exists()


def test_saving_keeps_one_row_and_says_so(signed_in, student):
    response = signed_in.post(URL, {"reminders": "on"})  # announcements unticked
    assert response.status_code == 302 and response.url == URL
    assert "Your preferences are saved." in signed_in.get(URL).content.decode()
    signed_in.post(URL, {"announcements": "on"})
    preferences = MailPreferences.objects.get()
    assert (preferences.user, preferences.reminders, preferences.announcements) == (
        student,
        False,
        True,
    )
    page = signed_in.get(URL).content.decode()
    assert 'id="id_reminders" checked' not in page and 'id="id_announcements" checked' in page


def test_the_password_page_links_here(signed_in):
    assert f'href="{URL}"' in signed_in.get("/accounts/password_change/").content.decode()


def test_the_page_keeps_its_query_budget(signed_in, django_assert_num_queries):
    # session, user with the account's preferences (one join: AccountBackend), the
    # navigation's review count
    with django_assert_num_queries(3):
        assert signed_in.get(URL).status_code == 200


def test_other_methods_are_refused(signed_in):
    assert signed_in.put(URL).status_code == 405
