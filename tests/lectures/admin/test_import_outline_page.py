"""The admin's confirm page shows how the upload was read (issue 17): an upload
with a line that could be read two ways asks first, and the page names each line
with a "Warning:" in text, under a heading per part."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lectures.models import Lecture

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:lectures_lecture_import")
CONFIRM_URL = reverse("admin:lectures_lecture_import_confirm")

AMBIGUOUS = (
    "Title: Wars\n"
    "Causes of the War\n"
    "Dates to remember:\n"
    "- The treaty was signed in 1921.\n"
    "Azerbaijan joined NATO\n"  # line 5: a heading that reads like a sentence
    "- Point.\n"
    "Key Terms\n"
    "- Hardy–Weinberg principle — a law.\n"  # line 8: a dash in the term
)


def _upload(client, course, notes: str):
    notes_file = SimpleUploadedFile("wars.txt", notes.encode(), content_type="text/plain")
    return client.post(IMPORT_URL, {"course": course.pk, "notes": notes_file})


def test_an_upload_with_warnings_shows_the_outline_and_asks_first(instructor_client, course):
    response = _upload(instructor_client, course, AMBIGUOUS)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/lectures/lecture/import_notes_confirm.html"
    assert not Lecture.objects.filter(slug="wars").exists()
    body = response.content.decode()
    for heading in ("How the file was read", "Sections", "Glossary", "Action items"):
        assert re.search(rf"<h[23][^>]*>{heading}</h[23]>", body), heading
    warnings = re.findall(r"<li><strong>Warning:</strong> line (\d+):", body)
    assert warnings == ["5", "8"]
    assert "“Causes of the War” (line 2): 1 item, 1 paragraph, 1 event" in body
    assert "1921: The treaty was signed in 1921. (shown, line 4)" in body
    assert "Hardy–Weinberg principle (line 8)" in body


def test_confirming_the_outline_imports(instructor_client, course):
    page = _upload(instructor_client, course, AMBIGUOUS)
    token = page.context["confirm_form"]["token"].value()

    response = instructor_client.post(CONFIRM_URL, {"token": token})

    lecture = Lecture.objects.get(slug="wars")
    assert response.status_code == 302
    assert response.url == reverse("admin:lectures_lecture_change", args=[lecture.pk])
    assert list(lecture.sections.values_list("title", flat=True)) == [
        "Causes of the War",
        "Azerbaijan joined NATO",
    ]


def test_a_destructive_upload_shows_the_outline_too(instructor_client, course):
    lecture = course.lectures.get()
    notes = "Title: Plate Tectonics\nDrift\n- Continents move a few centimetres a year.\n"

    response = _upload(instructor_client, course, notes)

    body = response.content.decode()
    assert "in ways that cannot be undone" in body
    assert "How the file was read" in body
    assert "“Drift” (line 2): 1 item, 0 paragraphs, 0 events" in body
    assert "Warning:" not in body
    assert lecture.sections.filter(archived=False).count() > 1
