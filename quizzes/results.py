"""A quiz's results: whose attempts count, which one, and the figures made of them.

One definition serves the instructor's results page, the quiz's admin page and the
report's CSV:

- whose: the students of the quiz's course, less its teachers
  (quizzes.access.results_students): an instructor or a superuser trying their own
  quiz is not a student, even when enrolled;
- which attempt: each student's best submitted attempt (the highest percent; of
  equals, the first submitted), the grade the report shows. An open attempt never
  counts, and a student's other attempts stay out of the statistics, which need one
  attempt per student. (Moodle's item analysis defaults to first attempts; here one
  number, the best, means the same on every page.)

Figures are aggregates the database computes over the counted attempts' answers: one
grouped query for the per-question figures, one for every tally of every question
(kinds say what to count: quizzes.kinds.Tally), one for the commonest typed answers,
so a page's queries and memory do not grow with the number of students.

The discrimination index is Moodle's: 100 × the correlation (Pearson's r) between
the points a counted attempt scored on the question and the rest of its score (the
attempt's score less those points). The database sums the moments (Σx, Σy, Σx², Σy²,
Σxy) and r follows from them. Below MIN_FOR_INDEX counted attempts it is not shown:
with fewer, one student more or less moves it across the bands it is read in. It is
read as Moodle's documentation reads it: 50 and over very good, 30 to 49 adequate, 20
to 29 weak, under 20 very weak, and under 0 a question that stronger students miss
more often than weaker ones (a wrong key, or misleading wording).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Lower, RowNumber, Trim
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from . import access
from .kinds import QuestionKind, kind_for
from .models import Answer, Attempt, Choice, Question, Quiz

# Counted attempts from which the discrimination index is shown (see the docstring).
MIN_FOR_INDEX = 20
# The commonest typed answers shown per question.
TOP_TYPED = 5
# Tallies summed per query: a query's columns stay well within the databases' limits
# (SQLite's default is 2,000) for any quiz, and one query serves every real one.
TALLIES_PER_QUERY = 500

# A student's counted attempt comes first in this order.
BEST_FIRST = (F("percent").desc(nulls_last=True), F("submitted_at").asc(), F("pk").asc())


def _course_id(quiz: Quiz) -> int:
    return quiz.lecture.course_id


def _submitted(quiz, user) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=False).order_by()


def counted_attempts(quiz: Quiz) -> QuerySet[Attempt]:
    """The attempts a quiz's results are made of: one per student who submitted one,
    their best (see the module docstring)."""
    best = _submitted(OuterRef("quiz"), OuterRef("user")).order_by(*BEST_FIRST).values("pk")[:1]
    students = access.results_students(_course_id(quiz)).values("pk")
    return Attempt.objects.filter(
        quiz=quiz, submitted_at__isnull=False, user__in=students, pk=Subquery(best)
    )


def best_percents(course, user_ids, *, by: str = "quiz") -> dict[tuple[int, int], int]:
    """The counted attempt's percent for each of `user_ids` at each quiz of `course`
    they submitted (`by="quiz"`: keyed (user id, quiz id)), or the best of them per
    lecture (`by="lecture"`: keyed (user id, lecture id)); nothing for anyone whose
    attempts do not count. One query, for the report's CSV."""
    key = {"quiz": "quiz_id", "lecture": "quiz__lecture_id"}[by]
    course_id = getattr(course, "pk", course)
    rows = (
        Attempt.objects.filter(
            quiz__lecture__course_id=course_id,
            user_id__in=list(user_ids),
            submitted_at__isnull=False,
            user__in=access.results_students(course_id).values("pk"),
        )
        .order_by()
        .values("user_id", key)
        .annotate(best=Max("percent"))
        .values_list("user_id", key, "best")
    )
    return {(user_id, pk): best for user_id, pk, best in rows}


# -- the students, one row each ---------------------------------------------------------

NAME_ORDER = ("last_name", "first_name", "username")
SORTS = {
    "name": gettext_lazy("Name"),
    "username": gettext_lazy("Username"),
    "best": gettext_lazy("Best score"),
    "latest": gettext_lazy("Latest attempt"),
    "tries": gettext_lazy("Attempts"),
}


def _count(queryset: QuerySet) -> Subquery:
    counted = queryset.annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def students(quiz: Quiz, *, sort: str = "name", descending: bool = False) -> QuerySet:
    """Every student the results count, with their counted attempt (`best_attempt`,
    `best`, `best_passed`), their latest submitted one (`latest_attempt`,
    `latest_percent`, `latest_at`), how many they submitted (`tries`) and whether one
    is open (`in_progress`), sorted by a SORTS key. A student who has submitted
    nothing has None for every figure, which sorts below every score."""
    mine = _submitted(quiz, OuterRef("pk"))
    best = mine.order_by(*BEST_FIRST)
    latest = mine.order_by("-submitted_at", "-pk")
    rows = access.results_students(_course_id(quiz)).annotate(
        best_attempt=Subquery(best.values("pk")[:1]),
        best=Subquery(best.values("percent")[:1]),
        best_passed=Subquery(best.values("passed")[:1]),
        tries=_count(mine),
        latest_attempt=Subquery(latest.values("pk")[:1]),
        latest_percent=Subquery(latest.values("percent")[:1]),
        latest_at=Subquery(latest.values("submitted_at")[:1]),
        in_progress=Exists(
            Attempt.objects.filter(quiz=quiz, user=OuterRef("pk"), submitted_at__isnull=True)
        ),
    )
    if sort in ("name", "username"):
        names = NAME_ORDER if sort == "name" else ("username",)
        order = [F(n).desc() if descending else F(n).asc() for n in names]
    else:
        expr = F({"best": "best", "latest": "latest_at", "tries": "tries"}[sort])
        order = [expr.desc(nulls_last=True) if descending else expr.asc(nulls_first=True)]
    order.append(F("pk").desc() if descending else F("pk").asc())
    return rows.order_by(*order)


# -- the quiz and its questions -----------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    students: int  # whose attempts would count
    tried: int  # of them, those with a submitted attempt
    passed: int  # of those, the ones whose counted attempt passed
    average: float | None  # the counted attempts' mean percent

    @property
    def pass_rate(self) -> int | None:
        return round(100 * self.passed / self.tried) if self.tried else None


def summary(quiz: Quiz) -> Summary:
    """The quiz's figures over its counted attempts. One query."""
    best = _submitted(quiz, OuterRef("pk")).order_by(*BEST_FIRST)
    figures = (
        access.results_students(_course_id(quiz))
        .annotate(
            best=Subquery(best.values("percent")[:1]),
            best_passed=Subquery(best.values("passed")[:1]),
        )
        .aggregate(
            students=Count("pk"),
            tried=Count("pk", filter=Q(best__isnull=False)),
            passed=Count("pk", filter=Q(best_passed=True)),
            average=Avg("best"),
        )
    )
    return Summary(**figures)


@dataclass(frozen=True)
class ChoiceCount:
    """A choice and how many counted attempts picked it."""

    choice: Choice
    correct: bool
    picked: int
    of: int  # the counted attempts graded on the question

    @property
    def percent(self) -> int:
        return round(100 * self.picked / self.of) if self.of else 0


@dataclass(frozen=True)
class ItemCount:
    """A matching or ordering item: how many gave it the key's match or place, and
    the commonest other one given (`wrong`, "" when nobody gave another)."""

    item: Choice
    right: int
    of: int
    wrong: str = ""
    wrong_count: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.of) if self.of else 0


@dataclass(frozen=True)
class TypedCount:
    """One of a question's commonest typed answers (told apart ignoring case and the
    spaces around it), as one student typed it, and whether it earns the points."""

    text: str
    count: int
    correct: bool


@dataclass
class QuestionStats:
    number: int
    question: Question
    kind: QuestionKind
    graded: int = 0  # counted attempts graded on this question
    answered: int = 0  # of those, the ones not left blank
    right: int = 0  # fully right
    points: float = 0.0  # points scored in all, for the mean
    index: int | None = None  # the discrimination index, -100 to 100
    index_missing: str = ""  # why there is no index
    choices: list[ChoiceCount] = field(default_factory=list)
    items: list[ItemCount] = field(default_factory=list)
    typed: list[TypedCount] = field(default_factory=list)

    @property
    def percent_right(self) -> int | None:
        return round(100 * self.right / self.graded) if self.graded else None

    @property
    def mean_points(self) -> float | None:
        return self.points / self.graded if self.graded else None

    @property
    def typed_others(self) -> int:
        """Answers given that are not among the commonest shown."""
        return self.answered - sum(row.count for row in self.typed)

    @property
    def index_band(self) -> str:
        if self.index is None:
            return ""
        if self.index < 0:
            return pgettext("discrimination index", "negative")
        if self.index < 20:
            return pgettext("discrimination index", "very weak")
        if self.index < 30:
            return pgettext("discrimination index", "weak")
        if self.index < 50:
            return pgettext("discrimination index", "adequate")
        return pgettext("discrimination index", "very good")

    @property
    def strong_students_miss(self) -> bool:
        """Stronger students score lower on it than weaker ones: worth a look."""
        return self.index is not None and self.index < 0


@dataclass(frozen=True)
class QuizResults:
    summary: Summary
    questions: list[QuestionStats]
    min_for_index: int = MIN_FOR_INDEX


def questions_of(quiz: Quiz) -> list[Question]:
    """The quiz's questions in order with their choices. Two queries."""
    choices = Prefetch("choices", queryset=Choice.objects.order_by("pk"))
    return list(quiz.questions.prefetch_related(choices).order_by("position", "pk"))


def quiz_results(quiz: Quiz, *, breakdown: bool = True) -> QuizResults:
    """The quiz's summary and per-question figures over its counted attempts; with
    `breakdown`, each question's counts of choices, items or typed answers too.
    Queries, whatever the number of students and questions: the summary, the
    questions and their choices, the per-question figures; with `breakdown`, the
    tallies (one more per TALLIES_PER_QUERY) and the typed answers."""
    questions = questions_of(quiz)
    answers = Answer.objects.filter(attempt__in=counted_attempts(quiz)).order_by()
    stats = [
        QuestionStats(number, question, kind_for(question))
        for number, question in enumerate(questions, 1)
    ]
    _add_figures(stats, answers)
    if breakdown:
        _add_tallies(stats, answers)
        _add_typed(stats, answers)
    return QuizResults(summary(quiz), stats)


def _add_figures(stats: list[QuestionStats], answers: QuerySet[Answer]) -> None:
    x = Coalesce(Cast("points_awarded", FloatField()), 0.0)
    y = Coalesce(Cast("attempt__score", FloatField()), 0.0) - x
    rows = answers.values("question_id").annotate(
        n=Count("pk"),
        answered=Count("pk", filter=~Q(response={})),
        right=Count("pk", filter=Q(is_correct=True)),
        sx=Sum(x),
        sy=Sum(y),
        sxx=Sum(x * x),
        syy=Sum(y * y),
        sxy=Sum(x * y),
    )
    by_question = {row["question_id"]: row for row in rows}
    for stat in stats:
        row = by_question.get(stat.question.pk)
        if row is None:
            stat.index_missing = _too_few(0)
            continue
        stat.graded, stat.answered, stat.right = row["n"], row["answered"], row["right"]
        stat.points = row["sx"] or 0.0
        stat.index, stat.index_missing = _index(row)


def _too_few(n: int) -> str:
    return ngettext(
        "not shown under %(min)d attempts (%(n)d so far)",
        "not shown under %(min)d attempts (%(n)d so far)",
        n,
    ) % {"min": MIN_FOR_INDEX, "n": n}


def _index(row: dict) -> tuple[int | None, str]:
    """The discrimination index from the moments, or None and why not."""
    n = row["n"]
    if n < MIN_FOR_INDEX:
        return None, _too_few(n)
    sx, sy, sxx, syy, sxy = (row[k] or 0.0 for k in ("sx", "sy", "sxx", "syy", "sxy"))
    spread_x = n * sxx - sx * sx
    spread_y = n * syy - sy * sy
    # Points are hundredths, so a real spread is far above rounding's noise.
    if spread_x <= 1e-6 * max(1.0, n * sxx):
        return None, gettext("none, as every student scored the same on it")
    if spread_y <= 1e-6 * max(1.0, n * syy):
        return None, gettext("none, as the rest of the quiz scored the same for every student")
    r = (n * sxy - sx * sy) / math.sqrt(spread_x * spread_y)
    return round(100 * max(-1.0, min(1.0, r))), ""


def _add_tallies(stats: list[QuestionStats], answers: QuerySet[Answer]) -> None:
    wanted = [
        (stat, tally)
        for stat in stats
        for tally in stat.kind.tallies(list(stat.question.choices.all()))
    ]
    counts: list[int] = []
    for start in range(0, len(wanted), TALLIES_PER_QUERY):
        chunk = wanted[start : start + TALLIES_PER_QUERY]
        sums = answers.aggregate(
            **{
                f"t{i}": Count("pk", filter=Q(question_id=stat.question.pk) & tally.condition)
                for i, (stat, tally) in enumerate(chunk)
            }
        )
        counts += [sums[f"t{i}"] for i in range(len(chunk))]
    # Per question, each item's tallies, in the order the kind listed them.
    per_item: dict[int, dict[int, list]] = defaultdict(dict)
    for (stat, tally), count in zip(wanted, counts, strict=True):
        if not tally.given:
            stat.choices.append(ChoiceCount(tally.item, tally.correct, count, stat.graded))
        else:
            per_item[stat.number].setdefault(tally.item.pk, []).append((tally, count))
    for stat in stats:
        for given in per_item[stat.number].values():
            right = sum(count for tally, count in given if tally.correct)
            wrong = [(count, tally.given) for tally, count in given if not tally.correct]
            # The commonest other answer; of equals, the first the kind listed.
            most, answer = max(wrong, default=(0, ""), key=lambda pair: pair[0])
            item = given[0][0].item
            stat.items.append(ItemCount(item, right, stat.graded, answer if most else "", most))


def _add_typed(stats: list[QuestionStats], answers: QuerySet[Answer]) -> None:
    by_key: dict[str, dict[int, QuestionStats]] = defaultdict(dict)
    for stat in stats:
        if stat.kind.typed_key:
            by_key[stat.kind.typed_key][stat.question.pk] = stat
    for key, typed in by_key.items():
        said = Lower(Trim(KT(f"response__{key}")))
        rows = (
            answers.filter(question_id__in=list(typed))
            .exclude(response={})
            .annotate(said=said)
            .values("question_id", "said")
            .annotate(n=Count("pk"), shown=Min(Trim(KT(f"response__{key}"))))
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    # Min(said), not said: with server-side binding PostgreSQL sees the
                    # grouped expression's parameter and this one's as different.
                    order_by=[F("n").desc(), Min(said).asc()],
                )
            )
            .filter(rank__lte=TOP_TYPED)
            .order_by("question_id", "rank")
        )
        for row in rows:
            stat = typed[row["question_id"]]
            choices = list(stat.question.choices.all())
            correct = stat.kind.score(choices, {key: row["shown"]}) == 1
            stat.typed.append(TypedCount(row["shown"], row["n"], correct))


# -- one attempt, read-only ------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    number: int
    question: Question
    kind: QuestionKind
    given: list[str]  # the answer in words; [] for none
    right: list[str]  # the key's answer in words
    graded: bool  # False while the attempt is open, or for a question added after it
    is_correct: bool
    points: Decimal

    @property
    def verdict(self) -> str:
        """ "correct", "partial" (some points, not all) or "wrong"."""
        if self.is_correct:
            return "correct"
        return "partial" if self.points else "wrong"


def attempt_answers(attempt: Attempt) -> list[AnswerRow]:
    """Every question of the attempt's quiz with the attempt's answer, its grade and
    the key's answer, in the quiz's order. Three queries: the questions, their
    choices, the answers."""
    questions = questions_of(attempt.quiz)
    answers = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    rows = []
    for number, question in enumerate(questions, 1):
        kind = kind_for(question)
        choices = list(question.choices.all())
        answer = answers.get(question.pk)
        response = answer.response if answer and isinstance(answer.response, dict) else {}
        graded = not attempt.is_open and answer is not None and answer.points_awarded is not None
        rows.append(
            AnswerRow(
                number=number,
                question=question,
                kind=kind,
                given=kind.describe(choices, response),
                right=kind.describe(choices, kind.correct_response(choices)),
                graded=graded,
                is_correct=bool(graded and answer.is_correct),
                points=answer.points_awarded if graded else Decimal(0),
            )
        )
    return rows


def attempts_of(quiz: Quiz, user) -> list[Attempt]:
    """The student's attempts at the quiz, newest first, each with `counted`: whether
    it is the one the results count. One query."""
    return list(
        Attempt.objects.filter(quiz=quiz, user=user)
        .only("quiz_id", "user_id", "started_at", "submitted_at", "percent", "passed", "late")
        .annotate(counted=Exists(counted_attempts(quiz).filter(pk=OuterRef("pk"))))
        .order_by("-started_at", "-pk")
    )
