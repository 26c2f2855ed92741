"""Single choice: one right choice among several, picked with radio buttons.

Response: {"choice": <choice id>}. Full marks for the right choice, nothing otherwise.
"""

from __future__ import annotations

from fractions import Fraction

from django import forms
from django.db.models import Q
from django.utils.translation import gettext

from ..models import Choice, Question
from .base import KeyRow, QuestionKind, Sheet, Tally, ticked


class Single(QuestionKind):
    value = Question.Kind.SINGLE
    template_name = "quizzes/kinds/single.html"

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        field = forms.ChoiceField(
            choices=sheet.options(),
            widget=forms.RadioSelect,
            required=False,
            label=sheet.question.prompt,
        )
        return {sheet.name: field}

    def initial(self, sheet: Sheet, response: dict) -> dict:
        if response.get("choice"):
            return {sheet.name: sheet.token(response["choice"])}
        return {}

    def response(self, sheet: Sheet, data: dict) -> dict:
        choice = sheet.by_token().get(data.get(sheet.name) or "")
        return {"choice": choice.pk} if choice else {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        correct = {c.pk for c in choices if c.is_correct}
        return Fraction(1) if response.get("choice") in correct else Fraction(0)

    def correct_response(self, choices: list[Choice]) -> dict:
        return {"choice": next((c.pk for c in choices if c.is_correct), None)}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        choice = {c.pk: c for c in choices}.get(response.get("choice"))
        return [choice.text] if choice else []

    def tallies(self, choices: list[Choice]) -> list[Tally]:
        return [Tally(c, "", c.is_correct, Q(response__choice=c.pk)) for c in choices]

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        n, n_correct = len(rows), sum(1 for row in rows if row.is_correct)
        problems = []
        if n < 2:
            problems.append(
                gettext("A single-choice question needs at least two choices; it has %(n)d.")
                % {"n": n}
            )
        if n_correct != 1:
            problems.append(
                gettext(
                    "A single-choice question needs exactly one correct choice; "
                    "%(ticked)s. Use “Multiple choice” for several right answers."
                )
                % {"ticked": ticked(n_correct)}
            )
        return problems
