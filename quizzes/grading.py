"""Grading of one answer, kind by kind; pure functions of a question and a response.

Responses are stored in choice ids (the page only ever sees per-attempt tokens):
    single, true_false  {"choice": id}
    multiple            {"choices": [id, ...]}
    short_answer        {"text": "..."}
    matching            {"pairs": {"<left choice id>": <right choice id>, ...}}
    ordering            {"order": [id, ...]}   first to last

Partial credit: multiple choice scores (right picks − wrong picks) / right choices,
never below zero, so ticking everything earns nothing. Matching and ordering score
the share of pairs matched / items in their right place. The answer counts as
correct only when it earns full marks.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .models import Choice, Question

Kind = Question.Kind


def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a short answer."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _choices(question: Question) -> list[Choice]:
    return list(question.choices.all())


def _ids(values) -> list[int]:
    out = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(value)
    return out


def score_fraction(question: Question, response: dict | None) -> Fraction:
    """The share of the question's points earned, from 0 to 1."""
    response = response if isinstance(response, dict) else {}
    choices = _choices(question)
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        correct = {c.pk for c in choices if c.is_correct}
        return Fraction(1) if response.get("choice") in correct else Fraction(0)
    if kind == Kind.MULTIPLE:
        correct = {c.pk for c in choices if c.is_correct}
        picked = set(_ids(response.get("choices"))) & {c.pk for c in choices}
        if not correct:
            return Fraction(1) if not picked else Fraction(0)
        earned = len(picked & correct) - len(picked - correct)
        return Fraction(max(0, earned), len(correct))
    if kind == Kind.SHORT_ANSWER:
        given = fold(str(response.get("text", "")))
        accepted = {fold(c.text) for c in choices}
        return Fraction(1) if given and given in accepted else Fraction(0)
    if kind == Kind.MATCHING:
        if not choices:
            return Fraction(0)
        pairs = response.get("pairs")
        pairs = pairs if isinstance(pairs, dict) else {}
        right = sum(1 for c in choices if pairs.get(str(c.pk)) == c.pk)
        return Fraction(right, len(choices))
    if kind == Kind.ORDERING:
        expected = [c.pk for c in sorted(choices, key=lambda c: (c.order_key or 0, c.pk))]
        if not expected:
            return Fraction(0)
        given = _ids(response.get("order"))
        right = sum(1 for a, b in zip(given, expected, strict=False) if a == b)
        return Fraction(right, len(expected))
    return Fraction(0)


def grade_answer(question: Question, response: dict | None) -> tuple[bool, Decimal]:
    """(is_correct, points awarded rounded to hundredths)."""
    fraction = score_fraction(question, response)
    points = (Decimal(fraction.numerator) / Decimal(fraction.denominator)) * question.points
    return fraction == 1, points.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def correct_response(question: Question) -> dict:
    """The full-marks response, for review pages and previews."""
    choices = _choices(question)
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        first = next((c.pk for c in choices if c.is_correct), None)
        return {"choice": first}
    if kind == Kind.MULTIPLE:
        return {"choices": [c.pk for c in choices if c.is_correct]}
    if kind == Kind.SHORT_ANSWER:
        return {"text": choices[0].text if choices else ""}
    if kind == Kind.MATCHING:
        return {"pairs": {str(c.pk): c.pk for c in choices}}
    if kind == Kind.ORDERING:
        ordered = sorted(choices, key=lambda c: (c.order_key or 0, c.pk))
        return {"order": [c.pk for c in ordered]}
    return {}
