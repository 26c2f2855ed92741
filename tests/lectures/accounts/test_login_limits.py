"""Login throttling (django-axes, lectures/accounts.py): what counts, how far, for how long.

Defaults: 10 failures a username within a 15-minute cool-off are answered normally, the
11th locks it; an address has 100. Both login pages share the counts.
"""

from __future__ import annotations

import runpy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

SITE = "/accounts/login/"
ADMIN = "/admin/login/"


def fullwidth(text: str) -> str:
    """ "student" as ｓｔｕｄｅｎｔ: NFKC turns it back."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def log_in(client: Client, page: str, username: str, password: str = "wrong", **extra):
    return client.post(page, {"username": username, "password": password}, **extra)


def assert_locked(response):
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()


@pytest.mark.parametrize(("page", "who"), [(SITE, "student"), (ADMIN, "instructor")])
def test_the_username_counts_as_the_login_form_reads_it(client, student, instructor, page, who):
    variants = [f" {who}", f"{who} ", f"\t{who}", fullwidth(who), who]
    for number in range(10):
        assert log_in(client, page, variants[number % len(variants)]).status_code == 200
    assert_locked(log_in(client, page, f"{who}\t"))
    # Even the right password, typed with a space, waits out the cool-off.
    assert_locked(log_in(client, page, f" {who}", PASSWORD))
    # The counts are in the database, under the one normalised name.
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {who}


def test_the_site_and_admin_logins_share_one_count(client, instructor):
    for number in range(10):
        response = log_in(client, SITE if number % 2 else ADMIN, "instructor")
        assert response.status_code == 200
    assert_locked(log_in(client, ADMIN, "instructor"))
    assert_locked(log_in(client, SITE, "instructor", PASSWORD))


def test_a_username_lock_leaves_other_accounts_alone(client, student, other_student):
    for _ in range(11):
        log_in(client, SITE, "student")
    assert log_in(client, SITE, "other_student", PASSWORD).status_code == 302


def test_clients_behind_one_proxy_are_counted_apart(settings, student):
    settings.PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_IP = 20
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    guesser, classmate = Client(), Client()
    # Password spraying: one guess for each of many usernames, from one address.
    for number in range(20):
        response = log_in(
            guesser, SITE, f"user{number}", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
        )
        assert response.status_code == 200
    assert_locked(log_in(guesser, SITE, "user20", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy))
    # Writing another address in front of the one the proxy adds changes nothing.
    spoofed = log_in(
        guesser, SITE, "student", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7"
    )
    assert spoofed.status_code == 429
    response = log_in(classmate, SITE, "student", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302


def test_without_a_proxy_x_forwarded_for_is_ignored(settings, student):
    settings.LOGIN_FAILURES_PER_IP = 20
    guesser, other = Client(), Client()
    for number in range(21):
        log_in(guesser, SITE, f"user{number}", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    # Same socket address: the header a client writes is no way out of its count.
    assert (
        log_in(other, SITE, "student", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code
        == 429
    )
    assert log_in(other, SITE, "student", PASSWORD, REMOTE_ADDR="192.0.2.200").status_code == 302


def test_a_class_logging_in_from_one_school_network_is_not_limited(make_user):
    school = {"REMOTE_ADDR": "198.51.100.20"}
    for number in range(40):
        make_user(f"pupil{number}")
        client = Client()
        if number % 4 == 0:  # a typo first, as happens
            assert log_in(client, SITE, f"pupil{number}", **school).status_code == 200
        assert log_in(client, SITE, f"pupil{number}", PASSWORD, **school).status_code == 302


def test_a_lockout_ends_a_cool_off_after_the_last_failure(client, student):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        for _ in range(11):
            log_in(client, SITE, "student")
        clock.shift(timedelta(minutes=14, seconds=59))
        assert_locked(log_in(client, SITE, "student", PASSWORD))
        clock.shift(timedelta(seconds=2))
        assert log_in(client, SITE, "student", PASSWORD).status_code == 302


def test_no_more_than_100_failures_an_hour_on_one_account(settings, student):
    """OWASP ASVS 2.2.1, against a patient botnet: a guess every 30 seconds for two hours,
    each from a new address, alternating the two login pages."""
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True  # one row per password actually checked
    client = Client()
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
        for number in range(240):
            address = f"10.{number // 200}.{number % 200}.1"
            log_in(client, ADMIN if number % 2 else SITE, "student", REMOTE_ADDR=address)
            clock.shift(timedelta(seconds=30))
    checked = sorted(AccessFailureLog.objects.values_list("attempt_time", flat=True))
    busiest_hour = max(
        sum(start <= t < start + timedelta(hours=1) for t in checked) for start in checked
    )
    assert 0 < busiest_hour <= settings.LOGIN_FAILURES_PER_HOUR_BOUND <= 100


def run_settings(monkeypatch, **env: str) -> dict:
    """coursesite/settings.py's values under `env`, leaving the running settings alone."""
    for name, value in {"DJANGO_SECRET_KEY": "test", **env}.items():
        monkeypatch.setenv(name, value)
    from django.conf import settings

    return runpy.run_path(str(settings.BASE_DIR / "coursesite" / "settings.py"))


def test_settings_refuse_limits_that_allow_over_100_failures_an_hour(monkeypatch):
    # 30 failures + the locking one, every 15 minutes: 124 an hour.
    with pytest.raises(ImproperlyConfigured, match="124 failed logins an hour"):
        run_settings(monkeypatch, DJANGO_LOGIN_FAILURES_PER_USERNAME="30")
    allowed = run_settings(
        monkeypatch, DJANGO_LOGIN_FAILURES_PER_USERNAME="24", DJANGO_LOGIN_COOLOFF_MINUTES="15"
    )
    assert allowed["LOGIN_FAILURES_PER_HOUR_BOUND"] == 100


def test_lockouts_are_listed_in_the_admin_for_superusers(client, make_user, student, instructor):
    for _ in range(11):
        log_in(Client(), SITE, "student")
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "student" in page.content.decode()
    client.force_login(instructor)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
