"""Who may do what on the LMS side; the course rules themselves are lectures.access's.

- Platforms (registrations, deployments, registration URLs, keys) are the
  superuser's alone: an instructor made staff by a launch must not add a platform
  that could then launch in as anyone.
- A context is linked to a course by someone who teaches that course.
"""

from __future__ import annotations

from django.db.models import QuerySet

from lectures import access as course_access
from lectures.models import Course


def may_manage_platforms(user) -> bool:
    return course_access.is_site_admin(user)


def courses_linkable_by(user) -> QuerySet[Course]:
    """The courses `user` may link an LMS context to: the ones they teach."""
    return course_access.courses_taught_by(user)
