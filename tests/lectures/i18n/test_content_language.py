"""A course's content says which language it is in when the page around it speaks
another (WCAG 3.1.2, language of parts), so that a screen reader reads a Spanish
course's lecture in Spanish under an English interface, and an English course's in
English under a Spanish one: the lecture's overview, sections, action items and key
terms, the glossary, the timeline's events, a quiz's questions and choices, the
result's questions and answers, the review's cards and an announcement carry
`lang="<Course.language>"`; the page's own words stay in the page's language.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from lectures.models import Announcement, Course
from quizzes.models import Question, Quiz
from tests.helpers import add_question

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TextLanguages(HTMLParser):
    """Each run of text on a page with the language it is in: the `lang` of the
    nearest element around it that has one."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data) -> None:
        if text := " ".join(data.split()):
            lang = next((lang for _tag, lang in reversed(self.stack) if lang), "")
            self.runs.append((text, lang))


def language_of(response, words: str) -> str:
    """The language the page says `words` are in (the first run of text holding them)."""
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang=""' not in html  # a template without the course in its context
    parser = TextLanguages()
    parser.feed(html)
    found = [lang for text, lang in parser.runs if words in text]
    assert found, f"{words!r} is not on the page"
    return found[0]


@pytest.fixture
def signed_in(student, course) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def lecture(course):
    return course.lectures.get()


def one_question_quiz(lecture) -> Quiz:
    quiz = Quiz.objects.create(lecture=lecture, title="Drift", published=True, pass_mark=50)
    add_question(
        quiz,
        Question.Kind.SINGLE,
        "Which continent broke up in the Jurassic?",
        [{"text": "Pangaea", "is_correct": True}, {"text": "Gondwanaland"}],
    )
    return quiz


@pytest.mark.parametrize(
    ("course_language", "browser", "page_language", "ui_word"),
    [("en", SPANISH, "es", "Términos clave"), ("es", ENGLISH, "en-gb", "Key terms")],
    ids=["english-course-spanish-page", "spanish-course-english-page"],
)
def test_the_lecture_and_its_pages_mark_the_courses_language(
    signed_in, course, lecture, course_language, browser, page_language, ui_word
):
    Course.objects.filter(pk=course.pk).update(language=course_language)
    Announcement.objects.create(course=course, author=course.instructors.get(), body="Exam soon.")
    url = lecture.get_absolute_url()

    page = signed_in.get(url, **browser)
    assert language_of(page, ui_word) == page_language
    for content in (
        "How continents move",  # overview
        "Drift",  # a section's title, in the table of contents
        "Continents drift a few centimetres a year.",  # a section's body
        "Read chapter 3.",  # an action item
        "one plate sliding under another",  # a key term
    ):
        assert language_of(page, content) == course_language, content

    # The fragment a section's toggle answers with htmx: its table of contents entry.
    section = lecture.sections.get(slug="drift")
    toggled = signed_in.post(
        f"{url}sections/{section.pk}/read/", {"done": "1"}, HTTP_HX_REQUEST="true", **browser
    )
    assert toggled.status_code == 200
    assert f'#drift" lang="{course_language}">Drift</a>' in toggled.content.decode()

    glossary = signed_in.get(f"{url}glossary/", **browser)
    assert language_of(glossary, "Subduction") == course_language
    assert language_of(glossary, "where new crust forms") == course_language

    timeline = signed_in.get(f"{url}timeline/", **browser)
    assert language_of(timeline, "Wegener proposed drift") == course_language

    dashboard = signed_in.get("/", **browser)
    assert language_of(dashboard, "Exam soon.") == course_language


@pytest.mark.parametrize(
    ("course_language", "browser", "page_language", "number"),
    [("en", SPANISH, "es", "Pregunta 1"), ("es", ENGLISH, "en-gb", "Question 1")],
    ids=["english-course-spanish-page", "spanish-course-english-page"],
)
def test_a_quiz_and_its_result_mark_the_courses_language(
    signed_in, course, lecture, course_language, browser, page_language, number
):
    Course.objects.filter(pk=course.pk).update(language=course_language)
    quiz = one_question_quiz(lecture)
    attempt_url = signed_in.post(f"{quiz.get_absolute_url()}start/", **browser).url

    question = signed_in.get(attempt_url, **browser)
    assert language_of(question, number) == page_language
    assert language_of(question, "Which continent broke up") == course_language
    assert language_of(question, "Gondwanaland") == course_language

    signed_in.post(f"{attempt_url}submit/", **browser)
    result = signed_in.get(attempt_url, **browser)
    assert language_of(result, number) == page_language
    assert language_of(result, "Which continent broke up") == course_language
    assert language_of(result, "Pangaea") == course_language  # the right answer


@pytest.mark.parametrize(
    ("course_language", "browser", "page_language", "ui_words"),
    [("en", SPANISH, "es", "Mostrar la respuesta"), ("es", ENGLISH, "en-gb", "Show answer")],
    ids=["english-course-spanish-page", "spanish-course-english-page"],
)
def test_a_review_card_marks_its_courses_language(
    signed_in, course, lecture, course_language, browser, page_language, ui_words
):
    Course.objects.filter(pk=course.pk).update(language=course_language)
    signed_in.get(lecture.get_absolute_url(), **browser)  # opening a lecture adds its terms
    for url in ("/review/", f"/courses/{course.slug}/review/"):
        card = signed_in.get(url, **browser)
        assert language_of(card, ui_words) == page_language
        front = next(term for term in ("Subduction", "Mid-Ocean Ridge") if term in card.text)
        assert language_of(card, front) == course_language, url
