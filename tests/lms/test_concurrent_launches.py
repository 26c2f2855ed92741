"""Launches racing: one launch posted many times at once goes through once; two first
launches of one user make one account (SQLite and PostgreSQL)."""

from __future__ import annotations

from copy import deepcopy

import pytest
from django.test import Client

from lms.models import PlatformAccount
from tests.lms.platform import INSTRUCTOR
from tests.test_concurrent_writes import at_once

COPIES = 6


@pytest.mark.django_db(transaction=True)
def test_one_launch_posted_many_times_at_once_goes_through_once(database_on_disk, platform):
    browser = Client()
    login = platform.login(browser)
    token = platform.id_token(platform.claims(nonce=login.nonce, roles=[INSTRUCTOR]))

    def post(client):
        return lambda: platform.post_launch(client, token, login.state).status_code

    copies = []
    for _ in range(COPIES):
        copy = Client()
        copy.cookies = deepcopy(browser.cookies)
        copies.append(copy)
    statuses = at_once([post(copy) for copy in copies])

    assert sorted(statuses) == [302] + [403] * (COPIES - 1)
    assert PlatformAccount.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_first_launches_of_one_user_make_one_account(database_on_disk, platform):
    # The course exists: the race is the account's alone.
    platform.launch(Client(), sub="teacher", roles=[INSTRUCTOR])

    def launch(client, login):
        token = platform.id_token(platform.claims(nonce=login.nonce, sub="ada"))
        return lambda: platform.post_launch(client, token, login.state).status_code

    calls = []
    for _ in range(2):
        client = Client()
        calls.append(launch(client, platform.login(client)))
    statuses = at_once(calls)

    # The loser of a race on the new account is told to launch again (409).
    assert 302 in statuses and set(statuses) <= {302, 409}
    assert PlatformAccount.objects.filter(subject="ada").count() == 1
