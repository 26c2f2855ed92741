"""Forms for lecture pages and the admin's notes and roster uploads."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Cohort, Course, PendingUpload, Reading, ReviewLog
from .notes import NotesError, check_size
from .roster import ROSTER_MAX_BYTES, Roster, RosterError, roster_parse


class NotesUploadForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.none())
    notes = forms.FileField(
        label="Notes file",
        help_text="A UTF-8 text file in the lecture notes format (.txt or .md).",
        validators=[FileExtensionValidator(["txt", "md", "text", "markdown"])],
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the file's Title: line."
    )
    slug = forms.SlugField(
        max_length=80,
        required=False,
        help_text="Leave blank to derive it from the title. An existing slug updates that lecture.",
    )
    prune = forms.BooleanField(
        required=False,
        help_text="Delete sections that are gone from the file (default: archive them, "
        "keeping students' progress).",
    )

    def __init__(self, *args, courses=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if courses is not None:
            self.fields["course"].queryset = courses

    def clean_notes(self):
        upload = self.cleaned_data["notes"]
        # The import checks again, but only after the view has read the whole file.
        try:
            check_size(upload.size)
        except NotesError as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}. Nothing was imported.") from None
        return upload


PENDING_UPLOAD_SECONDS = 3600
UPLOAD_EXPIRED = "This upload has expired; upload the file again."


def pending_upload_store(*, user, payload: dict) -> str:
    """Keep an upload awaiting confirmation in the database; returns its token.

    Expired uploads are swept here, so the table holds at most an hour of them.
    """
    now = timezone.now()
    PendingUpload.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(24)
    PendingUpload.objects.create(
        user=user,
        token=token,
        course_id=payload["course_id"],
        filename=payload["filename"][:255],
        data=payload["data"],
        title=payload["title"],
        slug=payload["slug"],
        prune=payload["prune"],
        approved=payload.get("approved") or [],
        expires_at=now + timedelta(seconds=PENDING_UPLOAD_SECONDS),
    )
    return token


class NotesConfirmForm(forms.Form):
    """Confirms an upload kept server-side; `token` cleans to its stored payload.

    The payload gains "course" (re-checked against `courses`, which may have shrunk
    since the upload) and "pending" (the row, to delete once used). Another user's
    token, or an expired one, finds nothing.
    """

    token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": UPLOAD_EXPIRED, "max_length": UPLOAD_EXPIRED},
    )

    def __init__(self, *args, user, courses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.courses = courses

    def clean_token(self) -> dict:
        pending = PendingUpload.objects.filter(
            user=self.user, token=self.cleaned_data["token"], expires_at__gt=timezone.now()
        ).first()
        if pending is None:
            raise forms.ValidationError(UPLOAD_EXPIRED)
        course = self.courses.filter(pk=pending.course_id).first()
        if course is None:
            raise forms.ValidationError(
                "You can no longer import into that course. Nothing was imported."
            )
        return {
            "data": bytes(pending.data),
            "filename": pending.filename,
            "course_id": pending.course_id,
            "title": pending.title,
            "slug": pending.slug,
            "prune": pending.prune,
            "approved": pending.approved,
            "course": course,
            "pending": pending,
        }


class StudentAccountField(forms.CharField):
    """An account to enrol, named by its exact username or email address.

    Staff and superuser accounts are refused with the same message as a missing
    one, so an instructor cannot enrol (or discover) the site's administrators.
    """

    default_error_messages = {
        "missing": "There is no student account with that username or email address.",
        "ambiguous": "Several accounts share that email address; enter the username instead.",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", "Username or email")
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # The admin passes the current user's id for an existing enrolment.
        user = get_user_model().objects.filter(pk=value).first() if isinstance(value, int) else None
        return user.get_username() if user else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        users = get_user_model().objects.filter(
            Q(username=value) | Q(email__iexact=value),
            is_active=True,
            is_staff=False,
            is_superuser=False,
        )
        found = list(users[:2])
        by_username = [u for u in found if u.get_username() == value]
        if by_username:
            return by_username[0]
        if not found:
            raise forms.ValidationError(self.error_messages["missing"], code="missing")
        if len(found) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        return found[0]


class RosterUploadForm(forms.Form):
    """A CSV file of students for one of the instructor's courses; `file` cleans to
    a parsed `Roster` (rows the file refuses are in it, with their reasons)."""

    course = forms.ModelChoiceField(queryset=Course.objects.none())
    file = forms.FileField(
        label="CSV file",
        help_text="A header row naming the columns username, email and, if you like, first "
        "name, last name and cohort; then one student a line. UTF-8 (Excel: “CSV UTF-8”), "
        "separated by commas or semicolons.",
        validators=[FileExtensionValidator(["csv", "txt"])],
    )

    def __init__(self, *args, courses=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if courses is not None:
            self.fields["course"].queryset = courses

    def clean_file(self) -> Roster:
        upload = self.cleaned_data["file"]
        # Checked before reading: the upload may be far larger than any roster.
        if upload.size > ROSTER_MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is larger than {ROSTER_MAX_BYTES // 1000:,} KB; split it into "
                "smaller files. Nothing was changed."
            )
        try:
            return roster_parse(upload.read(), filename=upload.name)
        except RosterError as exc:
            raise forms.ValidationError(f"{upload.name}: {exc} Nothing was changed.") from None


ROSTER_MAX_AGE = 3600
ROSTER_TAMPERED = (
    "This upload could not be checked (it was altered, or belongs to another sign-in). "
    "Upload the file again; nothing was changed."
)
ROSTER_EXPIRED = (
    "This preview is more than an hour old. Upload the file again; nothing was changed."
)


def _roster_signer(user) -> signing.TimestampSigner:
    # Salted with the account, so one instructor's preview cannot be posted by another.
    return signing.TimestampSigner(salt=f"lectures.roster-upload:{user.pk}")


def roster_upload_sign(*, user, course: Course, roster: Roster) -> str:
    """The preview's hidden value: the course and the file's text, signed and dated."""
    payload = {"course": course.pk, "filename": roster.filename, "text": roster.text}
    return _roster_signer(user).sign_object(payload, compress=True)


class RosterConfirmForm(forms.Form):
    """Confirms a previewed roster; `payload` cleans to {"course", "roster"}.

    The file travels back from the preview page in a hidden field, signed with a
    TimestampSigner (SECRET_KEY, salted with the user), rather than waiting on the
    server. Nothing is kept between the two requests, in any process, cache or
    table: the confirmation may reach any app server, there is no table to sweep
    and no migration, and the signature's date gives the one-hour expiry. The
    price is sending the file (compressed, at most ROSTER_MAX_BYTES) back once,
    which the body limit allows. A forged, altered or expired value is refused; the
    course is checked again against the courses the user teaches now.
    """

    payload = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": ROSTER_TAMPERED}
    )

    def __init__(self, *args, user, courses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.courses = courses

    def clean_payload(self) -> dict:
        try:
            payload = _roster_signer(self.user).unsign_object(
                self.cleaned_data["payload"], max_age=ROSTER_MAX_AGE
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(ROSTER_EXPIRED, code="expired") from None
        except signing.BadSignature:
            raise forms.ValidationError(ROSTER_TAMPERED, code="tampered") from None
        course = self.courses.filter(pk=payload["course"]).first()
        if course is None:
            raise forms.ValidationError(
                "You no longer teach that course. Nothing was changed.", code="course"
            )
        try:
            roster = roster_parse(payload["text"], filename=payload["filename"])
        except RosterError as exc:  # only if the rules changed since the preview
            raise forms.ValidationError(f"{exc} Nothing was changed.", code="file") from None
        return {"course": course, "roster": roster}


class ProgressToggleForm(forms.Form):
    """The state the student wants, not a flip: a double click or two tabs agree."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )


class ReviewRevealForm(forms.Form):
    """Which of the student's cards to show with its answer (`?answer=<card id>`)."""

    answer = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class ReviewRatingForm(forms.Form):
    """A rating of one card. `rep` is how many reviews of it the page was shown
    after: a repeated post of the same review is recognised by it (lectures.review)."""

    card = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    rep = forms.IntegerField(min_value=0, max_value=2**31 - 1)
    rating = forms.TypedChoiceField(
        choices=[(str(value), label) for value, label in ReviewLog.Rating.choices], coerce=int
    )


class GlossarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)


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

    DEFAULTS = {**SortForm.DEFAULTS, "q": "", "cohort": None, "behind": False}

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
        help_text="A reading overdue, or under half the sections read.",
    )

    def __init__(self, *args, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.order_fields(["q", "cohort", "behind"])
