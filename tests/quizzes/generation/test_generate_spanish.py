"""A quiz drafted from a Spanish course's notes (issue 20): its prompts and fixed
phrases in Spanish, whatever language the request speaks, and only the shapes that
need no English grammar (terms and order; since round 12 of issue 17 no year gap, in
any language), so no English rule rewrites Spanish."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from lectures.content.imports import lecture_import
from quizzes.admin_forms import question_problems
from quizzes.generation import quiz_generate
from quizzes.grading import correct_response, grade_answer
from tests.catalogue import use_compiled_catalogue
from tests.helpers import SAMPLE

pytestmark = pytest.mark.django_db

SPANISH_SAMPLE = Path(django_settings.BASE_DIR) / "content" / "guerra-de-la-independencia.txt"

# The generator's English fixed phrases: none may reach a Spanish quiz.
ENGLISH = re.compile(
    r"\b(?:Which|Match each|Put these|True or false|When did|The notes say|practice quiz|"
    r"True|False)\b"
)
SPANISH_LEADS = (
    "Relaciona cada término con su definición.",
    "Ordena estos hechos cronológicamente, del más antiguo al más reciente.",
    "¿Cuál de estos hechos ocurrió primero?",
    "¿Qué definición describe mejor “",
    "¿Qué término (o su abreviatura) significa “",
    "¿Qué término significa “",
)

GLOSSARY = """Title: Instituciones
Términos clave
- Cortes — asamblea de representantes del reino que votaba impuestos.
- Junta — órgano de gobierno creado ante el vacío de poder de 1808.
- Afrancesado — español partidario de José I y de las reformas francesas.
- Guerrilla — forma de lucha de pequeñas partidas contra un ejército regular.
- Liberal — partidario de la soberanía nacional y de una constitución.
- Absolutista — partidario del poder sin límites del rey.
- Organización de las Naciones Unidas (ONU) — organización internacional de estados.
- Regencia — gobierno provisional en nombre del rey ausente.
- Diezmo — impuesto de la décima parte de la cosecha pagado a la Iglesia.
- Señorío — territorio cuyo señor ejercía poderes de gobierno y justicia.
- Mayorazgo — institución que transmitía los bienes familiares al primogénito.
- Desamortización — venta por el Estado de tierras de la Iglesia y los municipios.
"""


@pytest.fixture(autouse=True)
def spanish_catalogue(tmp_path, settings):
    use_compiled_catalogue(tmp_path, settings)


@pytest.fixture
def spanish_quiz():
    lecture = lecture_import(
        course_slug="historia", data=SPANISH_SAMPLE.read_bytes(), language="es"
    ).lecture
    return quiz_generate(lecture=lecture)


def questions(quiz):
    return list(quiz.questions.prefetch_related("choices").order_by("position"))


def texts(question) -> list[str]:
    return [question.prompt, question.explanation] + [
        text for c in question.choices.all() for text in (c.text, c.match_text)
    ]


def test_a_spanish_quiz_speaks_spanish(spanish_quiz):
    assert spanish_quiz.title == "La Guerra de la Independencia española: cuestionario de práctica"
    found = questions(spanish_quiz)
    assert len(found) >= 3
    for question in found:
        assert question.prompt.startswith(SPANISH_LEADS), question.prompt
        for text in texts(question):
            assert not ENGLISH.search(text), text
    rules = {q.rule for q in found}
    assert {"matching", "ordering", "first"} <= rules
    assert rules <= {"matching", "term", "short", "ordering", "first"}


def test_a_spanish_quiz_speaks_spanish_to_an_english_request(spanish_quiz):
    with translation.override("en"):
        again = quiz_generate(lecture=spanish_quiz.lecture)
    assert [q.prompt for q in questions(again)] == [q.prompt for q in questions(spanish_quiz)]


def test_an_english_quiz_stays_english_for_a_spanish_request(make_lecture):
    lecture = make_lecture(SAMPLE.read_bytes(), title="Russia and Azerbaijan")
    with translation.override("es"):
        quiz = quiz_generate(lecture=lecture)
    assert quiz.title.endswith(": practice quiz")
    prompts = [q.prompt for q in questions(quiz)]
    assert any(p.startswith("Which term (or its abbreviation) means") for p in prompts)
    assert not any(p.startswith(("¿", "Relaciona")) for p in prompts)


def test_every_spanish_question_grades(spanish_quiz):
    for question in questions(spanish_quiz):
        assert question_problems(question) == [], question.prompt
        assert grade_answer(question, correct_response(question)) == (
            True,
            Decimal(question.points).quantize(Decimal("0.01")),
        )


def test_ordering_items_are_the_notes_own_words(spanish_quiz):
    [ordering] = [q for q in questions(spanish_quiz) if q.rule == "ordering"]
    words = set(re.findall(r"\w+", ordering.source.casefold()))
    for choice in ordering.choices.all():
        # Only the date (and the word introducing it) left out: nothing reworded.
        assert set(re.findall(r"\w+", choice.text.casefold())) <= words, choice.text
        assert not re.search(r"\d{3,4}", choice.text)
    keys = [c.order_key for c in sorted(ordering.choices.all(), key=lambda c: c.order_key)]
    assert keys == list(range(1, len(keys) + 1))


def test_spanish_terms_are_asked_in_spanish(make_lecture):
    lecture = lecture_import(course_slug="instituciones", data=GLOSSARY, language="es").lecture
    prompts = [q.prompt for q in questions(quiz_generate(lecture=lecture))]
    assert "Relaciona cada término con su definición." in prompts
    assert any(p.startswith("¿Qué definición describe mejor “") for p in prompts)
    assert any(
        p.startswith("¿Qué término (o su abreviatura) significa “organización internacional")
        for p in prompts
    )
