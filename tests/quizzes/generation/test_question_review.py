"""Generated questions say where they came from, and are flagged for review when
a re-import changes the notes under them (issue 10, items 3 and 4)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.models import Enrolment
from quizzes.generation import quiz_generate
from quizzes.models import Question
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course):
    quiz = quiz_generate(lecture=course.lectures.get())
    quiz.published = True
    quiz.save(update_fields=["published"])
    return quiz


def test_every_generated_question_records_its_rule_and_source(quiz):
    questions = list(quiz.questions.all())
    assert questions and all(q.rule for q in questions)
    statements = [q for q in questions if q.rule == "tf"]
    for question in statements:
        assert question.source in SIMPLE_NOTES  # the bullet it states, as written
    matching = [q for q in questions if q.rule == "matching"]
    for question in matching:
        assert set(question.source.split("\n")) == {c.text for c in question.choices.all()}


def test_a_reimport_flags_the_questions_whose_notes_changed(quiz, course):
    lecture = course.lectures.get()
    # The section a question is about ("Drift": the quiz's statement), dropped.
    (title,) = {q.section.title for q in quiz.questions.all() if q.section} & {"Drift"}
    asked = [q.pk for q in quiz.questions.all() if q.section and q.section.title == title]
    section = re.search(rf"{title}\n(?:- .*\n)+", SIMPLE_NOTES).group()
    report = lecture_import(course_slug="geo", data=SIMPLE_NOTES.replace(section, ""))
    flagged = Question.objects.exclude(needs_review="")
    assert set(asked) <= set(flagged.values_list("pk", flat=True))
    assert all("was archived" in q.needs_review for q in flagged.filter(pk__in=asked))
    assert report.questions_flagged and "quiz question" in report.summary()
    # Unchanged notes flag nothing new, and keep what is flagged.
    again = lecture_import(course_slug="geo", data=SIMPLE_NOTES.replace(section, ""))
    assert again.questions_flagged == []
    assert flagged.count() >= len(asked)
    assert lecture.quizzes.get() == quiz


def test_a_changed_bullet_flags_the_statement_made_from_it(quiz):
    statements = quiz.questions.filter(rule__in=["tf", "when"])
    assert statements.exists(), "the quiz states a bullet"
    question = statements.first()
    changed = SIMPLE_NOTES.replace(question.source, question.source.rstrip(".") + ", roughly.")
    lecture_import(course_slug="geo", data=changed)
    question.refresh_from_db()
    assert "changed or went" in question.needs_review


def test_instructors_are_warned_and_students_are_not(quiz, client, instructor, student):
    Question.objects.filter(pk=quiz.questions.first().pk).update(needs_review="its section went")
    lecture = quiz.lecture
    client.login(username=instructor.username, password=PASSWORD)
    assert "1 question to review" in client.get(lecture.get_absolute_url()).content.decode()
    client.logout()
    Enrolment.objects.get_or_create(course=lecture.course, user=student)
    client.login(username=student.username, password=PASSWORD)
    assert "to review" not in client.get(lecture.get_absolute_url()).content.decode()


def test_the_admin_shows_why_and_marks_reviewed(quiz, client, make_user):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    Question.objects.filter(pk=quiz.questions.first().pk).update(needs_review="its section went")
    page = client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()
    assert "1 question to review" in page and "its section went" in page
    preview = client.get(reverse("admin:quizzes_quiz_preview", args=[quiz.pk])).content.decode()
    assert "Made by:" in preview and "To review:" in preview
    listing = reverse("admin:quizzes_quiz_changelist")
    data = {"action": "mark_reviewed", "_selected_action": [quiz.pk]}
    assert client.post(listing, data).status_code == 302
    assert not Question.objects.exclude(needs_review="").exists()
