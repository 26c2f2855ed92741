"""The registry of question kinds: every kind has its module, and each module agrees
with itself (its full-marks response scores full marks and survives its own form)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.template.loader import get_template

from quizzes import services
from quizzes.admin_forms import question_problems
from quizzes.forms import AnswerForm
from quizzes.grading import correct_response, grade_answer, score_fraction
from quizzes.kinds import KINDS, kind_for
from quizzes.models import Question

pytestmark = pytest.mark.django_db
ALL_KINDS = Question.Kind.values


def test_every_kind_value_has_a_kind_and_nothing_else_does():
    assert set(KINDS) == set(ALL_KINDS)


@pytest.mark.parametrize("value", ALL_KINDS)
def test_kind_for_finds_each_kind_by_value_and_by_question(value):
    kind = kind_for(value)
    assert kind.value == value
    assert KINDS[value] is kind
    assert kind_for(Question(kind=value)) is kind


@pytest.mark.parametrize("value", ALL_KINDS)
def test_each_kinds_correct_response_scores_full_marks(quiz, value):
    # The shared quiz has one question of every kind: a kind it lacks fails here.
    question = quiz.questions.prefetch_related("choices").get(kind=value)
    choices = list(question.choices.all())
    kind = kind_for(question)
    assert kind.score(choices, kind.correct_response(choices)) == Fraction(1)
    assert score_fraction(question, correct_response(question)) == Fraction(1)
    assert grade_answer(question, correct_response(question)) == (True, question.points)
    assert question_problems(question) == []
    assert kind.score(choices, {}) == Fraction(0)
    assert kind.describe(choices, {}) == []
    assert kind.describe(choices, kind.correct_response(choices))


@pytest.mark.parametrize("value", ALL_KINDS)
def test_each_kinds_form_gives_back_the_response_it_shows(quiz, student, value):
    question = quiz.questions.get(kind=value)
    attempt = services.attempt_start(quiz=quiz, user=student)
    right = correct_response(question)
    shown = AnswerForm(attempt=attempt, question=question, initial_response=right)
    data = {name: shown.initial[name] for name in shown.fields if name in shown.initial}
    posted = AnswerForm(data, attempt=attempt, question=question)
    assert posted.is_valid(), posted.errors
    assert posted.response() == right
    blank = AnswerForm({}, attempt=attempt, question=question)
    assert blank.is_valid() and blank.is_blank()


@pytest.mark.parametrize("kind", [*KINDS.values(), kind_for("no such kind")])
def test_each_kinds_template_has_its_partials(kind):
    get_template(kind.fields_template)
    get_template(kind.preview_template)


def test_a_stored_value_that_is_no_kind_is_asked_and_scored_as_nothing(quiz, student):
    question = quiz.questions.get(kind=Question.Kind.SINGLE)
    right = correct_response(question)
    question.kind = "no such kind"
    kind = kind_for(question)
    assert kind not in KINDS.values()
    assert score_fraction(question, right) == 0
    assert correct_response(question) == {}
    attempt = services.attempt_start(quiz=quiz, user=student)
    form = AnswerForm({}, attempt=attempt, question=question)
    assert not form.fields and form.is_valid() and form.response() == {}
    assert kind.key_problems([]) == []
