"""Instructors' content management.

Staff who teach a course see and edit only their own courses' content; superusers
see everything. Scoping lives in lectures.admin_scoping so no admin class can
forget it; the quizzes app adds its own action to the lecture admin.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import transaction
from django.db.models import CharField, Count, Q, TextField
from django.forms import Select
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import access, summaries
from .admin_scoping import (
    InstructorScopedMixin,
    ScopedInline,
    forget_taught_courses,
    limit_section_choices,
)
from .assignments import assignment_moved, assignment_withdraw, cohort_members_changed
from .cards import cards_sync
from .forms import (
    NotesConfirmForm,
    NotesUploadForm,
    RosterConfirmForm,
    RosterUploadForm,
    StudentAccountField,
    pending_upload_store,
    roster_upload_sign,
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
from .readings import readings_from_action_items
from .roster import RosterError, roster_apply, roster_plan
from .services import (
    ImportReport,
    events_deleted,
    lecture_export,
    lecture_import,
    lecture_sync_events,
)
from .summaries import summaries_rebuild, summaries_recount_course


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


def _mark_edited(form) -> None:
    """An instructor's change to an event: re-imports keep it while its bullet remains."""
    if form.has_changed():
        form.instance.edited = True


class TimelineEventInline(ScopedInline, admin.TabularInline):
    model = TimelineEvent
    fields = ["when_label", "sort_key", "end_key", "text", "section", "edited"]
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

    @admin.display(description="lectures", ordering="n_lectures")
    def lecture_count(self, obj: Course) -> int:
        return obj.n_lectures

    @admin.display(description="students", ordering="n_students")
    def student_count(self, obj: Course) -> int:
        return obj.n_students

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New courses come from a superuser, an instructor granted lectures.add_course,
        # or from importing notes on the server.
        return access.may_create_courses(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        # Before their first course, the index's "Add" link is their way in.
        return super().has_module_permission(request) or access.may_create_courses(request.user)

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
    fields = ["course", ("title", "slug"), "overview", ("position", "published")]
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

    @admin.display(description="sections", ordering="n_sections")
    def section_count(self, obj: Lecture) -> int:
        return obj.n_sections

    def save_formset(self, request, form, formset, change):
        if formset.model is TimelineEvent:
            for event_form in formset.forms:
                _mark_edited(event_form)
        super().save_formset(request, form, formset, change)
        if formset.model is TimelineEvent:
            # Deleted here, so kept deleted by the next import while their bullets stay.
            events_deleted(formset.deleted_objects)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After every inline is saved, so the events edited on this page are already
        # marked and the sync keeps them.
        if any(_sections_text_changed(formset) for formset in formsets):
            lecture_sync_events(lecture=form.instance)
        else:
            # Terms or events edited here change their review cards.
            cards_sync(lecture=form.instance)
        if change and any(_counts_changed(formset) for formset in formsets):
            # Sections archived, added or deleted, items deleted: the report's figures
            # for this lecture are recounted (Django saves the page in one transaction).
            summaries_rebuild(course=form.instance.course, lecture=form.instance)

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
        token = pending_upload_store(
            user=request.user, payload={**payload, "approved": destructive}
        )
        return self._import_confirm_page(request, report, payload, token, approved is not None)

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
            # Half-checked notes never reach students: a new lecture in a course they
            # already see waits as a draft until its instructor publishes it.
            "new_as_draft": access.has_students(course),
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

    @admin.action(description="Download selected lecture as a notes file")
    def download_notes(self, request: HttpRequest, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Select exactly one lecture to download.", level=messages.WARNING
            )
            return None
        return self._notes_response(queryset.select_related("course").get())


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


class SectionSelect(Select):
    """A section picker whose options name their lecture (`data-lecture`), so that
    static/js/reading_admin.js can offer only the chosen lecture's sections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lecture_of: dict[int, int] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.lecture_of:
            option["attrs"]["data-lecture"] = self.lecture_of[value]
        return option


def _offer_sections(field, reading: Reading | None) -> None:
    """Show the sections a reading may point at; `field.queryset` still validates.

    A reading with a lecture is offered that lecture's visible sections (and the one
    it points at, even if archived since, so saving it unchanged keeps it). Without a
    lecture, every visible section is offered, grouped under its lecture's title.
    Any other choice reaches Reading.clean, which says what is wrong with it, rather
    than the field's "Select a valid choice". Only titles are read, never bodies.
    """
    if reading is not None and reading.lecture_id is not None:
        current = Q(pk=reading.section_id) if reading.section_id else Q(pk__in=[])
        rows = list(
            field.queryset.filter(Q(lecture=reading.lecture_id, archived=False) | current).only(
                "title", "lecture", "archived"
            )
        )
        choices = [(s.pk, f"{s} (archived)" if s.archived else str(s)) for s in rows]
    else:
        # Section's ordering follows its lecture's, so each lecture's rows are adjacent.
        sections = field.queryset.filter(archived=False).select_related("lecture")
        rows = list(sections.only("title", "lecture__title"))
        choices = [
            (lecture.title, [(s.pk, str(s)) for s in group])
            for lecture, group in groupby(rows, key=lambda s: s.lecture)
        ]
    field.choices = [("", field.empty_label), *choices]
    select = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
    select.lecture_of = {s.pk: s.lecture_id for s in rows}


@admin.register(Reading)
class ReadingAdmin(InstructorScopedMixin, admin.ModelAdmin):
    list_display = ["title", "course", "lecture", "url"]
    list_filter = [("course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["course", "lecture"]
    search_fields = ["title", "note", "url"]
    fields = ["course", "title", "url", "lecture", "section", "note"]
    actions = ["assign"]

    class Media:
        # Only an enhancement: without it the choices are grouped by lecture and
        # Reading.clean refuses a section of another lecture.
        js = ["js/reading_admin.js"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "course" in form.changed_data:
            # Its assignments' students now owe it in the other course.
            for course in (form.initial["course"], obj.course_id):
                summaries.readings_due_refresh(course=course, readings=[obj])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        # Its students' "readings done" went with it.
        summaries_recount_course(course=obj.course)

    def delete_queryset(self, request, queryset):
        courses = list(Course.objects.filter(readings__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for course in courses:
            summaries_recount_course(course=course)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            # "example.org/notes" means https, as it will from Django 6 on.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "section":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        field = super().formfield_for_foreignkey(db_field, request, widget=SectionSelect, **kwargs)
        # Validation fetches the chosen section through this queryset: not its body.
        field.queryset = field.queryset.defer("body")
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "section" in form.base_fields:
            _offer_sections(form.base_fields["section"], obj)
        return form

    @admin.action(description="Assign to students or cohorts…", permissions=["change"])
    def assign(self, request: HttpRequest, queryset):
        """Opens the course's assign page with the selected readings ticked."""
        courses = {reading.course for reading in queryset.select_related("course")}
        if len(courses) != 1:
            self.message_user(
                request,
                "Select readings of one course: they are assigned to that course's students.",
                messages.WARNING,
            )
            return None
        (course,) = courses
        picked = urlencode({"readings": sorted(queryset.values_list("pk", flat=True))}, doseq=True)
        return HttpResponseRedirect(f"{reverse('lectures:assign', args=[course.slug])}?{picked}")


@admin.action(description="Turn action items into readings", permissions=["change"])
def action_items_to_readings(modeladmin, request: HttpRequest, queryset) -> None:
    """For LectureAdmin: each selected lecture's action items become readings of its
    course pointing at the lecture; items that already have one are counted, not
    repeated. The queryset is the changelist's, so only the user's own lectures."""
    created = existing = 0
    for lecture in queryset.only("pk", "course"):
        made = readings_from_action_items(lecture=lecture)
        created += made.created
        existing += made.existing
    if not created and not existing:
        modeladmin.message_user(
            request, "The selected lectures have no action items.", messages.WARNING
        )
        return
    made = ngettext(
        "Created %(count)d reading from action items",
        "Created %(count)d readings from action items",
        created,
    ) % {"count": created}
    modeladmin.message_user(request, f"{made}; {existing} already existed.", messages.SUCCESS)


# LectureAdmin names this action; registered site-wide and disabled there, it is
# offered only where a ModelAdmin's `actions` lists it (Django's documented way).
admin.site.add_action(action_items_to_readings)
admin.site.disable_action("action_items_to_readings")


@admin.register(ReadingAssignment)
class ReadingAssignmentAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "reading__course"
    list_display = ["reading", "student", "cohort", "due_at", "assigned_by", "created"]
    list_filter = [("reading__course", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["reading", "student", "cohort__course", "assigned_by"]
    # ReadingAssignment.clean keeps the student and the cohort in the reading's course.
    fields = ["reading", ("student", "cohort"), "due_at", "note", "assigned_by"]
    readonly_fields = ["assigned_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        before = ReadingAssignment.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        assignment_moved(obj, before)

    # Deleting here is withdrawing: the service also recomputes the readings due.

    def delete_model(self, request, obj):
        assignment_withdraw(assignment=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for assignment in queryset.select_related("reading"):
                assignment_withdraw(assignment=assignment)


@admin.register(TimelineEvent)
class TimelineEventAdmin(InstructorScopedMixin, admin.ModelAdmin):
    course_field = "lecture__course"
    list_display = ["when_label", "sort_key", "lecture", "section", "edited"]
    list_filter = [("lecture__course", admin.RelatedOnlyFieldListFilter), "edited"]
    list_select_related = ["lecture", "section"]
    search_fields = ["when_label", "text"]
    ordering = ["lecture", "sort_key"]
    readonly_fields = ["edited"]

    def get_queryset(self, request):
        # The list shows titles; a section's body and a lecture's overview can be large.
        return super().get_queryset(request).defer("section__body", "lecture__overview")

    def save_model(self, request, obj, form, change):
        _mark_edited(form)
        super().save_model(request, obj, form, change)
        lectures = {obj.lecture_id, form.initial.get("lecture", obj.lecture_id)}
        for lecture in Lecture.objects.filter(pk__in=lectures):
            cards_sync(lecture=lecture)

    # An extracted event deleted here stays deleted while its bullet is unchanged;
    # its review card is retired.

    def delete_model(self, request, obj):
        events_deleted([obj])
        super().delete_model(request, obj)
        cards_sync(lecture=obj.lecture)

    def delete_queryset(self, request, queryset):
        events = list(queryset)
        events_deleted(events)
        super().delete_queryset(request, queryset)
        for lecture in Lecture.objects.filter(pk__in={event.lecture_id for event in events}):
            cards_sync(lecture=lecture)
