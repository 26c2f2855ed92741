"""The admin of a course's content: courses, lectures with their sections, terms,
action items and timeline events, notes import and export."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db.models import CharField, Count, Q, TextField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from lectures import access
from lectures.admin_scoping import (
    InstructorScopedMixin,
    ScopedInline,
    forget_taught_courses,
    limit_section_choices,
)
from lectures.content.editing import lecture_content_changed
from lectures.content.exports import lecture_export
from lectures.content.report import ImportReport
from lectures.content.timeline import course_events_reread, event_save, events_delete
from lectures.content.uploads import notes_import_checked, pending_upload_store
from lectures.mail.notices import quizzes_assigned_on
from lectures.models import ActionItem, Course, GlossaryTerm, Lecture, Section, TimelineEvent
from lectures.notes import NotesError

from .forms import NotesConfirmForm, NotesUploadForm


class SectionInline(ScopedInline, admin.StackedInline):
    model = Section
    fields = [("title", "slug"), "body", ("position", "archived")]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = False


# Two-line text areas, which static/css/admin.css stretches across the row: the
# admin's 48em ones pushed the inline tables off a 1280 px screen, and its inputs
# cut an action item's text off.
TWO_LINES = {"widget": AdminTextareaWidget(attrs={"rows": 2})}


class GlossaryTermInline(ScopedInline, admin.TabularInline):
    model = GlossaryTerm
    fields = ["term", "alias", "definition", "position"]
    formfield_overrides = {TextField: TWO_LINES}


class ActionItemInline(ScopedInline, admin.TabularInline):
    model = ActionItem
    fields = ["text", "position"]
    formfield_overrides = {CharField: TWO_LINES}


# An event's date as an instructor enters it: the label as shown ("c. 221 BC"), then
# the start (year -221, BC negative; precision year; approximate) and, for a span,
# the end. The model's checks name what is wrong in words.
class TimelineEventInline(ScopedInline, admin.StackedInline):
    # Stacked: a row of twelve date fields made the lecture page scroll sideways.
    model = TimelineEvent
    fields = [
        ("when_label", "status", "edited"),
        ("start_year", "start_month", "start_day"),
        ("start_precision", "start_qualifier", "start_approximate"),
        ("end_year", "end_month", "end_day"),
        ("end_precision", "end_qualifier", "end_approximate"),
        "text",
        "section",
    ]
    readonly_fields = ["edited"]
    classes = ["collapse"]
    formfield_overrides = {TextField: TWO_LINES}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            limit_section_choices(formset, Section.objects.filter(lecture=obj))
        return formset


def _counts_changed(formset) -> bool:
    """Whether a saved inline formset changed what the report counts for a lecture."""
    if formset.model is Section:
        archived = any("archived" in fields for _, fields in formset.changed_objects)
        return bool(formset.new_objects or formset.deleted_objects or archived)
    if formset.model is ActionItem:
        return bool(formset.new_objects or formset.deleted_objects)
    return False


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
        return [] if access.may_assign_instructors(request.user) else ["instructors"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_lectures=Count("lectures", distinct=True),
                n_students=Count("enrolments", distinct=True),
            )
        )

    @admin.display(description=gettext_lazy("lectures"), ordering="n_lectures")
    def lecture_count(self, obj: Course) -> int:
        return obj.n_lectures

    @admin.display(description=gettext_lazy("students"), ordering="n_students")
    def student_count(self, obj: Course) -> int:
        return obj.n_students

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New courses come from a superuser, an instructor granted lectures.add_course,
        # or from importing notes on the server.
        return access.may_create_courses(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        # Before their first course, the index's "Add" link is their way in.
        return super().has_module_permission(request) or access.may_create_courses(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "language" in form.changed_data:
            # The notes' dates are read in the course's language: read them again.
            course_events_reread(course=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not access.may_assign_instructors(request.user):
            # After the form's own many-to-many save; instructors is read-only here.
            form.instance.instructors.add(request.user)
            # response_add asks about the new course in this same request.
            forget_taught_courses(request)


@admin.register(Lecture)
class LectureAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["title", "course", "position", "published", "section_count", "updated"]
    list_display_links = ["title"]
    list_editable = ["position", "published"]
    list_filter = ["published", ("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["course"]
    search_fields = ["title", "slug", "overview", "course__title"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["course", ("title", "slug"), "overview", ("position", "published", "published_at")]
    readonly_fields = ["published_at"]
    inlines = [SectionInline, GlossaryTermInline, ActionItemInline, TimelineEventInline]
    actions = ["download_notes", "action_items_to_readings"]

    class Media:
        # A stylesheet, not style attributes: the Content-Security-Policy refuses those.
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_sections=Count("sections", filter=Q(sections__archived=False)))
        )

    @admin.display(description=gettext_lazy("sections"), ordering="n_sections")
    def section_count(self, obj: Lecture) -> int:
        return obj.n_sections

    def save_model(self, request, obj, form, change):
        # The change page and the list's checkboxes alike: a lecture published here is
        # dated now, as lecture_set_published dates it.
        if "published" in form.changed_data:
            obj.published_changed(timezone.now())
        super().save_model(request, obj, form, change)
        if "published" in form.changed_data and obj.published:
            # Its dated quizzes reach the students now: they are told, once.
            quizzes_assigned_on(lecture=obj, site_url=request.build_absolute_uri("/"))

    def save_formset(self, request, form, formset, change):
        if formset.model is TimelineEvent:
            # An instructor's change to an event: re-imports keep it while its bullet remains.
            for event_form in formset.forms:
                if event_form.has_changed():
                    event_form.instance.edited = True
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After every inline is saved (Django saves the page in one transaction), so
        # the events edited on this page are already marked and the sync keeps them.
        lecture_content_changed(
            lecture=form.instance,
            # The overview is read with the sections for what the notes as a whole say
            # about their dates ("Slashed dates d/m/y"): its edit re-reads them too.
            text_changed="overview" in form.changed_data
            or any(_sections_text_changed(formset) for formset in formsets),
            counts_changed=change and any(_counts_changed(formset) for formset in formsets),
            deleted_events=[
                event
                for formset in formsets
                if formset.model is TimelineEvent
                for event in formset.deleted_objects
            ],
        )

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
        courses = access.courses_taught_by(request.user)
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
                form.add_error(
                    "notes",
                    gettext("%(file)s: %(problem)s. Nothing was imported.")
                    % {"file": upload.name, "problem": exc},
                )
        return self._import_page(request, form)

    def _import_or_ask(
        self, request: HttpRequest, payload: dict, course: Course, approved=None
    ) -> HttpResponse:
        """Import for real; if that archives or removes anything, or reads a line
        that could mean two things, and the instructor has not approved exactly
        that, it is rolled back and the page asks first (lectures.content.uploads)."""
        checked = notes_import_checked(payload=payload, course=course, approved=approved)
        if checked.imported:
            return self._imported(request, checked.report)
        # Rendered after the rollback: the admin's page context runs queries.
        token = pending_upload_store(
            user=request.user, payload={**payload, "approved": checked.outcome}
        )
        return self._import_confirm_page(
            request, checked.report, payload, token, approved is not None
        )

    def import_confirm_view(self, request: HttpRequest) -> HttpResponse:
        """Apply an upload the instructor confirmed, from the bytes kept in the database."""
        if not self.has_add_permission(request):
            return HttpResponse(status=403)
        courses = access.courses_taught_by(request.user)
        confirm = NotesConfirmForm(request.POST, user=request.user, courses=courses)
        if confirm.is_valid():
            pending = confirm.cleaned_data["token"]
            # Used or refused, the token is spent: a changed outcome gets a new one.
            pending["pending"].delete()
            try:
                return self._import_or_ask(
                    request, pending, pending["course"], approved=pending.get("approved")
                )
            except NotesError as exc:
                confirm.add_error(
                    "token",
                    gettext("%(file)s: %(problem)s. Nothing was imported.")
                    % {"file": pending["filename"], "problem": exc},
                )
        # Back to the upload page, the confirmation's error above an empty form.
        return self._import_page(request, NotesUploadForm(courses=courses), confirm)

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
            "title": gettext("Import lecture notes"),
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
            "title": gettext("Confirm the import"),
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

    @admin.action(description=gettext_lazy("Download selected lecture as a notes file"))
    def download_notes(self, request: HttpRequest, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Select exactly one lecture to download."), level=messages.WARNING
            )
            return None
        return self._notes_response(queryset.select_related("course").get())


@admin.register(TimelineEvent)
class TimelineEventAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "lecture__course"
    list_display = ["when_label", "lecture", "section", "status", "edited"]
    list_filter = [("lecture__course", admin.RelatedOnlyFieldListFilter), "status", "edited"]
    list_select_related = ["lecture", "section"]
    search_fields = ["when_label", "text"]
    ordering = ["lecture", "sort_key"]
    readonly_fields = ["edited"]
    fieldsets = [
        (None, {"fields": ["lecture", "section", "text", "status", "edited"]}),
        (
            gettext_lazy("Date"),
            {
                "fields": [
                    "when_label",
                    ("start_year", "start_month", "start_day"),
                    ("start_precision", "start_approximate", "start_qualifier"),
                ],
                "description": gettext_lazy(
                    "BC years are negative (221 BC is -221; there is no year 0); "
                    "deep time is in years before present (66 million years ago is 66000000, "
                    "precision “deep”)."
                ),
            },
        ),
        (
            gettext_lazy("End of a span"),
            {
                "fields": [
                    ("end_year", "end_month", "end_day"),
                    ("end_precision", "end_approximate", "end_qualifier"),
                ],
                "description": gettext_lazy("Blank for a single date."),
            },
        ),
    ]

    def get_queryset(self, request):
        # The list shows titles; a section's body and a lecture's overview can be large.
        return super().get_queryset(request).defer("section__body", "lecture__overview")

    # The services keep an edited event's edit and review cards, and a deleted one
    # deleted (while its bullet is unchanged), its card retired.

    def save_model(self, request, obj, form, change):
        event_save(event=obj, changed=form.has_changed())

    def delete_model(self, request, obj):
        events_delete(events=[obj])

    def delete_queryset(self, request, queryset):
        events_delete(events=queryset)
