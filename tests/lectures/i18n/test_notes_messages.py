"""The notes format's errors and warnings, and the reasons stored in English (a
timeline event's doubt, a quiz question's needs_review), are shown in the reader's
language (issue 20): made once, rendered when shown; English unchanged."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lectures.models import Lecture, TimelineEvent
from lectures.notes import NotesError, parse_notes
from quizzes.models import Question

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

# Line 4 is a glossary bullet with no separator.
MALFORMED = "Title: Wars\nKey Terms\n- Treaty — an agreement\n- Armistice\n"

# Line 4 is a heading that reads like a sentence.
AMBIGUOUS = (
    "Title: Wars\n"
    "Causes of the War\n"
    "- The treaty was signed in 1921.\n"
    "Azerbaijan joined NATO\n"
    "- Point.\n"
)


def upload(client, course, notes: str, headers: dict):
    notes_file = SimpleUploadedFile("wars.txt", notes.encode(), content_type="text/plain")
    url = reverse("lectures:teach_import", args=[course.slug])
    return client.post(url, {"notes": notes_file}, **headers)


@pytest.mark.django_db
def test_a_refused_upload_names_its_line_in_spanish(instructor_client, course):
    page = upload(instructor_client, course, MALFORMED, SPANISH)

    body = page.content.decode()
    assert page.status_code == 200
    assert (
        "wars.txt: línea 4: la entrada del glosario &quot;Armistice&quot; no tiene separador "
        "entre término y definición"
    ) in body
    assert "glossary entry" not in body
    assert not Lecture.objects.filter(slug="wars").exists()


@pytest.mark.django_db
def test_a_refused_upload_reads_as_before_in_english(instructor_client, course):
    body = upload(instructor_client, course, MALFORMED, ENGLISH).content.decode()

    assert (
        "wars.txt: line 4: glossary entry &quot;Armistice&quot; has no separator between "
        "term and definition; write &quot;Term — definition&quot;. Nothing was imported."
    ) in body


@pytest.mark.django_db
def test_the_outline_warns_in_spanish_and_confirms_in_either_language(instructor_client, course):
    page = upload(instructor_client, course, AMBIGUOUS, SPANISH)

    body = page.content.decode()
    assert re.findall(r"<strong>Aviso:</strong> línea (\d+): ", body) == ["4"]
    assert "&quot;Azerbaijan joined NATO&quot; se leyó como un encabezado; si es una frase" in body
    assert "was read as" not in body

    # The approval is compared in English: switching language does not ask again.
    token = page.context["confirm_form"]["token"].value()
    confirm = reverse("lectures:teach_import_confirm", args=[course.slug])
    response = instructor_client.post(confirm, {"token": token}, **ENGLISH)

    assert response.status_code == 302
    assert Lecture.objects.filter(slug="wars").exists()


def test_an_error_is_rendered_in_the_language_active_when_shown():
    with translation.override("es"), pytest.raises(NotesError) as excinfo:
        parse_notes(MALFORMED)

    error = excinfo.value
    with translation.override("en"):
        assert str(error) == (
            'line 4: glossary entry "Armistice" has no separator between term and '
            'definition; write "Term — definition"'
        )
        assert error.message == (
            'glossary entry "Armistice" has no separator between term and definition; '
            'write "Term — definition"'
        )
    with translation.override("es"):
        assert str(error).startswith('línea 4: la entrada del glosario "Armistice" no tiene')


def test_a_parse_warning_is_rendered_when_shown():
    (warning,) = parse_notes(AMBIGUOUS).warnings

    with translation.override("en"):
        assert str(warning) == (
            'line 4: "Azerbaijan joined NATO" was read as a heading; if it is a sentence, '
            "end it with a full stop"
        )
    with translation.override("es"):
        assert str(warning) == (
            'línea 4: "Azerbaijan joined NATO" se leyó como un encabezado; si es una frase, '
            "termínala con un punto"
        )


@pytest.mark.django_db
def test_a_suggestions_doubt_is_shown_in_spanish_to_a_spanish_instructor(
    instructor_client, course, make_lecture
):
    lecture = make_lecture("Title: Rome\nKings\n- The Republic began in 509 BC.\n")
    lecture.events.update(
        status=TimelineEvent.Status.SUGGESTED, doubt="several dates in one sentence"
    )
    event = lecture.events.get()
    args = [lecture.course.slug, lecture.slug]
    timeline = reverse("lectures:timeline", args=args)
    dismiss = reverse("lectures:suggestion_dismiss", args=[*args, event.pk])

    spanish = instructor_client.get(timeline, **SPANISH).content.decode()
    english = instructor_client.get(timeline, **ENGLISH).content.decode()

    assert "varias fechas en una misma frase" in spanish
    assert "several dates" not in spanish
    assert "Unsure: several dates in one sentence" in english
    assert "varias fechas en una misma frase" in (
        instructor_client.get(dismiss, **SPANISH).content.decode()
    )


def test_a_doubt_the_catalogue_does_not_know_is_shown_as_stored():
    event = TimelineEvent(doubt="a reason from an older release")

    with translation.override("es"):
        assert event.doubt_reason() == "a reason from an older release"
        assert TimelineEvent(doubt="").doubt_reason() == ""


def test_a_review_reason_keeps_its_values_in_spanish():
    stored = Question.REVIEW_BULLET_CHANGED % {"bullet": "Rome fell in 476."}
    question = Question(needs_review=stored)

    with translation.override("es"):
        assert question.review_reason() == (
            "la viñeta de la que salió cambió o ya no está: «Rome fell in 476.»"
        )
    with translation.override("en"):
        assert question.review_reason() == stored
    archived = Question(needs_review="its section “Kings” was archived")
    with translation.override("es"):
        assert archived.review_reason() == "se archivó su sección «Kings»"
