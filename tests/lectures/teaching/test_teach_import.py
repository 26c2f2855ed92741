"""Importing notes from the teaching page (issue 18): every upload shows how the file
reads, with its warnings, before anything is written; the confirmation imports
what was shown, from the upload kept in the database, and nothing else."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lectures.models import Lecture, PendingUpload, Section
from tests.helpers import SIMPLE_NOTES

pytestmark = pytest.mark.django_db

AMBIGUOUS = (
    "Title: Wars\n"
    "Causes of the War\n"
    "- The treaty was signed in 1921.\n"
    "Azerbaijan joined NATO\n"  # line 4: a heading that reads like a sentence
    "- Point.\n"
    "Next Steps\n"
    "- Read chapter 4.\n"
)


def import_url(course) -> str:
    return reverse("lectures:teach_import", args=[course.slug])


def confirm_url(course) -> str:
    return reverse("lectures:teach_import_confirm", args=[course.slug])


def upload(client, course, notes: str, name: str = "wars.txt", **fields):
    notes_file = SimpleUploadedFile(name, notes.encode(), content_type="text/plain")
    return client.post(import_url(course), {"notes": notes_file, **fields})


def token_of(page) -> str:
    return page.context["confirm_form"]["token"].value()


def messages_of(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def test_a_new_lecture_is_previewed_then_imported_as_a_draft(instructor_client, course):
    page = upload(instructor_client, course, AMBIGUOUS)

    assert page.status_code == 200
    assert not Lecture.objects.filter(slug="wars").exists()
    body = page.content.decode()
    assert "This makes a new lecture, “Wars”, as a draft" in body
    assert "Nothing has been saved yet." in body
    assert "Viewing as a student" not in body
    assert re.findall(r"<li><strong>Warning:</strong> line (\d+):", body) == ["4"]
    assert "“Causes of the War” (line 2): 1 item, 0 paragraphs, 1 event" in body
    assert "Read chapter 4. (line 7)" in body

    response = instructor_client.post(confirm_url(course), {"token": token_of(page)})

    lecture = Lecture.objects.get(slug="wars")
    assert not lecture.published  # the course has a student: drafts until published
    assert response.url == f"{reverse('lectures:teach', args=[course.slug])}#lecture-{lecture.pk}"
    (message,) = messages_of(response)
    assert message.startswith("Created lecture “Wars” (geo/wars): 2 sections")
    assert message.endswith(
        "It is a draft, hidden from students: publish it from the teaching page."
    )
    assert not PendingUpload.objects.exists()


def test_a_clean_file_still_shows_its_outline_first(instructor_client, course):
    notes = SIMPLE_NOTES.replace("Plate Tectonics", "Rivers")
    page = upload(instructor_client, course, notes, "rivers.txt")
    assert page.status_code == 200
    assert "How the file was read" in page.content.decode()
    assert not Lecture.objects.filter(slug="rivers").exists()


def test_importing_over_a_lecture_previews_what_it_archives(instructor_client, course):
    lecture = course.lectures.get()
    notes = "Title: Plate Tectonics\nDrift\n- Continents move a few centimetres a year.\n"
    # Another title and file name: the lecture chosen is the one updated.
    page = upload(instructor_client, course, notes, "week2.txt", lecture=lecture.pk, title="Plates")

    body = page.content.decode()
    assert "This updates the lecture “Plates” in place" in body
    assert "section “Evidence”" in body.split('id="import-archived"')[1]
    assert lecture.sections.filter(archived=False).count() == 2

    instructor_client.post(confirm_url(course), {"token": token_of(page)})
    lecture.refresh_from_db()
    assert lecture.title == "Plates"
    assert Section.objects.get(lecture=lecture, slug="evidence").archived


def test_the_lecture_is_picked_from_the_link(instructor_client, course):
    lecture = course.lectures.get()
    page = instructor_client.get(import_url(course), {"lecture": lecture.slug})
    assert page.context["form"]["lecture"].value() == lecture.pk
    assert f'<option value="{lecture.pk}" selected>' in page.content.decode()


def test_a_refused_file_names_the_line_and_writes_nothing(instructor_client, course):
    before = Lecture.objects.count()
    page = upload(instructor_client, course, "Title: Bad\n- a bullet before any heading\n")
    assert page.status_code == 200
    errors = page.context["form"].errors["notes"]
    assert errors[0].startswith("wars.txt: ") and "line 2" in errors[0]
    assert errors[0].endswith("Nothing was imported.")
    assert Lecture.objects.count() == before and not PendingUpload.objects.exists()


def test_a_lecture_changed_since_the_preview_is_shown_again(instructor_client, course):
    lecture = course.lectures.get()
    notes = "Title: Plate Tectonics\nDrift\n- Continents move a few centimetres a year.\n"
    page = upload(instructor_client, course, notes, lecture=lecture.pk)
    # Meanwhile someone adds a section the import would archive too.
    Section.objects.create(lecture=lecture, title="Ridges", slug="ridges", position=5)

    again = instructor_client.post(confirm_url(course), {"token": token_of(page)})

    assert again.status_code == 200
    body = again.content.decode()
    assert "The lecture changed since you looked" in body
    assert "section “Ridges”" in body
    assert not Section.objects.filter(lecture=lecture, archived=True).exists()
    # The new preview's token imports what it shows.
    instructor_client.post(confirm_url(course), {"token": token_of(again)})
    assert Section.objects.filter(lecture=lecture, archived=True).count() == 2


def test_a_token_works_once_for_its_owner_in_its_course(
    instructor_client, instructor, course, other_instructor, foreign_lecture
):
    page = upload(instructor_client, course, AMBIGUOUS)
    token = token_of(page)
    other = Client()
    other.force_login(other_instructor)
    # Another instructor, with the token, in their own course: nothing.
    response = other.post(confirm_url(foreign_lecture.course), {"token": token})
    assert "This upload has expired or was already used" in response.content.decode()
    assert not Lecture.objects.filter(slug="wars").exists()

    assert instructor_client.post(confirm_url(course), {"token": token}).status_code == 302
    again = instructor_client.post(confirm_url(course), {"token": token})
    assert again.status_code == 200
    assert "This upload has expired or was already used" in again.content.decode()
    assert Lecture.objects.filter(slug="wars").count() == 1


def test_the_other_courses_lectures_are_not_offered(instructor_client, course, foreign_lecture):
    page = upload(instructor_client, course, AMBIGUOUS, lecture=foreign_lecture.pk)
    assert "lecture" in page.context["form"].errors
    assert not PendingUpload.objects.exists()
