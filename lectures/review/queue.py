"""A student's review queue, read: the next card, how many are due, and the
progress page's figures and forecast.

"Due" means due before the end of today (settings.TIME_ZONE), as in Anki: the
navigation's count, the dashboard's, the progress page's and the review page's
queue are the same set of cards. Every function here runs a fixed number of
queries, however many cards the student has: the queue is read in due order from
the (user, due) index and the counts are single aggregates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from lectures import access
from lectures.models import Card, CardState, Course, Lecture, Section

from .scheduling import FORECAST_DAYS


def day_end(now: dt.datetime, days: int = 1) -> dt.datetime:
    """The start of the local day `days` after now's (1: the end of today)."""
    today = timezone.localdate(now)
    start = dt.datetime.combine(today + dt.timedelta(days=days), dt.time())
    return timezone.make_aware(start)


@cache
def _card_sql(by_card: bool, in_course: bool) -> str:
    """One of the student's card schedules with what the review page shows of its
    card (CardState's columns, then card_kind, card_front, card_back, lecture_title,
    course_title, section_title). Parameters: the user, the user and (`in_course`)
    the course for the rule (access.studied_lectures_sql), then the card id
    (`by_card`) or the end of today (the card due soonest).

    Written as SQL, built once: the queue is a walk of the (user, due) index that
    stops at the first of the student's lectures, which Django's queryset took
    longer to build than the database to run, and for which PostgreSQL, reusing one
    plan for every student, would sometimes read and sort all their cards instead.
    """
    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    columns = ", ".join(f"s.{q(f.column)}" for f in CardState._meta.concrete_fields)
    sql = (
        f"SELECT {columns}, c.{q('kind')} AS card_kind, c.{q('front')} AS card_front, "
        f"c.{q('back')} AS card_back, l.{q('title')} AS lecture_title, "
        f"co.{q('title')} AS course_title, sec.{q('title')} AS section_title "
        f"FROM {table(CardState)} s "
        f"JOIN {table(Card)} c ON c.{q('id')} = s.{q('card_id')} "
        f"JOIN {table(Lecture)} l ON l.{q('id')} = s.{q('lecture_id')} "
        f"JOIN {table(Course)} co ON co.{q('id')} = l.{q('course_id')} "
        f"LEFT JOIN {table(Section)} sec ON sec.{q('id')} = c.{q('section_id')} "
        f"WHERE s.{q('user_id')} = %s AND NOT s.{q('retired')} "
        f"AND s.{q('lecture_id')} IN ({access.studied_lectures_sql(in_course)}) "
    )
    if by_card:
        return f"{sql}AND s.{q('card_id')} = %s"
    return f"{sql}AND s.{q('due')} < %s ORDER BY s.{q('due')}, s.{q('id')} LIMIT 1"


def review_card(
    user, course: Course | None, *, card_id: int | None = None, now: dt.datetime | None = None
) -> CardState | None:
    """The student's schedule for the card `card_id`, or else for their card due
    soonest if any is due today, with card_kind, card_front, card_back,
    lecture_title, course_title and section_title; only `course`'s when given. Who
    may see it is access.card_states_of's rule (access.get_card_state_for_user
    looks up a card a request names). One query."""
    params: list = [user.pk, user.pk]
    if course is not None:
        params.append(course.pk)
    if card_id is not None:
        params.append(card_id)
    else:
        params.append(connection.ops.adapt_datetimefield_value(day_end(now)))
    sql = _card_sql(card_id is not None, course is not None)
    return next(iter(CardState.objects.raw(sql, params)), None)


def next_card(user, now: dt.datetime, course: Course | None = None) -> CardState | None:
    """The student's card due soonest, if any is due today (see review_card)."""
    return review_card(user, course, now=now)


def due_by_lecture(user, now: dt.datetime) -> dict[int, int]:
    """Cards due today per lecture id (lectures with none left out). One query,
    answered from the queue's index."""
    rows = (
        access.card_states_of(user)
        .filter(due__lt=day_end(now))
        .values_list("lecture_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


@cache
def _due_sql(in_course: bool) -> str:
    """How many of the student's cards are due before a moment. Parameters: the
    user, the moment, then the rule's (access.studied_lectures_sql). Built once,
    like _card_sql: every page's navigation counts them."""
    q = connection.ops.quote_name
    return (
        f"SELECT COUNT(*) FROM {q(CardState._meta.db_table)} s "
        f"WHERE s.{q('user_id')} = %s AND NOT s.{q('retired')} AND s.{q('due')} < %s "
        f"AND s.{q('lecture_id')} IN ({access.studied_lectures_sql(in_course)})"
    )


def due_count(user, now: dt.datetime, course: Course | None = None) -> int:
    """Cards due today (in `course`, when given): those access.card_states_of gives
    that are due before the end of today. One query, read from the queue's index."""
    end = connection.ops.adapt_datetimefield_value(day_end(now))
    params = [user.pk, end, user.pk] + ([course.pk] if course is not None else [])
    with connection.cursor() as cursor:
        cursor.execute(_due_sql(course is not None), params)
        return cursor.fetchone()[0]


def due_after_today(user, now: dt.datetime, course: Course | None = None) -> dt.datetime | None:
    """When the next card falls due once today's are done. One query."""
    states = access.card_states_of(user, course).filter(due__gte=day_end(now))
    return states.order_by("due").values_list("due", flat=True).first()


@dataclass(frozen=True)
class CardFigures:
    """A student's cards at a glance, for their progress page."""

    total: int
    new: int  # never reviewed
    learning: int  # in FSRS's learning or relearning steps
    learned: int  # in FSRS's review state: remembered past the learning steps
    forecast: list[tuple[dt.date, int]]  # due per day, today (overdue included) first

    @property
    def due_today(self) -> int:
        return self.forecast[0][1] if self.forecast else 0

    @property
    def forecast_max(self) -> int:
        return max((n for _, n in self.forecast), default=0)


@cache
def _figures_sql() -> str:
    """A student's cards counted by the day they fall due (0 for today, overdue
    included, to FORECAST_DAYS - 1; NULL for later), each day's never reviewed and
    learned among them. Parameters: the ends of the days, then the user, the user
    (the rule). Written as SQL, built once: as a queryset of thirty-odd filtered
    counts, Django took longer to build it than the database to run it; and each
    card meets the day boundaries only until the first it is before."""
    q = connection.ops.quote_name
    days = " ".join(f"WHEN s.{q('due')} < %s THEN {i}" for i in range(FORECAST_DAYS))
    return (
        f"SELECT CASE {days} ELSE NULL END AS day, COUNT(*), "
        f"SUM(CASE WHEN s.{q('last_review')} IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN s.{q('state')} = {CardState.State.REVIEW} THEN 1 ELSE 0 END) "
        f"FROM {q(CardState._meta.db_table)} s "
        f"WHERE s.{q('user_id')} = %s AND NOT s.{q('retired')} "
        f"AND s.{q('lecture_id')} IN ({access.studied_lectures_sql()}) GROUP BY day"
    )


def card_figures(user, now: dt.datetime) -> CardFigures:
    """Counts and a FORECAST_DAYS-day forecast of due cards, in one query."""
    adapt = connection.ops.adapt_datetimefield_value
    ends = [adapt(day_end(now, days)) for days in range(1, FORECAST_DAYS + 1)]
    with connection.cursor() as cursor:
        cursor.execute(_figures_sql(), [*ends, user.pk, user.pk])
        rows = cursor.fetchall()
    per_day = dict.fromkeys(range(FORECAST_DAYS), 0)
    total = new = learned = 0
    for day, count, never, review_state in rows:
        if day is not None:
            per_day[day] = count
        total, new, learned = total + count, new + (never or 0), learned + (review_state or 0)
    today = timezone.localdate(now)
    return CardFigures(
        total=total,
        new=new,
        learning=total - new - learned,
        learned=learned,
        forecast=[(today + dt.timedelta(days=i), per_day[i]) for i in range(FORECAST_DAYS)],
    )


@dataclass(frozen=True)
class ForecastBar:
    day: dt.date
    count: int
    x: int
    y: int
    height: int
    label: str  # "Tue 1 Dec", the bar's tooltip
    long_label: str  # "Today", "Wednesday 2 December": the table's rows
    tick: str  # "1 Dec" under every seventh bar, else ""


CHART_HEIGHT = 100  # the bars' area in the SVG's units; labels sit below it


BAR_STEP = 20


def forecast_bars(figures: CardFigures) -> list[ForecastBar]:
    """The forecast as bars of an SVG chart (templates/lectures/progress.html), with
    their labels made here: sixty date filters were most of the page's rendering."""
    top = figures.forecast_max or 1
    bars = []
    for i, (day, count) in enumerate(figures.forecast):
        height = round(CHART_HEIGHT * count / top)
        short = f"{day.day} {day:%b}"
        bars.append(
            ForecastBar(
                day=day,
                count=count,
                x=30 + i * BAR_STEP,
                y=10 + CHART_HEIGHT - height,
                height=height,
                label=f"{day:%a} {short}",
                long_label="Today" if i == 0 else f"{day:%A} {day.day} {day:%B}",
                tick=short if i % 7 == 0 else "",
            )
        )
    return bars
