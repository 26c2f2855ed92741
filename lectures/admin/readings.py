"""The admin of next-step readings and their assignments."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Q
from django.forms import Select
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from lectures.admin_scoping import InstructorScopedMixin
from lectures.models import Reading, ReadingAssignment
from lectures.teaching.assignments import assignment_store, assignment_withdraw
from lectures.teaching.readings import reading_save, readings_delete, readings_from_action_items


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
        choices = [
            (s.pk, gettext("%(section)s (archived)") % {"section": s} if s.archived else str(s))
            for s in rows
        ]
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

    # The services keep the readings due (a reading moved to another course) and
    # the readings done (a reading deleted) in step.

    def save_model(self, request, obj, form, change):
        reading_save(reading=obj)

    def delete_model(self, request, obj):
        readings_delete(readings=[obj])

    def delete_queryset(self, request, queryset):
        readings_delete(readings=queryset)

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

    @admin.action(
        description=gettext_lazy("Assign to students or cohorts…"), permissions=["change"]
    )
    def assign(self, request: HttpRequest, queryset):
        """Opens the course's assign page with the selected readings ticked."""
        courses = {reading.course for reading in queryset.select_related("course")}
        if len(courses) != 1:
            self.message_user(
                request,
                gettext(
                    "Select readings of one course: they are assigned to that course's students."
                ),
                messages.WARNING,
            )
            return None
        (course,) = courses
        picked = urlencode({"readings": sorted(queryset.values_list("pk", flat=True))}, doseq=True)
        return HttpResponseRedirect(f"{reverse('lectures:assign', args=[course.slug])}?{picked}")


@admin.action(description=gettext_lazy("Turn action items into readings"), permissions=["change"])
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
            request, gettext("The selected lectures have no action items."), messages.WARNING
        )
        return
    made = ngettext(
        "Created %(count)d reading from action items",
        "Created %(count)d readings from action items",
        created,
    ) % {"count": created}
    already = ngettext(
        "%(made)s; %(existing)d already existed.",
        "%(made)s; %(existing)d already existed.",
        existing,
    ) % {"made": made, "existing": existing}
    modeladmin.message_user(request, already, messages.SUCCESS)


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
        assignment_store(assignment=obj, site_url=request.build_absolute_uri("/"))

    # Deleting here is withdrawing: the service also recomputes the readings due.

    def delete_model(self, request, obj):
        assignment_withdraw(assignment=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for assignment in queryset.select_related("reading"):
                assignment_withdraw(assignment=assignment)
