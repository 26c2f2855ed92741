"""Grading of every question kind, including the edge cases students hit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.grading import correct_response, fold, grade_answer

pytestmark = pytest.mark.django_db


def q(quiz, position):
    return quiz.questions.get(position=position)


def ids(question, *texts):
    return [question.choices.get(text=t).pk for t in texts]


def test_single_choice(quiz):
    question = q(quiz, 0)
    right, wrong = ids(question, "A plate sliding under another", "A volcano")
    assert grade_answer(question, {"choice": right}) == (True, Decimal("1.00"))
    assert grade_answer(question, {"choice": wrong}) == (False, Decimal("0.00"))
    assert grade_answer(question, {}) == (False, Decimal("0.00"))
    assert grade_answer(question, {"choice": "1"}) == (False, Decimal("0.00"))


def test_multiple_choice_partial_credit_and_guessing_penalty(quiz):
    question = q(quiz, 1)
    fossils, rocks, tides = ids(question, "Matching fossils", "Matching rock layers", "Tides")
    assert grade_answer(question, {"choices": [fossils, rocks]}) == (True, Decimal("1.00"))
    assert grade_answer(question, {"choices": [fossils]}) == (False, Decimal("0.50"))
    # A wrong pick cancels a right one; ticking everything earns nothing.
    assert grade_answer(question, {"choices": [fossils, tides]}) == (False, Decimal("0.00"))
    assert grade_answer(question, {"choices": [fossils, rocks, tides]}) == (False, Decimal("0.50"))
    assert grade_answer(question, {"choices": []}) == (False, Decimal("0.00"))
    # Ids from another question are ignored, not counted.
    assert grade_answer(question, {"choices": [fossils, rocks, 999999]})[0] is True


def test_true_false(quiz):
    question = q(quiz, 2)
    true, false = ids(question, "True", "False")
    assert grade_answer(question, {"choice": true})[0] is True
    assert grade_answer(question, {"choice": false})[0] is False


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("Wegener", True),
        ("  wegener ", True),
        ("ALFRED   WEGENER", True),
        ("Wégener", True),
        ("Wegner", False),
        ("", False),
    ],
)
def test_short_answer_folds_case_accents_whitespace(quiz, text, right):
    assert grade_answer(q(quiz, 3), {"text": text})[0] is right


def test_fold():
    assert fold("  Crème   BRÛLÉE\t") == "creme brulee"


def test_matching_scores_each_pair(quiz):
    question = q(quiz, 4)
    sub, ridge, pangaea = ids(question, "Subduction", "Ridge", "Pangaea")
    perfect = {str(sub): sub, str(ridge): ridge, str(pangaea): pangaea}
    assert grade_answer(question, {"pairs": perfect}) == (True, Decimal("2.00"))
    swapped = {str(sub): ridge, str(ridge): sub, str(pangaea): pangaea}
    assert grade_answer(question, {"pairs": swapped}) == (False, Decimal("0.67"))
    assert grade_answer(question, {"pairs": "nonsense"}) == (False, Decimal("0.00"))


def test_ordering_scores_items_in_place(quiz):
    question = q(quiz, 5)
    first, second, third = ids(question, "Pangaea forms", "Pangaea breaks up", "Wegener's proposal")
    assert grade_answer(question, {"order": [first, second, third]}) == (True, Decimal("2.00"))
    assert grade_answer(question, {"order": [second, first, third]}) == (False, Decimal("0.67"))
    assert grade_answer(question, {"order": [third, first, second]}) == (False, Decimal("0.00"))
    assert grade_answer(question, {"order": [first]}) == (False, Decimal("0.67"))


def test_correct_response_earns_full_marks_for_every_kind(quiz):
    for question in quiz.questions.all():
        assert grade_answer(question, correct_response(question))[0] is True, question.kind
