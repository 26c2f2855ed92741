"""Response headers: pages with someone's data are never cached, browser features the
site does not use are denied, and HSTS preload comes from the environment."""

from __future__ import annotations

import runpy

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from quizzes.models import Attempt, Quiz
from tests.helpers import Kind, add_question

pytestmark = pytest.mark.django_db

LECTURE = "/courses/geo/plate-tectonics"


@pytest.fixture
def attempt(course, student):
    quiz = Quiz.objects.create(lecture=course.lectures.get(), title="Quick", published=True)
    add_question(quiz, Kind.TRUE_FALSE, "Plates move.", [{"text": "True", "is_correct": True}])
    return Attempt.objects.create(quiz=quiz, user=student)


def student_pages(attempt) -> list[str]:
    quiz = attempt.quiz
    return [
        f"{LECTURE}/glossary/",
        f"{LECTURE}/timeline/",
        f"{LECTURE}/quizzes/{quiz.pk}/",
        f"/attempts/{attempt.pk}/",
        "/accounts/password_change/",
    ]


def test_pages_with_a_students_data_are_private_and_never_stored(student_client, attempt):
    for url in student_pages(attempt):
        response = student_client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy, url
        assert "microphone=()" in policy and "payment=()" in policy, url


def test_a_page_that_sets_its_own_caching_keeps_it(client):
    response = client.get("/healthz")
    # never_cache's header, not ours laid over it.
    assert "must-revalidate" in response["Cache-Control"]
    assert response["Cache-Control"].count("no-store") == 1


def test_hsts_preload_is_sent_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def run_settings(monkeypatch, **env: str) -> dict:
    """coursesite/settings.py's values under `env`, leaving the running settings alone."""
    for name, value in {"DJANGO_SECRET_KEY": "test", "DJANGO_DEBUG": "0", **env}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(django_settings.BASE_DIR / "coursesite" / "settings.py"))


def test_hsts_preload_comes_from_the_environment(monkeypatch):
    assert run_settings(monkeypatch)["SECURE_HSTS_PRELOAD"] is False
    configured = run_settings(
        monkeypatch,
        DJANGO_HSTS_PRELOAD="1",
        DJANGO_HSTS_SECONDS="63072000",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
    )
    assert configured["SECURE_HSTS_PRELOAD"] is True


def test_hsts_preload_without_a_years_hsts_on_subdomains_is_refused(monkeypatch):
    # The preload list would reject the site; better to hear it at start-up.
    with pytest.raises(ImproperlyConfigured, match="DJANGO_HSTS_PRELOAD"):
        run_settings(monkeypatch, DJANGO_HSTS_PRELOAD="1", DJANGO_HSTS_SECONDS="3600")
