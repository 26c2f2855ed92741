"""The glossary keeps the instructor's order: the notes file's, through import,
the admin and export; the glossary page still reads alphabetically."""

from __future__ import annotations

import pytest

from lectures.content.exports import lecture_export
from lectures.content.imports import lecture_import
from tests.helpers import SIMPLE_NOTES

pytestmark = pytest.mark.django_db

# Not alphabetical: the order a teacher introduces the ideas in.
NOTES = SIMPLE_NOTES.replace(
    "- Subduction — one plate sliding under another.\n"
    "- Mid-Ocean Ridge (MOR) — where new crust forms.\n",
    "- Plate — a slab of the lithosphere.\n"
    "- Subduction — one plate sliding under another.\n"
    "- Mid-Ocean Ridge (MOR) — where new crust forms.\n"
    "- Continental drift — the slow movement of continents.\n",
)
ORDER = ["Plate", "Subduction", "Mid-Ocean Ridge", "Continental drift"]


def test_import_and_export_keep_the_files_order(make_lecture):
    lecture = make_lecture(NOTES)
    assert [t.term for t in lecture.terms.all()] == ORDER
    exported = lecture_export(lecture)
    assert exported.index("- Plate —") < exported.index("- Subduction —")
    assert exported.index("- Mid-Ocean Ridge") < exported.index("- Continental drift —")
    # A re-import of a reordered file reorders, and export follows.
    moved = NOTES.replace("- Plate — a slab of the lithosphere.\n", "").replace(
        "Next Steps", "- Plate — a slab of the lithosphere.\nNext Steps"
    )
    report = lecture_import(course_slug="geo", data=moved)
    assert [t.term for t in lecture.terms.all()] == [*ORDER[1:], "Plate"]
    assert not report.updated  # a move alone changes no term
    assert lecture_export(lecture) == lecture_export(report.lecture)
    assert lecture_export(lecture).index("- Continental drift —") < lecture_export(lecture).index(
        "- Plate —"
    )


def test_the_lecture_lists_terms_in_order_and_the_glossary_alphabetically(
    student_client, student, make_lecture
):
    from lectures.models import Enrolment

    lecture = make_lecture(NOTES)
    Enrolment.objects.get_or_create(course=lecture.course, user=student)
    page = student_client.get(lecture.get_absolute_url()).content.decode()
    key_terms = page[page.index('id="key-terms"') :]
    positions = [key_terms.index(f">{term}</a>") for term in ORDER]
    assert positions == sorted(positions)
    glossary = student_client.get(f"{lecture.get_absolute_url()}glossary/").content.decode()
    alphabetical = sorted(ORDER, key=str.casefold)
    positions = [glossary.index(f">{term}<") for term in alphabetical]
    assert positions == sorted(positions)
