"""Where a launch lands.

A resource link may point at one lecture or quiz (deep linking chose it): its
target, when one is set, wins; otherwise the course page. Deep linking fills
`RESOURCE_LINK_TARGETS` with a function (resource link -> URL or None) and
`DEEP_LINKING_PAGES` with the page a deep-linking launch opens; this module only
asks them, so that the launch view does not know how targets are stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from lti_tool.models import LtiResourceLink

from lectures.models import Course

# Each: (resource link, launch=, course=) -> the path to land on, or None; it may raise
# lms.tool.LaunchRefused for a link it will not follow. The first answer wins.
RESOURCE_LINK_TARGETS: list[Callable[..., str | None]] = []
# Each: (launch, lms.launches.LaunchResult) -> the path of the page where an
# instructor picks what to link, or None. Without one, a deep-linking launch is
# refused (403).
DEEP_LINKING_PAGES: list[Callable] = []


def course_url(course: Course) -> str:
    return reverse("lectures:course_detail", kwargs={"course": course.slug})


def landing_url(
    *, course: Course | None, resource_link: LtiResourceLink | None, launch=None
) -> str:
    """The page a resource-link launch lands on."""
    if resource_link is not None and course is not None:
        for target in RESOURCE_LINK_TARGETS:
            url = target(resource_link, launch=launch, course=course)
            if url:
                return url
    if course is not None:
        return course_url(course)
    return reverse("lectures:dashboard")
