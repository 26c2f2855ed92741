"""Scoping of the admin to the courses a staff user teaches, for every app's admin.

Who teaches what is lectures.access's rule (`courses_taught_by`); this module
applies it to ModelAdmins: querysets, object permissions and the choices of
foreign-key and many-to-many fields. Superusers see everything. Both apps' admin
modules import it, so neither imports the other.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from lectures import access
from lectures.admin_labels import LabelledInputs
from lectures.models import Cohort, Course, Lecture, Reading, Section


def taught_course_ids(request: HttpRequest) -> set[int]:
    """The courses this staff user teaches, computed once per request."""
    if not hasattr(request, "_taught_course_ids"):
        user = request.user
        ids = set()
        # Only staff reach the admin; an instructor without it manages nothing here.
        if user.is_active and user.is_staff:
            ids = set(access.courses_taught_by(user).values_list("pk", flat=True))
        request._taught_course_ids = ids
    return request._taught_course_ids


def forget_taught_courses(request: HttpRequest) -> None:
    """Drop the memo after the request changed who teaches what (a course just added
    by its instructor), so the rest of the request sees the new course."""
    request.__dict__.pop("_taught_course_ids", None)


def _is_superuser(request: HttpRequest) -> bool:
    return access.is_site_admin(request.user)


class InstructorScopedMixin(LabelledInputs):
    """Gives instructors access to the objects of their own courses only (and, through
    LabelledInputs, labels the inputs Django's admin leaves without one).

    `course_field` is the lookup from the model to its Course ("" for Course itself).
    """

    course_field = "course"

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
        if _is_superuser(request):
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
        return self.scoped(request, super().get_queryset(request), self.course_field)

    @staticmethod
    def scoped(request: HttpRequest, queryset, course_field: str):
        """`queryset` narrowed to the courses the user teaches; `course_field` is the
        lookup from its model to Course ("" for Course itself)."""
        if _is_superuser(request):
            return queryset
        lookup = f"{course_field}__pk__in" if course_field else "pk__in"
        return queryset.filter(**{lookup: taught_course_ids(request)})

    def _scoped_choices(self, request: HttpRequest, model):
        """Instructors may only point content at their own courses' objects and people.

        None means "no restriction" (superusers, or a model that is not ours).
        """
        if _is_superuser(request):
            return None
        ids = taught_course_ids(request)
        if model is Course:
            return Course.objects.filter(pk__in=ids)
        if model in (Lecture, Cohort, Reading):
            return model.objects.filter(course__in=ids).select_related("course")
        if model is Section:
            # Choices show titles only; bodies can be large.
            return Section.objects.filter(lecture__course__in=ids).defer("body")
        if model is get_user_model():
            # Only people in their own courses: the site's user list is not theirs to see.
            return access.people_taught_by(request.user)
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


def limit_section_choices(formset, sections) -> None:
    """Offer `sections` in every inline row, read from the database once.

    A ModelChoiceField runs its query for each row it renders; a fixed list of
    choices keeps the page's query count flat. Validation still uses the queryset.
    Only titles are read: a section's body can be large and is not shown here.
    """
    field = formset.form.base_fields["section"]
    sections = sections.only("pk", "title", "lecture_id")
    field.queryset = sections
    field.choices = [("", field.empty_label), *((s.pk, str(s)) for s in sections)]
