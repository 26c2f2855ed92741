"""Benchmark: memory and time of one timeline request on a lecture with ~3,000 events.

The case from issue 7: one section of 3,000 bullets (about 90 KB), every bullet
dated, so every bullet is an event. A page that joined each event to its
section's whole body held that body once per event; this prints the peak Python
memory (tracemalloc) and the median wall time of one request, as an enrolled
student through Django's test client, for the first and the last timeline page.

Run with `make bench-timeline` (or `make bench`); not part of the tests, because
timings on shared machines make flaky tests. Uses DATABASE_URL if set, else a
throwaway SQLite file.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
# Production settings: DEBUG's query log would otherwise count in the memory figure.
os.environ["DJANGO_DEBUG"] = "0"
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/timeline.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from lectures.content.imports import lecture_import  # noqa: E402
from lectures.models import Enrolment  # noqa: E402

BULLETS = 3_000
ROUNDS = 7
TARGET_MB = 50
TARGET_MS = 200
MONTHS = ("March", "April", "May", "June", "July", "Aug")


def notes() -> str:
    """One section whose every bullet starts with a month and year.

    The reference is "R" plus a number so that it never reads as a year itself.
    """
    bullets = "".join(
        f"- {MONTHS[i % 6]} {1900 + i % 120}: pact R{i} signed.\n" for i in range(BULLETS)
    )
    return f"Title: Chronology\nOverview\nA long chronology.\nEvents\n{bullets}"


def peak_mb(client: Client, url: str) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(url)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200, (url, response.status_code)
    return peak / 1024 / 1024


def median_ms(client: Client, url: str) -> tuple[float, float]:
    """Median time of ROUNDS requests, and the response size in KB."""
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples) * 1000, len(response.content) / 1024


def main() -> None:
    setup_test_environment()
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    call_command("migrate", verbosity=0)
    data = notes()
    lecture = lecture_import(course_slug="bench", data=data).lecture
    section = lecture.sections.get()
    events = lecture.events.count()
    user = get_user_model().objects.create_user("reader", password="x")
    Enrolment.objects.create(course=lecture.course, user=user)
    client = Client()
    client.force_login(user)
    url = f"{lecture.get_absolute_url()}timeline/"
    # Warm up: the first request compiles templates and fills caches.
    client.get(url)

    print(
        f"lecture: 1 section of {len(section.body) / 1024:.0f} KB, "
        f"{events} events; target under {TARGET_MB} MB and {TARGET_MS} ms"
    )
    # A page number past the end shows the last page (the deepest OFFSET).
    for label, page_url in (
        ("timeline, first page", url),
        ("timeline, last page", f"{url}?page=9999"),
    ):
        memory = peak_mb(client, page_url)
        ms, size = median_ms(client, page_url)
        verdict = "ok" if memory < TARGET_MB and ms < TARGET_MS else "OVER TARGET"
        print(f"{label:<22} peak {memory:7.1f} MB  median {ms:7.1f} ms  {size:6.1f} KB  {verdict}")


if __name__ == "__main__":
    main()
