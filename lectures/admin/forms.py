"""The admin's own forms: notes uploads, enrolling by username or email, and CSV rosters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lectures.content.uploads import pending_payload, pending_upload_find
from lectures.models import Course
from lectures.notes import NotesError, check_size
from lectures.teaching.roster_csv import ROSTER_MAX_BYTES, Roster, RosterError, roster_parse


class NotesUploadForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    notes = forms.FileField(
        label=_("Notes file"),
        help_text=_("A UTF-8 text file in the lecture notes format (.txt or .md)."),
        validators=[FileExtensionValidator(["txt", "md", "text", "markdown"])],
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave blank to use the file's Title: line."),
    )
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=80,
        required=False,
        help_text=_(
            "Leave blank to derive it from the title. An existing slug updates that lecture."
        ),
    )
    prune = forms.BooleanField(
        label=_("Prune"),
        required=False,
        help_text=_(
            "Delete sections that are gone from the file (default: archive them, "
            "keeping students' progress)."
        ),
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
            raise forms.ValidationError(
                _("%(file)s: %(problem)s. Nothing was imported.")
                % {"file": upload.name, "problem": exc}
            ) from None
        return upload


UPLOAD_EXPIRED = _("This upload has expired; upload the file again.")


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
        pending = pending_upload_find(user=self.user, token=self.cleaned_data["token"])
        if pending is None:
            raise forms.ValidationError(UPLOAD_EXPIRED)
        course = self.courses.filter(pk=pending.course_id).first()
        if course is None:
            raise forms.ValidationError(
                _("You can no longer import into that course. Nothing was imported.")
            )
        return {**pending_payload(pending), "course": course, "pending": pending}


class StudentAccountField(forms.CharField):
    """An account to enrol, named by its exact username or email address.

    Staff and superuser accounts are refused with the same message as a missing
    one, so an instructor cannot enrol (or discover) the site's administrators.
    """

    default_error_messages = {
        "missing": _("There is no student account with that username or email address."),
        "ambiguous": _("Several accounts share that email address; enter the username instead."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Username or email"))
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

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A header row naming the columns username, email and, if you like, first "
            "name, last name and cohort; then one student a line. UTF-8 (Excel: “CSV UTF-8”), "
            "separated by commas or semicolons."
        ),
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
                _(
                    "%(file)s is larger than %(kb)s KB; split it into smaller files. "
                    "Nothing was changed."
                )
                % {
                    "file": upload.name,
                    "kb": number_format(ROSTER_MAX_BYTES // 1000, force_grouping=True),
                }
            )
        try:
            return roster_parse(upload.read(), filename=upload.name)
        except RosterError as exc:
            raise forms.ValidationError(
                _("%(file)s: %(problem)s Nothing was changed.")
                % {"file": upload.name, "problem": exc}
            ) from None


ROSTER_MAX_AGE = 3600


ROSTER_TAMPERED = _(
    "This upload could not be checked (it was altered, or belongs to another sign-in). "
    "Upload the file again; nothing was changed."
)


ROSTER_EXPIRED = _(
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
                _("You no longer teach that course. Nothing was changed."), code="course"
            )
        try:
            roster = roster_parse(payload["text"], filename=payload["filename"])
        except RosterError as exc:  # only if the rules changed since the preview
            raise forms.ValidationError(
                _("%(problem)s Nothing was changed.") % {"problem": exc}, code="file"
            ) from None
        return {"course": course, "roster": roster}
