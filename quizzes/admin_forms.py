"""Admin-only forms: the answer-key rules a question's choices must meet.

One function, `answer_key_problems`, gives the rules (each kind states its own, in
quizzes.kinds); the question page's choice formset, the quiz page's question inline
and the publish action all ask it, so an instructor meets the same wording wherever
a key is incomplete.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext

from .kinds import KeyRow, kind_for
from .models import Question

Kind = Question.Kind


def answer_key_problems(kind: str, rows: Iterable[KeyRow]) -> list[str]:
    """What stops these choices from forming a gradable key for `kind`; [] if nothing."""
    return kind_for(kind).key_problems(list(rows))


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
                "section",
                gettext("Choose a section of the quiz's lecture, “%(lecture)s”.")
                % {"lecture": quiz.lecture.title},
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
                    gettext(
                        "The saved choices do not fit this kind: %(problems)s "
                        "Change the kind and the choices together on the question's page."
                    )
                    % {"problems": " ".join(problems)},
                )
        return data


class QuestionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        lecture_id = self.instance.lecture_id
        for form in self.forms:
            section = getattr(form, "cleaned_data", {}).get("section")
            if section is not None and lecture_id and section.lecture_id != lecture_id:
                form.add_error("section", gettext("Choose a section of this quiz's lecture."))
