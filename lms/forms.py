"""Forms of the LMS pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, gettext_lazy

from lectures.models import Course

from .access import courses_linkable_by

NEW = "new"


class CourseLinkForm(forms.Form):
    course = forms.ChoiceField(
        label=gettext_lazy("Course on the course site"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Link this LMS course to one you teach here, or start a new one."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._courses = {str(course.pk): course for course in courses_linkable_by(user)}
        self.fields["course"].choices = [
            (NEW, gettext("A new course")),
            *((pk, course.title) for pk, course in self._courses.items()),
        ]

    def clean_course(self) -> Course | None:
        value = self.cleaned_data["course"]
        return None if value == NEW else self._courses[value]
