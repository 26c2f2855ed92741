"""The lectures app's hand-written SQL, every statement in one place but the access
rule's own.

Each was written after a profile (issues 9 and 11) showed Django taking longer to
build the query than the database to answer it, on a page or a write that runs on
every request: a progress toggle, the lecture page, the navigation's due count,
the review queue. The rest of the app uses the ORM (make bench-sql times each
statement against it).

- Statements take named parameters (`%(user)s`), each named once however often the
  statement uses it, and are built once per process from the models' table and
  column names. A caller picks a statement and passes its parameters; it never
  formats SQL. A variant (the lecture's summary row or the course's, one course or
  every course) is a statement of its own.
- Fragments that Django joins into an ORM query (RawSQL annotations) take
  positional parameters, in the order their docstrings give: Django's compiler
  joins an expression's parameters to its query's as one list.
- Who may see what is lectures.access's, which writes its rule as SQL too: the
  lectures a student reviews and the card states they may see
  (`access.card_rows_sql`, with which it looks a named card up). The review
  statements here are built on it, once.
- tests/lectures/test_sql.py holds each against the ORM query it stands for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Model

from lectures import access
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Card,
    CardState,
    CourseSummary,
    Lecture,
    LectureSummary,
    LectureVisit,
    Reading,
    ReadingProgress,
    Section,
    SectionProgress,
)
from quizzes.models import Attempt, Quiz


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model: type[Model]) -> str:
    return q(model._meta.db_table)


# -- a student's progress (lectures.study.progress) -------------------------------------


@dataclass(frozen=True)
class ProgressSQL:
    """Find, add and remove one of a student's progress rows. Parameters: `user`,
    `item` (the section or action item), and `moment` to add."""

    find: str
    add: str
    remove: str


@cache
def progress(model: type[Model]) -> ProgressSQL:
    """The statements of a progress table (SectionProgress, ActionItemProgress)."""
    column = model._meta.get_field("section" if model is SectionProgress else "item").column
    where = f"WHERE {q('user_id')} = %(user)s AND {q(column)} = %(item)s"
    return ProgressSQL(
        find=f"SELECT 1 FROM {table(model)} {where}",
        add=(
            f"INSERT INTO {table(model)} ({q('user_id')}, {q(column)}, {q('completed_at')}) "
            "VALUES (%(user)s, %(item)s, %(moment)s)"
        ),
        remove=f"DELETE FROM {table(model)} {where}",
    )


# -- the report's summary rows (lectures.teaching.summaries) ---------------------------


@cache
def summary_lock() -> str:
    """SELECT … FOR UPDATE of one student's course summary row (SQLite, which has no
    row locks, serialises writers with IMMEDIATE transactions instead). Parameters:
    `user`, `course`."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return (
        f"SELECT 1 FROM {table(CourseSummary)} "
        f"WHERE {q('user_id')} = %(user)s AND {q('course_id')} = %(course)s{lock}"
    )


def _counter(field: str | None, sign: str) -> str:
    return f"{q(field)} = {q(field)} {sign} 1, " if field else ""


@cache
def summary_raise(level: str, field: str | None) -> str:
    """Step a student's "course" (or "lecture") summary row up by a progress row
    added at a moment: `field` ("sections_read", "items_done" or None) up by one,
    the last activity raised to the moment. Parameters: `moment`, `user`, and
    `course` (or `lecture`)."""
    model = {"course": CourseSummary, "lecture": LectureSummary}[level]
    latest = q("last_activity")
    return (
        f"UPDATE {table(model)} SET {_counter(field, '+')}"
        f"{latest} = CASE WHEN {latest} IS NULL OR {latest} < %(moment)s THEN %(moment)s "
        f"ELSE {latest} END "
        f"WHERE {q('user_id')} = %(user)s AND {q(f'{level}_id')} = %({level})s"
    )


@cache
def summary_lower_lecture(field: str | None) -> str:
    """Step a student's lecture summary row down and recount its last activity: the
    latest of their progress dates in the lecture (sections read, items done, quizzes
    submitted). Parameters: `user`, `lecture`."""
    user, lecture = q("user_id"), q("lecture_id")
    latest = " UNION ALL ".join(
        f"SELECT MAX(p.{q(date)}) AS d FROM {table(model)} p "
        f"JOIN {table(owner)} o ON o.{q('id')} = p.{q(fk)} "
        f"WHERE p.{user} = %(user)s AND o.{lecture} = %(lecture)s{extra}"
        for model, owner, fk, date, extra in (
            (SectionProgress, Section, "section_id", "completed_at", ""),
            (ActionItemProgress, ActionItem, "item_id", "completed_at", ""),
            (Attempt, Quiz, "quiz_id", "submitted_at", f" AND p.{q('submitted_at')} IS NOT NULL"),
        )
    )
    return (
        f"UPDATE {table(LectureSummary)} SET {_counter(field, '-')}"
        f"{q('last_activity')} = (SELECT MAX(d) FROM ({latest}) latest) "
        f"WHERE {user} = %(user)s AND {lecture} = %(lecture)s"
    )


@cache
def summary_lower_course(field: str | None) -> str:
    """Step a student's course summary row down and recount its last activity from
    their lecture rows and readings done. Parameters: `user`, `course`."""
    user, course = q("user_id"), q("course_id")
    return (
        f"UPDATE {table(CourseSummary)} SET {_counter(field, '-')}"
        f"{q('last_activity')} = (SELECT MAX(d) FROM ("
        f"SELECT MAX({q('last_activity')}) AS d FROM {table(LectureSummary)} "
        f"WHERE {user} = %(user)s AND {course} = %(course)s UNION ALL "
        f"SELECT MAX(p.{q('completed_at')}) FROM {table(ReadingProgress)} p "
        f"JOIN {table(Reading)} r ON r.{q('id')} = p.{q('reading_id')} "
        f"WHERE p.{user} = %(user)s AND r.{course} = %(course)s) latest) "
        f"WHERE {user} = %(user)s AND {course} = %(course)s"
    )


# -- review cards becoming due (lectures.review.cards) ---------------------------------

# Who reached which cards: opening the lecture reaches the cards without a section,
# reading a section reaches its cards. Each "scope" names the reaching rows:
# "user" one student's (`user`, and `section` for a section), "cards" every student's
# for some cards (`cards`: card_ids()), "all" every student's for every live card.
_REACHED_BY = {
    "visit": (LectureVisit, "lecture_id", "c.{section} IS NULL"),
    "section": (SectionProgress, "section_id", "TRUE"),
}


def _cards_in() -> str:
    # One parameter for a list of ids, whatever its length: an array on PostgreSQL,
    # a JSON array on SQLite (see card_ids).
    if connection.vendor == "postgresql":
        return f"c.{q('id')} = ANY(%(cards)s)"
    return f"c.{q('id')} IN (SELECT value FROM json_each(%(cards)s))"


def card_ids(ids: list[int]):
    """The `cards` parameter of cards_reach(…, "cards")."""
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


@cache
def cards_reach(source: str, scope: str) -> str:
    """INSERT … SELECT of the CardState rows (due at once) that the lecture's live
    cards owe the students who reached them through `source` ("visit": opening the
    lecture; "section": reading the card's section), for `scope` (see _REACHED_BY).
    A card already due for a student keeps its schedule, and two tabs reaching it
    at once add it once (ON CONFLICT). Parameters: `due`, `lecture`, and the scope's."""
    reached, column, condition = _REACHED_BY[source]
    condition = condition.format(section=q("section_id"))
    scoped = {
        "user": f"r.{q('user_id')} = %(user)s"
        + (f" AND r.{q('section_id')} = %(section)s" if source == "section" else ""),
        "cards": _cards_in(),
        "all": "TRUE",
    }[scope]
    return (
        f"INSERT INTO {table(CardState)} ({q('user_id')}, {q('card_id')}, {q('lecture_id')}, "
        f"{q('retired')}, {q('state')}, {q('step')}, {q('due')}, {q('reps')}) "
        f"SELECT r.{q('user_id')}, c.{q('id')}, c.{q('lecture_id')}, c.{q('retired')}, "
        f"{CardState.State.LEARNING}, 0, %(due)s, 0 "
        f"FROM {table(reached)} r JOIN {table(Card)} c ON r.{q(column)} = c.{q(column)} "
        f"WHERE c.{q('lecture_id')} = %(lecture)s AND NOT c.{q('retired')} "
        f"AND {condition} AND {scoped} "
        f"ON CONFLICT ({q('user_id')}, {q('card_id')}) DO NOTHING"
    )


# -- the student pages (lectures.study.selectors) --------------------------------------


@cache
def lecture_done_ids() -> str:
    """The ids of a lecture's sections a student has read (kind 0) and of its items
    they have done (kind 1), and the lecture's own id if they have opened it before
    (kind 2). Parameters: `user`, `lecture`."""

    def done(model: type[Model], field: str, kind: int) -> str:
        owner = model._meta.get_field(field).related_model
        column = q(model._meta.get_field(field).column)
        return (
            f"SELECT p.{column}, {kind} FROM {table(model)} p "
            f"JOIN {table(owner)} o ON o.{q('id')} = p.{column} "
            f"WHERE p.{q('user_id')} = %(user)s AND o.{q('lecture_id')} = %(lecture)s"
        )

    opened = (
        f"SELECT {q('lecture_id')}, 2 FROM {table(LectureVisit)} "
        f"WHERE {q('user_id')} = %(user)s AND {q('lecture_id')} = %(lecture)s"
    )
    return (
        f"{done(SectionProgress, 'section', 0)} UNION ALL "
        f"{done(ActionItemProgress, 'item', 1)} UNION ALL {opened}"
    )


@cache
def lecture_figures() -> dict[str, tuple[str, int]]:
    """Fragments for a Lecture query: `n_sections` and `n_items` (its visible
    sections and its items), `n_read` and `n_done` (those the student has read or
    done) and `next_section` (the slug of the first visible section they have not
    read). Each is (SQL, how many times it takes the student's id)."""
    lecture = f"{table(Lecture)}.{q('id')}"
    lecture_id, user_id = q("lecture_id"), q("user_id")
    visible = f"FROM {table(Section)} s WHERE s.{lecture_id} = {lecture} AND NOT s.{q('archived')}"
    was_read = (
        f"SELECT 1 FROM {table(SectionProgress)} p "
        f"WHERE p.{q('section_id')} = s.{q('id')} AND p.{user_id} = %s"
    )
    return {
        "n_sections": (f"(SELECT COUNT(*) {visible})", 0),
        "n_read": (f"(SELECT COUNT(*) {visible} AND EXISTS ({was_read}))", 1),
        "n_items": (
            f"(SELECT COUNT(*) FROM {table(ActionItem)} i WHERE i.{lecture_id} = {lecture})",
            0,
        ),
        "n_done": (
            f"(SELECT COUNT(*) FROM {table(ActionItemProgress)} p "
            f"JOIN {table(ActionItem)} i ON i.{q('id')} = p.{q('item_id')} "
            f"WHERE i.{lecture_id} = {lecture} AND p.{user_id} = %s)",
            1,
        ),
        "next_section": (
            f"(SELECT s.{q('slug')} {visible} AND NOT EXISTS ({was_read}) "
            f"ORDER BY s.{q('position')}, s.{q('id')} LIMIT 1)",
            1,
        ),
    }


@cache
def done_counts(model: type[Model]) -> dict[str, tuple[str, int]]:
    """Fragments for a Section or ActionItem query: `is_done` (whether the student has
    read or done it) and `n_done` (how many of its lecture's visible sections they
    have read plus its items they have done). Each is (SQL, how many times it takes
    the student's id)."""
    outer = f"{table(model)}.{q('lecture_id')}"
    count = " + ".join(
        f"(SELECT COUNT(*) FROM {table(progress_model)} p "
        f"JOIN {table(owner)} o ON o.{q('id')} = p.{q(fk)} "
        f"WHERE p.{q('user_id')} = %s AND o.{q('lecture_id')} = {outer}{extra})"
        for progress_model, owner, fk, extra in (
            (SectionProgress, Section, "section_id", f" AND NOT o.{q('archived')}"),
            (ActionItemProgress, ActionItem, "item_id", ""),
        )
    )
    mine, fk = {
        Section: (SectionProgress, "section_id"),
        ActionItem: (ActionItemProgress, "item_id"),
    }[model]
    done = (
        f"EXISTS (SELECT 1 FROM {table(mine)} p WHERE p.{q('user_id')} = %s "
        f"AND p.{q(fk)} = {table(model)}.{q('id')})"
    )
    return {"is_done": (done, 1), "n_done": (count, 2)}


# -- the review queue (lectures.review.queue) ------------------------------------------


def _due_now() -> str:
    """The condition of a card to review now (lectures.review.queue's rule): one whose
    time has come, or one in review (its interval whole days) due before the end of
    today. Parameters: `now`, `before` (the end of today)."""
    return (
        f"s.{q('due')} < %(before)s AND (s.{q('due')} <= %(now)s "
        f"OR s.{q('state')} = {CardState.State.REVIEW})"
    )


@cache
def review_next_card(in_course: bool) -> str:
    """A student's card to review now that is due soonest, with what the review page
    shows of it (access.card_rows_sql); only a course's when `in_course`. Parameters:
    `user`, `now`, `before` (the end of today), and `course` when `in_course`.

    The queue is a walk of the (user, due) index that stops at the first card of a
    lecture the student reviews: PostgreSQL, reusing one plan for every student,
    would sometimes read and sort all their cards for the queryset instead."""
    return (
        f"{access.card_rows_sql(in_course)} "
        f"AND {_due_now()} ORDER BY s.{q('due')}, s.{q('id')} LIMIT 1"
    )


@cache
def review_due_count(in_course: bool) -> str:
    """How many of a student's cards are to review now, and how many in learning come
    back later today (in a course when `in_course`), read from the queue's index
    alone. Parameters: `user`, `now`, `before` (the end of today), and `course` when
    `in_course`."""
    later = f"s.{q('due')} > %(now)s AND s.{q('state')} <> {CardState.State.REVIEW}"
    return (
        f"SELECT COALESCE(SUM(CASE WHEN {later} THEN 0 ELSE 1 END), 0), "
        f"COALESCE(SUM(CASE WHEN {later} THEN 1 ELSE 0 END), 0) "
        f"FROM {table(CardState)} s "
        f"WHERE s.{q('user_id')} = %(user)s AND NOT s.{q('retired')} "
        f"AND s.{q('due')} < %(before)s "
        f"AND s.{q('lecture_id')} IN ({access.studied_lectures_sql(in_course)})"
    )


@cache
def review_figures(days: int) -> str:
    """A student's cards counted by the day they fall due (0 for today, overdue
    included, up to `days` - 1; NULL for later), with each day's never reviewed and
    learned among them, and those in learning not due yet (of today's: the cards
    coming back later today). Each card meets the day boundaries only until the
    first it is before. Parameters: `user`, `now`, and `end_0` … `end_<days - 1>`,
    the ends of the days."""
    ends = " ".join(f"WHEN s.{q('due')} < %(end_{i})s THEN {i}" for i in range(days))
    review = f"s.{q('state')} = {CardState.State.REVIEW}"
    return (
        f"SELECT CASE {ends} ELSE NULL END AS day, COUNT(*), "
        f"SUM(CASE WHEN s.{q('last_review')} IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {review} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN s.{q('due')} > %(now)s AND NOT {review} THEN 1 ELSE 0 END) "
        f"FROM {table(CardState)} s "
        f"WHERE s.{q('user_id')} = %(user)s AND NOT s.{q('retired')} "
        f"AND s.{q('lecture_id')} IN ({access.studied_lectures_sql()}) GROUP BY day"
    )
