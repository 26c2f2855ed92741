"""Who may see, take and answer which quiz, and whose attempts are whose.

Built on lectures.access (who may study or teach a lecture):
- a quiz is seen where its lecture is; a draft quiz only by the course's teachers;
- an attempt is its owner's to take and review: another student's, even for an
  instructor or a superuser, is a 404 like a missing one there, and so is one in
  a course the owner may no longer open;
- a course's teachers read its students' attempts, read-only, on the quiz's
  results (`get_attempt_taught_by`): the students whose attempts make those results
  (`results_students`), nobody else's;
- answers are taken while the quiz and its lecture are published, or from the
  course's teachers trying a draft;
- a quiz's dates bind its students; its teachers may try it outside them
  (`tries_outside_dates`).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from lectures import access as lecture_access
from lectures.models import Course, Lecture

from .models import Attempt, Quiz


def quizzes_of_lecture(user, lecture: Lecture, queryset: QuerySet[Quiz] | None = None):
    """The quizzes of a lecture the user may see. `lecture` comes from
    lectures.access.get_lecture_for_user, so it carries the `teaching` flag."""
    quizzes = (Quiz.objects.all() if queryset is None else queryset).filter(lecture=lecture)
    return quizzes if sees_draft_quizzes(lecture) else quizzes.filter(published=True)


def sees_draft_quizzes(lecture: Lecture) -> bool:
    """quizzes_of_lecture's rule for a query written as SQL: drafts are shown to
    the lecture's teachers only."""
    return bool(lecture.teaching)


def get_quiz_for_user(user, course_slug: str, lecture_slug: str, pk: int) -> Quiz:
    """A quiz the user may see, with its lecture and course, or 404."""
    lecture = lecture_access.get_lecture_for_user(user, course_slug, lecture_slug)
    quiz = quizzes_of_lecture(user, lecture).filter(pk=pk).first()
    if quiz is None:
        raise Http404("No such quiz")
    quiz.lecture = lecture
    return quiz


def get_attempt_for_user(user, pk: int) -> Attempt:
    """The user's own attempt, with its quiz, lecture and course, or 404."""
    attempt = (
        Attempt.objects.select_related("quiz__lecture__course")
        .filter(lecture_access.course_visible(user, "quiz__lecture__course"), pk=pk, user=user)
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


def may_answer(user, attempt: Attempt) -> bool:
    """Whether the attempt still takes answers from `user`: a withdrawn quiz (or
    lecture) takes none, except from the course's teachers."""
    quiz = attempt.quiz
    if quiz.published and quiz.lecture.published:
        return True
    return lecture_access.teaches(user, quiz.lecture.course_id)


def teachers_of_quiz(quiz: Quiz) -> QuerySet:
    """People whose attempts at the quiz are not a student's (see lectures.access)."""
    return lecture_access.teachers_of(quiz.lecture.course_id)


# -- a quiz's results, for the course's teachers ---------------------------------------


def results_students(course: Course | int) -> QuerySet:
    """The people whose attempts make a quiz's results: those enrolled in the course,
    less its teachers (its instructors and every superuser), whose tries at their
    own quiz are not a student's even when they are enrolled too."""
    course_id = course.pk if isinstance(course, Course) else course
    teachers = lecture_access.teachers_of(course_id).values("pk")
    return lecture_access.students_of(course_id).exclude(pk__in=teachers)


def get_quiz_taught_by(user, course_slug: str, pk: int) -> Quiz:
    """A quiz (drafts included) of a course the user teaches, with its lecture and
    course, or 404: a student, another course's instructor, another course's quiz
    and a missing one alike. One query."""
    quiz = (
        Quiz.objects.select_related("lecture__course")
        .filter(
            lecture_access.course_taught(user, "lecture__course"),
            lecture__course__slug=course_slug,
            pk=pk,
        )
        .first()
    )
    if quiz is None:
        raise Http404("No such quiz")
    # The lecture's pages show its teachers their own header (teach_views).
    quiz.lecture.teaching = True
    return quiz


def get_attempt_taught_by(user, course_slug: str, quiz_pk: int, pk: int) -> Attempt:
    """An attempt at a quiz of a course the user teaches, by one of the students its
    results are made of (results_students), with its quiz, lecture, course and
    student; or 404: an attempt at another quiz, one by a teacher or by someone no
    longer enrolled, and a missing one alike. Two queries."""
    quiz = get_quiz_taught_by(user, course_slug, quiz_pk)
    students = results_students(quiz.lecture.course_id).values("pk")
    attempt = (
        Attempt.objects.select_related("user").filter(quiz=quiz, pk=pk, user__in=students).first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    attempt.quiz = quiz
    return attempt


def tries_outside_dates(user, quiz: Quiz) -> bool:
    """Whether `user` may start the quiz before it opens or after it closes: its
    course's teachers, trying it as they try a draft."""
    return lecture_access.teaches(user, quiz.lecture.course_id)
