"""Who may see or teach a course's content: the one home of the access rule.

The rule:
- a superuser sees and teaches every course;
- a course's instructors (`Course.instructors`, nothing else) teach it: they see
  all of its lectures, drafts included, and manage it in the admin;
- a student enrolled in a course (`Enrolment`) sees its published lectures;
- a superuser, or a staff account with Django's `lectures.add_course` permission,
  may create courses (`may_create_courses`);
- nobody else sees anything of it, and an inactive or anonymous user sees nothing.

It is written twice, side by side: as queryset filters for lists
(`courses_visible_to`, `courses_taught_by`, `lectures_visible_to`, …) and as
lookups that raise Http404 for a missing and a forbidden object alike
(`get_course_for_user`, `get_lecture_for_user`, `get_section_for_user`, …), so a
student can never tell another course's objects from objects that do not exist.

The lookups take an optional base queryset: a page's selector builds the read
model (progress counts, related rows) and this module narrows it to what the
user may see, in the same single query.
"""

from __future__ import annotations

from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.http import Http404

from .models import (
    ActionItem,
    Announcement,
    Card,
    CardState,
    Course,
    Enrolment,
    Lecture,
    Reading,
    ReadingAssignment,
    Section,
    TimelineEvent,
)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _superuser(user) -> bool:
    return _active(user) and user.is_superuser


def is_site_admin(user) -> bool:
    """An active superuser: sees and manages everything, every account included."""
    return _superuser(user)


def may_create_courses(user) -> bool:
    """A site admin, or an active staff account granted "may create courses": Django's
    `lectures.add_course` permission, on the user's admin page or through a group.

    Such an instructor teaches the courses they create (CourseAdmin adds them); the
    server's `import_lecture` command creates courses too.
    """
    if not _active(user):
        return False
    return user.is_superuser or (user.is_staff and user.has_perm("lectures.add_course"))


def has_students(course: Course) -> bool:
    """Whether anyone studies `course`: its published lectures reach them at once."""
    return course.enrolments.exists()


def may_assign_instructors(user) -> bool:
    """Who teaches a course is granted by a site admin, not by its instructors."""
    return _superuser(user)


def _courses_of(user, membership) -> RawSQL:
    """The ids of the courses where `user` has a row of `membership` (the
    instructors' or the enrolments' table), as an SQL subquery.

    Written as SQL rather than as a queryset: every page filters by it, and Django
    builds this several times faster than an Exists subquery it must resolve and
    compile (issue 9's profile); the database runs the same plan.
    """
    q = connection.ops.quote_name
    return RawSQL(
        f"SELECT {q('course_id')} FROM {q(membership._meta.db_table)} WHERE {q('user_id')} = %s",
        [user.pk],
    )


def _teaching(user, course: str) -> Q:
    """True where `user` is one of the instructors of the course at `course` (a
    lookup path from the filtered model to its Course: "pk", "course",
    "lecture__course")."""
    return Q(**{f"{course}__in": _courses_of(user, Course.instructors.through)})


def _enrolled(user, course: str) -> Q:
    return Q(**{f"{course}__in": _courses_of(user, Enrolment)})


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


# -- courses -----------------------------------------------------------------------


def course_visible(user, course: str = "pk") -> Q:
    """The filter "the user may open the course at `course`" for any model."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return _enrolled(user, course) | _teaching(user, course)


def course_taught(user, course: str = "pk") -> Q:
    """The filter "the user teaches the course at `course`" for any model."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return _teaching(user, course)


def courses_visible_to(user) -> QuerySet[Course]:
    """Courses the user studies or teaches (every course for a superuser)."""
    return Course.objects.filter(course_visible(user))


def courses_taught_by(user) -> QuerySet[Course]:
    """Courses whose content, people and reports the user manages."""
    return Course.objects.filter(course_taught(user))


def teaches(user, course: Course | int) -> bool:
    """Whether the user teaches `course` (an instance or a primary key)."""
    course_id = course.pk if isinstance(course, Course) else course
    return courses_taught_by(user).filter(pk=course_id).exists()


def teaching_flag(user, course: str = "course"):
    """An annotation: whether the user teaches the course at `course` (a lookup
    path from the annotated model). Pages use it to show drafts and staff links."""
    if _superuser(user):
        return Value(True)
    if not _active(user):
        return Value(False)
    return ExpressionWrapper(_teaching(user, course), output_field=BooleanField())


def get_course_for_user(user, slug: str, queryset: QuerySet[Course] | None = None) -> Course:
    course = _base(queryset, Course).filter(course_visible(user), slug=slug).first()
    if course is None:
        raise Http404("No such course")
    return course


def teachers_of(course_id: int) -> QuerySet:
    """The people whose work in a course is not a student's: its instructors and
    every superuser (their tries at a quiz stay out of its statistics)."""
    return get_user_model().objects.filter(Q(is_superuser=True) | Q(taught_courses=course_id))


def people_taught_by(user) -> QuerySet:
    """The students of the courses the user teaches: the only accounts an instructor
    may see or pick in the admin (every account for a superuser)."""
    people = get_user_model().objects.all()
    if _superuser(user):
        return people
    return people.filter(enrolments__course__in=courses_taught_by(user)).distinct()


# -- lectures and what is in them -----------------------------------------------------


def lecture_visible(user, lecture: str = "") -> Q:
    """The filter "the user may study the lecture at `lecture`" ("" on Lecture
    itself): its teachers see drafts, its students the published ones."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    p = _prefix(lecture)
    course = f"{p}course"
    return _teaching(user, course) | (Q(**{f"{p}published": True}) & _enrolled(user, course))


def lectures_visible_to(user, queryset: QuerySet[Lecture] | None = None) -> QuerySet[Lecture]:
    """Lectures the user may study, each annotated with `teaching`."""
    return (
        _base(queryset, Lecture)
        .annotate(teaching=teaching_flag(user))
        .filter(lecture_visible(user))
    )


def _standing(user) -> dict:
    """Annotations `teaches` and `studies` for the single-object lookups below:
    whether the user teaches, or is enrolled in, the lecture's course (read from
    the lecture's table as Django aliases it: by its name).

    The lookups decide lecture_visible in Python from these two flags: the same
    rule, which Django builds faster this way than as the filter's subqueries
    (every student page and toggle makes one such lookup; issue 9's profile)."""
    q = connection.ops.quote_name
    course_id = f"{q(Lecture._meta.db_table)}.{q('course_id')}"

    def member_of(membership) -> RawSQL:
        return RawSQL(
            f"EXISTS (SELECT 1 FROM {q(membership._meta.db_table)} "
            f"WHERE {q('course_id')} = {course_id} AND {q('user_id')} = %s)",
            [user.pk],
            output_field=BooleanField(),
        )

    return {"teaches": member_of(Course.instructors.through), "studies": member_of(Enrolment)}


def _may_study(user, lecture: Lecture, flags) -> bool:
    """lecture_visible for one lecture, from the flags _standing annotated on
    `flags` (the lecture or one of its rows); sets the lecture's `teaching` flag
    as lectures_visible_to annotates it."""
    if user.is_superuser:
        lecture.teaching = True
        return True
    lecture.teaching = flags.teaches
    return flags.teaches or (flags.studies and lecture.published)


def _one(queryset):
    # order_by(): the models' ordering would join more tables to sort a single row.
    return next(iter(queryset.order_by()[:1]), None)


def get_lecture_for_user(
    user, course_slug: str, lecture_slug: str, queryset: QuerySet[Lecture] | None = None
) -> Lecture:
    """The lecture with its course and a `teaching` flag, or 404."""
    if not _active(user):
        raise Http404("No such lecture")
    rows = (
        _base(queryset, Lecture)
        .select_related("course")
        .filter(course__slug=course_slug, slug=lecture_slug)
    )
    if not user.is_superuser:
        rows = rows.annotate(**_standing(user))
    lecture = _one(rows)
    if lecture is None or not _may_study(user, lecture, lecture):
        raise Http404("No such lecture")
    return lecture


def _in_lecture(queryset, user, course_slug: str, lecture_slug: str, pk: int, what: str):
    if not _active(user):
        raise Http404(f"No such {what}")
    rows = queryset.select_related("lecture__course").filter(
        pk=pk, lecture__slug=lecture_slug, lecture__course__slug=course_slug
    )
    if not user.is_superuser:
        rows = rows.annotate(**_standing(user))
    obj = _one(rows)
    if obj is None or not _may_study(user, obj.lecture, obj):
        raise Http404(f"No such {what}")
    return obj


def get_section_for_user(
    user,
    course_slug: str,
    lecture_slug: str,
    pk: int,
    queryset: QuerySet[Section] | None = None,
) -> Section:
    """A visible (not archived) section of a lecture the user may study, or 404."""
    sections = _base(queryset, Section).filter(archived=False)
    return _in_lecture(sections, user, course_slug, lecture_slug, pk, "section")


def get_item_for_user(
    user,
    course_slug: str,
    lecture_slug: str,
    pk: int,
    queryset: QuerySet[ActionItem] | None = None,
) -> ActionItem:
    """An action item of a lecture the user may study, or 404."""
    items = _base(queryset, ActionItem)
    return _in_lecture(items, user, course_slug, lecture_slug, pk, "action item")


def _base(queryset, model):
    return model.objects.all() if queryset is None else queryset


def get_course_taught_by(user, slug: str) -> Course:
    """A course the user teaches (for its instructor pages), or 404."""
    course = courses_taught_by(user).filter(slug=slug).first()
    if course is None:
        raise Http404("No such course")
    return course


def get_lecture_taught_by(
    user, course_slug: str, lecture_slug: str, queryset: QuerySet[Lecture] | None = None
) -> Lecture:
    """A lecture (drafts included) of a course the user teaches, with its course and
    `teaching` set, or 404: a student of the course, another course's instructor and a
    missing lecture alike."""
    lecture = (
        _base(queryset, Lecture)
        .select_related("course")
        .filter(course_taught(user, "course"), course__slug=course_slug, slug=lecture_slug)
        .first()
    )
    if lecture is None:
        raise Http404("No such lecture")
    lecture.teaching = True
    return lecture


# -- review cards ---------------------------------------------------------------------


def review_visible(user, lecture: str = "lecture") -> Q:
    """The filter "the user reviews the lecture at `lecture`": a published lecture of
    a course they are enrolled in. Review is a student's own study: teaching a
    course, or being a superuser, brings no cards."""
    if not _active(user):
        return Q(pk__in=[])
    p = _prefix(lecture)
    return Q(**{f"{p}published": True}) & _enrolled(user, f"{p}course")


def reviews(user, lecture: Lecture) -> bool:
    """review_visible for a lecture from get_lecture_for_user, read off its
    `studies` flag (a superuser's lookup reads none, so this asks)."""
    if not (_active(user) and lecture.published):
        return False
    if user.is_superuser:
        return Enrolment.objects.filter(course_id=lecture.course_id, user=user).exists()
    return bool(lecture.studies)


def studied_lectures_sql(in_course: bool = False) -> str:
    """review_visible as SQL: the ids of the lectures a user reviews. Parameters:
    `user`, and `course` to keep to when `in_course`."""
    q = connection.ops.quote_name
    sql = (
        f"SELECT l.{q('id')} FROM {q(Lecture._meta.db_table)} l WHERE l.{q('published')} "
        f"AND l.{q('course_id')} IN (SELECT {q('course_id')} FROM "
        f"{q(Enrolment._meta.db_table)} WHERE {q('user_id')} = %(user)s)"
    )
    return f"{sql} AND l.{q('course_id')} = %(course)s" if in_course else sql


@cache
def card_rows_sql(in_course: bool = False) -> str:
    """card_states_of as SQL, for the review page's statements: the user's live card
    states in lectures they review, each with what the page shows of its card
    (CardState's columns, then card_kind, card_front, card_back, lecture_title,
    course_title, course_language, section_title). Parameters: `user`, and `course` when
    `in_course`. A statement adds its own condition after it (lectures.sql's queue,
    get_card_state_for_user's card).

    SQL, not the ORM: the review page looks a card up on every answer and rating,
    and Django took about 0.6 ms to build the queryset, the database 0.1 ms to run
    this (make bench-review)."""
    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    columns = ", ".join(f"s.{q(f.column)}" for f in CardState._meta.concrete_fields)
    return (
        f"SELECT {columns}, c.{q('kind')} AS card_kind, c.{q('front')} AS card_front, "
        f"c.{q('back')} AS card_back, l.{q('title')} AS lecture_title, "
        f"co.{q('title')} AS course_title, co.{q('language')} AS course_language, "
        f"sec.{q('title')} AS section_title "
        f"FROM {table(CardState)} s "
        f"JOIN {table(Card)} c ON c.{q('id')} = s.{q('card_id')} "
        f"JOIN {table(Lecture)} l ON l.{q('id')} = s.{q('lecture_id')} "
        f"JOIN {table(Course)} co ON co.{q('id')} = l.{q('course_id')} "
        f"LEFT JOIN {table(Section)} sec ON sec.{q('id')} = c.{q('section_id')} "
        f"WHERE s.{q('user_id')} = %(user)s AND NOT s.{q('retired')} "
        f"AND s.{q('lecture_id')} IN ({studied_lectures_sql(in_course)})"
    )


@cache
def _card_sql(in_course: bool) -> str:
    return f"{card_rows_sql(in_course)} AND s.{connection.ops.quote_name('card_id')} = %(card)s"


def card_states_of(user, course: Course | None = None) -> QuerySet[CardState]:
    """The user's own cards (their schedules) in lectures they study, retired cards
    left out; only `course`'s when given."""
    if not _active(user):
        return CardState.objects.none()
    states = CardState.objects.filter(review_visible(user), user=user, retired=False)
    return states if course is None else states.filter(lecture__course=course)


def get_card_state_for_user(user, card_id: int, course: Course | None = None) -> CardState:
    """The user's schedule for a card of theirs (in `course`, when given), with what
    the review page shows of its card (see card_rows_sql); or 404: another
    student's card, one they have not reached yet, a retired one and a missing one
    alike. One query, through the (user, card) unique index."""
    if not _active(user):
        raise Http404("No such card")
    params = {"user": user.pk, "card": card_id}
    if course is not None:
        params["course"] = course.pk
    state = next(iter(CardState.objects.raw(_card_sql(course is not None), params)), None)
    if state is None:
        raise Http404("No such card")
    return state


# -- announcements --------------------------------------------------------------------


def announcements_visible_to(user) -> QuerySet[Announcement]:
    """Announcements of the courses the user studies or teaches: a course's page
    shows them to whoever may open it."""
    return Announcement.objects.filter(course_visible(user, "course"))


def get_course_for_announcing(user, slug: str) -> Course:
    """A course the user may open, with `teaching`: whether they may also post its
    announcements (its instructors, and superusers); or 404."""
    return get_course_for_user(
        user, slug, Course.objects.annotate(teaching=teaching_flag(user, "pk"))
    )


# -- readings -------------------------------------------------------------------------


def assignments_of(user) -> QuerySet[ReadingAssignment]:
    """Assignments that reach the user, directly or through a cohort they belong to
    now (so a student who joins a cohort later gets its readings), in courses the
    user may still open."""
    if not _active(user):
        return ReadingAssignment.objects.none()
    return ReadingAssignment.objects.filter(
        Q(student=user) | Q(cohort__members=user), course_visible(user, "reading__course")
    )


def get_assigned_reading_for_user(user, course_slug: str, pk: int) -> Reading:
    """A reading assigned to the user in the course, or 404 (another student's
    reading, or one never assigned to them, alike)."""
    reading = (
        Reading.objects.select_related("course", "section", "lecture")
        .defer("section__body", "lecture__overview")
        .filter(
            pk=pk,
            course__slug=course_slug,
            pk__in=assignments_of(user).values("reading"),
        )
        .first()
    )
    if reading is None:
        raise Http404("No such reading")
    return reading


# The student as students_of reaches them, through their enrolment in the course:
# what a condition given to students_of correlates a subquery on (OuterRef).
ENROLLED_STUDENT = "enrolments__user"


def students_of(course: Course, *enrolled: Q) -> QuerySet:
    """The people enrolled in a course (who study it), for its instructor's pages.

    `enrolled`: conditions on the same enrolment row (subqueries correlated on
    OuterRef(ENROLLED_STUDENT)), applied in the one filter() call that joins it: a
    later filter() would join the enrolments again, each of them."""
    return get_user_model().objects.filter(Q(enrolments__course=course), *enrolled)


def enrolments() -> QuerySet:
    """Every enrolment: who studies which course, site-wide, for mail about each
    course's work (the reminders of its dated quizzes)."""
    return Enrolment.objects.all()


def studies(user: str = "user", course: str = "course") -> Exists:
    """The filter "the row's user studies the row's course" (lookup paths to each):
    for mail about a course's work, which goes to its students while they are
    enrolled and stops when they leave."""
    return Exists(Enrolment.objects.filter(user=OuterRef(user), course=OuterRef(course)))


def get_suggestion_taught_by(user, course_slug: str, lecture_slug: str, pk: int) -> TimelineEvent:
    """A suggested timeline event of a lecture the user teaches, or 404: a student,
    another course's instructor, or an event already confirmed or gone."""
    lecture = get_lecture_for_user(user, course_slug, lecture_slug)
    if not lecture.teaching:
        raise Http404("No such suggestion")
    event = (
        lecture.events.select_related("section")
        .filter(pk=pk, status=TimelineEvent.Status.SUGGESTED)
        .first()
    )
    if event is None:
        raise Http404("No such suggestion")
    event.lecture = lecture
    return event


def get_assignment_taught_by(user, course_slug: str, pk: int) -> ReadingAssignment:
    """An assignment of a reading in a course the user teaches, or 404."""
    course = get_course_taught_by(user, course_slug)
    assignment = (
        ReadingAssignment.objects.select_related("reading__course", "student", "cohort")
        .filter(pk=pk, reading__course=course)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment")
    return assignment
