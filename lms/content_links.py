"""Where a resource-link launch lands: the lecture or quiz its link was made for.

A link made by our deep-linking response carries a custom parameter naming its
lecture or quiz (lms.deep_linking). The first launch of the link stores the target
against django-lti's LtiResourceLink (ContentLink); later launches read that. Either
way the target must belong to the course the launch's context maps to: a custom
parameter is only what the platform was told to send, and an instructor could type
any number into it, so a link naming another course's quiz is refused, never
followed. A quiz's launch also records the quiz's gradebook column in the context
(QuizLineItem), from the launch's AGS claim when the platform made one for the link.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext
from lti_tool.models import LtiLaunch, LtiResourceLink

from lectures.models import Course, Lecture
from quizzes.models import Quiz

from .advantage_models import ContentLink, QuizLineItem
from .deep_linking import LECTURE_PARAM, QUIZ_PARAM
from .tool import LaunchRefused

AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"


class LinkRefused(Exception):
    """The link names something that is not in the launch's course (or not at all)."""


def _claimed_target(launch: LtiLaunch, course: Course) -> Lecture | Quiz | None:
    for param, model in ((QUIZ_PARAM, Quiz), (LECTURE_PARAM, Lecture)):
        raw = launch.get_custom_claim(param)
        if raw is None or raw == "":
            continue
        # Not isdigit(): "²" and other Unicode digits pass it, then int() raises.
        if not isinstance(raw, str | int) or not re.fullmatch(r"[0-9]{1,18}", str(raw)):
            raise LinkRefused(gettext("This link names no page of the course site."))
        lookup = {"lecture__course": course} if model is Quiz else {"course": course}
        related = "lecture__course" if model is Quiz else "course"
        target = model.objects.select_related(related).filter(pk=int(raw), **lookup)
        found = target.first()
        if found is None:
            raise LinkRefused(
                gettext(
                    "This link points to a page that is not part of this course on the course "
                    "site. Ask the instructor to add the link again from the course."
                )
            )
        return found
    return None


@transaction.atomic
def resource_link_target(
    *, resource_link: LtiResourceLink, launch: LtiLaunch, course: Course
) -> Lecture | Quiz | None:
    """The lecture or quiz `resource_link` opens, in `course` (the course the
    launch's context maps to); None for a link to no particular page.

    Raises LinkRefused for a link to content outside `course`. Call after
    django-lti has synced the launch (its LtiResourceLink and LtiContext exist)."""
    stored = (
        ContentLink.objects.select_related("lecture__course", "quiz__lecture__course")
        .filter(resource_link=resource_link)
        .first()
    )
    claimed = _claimed_target(launch, course)
    if claimed is not None:
        if stored is None:
            stored = ContentLink(resource_link=resource_link)
        if isinstance(claimed, Quiz):
            stored.quiz, stored.lecture = claimed, None
        else:
            stored.quiz, stored.lecture = None, claimed
        stored.save()
    if stored is None:
        return None
    target = stored.quiz or stored.lecture
    target_course = stored.quiz.lecture.course_id if stored.quiz else stored.lecture.course_id
    if target_course != course.pk:
        # The context was linked to another course since: the old target is not this one's.
        raise LinkRefused(
            gettext(
                "This link points to a page of another course on the course site. Ask the "
                "instructor to add the link again from the course."
            )
        )
    if isinstance(target, Quiz):
        _note_line_item(launch, resource_link, target)
    return target


def link_target_url(resource_link: LtiResourceLink, *, launch: LtiLaunch, course: Course):
    """lms.landing's hook: the path of the link's lecture or quiz, or None."""
    try:
        target = resource_link_target(resource_link=resource_link, launch=launch, course=course)
    except LinkRefused as exc:
        raise LaunchRefused(str(exc), status=403) from None
    return target.get_absolute_url() if target is not None else None


def _note_line_item(launch: LtiLaunch, resource_link: LtiResourceLink, quiz: Quiz) -> None:
    """The quiz's gradebook column in the launch's context; the launch's own line item
    (the one the platform made for this link) when the claim names one."""
    claim = launch.get_claim(AGS_CLAIM) or {}
    line_item, _ = QuizLineItem.objects.get_or_create(context=resource_link.context, quiz=quiz)
    url = claim.get("lineitem") or ""
    if url and line_item.url != url:
        line_item.url = url
        line_item.save(update_fields=["url"])
