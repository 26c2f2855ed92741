"""The simulated students: their accounts (`<slug>-s000001`…), when each started,
and progress with the shape of a real class: a few never start, most are early in
the course, few reach the end, some skip a section, most take the quiz of a
lecture they finished, some more than once, and a few leave an attempt open.

Every draw comes from the one random.Random the command seeds, in a fixed order,
so a --seed gives the same class every time. Quiz attempts carry their scores but
no answers: the report reads scores only.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal

from lectures.models import ActionItemProgress, ReadingProgress, SectionProgress
from quizzes.models import Attempt

from .shape import COHORT_SIZE, FIRST_NAMES, LAST_NAMES, PASS_MARK, QUESTION_POINTS, Shape
from .writers import Rows


def student_username_pattern(slug: str) -> str:
    """The generated students' usernames, as a regex: what --replace deletes."""
    return rf"^{slug}-s[0-9]{{6,}}$"


def accounts(
    shape: Shape, n: int, *, password: str, rng: random.Random, now: datetime
) -> tuple[list[tuple], list[datetime]]:
    """The students' user rows (in writers.USER_FIELDS' order), all with the one
    password hash, and when each started: their cohort's start, staggered by a
    week per cohort."""
    width = max(6, len(str(n)))
    slug = shape.course.slug
    course_start = now - timedelta(days=180)
    starts = [
        course_start + timedelta(weeks=(number // COHORT_SIZE) % 6, hours=rng.uniform(0, 72))
        for number in range(n)
    ]
    rows = []
    for number in range(n):
        username = f"{slug}-s{number + 1:0{width}d}"
        rows.append(
            (
                password,
                False,
                username,
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                f"{username}@example.com",
                False,
                True,
                starts[number] - timedelta(days=3),
            )
        )
    return rows, starts


def enrolments(shape: Shape, user_ids: list[int], starts: list[datetime]) -> Iterator[tuple]:
    """Enrolment rows (writers.TABLES' layout): each student joined two days
    before they started."""
    for user_id, start in zip(user_ids, starts, strict=True):
        yield shape.course.pk, user_id, start - timedelta(days=2)


def memberships(shape: Shape, user_ids: list[int]) -> Iterator[tuple]:
    """Cohort membership rows (writers.TABLES' layout): students in order,
    COHORT_SIZE to a cohort."""
    for number, user_id in enumerate(user_ids):
        yield shape.cohorts[number // COHORT_SIZE], user_id


class Simulation:
    """Invents each student's progress: sections read, action items and readings
    done, quiz attempts."""

    SKIP = 0.08  # chance of skipping a section on the way
    NEVER_STARTED = 0.08

    def __init__(self, shape: Shape, rng: random.Random, now: datetime) -> None:
        self.shape = shape
        self.rng = rng
        self.now = now
        self.max_score = Decimal(sum(QUESTION_POINTS))

    def _when(self, moment: datetime) -> datetime:
        return min(moment, self.now)

    def student(self, rows: Rows, user_id: int, start: datetime) -> None:
        """Invent one student's progress into `rows`."""
        shape, rng, now = self.shape, self.rng, self.now
        per_lecture = shape.sections_per_lecture
        total = shape.section_count
        # Skewed: the square of a uniform draw puts most students early in the course.
        reach = 0 if rng.random() < self.NEVER_STARTED else round(rng.random() ** 2 * total)
        last = start + (now - timedelta(days=1) - start) * rng.uniform(0.4, 1.0)
        step = (last - start) / max(reach, 1)
        skill = rng.uniform(0.35, 0.95)

        for index in range(len(shape.lectures)):
            first = index * per_lecture
            sections = shape.sections[index]
            for position in range(first, min(reach, first + per_lecture)):
                if rng.random() < self.SKIP:
                    continue
                read = start + step * (position + 1)
                rows.add(SectionProgress, (user_id, sections[position - first], read))
            if reach <= first:
                continue
            finished = reach >= first + per_lecture
            ended = start + step * min(reach, first + per_lecture)
            chance = 0.65 if finished else 0.2
            for item_id in shape.items[index]:
                if rng.random() < chance:
                    when = self._when(ended + timedelta(minutes=rng.uniform(1, 180)))
                    rows.add(ActionItemProgress, (user_id, item_id, when))
            if finished and rng.random() < 0.75:
                self._attempts(rows, user_id, shape.quizzes[index], ended, skill)
            elif not finished and rng.random() < 0.03:
                # An attempt left open: it moves no figure until it is submitted.
                rows.add(
                    Attempt,
                    (shape.quizzes[index], user_id, self._when(ended), None)
                    + (None, None, None, None, False, rng.randrange(2**31)),
                )

        # Further along, more of the readings are done.
        share = reach / total
        chance = 0.1 + 0.75 * share if reach else 0.02
        for reading_id in shape.readings:
            if rng.random() < chance:
                when = self._when(start + (last - start) * rng.random())
                rows.add(ReadingProgress, (user_id, reading_id, when))

    def _attempts(
        self, rows: Rows, user_id: int, quiz_id: int, after: datetime, skill: float
    ) -> None:
        """One to three submitted attempts, each a little better on average."""
        rng = self.rng
        tries = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
        submitted = after
        for attempt in range(tries):
            right = min(0.98, skill + 0.1 * attempt)
            score = sum(points for points in QUESTION_POINTS if rng.random() < right)
            percent = 100 * score // int(self.max_score)
            submitted = self._when(submitted + timedelta(hours=rng.uniform(0.2, 30)))
            started = submitted - timedelta(minutes=rng.uniform(2, 15))
            passed = score * 100 >= PASS_MARK * self.max_score
            rows.add(
                Attempt,
                (quiz_id, user_id, started, submitted, Decimal(score), self.max_score)
                + (percent, passed, False, rng.randrange(2**31)),
            )
