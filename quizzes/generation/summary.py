"""Words for a drafted quiz: how many questions of each kind."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import ngettext

from ..models import Question, Quiz

Kind = Question.Kind


def quiz_summary(quiz: Quiz) -> str:
    """ "12 questions — 4 single choice, 4 true or false, 1 matching, 1 ordering"."""
    counts = Counter(quiz.questions.values_list("kind", flat=True))
    total = sum(counts.values())
    parts = [f"{counts[kind]} {label.lower()}" for kind, label in Kind.choices if counts[kind]]
    questions = ngettext("%(count)d question", "%(count)d questions", total) % {"count": total}
    return f"{questions} — {', '.join(parts)}"
