"""The environment of a benchmark that times requests in process, through Django's
test client: call `configure` before importing Django.

Production settings (DEBUG off), the test client's host allowed without
setup_test_environment() (which also instruments every template render to copy
its context for the client: overhead production never has), and the database:
a throwaway SQLite file, or a PostgreSQL database of the benchmark's own,
created if missing, never one that test runs use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

_tmp: tempfile.TemporaryDirectory | None = None


def configure(script: str, database_url: str | None) -> None:
    """Set the environment for `script` (its name, for messages), on
    `database_url`, or on a throwaway SQLite file when it is None."""
    global _tmp
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    if database_url is None:
        _tmp = tempfile.TemporaryDirectory()  # kept until the process ends
        database_url = f"sqlite:///{_tmp.name}/{script}.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    if database_url.startswith("postgres"):
        from report_bench import ensure_database

        name = database_url.rsplit("/", 1)[-1].split("?")[0]
        if name.startswith("test"):
            sys.exit(f"{script} will not use the “{name}” database: test runs use it.")
        ensure_database(database_url)


def demo_half_read():
    """Seed the demo (after `configure` and django.setup()) and read half of its
    lecture's sections as the demo student: (student, lecture, visible sections)."""
    # Django is set up only after configure(): imported here, not at the top.
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from lectures.models import Lecture
    from lectures.study.progress import progress_set

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", password="bench-pass-123", stdout=quiet)
    student = get_user_model().objects.get(username="student")
    lecture = Lecture.objects.select_related("course").get(course__slug="demo")
    sections = list(lecture.sections.visible())
    for section in sections[: len(sections) // 2]:
        progress_set(user=student, obj=section, done=True)
    return student, lecture, sections
