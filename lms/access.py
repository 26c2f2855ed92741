"""Who may do what on the LMS side; the course rules themselves are lectures.access's.

- Platforms (registrations, deployments, registration URLs, keys) are the
  superuser's alone: an instructor made staff by a launch must not add a platform
  that could then launch in as anyone.
- A context is linked to a course by someone who teaches that course.
- A course's LMS side (its linked contexts, their roster, the grades sent to their
  gradebooks) is for the course's teachers: the views look the course up with
  lectures.access.get_course_taught_by, then scope by it here.
"""

from __future__ import annotations

from django.db.models import QuerySet
from lti_tool.models import LtiContext

from lectures import access as course_access
from lectures.models import Course

from .models import GradePost


def may_manage_platforms(user) -> bool:
    return course_access.is_site_admin(user)


def courses_linkable_by(user) -> QuerySet[Course]:
    """The courses `user` may link an LMS context to: the ones they teach."""
    return course_access.courses_taught_by(user)


def contexts_of(course: Course) -> QuerySet[LtiContext]:
    """The LMS courses (contexts) linked to `course`."""
    return LtiContext.objects.filter(course_link__course=course).order_by("title", "pk")


def grade_posts_of(course: Course) -> QuerySet[GradePost]:
    """The grades of `course`'s quizzes sent, or to be sent, to LMS gradebooks."""
    return GradePost.objects.filter(line_item__quiz__lecture__course=course)
