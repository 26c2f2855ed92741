"""What the quiz pages say in Python, in Spanish for a Spanish reader and unchanged in
English: messages, refusals, answer-key problems, counted words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from quizzes.kinds import KeyRow, kind_for
from quizzes.models import Attempt, Question
from quizzes.templatetags.quiz_format import duration, minutes_left
from tests.translations import catalogues  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


def submitted(client, quiz) -> Attempt:
    lecture = quiz.lecture
    client.post(reverse("quizzes:quiz_start", args=[lecture.course.slug, lecture.slug, quiz.pk]))
    attempt = Attempt.objects.latest("pk")
    client.post(reverse("quizzes:attempt_submit", args=[attempt.pk]))
    return attempt


def message_after_submitting_again(client, attempt) -> str:
    response = client.post(reverse("quizzes:attempt_submit", args=[attempt.pk]))
    # The newest: the redirect is not followed, so earlier ones are still queued.
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_submitting_twice_is_refused_in_the_readers_language(student_client, quiz):
    attempt = submitted(student_client, quiz)
    student_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    spanish = message_after_submitting_again(student_client, attempt)
    del student_client.defaults["HTTP_ACCEPT_LANGUAGE"]
    english = message_after_submitting_again(student_client, attempt)
    assert spanish == "Este intento ya se había entregado; su calificación se mantiene."
    assert english == "This attempt was already submitted; its grade stands."


def test_an_answer_to_a_submitted_attempt_is_refused_in_spanish(student_client, quiz):
    attempt = submitted(student_client, quiz)
    response = student_client.post(
        reverse("quizzes:attempt_answer", args=[attempt.pk, 99]), {}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    assert response.content.decode() == "Esa pregunta no existe en este cuestionario."


@pytest.mark.parametrize(
    ("correct", "spanish", "english"),
    [
        (0, "no hay ninguna marcada", "none is ticked"),
        (2, "hay 2 marcadas", "2 are ticked"),
    ],
)
def test_answer_key_problems_count_in_each_language(correct, spanish, english):
    rows = [KeyRow("Sí", is_correct=i < correct) for i in range(3)]
    kind = kind_for(Question.Kind.TRUE_FALSE)
    with translation.override("es"):
        assert kind.key_problems(rows) == [
            "Una pregunta de verdadero o falso necesita exactamente dos opciones, "
            "«Verdadero» y «Falso»; tiene 3.",
            "Una pregunta de verdadero o falso necesita exactamente una opción correcta; "
            f"{spanish}.",
        ]
    assert kind.key_problems(rows)[1] == (
        f"A true-or-false question needs exactly one correct choice; {english}."
    )


def test_one_ticked_choice_is_said_in_the_singular():
    # Three choices for a single-choice question, one ticked: only the count is wrong.
    rows = [KeyRow("A", is_correct=True), KeyRow("B")]
    assert kind_for(Question.Kind.MULTIPLE).key_problems(rows) == []
    with translation.override("es"):
        problems = kind_for(Question.Kind.SINGLE).key_problems([KeyRow("A")])
    assert problems == [
        "Una pregunta de opción única necesita al menos dos opciones; tiene 1.",
        "Una pregunta de opción única necesita exactamente una opción correcta; no hay "
        "ninguna marcada. Usa «Opción múltiple» para varias respuestas correctas.",
    ]


@pytest.mark.parametrize(
    ("limit", "words"),
    [
        (timedelta(hours=1, minutes=1, seconds=1), "1 hora 1 minuto 1 segundo"),
        (timedelta(hours=2, minutes=2, seconds=2), "2 horas 2 minutos 2 segundos"),
        (timedelta(0), "0 minutos"),
    ],
)
def test_durations_count_each_unit_in_spanish(limit, words):
    with translation.override("es"):
        assert duration(limit) == words


def test_time_left_in_spanish():
    with translation.override("es"):
        assert [minutes_left(30), minutes_left(60), minutes_left(150)] == [
            "menos de un minuto",
            "aproximadamente 1 minuto",
            "unos 2 minutos",
        ]
