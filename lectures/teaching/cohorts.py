"""Writes to a course's cohorts: who is in one decides which of its readings they
owe, so every change recomputes the readings due of whoever joined or left (see
lectures.teaching.summaries.readings_due_refresh)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from lectures.models import Cohort

from .assignments import cohort_members_changed


@transaction.atomic
def cohort_save(*, cohort: Cohort, members: Iterable | None = None) -> None:
    """Save a cohort and, when `members` is given, make them its members. Whoever
    joined or left has their readings due recomputed, in the course the cohort was
    in and the one it is in now."""
    course_before, members_before = cohort.course_id, set()
    if cohort.pk is not None:
        stored = Cohort.objects.filter(pk=cohort.pk).values_list("course_id", flat=True)
        course_before = stored.first() or cohort.course_id
        members_before = set(cohort.members.values_list("pk", flat=True))
    cohort.save()
    if members is not None:
        cohort.members.set(members)
    reached = members_before | set(cohort.members.values_list("pk", flat=True))
    for course_id in {course_before, cohort.course_id}:
        cohort_members_changed(course=course_id, users=reached)


@transaction.atomic
def cohorts_delete(*, cohorts) -> None:
    """Delete cohorts; their members' readings due are recomputed without them."""
    ids = [cohort.pk for cohort in cohorts]
    members = Cohort.members.through.objects.filter(cohort_id__in=ids)
    reached = list(members.values_list("cohort__course_id", "user_id"))
    Cohort.objects.filter(pk__in=ids).delete()
    for course_id in {course_id for course_id, _user in reached}:
        users = [user for course, user in reached if course == course_id]
        cohort_members_changed(course=course_id, users=users)
