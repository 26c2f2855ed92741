"""Question kinds, one module each: how a kind is asked, answered, graded and checked.

    kind_for(question or Question.Kind value) -> QuestionKind
    KINDS                                     {Question.Kind value: QuestionKind}

Each kind (quizzes.kinds.single, .multiple, .true_false, .short_answer, .matching,
.ordering) owns its answer form's fields and their parsing into a stored response,
its scoring and full-marks response, its answer-key checks and summary, the words
that describe a response, what a quiz's results count among its answers, and its
template (templates/quizzes/kinds/). The rest of the app asks the kind instead of
branching on `question.kind`.

Kinds sit with the read models: they import the models and Django, never the
forms, views, admin or services that use them.
"""

from __future__ import annotations

from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured

from ..models import Question
from .base import KeyRow, QuestionKind, Sheet, Tally, Unrecognised, token
from .matching import Matching
from .multiple import Multiple
from .ordering import Ordering
from .short_answer import ShortAnswer
from .single import Single
from .true_false import TrueFalse

__all__ = ["KINDS", "KeyRow", "QuestionKind", "Sheet", "Tally", "kind_for", "token"]

KINDS = MappingProxyType(
    {
        kind.value: kind
        for kind in (Single(), Multiple(), TrueFalse(), ShortAnswer(), Matching(), Ordering())
    }
)
# A value added to Question.Kind without its module would otherwise be asked,
# graded and checked as nothing at all: refuse to start instead.
if missing := set(Question.Kind.values) - KINDS.keys():
    raise ImproperlyConfigured(f"Question kinds without a module in quizzes.kinds: {missing}")

UNRECOGNISED = Unrecognised()


def kind_for(question_or_value: Question | str) -> QuestionKind:
    """The kind of a question, or of a `Question.Kind` value."""
    value = question_or_value.kind if isinstance(question_or_value, Question) else question_or_value
    return KINDS.get(value, UNRECOGNISED)
