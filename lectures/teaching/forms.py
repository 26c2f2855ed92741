"""Forms of the instructor's pages: assigning readings, and the report's filters and sort."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from lectures.models import Cohort, Reading


class AssignmentFields(forms.Form):
    """The due date and note an assignment carries, shared by assigning and editing."""

    due_at = forms.DateTimeField(
        label="Due",
        required=False,
        help_text="Optional. In the site's time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    note = forms.CharField(
        label="Note to students",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(AssignmentFields):
    """Readings of one course to some of its students and cohorts.

    The student field accepts any student of the course; the page lists only
    those matching the search (a course can have thousands), plus those already
    picked.
    """

    readings = forms.ModelMultipleChoiceField(
        queryset=Reading.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one reading."},
    )
    students = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(), required=False
    )
    cohorts = forms.ModelMultipleChoiceField(
        queryset=Cohort.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, readings, students, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["readings"].queryset = readings
        self.fields["students"].queryset = students
        self.fields["cohorts"].queryset = cohorts
        self.order_fields(["readings", "students", "cohorts", "due_at", "note"])

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("students") or data.get("cohorts")):
            raise forms.ValidationError("Pick at least one student or cohort to assign to.")
        return data


class StudentSearchForm(forms.Form):
    q = forms.CharField(label="Find students", required=False, max_length=100, strip=True)


class PlainSelect(forms.Select):
    """A <select> built in Python instead of one template render per option.

    A course of 100,000 students has thousands of cohorts: Django's per-option
    templates took 250–400 ms a page to list 3,334 of them, this a few. Values and
    labels are escaped by format_html; there are no option groups here.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                # A constant attribute, not user input.
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class SortForm(forms.Form):
    """A table's sort column and direction, from the query string. A value that does
    not clean falls back to its default (see `value`), so a stale link still shows
    the table."""

    DEFAULTS: dict = {"sort": "name", "dir": "asc"}

    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(
        choices=[("asc", "ascending"), ("desc", "descending")],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, sorts: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = sorts

    def value(self, name: str):
        """The cleaned value of `name`, or its default when missing or invalid."""
        if not self.is_valid() and name in self.errors:
            return self.DEFAULTS[name]
        return self.cleaned_data.get(name) or self.DEFAULTS[name]


class FlagInput(forms.CheckboxInput):
    """A checkbox read from a link as well as a form: `?behind=1` is on, `?behind=0`
    off (CheckboxInput would read any non-empty string as on)."""

    def __init__(self, attrs=None) -> None:
        super().__init__({"value": "1", **(attrs or {})})

    def value_from_datadict(self, data, files, name) -> bool:
        return data.get(name, "").lower() in ("1", "on", "true", "yes")


class ReportForm(SortForm):
    """The instructor report's filters, and its sort."""

    DEFAULTS = {**SortForm.DEFAULTS, "q": "", "cohort": None, "behind": False, "details": None}

    q = forms.CharField(label="Name or username", required=False, max_length=100, strip=True)
    cohort = forms.ModelChoiceField(
        label="Cohort",
        queryset=Cohort.objects.none(),
        required=False,
        empty_label="All students",
        widget=PlainSelect,
    )
    behind = forms.BooleanField(
        label="Only students who are behind",
        required=False,
        widget=FlagInput,
        help_text="A reading or quiz overdue, or under half the sections read of the "
        "lectures published long enough ago.",
    )
    # The report shows one column per lecture; the chosen lecture also gets its
    # detail columns. A lecture that is not one of the report's (another course's,
    # a draft, a stale link's) does not clean and falls back to none.
    details = forms.TypedChoiceField(
        label="Show details for",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Sections, action items, quiz and recall of one lecture.",
    )

    def __init__(self, *args, cohorts, days: int | None = None, lectures=(), **kwargs) -> None:
        """`days`: the course's Course.behind_after_days, which the help text names;
        `lectures`: the report's (reports.ReportLecture), the choices of `details`."""
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["details"].choices = [
            ("", "No lecture"),
            *((lec.pk, lec.title) for lec in lectures),
        ]
        if days is not None:
            self.fields["behind"].help_text = ngettext(
                "A reading or quiz overdue, or under half the sections read of the lectures "
                "published at least %(n)d day ago.",
                "A reading or quiz overdue, or under half the sections read of the lectures "
                "published at least %(n)d days ago.",
                days,
            ) % {"n": days}
        self.order_fields(["q", "cohort", "behind", "details"])
