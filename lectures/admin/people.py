"""The admin of who studies a course: enrolments (one by one or from a CSV file) and cohorts."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from lectures import access
from lectures.admin_scoping import InstructorScopedMixin
from lectures.models import Cohort, Enrolment
from lectures.teaching.cohorts import cohort_save, cohorts_delete
from lectures.teaching.roster import roster_apply, roster_plan
from lectures.teaching.roster_csv import RosterError

from .forms import RosterConfirmForm, RosterUploadForm, StudentAccountField, roster_upload_sign

# A 5,000-row preview lists every refused row but only this many of the others.
ROSTER_PREVIEW_ROWS = 200


@admin.register(Enrolment)
class EnrolmentAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["user", "course", "joined"]
    list_filter = [("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "course"]
    # Exact matches only ("=" is iexact): a partial match on emails would let an
    # instructor probe which addresses have accounts.
    search_fields = ["=user__username", "=user__email", "course__title"]

    def get_readonly_fields(self, request, obj=None):
        # An enrolment belongs to its person: enrol others anew.
        return ["user"] if obj is not None and not access.is_site_admin(request.user) else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not access.is_site_admin(request.user):
            # Enrol someone by typing their exact username or email: no list of accounts.
            return StudentAccountField()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        urls = [
            path(
                "upload/",
                self.admin_site.admin_view(self.roster_upload_view),
                name="lectures_enrolment_upload",
            ),
            path(
                "upload/confirm/",
                self.admin_site.admin_view(require_POST(self.roster_confirm_view)),
                name="lectures_enrolment_upload_confirm",
            ),
        ]
        return urls + super().get_urls()

    def roster_upload_view(self, request: HttpRequest) -> HttpResponse:
        """Read a CSV of students and show what adding them would do; writes nothing."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        courses = access.courses_taught_by(request.user)
        form = RosterUploadForm(request.POST or None, request.FILES or None, courses=courses)
        if request.method == "POST" and form.is_valid():
            course, roster = form.cleaned_data["course"], form.cleaned_data["file"]
            payload = roster_upload_sign(user=request.user, course=course, roster=roster)
            confirm = RosterConfirmForm(
                initial={"payload": payload}, user=request.user, courses=courses
            )
            plan = roster_plan(course=course, rows=roster.rows)
            others = len(plan.accepted)
            caption = gettext("What will happen")
            if others > ROSTER_PREVIEW_ROWS:
                caption = gettext("What will happen: the first %(listed)d of %(rows)s rows") % {
                    "listed": ROSTER_PREVIEW_ROWS,
                    "rows": number_format(others, force_grouping=True),
                }
            return self._roster_page(
                request,
                "roster_preview.html",
                gettext("Check the students to add"),
                plan=plan,
                roster=roster,
                confirm_form=confirm,
                listed=ROSTER_PREVIEW_ROWS,
                plan_caption=caption,
            )
        return self._roster_page(
            request, "roster_upload.html", gettext("Add students from a CSV file"), form=form
        )

    def roster_confirm_view(self, request: HttpRequest) -> HttpResponse:
        """Apply a previewed roster, planned afresh. The report is this POST's answer,
        not a redirect: it lives nowhere else, and posting again changes nothing."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        courses = access.courses_taught_by(request.user)
        confirm = RosterConfirmForm(request.POST, user=request.user, courses=courses)
        if confirm.is_valid():
            upload = confirm.cleaned_data["payload"]
            try:
                result = roster_apply(
                    course=upload["course"],
                    rows=upload["roster"].rows,
                    site_url=request.build_absolute_uri("/"),
                )
            except RosterError as exc:
                confirm.add_error("payload", str(exc))
            else:
                return self._roster_page(
                    request,
                    "roster_done.html",
                    gettext("Students added"),
                    result=result,
                    plan=result.plan,
                )
        # Back to the upload form, with why the confirmation was refused above it.
        return self._roster_page(
            request,
            "roster_upload.html",
            gettext("Add students from a CSV file"),
            form=RosterUploadForm(courses=courses),
            confirm_form=confirm,
        )

    def _roster_page(self, request: HttpRequest, template: str, title: str, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **context,
        }
        return TemplateResponse(request, f"admin/lectures/enrolment/{template}", context)


@admin.register(Cohort)
class CohortAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["name", "course", "member_count"]
    list_filter = [("course", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "course__title"]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_members=Count("members"))

    @admin.display(description=gettext_lazy("members"), ordering="n_members")
    def member_count(self, obj: Cohort) -> int:
        return obj.n_members

    # A cohort's assignments reach whoever is a member now: the services recompute
    # the readings due of who joined or left, or was in a deleted cohort.

    def save_model(self, request, obj, form, change):
        cohort_save(cohort=obj, members=form.cleaned_data.get("members"))

    def save_related(self, request, form, formsets, change):
        # cohort_save has set the members, the cohort's one many-to-many field.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        cohorts_delete(cohorts=[obj])

    def delete_queryset(self, request, queryset):
        cohorts_delete(cohorts=queryset)
