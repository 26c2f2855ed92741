"""The answer form of one question, built per attempt.

The question's kind (quizzes.kinds) gives the fields, their initial values, the
checks across fields and the response they make. Choices reach the page only as
per-attempt tokens (`token`), in an order of the attempt's own where the kind or the
quiz asks for one (`presented`), so the page carries no id, flag or order that tells
which answer is right, and a tampered value simply fails validation.
"""

from __future__ import annotations

from django import forms

from .kinds import Sheet, kind_for, token
from .models import Attempt, Choice, Question

__all__ = ["AnswerForm", "presented", "token"]


def presented(attempt: Attempt, question: Question, salt: str = "") -> list[Choice]:
    """The question's choices in this attempt's order (see each kind's `shuffle`)."""
    return kind_for(question).presented(attempt, question, salt)


class AnswerForm(forms.Form):
    """Fields for one question, named `q<question pk>…`; `response()` gives ids."""

    def __init__(self, *args, attempt: Attempt, question: Question, initial_response=None, **kw):
        super().__init__(*args, **kw)
        self.attempt, self.question = attempt, question
        self.kind = kind_for(question)
        self.sheet = Sheet(attempt, question, self.kind.presented(attempt, question))
        self.prefix_name = self.sheet.name
        response = initial_response if isinstance(initial_response, dict) else {}
        self.fields.update(self.kind.fields(self.sheet))
        self.initial.update(self.kind.initial(self.sheet, response))

    @property
    def main_field(self):
        """The single field of choice and text questions (None for matching/ordering)."""
        return self[self.prefix_name] if self.prefix_name in self.fields else None

    def item_fields(self):
        """Matching/ordering rows, in presentation order."""
        return [self[name] for name in self.fields if name != self.prefix_name]

    def listed_answers(self):
        """The answers listed once above the rows (matching's, lettered)."""
        return self.kind.listed_answers(self.sheet)

    def clean(self):
        data = super().clean()
        self.kind.clean(self.sheet, data)
        return data

    def response(self) -> dict:
        """The cleaned answer in choice ids, the shape grading.py expects."""
        return self.kind.response(self.sheet, self.cleaned_data)

    def is_blank(self) -> bool:
        return not self.response()
