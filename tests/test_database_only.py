"""TEST_DATABASE_ONLY=1 keeps a test when it can reach a database (tests/conftest.py):
CI's PostgreSQL pass relies on it to run every such test a second time."""

from __future__ import annotations

import pytest

from tests.conftest import touches_database


def test_a_test_without_database_fixtures_is_left_to_the_first_pass(request):
    assert not touches_database(request.node)


def test_a_test_with_the_db_fixture_is_kept(request, db):
    assert touches_database(request.node)


@pytest.mark.django_db
def test_a_test_marked_for_the_database_is_kept(request):
    assert touches_database(request.node)


def test_a_fixture_that_reaches_the_database_keeps_its_test(request, make_user):
    # make_user asks for db itself: the closure of fixtures counts, not the test's own.
    assert touches_database(request.node)


def test_a_live_server_test_is_kept(request, live_server):
    assert touches_database(request.node)


def test_a_test_on_a_module_wide_database_fixture_is_kept(request, django_db_setup):
    assert touches_database(request.node)
