"""The lecture page's shared content is cached per version of the lecture
(lectures.content.cache): every way its content changes shows on the next request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.models import Course
from tests.helpers import PASSWORD, SIMPLE_NOTES, post_lecture_change, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def lecture(course):
    return course.lectures.get()


def page(client, lecture) -> str:
    lecture.refresh_from_db()
    return client.get(lecture.get_absolute_url()).content.decode()


def test_a_reimport_that_changes_only_a_section_shows_at_once(student_client, lecture):
    assert "a few centimetres a year" in page(student_client, lecture)
    lecture_import(course_slug="geo", data=SIMPLE_NOTES.replace("a year.", "each decade."))
    body = page(student_client, lecture)
    assert "a few centimetres each decade" in body and "a few centimetres a year" not in body


def test_a_reimport_that_changes_only_a_term_relinks_the_text(student_client, lecture):
    assert 'data-term="term-subduction"' not in page(student_client, lecture)
    notes = SIMPLE_NOTES.replace("- Matching fossils", "- Subduction and matching fossils")
    lecture_import(course_slug="geo", data=notes)
    assert 'data-term="term-subduction"' in page(student_client, lecture)
    # A term renamed: its old links go, the new term is listed.
    lecture_import(course_slug="geo", data=notes.replace("- Subduction —", "- Sinking —"))
    body = page(student_client, lecture)
    assert 'data-term="term-subduction"' not in body and ">Sinking</a>" in body


def test_an_admin_edit_of_an_inline_shows_at_once(client, make_user, student, lecture):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    assert "Matching fossils" in page(client, lecture)
    evidence = lecture.sections.get(slug="evidence")

    def edit(data):
        data[f"{row(data, 'sections', evidence)}-body"] = "- Rocks that match across oceans."

    post_lecture_change(client, lecture, edit)
    body = page(client, lecture)
    assert "Rocks that match across oceans" in body and "Matching fossils" not in body


def test_a_renamed_course_slug_moves_the_cached_links(student_client, course, lecture):
    lecture_import(
        course_slug="geo",
        data=SIMPLE_NOTES.replace("- Matching fossils", "- Subduction and fossils"),
    )
    assert f'href="/courses/geo/{lecture.slug}/glossary/#term-subduction"' in page(
        student_client, lecture
    )
    Course.objects.filter(pk=course.pk).update(slug="earth")
    body = page(student_client, lecture)
    glossary = reverse("lectures:glossary", args=["earth", lecture.slug])
    assert f'href="{glossary}#term-subduction"' in body
    assert "/courses/geo/" not in body
