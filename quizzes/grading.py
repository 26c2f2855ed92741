"""Grading of one answer; pure functions of a question and a response.

Responses are stored in choice ids (the page only ever sees per-attempt tokens);
each kind's module in quizzes.kinds documents its shape and how it scores:
    single, true_false  {"choice": id}
    multiple            {"choices": [id, ...]}
    short_answer        {"text": "..."}
    matching            {"pairs": {"<left choice id>": <right choice id>, ...}}
    ordering            {"order": [id, ...]}   first to last

Multiple choice, matching and ordering give partial credit; the answer counts as
correct only when it earns full marks. Scores are exact `Fraction`s until
`grade_answer` rounds the points to hundredths. The only query is
`question.choices.all()`, none when the choices are prefetched.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .kinds import kind_for
from .kinds.short_answer import fold
from .models import Question

__all__ = ["correct_response", "fold", "grade_answer", "score_fraction"]


def score_fraction(question: Question, response: dict | None) -> Fraction:
    """The share of the question's points earned, from 0 to 1."""
    response = response if isinstance(response, dict) else {}
    return kind_for(question).score(list(question.choices.all()), response)


def grade_answer(question: Question, response: dict | None) -> tuple[bool, Decimal]:
    """(is_correct, points awarded rounded to hundredths)."""
    fraction = score_fraction(question, response)
    points = (Decimal(fraction.numerator) / Decimal(fraction.denominator)) * question.points
    return fraction == 1, points.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def correct_response(question: Question) -> dict:
    """The full-marks response, for review pages and previews."""
    return kind_for(question).correct_response(list(question.choices.all()))
