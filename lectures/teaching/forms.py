"""Forms of the instructor's pages: assigning readings, the report's filters and sort,
posting an announcement, and the teaching page's notes import and readings."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from coursesite.bounds import validate_sane_datetime
from lectures.content.uploads import pending_payload, pending_upload_find
from lectures.models import (
    ANNOUNCEMENT_MAX_LENGTH,
    ActionItem,
    Cohort,
    Course,
    Lecture,
    Reading,
    Section,
    validate_shown_as_written,
)
from lectures.notes import NotesError, check_size, normalise_text
from quizzes.models import Quiz


def _moment_field(label: str, help_text: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        # The model's bound, checked here too: the site's forms save through services.
        validators=[validate_sane_datetime],
    )


class QuizDatesForm(forms.ModelForm):
    """A quiz's opening, due and closing dates, each optional; the model's clean()
    puts each error of their order on the field to change."""

    opens_at = _moment_field("Opens", "Optional. Students can start it from then.")
    due_at = _moment_field(
        "Due",
        "Optional. On students' dashboards; after it, a student with no submitted "
        "attempt is overdue. Published with a due date, the quiz is mailed to them.",
    )
    closes_at = _moment_field("Closes", "Optional. No new attempts or answers after then.")

    class Meta:
        model = Quiz
        fields = ["opens_at", "due_at", "closes_at"]


class AssignmentFields(forms.Form):
    """The due date and note an assignment carries, shared by assigning and editing."""

    due_at = forms.DateTimeField(
        label="Due",
        required=False,
        help_text="Optional. In the site's time zone.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        # The model's bound, checked here too: the site's forms save through services.
        validators=[validate_sane_datetime],
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


class AnnouncementForm(forms.Form):
    """An announcement's text: the notes' Markdown subset, stored as an import
    stores a section's body (so it renders the same way)."""

    body = forms.CharField(
        label="New announcement",
        max_length=ANNOUNCEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Each line is a paragraph; start a line with “- ” for a bullet. "
        "**bold**, *italic*, `code` and [links](https://…) work. Posted here and "
        "mailed to the course's students.",
        error_messages={"required": "Write the announcement before posting it."},
        validators=[validate_shown_as_written],
    )

    def clean_body(self) -> str:
        body = normalise_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError("Write the announcement before posting it.", code="required")
        return body


# -- the teaching page ----------------------------------------------------------------


class NotesImportForm(forms.Form):
    """A notes file for a new lecture of the course, or over one of its lectures."""

    notes = forms.FileField(
        label="Notes file",
        help_text="A UTF-8 text file in the lecture notes format (.txt or .md).",
        validators=[FileExtensionValidator(["txt", "md", "text", "markdown"])],
    )
    lecture = forms.ModelChoiceField(
        label="Import into",
        queryset=Lecture.objects.none(),
        required=False,
        empty_label="A new lecture",
        help_text="Importing over a lecture updates it in place: students keep their "
        "progress on what is unchanged.",
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the file's Title: line."
    )
    prune = forms.BooleanField(
        label="Delete sections that are gone from the file",
        required=False,
        help_text="Otherwise they are archived: hidden from students, their progress kept.",
    )

    def __init__(self, *args, course: Course, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecture"].queryset = course.lectures.defer("overview").order_by(
            "position", "pk"
        )

    def clean_notes(self):
        upload = self.cleaned_data["notes"]
        # The import checks again, but only after the view has read the whole file.
        try:
            check_size(upload.size)
        except NotesError as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}. Nothing was imported.") from None
        return upload


UPLOAD_EXPIRED = "This upload has expired or was already used; upload the file again."


class NotesImportConfirmForm(forms.Form):
    """Confirms an upload of the user's into the course, kept in the database
    (lectures.content.uploads); `token` cleans to its payload with "pending", the row,
    to delete once used. Another user's token, another course's, a used one or an
    expired one finds nothing."""

    token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": UPLOAD_EXPIRED, "max_length": UPLOAD_EXPIRED},
    )

    def __init__(self, *args, user, course: Course, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.course = user, course

    def clean_token(self) -> dict:
        pending = pending_upload_find(user=self.user, token=self.cleaned_data["token"])
        if pending is None or pending.course_id != self.course.pk:
            raise forms.ValidationError(UPLOAD_EXPIRED)
        return {**pending_payload(pending), "pending": pending}


class ReadingForm(forms.ModelForm):
    """A reading of the course: a link, or a lecture and perhaps one of its sections.

    The section menu offers the chosen lecture's sections; with no lecture chosen,
    every lecture's, grouped under its title (htmx swaps the menu as the lecture
    changes; without JavaScript, Reading.clean says when the pair does not match).
    """

    # "example.org/notes" means https, as it will from Django 6 on.
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=Reading._meta.get_field("url").max_length,
        assume_scheme="https",
        help_text="A web page or document; leave blank to point at a lecture.",
    )

    class Meta:
        model = Reading
        fields = ["title", "url", "lecture", "section", "note"]
        labels = {"note": "Note to students"}
        help_texts = {"section": "Optional: the part of the lecture to read."}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, course: Course, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.course = course
        lecture = self.fields["lecture"]
        lecture.queryset = course.lectures.defer("overview").order_by("position", "pk")
        lecture.empty_label = "None: a link elsewhere"
        # The section menu follows the lecture: htmx asks this form's page for it.
        lecture.widget.attrs.update(
            {
                "hx-get": reverse("lectures:teach_reading_new", args=[course.slug]),
                "hx-trigger": "change",
                "hx-target": "#section-field",
                "hx-swap": "outerHTML",
                "aria-controls": "id_section",
            }
        )
        section = self.fields["section"]
        # Validation reads the chosen section through this: never its body.
        section.queryset = Section.objects.filter(lecture__course=course, archived=False).defer(
            "body"
        )
        section.empty_label = "The whole lecture"
        # Where static/js/site.js puts focus if the swap loses it.
        section.widget.attrs["class"] = "js-focus"
        self.lecture_id = self._chosen_lecture()
        section.choices = self._section_choices(section.queryset)

    def _chosen_lecture(self) -> int | None:
        raw = self["lecture"].value()
        try:
            return int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def _section_choices(self, sections) -> list:
        """The chosen lecture's sections, or every lecture's grouped by lecture. Only
        titles are read."""
        rows = sections.select_related("lecture").only("title", "lecture__title")
        if self.lecture_id is not None:
            rows = rows.filter(lecture=self.lecture_id)
        rows = list(rows.order_by("lecture__position", "lecture_id", "position", "pk"))
        empty = [("", self.fields["section"].empty_label)]
        if self.lecture_id is not None:
            return empty + [(s.pk, s.title) for s in rows]
        return empty + [
            (lecture.title, [(s.pk, s.title) for s in group])
            for lecture, group in groupby(rows, key=lambda s: s.lecture)
        ]


class ReadingsFromLectureForm(forms.Form):
    """Which of a lecture's action items and sections become readings, in one step."""

    items = forms.ModelMultipleChoiceField(
        label="Action items",
        queryset=ActionItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sections = forms.ModelMultipleChoiceField(
        label="Sections",
        queryset=Section.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, lecture: Lecture, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = lecture.action_items.order_by("position", "pk")
        self.fields["sections"].queryset = (
            lecture.sections.visible().defer("body").order_by("position", "pk")
        )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("items") or data.get("sections")):
            raise forms.ValidationError("Tick at least one action item or section.")
        return data
