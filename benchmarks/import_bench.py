"""Benchmark: import a generated 5 MB notes file (parse + write) into a fresh database.

Run with `make bench`; not part of the test suite, because timings on shared CI
machines make flaky tests. Uses DATABASE_URL if set, else a throwaway SQLite file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
# The benchmark measures the importer on files past the site's default limits
# (2 MB, 500 sections), which a site may raise.
os.environ.setdefault("DJANGO_NOTES_MAX_BYTES", str(64 * 1024 * 1024))
os.environ.setdefault("DJANGO_NOTES_MAX_SECTIONS", "100000")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from lectures.content.imports import lecture_import  # noqa: E402
from lectures.notes import parse_notes  # noqa: E402

FILLER = (
    "with **bold** words, a [link](https://example.com/page) and enough ordinary prose "
    "to read like a real sentence that an instructor wrote in their lecture notes"
)


def make_notes(target_bytes: int = 5 * 1024 * 1024, *, worst_case: bool = True) -> bytes:
    """A generated lecture of about `target_bytes`.

    worst_case: thousands of tiny sections, two of every three bullets dated, so
    the import writes as many rows per byte as notes plausibly can. Otherwise:
    sections of eight longer bullets, two of them dated, closer to real notes.
    """
    parts = ["Title: Benchmark Lecture\nOverview\nA generated lecture for timing.\n"]
    size = 0
    i = 0
    while size < target_bytes:
        if worst_case:
            chunk = (
                f"Section {i} on a topic\n"
                f"- In {1900 + i % 120} something happened, with **bold** text and "
                f"[a link](https://example.com/{i}).\n"
                f"- December {1950 + i % 70}: another dated bullet — with a dash.\n"
                "- A plain bullet that is long enough to look like a real sentence in notes.\n"
                "A paragraph line that closes the section, as some notes do.\n"
            )
        else:
            chunk = (
                f"Part {i} of the course\n"
                f"- In {1900 + i % 120} something happened, {FILLER}.\n"
                f"- December {1950 + i % 70}: a dated event, {FILLER}.\n"
                + "".join(f"- Point {k} of part {i}, {FILLER}.\n" for k in range(6))
            )
        parts.append(chunk)
        size += len(chunk)
        i += 1
    parts.append("Key Terms\n")
    for j in range(2000):
        parts.append(f"- Term number {j} (T{j}) — the definition of term {j}.\n")
    parts.append("Next Steps\n")
    for j in range(200):
        parts.append(f"- Do exercise {j}.\n")
    return "".join(parts).encode()


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<34} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    call_command("migrate", verbosity=0)
    for worst_case, course in ((True, "worst"), (False, "typical")):
        data = make_notes(worst_case=worst_case)
        print(f"{course} notes file: {len(data) / 1e6:.2f} MB")
        parsed = timed("parse only", lambda data=data: parse_notes(data))
        print(f"  {len(parsed.sections)} sections, {len(parsed.terms)} terms")
        timed(
            "import (new lecture)", lambda d=data, c=course: lecture_import(course_slug=c, data=d)
        )
        timed(
            "re-import (unchanged)", lambda d=data, c=course: lecture_import(course_slug=c, data=d)
        )
        edited = data.replace(b"something happened", b"something occurred", 500)
        timed(
            "re-import (500 edited)",
            lambda d=edited, c=course: lecture_import(course_slug=c, data=d),
        )


if __name__ == "__main__":
    main()
