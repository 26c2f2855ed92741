"""A student's review queue, read: the next card, how many are due, and the
progress page's figures and forecast.

"Due" is what a student can review now, as Anki counts it: a card whose time has
come, and a card in review (its interval whole days, FSRS's review state) due at
any time before the end of today (settings.TIME_ZONE), since its day has come. A
card in its learning steps that comes back later today (rated a minute or ten
minutes ago) is counted apart, as Anki's learning count: so the count goes down as
a student works. The navigation's count, the dashboard's, the progress page's and
the review page's queue are the same set of cards. Every function here runs a
fixed number of queries, however many cards the student has: the queue is read in
due order from the (user, due) index and the counts are single aggregates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from lectures import access, sql
from lectures.models import CardState, Course

from .scheduling import FORECAST_DAYS


def day_end(now: dt.datetime, days: int = 1) -> dt.datetime:
    """The start of the local day `days` after now's (1: the end of today)."""
    today = timezone.localdate(now)
    start = dt.datetime.combine(today + dt.timedelta(days=days), dt.time())
    return timezone.make_aware(start)


def due_now(now: dt.datetime) -> Q:
    """The cards to review now (see the module's docstring), as a filter."""
    review = Q(state=CardState.State.REVIEW, due__lt=day_end(now))
    return Q(due__lte=now) | review


def _params(user, now: dt.datetime, course: Course | None) -> dict:
    adapt = connection.ops.adapt_datetimefield_value
    params = {"user": user.pk, "now": adapt(now), "before": adapt(day_end(now))}
    if course is not None:
        params["course"] = course.pk
    return params


def next_card(user, now: dt.datetime, course: Course | None = None) -> CardState | None:
    """The student's card to review now that is due soonest, if any (only `course`'s
    when given), with card_kind, card_front, card_back, lecture_title, course_title
    and section_title (lectures.sql.review_next_card). Who may see it is
    access.card_states_of's rule (access.get_card_state_for_user looks up a card a
    request names). One query."""
    params = _params(user, now, course)
    states = CardState.objects.raw(sql.review_next_card(course is not None), params)
    return next(iter(states), None)


def due_by_lecture(user, now: dt.datetime) -> dict[int, int]:
    """Cards to review now per lecture id (lectures with none left out). One query,
    answered from the queue's index."""
    rows = (
        access.card_states_of(user)
        .filter(due_now(now))
        .values_list("lecture_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


@dataclass(frozen=True)
class DueCounts:
    now: int  # to review now
    later_today: int  # in learning, coming back before the end of today


def due_counts(user, now: dt.datetime, course: Course | None = None) -> DueCounts:
    """Cards to review now and cards coming back later today (in `course`, when
    given), of those access.card_states_of gives. One query, read from the queue's
    index."""
    # As SQL, built once (lectures.sql): every page's navigation counts them.
    with connection.cursor() as cursor:
        cursor.execute(sql.review_due_count(course is not None), _params(user, now, course))
        due, later = cursor.fetchone()
    return DueCounts(now=due, later_today=later)


def due_count(user, now: dt.datetime, course: Course | None = None) -> int:
    """Cards to review now (in `course`, when given): the navigation's count."""
    return due_counts(user, now, course).now


def next_due(user, now: dt.datetime, course: Course | None = None) -> dt.datetime | None:
    """When the next card not due now comes due (later today or on a later day), for
    the page that has nothing to show. One query."""
    states = access.card_states_of(user, course).exclude(due_now(now))
    return states.order_by("due").values_list("due", flat=True).first()


@dataclass(frozen=True)
class CardFigures:
    """A student's cards at a glance, for their progress page."""

    total: int
    new: int  # never reviewed
    learning: int  # in FSRS's learning or relearning steps
    learned: int  # in FSRS's review state: remembered past the learning steps
    forecast: list[tuple[dt.date, int]]  # due per day, today (overdue included) first
    later_today: int = 0  # of today's, in learning and not due yet

    @property
    def due_today(self) -> int:
        return self.forecast[0][1] if self.forecast else 0

    @property
    def due_now(self) -> int:
        """To review now: the navigation's count."""
        return self.due_today - self.later_today

    @property
    def forecast_max(self) -> int:
        return max((n for _, n in self.forecast), default=0)


def card_figures(user, now: dt.datetime) -> CardFigures:
    """Counts and a FORECAST_DAYS-day forecast of due cards, in one query."""
    adapt = connection.ops.adapt_datetimefield_value
    params = {f"end_{i}": adapt(day_end(now, i + 1)) for i in range(FORECAST_DAYS)}
    params.update(user=user.pk, now=adapt(now))
    # As SQL (lectures.sql.review_figures): as a queryset of thirty-odd filtered
    # counts, Django took longer to build it than the database to run it.
    with connection.cursor() as cursor:
        cursor.execute(sql.review_figures(FORECAST_DAYS), params)
        rows = cursor.fetchall()
    per_day = dict.fromkeys(range(FORECAST_DAYS), 0)
    total = new = learned = later_today = 0
    for day, count, never, review_state, not_yet in rows:
        if day is not None:
            per_day[day] = count
        if day == 0:
            later_today = not_yet or 0
        total, new, learned = total + count, new + (never or 0), learned + (review_state or 0)
    today = timezone.localdate(now)
    return CardFigures(
        total=total,
        new=new,
        learning=total - new - learned,
        learned=learned,
        forecast=[(today + dt.timedelta(days=i), per_day[i]) for i in range(FORECAST_DAYS)],
        later_today=later_today,
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
        short = date_format(day, "j M")
        bars.append(
            ForecastBar(
                day=day,
                count=count,
                x=30 + i * BAR_STEP,
                y=10 + CHART_HEIGHT - height,
                height=height,
                label=f"{date_format(day, 'D')} {short}",
                long_label=gettext("Today")
                if i == 0
                else f"{date_format(day, 'l')} {date_format(day, 'MONTH_DAY_FORMAT')}",
                tick=short if i % 7 == 0 else "",
            )
        )
    return bars
