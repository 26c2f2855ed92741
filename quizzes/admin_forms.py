"""Admin-only forms: the answer-key rules a question's choices must meet.

One function, `answer_key_problems`, states the rules; the question page's choice
formset, the quiz page's question inline and the publish action all ask it, so an
instructor meets the same wording wherever a key is incomplete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms

from .models import Choice, Question

Kind = Question.Kind


@dataclass(frozen=True)
class KeyRow:
    text: str
    is_correct: bool = False
    match_text: str = ""
    order_key: int | None = None

    @classmethod
    def of(cls, choice: Choice) -> KeyRow:
        return cls(choice.text, choice.is_correct, choice.match_text, choice.order_key)


def _ticked(n: int) -> str:
    return "none is ticked" if n == 0 else f"{n} are ticked"


def answer_key_problems(kind: str, rows: Iterable[KeyRow]) -> list[str]:
    """What stops these choices from forming a gradable key for `kind`; [] if nothing."""
    rows = list(rows)
    n = len(rows)
    n_correct = sum(1 for row in rows if row.is_correct)
    problems = []
    if kind == Kind.SINGLE:
        if n < 2:
            problems.append(f"A single-choice question needs at least two choices; it has {n}.")
        if n_correct != 1:
            problems.append(
                "A single-choice question needs exactly one correct choice; "
                f"{_ticked(n_correct)}. Use “Multiple choice” for several right answers."
            )
    elif kind == Kind.TRUE_FALSE:
        if n != 2:
            problems.append(
                "A true-or-false question needs exactly two choices, “True” and “False”; "
                f"it has {n}."
            )
        if n_correct != 1:
            problems.append(
                f"A true-or-false question needs exactly one correct choice; {_ticked(n_correct)}."
            )
    elif kind == Kind.MULTIPLE:
        if n < 2:
            problems.append(f"A multiple-choice question needs at least two choices; it has {n}.")
        if n_correct == 0:
            problems.append("A multiple-choice question needs at least one correct choice.")
    elif kind == Kind.SHORT_ANSWER:
        if n == 0:
            problems.append(
                "A short-answer question needs at least one accepted answer: add it as a choice."
            )
    elif kind == Kind.MATCHING:
        if n < 2:
            problems.append(f"A matching question needs at least two pairs; it has {n}.")
        for row in rows:
            if not row.match_text.strip():
                problems.append(f"“{row.text}” has no match: fill in its match text.")
        repeated = [
            t for t, k in Counter(r.match_text.strip() for r in rows).items() if t and k > 1
        ]
        for text in repeated:
            problems.append(
                f"The match text “{text}” appears more than once; students could not tell "
                "the pairs apart."
            )
    elif kind == Kind.ORDERING:
        if n < 2:
            problems.append(f"An ordering question needs at least two items; it has {n}.")
        for row in rows:
            if row.order_key is None:
                problems.append(f"“{row.text}” has no order key: give it its place, 1 first.")
        keys = Counter(row.order_key for row in rows if row.order_key is not None)
        for key, count in sorted(keys.items()):
            if count > 1:
                problems.append(
                    f"The order key {key} is used {count} times; each item needs its own."
                )
    return problems


def question_problems(question: Question) -> list[str]:
    """Problems of a saved question's key (uses prefetched choices when present)."""
    return answer_key_problems(question.kind, [KeyRow.of(c) for c in question.choices.all()])


class ChoiceFormSet(forms.BaseInlineFormSet):
    """A question's choices; together they must form a key for the question's kind.

    The parent form is validated first, so `self.instance.kind` is the kind just posted.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue  # an untouched blank row
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            rows.append(
                KeyRow(
                    data.get("text", ""),
                    bool(data.get("is_correct")),
                    data.get("match_text", ""),
                    data.get("order_key"),
                )
            )
        kind = self.instance.kind
        if kind not in Kind.values:
            return  # the question form reports the bad kind
        problems = answer_key_problems(kind, rows)
        if problems:
            raise forms.ValidationError(problems)


class QuestionForm(forms.ModelForm):
    """A question on its own page; its section must come from the quiz's lecture."""

    class Meta:
        model = Question
        fields = ["quiz", "kind", "prompt", "explanation", "section", "points", "position"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "explanation": forms.Textarea(attrs={"rows": 3, "cols": 80}),
        }

    def clean(self):
        data = super().clean()
        quiz = data.get("quiz") or (self.instance.quiz if self.instance.quiz_id else None)
        section = data.get("section")
        if quiz is not None and section is not None and section.lecture_id != quiz.lecture_id:
            self.add_error(
                "section", f"Choose a section of the quiz's lecture, “{quiz.lecture.title}”."
            )
        return data


class QuestionInlineForm(forms.ModelForm):
    """A question row on the quiz page, where its choices cannot be seen or edited.

    Changing the kind of a saved question is accepted only when its saved choices
    fit the new kind; otherwise the instructor changes both on the question's page.
    """

    class Meta:
        model = Question
        fields = ["kind", "prompt", "explanation", "section", "points", "position"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "explanation": forms.Textarea(attrs={"rows": 2, "cols": 80}),
        }

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if self.instance.pk and kind and "kind" in self.changed_data:
            rows = [KeyRow.of(c) for c in self.instance.choices.all()]
            problems = answer_key_problems(kind, rows)
            if problems:
                self.add_error(
                    "kind",
                    "The saved choices do not fit this kind: "
                    + " ".join(problems)
                    + " Change the kind and the choices together on the question's page.",
                )
        return data


class QuestionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        lecture_id = self.instance.lecture_id
        for form in self.forms:
            section = getattr(form, "cleaned_data", {}).get("section")
            if section is not None and lecture_id and section.lecture_id != lecture_id:
                form.add_error("section", "Choose a section of this quiz's lecture.")
