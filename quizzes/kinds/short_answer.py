"""Short answer: a few words typed in, checked against the accepted answers.

Response: {"text": "..."}. The question's choices are its accepted answers; a
response earns full marks when it equals one of them once case, accents and
spacing are set aside (`fold`), and nothing otherwise.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from django import forms
from django.utils.translation import gettext

from ..models import Choice, Question
from .base import KeyRow, QuestionKind, Sheet

MAX_TEXT = 200


def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a short answer."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


class ShortAnswer(QuestionKind):
    value = Question.Kind.SHORT_ANSWER
    template_name = "quizzes/kinds/short_answer.html"
    typed_key = "text"

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        field = forms.CharField(
            max_length=MAX_TEXT, required=False, label=sheet.question.prompt, strip=True
        )
        return {sheet.name: field}

    def initial(self, sheet: Sheet, response: dict) -> dict:
        return {sheet.name: response.get("text", "")}

    def response(self, sheet: Sheet, data: dict) -> dict:
        text = data.get(sheet.name) or ""
        return {"text": text} if text else {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        given = fold(str(response.get("text", "")))
        accepted = {fold(c.text) for c in choices}
        return Fraction(1) if given and given in accepted else Fraction(0)

    def correct_response(self, choices: list[Choice]) -> dict:
        return {"text": choices[0].text if choices else ""}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        return [response["text"]] if response.get("text") else []

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        if not rows:
            return [
                gettext(
                    "A short-answer question needs at least one accepted answer: "
                    "add it as a choice."
                )
            ]
        return []

    def key_summary(self, choices: list[Choice]) -> str:
        return gettext("Accepted: %(answers)s") % {"answers": " / ".join(c.text for c in choices)}
