"""Notes imports are bounded work: files over the size limit, or lectures over the
section limit, are refused by every path (command, service) before they are parsed."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from lectures.content.imports import lecture_import
from lectures.models import Course, Lecture
from lectures.notes import NotesError
from tests.helpers import SIMPLE_NOTES, snapshot

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import_lecture", *args, stdout=out)
    return out.getvalue()


def test_command_refuses_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    # Sparse: the command learns the size from the file system, not by reading it.
    with path.open("wb") as notes:
        notes.truncate(int(9.5 * MB))

    with pytest.raises(CommandError) as excinfo:
        run_import(str(path), "--course", "geo")

    assert str(excinfo.value) == (
        f"{path}: the file is 9.5 MB; the limit is 2 MB, so split the lecture into smaller "
        "files; nothing was imported"
    )
    assert not Course.objects.exists()


def test_command_accepts_a_file_at_the_size_limit(tmp_path, settings):
    data = SIMPLE_NOTES.encode()
    settings.NOTES_MAX_BYTES = len(data)
    path = tmp_path / "notes.txt"
    path.write_bytes(data)

    run_import(str(path), "--course", "geo")

    assert Lecture.objects.get().title == "Plate Tectonics"


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (
            {"max_bytes": 100},
            f"the file is {len(SIMPLE_NOTES.encode())} bytes; the limit is 100 bytes",
        ),
        ({"max_sections": 1}, "line 7: the file has more than 1 section; the limit is 1"),
    ],
)
def test_import_refuses_an_oversized_file_before_the_database(
    settings, django_assert_num_queries, limits, message
):
    settings.NOTES_MAX_BYTES = limits.get("max_bytes", settings.NOTES_MAX_BYTES)
    settings.NOTES_MAX_SECTIONS = limits.get("max_sections", settings.NOTES_MAX_SECTIONS)

    with django_assert_num_queries(0), pytest.raises(NotesError) as excinfo:
        lecture_import(course_slug="geo", data=SIMPLE_NOTES.encode())

    assert str(excinfo.value).startswith(message)


def test_oversized_reimport_leaves_the_lecture_untouched(make_lecture, settings):
    lecture = make_lecture()
    before = snapshot(lecture)
    settings.NOTES_MAX_SECTIONS = 2
    grown = SIMPLE_NOTES.replace("Key Terms\n", "Mantle\n- Hot rock.\nKey Terms\n")

    with pytest.raises(NotesError, match="more than 2 sections"):
        lecture_import(course_slug="geo", data=grown)

    assert snapshot(lecture) == before


def test_a_lecture_of_50000_headings_is_refused_at_the_default_limit():
    notes = "".join(f"Heading {number}\n" for number in range(50_000))

    with pytest.raises(NotesError) as excinfo:
        lecture_import(course_slug="geo", data=notes)

    assert excinfo.value.line == 501
    assert excinfo.value.message == (
        "the file has more than 500 sections; the limit is 500, so split the lecture into "
        "smaller files"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_NOTES_MAX_BYTES": "100"},
            f"the file is {len(SIMPLE_NOTES.encode())} bytes; the limit is 100 bytes",
        ),
        ({"DJANGO_NOTES_MAX_SECTIONS": "1"}, "the file has more than 1 section;"),
    ],
)
def test_command_prints_one_sentence_naming_the_limit_and_exits_1(tmp_path, env, message):
    path = tmp_path / "notes.txt"
    path.write_text(SIMPLE_NOTES, encoding="utf-8")
    database = tmp_path / "x.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "import_lecture", str(path), "--course", "geo"],
        cwd=settings.BASE_DIR,
        # Never the developer's own database; SQLite creates the file on first connect.
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SECRET_KEY": "t",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not database.exists()
