"""Platforms in the admin: the superuser's alone (lms.access.may_manage_platforms).

django-lti's registration admin (issuer, client id, endpoints, deployments) is kept,
with who may open it narrowed from "anyone granted the model permissions" to the
superuser, and the origins that may frame the site beside it.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from lti_tool.admin import LtiDeploymentInline, LtiRegistrationAdmin
from lti_tool.models import LtiRegistration

from .access import may_manage_platforms
from .models import CourseLink, PlatformAccount, PlatformFraming, RegistrationInvite
from .registrations import INVITE_DAYS, invite_create


class SuperuserOnly:
    def has_module_permission(self, request):
        return may_manage_platforms(request.user)

    def has_view_permission(self, request, obj=None):
        return may_manage_platforms(request.user)

    def has_add_permission(self, request, *args):
        return may_manage_platforms(request.user)

    def has_change_permission(self, request, obj=None):
        return may_manage_platforms(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_manage_platforms(request.user)


class FramingInline(SuperuserOnly, admin.StackedInline):
    model = PlatformFraming
    can_delete = False
    verbose_name_plural = gettext_lazy("Framing (CSP frame-ancestors)")


# A platform's endpoints are HTTPS; a scheme left out means it.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class DeploymentInline(SuperuserOnly, LtiDeploymentInline):
    formfield_overrides = HTTPS_URLS


admin.site.unregister(LtiRegistration)


@admin.register(LtiRegistration)
class RegistrationAdmin(SuperuserOnly, LtiRegistrationAdmin):
    inlines = [DeploymentInline, FramingInline]
    formfield_overrides = HTTPS_URLS


@admin.register(PlatformAccount)
class PlatformAccountAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["user", "issuer", "subject", "registration", "created"]
    list_select_related = ["user", "registration"]
    search_fields = ["user__username", "subject", "issuer"]
    # The registration is the superuser's to set when none is (see PlatformAccount).
    readonly_fields = ["issuer", "subject", "user", "created"]


@admin.register(CourseLink)
class CourseLinkAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["context", "course", "linked_by", "created"]
    list_select_related = ["context", "course", "linked_by"]
    raw_id_fields = ["context", "course", "linked_by"]


@admin.register(RegistrationInvite)
class RegistrationInviteAdmin(SuperuserOnly, admin.ModelAdmin):
    """One-time Dynamic Registration URLs: adding one shows its URL, once."""

    list_display = ["__str__", "created", "expires", "used", "registration"]
    fields = ["note"]

    def has_change_permission(self, request, obj=None):
        return obj is None and may_manage_platforms(request.user)

    def save_model(self, request, obj, form, change):
        token = invite_create(user=request.user, invite=obj)
        url = request.build_absolute_uri(reverse("lms:register", kwargs={"token": token}))
        messages.warning(
            request,
            ngettext(
                "Registration URL (shown once; valid %(days)d day, for one platform): %(url)s",
                "Registration URL (shown once; valid %(days)d days, for one platform): %(url)s",
                INVITE_DAYS,
            )
            % {"days": INVITE_DAYS, "url": url},
        )
