"""Quizzes on a lecture, their questions and choices, and students' attempts and answers.

Integrity lives in the database: one open attempt per (quiz, user) and one answer
per (attempt, question) are constraints, not hopes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coursesite.bounds import validate_sane_datetime
from lectures.models import Lecture, Section

# A time limit is how long one sitting may last: longer than a day is no sitting,
# and the window in which students may take a quiz is its dates' to say. Without a
# bound, a limit of millions of days put a student's deadline past the last date
# Python knows, and every start failed.
TIME_LIMIT_MIN = timedelta(minutes=1)
TIME_LIMIT_MAX = timedelta(hours=24)


def when(value: datetime) -> str:
    """A moment as the quiz pages write it, in the site's time zone."""
    return date_format(timezone.localtime(value), "j M Y, H:i")


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        return self.filter(published=True)


class Quiz(models.Model):
    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately after each answer"
        ON_SUBMIT = "on_submit", "After the attempt is submitted"
        NEVER = "never", "Never (score only)"

    class GradeKept(models.TextChoices):
        BEST = "best", "The best attempt"
        LAST = "last", "The last attempt"

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
    # Which submitted attempt's score is the grade sent to an LMS gradebook (LTI).
    grade_kept = models.CharField(
        "grade sent to the LMS",
        max_length=10,
        choices=GradeKept.choices,
        default=GradeKept.BEST,
        help_text="When the quiz is linked from an LMS: the score its gradebook receives.",
    )
    generated = models.BooleanField(default=False, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    # When students may take it and when it should be done by, each optional: a
    # closed quiz takes no new attempt and no answer; a quiz past its due date with
    # no submitted attempt is overdue (the report's "behind", the dashboard).
    opens_at = models.DateTimeField(
        "opens",
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text="Optional. Students can start it from then. In the site's time zone.",
    )
    closes_at = models.DateTimeField(
        "closes",
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text="Optional. No new attempts or answers after then; an attempt in progress "
        "is graded on the answers saved before it closed.",
    )
    due_at = models.DateTimeField(
        "due",
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text="Optional. Students see it on their dashboard; after it, a student with "
        "no submitted attempt is overdue. Between the opening and the closing.",
    )

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
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=F("closes_at")),
                name="quiz_opens_before_it_closes",
                violation_error_message="A quiz must open before it closes.",
            ),
            models.CheckConstraint(
                condition=Q(due_at__isnull=True)
                | (
                    (Q(opens_at__isnull=True) | Q(opens_at__lte=F("due_at")))
                    & (Q(closes_at__isnull=True) | Q(due_at__lte=F("closes_at")))
                ),
                name="quiz_due_while_open",
                violation_error_message="A quiz must be due between its opening and closing.",
            ),
            models.CheckConstraint(
                condition=Q(grade_kept__in=["best", "last"]), name="quiz_grade_kept_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        lecture = self.lecture
        return reverse("quizzes:quiz_detail", args=[lecture.course.slug, lecture.slug, self.pk])

    def clean(self) -> None:
        """The dates in order, each error on the field to change, in words."""
        super().clean()
        opens, closes, due = self.opens_at, self.closes_at, self.due_at
        errors = {}
        if opens and closes and closes <= opens:
            errors["closes_at"] = f"Close the quiz after it opens ({when(opens)})."
        elif due and opens and due < opens:
            errors["due_at"] = f"Make it due after the quiz opens ({when(opens)})."
        elif due and closes and due > closes:
            errors["due_at"] = (
                f"Make it due by the time the quiz closes ({when(closes)}): "
                "students could not take it after that."
            )
        if errors:
            raise ValidationError(errors, code="quiz_dates")

    def not_open_yet(self, now: datetime) -> bool:
        return self.opens_at is not None and now < self.opens_at

    def has_closed(self, now: datetime) -> bool:
        return self.closes_at is not None and now >= self.closes_at

    def shut_reason(self, now: datetime) -> str:
        """Why the quiz takes no new attempt at `now`, in the student's words; "" while
        it is open."""
        if self.not_open_yet(now):
            return f"This quiz opens on {when(self.opens_at)}: you can start it then."
        if self.has_closed(now):
            return f"This quiz closed on {when(self.closes_at)}: it takes no new attempts."
        return ""

    # The pages' view of the same, at the moment the page is drawn.
    @property
    def is_upcoming(self) -> bool:
        return self.not_open_yet(timezone.now())

    @property
    def is_closed(self) -> bool:
        return self.has_closed(timezone.now())

    @property
    def is_past_due(self) -> bool:
        return self.due_at is not None and timezone.now() > self.due_at


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

    @property
    def ends_at(self) -> datetime | None:
        """When the attempt stops taking answers: its time limit's deadline, or the
        quiz's closing if that comes first. A closing before the attempt started
        (a teacher trying a closed quiz) does not end it."""
        ends = [] if self.deadline is None else [self.deadline]
        closes = self.quiz.closes_at
        if closes is not None and closes > self.started_at:
            ends.append(closes)
        return min(ends, default=None)

    @property
    def ended_by_closing(self) -> bool:
        """Whether the quiz's closing, not the time limit, ends (or ended) the attempt."""
        ends = self.ends_at
        return ends is not None and ends == self.quiz.closes_at and ends != self.deadline

    def time_is_up(self, now=None) -> bool:
        ends = self.ends_at
        return ends is not None and (now or timezone.now()) >= ends

    @property
    def seconds_left(self) -> int | None:
        ends = self.ends_at
        if ends is None:
            return None
        return max(0, int((ends - timezone.now()) / timedelta(seconds=1)))


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
