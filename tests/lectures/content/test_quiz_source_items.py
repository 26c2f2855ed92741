"""Quiz drafts read numbered and nested items as bullets (issue 17), and a re-import
that keeps them does not flag the questions made from them."""

from __future__ import annotations

import pytest

from quizzes.generation import questions_to_review
from quizzes.generation.source import Source
from quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db

NOTES = (
    "Title: Wars\n"
    "The Wars\n"
    "1. The treaty was signed in 1921.\n"
    "  - Its border was redrawn in 1923.\n"
)


def test_numbered_and_nested_items_are_bullets_without_markers(make_lecture):
    source = Source.load(make_lecture(NOTES))

    assert [bullet.raw for bullets in source.bullets.values() for bullet in bullets] == [
        "The treaty was signed in 1921.",
        "Its border was redrawn in 1923.",
    ]


def test_a_question_from_a_numbered_item_is_not_stale_while_the_item_stays(make_lecture):
    lecture = make_lecture(NOTES)
    quiz = Quiz.objects.create(lecture=lecture, title="Q", generated=True)
    Question.objects.create(
        quiz=quiz,
        kind="true_false",
        prompt="p",
        rule="tf",
        source="Its border was redrawn in 1923.",
    )

    assert questions_to_review(lecture) == []
