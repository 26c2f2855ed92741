"""Mail about a student's work: "assigned to you", and the reminders of
`manage.py send_reminders`, each sent once.

- `work_assigned` tells the students a piece of work now reaches that it is
  theirs: a reading (lectures.teaching.assignments calls it) or a dated quiz
  (`quiz_assigned`, which quizzes.publishing calls when a quiz is published or its
  dates change, and lectures.content.editing when a lecture is published).
- `reminders_send` mails each student what is due within REMINDER_WINDOW and what
  became overdue in the last REMINDER_WINDOW, in one mail per student and run:
  readings assigned to them and not done, and quizzes of their courses with no
  submitted attempt.

Quizzes build on lectures, and this module reads them (quizzes.models) rather than
the quiz services telling it what a quiz is: one place knows when a quiz counts as
given to the students (published, on a published lecture, with a due date, not
closed) for both the mail that it was given and the reminders.

Both record each mail as a `Reminder` row in the transaction that queues it
(lectures.mail.outbox), and leave out whatever a row says was sent already: the
unique constraints on (user, what, kind) make "once" hold when a command runs
twice, or two instructors assign at once. Only students enrolled in the work's
course who have not turned reminders off (lectures.mail.preferences) are mailed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Model, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from lectures import access
from lectures.models import Course, Lecture, ReadingDue, Reminder
from quizzes.models import Attempt, Quiz

from .languages import grouped_by_language, languages_of
from .outbox import Mail, mail_after_commit
from .preferences import wanting

# A daily run reminds of each due date once, a day ahead, and of each missed one
# once, within a day of it; an hourly run does the same, sooner. Work overdue for
# longer is not mailed about: the first run on an old site would otherwise send
# every student its whole history.
REMINDER_WINDOW = timedelta(hours=24)
# Accounts per query, well within every database's limit on parameters.
CHUNK = 500


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}{path}"


def _footer(site_url: str) -> dict:
    return {"preferences_url": _absolute(site_url, reverse("preferences"))}


def _unrecorded(rows: list[Reminder]) -> list[Reminder]:
    """Those of `rows` that no stored Reminder has sent already."""
    whats = {row.what for row in rows}
    kinds = {row.kind for row in rows}
    sent = set()
    for users in _chunks(sorted({row.user_id for row in rows})):
        sent.update(
            Reminder.objects.filter(user_id__in=users, what__in=whats, kind__in=kinds).values_list(
                "user_id", "what", "kind", "due_at"
            )
        )
    return [row for row in rows if (row.user_id, row.what, row.kind, row.due_at) not in sent]


def _record(rows: list[Reminder]) -> list[Reminder]:
    """Store those of `rows` not sent already, and return them: the reminders to
    mail. Call inside the transaction that queues their mail.

    A concurrent writer that stored one of them between the read and the insert
    makes the insert fail on the unique constraints; the savepoint rolls back and
    the rows are read again, so the other writer's reminder is left out here.
    """
    for attempt in range(3):
        try:
            with transaction.atomic():
                fresh = _unrecorded(rows)
                Reminder.objects.bulk_create(fresh)
                return fresh
        except IntegrityError:
            if attempt == 2:
                raise
    return []  # unreachable: the loop returns or raises


# -- work assigned ----------------------------------------------------------------------


def work_assigned(
    *,
    work: Model,
    title: str,
    course: Course,
    due_at: datetime | None,
    path: str,
    students: Iterable,
    site_url: str,
    note: str = "",
) -> int:
    """Mail each of `students` (accounts or ids) who has not been told yet that
    `work` (a Reading; a dated Quiz) is theirs to do: once per student and piece of
    work, however often it is assigned again. `path` is the work's address on the
    site, `site_url` the site's ("https://courses.example.org"). Call inside the
    transaction that assigns it; returns how many students are mailed."""
    ids = sorted({getattr(student, "pk", student) for student in students})
    if not ids:
        return 0
    what = Reminder.about(work)
    addresses = {}
    for chunk in _chunks(ids):
        reached = wanting(access.students_of(course).filter(pk__in=chunk), "reminders")
        addresses.update(reached.values_list("pk", "email"))
    rows = [Reminder(user_id=pk, what=what, kind=Reminder.Kind.ASSIGNED) for pk in addresses]
    told = _record(rows)
    if not told:
        return 0
    context = {
        "title": title,
        "course": course.title,
        "due_at": due_at,
        "note": note,
        "link": _absolute(site_url, path),
        **_footer(site_url),
    }
    mails = []
    # One rendering per language its readers read.
    readers_by_language = grouped_by_language((row.user_id for row in told), course.language)
    for language, readers in readers_by_language.items():
        with translation.override(language):
            subject = gettext("New in %(course)s: %(title)s") % {
                "course": " ".join(course.title.split()),
                "title": " ".join(title.split()),
            }
            body = render_to_string("lectures/mail/work_assigned.txt", context)
        mails.append(Mail(subject, body, tuple(addresses[pk] for pk in readers)))
    return mail_after_commit(mails)


def _quizzes_given(now: datetime) -> Q:
    """The filter on Quiz: a quiz the students of its course have been given and can
    still do at `now`: published, on a published lecture, with a due date, not
    closed."""
    return Q(published=True, lecture__published=True, due_at__isnull=False) & (
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )


def quiz_assigned(*, quiz: Quiz, site_url: str | None = None, now: datetime | None = None) -> int:
    """Mail the students of the quiz's course that it is theirs to do, if it is given
    to them now (`_quizzes_given`: published, dated, on a published lecture, open):
    once per student and quiz, however often it is published again or its dates
    move. Call inside the transaction that publishes it or sets its dates; the mail
    goes after the commit. Returns how many students are mailed."""
    given = Quiz.objects.filter(_quizzes_given(now or timezone.now()), pk=quiz.pk)
    found = given.select_related("lecture__course").first()
    if found is None:
        return 0
    course = found.lecture.course
    return work_assigned(
        work=found,
        title=found.title,
        course=course,
        due_at=found.due_at,
        note=found.description,
        path=found.get_absolute_url(),
        students=access.students_of(course).values_list("pk", flat=True),
        site_url=site_url or settings.SITE_URL,
    )


def quizzes_assigned_on(*, lecture: Lecture, site_url: str | None = None) -> int:
    """`quiz_assigned` for each quiz of `lecture`: call when the lecture is published,
    which gives its students the dated quizzes published on it before."""
    return sum(
        quiz_assigned(quiz=quiz, site_url=site_url)
        for quiz in lecture.quizzes.filter(published=True, due_at__isnull=False)
    )


# -- reminders --------------------------------------------------------------------------


@dataclass(frozen=True)
class DueWork:
    """One piece of work due for one student, as a reminder names it."""

    user_id: int
    email: str
    what: str  # Reminder.about(the work)
    title: str
    course: str
    due_at: datetime
    path: str


def due_work(now: datetime) -> list[DueWork]:
    """Every piece of work due within REMINDER_WINDOW of `now` (ahead or behind) and
    not done, for the students still enrolled who want reminders: what
    `reminders_send` reminds of. Readings assigned to them, and the quizzes of their
    courses they have not submitted an attempt at."""
    return _readings_due(now) + _quizzes_due(now)


def _readings_due(now: datetime) -> list[DueWork]:
    """The readings of `due_work`: ReadingDue's rows (assigned, dated, not done)."""
    rows = (
        ReadingDue.objects.filter(
            access.studies(),
            due_at__gt=now - REMINDER_WINDOW,
            due_at__lte=now + REMINDER_WINDOW,
            user__in=wanting(get_user_model().objects.all(), "reminders"),
        )
        .order_by()
        .values_list(
            "user_id", "user__email", "reading_id", "reading__title", "course__title", "due_at"
        )
    )
    dashboard = reverse("lectures:dashboard")
    return [
        DueWork(
            user_id=user_id,
            email=email,
            what=f"lectures.reading:{reading_id}",
            title=title,
            course=course,
            due_at=due_at,
            path=f"{dashboard}#reading-{reading_id}",
        )
        for user_id, email, reading_id, title, course, due_at in rows
    ]


def _quizzes_due(now: datetime) -> list[DueWork]:
    """The quizzes of `due_work`: each quiz given to its course's students
    (`_quizzes_given`) and due within the window, for each student of the course
    with no submitted attempt at it. One query: the enrolments joined to the
    course's quizzes."""
    quiz = "course__lectures__quizzes"
    dated = Quiz.objects.filter(
        _quizzes_given(now),
        due_at__gt=now - REMINDER_WINDOW,
        due_at__lte=now + REMINDER_WINDOW,
    )
    submitted = Attempt.objects.filter(
        quiz=OuterRef("quiz_id"), user=OuterRef("user_id"), submitted_at__isnull=False
    )
    rows = (
        access.enrolments()
        .filter(
            user__in=wanting(get_user_model().objects.all(), "reminders"),
            **{f"{quiz}__in": dated},
        )
        # The annotations reuse the filter's join: the same quiz row.
        .annotate(
            quiz_id=F(f"{quiz}__pk"),
            quiz_title=F(f"{quiz}__title"),
            quiz_due_at=F(f"{quiz}__due_at"),
            lecture_slug=F("course__lectures__slug"),
        )
        .exclude(Exists(submitted))
        .order_by()
        .values_list(
            "user_id",
            "user__email",
            "quiz_id",
            "quiz_title",
            "course__title",
            "quiz_due_at",
            "course__slug",
            "lecture_slug",
        )
    )
    return [
        DueWork(
            user_id=user_id,
            email=email,
            what=f"quizzes.quiz:{quiz_id}",
            title=title,
            course=course,
            due_at=due_at,
            path=reverse("quizzes:quiz_detail", args=[course_slug, lecture_slug, quiz_id]),
        )
        for user_id, email, quiz_id, title, course, due_at, course_slug, lecture_slug in rows
    ]


@dataclass(frozen=True)
class RemindersSent:
    students: int
    due_soon: int
    overdue: int


@transaction.atomic
def reminders_send(*, now: datetime, site_url: str) -> RemindersSent:
    """Mail each student, in one mail, the work due within REMINDER_WINDOW after
    `now` and the work that became overdue within REMINDER_WINDOW before it,
    leaving out every reminder already sent: running it twice sends nothing more.
    The mails are queued when the transaction commits."""
    due = sorted(due_work(now), key=lambda work: (work.user_id, work.due_at, work.title))

    def kind(work: DueWork) -> str:
        return Reminder.Kind.DUE_SOON if work.due_at > now else Reminder.Kind.OVERDUE

    rows = [
        Reminder(user_id=work.user_id, what=work.what, kind=kind(work), due_at=work.due_at)
        for work in due
    ]
    recorded = {(row.user_id, row.what) for row in _record(rows)}
    mails = []
    counts = {Reminder.Kind.DUE_SOON: 0, Reminder.Kind.OVERDUE: 0}
    footer = _footer(site_url)
    languages = languages_of({work.user_id for work in due})
    for user, works in groupby(due, key=lambda work: work.user_id):
        works = [work for work in works if (work.user_id, work.what) in recorded]
        if not works:
            continue
        soon = [work for work in works if kind(work) == Reminder.Kind.DUE_SOON]
        late = [work for work in works if kind(work) == Reminder.Kind.OVERDUE]
        counts[Reminder.Kind.DUE_SOON] += len(soon)
        counts[Reminder.Kind.OVERDUE] += len(late)
        context = {
            "soon": [_item(work, site_url) for work in soon],
            "late": [_item(work, site_url) for work in late],
            **footer,
        }
        with translation.override(languages[user]):
            body = render_to_string("lectures/mail/reminders.txt", context)
            subject = _reminder_subject(soon, late)
        mails.append(Mail(subject, body, (works[0].email,)))
    mail_after_commit(mails)
    return RemindersSent(
        students=len(mails),
        due_soon=counts[Reminder.Kind.DUE_SOON],
        overdue=counts[Reminder.Kind.OVERDUE],
    )


def _item(work: DueWork, site_url: str) -> dict:
    return {
        "title": work.title,
        "course": work.course,
        "due_at": work.due_at,
        "link": _absolute(site_url, work.path),
    }


def _reminder_subject(soon: list[DueWork], late: list[DueWork]) -> str:
    if len(soon) + len(late) == 1:
        work = (soon or late)[0]
        title = " ".join(work.title.split())
        if soon:
            return gettext("Due soon: %(title)s") % {"title": title}
        return gettext("Overdue: %(title)s") % {"title": title}
    parts = []
    if soon:
        parts.append(ngettext("%(n)d due soon", "%(n)d due soon", len(soon)) % {"n": len(soon)})
    if late:
        parts.append(ngettext("%(n)d overdue", "%(n)d overdue", len(late)) % {"n": len(late)})
    return gettext("Reminder: %(counts)s") % {"counts": ", ".join(parts)}
