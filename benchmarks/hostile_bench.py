"""Hostile notes (issue 17): the work an import and a lecture page do stays linear in
the notes, whatever shape an attacker gives them.

Each case doubles its input and prints the import's time, the lecture page's size
and time, and each figure's ratio to the row before: about 2 is linear, about 4
quadratic. A case stops growing once one import passes 60 s (the site's worker
timeout is 30 s).

- years: one bullet holding N years ("In 1000, 1001, … a fleet sailed.");
- digits: one bullet of 6N digits, then a year (a search that backtracked over the
  digits from the clause's start made this quadratic);
- mentions: a glossary term with a 1,000-character definition, mentioned N times;
- terms: N glossary terms, imported, then re-imported with every definition changed.

    make bench-hostile                                   # SQLite
    make bench-hostile BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/bench_hostile"
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inprocess  # noqa: E402

LIMIT_SECONDS = 60


def years_notes(n: int) -> str:
    years = ", ".join(str(1000 + i % 1000) for i in range(n))
    return f"Title: Years\n# Events\n- In {years} a fleet sailed.\n"


def digits_notes(n: int) -> str:
    return f"Title: Digits\n# Events\n- {'1' * (6 * n)} 1945\n"


def mentions_notes(n: int) -> str:
    definition = ("a plate boundary where the crust is pulled apart " * 25)[:1000]
    body = "\n".join("- The Rift widens; the Rift deepens." for _ in range(n // 2))
    return f"Title: Mentions\n# Rifts\n{body}\n# Key Terms\n- Rift — {definition}\n"


def terms_notes(n: int, definition: str = "meaning") -> str:
    glossary = "\n".join(f"- T{i} — {definition} {i}" for i in range(n))
    return f"Title: Terms\n# One\n- A bullet about T1.\n# Key Terms\n{glossary}\n"


CASES = {
    "years": (years_notes, [500, 1000, 2000, 4000, 8000]),
    "digits": (digits_notes, [1000, 2000, 4000, 8000, 16000]),
    "mentions": (mentions_notes, [1000, 2000, 4000, 8000, 16000]),
    "terms": (terms_notes, [2500, 5000, 10000, 20000, 40000]),
}


def ratio(now: float, before: float | None) -> str:
    return f"×{now / before:4.1f}" if before else "     "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--only", choices=sorted(CASES), default=None)
    args = parser.parse_args()
    inprocess.configure("hostile_bench", args.database_url)
    # Past the site's default size limit (2 MB), which a site may raise.
    os.environ["DJANGO_NOTES_MAX_BYTES"] = str(64 * 1024 * 1024)

    import django

    django.setup()
    import logging
    import warnings

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from lectures.content.imports import lecture_import
    from lectures.models import Course, Enrolment, Lecture

    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    # The page's size is the point, not its static files' hashed names.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    call_command("migrate", verbosity=0)
    student = get_user_model().objects.create_user("hostile-student", password="x-bench-pass-1")
    client = Client()
    client.force_login(student)

    print(f"{'case':<9} {'N':>6} {'notes KB':>9} {'import s':>9} {'':5} {'page KB':>9} {'':5}")
    for name, (make, sizes) in CASES.items():
        if args.only and name != args.only:
            continue
        before_time = before_page = None
        for n in sizes:
            data = make(n)
            course = f"{name}-{n}"
            started = time.perf_counter()
            lecture_import(course_slug=course, data=data)
            if name == "terms":
                lecture_import(course_slug=course, data=terms_notes(n, "changed meaning"))
            took = time.perf_counter() - started
            lecture = Lecture.objects.get(course__slug=course)
            Enrolment.objects.create(course=Course.objects.get(slug=course), user=student)
            url = reverse("lectures:lecture_detail", args=[course, lecture.slug])
            page = len(client.get(url).content) / 1024
            size = len(data) / 1024
            print(
                f"{name:<9} {n:>6} {size:>9.0f} {took:>9.2f} {ratio(took, before_time)} "
                f"{page:>9.0f} {ratio(page, before_page)}",
                flush=True,
            )
            before_time, before_page = took, page
            if took > LIMIT_SECONDS:
                print(f"{name:<9} stopped: one import took over {LIMIT_SECONDS} s")
                break


if __name__ == "__main__":
    main()
