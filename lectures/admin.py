"""Instructors' content management.

Staff who teach a course see and edit only their own courses' content; superusers
see everything. Scoping lives in one mixin so no admin class can forget it.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from .forms import (
    PENDING_UPLOAD_SECONDS,
    NotesConfirmForm,
    NotesUploadForm,
    pending_upload_key,
)
from .models import (
    ActionItem,
    Cohort,
    Course,
    Enrolment,
    GlossaryTerm,
    Lecture,
    Reading,
    ReadingAssignment,
    Section,
    TimelineEvent,
)
from .notes import NotesError
from .services import ImportReport, lecture_export, lecture_import, lecture_sync_events

admin.site.site_header = "Course site administration"
admin.site.site_title = "Course site admin"
admin.site.index_title = "Courses and content"


def taught_course_ids(request: HttpRequest) -> set[int]:
    """The courses this staff user teaches, computed once per request."""
    if not hasattr(request, "_taught_course_ids"):
        user = request.user
        ids = set()
        if user.is_active and user.is_staff:
            ids = set(user.taught_courses.values_list("pk", flat=True))
        request._taught_course_ids = ids
    return request._taught_course_ids


class InstructorScopedMixin:
    """Gives instructors access to the objects of their own courses only.

    `course_field` is the lookup from the model to its Course ("" for Course itself).
    """

    course_field = "course"

    def _course_lookup(self, suffix: str) -> str:
        return f"{self.course_field}__{suffix}" if self.course_field else suffix

    def _course_id_of(self, obj) -> int | None:
        if not self.course_field:
            return obj.pk
        target = obj
        for part in self.course_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target.pk

    def _allowed(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_active and request.user.is_superuser:
            return True
        ids = taught_course_ids(request)
        if not ids:
            return False
        return obj is None or self._course_id_of(obj) in ids

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self._allowed(request)

    def get_queryset(self, request: HttpRequest):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self._course_lookup("pk__in"): taught_course_ids(request)})

    def _scoped_choices(self, request: HttpRequest, model):
        """Instructors may only point content at their own courses' objects and people.

        None means "no restriction" (superusers, or a model that is not ours).
        """
        if request.user.is_superuser:
            return None
        ids = taught_course_ids(request)
        if model is Course:
            return Course.objects.filter(pk__in=ids)
        if model in (Lecture, Cohort, Reading):
            return model.objects.filter(course__in=ids).select_related("course")
        if model is Section:
            return Section.objects.filter(lecture__course__in=ids)
        if model is get_user_model():
            # Only people in their own courses: the site's user list is not theirs to see.
            return model.objects.filter(enrolments__course__in=ids).distinct()
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = self._scoped_choices(request, db_field.related_model)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        queryset = self._scoped_choices(request, db_field.related_model)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedInline(InstructorScopedMixin):
    """An inline: its queryset is scoped from its own model (`course_field`), but
    Django asks its permissions about the parent object, whose course is reached
    by `parent_course_field`."""

    course_field = "lecture__course"
    parent_course_field = "course"
    extra = 0

    def _course_id_of(self, obj) -> int | None:
        *path, last = self.parent_course_field.split("__")
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        # The foreign key's id: no query for the course itself.
        return getattr(obj, f"{last}_id", None)


class SectionInline(ScopedInline, admin.StackedInline):
    model = Section
    fields = [("title", "slug"), "body", ("position", "archived")]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = False


class GlossaryTermInline(ScopedInline, admin.TabularInline):
    model = GlossaryTerm
    fields = ["term", "alias", "definition"]


class ActionItemInline(ScopedInline, admin.TabularInline):
    model = ActionItem
    fields = ["text", "position"]


def limit_section_choices(formset, sections) -> None:
    """Offer `sections` in every inline row, read from the database once.

    A ModelChoiceField runs its query for each row it renders; a fixed list of
    choices keeps the page's query count flat. Validation still uses the queryset.
    """
    field = formset.form.base_fields["section"]
    field.queryset = sections
    field.choices = [("", field.empty_label), *((s.pk, str(s)) for s in sections)]


def _mark_edited(form) -> None:
    """An instructor's change to an event: re-imports keep it while its bullet remains."""
    if form.has_changed():
        form.instance.edited = True


class TimelineEventInline(ScopedInline, admin.TabularInline):
    model = TimelineEvent
    fields = ["when_label", "sort_key", "text", "section", "edited"]
    readonly_fields = ["edited"]
    classes = ["collapse"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            limit_section_choices(formset, Section.objects.filter(lecture=obj))
        return formset


def _sections_text_changed(formset) -> bool:
    """Whether a saved inline formset changed what the lecture's events come from."""
    if formset.model is not Section:
        return False
    return bool(
        formset.new_objects
        or formset.deleted_objects
        or any({"body", "archived"} & set(fields) for _, fields in formset.changed_objects)
    )


@admin.register(Course)
class CourseAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = ""
    list_display = ["title", "slug", "lecture_count", "student_count"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["instructors"]

    def get_readonly_fields(self, request, obj=None):
        # Who teaches a course is granted by a superuser, not by its instructors.
        return [] if request.user.is_superuser else ["instructors"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_lectures=Count("lectures", distinct=True),
                n_students=Count(
                    "enrolments",
                    filter=Q(enrolments__role=Enrolment.Role.STUDENT),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="lectures", ordering="n_lectures")
    def lecture_count(self, obj: Course) -> int:
        return obj.n_lectures

    @admin.display(description="students", ordering="n_students")
    def student_count(self, obj: Course) -> int:
        return obj.n_students

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New courses come from a superuser or from importing notes.
        return request.user.is_active and request.user.is_superuser


@admin.register(Lecture)
class LectureAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["title", "course", "position", "published", "section_count", "updated"]
    list_display_links = ["title"]
    list_editable = ["position", "published"]
    list_filter = ["published", ("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["course"]
    search_fields = ["title", "slug", "overview", "course__title"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["course", ("title", "slug"), "overview", ("position", "published")]
    inlines = [SectionInline, GlossaryTermInline, ActionItemInline, TimelineEventInline]
    actions = ["download_notes", "generate_quiz"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_sections=Count("sections", filter=Q(sections__archived=False)))
        )

    @admin.display(description="sections", ordering="n_sections")
    def section_count(self, obj: Lecture) -> int:
        return obj.n_sections

    def save_formset(self, request, form, formset, change):
        if formset.model is TimelineEvent:
            for event_form in formset.forms:
                _mark_edited(event_form)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After every inline is saved, so the events edited on this page are already
        # marked and the sync keeps them.
        if any(_sections_text_changed(formset) for formset in formsets):
            lecture_sync_events(lecture=form.instance)

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_notes_view),
                name="lectures_lecture_import",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(require_POST(self.import_confirm_view)),
                name="lectures_lecture_import_confirm",
            ),
            path(
                "<int:pk>/notes/",
                self.admin_site.admin_view(self.export_notes_view),
                name="lectures_lecture_export",
            ),
        ]
        return urls + super().get_urls()

    def import_notes_view(self, request: HttpRequest) -> HttpResponse:
        """Import an upload; anything destructive is rolled back and asks to confirm."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        courses = Course.objects.taught_by(request.user)
        form = NotesUploadForm(request.POST or None, request.FILES or None, courses=courses)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["notes"]
            payload = {
                "data": upload.read(),
                "filename": upload.name,
                "course_id": form.cleaned_data["course"].pk,
                "title": form.cleaned_data["title"],
                "slug": form.cleaned_data["slug"],
                "prune": form.cleaned_data["prune"],
            }
            try:
                return self._import_or_ask(request, payload, form.cleaned_data["course"])
            except NotesError as exc:
                form.add_error("notes", f"{upload.name}: {exc}. Nothing was imported.")
        return self._import_page(request, form)

    def _import_or_ask(
        self, request: HttpRequest, payload: dict, course: Course, approved=None
    ) -> HttpResponse:
        """Import for real, in one transaction; if that archives or removes anything
        the instructor has not approved, roll it back and ask first.

        Comparing inside the real run (rather than trusting an earlier preview)
        means a lecture changed meanwhile can never lose more than was shown.
        """
        with transaction.atomic():
            report = lecture_import(**self._import_options(payload, course))
            destructive = [sorted(report.archived), sorted(report.removed)]
            ask = bool(report.archived or report.removed) and destructive != approved
            if ask:
                transaction.set_rollback(True)
        if not ask:
            return self._imported(request, report)
        # Rendered after the rollback: the admin's page context runs queries.
        token = secrets.token_urlsafe(24)
        pending = {**payload, "approved": destructive}
        cache.set(pending_upload_key(request.user.pk, token), pending, PENDING_UPLOAD_SECONDS)
        return self._import_confirm_page(request, report, payload, token, approved is not None)

    def import_confirm_view(self, request: HttpRequest) -> HttpResponse:
        """Apply an upload the instructor confirmed, from the bytes kept in the cache."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        courses = Course.objects.taught_by(request.user)
        confirm = NotesConfirmForm(request.POST, user=request.user, courses=courses)
        if confirm.is_valid():
            pending = confirm.cleaned_data["token"]
            # Used or refused, the token is spent: a changed outcome gets a new one.
            cache.delete(pending["key"])
            try:
                return self._import_or_ask(
                    request, pending, pending["course"], approved=pending.get("approved")
                )
            except NotesError as exc:
                confirm.add_error("token", f"{pending['filename']}: {exc}. Nothing was imported.")
        # Back to the upload page, the confirmation's error above an empty form.
        return self._import_page(request, NotesUploadForm(courses=courses), confirm)

    @staticmethod
    def _import_options(payload: dict, course: Course) -> dict:
        return {
            "course_slug": course.slug,
            "data": payload["data"],
            "filename": payload["filename"],
            "title": payload["title"],
            "slug": payload["slug"],
            "prune": payload["prune"],
        }

    @staticmethod
    def _imported(request: HttpRequest, report: ImportReport) -> HttpResponse:
        messages.success(request, report.summary())
        return HttpResponseRedirect(
            reverse("admin:lectures_lecture_change", args=[report.lecture.pk])
        )

    def _import_page(
        self,
        request: HttpRequest,
        form: NotesUploadForm,
        confirm_form: NotesConfirmForm | None = None,
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import lecture notes",
            "form": form,
            "confirm_form": confirm_form,
        }
        return TemplateResponse(request, "admin/lectures/lecture/import_notes.html", context)

    def _import_confirm_page(
        self,
        request: HttpRequest,
        preview: ImportReport,
        payload: dict,
        token: str,
        changed: bool = False,
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Confirm the import",
            "preview": preview,
            "changed": changed,
            "filename": payload["filename"],
            "confirm_form": NotesConfirmForm(
                initial={"token": token}, user=request.user, courses=None
            ),
        }
        return TemplateResponse(
            request, "admin/lectures/lecture/import_notes_confirm.html", context
        )

    def export_notes_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        lecture = get_object_or_404(self.get_queryset(request).select_related("course"), pk=pk)
        return self._notes_response(lecture)

    @staticmethod
    def _notes_response(lecture: Lecture) -> HttpResponse:
        response = HttpResponse(lecture_export(lecture), content_type="text/plain; charset=utf-8")
        filename = f"{lecture.course.slug}-{slugify(lecture.slug)}.txt"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description="Generate a draft quiz from the notes", permissions=["change"])
    def generate_quiz(self, request: HttpRequest, queryset):
        # Imported here: the quizzes app builds on this one, not the other way round.
        from quizzes.admin import generate_quiz_action

        return generate_quiz_action(self, request, queryset)

    @admin.action(description="Download selected lecture as a notes file")
    def download_notes(self, request: HttpRequest, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Select exactly one lecture to download.", level=messages.WARNING
            )
            return None
        return self._notes_response(queryset.select_related("course").get())


@admin.register(Enrolment)
class EnrolmentAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["user", "course", "role", "joined"]
    list_filter = ["role", ("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "course"]
    search_fields = ["user__username", "user__email", "course__title"]

    def get_readonly_fields(self, request, obj=None):
        # An enrolment belongs to its person: change the role here, enrol others anew.
        return ["user"] if obj is not None and not request.user.is_superuser else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            # Enrol someone new by typing their username: no list of every account.
            return forms.ModelChoiceField(
                queryset=get_user_model().objects.filter(is_active=True),
                to_field_name="username",
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
                label="Username",
                error_messages={"invalid_choice": "There is no active user with that username."},
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


@admin.register(Reading)
class ReadingAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["title", "course", "lecture", "url"]
    list_filter = [("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["course", "lecture"]
    search_fields = ["title", "note", "url"]


@admin.register(ReadingAssignment)
class ReadingAssignmentAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "reading__course"
    list_display = ["reading", "student", "cohort", "due_at", "assigned_by", "created"]
    list_filter = [("reading__course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["reading", "student", "cohort__course", "assigned_by"]
    readonly_fields = ["assigned_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TimelineEvent)
class TimelineEventAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "lecture__course"
    list_display = ["when_label", "sort_key", "lecture", "section", "edited"]
    list_filter = [("lecture__course", admin.RelatedOnlyFieldListFilter), "edited"]
    list_select_related = ["lecture", "section"]
    search_fields = ["when_label", "text"]
    ordering = ["lecture", "sort_key"]
    readonly_fields = ["edited"]

    def save_model(self, request, obj, form, change):
        _mark_edited(form)
        super().save_model(request, obj, form, change)
