"""What a verified launch writes: the platform's records (django-lti's sync), the
account, the course and the account's place in it. One transaction: a launch that
is refused here (a student in a course nobody has set up, a role that gives no
access) writes nothing.

Roles (DESIGN.md, Roles): only the context's LIS membership roles count.
Instructor (and its sub-roles, TeachingAssistant among them), ContentDeveloper and
the context's Administrator teach the course: `Course.instructors`, plus `is_staff`,
which is how an instructor reaches the admin here, scoped to the courses they teach
(lectures.admin_scoping). Learner (and its sub-roles) enrols. Nothing else a launch
says, institution or system roles included, changes any account's rights:
never `is_superuser`, no groups, no model permissions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiContext, LtiLaunch, LtiResourceLink
from lti_tool.utils import sync_data_from_launch

from lectures.models import Course, Enrolment
from lectures.notes.slugs import slug_for

from .models import CourseLink, PlatformAccount
from .tool import LaunchRefused

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
TEACHING_ROLES = {
    f"{MEMBERSHIP}#{name}" for name in ("Instructor", "ContentDeveloper", "Administrator")
}
TEACHING_SUB_ROLES = tuple(
    f"{MEMBERSHIP}/{name}#" for name in ("Instructor", "ContentDeveloper", "Administrator")
)
STUDYING_ROLES = {f"{MEMBERSHIP}#Learner"}
STUDYING_SUB_ROLES = (f"{MEMBERSHIP}/Learner#",)

INSTRUCTOR = "instructor"
STUDENT = "student"


def role_of(roles: list[str] | None) -> str | None:
    """INSTRUCTOR, STUDENT or None for the launch's roles claim; teaching wins."""
    normal = [normalize_role(role) for role in roles or []]
    if any(role in TEACHING_ROLES or role.startswith(TEACHING_SUB_ROLES) for role in normal):
        return INSTRUCTOR
    if any(role in STUDYING_ROLES or role.startswith(STUDYING_SUB_ROLES) for role in normal):
        return STUDENT
    return None


@dataclass(frozen=True)
class LaunchResult:
    user: object
    role: str | None
    course: Course | None
    context: LtiContext | None
    resource_link: LtiResourceLink | None
    # An instructor's first launch in a context while they already teach courses
    # here: they choose between a new course and one of theirs (lms:link_course).
    needs_course: bool = False


def _username_for(launch: LtiLaunch) -> str:
    """A readable username that cannot be mistaken for a local one: the name the
    platform sends, then a hash of issuer and subject."""
    digest = hashlib.sha256(
        f"{launch.get_claim('iss')}\0{launch.get_claim('sub')}".encode()
    ).hexdigest()
    name = slug_for(launch.get_claim("name") or "")[:40] or "lms"
    return f"{name}-{digest[:10]}"


def _account_for(launch: LtiLaunch):
    issuer, subject = launch.get_claim("iss"), launch.get_claim("sub")
    account = (
        PlatformAccount.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if account is not None:
        if account.registration_id != launch.registration.pk:
            # Another registration declaring the same issuer: its signature proves
            # only that it is itself, not the platform whose users these are.
            raise LaunchRefused(
                "This account belongs to another registration of this platform on the "
                "course site; ask its administrator."
            )
        if not account.user.is_active:
            raise LaunchRefused(gettext("This account is disabled on the course site."))
        return account.user
    User = get_user_model()
    username = _username_for(launch)
    if User.objects.filter(username=username).exists():
        raise LaunchRefused(
            gettext(
                "An account name this launch needs is taken on the course site; "
                "ask its administrator."
            ),
            status=409,
        )
    user = User(
        username=username,
        first_name=(launch.get_claim("given_name") or "")[:150],
        last_name=(launch.get_claim("family_name") or "")[:150],
        email=(launch.get_claim("email") or "")[:254],
    )
    # The platform signs its users in; a password reset mailed to the address it
    # sends must not open the account another way (Django skips unusable passwords).
    user.set_unusable_password()
    user.save()
    PlatformAccount.objects.create(
        issuer=issuer, subject=subject, user=user, registration=launch.registration
    )
    return user


def _new_course(context: LtiContext, user) -> Course:
    title = (context.title or context.label or "Course from the LMS")[:200]
    base = slug_for(context.label or context.title) or "lms-course"
    base = base[:70]
    slug, n = base, 1
    while Course.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    course = Course.objects.create(title=title, slug=slug)
    CourseLink.objects.create(context=context, course=course, linked_by=user)
    return course


def _take_role(user, role: str, course: Course) -> None:
    if role == INSTRUCTOR:
        course.instructors.add(user)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    else:
        Enrolment.objects.get_or_create(course=course, user=user)


def launch_apply(*, launch: LtiLaunch) -> LaunchResult:
    """Writes what `launch` (verified) means; raises LaunchRefused, writing nothing."""
    try:
        with transaction.atomic():
            return _apply(launch)
    except IntegrityError:
        # Two first launches of one user or context racing: the loser's transaction
        # is rolled back; their next launch finds what the winner made.
        raise LaunchRefused(
            gettext("This launch crossed another one; open the tool from your course again."),
            status=409,
        ) from None


def _apply(launch: LtiLaunch) -> LaunchResult:
    sync_data_from_launch(launch)
    user = _account_for(launch)
    role = role_of(launch.roles_claim)
    if launch.context_claim is None:
        return LaunchResult(user=user, role=role, course=None, context=None, resource_link=None)
    context = launch.context
    resource_link = launch.resource_link if launch.is_resource_launch else None
    link = CourseLink.objects.select_related("course").filter(context=context).first()
    if role is None:
        raise LaunchRefused(
            gettext(
                "Your role in this course gives no access to the course site: only "
                "instructors and students have one."
            )
        )
    if link is None:
        if role != INSTRUCTOR:
            raise LaunchRefused(
                gettext(
                    "This course is not set up on the course site yet: your instructor "
                    "opens it from the LMS first."
                )
            )
        if Course.objects.filter(instructors=user).exists():
            return LaunchResult(
                user=user,
                role=role,
                course=None,
                context=context,
                resource_link=resource_link,
                needs_course=True,
            )
        course = _new_course(context, user)
    else:
        course = link.course
    _take_role(user, role, course)
    return LaunchResult(
        user=user, role=role, course=course, context=context, resource_link=resource_link
    )


def context_link(*, context: LtiContext, user, course: Course | None) -> Course:
    """Links `context` to `course` (one `user` teaches: the view checks), or to a new
    course when None, and makes `user` its instructor."""
    with transaction.atomic():
        if course is None:
            course = _new_course(context, user)
        else:
            CourseLink.objects.update_or_create(
                context=context, defaults={"course": course, "linked_by": user}
            )
        _take_role(user, INSTRUCTOR, course)
    return course
