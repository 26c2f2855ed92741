"""Who and what a launch maps to: platform users to accounts, contexts to courses.

django-lti keeps the platform's side (LtiRegistration, LtiDeployment, LtiUser,
LtiContext, LtiMembership, LtiResourceLink); these tables join it to ours.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from lti_tool.models import LtiContext, LtiRegistration

from lectures.models import Course


class PlatformAccount(models.Model):
    """The one local account of a platform's user: issuer and subject (`sub`), as the
    LTI core spec names a user across all of a platform's registrations.

    Created on the user's first launch, never matched to an existing account by
    email: an email a platform sends proves nothing about who owns an account here.
    Only the registration that created it reaches it: an issuer is just a string a
    registration declares, so a second registration naming the same issuer (with its
    own keys) must not launch as the first one's users. None: its registration was
    deleted (or, before this column, several registrations shared the issuer), and
    no launch reaches it until a superuser sets one.
    """

    issuer = models.CharField(max_length=255, verbose_name=gettext_lazy("issuer"))
    subject = models.CharField(max_length=255, verbose_name=gettext_lazy("subject"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="platform_accounts",
        verbose_name=gettext_lazy("user"),
    )
    created = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=gettext_lazy("created")
    )
    registration = models.ForeignKey(
        LtiRegistration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("registration"),
    )

    class Meta:
        verbose_name = gettext_lazy("platform account")
        verbose_name_plural = gettext_lazy("platform accounts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="platform_account_unique")
        ]

    def __str__(self) -> str:
        return gettext("%(subject)s at %(issuer)s") % {
            "subject": self.subject,
            "issuer": self.issuer,
        }

    def clean(self) -> None:
        if self.registration is not None and self.registration.issuer != self.issuer:
            raise ValidationError(
                {"registration": gettext("The registration must be one of the account's issuer.")}
            )


class CourseLink(models.Model):
    """The course a platform's context (a course in the LMS) maps to.

    One course per context; a course may be linked from several contexts (sections
    of one course in the LMS, or the same course on two platforms).
    """

    context = models.OneToOneField(
        LtiContext,
        on_delete=models.CASCADE,
        related_name="course_link",
        verbose_name=gettext_lazy("context"),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        related_name="lms_links",
        verbose_name=gettext_lazy("course"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("linked by"),
    )
    created = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=gettext_lazy("created")
    )

    class Meta:
        verbose_name = gettext_lazy("course link")
        verbose_name_plural = gettext_lazy("course links")

    def __str__(self) -> str:
        return f"{self.context} → {self.course}"


# An origin as CSP's frame-ancestors takes it, and nothing that could end the
# directive or add another: an issuer comes from the platform (Dynamic Registration).
# HTTPS, but for an LMS on this machine (development, the browser tests).
ORIGIN = re.compile(
    r"(?:https://[A-Za-z0-9.-]+|http://(?:localhost|127\.0\.0\.1|\[::1\]))(?::\d{1,5})?"
)


def validate_origins(value: str) -> None:
    for origin in value.split():
        if not ORIGIN.fullmatch(origin.rstrip("/")):
            raise ValidationError(
                gettext("%(origin)s is not an HTTPS origin such as https://school.instructure.com")
                % {"origin": repr(origin)}
            )


class PlatformFraming(models.Model):
    """The origins that may show the site in a frame after a launch from a registration
    (CSP frame-ancestors). A platform's issuer is often not the host its pages are
    served from (Canvas: issuer https://canvas.instructure.com, pages on the school's
    own host), so the superuser names them; the issuer's origin is the default.
    """

    registration = models.OneToOneField(
        LtiRegistration,
        on_delete=models.CASCADE,
        related_name="framing",
        verbose_name=gettext_lazy("registration"),
    )
    origins = models.TextField(
        blank=True,
        validators=[validate_origins],
        help_text=gettext_lazy(
            "One origin a line (https://lms.example.edu): the hosts whose pages "
            "show the site in a frame. Empty: the issuer's origin."
        ),
        verbose_name=gettext_lazy("origins"),
    )

    class Meta:
        verbose_name = gettext_lazy("platform framing")
        verbose_name_plural = gettext_lazy("platform framings")

    def __str__(self) -> str:
        return gettext("Framing for %(platform)s") % {"platform": self.registration}

    def origin_list(self) -> list[str]:
        return [origin.rstrip("/") for origin in self.origins.split()]


def frame_origins(registration: LtiRegistration) -> list[str]:
    """The origins that may frame the site for `registration` (see PlatformFraming)."""
    try:
        named = registration.framing.origin_list()
    except PlatformFraming.DoesNotExist:
        named = []
    if not named:
        parts = urlsplit(registration.issuer)
        named = [f"{parts.scheme}://{parts.netloc}"]
    return [origin for origin in named if ORIGIN.fullmatch(origin)]


class RegistrationInvite(models.Model):
    """A one-time Dynamic Registration URL (/lti/register/<token>/) a superuser hands
    to a platform's administrator: anyone holding a registration URL could add a
    platform that then launches in, so each is used once and expires."""

    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=gettext_lazy("token hash")
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Which platform it is for."),
        verbose_name=gettext_lazy("note"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("created by"),
    )
    created = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=gettext_lazy("created")
    )
    expires = models.DateTimeField(editable=False, verbose_name=gettext_lazy("expires"))
    used = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=gettext_lazy("used")
    )
    registration = models.OneToOneField(
        LtiRegistration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("registration"),
    )

    class Meta:
        verbose_name = gettext_lazy("registration invite")
        verbose_name_plural = gettext_lazy("registration invites")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(used__isnull=True) | models.Q(used__gte=models.F("created")),
                name="registration_invite_used_after_created",
            )
        ]

    def __str__(self) -> str:
        return self.note or gettext("Registration URL of %(created)s") % {
            "created": f"{self.created:%Y-%m-%d %H:%M}"
        }


# The services' tables (deep linking, grades), in a module of their own.
from .advantage_models import ContentLink, GradePost, QuizLineItem  # noqa: E402, F401
