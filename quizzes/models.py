"""Quizzes on a lecture, their questions and choices, and students' attempts and answers.

Integrity lives in the database: one open attempt per (quiz, user) and one answer
per (attempt, question) are constraints, not hopes.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lectures.models import Lecture, Section

# A time limit is how long one sitting may last: longer than a day is no sitting,
# and the window in which students may take a quiz is its dates' to say. Without a
# bound, a limit of millions of days put a student's deadline past the last date
# Python knows, and every start failed.
TIME_LIMIT_MIN = timedelta(minutes=1)
TIME_LIMIT_MAX = timedelta(hours=24)


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        return self.filter(published=True)


class Quiz(models.Model):
    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately after each answer"
        ON_SUBMIT = "on_submit", "After the attempt is submitted"
        NEVER = "never", "Never (score only)"

    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    pass_mark = models.PositiveSmallIntegerField(
        default=70, validators=[MaxValueValidator(100)], help_text="Percentage needed to pass."
    )
    max_attempts = models.PositiveSmallIntegerField(default=0, help_text="0 means no limit.")
    time_limit = models.DurationField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(TIME_LIMIT_MIN, "A time limit is at least one minute (00:01:00)."),
            MaxValueValidator(TIME_LIMIT_MAX, "A time limit is at most 24 hours (24:00:00)."),
        ],
        help_text="Optional, e.g. 00:15:00 for fifteen minutes; at most 24:00:00.",
    )
    shuffle = models.BooleanField(default=False, help_text="Shuffle choices for each attempt.")
    feedback = models.CharField(max_length=20, choices=Feedback.choices, default=Feedback.ON_SUBMIT)
    generated = models.BooleanField(default=False, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["lecture", "title", "pk"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_lte_100"),
            models.CheckConstraint(
                condition=Q(time_limit__isnull=True)
                | Q(time_limit__range=(TIME_LIMIT_MIN, TIME_LIMIT_MAX)),
                name="quiz_time_limit_sane",
                violation_error_message="A time limit is between one minute and 24 hours.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        lecture = self.lecture
        return reverse("quizzes:quiz_detail", args=[lecture.course.slug, lecture.slug, self.pk])


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        TRUE_FALSE = "true_false", "True or false"
        SHORT_ANSWER = "short_answer", "Short answer"
        MATCHING = "matching", "Matching"
        ORDERING = "ordering", "Ordering"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    prompt = models.TextField()
    explanation = models.TextField(blank=True, help_text="Shown with the right answer.")
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text="The section to re-read.",
    )
    points = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveIntegerField(default=0)
    # Where a generated question came from: the rule that made it and the notes it
    # was made from (a bullet, a term, several bullets one per line); blank for a
    # question written by hand.
    rule = models.CharField(max_length=40, blank=True, editable=False)
    source = models.TextField(blank=True, editable=False)
    # Why an instructor should look at it again, after a re-import changed its notes
    # (its section archived, its bullet changed or gone); blank when all is well.
    needs_review = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["quiz", "position", "pk"]
        constraints = [
            # Scores are stored with eight digits: bounded points keep any quiz within them.
            models.CheckConstraint(
                condition=Q(points__gte=1, points__lte=100), name="question_points_1_to_100"
            ),
        ]

    def __str__(self) -> str:
        return self.prompt[:80]


class Choice(models.Model):
    """An option; for short answers an accepted answer, for matching a pair, for
    ordering an item with its place (`order_key`)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)
    match_text = models.CharField(max_length=500, blank=True, help_text="Matching: the pair.")
    order_key = models.IntegerField(null=True, blank=True, help_text="Ordering: 1 comes first.")

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    late = models.BooleanField(default=False)
    seed = models.PositiveIntegerField(default=0, help_text="Shuffles this attempt's choices.")

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(submitted_at__isnull=True),
                name="attempt_one_open_per_quiz_user",
                violation_error_message="You already have an attempt in progress.",
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.quiz} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None

    def time_is_up(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) >= self.deadline

    @property
    def seconds_left(self) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - timezone.now()) / timedelta(seconds=1)))


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(default=dict, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)
    points_awarded = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    checked = models.BooleanField(
        default=False, help_text="Immediate feedback was shown; the answer is final."
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["attempt", "question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="answer_unique_attempt_question"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question} in {self.attempt}"
