"""The LMS pages speak the reader's language, as the rest of the site does: a browser
asking for Spanish gets the refusal page and the deep-linking picker in Spanish,
while an English browser keeps the English words (tests/lms assert them)."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from lectures.models import MailPreferences
from tests.lms.services import add_quiz, instructor_course
from tests.lms.test_deep_linking import picker_url

pytestmark = pytest.mark.django_db

SPANISH = "es-ES,es;q=0.9,en;q=0.5"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def text(response) -> str:
    page = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(unescape(page).split())


@pytest.fixture
def spanish():
    return Client(HTTP_ACCEPT_LANGUAGE=SPANISH)


def test_an_expired_launch_is_refused_in_spanish(spanish, platform):
    now = int(time.time())
    response = platform.launch(spanish, iat=now - 600, exp=now - 300)
    assert response.status_code == 403 and html_lang(response) == "es"
    page = text(response)
    assert "El sitio de cursos no pudo abrir esto" in page
    assert "Este acceso ha caducado. Vuelve a abrir la herramienta desde tu curso." in page
    assert "expired" not in page and "could not open" not in page


def test_a_refusal_made_at_import_time_is_still_in_the_readers_language(spanish, platform):
    """pylti1p3's reasons are a module-level table: each is translated when shown."""
    login = platform.login(spanish)
    token = platform.id_token(platform.claims(nonce=login.nonce))
    response = platform.post_launch(spanish, token, "state-of-someone-else")
    assert response.status_code == 403
    assert "no empezó con el inicio de sesión de este navegador" in text(response)
    english = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    login = platform.login(english)
    token = platform.id_token(platform.claims(nonce=login.nonce))
    response = platform.post_launch(english, token, "state-of-someone-else")
    assert "did not start from this browser's sign-in" in text(response)


def test_the_deep_linking_picker_in_spanish(spanish, platform):
    course = instructor_course(spanish, platform)
    quiz = add_quiz(course)
    lecture = course.lectures.get()
    url = picker_url(spanish, platform)
    response = spanish.get(url)
    assert response.status_code == 200 and html_lang(response) == "es"
    page = text(response)
    assert f"Añadir una página de {course.title} al LMS" in page
    assert "Elige una lección o un cuestionario" in page and "Enlazar a" in page
    assert f"Lección: {lecture.title}" in page
    assert f"Cuestionario: {quiz.title} ({lecture.title})" in page
    assert "Añadir el enlace" in page
    assert "Add the link" not in page and "Lecture:" not in page

    nothing_chosen = spanish.post(url, {})
    assert "Elige una lección o un cuestionario para enlazar." in text(nothing_chosen)

    chosen = spanish.post(url, {"target": f"quiz-{quiz.pk}"})
    assert chosen.status_code == 200 and html_lang(chosen) == "es"
    page = text(chosen)
    assert f"Añadiendo «{quiz.title}» al LMS" in page and "Volver al LMS" in page
    assert f"El LMS recibe ahora un enlace a este cuestionario de {course.title}." in page


def test_an_english_browser_keeps_the_english_picker(client, platform):
    instructor_course(client, platform)
    page = text(client.get(picker_url(client, platform), HTTP_ACCEPT_LANGUAGE="en-GB"))
    assert "Choose a lecture or a quiz" in page and "Add the link" in page


def test_an_instructor_whose_account_prefers_spanish_gets_it_from_an_english_lms(platform):
    """The account's preference wins over the browser's, for launched sessions too."""
    english = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    course = instructor_course(english, platform)
    teacher = course.instructors.get()
    MailPreferences.objects.create(user=teacher, language="es")
    response = english.get(picker_url(english, platform))
    assert html_lang(response) == "es" and "Añadir el enlace" in text(response)


def test_the_platform_admin_in_spanish(spanish, platform):
    root = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    spanish.force_login(root)
    page = text(spanish.get(reverse("admin:lms_registrationinvite_add")))
    assert "Añadir invitación de registro" in page and "Para qué plataforma es." in page
    page = text(spanish.get(reverse("admin:lms_platformaccount_changelist")))
    assert "Añadir cuenta de plataforma" in page and "0 cuentas de plataforma" in page
