"""One server, two languages: each request in its reader's language.

The account's preference (/accounts/preferences/) comes first, then the browser's
Accept-Language, then LANGUAGE_CODE (English). The pages say which language they
are in (`<html lang>`, Content-Language), and a Spanish reader's plurals, dates and
numbers are Spanish.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.views.defaults import server_error

from lectures.mail.preferences import preferences_save
from lectures.models import MailPreferences
from quizzes.models import Question, Quiz
from tests.helpers import add_question

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def text(response) -> str:
    """The page's words, markup left out, spaces collapsed."""
    page = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(page.split())


@pytest.fixture
def signed_in(student, course):
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def lecture(course):
    return course.lectures.get()


def quiz_with(lecture, questions: int, max_attempts: int = 0) -> Quiz:
    quiz = Quiz.objects.create(
        lecture=lecture,
        title=f"Quiz of {questions}",
        published=True,
        pass_mark=50,
        max_attempts=max_attempts,
    )
    for number in range(questions):
        add_question(
            quiz,
            Question.Kind.TRUE_FALSE,
            f"Statement {number}.",
            [{"text": "True", "is_correct": True}, {"text": "False"}],
        )
    return quiz


def test_a_browser_asking_for_spanish_gets_the_dashboard_in_spanish(signed_in):
    response = signed_in.get("/", **SPANISH)
    page = text(response)
    assert html_lang(response) == "es" and response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    assert "Tus cursos" in page and "Lecturas asignadas" in page
    assert "Saltar al contenido" in page and "Cerrar sesión" in page
    assert "Your courses" not in page and "Log out" not in page


def test_the_same_server_answers_an_english_browser_in_english(signed_in, student, course):
    spanish = signed_in.get("/", **SPANISH)
    other = Client()
    other.force_login(student)
    english = other.get("/", **ENGLISH)
    assert html_lang(spanish) == "es" and html_lang(english) == "en-gb"
    assert "Your courses" in text(english) and "Tus cursos" not in text(english)
    assert english["Content-Language"] == "en-gb"


def test_a_browser_asking_for_no_language_the_site_speaks_gets_english(signed_in):
    response = signed_in.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.8")
    assert html_lang(response) == "en-gb" and "Your courses" in text(response)


def test_the_lecture_page_in_spanish_with_its_plurals(signed_in, lecture):
    quiz_with(lecture, questions=1)
    quiz_with(lecture, questions=2)
    response = signed_in.get(lecture.get_absolute_url(), **SPANISH)
    page = text(response)
    assert html_lang(response) == "es"
    assert "Términos clave" in page and "Marcar como leída" in page and "Tareas" in page
    assert "Comprueba lo que has entendido" in page
    # A plural for 1 and one for 2, never "1 preguntas" or "2 pregunta".
    assert "Quiz of 1 · 1 pregunta ·" in page and "Quiz of 2 · 2 preguntas ·" in page
    assert "aún sin intentar" in page
    assert "Mark as read" not in page and "question" not in page


def test_a_toggle_answers_its_fragment_in_spanish(signed_in, lecture):
    section = lecture.sections.get(slug="drift")
    response = signed_in.post(
        f"{lecture.get_absolute_url()}sections/{section.pk}/read/",
        {"done": "1"},
        HTTP_HX_REQUEST="true",
        **SPANISH,
    )
    assert response.status_code == 200
    page = text(response)
    assert "✓ Leída" in page and "Marcar como no leída" in page and "Tu progreso" in page


@pytest.mark.parametrize(("allowed", "words"), [(1, "Te queda 1 de 1"), (2, "Te quedan 2 de 2")])
def test_the_quiz_page_in_spanish_with_its_plurals(signed_in, lecture, allowed, words):
    quiz = quiz_with(lecture, questions=2, max_attempts=allowed)
    response = signed_in.get(quiz.get_absolute_url(), **SPANISH)
    page = text(response)
    assert html_lang(response) == "es"
    assert words in page
    assert "Nota para aprobar" in page and "Empezar el cuestionario" in page
    assert "Todavía no has intentado este cuestionario." in page
    assert "Pass mark" not in page and "left" not in page


def test_submitting_a_quiz_in_spanish(signed_in, lecture):
    quiz = quiz_with(lecture, questions=2)
    start = signed_in.post(f"{quiz.get_absolute_url()}start/", **SPANISH)
    attempt_url = start.url
    question = text(signed_in.get(attempt_url, **SPANISH))
    assert "Pregunta 1" in question and "Guardar y seguir" in question
    submit = text(signed_in.get(f"{attempt_url}submit/", **SPANISH))
    assert "Has respondido 0 de 2 preguntas." in submit
    assert "Entregar y ver mi resultado" in submit


def test_review_and_progress_in_spanish(signed_in, lecture):
    signed_in.get(lecture.get_absolute_url(), **SPANISH)  # opening a lecture adds its terms
    dashboard = text(signed_in.get("/", **SPANISH))
    assert "Tienes 2 tarjetas para repasar ahora" in dashboard
    review = signed_in.get("/review/", **SPANISH)
    assert html_lang(review) == "es"
    words = text(review)
    assert "¿Qué significa este término?" in words and "Mostrar la respuesta" in words
    assert "2 tarjetas para repasar ahora." in words
    progress = signed_in.get("/progress/", **SPANISH)
    words = text(progress)
    assert html_lang(progress) == "es"
    assert "Tu progreso" in words and "Tarjetas de repaso" in words
    assert "Para repasar ahora" in words
    assert "Secciones leídas" in words and "0 de 2" in words


def test_dates_follow_the_language(signed_in, student, lecture):
    quiz = quiz_with(lecture, questions=1)
    quiz.due_at = "2030-12-03T14:30:00Z"
    quiz.save()
    spanish = text(signed_in.get(quiz.get_absolute_url(), **SPANISH))
    english = text(signed_in.get(quiz.get_absolute_url(), **ENGLISH))
    assert "3 de diciembre de 2030 a las 14:30" in spanish
    assert "3 Dec 2030, 14:30" in english


def test_the_account_preference_overrides_an_english_browser(signed_in, student):
    MailPreferences.objects.create(user=student, language="es")
    response = signed_in.get("/", **ENGLISH)
    assert html_lang(response) == "es" and response["Content-Language"] == "es"
    assert "Tus cursos" in text(response)


def test_an_english_preference_overrides_a_spanish_browser(signed_in, student):
    MailPreferences.objects.create(user=student, language="en-gb")
    response = signed_in.get("/progress/", **SPANISH)
    assert html_lang(response) == "en-gb" and "Your progress" in text(response)


def test_the_browsers_choice_follows_the_browser(signed_in, student):
    MailPreferences.objects.create(user=student, language="")
    assert html_lang(signed_in.get("/", **SPANISH)) == "es"
    assert html_lang(signed_in.get("/", **ENGLISH)) == "en-gb"


def test_a_language_no_longer_shipped_falls_back_to_the_browser(signed_in, student, settings):
    MailPreferences.objects.create(user=student, language="es")
    settings.LANGUAGES = [("en-gb", "English")]
    response = signed_in.get("/", **SPANISH)
    assert html_lang(response) == "en-gb"


def test_the_preference_costs_no_query(signed_in, student):
    """The account's preferences come with the account (AccountBackend's join): a
    page costs the same with a preference as without one."""
    without = _queries(signed_in, SPANISH)
    MailPreferences.objects.create(user=student, language="es")
    with_one = _queries(signed_in, ENGLISH)
    assert len(with_one) == len(without)
    assert not any(
        "lectures_mailpreferences" in q["sql"] and "auth_user" not in q["sql"] for q in with_one
    )


def _queries(client, headers) -> list[dict]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/progress/", **headers).status_code == 200
    return captured.captured_queries


def test_the_preferences_page_chooses_the_language(signed_in, student):
    page = signed_in.get("/accounts/preferences/", **ENGLISH).content.decode()
    assert '<label for="id_language">Language</label>' in page
    assert '<option value="" selected>Your browser&#x27;s choice</option>' in page
    assert '<option value="es">Español</option>' in page
    assert '<option value="en-gb">British English</option>' in page
    response = signed_in.post(
        "/accounts/preferences/",
        {"language": "es", "reminders": "on", "announcements": "on"},
        **ENGLISH,
    )
    assert response.status_code == 302
    assert MailPreferences.objects.get(user=student).language == "es"
    # The saved message and the page are in the language just chosen.
    after = signed_in.get("/accounts/preferences/", **ENGLISH)
    assert html_lang(after) == "es"
    words = text(after)
    assert "Tus preferencias se han guardado." in words and "Guardar las preferencias" in words
    assert '<option value="es" selected>Español</option>' in after.content.decode()


def test_a_language_the_site_does_not_ship_is_refused(signed_in, student):
    response = signed_in.post(
        "/accounts/preferences/", {"language": "xx", "reminders": "on"}, **ENGLISH
    )
    assert response.status_code == 200
    assert 'id="id_language_error"' in response.content.decode()
    assert not MailPreferences.objects.exists()


def test_saving_mail_choices_elsewhere_keeps_the_language(student):
    MailPreferences.objects.create(user=student, language="es")
    preferences_save(user=student, reminders=False, announcements=True)
    assert MailPreferences.objects.get(user=student).language == "es"


def test_the_login_page_follows_the_browser(client):
    response = client.get("/accounts/login/", **SPANISH)
    assert html_lang(response) == "es"
    assert "Iniciar sesión" in text(response) and "Nombre de usuario" in text(response)


def test_the_not_found_page_in_spanish(signed_in):
    response = signed_in.get("/courses/nowhere/", **SPANISH)
    assert response.status_code == 404 and html_lang(response) == "es"
    assert "Página no encontrada" in text(response) and "Ir a tu panel" in text(response)


def test_the_server_error_page_in_spanish():
    """Django renders 500.html without a request context: the language comes from
    the one LocaleMiddleware activated."""
    with translation.override("es"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and html_lang(response) == "es"
    assert "Algo salió mal" in text(response)
    with translation.override("en-gb"):
        assert html_lang(server_error(RequestFactory().get("/"))) == "en-gb"
