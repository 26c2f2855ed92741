"""The admin of who studies a course: enrolments (one by one or from a CSV file) and cohorts."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from lectures import access
from lectures.admin_scoping import (
    InstructorScopedMixin,
)
from lectures.models import (
    Cohort,
    Enrolment,
)
from lectures.teaching.assignments import (
    cohort_members_changed,
)
from lectures.teaching.roster import RosterError, roster_apply, roster_plan

from .forms import (
    RosterConfirmForm,
    RosterUploadForm,
    StudentAccountField,
    roster_upload_sign,
)

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
            caption = "What will happen"
            if others > ROSTER_PREVIEW_ROWS:
                caption += f": the first {ROSTER_PREVIEW_ROWS} of {others:,} rows"
            return self._roster_page(
                request,
                "roster_preview.html",
                "Check the students to add",
                plan=plan,
                roster=roster,
                confirm_form=confirm,
                listed=ROSTER_PREVIEW_ROWS,
                plan_caption=caption,
            )
        return self._roster_page(
            request, "roster_upload.html", "Add students from a CSV file", form=form
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
                    request, "roster_done.html", "Students added", result=result, plan=result.plan
                )
        # Back to the upload form, with why the confirmation was refused above it.
        return self._roster_page(
            request,
            "roster_upload.html",
            "Add students from a CSV file",
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

    @admin.display(description="members", ordering="n_members")
    def member_count(self, obj: Cohort) -> int:
        return obj.n_members

    # A cohort's assignments reach whoever is a member now: who joined or left (or
    # was in a deleted cohort) has their readings due recomputed.

    def save_related(self, request, form, formsets, change):
        cohort = form.instance
        before = set(cohort.members.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(cohort.members.values_list("pk", flat=True))
        courses = {cohort.course_id, form.initial.get("course", cohort.course_id)}
        for course_id in courses:
            cohort_members_changed(course=course_id, users=before | after)

    def delete_model(self, request, obj):
        with transaction.atomic():
            members = list(obj.members.values_list("pk", flat=True))
            super().delete_model(request, obj)
            cohort_members_changed(course=obj.course_id, users=members)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            members = Cohort.members.through.objects.filter(cohort__in=queryset)
            reached = list(members.values_list("cohort__course_id", "user_id"))
            super().delete_queryset(request, queryset)
            for course_id in {course_id for course_id, _user in reached}:
                users = [user for course, user in reached if course == course_id]
                cohort_members_changed(course=course_id, users=users)
