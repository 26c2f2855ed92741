"""Read models for the student pages: the rows a page shows and how far the user is.

Who may see what is lectures.access's: these build querysets with the counts a
page needs, and access narrows them to what the user may see, in one query.
Counts come from correlated subqueries rather than joins, so one query serves a
whole list of lectures without multiplying rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from lectures import access, sql
from lectures.models import (
    ActionItem,
    Lecture,
    ReadingAssignment,
    ReadingProgress,
    Section,
    TimelineEvent,
)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)


def _figures(fragments: dict[str, tuple[str, int]], user, **types) -> dict[str, RawSQL]:
    """RawSQL annotations from lectures.sql's fragments, each given the student's id
    as often as it takes it."""
    return {
        name: RawSQL(fragment, [user.pk] * uses, output_field=types[name])
        for name, (fragment, uses) in fragments.items()
    }


def lecture_rows(user) -> QuerySet[Lecture]:
    """Lectures with their course, the user's progress counts and the next unread
    section's slug; narrow with lectures.access.

    The figures are SQL (lectures.sql.lecture_figures), which Django builds far
    faster than the same as correlated subquery expressions (issue 9's profile of
    the dashboard)."""
    count = IntegerField()
    figures = _figures(
        sql.lecture_figures(),
        user,
        n_sections=count,
        n_read=count,
        n_items=count,
        n_done=count,
        next_section=CharField(),
    )
    return Lecture.objects.select_related("course").annotate(**figures)


def lectures_with_progress(user, courses=None) -> QuerySet[Lecture]:
    """The lectures the user may study (of `courses`, if given), with progress."""
    lectures = lecture_rows(user)
    if courses is not None:
        lectures = lectures.filter(course__in=courses)
    return access.lectures_visible_to(user, lectures).order_by("course__title", "position", "pk")


def lecture_progress(lecture: Lecture) -> Progress:
    """Progress of an annotated lecture (see lecture_rows)."""
    return Progress(lecture.n_read + lecture.n_done, lecture.n_sections + lecture.n_items)


def _done_counts(user, model) -> dict[str, RawSQL]:
    """Annotations on a Section or ActionItem query: `is_done` and `n_done` (see
    lectures.sql.done_counts). As SQL: Django's build of the same as subqueries cost
    more than a toggle's whole budget (issue 9's profile); the database answers
    from two indexes."""
    return _figures(sql.done_counts(model), user, is_done=BooleanField(), n_done=IntegerField())


def section_rows(user) -> QuerySet[Section]:
    """Sections with their lecture's done count (see _done_counts), so one query
    answers a toggle's lookup and its progress bar. A toggle's answer shows the
    section's title, never its (possibly large) body, nor the lecture's overview."""
    return Section.objects.defer("body", "lecture__overview").annotate(
        **_done_counts(user, Section)
    )


def item_rows(user) -> QuerySet[ActionItem]:
    """Action items with their lecture's done count (see section_rows)."""
    return ActionItem.objects.defer("lecture__overview").annotate(**_done_counts(user, ActionItem))


def assigned_readings(user) -> QuerySet[ReadingAssignment]:
    """Assignments that reach the user (see access.assignments_of), with `is_done`,
    not done before done, soonest due first. A reading assigned twice (to the
    student and to their cohort) appears once per assignment; see
    unique_readings."""
    return (
        access.assignments_of(user)
        .select_related("reading__course", "reading__lecture__course", "reading__section")
        # The dashboard links to the section; its body can be large and is not shown.
        .defer("reading__section__body", "reading__lecture__overview")
        .annotate(
            is_done=Exists(ReadingProgress.objects.filter(reading=OuterRef("reading"), user=user))
        )
        .order_by("is_done", F("due_at").asc(nulls_last=True), "pk")
        .distinct()
    )


# A page of the timeline stays small however many dated bullets a lecture has.
TIMELINE_PAGE_SIZE = 100


# Suggestions shown at once: an instructor answers them a page at a time, and each
# answer brings the next one up.
SUGGESTIONS_SHOWN = 50


def timeline_events(lecture: Lecture, *, suggested: bool = False) -> QuerySet:
    """The lecture's timeline events in date order, each with its section's slug and
    title (the link to it), or none. Events of archived sections are left out, and
    suggestions too unless `suggested` (for the lecture's instructors: students
    never see one).

    Only the columns the timeline shows are read: a section's body can be megabytes,
    and joining it to each of its thousands of events once held a copy per event
    (issue 7). The order follows the (lecture, sort_key) index, and the primary key
    breaks ties so that pages never overlap.
    """
    events = lecture.events.filter(Q(section__isnull=True) | Q(section__archived=False))
    if not suggested:
        events = events.filter(status=TimelineEvent.Status.SHOWN)
    return (
        events.select_related("section")
        # "lecture" too: the related manager reads each event's lecture_id to attach
        # `lecture`, and a deferred one would cost a query per event.
        .only(
            "lecture",
            "when_label",
            # The start and end a screen reader hears (TimelineEvent.spoken_when).
            *TimelineEvent.DATE_FIELDS,
            "text",
            "status",
            "section__slug",
            "section__title",
        )
        .order_by("sort_key", "pk")
    )


def dated_quizzes(lectures, now: datetime, limit: int = 20) -> list:
    """The quizzes with a due date of `lectures` (each with its `quiz_results`, from
    quizzes.selectors.best_by_lecture), as the dashboard lists them beside the
    readings: not done before done (a submitted attempt is done), soonest due first,
    at most `limit`. Each gets `is_done` and `is_overdue` (due before `now`, not
    done). No query: the dashboard has read them with the lectures."""
    quizzes = [quiz for lecture in lectures for quiz in lecture.quiz_results if quiz.due_at]
    for quiz in quizzes:
        quiz.is_done = quiz.best is not None
        quiz.is_overdue = not quiz.is_done and quiz.due_at < now
    quizzes.sort(key=lambda quiz: (quiz.is_done, quiz.due_at, quiz.pk))
    return quizzes[:limit]


def unique_readings(assignments, limit: int, now: datetime) -> list[ReadingAssignment]:
    """The first assignment of each reading, in the order given, at most `limit`:
    a reading assigned both directly and through a cohort is listed once, with
    the soonest due date. Each gets `is_overdue`: due before `now` and not done."""
    seen: set[int] = set()
    out = []
    for assignment in assignments:
        if assignment.reading_id in seen:
            continue
        seen.add(assignment.reading_id)
        due = assignment.due_at
        assignment.is_overdue = bool(due and due < now and not assignment.is_done)
        out.append(assignment)
        if len(out) == limit:
            break
    return out


@dataclass(frozen=True)
class NextStep:
    """The dashboard's "What to do next": one thing, a reading or a lecture."""

    reading: ReadingAssignment | None = None  # from unique_readings, with is_overdue
    lecture: Lecture | None = None  # from lectures_with_progress, with `progress`


def next_step(readings: list[ReadingAssignment], lectures: Iterable[Lecture]) -> NextStep | None:
    """What a student should do next: an overdue reading first (the one due longest
    ago: unique_readings keeps assigned_readings' order), then the first lecture with
    sections left to read or action items to finish, then a reading not done yet.
    Overdue work comes first because it is what the student is already late with."""
    waiting = [assignment for assignment in readings if not assignment.is_done]
    overdue = next((assignment for assignment in waiting if assignment.is_overdue), None)
    if overdue is not None:
        return NextStep(reading=overdue)
    lecture = next(
        (x for x in lectures if x.next_section or not x.progress.complete),
        None,
    )
    if lecture is not None:
        return NextStep(lecture=lecture)
    return NextStep(reading=waiting[0]) if waiting else None


def lecture_done_ids(user, lecture: Lecture) -> tuple[frozenset[int], frozenset[int], bool]:
    """The ids of the lecture's sections the user has read and of its action items
    they have done (archived sections included: lectures.content.cache knows which are
    visible), and whether they have opened the lecture before. One query.

    Written as SQL: it runs on every lecture page, and Django took about 0.5 ms to
    build it as a union of two querysets, the database 0.02 ms to answer it (issue
    9's profile).
    """
    with connection.cursor() as cursor:
        cursor.execute(sql.lecture_done_ids(), {"user": user.pk, "lecture": lecture.pk})
        rows = cursor.fetchall()
    return (
        frozenset(pk for pk, kind in rows if kind == 0),
        frozenset(pk for pk, kind in rows if kind == 1),
        any(kind == 2 for _pk, kind in rows),
    )


@dataclass(frozen=True)
class SectionRow:
    """A section as the lecture page's partials read it: shared content and the
    student's own state."""

    pk: int
    slug: str
    title: str
    html: str
    toggle_url: str
    is_read: bool


@dataclass(frozen=True)
class ItemRow:
    pk: int
    text: str
    toggle_url: str
    is_done: bool


def lecture_page_rows(content, read: frozenset[int], done: frozenset[int]):
    """The lecture page's sections and action items: its shared content
    (lectures.content.cache) with the ids a student has read and done."""
    sections = [SectionRow(**vars(s), is_read=s.pk in read) for s in content.sections]
    items = [ItemRow(**vars(i), is_done=i.pk in done) for i in content.items]
    return sections, items


def glossary_matches(content, query: str) -> list:
    """The lecture's terms alphabetically, those whose term, alias or definition
    contains `query` when it is given. Anchors are numbered over the whole glossary
    (lectures.content.cache), so they match the lecture's links."""
    terms = sorted(content.terms, key=lambda t: t.term.casefold())
    if not query:
        return terms
    needle = query.casefold()
    return [
        term
        for term in terms
        if needle in term.term.casefold()
        or needle in term.alias.casefold()
        or needle in term.definition.casefold()
    ]


def content_progress(content, read: frozenset[int], done: frozenset[int]) -> Progress:
    """The lecture's progress bar from its shared content (lectures.content.cache) and the
    ids lecture_done_ids read: visible sections read and items done."""
    return Progress(len(read & content.section_ids) + len(done & content.item_ids), content.size)


@dataclass
class Suggestions:
    """The first SUGGESTIONS_SHOWN of a lecture's suggested events, and how many there are."""

    events: list
    count: int


def _suggested(lecture: Lecture) -> QuerySet[TimelineEvent]:
    """The lecture's suggested events, those of archived sections left out."""
    return lecture.events.filter(status=TimelineEvent.Status.SUGGESTED).filter(
        Q(section__isnull=True) | Q(section__archived=False)
    )


def suggestions_count(lecture: Lecture) -> int:
    """How many of the lecture's suggested events wait for its instructors."""
    return _suggested(lecture).count()


def timeline_suggestions(lecture: Lecture) -> Suggestions:
    """The lecture's suggested events (for its instructors), in timeline order, with
    the reason the import was unsure of each; those of archived sections left out."""
    events = list(
        _suggested(lecture)
        .select_related("section")
        .only("lecture", "when_label", "text", "doubt", "section__slug", "section__title")
        .order_by("sort_key", "pk")[: SUGGESTIONS_SHOWN + 1]
    )
    if len(events) <= SUGGESTIONS_SHOWN:
        return Suggestions(events, len(events))
    return Suggestions(events[:SUGGESTIONS_SHOWN], suggestions_count(lecture))


def timeline_page(lecture: Lecture, number) -> dict:
    """The timeline page's context: one page of shown events and, for the lecture's
    instructors (lecture.teaching, from access), its suggestions.

    Queries: a count and one page of events; with suggestions, one more (two past
    SUGGESTIONS_SHOWN)."""
    paginator = Paginator(timeline_events(lecture), TIMELINE_PAGE_SIZE)
    # get_page: a page number that is not one, or past the end, shows the first or last page.
    page = paginator.get_page(number)
    events = list(page.object_list)
    for event in events:
        # "December 2024: Plane shot down" under "December 2024" need not say it twice.
        prefix = f"{event.when_label}:"
        text = event.text
        event.display = text[len(prefix) :].strip() if text.startswith(prefix) else text
    return {
        "course": lecture.course,
        "lecture": lecture,
        "events": events,
        "page": page,
        "suggestions": timeline_suggestions(lecture) if lecture.teaching else None,
    }
