"""Multiple choice: any number of right choices, picked with checkboxes.

Response: {"choices": [<choice id>, ...]}. Partial credit: (right picks − wrong
picks) / right choices, never below zero, so ticking everything earns nothing. Ids
that are not the question's own are ignored.
"""

from __future__ import annotations

import operator
from fractions import Fraction
from functools import reduce

from django import forms
from django.db.models import Q
from django.utils.translation import gettext

from ..models import Choice, Question
from .base import KeyRow, QuestionKind, Sheet, Tally, ids


class Multiple(QuestionKind):
    value = Question.Kind.MULTIPLE
    template_name = "quizzes/kinds/multiple.html"

    def fields(self, sheet: Sheet) -> dict[str, forms.Field]:
        field = forms.MultipleChoiceField(
            choices=sheet.options(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=sheet.question.prompt,
        )
        return {sheet.name: field}

    def initial(self, sheet: Sheet, response: dict) -> dict:
        picked = response.get("choices") or []
        return {sheet.name: [sheet.token(pk) for pk in picked if isinstance(pk, int)]}

    def response(self, sheet: Sheet, data: dict) -> dict:
        by_token = sheet.by_token()
        picked = sorted(by_token[t].pk for t in data.get(sheet.name) or [])
        return {"choices": picked} if picked else {}

    def score(self, choices: list[Choice], response: dict) -> Fraction:
        correct = {c.pk for c in choices if c.is_correct}
        picked = set(ids(response.get("choices"))) & {c.pk for c in choices}
        if not correct:
            return Fraction(1) if not picked else Fraction(0)
        earned = len(picked & correct) - len(picked - correct)
        return Fraction(max(0, earned), len(correct))

    def correct_response(self, choices: list[Choice]) -> dict:
        return {"choices": [c.pk for c in choices if c.is_correct]}

    def describe(self, choices: list[Choice], response: dict) -> list[str]:
        by_id = {c.pk: c for c in choices}
        return [by_id[pk].text for pk in response.get("choices") or [] if pk in by_id]

    def tallies(self, choices: list[Choice]) -> list[Tally]:
        # A response lists at most every choice once: the choice is at one of the
        # list's first len(choices) places (array indexes read alike on every database).
        def picked(choice: Choice) -> Q:
            places = [Q(**{f"response__choices__{i}": choice.pk}) for i in range(len(choices))]
            return reduce(operator.or_, places)

        return [Tally(c, "", c.is_correct, picked(c)) for c in choices]

    def key_problems(self, rows: list[KeyRow]) -> list[str]:
        n, n_correct = len(rows), sum(1 for row in rows if row.is_correct)
        problems = []
        if n < 2:
            problems.append(
                gettext("A multiple-choice question needs at least two choices; it has %(n)d.")
                % {"n": n}
            )
        if n_correct == 0:
            problems.append(
                gettext("A multiple-choice question needs at least one correct choice.")
            )
        return problems
