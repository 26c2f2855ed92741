"""Benchmark: server time of the busiest pages on a large lecture.

A lecture of 100 sections, 100 glossary terms and 50 action items, a student
half-way through it; each page is requested repeatedly through Django's test
client and the median is printed. Run with `make bench`; not part of the tests.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/pages.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from lectures.content.imports import lecture_import  # noqa: E402
from lectures.models import Enrolment, SectionProgress  # noqa: E402

ROUNDS = 30


def notes() -> str:
    terms = [f"Concept{i} Alpha" for i in range(100)]
    sections = "".join(
        f"Part {i} of the story\n"
        + "".join(
            f"- In {1900 + (i * 3 + j) % 120} the {terms[(i * 7 + j) % 100]} mattered "
            f"more than **{terms[(i + j) % 100]}**, see [notes](https://example.com/{i}).\n"
            for j in range(6)
        )
        for i in range(100)
    )
    glossary = "".join(f"- {t} (C{i}) — the definition of {t}.\n" for i, t in enumerate(terms))
    items = "".join(f"- Exercise {i}.\n" for i in range(50))
    return (
        f"Title: Big\nOverview\nA big lecture.\n{sections}Key Terms\n{glossary}Next Steps\n{items}"
    )


def timed(client: Client, label: str, url: str, **kwargs) -> None:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url, **kwargs)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    size = len(response.content) / 1024
    print(f"{label:<28} median {statistics.median(samples) * 1000:6.1f} ms  {size:6.1f} KB")


def main() -> None:
    setup_test_environment()
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    call_command("migrate", verbosity=0)
    lecture = lecture_import(course_slug="bench", data=notes()).lecture
    user = get_user_model().objects.create_user("reader", password="x")
    Enrolment.objects.create(course=lecture.course, user=user)
    for section in lecture.sections.all()[:50]:
        SectionProgress.objects.create(user=user, section=section)
    client = Client()
    client.force_login(user)
    base = lecture.get_absolute_url()
    timed(client, "dashboard", "/")
    timed(client, "lecture (100 sections)", base)
    timed(client, "glossary (100 terms)", f"{base}glossary/")
    timed(
        client,
        "glossary search (htmx)",
        f"{base}glossary/?q=Concept4",
        headers={"HX-Request": "true", "HX-Target": "glossary-results"},
    )
    timed(client, "timeline", f"{base}timeline/")
    timed(client, "progress", "/progress/")


if __name__ == "__main__":
    main()
