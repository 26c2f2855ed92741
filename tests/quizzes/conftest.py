"""A quiz with one question of every kind on the shared `course` fixture's lecture."""

from __future__ import annotations

import pytest
from django.test import Client

from lectures.models import Enrolment
from quizzes.models import Question, Quiz
from tests.helpers import PASSWORD, add_question

Kind = Question.Kind


@pytest.fixture
def quiz(course):
    lecture = course.lectures.get()
    drift = lecture.sections.get(slug="drift")
    quiz = Quiz.objects.create(lecture=lecture, title="Plates quiz", published=True, pass_mark=50)
    add_question(
        quiz,
        Kind.SINGLE,
        "What is subduction?",
        [
            {"text": "A plate sliding under another", "is_correct": True},
            {"text": "Where new crust forms"},
            {"text": "A volcano"},
        ],
        section=drift,
        explanation="Subduction: one plate slides under another.",
    )
    add_question(
        quiz,
        Kind.MULTIPLE,
        "Which are evidence for drift?",
        [
            {"text": "Matching fossils", "is_correct": True},
            {"text": "Matching rock layers", "is_correct": True},
            {"text": "Tides"},
        ],
    )
    add_question(
        quiz,
        Kind.TRUE_FALSE,
        "Continents drift a few centimetres a year.",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    add_question(
        quiz,
        Kind.SHORT_ANSWER,
        "Who proposed continental drift?",
        [{"text": "Wegener", "is_correct": True}, {"text": "Alfred Wegener", "is_correct": True}],
    )
    add_question(
        quiz,
        Kind.MATCHING,
        "Match the terms.",
        [
            {"text": "Subduction", "match_text": "plate under plate", "is_correct": True},
            {"text": "Ridge", "match_text": "new crust", "is_correct": True},
            {"text": "Pangaea", "match_text": "old supercontinent", "is_correct": True},
        ],
        points=2,
    )
    add_question(
        quiz,
        Kind.ORDERING,
        "Order these, earliest first.",
        [
            {"text": "Pangaea forms", "order_key": 1, "is_correct": True},
            {"text": "Pangaea breaks up", "order_key": 2, "is_correct": True},
            {"text": "Wegener's proposal", "order_key": 3, "is_correct": True},
        ],
        points=2,
    )
    return quiz


@pytest.fixture
def other_client(other_student, course):
    Enrolment.objects.create(course=course, user=other_student)
    other = Client()
    other.login(username=other_student.username, password=PASSWORD)
    return other
