"""Writes on attempts: start, save an answer, submit and grade, regrade.

Every write locks the attempt row first (select_for_update; SQLite's IMMEDIATE
transactions serialise writers the same way), so a save racing a submit, or two
submits racing each other, see each other's result: an attempt is graded once.

A quiz's dates (Quiz.opens_at, closes_at): outside them a student starts no
attempt and saves no answer (its teachers may, to try it, as they try a draft).
An attempt in progress when the quiz closes ends then, as at its time limit
(Attempt.ends_at): answers are refused from then on, and the attempt is graded on
the answers saved before, marked late, when it is submitted or next opened.
Nothing saved is lost.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from lectures.teaching import summaries

from . import access
from .grading import grade_answer
from .models import Answer, Attempt, Choice, Question, Quiz, when
from .signals import attempt_scored_on_commit


class AttemptError(Exception):
    """A request the rules refuse; the message is shown to the student."""


def questions_for(quiz: Quiz) -> list[Question]:
    return list(
        # Pages link to a question's section; its body can be large and is never shown.
        quiz.questions.select_related("section")
        .defer("section__body")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("pk")))
    )


def submitted_count(quiz: Quiz, user) -> int:
    return Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=False).count()


@transaction.atomic
def attempt_start(*, quiz: Quiz, user) -> Attempt:
    """Resume the open attempt or start a new one within the quiz's limits and dates."""
    open_attempt = Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    shut = quiz.shut_reason(timezone.now())
    if shut and not access.tries_outside_dates(user, quiz):
        raise AttemptError(shut)
    if quiz.max_attempts and submitted_count(quiz, user) >= quiz.max_attempts:
        raise AttemptError(
            ngettext(
                "You have used all %(n)d attempt at this quiz.",
                "You have used all %(n)d attempts at this quiz.",
                quiz.max_attempts,
            )
            % {"n": quiz.max_attempts}
        )
    now = timezone.now()
    try:
        # A savepoint, so a lost race (another tab started one) leaves the
        # transaction usable for fetching the winner.
        with transaction.atomic():
            return Attempt.objects.create(
                quiz=quiz,
                user=user,
                started_at=now,
                deadline=now + quiz.time_limit if quiz.time_limit else None,
                seed=secrets.randbelow(2**31),
            )
    except IntegrityError:
        return Attempt.objects.get(quiz=quiz, user=user, submitted_at__isnull=True)


def _locked(attempt_id: int) -> Attempt:
    return Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt_id)


@transaction.atomic
def answer_save(
    *, attempt: Attempt, question: Question, response: dict, check: bool = False
) -> Answer:
    """Store a response; with `check` (immediate feedback) grade it and make it final."""
    locked = _locked(attempt.pk)
    if not locked.is_open:
        raise AttemptError(
            gettext("This attempt has been submitted; its answers can no longer change.")
        )
    now = timezone.now()
    quiz = locked.quiz
    # Begun before the instructor moved the opening later: it waits for the opening.
    if quiz.not_open_yet(now) and not access.tries_outside_dates(locked.user, quiz):
        raise AttemptError(
            gettext(
                "This quiz opens on %(opens)s: answers can be saved from then. "
                "The answers you saved before are kept."
            )
            % {"opens": when(quiz.opens_at)}
        )
    if locked.time_is_up(now):
        if locked.ended_by_closing:
            raise AttemptError(
                gettext(
                    "This quiz closed on %(closes)s: answers can no longer be "
                    "saved. The answers you saved before then are kept and graded."
                )
                % {"closes": when(locked.ends_at)}
            )
        raise AttemptError(
            gettext("Time is up: answers can no longer be saved. Submit the attempt.")
        )
    answer = Answer.objects.filter(attempt=locked, question=question).first()
    if answer is not None and answer.checked:
        raise AttemptError(gettext("You have already checked this answer; it cannot be changed."))
    if answer is None:
        answer = Answer(attempt=locked, question=question)
    answer.response = response
    answer.saved_at = now
    if check:
        answer.is_correct, answer.points_awarded = grade_answer(question, response)
        answer.checked = True
    answer.save()
    return answer


@dataclass
class SubmitResult:
    attempt: Attempt
    graded_now: bool


def _grade(attempt: Attempt, questions: list[Question]) -> list[tuple[Answer, bool]]:
    """Grade every question of the attempt; returns (answer, changed) pairs."""
    answers = {a.question_id: a for a in attempt.answers.all()}
    total = Decimal(0)
    maximum = Decimal(0)
    out = []
    for question in questions:
        answer = answers.get(question.pk) or Answer(attempt=attempt, question=question, response={})
        is_correct, points = grade_answer(question, answer.response)
        changed = (answer.is_correct, answer.points_awarded) != (is_correct, points)
        answer.is_correct, answer.points_awarded = is_correct, points
        total += points
        maximum += question.points
        out.append((answer, changed))
    attempt.score = total
    attempt.max_score = maximum
    # Floor, and compare exact points: 69.9% is not a pass at a 70% mark.
    attempt.percent = int(100 * total // maximum) if maximum else 0
    attempt.passed = bool(maximum) and total * 100 >= attempt.quiz.pass_mark * maximum
    return out


def _save_grades(graded: list[tuple[Answer, bool]]) -> None:
    new = [answer for answer, _ in graded if answer.pk is None]
    changed = [answer for answer, was_changed in graded if answer.pk and was_changed]
    Answer.objects.bulk_create(new)
    Answer.objects.bulk_update(changed, ["is_correct", "points_awarded"])


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> SubmitResult:
    """Grade and close the attempt, once: a second submit returns the first result."""
    locked = _locked(attempt.pk)
    if not locked.is_open:
        return SubmitResult(locked, graded_now=False)
    now = timezone.now()
    # Saves after the deadline (or the quiz's closing) are refused, so what is stored
    # is the answer sheet as of then; a late submit is graded on it and marked late.
    locked.late = locked.time_is_up(now)
    locked.submitted_at = min(now, locked.ends_at) if locked.late else now
    _save_grades(_grade(locked, questions_for(locked.quiz)))
    locked.save(update_fields=["submitted_at", "late", "score", "max_score", "percent", "passed"])
    # The report's best score for the lecture moves with the grade, in this transaction.
    lecture = locked.quiz.lecture
    summaries.summary_lock(user=locked.user_id, course=lecture.course_id)
    summaries.summary_refresh(user=locked.user_id, lecture=lecture)
    attempt_scored_on_commit(quiz_id=locked.quiz_id, user_id=locked.user_id, attempt_id=locked.pk)
    return SubmitResult(locked, graded_now=True)


def attempt_close_if_expired(attempt: Attempt) -> Attempt:
    """An open attempt whose time is up (or whose quiz has closed) is submitted as
    it stands."""
    if attempt.is_open and attempt.time_is_up():
        return attempt_submit(attempt=attempt).attempt
    return attempt


@dataclass
class RegradeChange:
    attempt: Attempt
    old_percent: int | None
    new_percent: int | None
    old_passed: bool | None
    new_passed: bool | None


@transaction.atomic
def quiz_regrade(*, quiz: Quiz) -> list[RegradeChange]:
    """Re-grade every submitted attempt against the current answer key.

    Returns the attempts whose score or pass/fail changed.
    """
    questions = questions_for(quiz)
    changes = []
    attempts = (
        Attempt.objects.select_for_update()
        .filter(quiz=quiz, submitted_at__isnull=False)
        .select_related("quiz", "user")
        .prefetch_related("answers")
    )
    for attempt in attempts:
        before = (attempt.score, attempt.percent, attempt.passed)
        old_percent, old_passed = attempt.percent, attempt.passed
        _save_grades(_grade(attempt, questions))
        if (attempt.score, attempt.percent, attempt.passed) != before:
            attempt.save(update_fields=["score", "max_score", "percent", "passed"])
            changes.append(
                RegradeChange(attempt, old_percent, attempt.percent, old_passed, attempt.passed)
            )
    if changes:
        summaries.summaries_rebuild(course=quiz.lecture.course, lecture=quiz.lecture)
    # One announcement per student whose grade may have moved, not per attempt.
    for change in {change.attempt.user_id: change for change in changes}.values():
        attempt = change.attempt
        attempt_scored_on_commit(quiz_id=quiz.pk, user_id=attempt.user_id, attempt_id=attempt.pk)
    return changes
