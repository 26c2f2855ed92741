"""Each of lectures.sql's statements against the ORM query it stands for: the same
rows, or the same rows written, on data where the two could differ (archived
sections, retired cards, other students, other lectures, unsubmitted attempts)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from lectures import access, sql
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Card,
    CardState,
    CourseSummary,
    Enrolment,
    Lecture,
    LectureSummary,
    LectureVisit,
    Reading,
    ReadingProgress,
    Section,
    SectionProgress,
)
from lectures.review import queue
from lectures.review.cards import lecture_opened
from lectures.review.ratings import review_record
from lectures.study import selectors
from lectures.study.progress import progress_set
from lectures.teaching import summaries
from quizzes.models import Attempt, Quiz

pytestmark = pytest.mark.django_db

NOTES = """Title: Ocean Floors
Overview
How the deep sea was mapped.
Mapping
- The Challenger expedition began sounding the deep ocean in 1872.
- Marie Tharp drew the first map of the Atlantic floor in 1957.
Spreading
- Harry Hess proposed seafloor spreading in 1962.
Drilling
- The Glomar Challenger drilled the ocean floor in 1968.
Key Terms
- Subduction — one plate sliding under another.
- Trench — the deepest part of the ocean floor.
Next Steps
- Read chapter 3.
- Sketch a ridge.
"""
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def execute(statement: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def moment(when: dt.datetime):
    return connection.ops.adapt_datetimefield_value(when)


def both(by_sql, by_orm, read):
    """What `read` gives after `by_sql`, and after `by_orm` on the same rows instead."""
    with transaction.atomic():
        by_sql()
        after_sql = read()
        transaction.set_rollback(True)
    by_orm()
    return after_sql, read()


@pytest.fixture
def ocean(make_lecture, student, other_student):
    lecture = make_lecture(NOTES, course="ocean")
    for user in (student, other_student):
        Enrolment.objects.create(course=lecture.course, user=user)
    # An archived section the student had read counts in no figure.
    drilling = lecture.sections.get(slug="drilling")
    progress_set(user=student, obj=drilling, done=True)
    drilling.archived = True
    drilling.save()
    progress_set(user=student, obj=lecture.sections.get(slug="mapping"), done=True)
    progress_set(user=student, obj=lecture.action_items.first(), done=True)
    progress_set(user=other_student, obj=lecture.sections.get(slug="spreading"), done=True)
    lecture_opened(user=student, lecture=lecture)
    # A quiz submitted after all of that is the lecture's last activity; an attempt
    # left open is none.
    quiz = Quiz.objects.create(lecture=lecture, title="Floors", published=True)
    later = timezone.now() + dt.timedelta(days=1)
    Attempt.objects.create(quiz=quiz, user=student, submitted_at=later, percent=80)
    Attempt.objects.create(quiz=quiz, user=student, started_at=later + dt.timedelta(days=1))
    summaries.summaries_rebuild(course=lecture.course)
    return lecture


@pytest.fixture
def elsewhere(make_lecture, student):
    """The student's progress in another course: no statement about `ocean` sees it."""
    lecture = make_lecture(NOTES.replace("Ocean Floors", "Other Floors"), course="other")
    Enrolment.objects.create(course=lecture.course, user=student)
    progress_set(user=student, obj=lecture.sections.get(slug="spreading"), done=True)
    lecture_opened(user=student, lecture=lecture)
    return lecture


# -- progress --------------------------------------------------------------------------


@pytest.mark.parametrize("model", [SectionProgress, ActionItemProgress])
def test_progress_statements_find_add_and_remove_what_the_orm_would(ocean, student, model):
    field = "section" if model is SectionProgress else "item"
    owner = Section if model is SectionProgress else ActionItem
    unread = owner.objects.filter(lecture=ocean).exclude(progress__user=student).first()
    statements = sql.progress(model)
    params = {"user": student.pk, "item": unread.pk}
    orm = model.objects.filter(user=student, **{field: unread})
    assert bool(execute(statements.find, params)) is orm.exists() is False
    execute(statements.add, {**params, "moment": moment(NOW)})
    assert bool(execute(statements.find, params)) is orm.exists() is True
    assert orm.get().completed_at == NOW
    execute(statements.remove, params)
    assert not orm.exists()


# -- summaries ---------------------------------------------------------------------------


def test_summary_lock_finds_the_students_course_row(ocean, student, make_user):
    params = {"user": student.pk, "course": ocean.course_id}
    orm = CourseSummary.objects.select_for_update().filter(user=student, course=ocean.course)
    with transaction.atomic():
        assert len(execute(sql.summary_lock(), params)) == len(orm) == 1
        newcomer = make_user("newcomer")
        assert execute(sql.summary_lock(), {**params, "user": newcomer.pk}) == []


def _latest_after(when):
    return Case(
        When(Q(last_activity__isnull=True) | Q(last_activity__lt=when), then=Value(when)),
        default=F("last_activity"),
    )


@pytest.mark.parametrize("level", ["lecture", "course"])
@pytest.mark.parametrize("field", ["sections_read", "items_done", None])
def test_summary_raise_steps_a_row_up_as_the_orm_update_would(ocean, student, level, field):
    model = LectureSummary if level == "lecture" else CourseSummary
    key = ocean.pk if level == "lecture" else ocean.course_id
    rows = model.objects.filter(user=student, **{f"{level}_id": key})
    later = NOW + dt.timedelta(days=400)
    changes = {"last_activity": _latest_after(later)}
    if field:
        changes[field] = F(field) + 1
    params = {"user": student.pk, level: key, "moment": moment(later)}
    read = lambda: list(rows.values())  # noqa: E731
    by_sql, by_orm = both(
        lambda: execute(sql.summary_raise(level, field), params),
        lambda: rows.update(**changes),
        read,
    )
    assert by_sql == by_orm
    assert by_sql[0]["last_activity"] == later


@pytest.mark.parametrize("field", ["sections_read", "items_done", None])
def test_summary_lower_lecture_recounts_the_last_activity_as_the_orm_would(ocean, student, field):
    mapping = ocean.sections.get(slug="mapping")
    # The progress row goes first; the statement then recounts from what is left.
    SectionProgress.objects.filter(user=student, section=mapping).delete()
    rows = LectureSummary.objects.filter(user=student, lecture=ocean)
    changes = {"last_activity": summaries.last_activity_in_lecture()}
    if field:
        changes[field] = F(field) - 1
    by_sql, by_orm = both(
        lambda: execute(
            sql.summary_lower_lecture(field), {"user": student.pk, "lecture": ocean.pk}
        ),
        lambda: rows.update(**changes),
        lambda: list(rows.values()),
    )
    assert by_sql == by_orm
    submitted = Attempt.objects.filter(user=student, submitted_at__isnull=False).get()
    assert by_sql[0]["last_activity"] == submitted.submitted_at


@pytest.mark.parametrize("field", ["sections_read", "items_done", None])
def test_summary_lower_course_recounts_the_last_activity_as_the_orm_would(
    ocean, student, field, elsewhere
):
    reading = Reading.objects.create(course=ocean.course, title="Tharp's maps", url="https://r.t/")
    ReadingProgress.objects.create(user=student, reading=reading, completed_at=NOW)
    rows = CourseSummary.objects.filter(user=student, course=ocean.course)
    changes = {"last_activity": summaries.last_activity_in_course()}
    if field:
        changes[field] = F(field) - 1
    by_sql, by_orm = both(
        lambda: execute(
            sql.summary_lower_course(field), {"user": student.pk, "course": ocean.course_id}
        ),
        lambda: rows.update(**changes),
        lambda: list(rows.values()),
    )
    assert by_sql == by_orm


# -- review cards becoming due -------------------------------------------------------------


def _reached(lecture: Lecture, source: str) -> set[tuple[int, int]]:
    """(user, card) pairs the ORM finds for `source`: opening the lecture reaches its
    live cards without a section, reading a section its live cards."""
    cards = Card.objects.filter(lecture=lecture, retired=False)
    if source == "visit":
        users = LectureVisit.objects.filter(lecture=lecture).values_list("user_id", flat=True)
        return {
            (u, c) for u in users for c in cards.filter(section=None).values_list("pk", flat=True)
        }
    pairs = SectionProgress.objects.filter(section__lecture=lecture).values_list(
        "user_id", "section_id"
    )
    return {
        (user, card)
        for user, section in pairs
        for card in cards.filter(section_id=section).values_list("pk", flat=True)
    }


def _states(lecture: Lecture) -> set[tuple[int, int]]:
    return set(CardState.objects.filter(lecture=lecture).values_list("user_id", "card_id"))


@pytest.mark.parametrize("source", ["visit", "section"])
def test_cards_reach_all_adds_the_states_the_orm_finds_owed(ocean, elsewhere, source):
    CardState.objects.all().delete()
    retired = Card.objects.filter(lecture=ocean).first()
    retired.retired = True
    retired.save()
    due = moment(NOW)
    execute(sql.cards_reach(source, "all"), {"due": due, "lecture": ocean.pk})
    assert _states(ocean) == _reached(ocean, source)
    assert _states(elsewhere) == set()
    # Again: nothing is added twice.
    execute(sql.cards_reach(source, "all"), {"due": due, "lecture": ocean.pk})
    assert CardState.objects.filter(lecture=ocean).count() == len(_reached(ocean, source))


@pytest.mark.parametrize("source", ["visit", "section"])
def test_cards_reach_for_some_cards_adds_only_theirs(ocean, source):
    CardState.objects.all().delete()
    some = list(Card.objects.filter(lecture=ocean).values_list("pk", flat=True)[:3])
    params = {"due": moment(NOW), "lecture": ocean.pk, "cards": sql.card_ids(some)}
    execute(sql.cards_reach(source, "cards"), params)
    assert _states(ocean) == {pair for pair in _reached(ocean, source) if pair[1] in some}


def test_cards_reach_for_one_student_and_section(ocean, student, other_student):
    CardState.objects.all().delete()
    spreading = ocean.sections.get(slug="spreading")
    params = {"due": moment(NOW), "lecture": ocean.pk, "user": other_student.pk}
    execute(sql.cards_reach("section", "user"), {**params, "section": spreading.pk})
    expected = {pair for pair in _reached(ocean, "section") if pair[0] == other_student.pk}
    assert _states(ocean) == expected != set()
    execute(sql.cards_reach("visit", "user"), {**params, "user": student.pk})
    expected |= {pair for pair in _reached(ocean, "visit") if pair[0] == student.pk}
    assert _states(ocean) == expected


# -- the student pages ----------------------------------------------------------------------


def test_lecture_done_ids_are_the_orms(ocean, student, elsewhere):
    rows = execute(sql.lecture_done_ids(), {"user": student.pk, "lecture": ocean.pk})
    read = SectionProgress.objects.filter(user=student, section__lecture=ocean)
    done = ActionItemProgress.objects.filter(user=student, item__lecture=ocean)
    opened = LectureVisit.objects.filter(user=student, lecture=ocean)
    assert sorted(rows) == sorted(
        [(pk, 0) for pk in read.values_list("section_id", flat=True)]
        + [(pk, 1) for pk in done.values_list("item_id", flat=True)]
        + [(pk, 2) for pk in opened.values_list("lecture_id", flat=True)]
    )


def test_lecture_figures_are_the_orms(ocean, student, elsewhere):
    def count(rows, by: str):
        counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    visible = Section.objects.filter(lecture=OuterRef("pk"), archived=False)
    was_read = Exists(SectionProgress.objects.filter(section=OuterRef("pk"), user=student))
    orm = Lecture.objects.annotate(
        n_sections=count(visible, "lecture"),
        n_read=count(visible.filter(was_read), "lecture"),
        n_items=count(ActionItem.objects.filter(lecture=OuterRef("pk")), "lecture"),
        n_done=count(
            ActionItemProgress.objects.filter(item__lecture=OuterRef("pk"), user=student),
            "item__lecture",
        ),
        next_section=Subquery(
            visible.filter(~was_read).order_by("position", "pk").values("slug")[:1]
        ),
    )
    fields = ["pk", "n_sections", "n_read", "n_items", "n_done", "next_section"]
    by_sql = list(selectors.lecture_rows(student).order_by("pk").values(*fields))
    assert by_sql == list(orm.order_by("pk").values(*fields))
    assert by_sql[0]["n_read"] == 1  # the archived section read counts for nothing


@pytest.mark.parametrize("model", [Section, ActionItem])
def test_done_counts_are_the_orms(ocean, student, model):
    mine = SectionProgress if model is Section else ActionItemProgress
    field = "section" if model is Section else "item"
    counted = (
        SectionProgress.objects.filter(
            user=student, section__lecture=ocean, section__archived=False
        ).count()
        + ActionItemProgress.objects.filter(user=student, item__lecture=ocean).count()
    )
    rows = selectors.section_rows(student) if model is Section else selectors.item_rows(student)
    for row in rows.filter(lecture=ocean):
        done = mine.objects.filter(user=student, **{field: row}).exists()
        assert (row.is_done, row.n_done) == (done, counted)


# -- the review queue -------------------------------------------------------------------------


@pytest.fixture
def reviewing(ocean, student, elsewhere):
    """The student's cards with varied due dates, one of them retired, some reviewed
    (coming back later today), two in review due later today (due now all the same)."""
    for number, state in enumerate(CardState.objects.filter(user=student).order_by("pk")):
        state.due = NOW + dt.timedelta(days=number - 2, hours=number)
        if number in (2, 3):
            state.state = CardState.State.REVIEW
        state.save()
    reviewed = CardState.objects.filter(user=student).order_by("pk")[:2]
    for state in reviewed:
        review_record(user=student, state=state, rating=3, rep=0, now=NOW)
    retired = CardState.objects.filter(user=student, lecture=ocean).order_by("due").first()
    retired.retired = True
    retired.save()
    return student


@pytest.mark.parametrize("in_course", [False, True])
def test_review_next_card_is_the_orms(reviewing, ocean, in_course):
    course = ocean.course if in_course else None
    card = queue.next_card(reviewing, NOW, course)
    orm = (
        access.card_states_of(reviewing, course)
        .filter(queue.due_now(NOW))
        .annotate(card_front=F("card__front"), section_title=F("card__section__title"))
        .order_by("due", "pk")
        .first()
    )
    assert card is not None and orm is not None
    assert (card.pk, card.card_front, card.section_title) == (
        orm.pk,
        orm.card_front,
        orm.section_title,
    )


@pytest.mark.parametrize("in_course", [False, True])
def test_the_card_lookup_is_the_orms(reviewing, ocean, elsewhere, other_student, in_course):
    course = ocean.course if in_course else None
    states = access.card_states_of(reviewing, course)
    expected = {
        state.card_id: (state.pk, state.card.front, state.lecture.title)
        for state in states.select_related("card", "lecture")
    }
    assert len(expected) > 1
    for card_id, (pk, front, lecture_title) in expected.items():
        found = access.get_card_state_for_user(reviewing, card_id, course)
        assert (found.pk, found.card_front, found.lecture_title) == (pk, front, lecture_title)
    # Retired, another course's (in a course), another student's: none is found.
    others = CardState.objects.exclude(card_id__in=expected).filter(user=reviewing)
    others = [*others, *CardState.objects.filter(user=other_student)]
    assert others
    for state in others:
        with pytest.raises(Http404):
            access.get_card_state_for_user(reviewing, state.card_id, course)


@pytest.mark.parametrize("in_course", [False, True])
def test_review_due_count_is_the_orms(reviewing, ocean, in_course):
    course = ocean.course if in_course else None
    states = access.card_states_of(reviewing, course)
    due = states.filter(queue.due_now(NOW)).count()
    later = states.filter(due__gt=NOW, due__lt=queue.day_end(NOW)).exclude(state=2).count()
    assert queue.due_counts(reviewing, NOW, course) == queue.DueCounts(due, later)
    assert due > 0 and later > 0


def test_review_figures_are_the_orms(reviewing):
    figures = queue.card_figures(reviewing, NOW)
    states = list(access.card_states_of(reviewing))
    ends = [queue.day_end(NOW, days) for days in range(1, queue.FORECAST_DAYS + 1)]
    per_day = [
        sum(1 for s in states if s.due < end and (i == 0 or s.due >= ends[i - 1]))
        for i, end in enumerate(ends)
    ]
    assert [n for _day, n in figures.forecast] == per_day
    assert figures.total == len(states)
    assert figures.new == sum(1 for s in states if s.last_review is None)
    assert figures.learned == sum(1 for s in states if s.state == CardState.State.REVIEW)
    assert figures.due_now == queue.due_count(reviewing, NOW) > 0
    assert figures.later_today == queue.due_counts(reviewing, NOW).later_today > 0


def test_the_statements_are_built_once_per_process():
    assert sql.review_due_count(True) is sql.review_due_count(True)
    assert sql.cards_reach("section", "user") is sql.cards_reach("section", "user")


def test_no_statement_takes_a_positional_parameter():
    statements = [
        *vars(sql.progress(SectionProgress)).values(),
        sql.summary_lock(),
        sql.summary_raise("course", None),
        sql.summary_lower_lecture(None),
        sql.summary_lower_course(None),
        sql.cards_reach("visit", "cards"),
        sql.lecture_done_ids(),
        sql.review_next_card(True),
        access._card_sql(True),
        sql.review_due_count(False),
        sql.review_figures(3),
    ]
    assert all("%s" not in statement for statement in statements)
