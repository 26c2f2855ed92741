"""The Redis configuration (REDIS_URL), against the machine's Redis on 127.0.0.1:6379.

Several app servers share what Redis holds: the cache (and the rate limits kept
in it) and, read through it, the sessions. These tests skip when no Redis
answers, as on a newcomer's machine; CI (CI=true) has one and fails instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import caches
from django.test import Client

from tests.helpers import PASSWORD, ROOT

# A database of its own, so a test run never touches what a developer's site keeps.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# Each test empties that database: under pytest-xdist (`make test`), these run in one
# worker, one at a time, never beside each other.
pytestmark = pytest.mark.xdist_group("redis")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_settings(settings):
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"No Redis at {REDIS_URL}: CI runs these tests against one.")
        pytest.skip(f"No Redis at {REDIS_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches["default"].clear()
    yield settings
    caches["default"].clear()


def test_redis_url_puts_the_cache_and_sessions_in_redis():
    """What settings.py makes of REDIS_URL, read in a fresh interpreter."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default'], settings.CACHES['rendered']['BACKEND'], "
        "settings.SESSION_ENGINE]))"
    )
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "coursesite.settings",
        "DJANGO_SECRET_KEY": "redis-settings-test",
        "DJANGO_DEBUG": "0",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    default, rendered, sessions = json.loads(out.stdout)
    assert default == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    # Derived from content alone, never stale: kept in each process.
    assert rendered == "django.core.cache.backends.locmem.LocMemCache"
    assert sessions == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_a_session_started_on_one_server_is_read_on_another(redis_settings, student, course):
    first, second = Client(), Client()
    assert first.login(username=student.username, password=PASSWORD)
    key = first.cookies["sessionid"].value
    # In Redis, where any app server finds it without asking the database.
    assert caches["default"].get(f"django.contrib.sessions.cached_db{key}") is not None
    second.cookies["sessionid"] = key
    response = second.get("/")
    assert response.status_code == 200
    assert response.context["user"] == student


@pytest.mark.django_db
def test_rate_limits_kept_in_redis_hold_across_clients(
    redis_settings, student, django_capture_on_commit_callbacks, monkeypatch
):
    """Password-reset mails per address are counted in the cache: requests reaching
    different app servers (here, clients) share one count."""
    # The clock stands still: django-ratelimit's windows end at a fixed second of
    # each hour for a given address, and six requests across that second would be
    # counted in two windows (a CI run met it once). Redis's own clock does not stand
    # still, though: a window ending a second after the frozen time gave the count a
    # one-second life there, and it lapsed mid-loop (a ci-local run met it once). The
    # window ends a full hour on, so the count lives as long as the limit means it to.
    monkeypatch.setattr(
        "django_ratelimit.core._get_window", lambda value, period: int(time.time()) + period
    )
    with (
        time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(6):
            Client().post("/accounts/password_reset/", {"email": student.email})
    assert len(mail.outbox) == 3
    caches["default"].clear()  # the hour has passed, as far as the limit knows
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password_reset/", {"email": student.email})
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_the_cache_round_trips_through_redis(redis_settings):
    cache = caches["default"]
    cache.set("greeting", {"text": "Salam"}, timeout=30)
    assert cache.get("greeting") == {"text": "Salam"}
    assert cache.add("counter", 0)
    assert cache.incr("counter") == 1
    assert not cache.add("counter", 0)  # atomic: a second server's add does not reset it
