"""The answer form of one question, built per attempt.

Choices reach the page only as per-attempt tokens (an HMAC of the attempt and the
choice), in an order shuffled per attempt when the quiz asks for it (never for true
or false, whose two options are always both shown) and always for matching and
ordering, where the stored order would give the answer away. The page therefore
carries no id, flag or order that tells which answer is right, and a tampered
value simply fails validation.
"""

from __future__ import annotations

import random

from django import forms
from django.utils.crypto import salted_hmac

from .models import Attempt, Choice, Question

Kind = Question.Kind
MAX_TEXT = 200


def token(attempt: Attempt, choice_id: int, side: str = "c") -> str:
    return salted_hmac(
        f"quizzes.choice.{side}", f"{attempt.pk}:{attempt.seed}:{choice_id}"
    ).hexdigest()[:16]


def presented(attempt: Attempt, question: Question, salt: str = "") -> list[Choice]:
    """The question's choices in this attempt's order.

    Matching and ordering are always shuffled, and uniformly: a rule such as
    "never the stored order" would itself be a tell (with two items it would
    always show the reverse of the answer). True or false never is: both options
    are always shown, so "True" then "False", as stored, tells nothing, and a
    "False" that comes first only trips readers up.
    """
    choices = list(question.choices.all())
    if question.kind == Kind.TRUE_FALSE:
        return choices
    if attempt.quiz.shuffle or question.kind in (Kind.MATCHING, Kind.ORDERING):
        random.Random(f"{attempt.seed}:{question.pk}:{salt}").shuffle(choices)
    return choices


class AnswerForm(forms.Form):
    """Fields for one question, named `q<question pk>…`; `response()` gives ids."""

    def __init__(self, *args, attempt: Attempt, question: Question, initial_response=None, **kw):
        super().__init__(*args, **kw)
        self.attempt, self.question = attempt, question
        self.prefix_name = f"q{question.pk}"
        self.choices = presented(attempt, question)
        self._by_token = {token(attempt, c.pk): c for c in self.choices}
        response = initial_response if isinstance(initial_response, dict) else {}
        name, kind = self.prefix_name, question.kind
        options = [(token(attempt, c.pk), c.text) for c in self.choices]
        if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
            self.fields[name] = forms.ChoiceField(
                choices=options, widget=forms.RadioSelect, required=False, label=question.prompt
            )
            if response.get("choice"):
                self.initial[name] = token(attempt, response["choice"])
        elif kind == Kind.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                choices=options,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=question.prompt,
            )
            picked = response.get("choices") or []
            self.initial[name] = [token(attempt, pk) for pk in picked if isinstance(pk, int)]
        elif kind == Kind.SHORT_ANSWER:
            self.fields[name] = forms.CharField(
                max_length=MAX_TEXT, required=False, label=question.prompt, strip=True
            )
            self.initial[name] = response.get("text", "")
        elif kind == Kind.MATCHING:
            rights = presented(attempt, question, salt="right")
            right_options = [("", "Choose…")] + [
                (token(attempt, c.pk, "r"), c.match_text) for c in rights
            ]
            self._right_by_token = {token(attempt, c.pk, "r"): c for c in rights}
            pairs = response.get("pairs") or {}
            for choice in self.choices:
                field = f"{name}-{token(attempt, choice.pk, 'l')}"
                self.fields[field] = forms.ChoiceField(
                    choices=right_options, required=False, label=choice.text
                )
                if isinstance(pairs, dict) and pairs.get(str(choice.pk)):
                    self.initial[field] = token(attempt, pairs[str(choice.pk)], "r")
        elif kind == Kind.ORDERING:
            places = [("", "—")] + [(str(i), str(i)) for i in range(1, len(self.choices) + 1)]
            order = response.get("order") or []
            for choice in self.choices:
                field = f"{name}-{token(attempt, choice.pk, 'l')}"
                self.fields[field] = forms.ChoiceField(
                    choices=places, required=False, label=choice.text
                )
                if choice.pk in order:
                    self.initial[field] = str(order.index(choice.pk) + 1)

    @property
    def main_field(self):
        """The single field of choice and text questions (None for matching/ordering)."""
        return self[self.prefix_name] if self.prefix_name in self.fields else None

    def item_fields(self):
        """Matching/ordering rows, in presentation order."""
        return [self[name] for name in self.fields if name != self.prefix_name]

    def clean(self):
        data = super().clean()
        if self.question.kind == Kind.ORDERING:
            places = [data.get(name) for name in self.fields if data.get(name)]
            if len(places) != len(set(places)):
                raise forms.ValidationError("Give each item a different place.")
        return data

    def response(self) -> dict:
        """The cleaned answer in choice ids, the shape grading.py expects."""
        data, name, kind = self.cleaned_data, self.prefix_name, self.question.kind
        if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
            choice = self._by_token.get(data.get(name) or "")
            return {"choice": choice.pk} if choice else {}
        if kind == Kind.MULTIPLE:
            picked = sorted(self._by_token[t].pk for t in data.get(name) or [])
            return {"choices": picked} if picked else {}
        if kind == Kind.SHORT_ANSWER:
            text = data.get(name) or ""
            return {"text": text} if text else {}
        left = {f"{name}-{token(self.attempt, c.pk, 'l')}": c for c in self.choices}
        if kind == Kind.MATCHING:
            pairs = {}
            for field, choice in left.items():
                right = self._right_by_token.get(data.get(field) or "")
                if right:
                    pairs[str(choice.pk)] = right.pk
            return {"pairs": pairs} if pairs else {}
        if kind == Kind.ORDERING:
            placed = sorted(
                (int(data[field]), choice.pk) for field, choice in left.items() if data.get(field)
            )
            return {"order": [pk for _, pk in placed]} if placed else {}
        return {}

    def is_blank(self) -> bool:
        return not self.response()
